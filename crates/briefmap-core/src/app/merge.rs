//! Three-way merge of one brief's corrections, for a save that finds the sidecar changed on
//! disk since briefmap read it: `base` is what was read (or last written), `ours` what the
//! app holds now, `theirs` what the file holds now. Corrections are merged entry by entry —
//! one per extracted event (by its match) and one per added event (by its id): an entry
//! changed on one side only takes that side; changed alike on both sides, either; changed
//! differently on both sides, it is a conflict and nothing is merged. A side that holds two
//! entries for one event (a hand-edited file) is a conflict too: merging would drop one.

use super::corrections::{AddedEvent, Corrections, EventCorrection, EventMatch};

/// An entry both sides changed differently, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub entries: Vec<String>,
}

/// `ours` and `theirs` merged against `base`, or the entries in conflict.
pub fn merge(
    base: &Corrections,
    ours: &Corrections,
    theirs: &Corrections,
) -> Result<Corrections, Conflict> {
    let mut conflicts = Vec::new();
    let events = merge_entries(
        &base.events,
        &ours.events,
        &theirs.events,
        |c: &EventCorrection| c.target,
        &mut |target: EventMatch| {
            conflicts.push(format!(
                "the correction of the {} event #{}",
                target.kind.as_str(),
                target.index + 1
            ))
        },
    );
    let added = merge_entries(
        &base.added,
        &ours.added,
        &theirs.added,
        |a: &AddedEvent| a.id,
        &mut |id: u64| conflicts.push(format!("the added event {id}")),
    );
    if conflicts.is_empty() {
        Ok(Corrections {
            events,
            added,
            ..Corrections::default()
        })
    } else {
        Err(Conflict { entries: conflicts })
    }
}

/// Merges lists of entries with unique keys: theirs in their order, then ours that are new.
fn merge_entries<T: Clone + PartialEq, K: Copy + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    conflict: &mut dyn FnMut(K),
) -> Vec<T> {
    let mut duplicated = false;
    for list in [base, ours, theirs] {
        for (i, entry) in list.iter().enumerate() {
            let k = key(entry);
            if list[..i].iter().any(|e| key(e) == k) {
                conflict(k);
                duplicated = true;
            }
        }
    }
    if duplicated {
        return Vec::new();
    }
    let find = |list: &'_ [T], k: K| list.iter().find(|e| key(e) == k).cloned();
    let mut keys: Vec<K> = Vec::new();
    for k in theirs.iter().chain(ours).chain(base).map(&key) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let mut out = Vec::new();
    for k in keys {
        let (b, o, t) = (find(base, k), find(ours, k), find(theirs, k));
        let merged = if o == t || o == b {
            t
        } else if t == b {
            o
        } else {
            conflict(k);
            continue;
        };
        out.extend(merged);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::{EventEdit, Origin};
    use crate::model::{EventKind, Span};

    fn target(index: usize) -> Origin {
        Origin::Extracted(EventMatch {
            index,
            kind: EventKind::Meeting,
            evidence: Span::new(index * 10, index * 10 + 5),
        })
    }

    fn titled(corrections: &Corrections, index: usize, title: &str) -> Corrections {
        let mut out = corrections.clone();
        out.record(
            target(index),
            EventEdit {
                title: Some(title.into()),
                ..EventEdit::default()
            },
        );
        out
    }

    fn title_of(corrections: &Corrections, index: usize) -> Option<&str> {
        corrections
            .events
            .iter()
            .find(|c| Origin::Extracted(c.target) == target(index))
            .and_then(|c| c.edit.title.as_deref())
    }

    #[test]
    fn changes_on_either_side_are_both_kept() {
        let base = titled(&Corrections::default(), 0, "base");
        let ours = titled(&base, 1, "ours");
        let theirs = titled(&titled(&base, 2, "theirs"), 0, "theirs changed this");
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert_eq!(title_of(&merged, 0), Some("theirs changed this"));
        assert_eq!(title_of(&merged, 1), Some("ours"));
        assert_eq!(title_of(&merged, 2), Some("theirs"));
        // A side that deleted an entry the other kept as it was: deleted.
        let mut ours_deleted = base.clone();
        ours_deleted.events.clear();
        let merged = merge(&base, &ours_deleted, &base).expect("no conflict");
        assert!(merged.events.is_empty());
    }

    #[test]
    fn the_same_entry_changed_differently_is_a_conflict() {
        let base = titled(&Corrections::default(), 0, "base");
        let ours = titled(&base, 0, "ours");
        let theirs = titled(&base, 0, "theirs");
        let conflict = merge(&base, &ours, &theirs).expect_err("conflict");
        assert_eq!(conflict.entries, ["the correction of the meeting event #1"]);
        // Changed alike: no conflict.
        assert_eq!(merge(&base, &ours, &ours), Ok(ours.clone()));
    }

    #[test]
    fn two_entries_for_one_event_are_a_conflict_not_a_silent_drop() {
        let base = titled(&Corrections::default(), 0, "base");
        let mut theirs = base.clone();
        theirs.events.push(theirs.events[0].clone());
        let conflict = merge(&base, &base, &theirs).expect_err("conflict");
        assert_eq!(conflict.entries.len(), 1);
    }

    #[test]
    fn added_events_merge_by_id() {
        let mut theirs = Corrections::default();
        let event = AddedEvent {
            id: 0,
            date: None,
            title: "Added by hand".into(),
            kind: EventKind::Other,
            places: vec![],
            countries: vec![],
            organizations: vec![],
            people: vec![],
            reviewed: false,
        };
        theirs.add(event.clone());
        let mut ours = Corrections::default();
        ours.add(AddedEvent {
            title: "Added in the app".into(),
            ..event
        });
        // Both added an event with id 1, differently: a conflict, not a silent replacement.
        let conflict = merge(&Corrections::default(), &ours, &theirs).expect_err("conflict");
        assert_eq!(conflict.entries, ["the added event 1"]);
    }
}
