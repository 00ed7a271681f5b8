//! Story decks: a named, ordered list of events (one slide each, with the analyst's note),
//! saved as JSON and reopened later. A slide names its event by the same identity the
//! catalogue's `EventKey` is made of (brief file + extracted index/kind/evidence, or the id of
//! a user-added event), so it finds the event again after a restart or a re-extraction.
//! Writes are atomic and keep fields this build does not know.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::catalog::Catalog;
use super::corrections::{EventMatch, Origin};
use super::keys::{EventKey, added_event_key, extracted_event_key};
use crate::sources::atomic::{WriteError, write_file};
use crate::sources::read::{ReadError, read_capped};
use crate::text::shown::shown_path;

/// Largest deck file read: a deck of thousands of slides is well under this.
pub const MAX_DECK_BYTES: u64 = 16 * 1024 * 1024;

/// The format name written into every deck file.
pub const DECK_FORMAT: &str = "briefmap-deck";
/// The deck format version this build writes and understands.
pub const DECK_VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum DeckError {
    #[error("cannot read the deck {}: {source}", shown_path(path))]
    Read { path: PathBuf, source: ReadError },
    #[error("{} is not a briefmap deck: {reason}", shown_path(path))]
    Invalid { path: PathBuf, reason: String },
    #[error(
        "the deck {} was written by a newer briefmap (deck format {found}, this build reads {DECK_VERSION})",
        shown_path(path)
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("the deck was not saved: {0}")]
    Write(#[from] WriteError),
}

/// Which event of which brief a slide shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRef {
    /// The brief's file (relative to the deck's folder in the saved file when it lies below it).
    pub file: PathBuf,
    #[serde(flatten)]
    pub origin: OriginRef,
}

/// The part of an event's identity inside its brief (mirrors `corrections::Origin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OriginRef {
    Extracted(EventMatch),
    Added(u64),
}

impl From<Origin> for OriginRef {
    fn from(origin: Origin) -> Self {
        match origin {
            Origin::Extracted(m) => OriginRef::Extracted(m),
            Origin::Added(id) => OriginRef::Added(id),
        }
    }
}

impl EventRef {
    /// The reference to a catalogue event.
    pub fn of(catalog: &Catalog, key: EventKey) -> Option<Self> {
        let row = catalog.row(key)?;
        Some(Self {
            file: catalog.brief_of(&row).file.clone(),
            origin: row.origin.into(),
        })
    }

    fn key_for(&self, file: &Path) -> EventKey {
        match self.origin {
            OriginRef::Extracted(m) => extracted_event_key(file, m.index, m.kind, m.evidence),
            OriginRef::Added(id) => added_event_key(file, id),
        }
    }

    /// Finds the event in `catalog`: by its key; if the brief was opened under another path,
    /// by the file name; if re-extraction moved it, by kind and evidence span.
    pub fn resolve(&self, catalog: &Catalog) -> Option<EventKey> {
        let bi = catalog.brief_index(&self.file).or_else(|| {
            let name = self.file.file_name()?;
            let mut same_name = catalog
                .briefs
                .iter()
                .enumerate()
                .filter(|(_, b)| b.brief.file.file_name() == Some(name));
            let (first, _) = same_name.next()?;
            same_name.next().is_none().then_some(first)
        })?;
        let file = &catalog.briefs[bi].brief.file;
        let key = self.key_for(file);
        if catalog.row(key).is_some() {
            return Some(key);
        }
        let OriginRef::Extracted(wanted) = self.origin else {
            return None;
        };
        let mut of_brief = catalog.live_rows_of(bi);
        of_brief.sort_unstable();
        let origins: Vec<(Origin, u32)> = of_brief
            .iter()
            .map(|&r| (catalog.row_at(r).origin, r))
            .collect();
        let by_evidence = origins.iter().find(|(o, _)| {
            matches!(o, Origin::Extracted(m) if m.kind == wanted.kind && m.evidence == wanted.evidence)
        });
        by_evidence
            .or_else(|| origins.iter().find(|(o, _)| matches!(o, Origin::Extracted(m) if m.kind == wanted.kind && m.index == wanted.index)))
            .map(|&(_, r)| EventKey(catalog.store.key(r)))
    }
}

/// One slide of a deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    pub event: EventRef,
    /// The event's title when it was added (shown if the event cannot be found any more).
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub note: String,
    /// Fields this build does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The story deck being edited, with where it was saved and what the user should know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeckState {
    pub deck: Deck,
    /// Where the deck was last saved or opened from.
    pub path: Option<PathBuf>,
    /// Unsaved changes.
    pub dirty: bool,
    /// The last outcome to show (`true` = an error).
    pub message: Option<(String, bool)>,
}

/// A named, ordered story of events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub slides: Vec<Slide>,
    /// Fields this build does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Default for Deck {
    fn default() -> Self {
        Self::new("Untitled deck")
    }
}

impl Deck {
    pub fn new(name: &str) -> Self {
        Self {
            format: DECK_FORMAT.into(),
            version: DECK_VERSION,
            name: name.into(),
            slides: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.slides.is_empty()
    }

    pub fn position(&self, event: &EventRef) -> Option<usize> {
        self.slides.iter().position(|s| &s.event == event)
    }

    /// Appends a slide for the event unless the deck already shows it; returns whether it did.
    pub fn add(&mut self, event: EventRef, title: &str) -> bool {
        if self.position(&event).is_some() {
            return false;
        }
        self.slides.push(Slide {
            event,
            title: title.into(),
            note: String::new(),
            extra: serde_json::Map::new(),
        });
        true
    }

    /// Adds the catalogue event `key` (see `add`).
    pub fn add_event(&mut self, catalog: &Catalog, key: EventKey) -> bool {
        match (EventRef::of(catalog, key), catalog.row(key)) {
            (Some(event), Some(row)) => self.add(event, &row.event.title),
            _ => false,
        }
    }

    pub fn remove(&mut self, index: usize) -> Option<Slide> {
        (index < self.slides.len()).then(|| self.slides.remove(index))
    }

    /// Moves the slide at `from` so that it ends up at index `to` (clamped to the deck).
    pub fn move_slide(&mut self, from: usize, to: usize) -> bool {
        if from >= self.slides.len() {
            return false;
        }
        let to = to.min(self.slides.len() - 1);
        if from == to {
            return false;
        }
        let slide = self.slides.remove(from);
        self.slides.insert(to, slide);
        true
    }

    /// Moves a slide dropped *before* the slide at `before` (or at the end for `len()`),
    /// as a drag and drop between rows does.
    pub fn drop_before(&mut self, from: usize, before: usize) -> bool {
        let to = if before > from { before - 1 } else { before };
        self.move_slide(from, to)
    }

    pub fn set_note(&mut self, index: usize, note: &str) -> bool {
        match self.slides.get_mut(index) {
            Some(slide) if slide.note != note => {
                slide.note = note.into();
                true
            }
            _ => false,
        }
    }

    /// The catalogue keys of the slides (`None` for events that cannot be found).
    pub fn resolve(&self, catalog: &Catalog) -> Vec<Option<EventKey>> {
        self.slides
            .iter()
            .map(|s| s.event.resolve(catalog))
            .collect()
    }

    /// Reads the deck at `path` (brief paths relative to the deck's folder become absolute).
    pub fn load(path: &Path) -> Result<Self, DeckError> {
        let read_err = |source| DeckError::Read {
            path: path.into(),
            source,
        };
        let bytes = read_capped(path, MAX_DECK_BYTES).map_err(read_err)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| read_err(ReadError::Io(format!("not UTF-8 text: {e}"))))?;
        let mut deck = Self::from_json(&text).map_err(|reason| match reason {
            FromJsonError::TooNew(found) => DeckError::TooNew {
                path: path.into(),
                found,
            },
            FromJsonError::Invalid(reason) => DeckError::Invalid {
                path: path.into(),
                reason,
            },
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for slide in &mut deck.slides {
            if slide.event.file.is_relative() {
                slide.event.file = dir.join(&slide.event.file);
            }
        }
        Ok(deck)
    }

    /// Writes the deck to `path` atomically (a temporary file renamed over it), with brief
    /// paths relative to the deck's folder where they lie below it.
    pub fn save(&self, path: &Path) -> Result<(), DeckError> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        // Relative brief paths in the file mean "relative to the deck", so anchor the ones
        // relative to the working directory first.
        let mut anchored = self.clone();
        if let Ok(cwd) = std::env::current_dir() {
            for slide in &mut anchored.slides {
                if slide.event.file.is_relative() {
                    slide.event.file = cwd.join(&slide.event.file);
                }
            }
        }
        let json =
            anchored.to_json(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        Ok(write_file(path, json.as_bytes())?)
    }

    /// The JSON text of the deck as saved into `dir`.
    pub fn to_json(&self, dir: &Path) -> String {
        let mut copy = self.clone();
        for slide in &mut copy.slides {
            if let Ok(relative) = slide.event.file.strip_prefix(dir)
                && dir.is_absolute() == slide.event.file.is_absolute()
            {
                slide.event.file = relative.to_path_buf();
            }
        }
        let mut text = serde_json::to_string_pretty(&copy).unwrap_or_default();
        text.push('\n');
        text
    }

    fn from_json(text: &str) -> Result<Self, FromJsonError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| FromJsonError::Invalid(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(DECK_FORMAT) {
            return Err(FromJsonError::Invalid(format!(
                "its \"format\" is not \"{DECK_FORMAT}\""
            )));
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(DECK_VERSION) {
            return Err(FromJsonError::TooNew(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        serde_json::from_value(value).map_err(|e| FromJsonError::Invalid(e.to_string()))
    }
}

enum FromJsonError {
    Invalid(String),
    TooNew(u32),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::catalog::LoadedBrief;
    use crate::app::synthetic;

    fn catalog() -> Catalog {
        Catalog::new(synthetic::briefs(40, 5))
    }

    fn deck_of(catalog: &Catalog, n: usize) -> Deck {
        let mut deck = Deck::new("Caspian gas");
        for row in catalog.rows().take(n) {
            assert!(deck.add_event(catalog, row.key));
        }
        deck
    }

    #[test]
    fn slides_are_added_once_moved_removed_and_annotated() {
        let c = catalog();
        let mut deck = deck_of(&c, 4);
        let keys: Vec<_> = c.rows().take(4).map(|r| r.key).collect();
        assert!(!deck.add_event(&c, keys[0]), "no duplicate slides");
        assert_eq!(deck.slides.len(), 4);
        assert_eq!(deck.slides[0].title, c.rows().next().unwrap().event.title);

        assert!(deck.move_slide(0, 2));
        assert_eq!(
            deck.resolve(&c),
            vec![Some(keys[1]), Some(keys[2]), Some(keys[0]), Some(keys[3])]
        );
        // Dropping the last slide before the first one.
        assert!(deck.drop_before(3, 0));
        assert_eq!(
            deck.resolve(&c),
            vec![Some(keys[3]), Some(keys[1]), Some(keys[2]), Some(keys[0])]
        );
        // Dropping the first slide at the end.
        assert!(deck.drop_before(0, 4));
        assert_eq!(
            deck.resolve(&c),
            vec![Some(keys[1]), Some(keys[2]), Some(keys[0]), Some(keys[3])]
        );
        assert!(!deck.move_slide(9, 0));

        assert!(deck.set_note(1, "Watch the pipeline"));
        assert!(!deck.set_note(1, "Watch the pipeline"), "unchanged");
        assert!(!deck.set_note(7, "x"));
        let removed = deck.remove(0).unwrap();
        assert_eq!(removed.event, EventRef::of(&c, keys[1]).unwrap());
        assert_eq!(deck.slides[0].note, "Watch the pipeline");
        assert!(deck.remove(10).is_none());
    }

    #[test]
    fn a_saved_deck_reopens_with_the_same_events_and_keeps_unknown_fields() {
        let c = catalog();
        let mut deck = deck_of(&c, 3);
        deck.set_note(2, "Ноты — şöyle");
        deck.extra
            .insert("theme".into(), serde_json::json!({"accent": "teal"}));
        deck.slides[0]
            .extra
            .insert("duration_s".into(), serde_json::json!(30));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.json");
        deck.save(&path).unwrap();
        let back = Deck::load(&path).unwrap();
        assert_eq!((&back.name, &back.extra), (&deck.name, &deck.extra));
        assert_eq!(
            back.slides
                .iter()
                .map(|s| (&s.title, &s.note, &s.extra))
                .collect::<Vec<_>>(),
            deck.slides
                .iter()
                .map(|s| (&s.title, &s.note, &s.extra))
                .collect::<Vec<_>>()
        );
        assert_eq!(back.resolve(&c), deck.resolve(&c));
        assert!(
            back.slides[0]
                .event
                .file
                .ends_with(&deck.slides[0].event.file),
            "relative brief paths are anchored"
        );
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(raw["format"], DECK_FORMAT);
        assert_eq!(raw["theme"]["accent"], "teal");
        assert_eq!(raw["slides"][0]["duration_s"], 30);
        assert!(
            raw["slides"][0]["event"]["extracted"]["kind"].is_string()
                || raw["slides"][0]["event"]["added"].is_number()
        );
        // Overwriting leaves no temporary files behind.
        back.save(&path).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn brief_paths_below_the_deck_are_stored_relative_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut briefs = synthetic::briefs(10, 2);
        for b in &mut briefs {
            let name = b.brief.file.file_name().unwrap().to_owned();
            b.brief.file = dir.path().join("briefs").join(name);
        }
        let c = Catalog::new(briefs.clone());
        let deck = deck_of(&c, 2);
        let path = dir.path().join("deck.json");
        deck.save(&path).unwrap();
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let stored = raw["slides"][0]["event"]["file"].as_str().unwrap();
        assert!(stored.starts_with("briefs"), "{stored}");
        let back = Deck::load(&path).unwrap();
        assert_eq!(back.resolve(&c), deck.resolve(&c));

        // The briefs moved elsewhere (same file names): still found.
        let moved: Vec<LoadedBrief> = briefs
            .into_iter()
            .map(|mut b| {
                b.brief.file = PathBuf::from("/elsewhere").join(b.brief.file.file_name().unwrap());
                b
            })
            .collect();
        let moved = Catalog::new(moved);
        let keys = back.resolve(&moved);
        assert!(keys.iter().all(Option::is_some));
        assert_eq!(
            moved.row(keys[0].unwrap()).unwrap().event.title,
            deck.slides[0].title
        );
    }

    #[test]
    fn an_event_moved_by_reextraction_is_found_by_its_evidence() {
        let c = catalog();
        let row = c
            .rows()
            .find(|r| matches!(r.origin, Origin::Extracted(_)))
            .unwrap();
        let mut event = EventRef::of(&c, row.key).unwrap();
        if let OriginRef::Extracted(m) = &mut event.origin {
            m.index += 100;
        }
        assert_eq!(event.resolve(&c), Some(row.key));
        event.file = PathBuf::from("nowhere/unknown.txt");
        assert_eq!(event.resolve(&c), None);
    }

    #[test]
    fn bad_files_give_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.json");
        let err = Deck::load(&missing).unwrap_err();
        assert!(matches!(err, DeckError::Read { .. }));
        assert!(err.to_string().contains("missing.json"));

        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{ not json").unwrap();
        let err = Deck::load(&bad).unwrap_err();
        assert!(
            matches!(err, DeckError::Invalid { .. }) && err.to_string().contains("bad.json"),
            "{err}"
        );

        std::fs::write(&bad, r#"{"type": "FeatureCollection"}"#).unwrap();
        assert!(matches!(Deck::load(&bad), Err(DeckError::Invalid { .. })));

        let newer = dir.path().join("newer.json");
        std::fs::write(
            &newer,
            r#"{"format": "briefmap-deck", "version": 9, "name": "x"}"#,
        )
        .unwrap();
        let err = Deck::load(&newer).unwrap_err();
        assert!(matches!(err, DeckError::TooNew { found: 9, .. }), "{err}");

        let err = Deck::new("x")
            .save(&dir.path().join("no/such/dir/deck.json"))
            .unwrap_err();
        assert!(matches!(err, DeckError::Write(_)) && err.to_string().contains("deck.json"));
    }
}
