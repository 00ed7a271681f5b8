//! Language knowledge, one lexicon per language (`en`, `fr`, `ru`, `tr`, `de`, `kk`): month
//! and weekday names, relative-date words, prepositions, event triggers, organisation heads and
//! legal forms, media-credit phrases, furniture markers and the case endings names take. Words
//! are *folded* (lower case, accents and Kazakh/Turkish letters reduced: see `text::fold`).
//! Adding a language is one more lexicon here plus gazetteer data; nothing else names a
//! language's words.
//!
//! Matching is language-agnostic by default (a brief may quote another language, and its
//! language may be misdetected): the helpers below look through every lexicon.

pub mod de;
pub mod en;
pub mod fr;
pub mod index;
pub mod kk;
pub mod ru;
pub mod tr;

use chrono::Weekday;

use crate::model::{EventKind, OrgKind, PlaceKind};

/// Everything briefmap knows of one language.
pub struct Lexicon {
    /// ISO 639-1 code.
    pub language: &'static str,
    pub dates: Dates,
    pub events: Events,
    pub places: Places,
    pub organizations: Organizations,
    pub people: People,
    pub furniture: Furniture,
    pub morphology: Morphology,
    /// How the language's letters are written in English names (Cyrillic → Latin), longest
    /// sequences first; empty for Latin-script languages.
    pub romanization: &'static [(&'static str, &'static str)],
}

/// How a word is matched against a lexicon form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The whole word.
    Word,
    /// The word starts with the form (a stem: "встреч" matches "встреча", "встречи").
    Prefix,
    /// The word ends with the form ("energieministerium").
    Suffix,
}

impl Match {
    pub fn matches(self, form: &str, word: &str) -> bool {
        match self {
            Match::Word => word == form,
            Match::Prefix => word.starts_with(form),
            Match::Suffix => word.len() > form.len() && word.ends_with(form),
        }
    }
}

/// When a weekday word counts as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayCue {
    /// Always.
    None,
    /// Only after "в"/"во" ("в среду": "среда" alone is also "environment").
    AfterPreposition,
    /// Only before "günü" ("Salı" is also a name, "Pazar" a market).
    BeforeDayWord,
}

/// A date relative to the publication day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Today,
    Yesterday,
    DayBeforeYesterday,
    Tomorrow,
    ThisWeek,
    LastWeek,
    NextWeek,
    ThisMonth,
    LastMonth,
    ThisYear,
    LastYear,
    NextYear,
}

pub struct Dates {
    /// Month names and abbreviations, whole words.
    pub months: &'static [(&'static str, u32)],
    /// Month stems and how many letters an ending may add ("марта", "Ekimde").
    pub month_stems: &'static [(&'static str, u32, usize)],
    /// Month names that are also ordinary words and count only when capitalised ("May").
    pub capitalised_months: &'static [&'static str],
    /// A word for "month" after a month's name that makes it a date ("Ekim ayında").
    pub month_words: &'static [(&'static str, Match)],
    pub weekdays: &'static [(&'static str, Weekday, WeekdayCue)],
    /// Weekday stems with case endings ("жұма күні", "сәрсенбіде").
    pub weekday_stems: &'static [(&'static str, Weekday, usize)],
    /// Words before a weekday that `AfterPreposition` asks for.
    pub weekday_prepositions: &'static [&'static str],
    /// The word after a weekday that `BeforeDayWord` asks for (a prefix).
    pub day_word: Option<&'static str>,
    pub relative: &'static [(&'static [&'static str], Relative)],
    /// Words that introduce a bare month or year ("en octobre", "in 2023", "в марте").
    pub time_prepositions: &'static [&'static str],
    /// Words after a year that make it a date ("2023 году", "2023 yılında").
    pub year_words: &'static [&'static str],
    /// A word before the day that says the year comes first ("2025 жылғы 3 қыркүйекте").
    pub year_first_words: &'static [&'static str],
    /// Words joining the two days of a range ("du 2 au 4 juin", "с 2 по 4 июня").
    pub range_joiners: &'static [&'static str],
    /// Words that open a range before its first day ("du", "с", "vom").
    pub range_openers: &'static [&'static str],
    /// Words that put their sentence in the future.
    pub future_words: &'static [&'static str],
    /// Future verb endings, with the shortest word they apply to.
    pub future_endings: &'static [(&'static str, usize)],
    /// Words in the past tense (auxiliaries, irregular verbs): a date nearer one of them than
    /// any word of the future belongs to what happened, even in a sentence that also looks
    /// ahead ("began on Friday … and expects to reach full capacity by 2025").
    pub past_words: &'static [&'static str],
    /// Past-tense verb endings, with the shortest word they apply to.
    pub past_endings: &'static [(&'static str, usize)],
}

pub struct Events {
    /// Words that report an event of a kind.
    pub triggers: &'static [(&'static str, EventKind, Match)],
}

pub struct Places {
    /// Prepositions of place ("in", "à", "в").
    pub locative_prepositions: &'static [&'static str],
    /// Words of motion towards a place, in a visit ("to", "nach").
    pub direction_words: &'static [&'static str],
    /// Verbs of visiting that make the next place the visit's ("visited", "посетил").
    pub visit_verbs: &'static [&'static str],
    /// Locative endings written after an apostrophe ("Ankara'da").
    pub locative_after_apostrophe: &'static [&'static str],
    /// Locative endings written on the name itself ("Астанада").
    pub locative_endings: &'static [&'static str],
    /// Words after a name that make it a region, sea or river ("Krasnodar region").
    pub area_after: &'static [&'static str],
    /// Words before a name that make it a region, sea or river ("на реке Вахш").
    pub area_before: &'static [&'static str],
    /// Little words between an area word and its name ("région de Krasnodar").
    pub area_linkers: &'static [&'static str],
    /// Words that name something else than the town they are the name of (oil benchmarks:
    /// "Brent", "Urals").
    pub never_places: &'static [&'static str],
    /// Route words (folded, spaces between words) and the kind and English word they give.
    pub route_words: &'static [(&'static str, PlaceKind, &'static str)],
}

/// Where a ministry's subject stands relative to the head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinistryHead {
    /// "Ministry of Energy", "ministère de l'Énergie", "Министерство энергетики".
    Before,
    /// "Energy Ministry", "Enerji Bakanlığı", "Энергетика министрлігі".
    After,
    /// "Energieministerium": subject and head in one word.
    Compound,
}

pub struct Organizations {
    /// Words for "ministry", where its subject stands, and how the word is matched.
    pub ministry_heads: &'static [(&'static str, MinistryHead, Match)],
    /// Ministry subject stems and their English name ("энерг" → Energy).
    pub ministry_subjects: &'static [(&'static str, &'static str)],
    /// Words for "republic" inside a ministry's name ("Министерство энергетики РК").
    pub republic_words: &'static [&'static str],
    /// Little words inside a ministry's name ("of", "de", "и").
    pub connectors: &'static [&'static str],
    /// Legal forms and cue words before a company's name in quotes (АО «…», la société «…»).
    pub company_cues: &'static [&'static str],
    /// Last words that make a run of capitalised words an organisation's name, and the kind
    /// of organisation they make.
    pub heads: &'static [(&'static str, OrgKind)],
    /// Little words allowed inside such a name ("Fund for Development").
    pub name_connectors: &'static [&'static str],
    /// Words near which a misspelt company name is tried against the known ones.
    pub context: &'static [&'static str],
    /// Articles and possessives between a country and a ministry ("Kazakhstan's Ministry").
    pub articles: &'static [&'static str],
    /// Legal forms written after a company's name ("B.V.", "GmbH", "LLP", "A.Ş."), lower case,
    /// with their dots. Terms from the PyPI package `cleanco` 2.3 (MIT), for the countries
    /// whose companies the briefs name, and our own for Turkey and Kazakhstan.
    pub legal_forms: &'static [&'static str],
    /// Legal forms kept as part of the name in running text ("Limited", "AG").
    pub legal_words: &'static [&'static str],
    /// Connectors that join two names rather than stand inside one ("and", "et", "ve").
    pub connectors_between_names: &'static [&'static str],
    /// Last words of a run of capitalised words that make it no organisation ("… Project",
    /// "… Initiative"), even when an acronym follows it.
    pub not_org_endings: &'static [&'static str],
    /// Words for a government ("government", "правительств"): "Government of <country>".
    pub government_words: &'static [(&'static str, Match)],
    /// Words for an embassy: "Embassy of <country>".
    pub embassy_words: &'static [(&'static str, Match)],
    /// Short names of ministries and their subject ("минэнерго" → Energy).
    pub ministry_abbreviations: &'static [(&'static str, &'static str)],
    /// Head nouns that open an organisation's name ("Agence de l'énergie atomique",
    /// "Агентство по атомной энергии"), and the kind they make.
    pub leading_heads: &'static [(&'static str, OrgKind)],
    /// Words beside an outlet's name that credit it as the brief's source ("Trend reports",
    /// "selon l'AFP", "передает DKNews.kz", "AA'nın haberine göre", "wie dpa berichtet").
    pub media_credits: &'static [&'static str],
}

pub struct People {
    /// Sentence openers that are not part of a title before a name.
    pub leading_noise: &'static [&'static str],
    /// Little words that are never part of a person's name.
    pub connectors: &'static [&'static str],
    /// Lower-case words that go on inside a title before a name ("vice", "board", "conseil").
    pub title_words: &'static [&'static str],
    /// Endings of the region's surnames ("-ov", "-uly", "-oğlu").
    pub surname_endings: &'static [&'static str],
}

pub struct Furniture {
    pub photo_prefixes: &'static [&'static str],
    pub source_prefixes: &'static [&'static str],
    pub tag_prefixes: &'static [&'static str],
    pub related_prefixes: &'static [&'static str],
    pub journalist_words: &'static [&'static str],
    /// Words of an outlet's desk in a byline ("newsroom", "Haber Merkezi", "Редакция").
    pub desk_words: &'static [&'static str],
    /// Words that open a byline ("By", "Par", "Автор:").
    pub byline_openers: &'static [&'static str],
    /// Words of a view counter ("1023 views", "Просмотров: 1023").
    pub counter_words: &'static [&'static str],
    /// Words that say a line dates or signs the page ("publié le", "mis à jour", "обновлено").
    pub published_markers: &'static [&'static str],
    /// Machine-translation disclaimers ("automatically translated", "traduit automatiquement").
    pub disclaimers: &'static [&'static str],
    /// Words of a cookie banner.
    pub cookie_words: &'static [&'static str],
    /// Abbreviations whose dot does not end a sentence.
    pub abbreviations: &'static [&'static str],
}

pub struct Morphology {
    /// Noun case endings and what the nominative may end with instead (Анкаре → Анкара).
    pub noun_endings: &'static [(&'static str, &'static [&'static str])],
    /// Case endings cut off bare (Астанада → Астана).
    pub bare_endings: &'static [&'static str],
    /// Endings of adjectives made from place names (Тенгизского → Тенгиз).
    pub place_adjective_endings: &'static [&'static str],
    /// Adjective endings of the oblique cases and their nominatives (Транскаспийского).
    pub adjective_endings: &'static [(&'static str, &'static [&'static str])],
    /// Endings of a given name in the oblique cases, and the surname endings that go with them.
    pub given_name_endings: &'static [(&'static str, &'static [&'static str])],
    /// A genitive -s on Latin names ("Kasachstans").
    pub genitive_s: bool,
    /// Weak adjective declension in -en ("der Europäischen Kommission").
    pub weak_adjective_en: bool,
}

/// Every lexicon.
pub const ALL: [&Lexicon; 6] = [
    &en::LEXICON,
    &fr::LEXICON,
    &ru::LEXICON,
    &tr::LEXICON,
    &de::LEXICON,
    &kk::LEXICON,
];

/// A Cyrillic name written in English letters, as English-language news writes the region's
/// names (Марат Қарабаев → Marat Karabayev, Алексей Лихачёв → Aleksey Likhachev): Kazakh
/// letters first, then Russian; "е" after a vowel or at the start is "ye", "ий" is "iy".
pub fn romanize(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    let is_vowel = |c: char| "аеёиоуыэюяәіөұүАЕЁИОУЫЭЮЯӘІӨҰҮ".contains(c);
    while i < chars.len() {
        let c = chars[i];
        let lower: String = c.to_lowercase().collect();
        let upper = c.is_uppercase();
        // "е" at a word's start or after a vowel or a soft/hard sign.
        if lower == "е" {
            let after_vowel = i == 0
                || !chars[i - 1].is_alphabetic()
                || is_vowel(chars[i - 1])
                || "ьъЬЪ".contains(chars[i - 1]);
            out.push_str(match (after_vowel, upper) {
                (true, true) => "Ye",
                (true, false) => "ye",
                (false, true) => "E",
                (false, false) => "e",
            });
            i += 1;
            continue;
        }
        let pair: String = chars[i..(i + 2).min(chars.len())]
            .iter()
            .collect::<String>()
            .to_lowercase();
        let (latin, used) = ALL
            .iter()
            .flat_map(|l| l.romanization.iter())
            .find(|(cyr, _)| pair.starts_with(cyr) && cyr.chars().count() == 2)
            .map(|(_, lat)| (*lat, 2))
            .or_else(|| {
                ALL.iter()
                    .flat_map(|l| l.romanization.iter())
                    .find(|(cyr, _)| *cyr == lower)
                    .map(|(_, lat)| (*lat, 1))
            })
            .unwrap_or(("", 0));
        if used == 0 {
            out.push(c);
            i += 1;
            continue;
        }
        if upper {
            let mut letters = latin.chars();
            if let Some(first) = letters.next() {
                out.extend(first.to_uppercase());
                out.push_str(letters.as_str());
            }
        } else {
            out.push_str(latin);
        }
        i += used;
    }
    out
}

/// The lexicon of a language, by ISO 639-1 code.
pub fn of(language: &str) -> Option<&'static Lexicon> {
    ALL.iter().copied().find(|l| l.language == language)
}

/// Whether any lexicon's `list` (chosen by `pick`) holds `word`.
pub fn any_has(pick: impl Fn(&'static Lexicon) -> &'static [&'static str], word: &str) -> bool {
    ALL.iter().any(|l| pick(l).contains(&word))
}

/// Every entry of one list, across lexicons.
pub fn all_of<T: 'static>(
    pick: impl Fn(&'static Lexicon) -> &'static [T],
) -> impl Iterator<Item = &'static T> {
    ALL.into_iter().flat_map(pick)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    /// Every lexicon word is written folded, as the matchers compare it.
    #[test]
    fn lexicon_words_are_folded() {
        for l in ALL {
            let lists: [&[&str]; 14] = [
                l.people.surname_endings,
                l.dates.time_prepositions,
                l.dates.year_words,
                l.dates.range_joiners,
                l.dates.future_words,
                l.dates.past_words,
                l.places.locative_prepositions,
                l.places.direction_words,
                l.places.visit_verbs,
                l.places.area_after,
                l.places.area_before,
                l.organizations.company_cues,
                l.organizations.context,
                l.organizations.media_credits,
            ];
            for list in lists {
                for w in list {
                    assert_eq!(&fold(w), w, "{}: {w} is not folded", l.language);
                }
            }
            for (form, _, _) in l.events.triggers {
                assert_eq!(&fold(form), form, "{}: trigger {form}", l.language);
            }
            for (form, _) in l.dates.months {
                assert_eq!(&fold(form), form, "{}: month {form}", l.language);
            }
        }
    }

    #[test]
    fn cyrillic_names_are_written_in_english_letters() {
        assert_eq!(romanize("Марат Қарабаев"), "Marat Karabayev");
        assert_eq!(romanize("Алексей Лихачёв"), "Aleksey Likhachyov");
        assert_eq!(romanize("Денис Паслер"), "Denis Pasler");
        assert_eq!(romanize("Нұрлан Әбдіров"), "Nurlan Abdirov");
        assert_eq!(romanize("Жұрабек Мирзамахмудов"), "Zhurabek Mirzamakhmudov");
        assert_eq!(romanize("Маджид Чегени"), "Majid Chegeni");
        assert_eq!(romanize("Евгений Щербаков"), "Yevgeniy Shcherbakov");
        assert_eq!(romanize("Kazakh"), "Kazakh");
    }

    #[test]
    fn every_language_has_its_months_and_triggers() {
        for l in ALL {
            let months: std::collections::BTreeSet<u32> = l
                .dates
                .months
                .iter()
                .map(|(_, m)| *m)
                .chain(l.dates.month_stems.iter().map(|(_, m, _)| *m))
                .collect();
            assert_eq!(months.len(), 12, "{} names all twelve months", l.language);
            assert!(
                l.dates.weekdays.len() + l.dates.weekday_stems.len() >= 7,
                "{} weekdays",
                l.language
            );
            assert!(l.events.triggers.len() >= 30, "{} triggers", l.language);
        }
        assert!(of("kk").is_some() && of("xx").is_none());
    }
}
