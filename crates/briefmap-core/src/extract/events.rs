//! Events: which sentences report something happening (triggers per language), the brief's
//! main event and its kind and date, and the other dated facts the brief mentions.

use crate::model::EventKind;

/// Trigger words: (folded form, kind, whether the form is a prefix).
const TRIGGERS: &[(&str, EventKind, bool)] = &[
    // meetings
    ("meeting", EventKind::Meeting, false),
    ("meetings", EventKind::Meeting, false),
    ("met", EventKind::Meeting, false),
    ("meets", EventKind::Meeting, false),
    ("summit", EventKind::Meeting, false),
    ("rencontre", EventKind::Meeting, true),
    ("reunion", EventKind::Meeting, true),
    ("sommet", EventKind::Meeting, false),
    ("entretien", EventKind::Meeting, true),
    ("встреч", EventKind::Meeting, true),
    ("встретил", EventKind::Meeting, true),
    ("саммит", EventKind::Meeting, true),
    ("gorus", EventKind::Meeting, true),
    ("zirve", EventKind::Meeting, true),
    ("treffen", EventKind::Meeting, true),
    ("traf", EventKind::Meeting, false),
    ("trafen", EventKind::Meeting, false),
    ("getroffen", EventKind::Meeting, false),
    ("gipfel", EventKind::Meeting, true),
    ("кездес", EventKind::Meeting, true),
    ("forum", EventKind::Meeting, false),
    ("форум", EventKind::Meeting, true),
    ("conference", EventKind::Meeting, false),
    ("конференци", EventKind::Meeting, true),
    ("заседани", EventKind::Meeting, true),
    ("session", EventKind::Meeting, false),
    // visits
    ("visit", EventKind::Visit, false),
    ("visits", EventKind::Visit, false),
    ("visited", EventKind::Visit, false),
    ("visiting", EventKind::Visit, false),
    ("visite", EventKind::Visit, false),
    ("visites", EventKind::Visit, false),
    ("visiter", EventKind::Visit, false),
    ("визит", EventKind::Visit, true),
    ("посетил", EventKind::Visit, true),
    ("посещени", EventKind::Visit, true),
    ("прибыл", EventKind::Visit, true),
    ("ziyaret", EventKind::Visit, true),
    ("besuch", EventKind::Visit, true),
    ("сапар", EventKind::Visit, true),
    ("toured", EventKind::Visit, false),
    ("arrived", EventKind::Visit, false),
    // talks
    ("talks", EventKind::Talks, false),
    ("discussed", EventKind::Talks, false),
    ("discuss", EventKind::Talks, false),
    ("discussions", EventKind::Talks, false),
    ("negotiations", EventKind::Talks, false),
    ("discut", EventKind::Talks, true),
    ("pourparlers", EventKind::Talks, false),
    ("negociations", EventKind::Talks, false),
    ("переговор", EventKind::Talks, true),
    ("обсуд", EventKind::Talks, true),
    ("обсужд", EventKind::Talks, true),
    ("gesprach", EventKind::Talks, true),
    ("verhandl", EventKind::Talks, true),
    ("erorter", EventKind::Talks, true),
    ("muzakere", EventKind::Talks, true),
    ("istisare", EventKind::Talks, true),
    ("келиссоз", EventKind::Talks, true),
    ("талкыла", EventKind::Talks, true),
    // agreements
    ("agreement", EventKind::Agreement, true),
    ("signed", EventKind::Agreement, false),
    ("memorandum", EventKind::Agreement, true),
    ("accord", EventKind::Agreement, true),
    ("signe", EventKind::Agreement, false),
    ("signent", EventKind::Agreement, false),
    ("signera", EventKind::Agreement, true),
    ("соглашени", EventKind::Agreement, true),
    ("меморандум", EventKind::Agreement, true),
    ("подписал", EventKind::Agreement, true),
    ("подписан", EventKind::Agreement, true),
    ("anlasma", EventKind::Agreement, true),
    ("mutabakat", EventKind::Agreement, true),
    ("imzala", EventKind::Agreement, true),
    ("abkommen", EventKind::Agreement, true),
    ("vereinbarung", EventKind::Agreement, true),
    ("unterzeichn", EventKind::Agreement, true),
    ("келисим", EventKind::Agreement, true),
    ("protocol", EventKind::Agreement, true),
    ("protocole", EventKind::Agreement, true),
    ("протокол", EventKind::Agreement, true),
    ("contract", EventKind::Deal, true),
    ("contrat", EventKind::Deal, true),
    ("контракт", EventKind::Deal, true),
    ("deal", EventKind::Deal, false),
    ("сделк", EventKind::Deal, true),
    ("sozlesme", EventKind::Deal, true),
    ("vertrag", EventKind::Deal, true),
    // statements
    ("said", EventKind::Statement, false),
    ("says", EventKind::Statement, false),
    ("stated", EventKind::Statement, false),
    ("announced", EventKind::Statement, false),
    ("declared", EventKind::Statement, false),
    ("told", EventKind::Statement, false),
    ("wrote", EventKind::Statement, false),
    ("declare", EventKind::Statement, false),
    ("declarait", EventKind::Statement, false),
    ("annonce", EventKind::Statement, false),
    ("ecrit", EventKind::Statement, false),
    ("affirme", EventKind::Statement, false),
    ("заявил", EventKind::Statement, true),
    ("сообщил", EventKind::Statement, true),
    ("отметил", EventKind::Statement, true),
    ("заявлени", EventKind::Statement, true),
    ("acikla", EventKind::Statement, true),
    ("soyledi", EventKind::Statement, false),
    ("belirtti", EventKind::Statement, false),
    ("erklarte", EventKind::Statement, false),
    ("sagte", EventKind::Statement, false),
    ("kundigte", EventKind::Statement, false),
    ("малимдеди", EventKind::Statement, false),
    ("атап", EventKind::Statement, false),
    // votes
    ("vote", EventKind::Vote, false),
    ("voted", EventKind::Vote, false),
    ("vote", EventKind::Vote, false),
    ("voter", EventKind::Vote, false),
    ("referendum", EventKind::Vote, false),
    ("референдум", EventKind::Vote, true),
    ("голосова", EventKind::Vote, true),
    ("проголосова", EventKind::Vote, true),
    ("oylama", EventKind::Vote, true),
    ("abstimm", EventKind::Vote, true),
    ("election", EventKind::Vote, true),
    ("выбор", EventKind::Vote, true),
    // bans
    ("ban", EventKind::Ban, false),
    ("banned", EventKind::Ban, false),
    ("bans", EventKind::Ban, false),
    ("interdiction", EventKind::Ban, false),
    ("interdit", EventKind::Ban, true),
    ("запрет", EventKind::Ban, true),
    ("yasak", EventKind::Ban, true),
    ("verbot", EventKind::Ban, true),
    ("embargo", EventKind::Ban, true),
    ("эмбарго", EventKind::Ban, true),
    ("sanctions", EventKind::Ban, false),
    ("санкци", EventKind::Ban, true),
    // records
    ("record", EventKind::Record, false),
    ("рекорд", EventKind::Record, true),
    ("rekor", EventKind::Record, true),
    ("rekord", EventKind::Record, true),
    // launches
    ("launched", EventKind::Launch, false),
    ("launch", EventKind::Launch, false),
    ("inaugur", EventKind::Launch, true),
    ("lance", EventKind::Launch, false),
    ("commissioned", EventKind::Launch, false),
    ("запуск", EventKind::Launch, true),
    ("запустил", EventKind::Launch, true),
    ("открыт", EventKind::Launch, true),
    ("acilis", EventKind::Launch, true),
    ("eroffn", EventKind::Launch, true),
    // construction
    ("construction", EventKind::Construction, false),
    ("строительств", EventKind::Construction, true),
    ("insaat", EventKind::Construction, true),
    ("baubeginn", EventKind::Construction, true),
    ("курылыс", EventKind::Construction, true),
    // supply
    ("supply", EventKind::Supply, false),
    ("supplies", EventKind::Supply, false),
    ("deliveries", EventKind::Supply, false),
    ("fourniture", EventKind::Supply, true),
    ("approvisionnement", EventKind::Supply, true),
    ("поставк", EventKind::Supply, true),
    ("tedarik", EventKind::Supply, true),
    ("lieferung", EventKind::Supply, true),
    ("exports", EventKind::Supply, false),
    ("exported", EventKind::Supply, false),
    ("экспорт", EventKind::Supply, true),
    ("ihracat", EventKind::Supply, true),
    // investment
    ("investment", EventKind::Investment, true),
    ("investissement", EventKind::Investment, true),
    ("инвестици", EventKind::Investment, true),
    ("yatirim", EventKind::Investment, true),
    ("investition", EventKind::Investment, true),
    // appointments
    ("appointed", EventKind::Appointment, false),
    ("nomme", EventKind::Appointment, false),
    ("назначен", EventKind::Appointment, true),
    ("atandi", EventKind::Appointment, true),
    ("ernannt", EventKind::Appointment, false),
    ("тагайында", EventKind::Appointment, true),
];

/// The event kind a folded word triggers, if any.
pub fn trigger(word: &str) -> Option<EventKind> {
    TRIGGERS
        .iter()
        .find(|(form, _, prefix)| {
            if *prefix {
                word.starts_with(form)
            } else {
                word == *form
            }
        })
        .map(|&(_, kind, _)| kind)
}

/// How strongly a kind says "this is what happened" (higher wins for the main event).
pub fn strength(kind: EventKind) -> u8 {
    match kind {
        EventKind::Agreement => 14,
        EventKind::Deal => 13,
        EventKind::Meeting => 12,
        EventKind::Visit => 11,
        EventKind::Vote => 10,
        EventKind::Ban => 9,
        EventKind::Launch => 8,
        EventKind::Construction => 7,
        EventKind::Appointment => 6,
        EventKind::Record => 5,
        EventKind::Investment => 4,
        EventKind::Supply => 3,
        EventKind::Talks => 2,
        EventKind::Statement => 1,
        EventKind::Other => 0,
    }
}

/// Kinds that make a sentence the report of an event rather than commentary.
pub fn is_strong(kind: EventKind) -> bool {
    strength(kind) >= strength(EventKind::Talks)
        && kind != EventKind::Supply
        && kind != EventKind::Investment
}

/// Shortens a sentence to a title of at most `max_chars`, at a word boundary.
pub fn clip_title(sentence: &str, max_chars: usize) -> String {
    let clean: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean.trim_end_matches(['.', ' ']);
    if clean.chars().count() <= max_chars {
        return clean.to_string();
    }
    let mut out = String::new();
    for word in clean.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max_chars.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ';', ':', ' ', '-', '–']);
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_in_each_language() {
        assert_eq!(trigger("встреча"), Some(EventKind::Meeting));
        assert_eq!(trigger("rencontre"), Some(EventKind::Meeting));
        assert_eq!(trigger("gorustu"), Some(EventKind::Meeting));
        assert_eq!(trigger("visite"), Some(EventKind::Visit));
        assert_eq!(trigger("vote"), Some(EventKind::Vote));
        assert_eq!(trigger("interdiction"), Some(EventKind::Ban));
        assert_eq!(trigger("significant"), None);
        assert_eq!(trigger("declare"), Some(EventKind::Statement));
    }

    #[test]
    fn titles_are_clipped_at_words() {
        assert_eq!(clip_title("Talks in Ankara.", 40), "Talks in Ankara");
        let t = clip_title(
            "Kazakhstan and Turkmenistan continue to strengthen energy cooperation",
            40,
        );
        assert!(t.ends_with('…') && t.chars().count() <= 40, "{t}");
        assert!(t.starts_with("Kazakhstan and Turkmenistan continue"));
    }
}
