//! Events: which sentences report something happening (triggers per language), the brief's
//! main event and its kind and date, and the other dated facts the brief mentions.

use std::sync::OnceLock;

use crate::lexicon::{self, index::FormIndex};
use crate::model::EventKind;

/// The event kind a folded word triggers, if any (the languages' lexicons, in order).
pub fn trigger(word: &str) -> Option<EventKind> {
    static TRIGGERS: OnceLock<FormIndex<EventKind>> = OnceLock::new();
    TRIGGERS
        .get_or_init(|| {
            FormIndex::new(
                lexicon::all_of(|l| l.events.triggers).map(|&(form, kind, how)| (form, kind, how)),
            )
        })
        .find(word)
}

/// How strongly a kind says "this is what happened" (higher wins for the main event).
pub fn strength(kind: EventKind) -> u8 {
    match kind {
        EventKind::Agreement => 14,
        EventKind::Deal => 13,
        EventKind::Meeting => 12,
        EventKind::Visit => 11,
        EventKind::Vote => 10,
        EventKind::Accident => 10,
        EventKind::Sanction => 9,
        EventKind::Ban => 9,
        EventKind::Court => 9,
        EventKind::Launch => 8,
        EventKind::Tender => 7,
        EventKind::Construction => 7,
        EventKind::Appointment => 6,
        EventKind::Record => 5,
        EventKind::Investment => 4,
        EventKind::Price => 4,
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
}
