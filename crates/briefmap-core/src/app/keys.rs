//! Stable identities shared by every view: one `EventKey` per event and one `PlaceKey` per
//! place. Keys come from what the event *was* when extracted (brief file, index, kind,
//! evidence span) or from the id of a user-added event, so edits never change them.

use std::path::Path;

use crate::model::{EventKind, Span};

/// Identifies one event across timeline, map, list, details, decks and presentations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventKey(pub u64);

/// Identifies one place (by canonical name) on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceKey(pub u64);

/// FNV-1a: small, deterministic across runs and platforms (unlike `DefaultHasher`).
#[derive(Debug, Clone, Copy)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator so that ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        self
    }
    pub fn num(self, n: u64) -> Self {
        self.bytes(&n.to_le_bytes())
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Key of an event as extraction produced it.
pub fn extracted_event_key(file: &Path, index: usize, kind: EventKind, evidence: Span) -> EventKey {
    extracted_event_key_in(file_hasher(file), index, kind, evidence)
}

/// The hasher state after a brief's file: hashing the path once serves all its events.
pub fn file_hasher(file: &Path) -> StableHasher {
    StableHasher::default().bytes(file.to_string_lossy().as_bytes())
}

/// [`extracted_event_key`] from the brief's [`file_hasher`].
pub fn extracted_event_key_in(
    file: StableHasher,
    index: usize,
    kind: EventKind,
    evidence: Span,
) -> EventKey {
    EventKey(
        file.bytes(b"extracted")
            .num(index as u64)
            .bytes(kind.as_str().as_bytes())
            .num(evidence.start as u64)
            .num(evidence.end as u64)
            .finish(),
    )
}

/// Key of an event the user added to a brief.
pub fn added_event_key(file: &Path, id: u64) -> EventKey {
    EventKey(
        StableHasher::default()
            .bytes(file.to_string_lossy().as_bytes())
            .bytes(b"added")
            .num(id)
            .finish(),
    )
}

/// Key of a place on the map: its canonical name.
pub fn place_key(name: &str) -> PlaceKey {
    PlaceKey(StableHasher::default().bytes(name.as_bytes()).finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_part_of_the_identity() {
        let f = Path::new("a/b.txt");
        let k = extracted_event_key(f, 0, EventKind::Meeting, Span::new(1, 5));
        assert_eq!(
            k,
            extracted_event_key(f, 0, EventKind::Meeting, Span::new(1, 5))
        );
        assert_ne!(
            k,
            extracted_event_key(f, 1, EventKind::Meeting, Span::new(1, 5))
        );
        assert_ne!(
            k,
            extracted_event_key(f, 0, EventKind::Visit, Span::new(1, 5))
        );
        assert_ne!(
            k,
            extracted_event_key(f, 0, EventKind::Meeting, Span::new(1, 6))
        );
        assert_ne!(
            k,
            extracted_event_key(Path::new("a/c.txt"), 0, EventKind::Meeting, Span::new(1, 5))
        );
        assert_ne!(added_event_key(f, 1), added_event_key(f, 2));
        assert_ne!(place_key("Ashgabat"), place_key("Astana"));
    }
}
