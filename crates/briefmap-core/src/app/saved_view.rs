//! Saved views: a named snapshot of what the window shows — filters, brush, colouring, lanes,
//! map extent, timeline window and selected event — kept in `briefmap-views.json` beside the
//! briefs, and shareable as one line of text (`briefmap-view:` + base64url of compact JSON).
//! Reading either checks every field and says in plain words what is wrong; writing goes
//! through the one atomic writer and keeps fields this build does not know.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::catalog::Catalog;
use super::colour::{ColourBy, LaneBy};
use super::deck::EventRef;
use super::filter::Filter;
use super::keys::EventKey;
use crate::model::GeoPoint;
use crate::sources::atomic::{WriteError, write_file};
use crate::sources::read::{ReadError, read_capped};
use crate::text::shown::shown_path;
use crate::timeline::{TimeAxis, date_from_day, day_number};

pub use crate::sources::file_kind::VIEWS_FILE_NAME;

/// The format name written into every views file.
pub const VIEWS_FORMAT: &str = "briefmap-views";
/// The views file format version this build writes and understands.
pub const VIEWS_VERSION: u32 = 1;
/// What every shared view text starts with.
pub const SHARE_PREFIX: &str = "briefmap-view:";
/// Largest views file read.
pub const MAX_VIEWS_BYTES: u64 = 4 * 1024 * 1024;
/// Longest shared view text accepted (a view with hundreds of facet values fits).
pub const MAX_SHARE_CHARS: usize = 256 * 1024;
/// Longest view name.
pub const MAX_NAME_CHARS: usize = 200;

/// Where the map looks: its centre and zoom level (walkers' zoom levels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapExtent {
    pub center: GeoPoint,
    pub zoom_level: f64,
}

/// The visible part of the timeline: from the start of day `start` to the start of day `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl TimeWindow {
    /// The days `axis` shows across `width_px` (widened to whole days; an edge within a
    /// millionth of a day of midnight is taken as on it, so that `axis` round-trips).
    pub fn of_axis(axis: &TimeAxis, width_px: f64) -> Option<Self> {
        const EPSILON_DAYS: f64 = 1e-6;
        let start = date_from_day((axis.start_day + EPSILON_DAYS).floor())?;
        let end = date_from_day((axis.end_day(width_px) - EPSILON_DAYS).ceil())?;
        Some(Self { start, end })
    }

    /// The axis that shows this window across `width_px`.
    pub fn axis(&self, width_px: f64) -> TimeAxis {
        TimeAxis::spanning(day_number(self.start), day_number(self.end), width_px)
    }
}

/// A brushed time range, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrushRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One named view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    #[serde(default)]
    pub filter: Filter,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brush: Option<BrushRange>,
    #[serde(default)]
    pub colour_by: ColourBy,
    #[serde(default)]
    pub lanes: LaneBy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapExtent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<TimeWindow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<EventRef>,
    /// Fields this build does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a shared view text was not taken.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShareError {
    #[error("a shared view starts with \"{SHARE_PREFIX}\"")]
    MissingPrefix,
    #[error("the shared view is too long ({0} characters; at most {MAX_SHARE_CHARS})")]
    TooLong(usize),
    #[error("the shared view is damaged (not base64url: {0})")]
    NotBase64(String),
    #[error("the shared view is not a briefmap view: {0}")]
    Invalid(String),
}

impl SavedView {
    /// Checks what the types cannot: a name, ordered ranges, a point on the globe, a zoom
    /// walkers can show. The error says which field is wrong and why.
    pub fn validate(&self) -> Result<(), String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("a view needs a name".into());
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "the view name is longer than {MAX_NAME_CHARS} characters"
            ));
        }
        let label = |what: &str| format!("view \"{name}\": {what}");
        if let (Some(from), Some(to)) = (self.filter.date_from, self.filter.date_to)
            && from > to
        {
            return Err(label(&format!(
                "the date filter ends ({to}) before it starts ({from})"
            )));
        }
        if let Some(b) = self.brush
            && b.from > b.to
        {
            return Err(label(&format!(
                "the brush ends ({}) before it starts ({})",
                b.to, b.from
            )));
        }
        if let Some(w) = self.timeline
            && w.start >= w.end
        {
            return Err(label(&format!(
                "the timeline window ends ({}) before it starts ({})",
                w.end, w.start
            )));
        }
        if let Some(m) = self.map {
            let GeoPoint { lat, lon } = m.center;
            if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
                return Err(label(&format!(
                    "the map centre's latitude {lat} is not between -90 and 90"
                )));
            }
            if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
                return Err(label(&format!(
                    "the map centre's longitude {lon} is not between -180 and 180"
                )));
            }
            if !(m.zoom_level.is_finite() && (0.0..=26.0).contains(&m.zoom_level)) {
                return Err(label(&format!(
                    "the map zoom level {} is not between 0 and 26",
                    m.zoom_level
                )));
            }
        }
        Ok(())
    }

    /// The view as one line to share: `briefmap-view:` + base64url (no padding) of its
    /// compact JSON. The selected event's brief is named by its file name only (the text
    /// says nothing of the folders it came from, and finds the brief wherever it is opened).
    pub fn share_text(&self) -> String {
        let mut shared = self.clone();
        if let Some(selected) = &mut shared.selected
            && let Some(name) = selected.file.file_name()
        {
            selected.file = PathBuf::from(name);
        }
        let json = serde_json::to_vec(&shared).unwrap_or_default();
        format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Reads a shared view text (surrounding and embedded white space, as left by line
    /// breaking in mail, is ignored).
    pub fn from_share_text(text: &str) -> Result<Self, ShareError> {
        let text = text.trim();
        if text.chars().count() > MAX_SHARE_CHARS {
            return Err(ShareError::TooLong(text.chars().count()));
        }
        let body = text
            .strip_prefix(SHARE_PREFIX)
            .ok_or(ShareError::MissingPrefix)?;
        let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|e| ShareError::NotBase64(e.to_string()))?;
        let view: SavedView =
            serde_json::from_slice(&bytes).map_err(|e| ShareError::Invalid(e.to_string()))?;
        view.validate().map_err(ShareError::Invalid)?;
        Ok(view)
    }

    /// The selected event in `catalog`, if it names one that is loaded.
    pub fn selected_key(&self, catalog: &Catalog) -> Option<EventKey> {
        self.selected.as_ref()?.resolve(catalog)
    }
}

/// Why a views file could not be read or written.
#[derive(Debug, Error)]
pub enum ViewsError {
    #[error("cannot read the saved views {}: {source}", shown_path(path))]
    Read { path: PathBuf, source: ReadError },
    #[error("{} is not a briefmap views file: {reason}", shown_path(path))]
    Invalid { path: PathBuf, reason: String },
    #[error(
        "the saved views {} were written by a newer briefmap (format {found}, this build reads {VIEWS_VERSION})",
        shown_path(path)
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("the saved views were not saved: {0}")]
    Write(#[from] WriteError),
}

/// The views file: saved views in the order they were first saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewsFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub views: Vec<SavedView>,
    /// Fields this build does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Default for ViewsFile {
    fn default() -> Self {
        Self {
            format: VIEWS_FORMAT.into(),
            version: VIEWS_VERSION,
            views: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }
}

impl ViewsFile {
    pub fn get(&self, name: &str) -> Option<&SavedView> {
        self.views.iter().find(|v| v.name == name)
    }

    /// Adds `view`, or replaces the view of the same name where it stands (keeping the
    /// fields it had that this build does not know).
    pub fn put(&mut self, mut view: SavedView) {
        match self.views.iter_mut().find(|v| v.name == view.name) {
            Some(old) => {
                for (k, v) in &old.extra {
                    view.extra.entry(k.clone()).or_insert_with(|| v.clone());
                }
                *old = view;
            }
            None => self.views.push(view),
        }
    }

    /// Removes the view called `name`; returns whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.views.len();
        self.views.retain(|v| v.name != name);
        self.views.len() != before
    }

    /// Reads the views file at `path`; a file that is not there holds no views. Brief paths
    /// relative to the file's folder become absolute.
    pub fn load(path: &Path) -> Result<Self, ViewsError> {
        let read_err = |source| ViewsError::Read {
            path: path.into(),
            source,
        };
        let bytes = match read_capped(path, MAX_VIEWS_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::NotFound) => return Ok(Self::default()),
            Err(e) => return Err(read_err(e)),
        };
        let mut file = Self::parse(path, &bytes)?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for view in &mut file.views {
            if let Some(selected) = &mut view.selected
                && selected.file.is_relative()
            {
                selected.file = dir.join(&selected.file);
            }
        }
        Ok(file)
    }

    /// Reads the bytes of a views file (`path` only names it in errors): UTF-8 JSON with
    /// briefmap's format name, a version this build reads, and only valid views.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Self, ViewsError> {
        let invalid = |reason: String| ViewsError::Invalid {
            path: path.into(),
            reason,
        };
        let text =
            std::str::from_utf8(bytes).map_err(|e| invalid(format!("not UTF-8 text: {e}")))?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(format!("not valid JSON: {e}")))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(VIEWS_FORMAT) {
            return Err(invalid(format!("its \"format\" is not \"{VIEWS_FORMAT}\"")));
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(VIEWS_VERSION) {
            return Err(ViewsError::TooNew {
                path: path.into(),
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        let file: ViewsFile = serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
        for view in &file.views {
            view.validate().map_err(invalid)?;
        }
        Ok(file)
    }

    /// The JSON text of the file as written (brief paths as they are).
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Writes the views to `path` atomically, brief paths relative to its folder where they
    /// lie below it.
    pub fn save(&self, path: &Path) -> Result<(), ViewsError> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut copy = self.clone();
        for view in &mut copy.views {
            if let Some(selected) = &mut view.selected
                && let Ok(relative) = selected.file.strip_prefix(&dir)
            {
                selected.file = relative.to_path_buf();
            }
        }
        Ok(write_file(path, copy.to_json().as_bytes())?)
    }
}

/// Where the views of these opened sources live: a views file opened directly, else
/// `briefmap-views.json` in the first opened folder (or the folder of the first opened file).
/// `None` while nothing is opened.
pub fn views_path(sources: &[PathBuf]) -> Option<PathBuf> {
    if let Some(file) = sources
        .iter()
        .find(|p| crate::sources::file_kind::is_views_file(p))
    {
        return Some(file.clone());
    }
    let dir = sources
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .or_else(|| sources.first().and_then(|p| p.parent().map(PathBuf::from)))?;
    Some(dir.join(VIEWS_FILE_NAME))
}

/// The saved views of the session: the file's contents, where it lives, and what to tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewsState {
    pub file: ViewsFile,
    /// The views file of the opened sources.
    pub path: Option<PathBuf>,
    /// Why the file must not be written (it could not be read: it is never overwritten).
    pub unwritable: Option<String>,
    /// The file could not be read: the problem to list while that lasts.
    pub problem: Option<crate::model::Problem>,
    /// The last outcome to show (`true` = an error).
    pub message: Option<(String, bool)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Facet;
    use crate::app::synthetic;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn full_view(catalog: &Catalog) -> SavedView {
        let mut filter = Filter::default();
        filter.set_selected(Facet::Country, "KZ", true);
        filter.set_selected(Facet::Organization, "KazMunayGas", true);
        filter.text = "pipeline «газ»".into();
        filter.date_from = Some(date(2018, 1, 1));
        let key = catalog.rows().nth(3).unwrap().key;
        SavedView {
            name: "Kazakh gas, 2018–".into(),
            filter,
            brush: Some(BrushRange {
                from: date(2019, 3, 1),
                to: date(2019, 9, 30),
            }),
            colour_by: ColourBy::Organization,
            lanes: LaneBy::Country,
            map: Some(MapExtent {
                center: GeoPoint::new(43.25, 76.95),
                zoom_level: 5.5,
            }),
            timeline: Some(TimeWindow {
                start: date(2018, 6, 1),
                end: date(2020, 1, 1),
            }),
            selected: EventRef::of(catalog, key),
            extra: serde_json::Map::new(),
        }
    }

    #[test]
    fn the_share_text_round_trips_every_field() {
        let c = Catalog::new(synthetic::briefs(20, 3));
        let view = full_view(&c);
        let text = view.share_text();
        assert!(text.starts_with(SHARE_PREFIX), "{text}");
        assert!(
            text[SHARE_PREFIX.len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "one URL-safe word: {text}"
        );
        let back = SavedView::from_share_text(&format!("  {text}\n")).unwrap();
        let mut expected = view.clone();
        if let Some(s) = &mut expected.selected {
            s.file = PathBuf::from(s.file.file_name().unwrap());
        }
        assert_eq!(back, expected);
        // The shared brief name still finds the event.
        assert_eq!(back.selected_key(&c), view.selected_key(&c));
        assert!(back.selected_key(&c).is_some());
        // Broken by a mail program into lines: still read.
        let (a, b) = text.split_at(text.len() / 2);
        assert_eq!(
            SavedView::from_share_text(&format!("{a}\n  {b}")).unwrap(),
            expected
        );
    }

    #[test]
    fn bad_share_texts_say_what_is_wrong() {
        assert_eq!(
            SavedView::from_share_text("hello"),
            Err(ShareError::MissingPrefix)
        );
        assert!(matches!(
            SavedView::from_share_text("briefmap-view:@@@"),
            Err(ShareError::NotBase64(_))
        ));
        let not_a_view = format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(b"[1,2]"));
        assert!(matches!(
            SavedView::from_share_text(&not_a_view),
            Err(ShareError::Invalid(_))
        ));
        let backwards = format!(
            "{SHARE_PREFIX}{}",
            URL_SAFE_NO_PAD
                .encode(br#"{"name":"x","brush":{"from":"2020-02-01","to":"2020-01-01"}}"#)
        );
        match SavedView::from_share_text(&backwards) {
            Err(ShareError::Invalid(reason)) => assert!(reason.contains("brush"), "{reason}"),
            other => panic!("{other:?}"),
        }
        let off_globe = format!(
            "{SHARE_PREFIX}{}",
            URL_SAFE_NO_PAD
                .encode(br#"{"name":"x","map":{"center":{"lat":123,"lon":0},"zoom_level":4}}"#)
        );
        match SavedView::from_share_text(&off_globe) {
            Err(ShareError::Invalid(reason)) => assert!(reason.contains("latitude"), "{reason}"),
            other => panic!("{other:?}"),
        }
        let huge = format!("{SHARE_PREFIX}{}", "A".repeat(MAX_SHARE_CHARS));
        assert!(matches!(
            SavedView::from_share_text(&huge),
            Err(ShareError::TooLong(_))
        ));
    }

    #[test]
    fn the_views_file_round_trips_and_keeps_unknown_fields() {
        let c = Catalog::new(synthetic::briefs(20, 3));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VIEWS_FILE_NAME);
        let mut file = ViewsFile::default();
        let mut view = full_view(&c);
        // The selected event's brief lies in the views file's folder.
        if let Some(s) = &mut view.selected {
            s.file = dir.path().join(s.file.file_name().unwrap());
        }
        view.extra
            .insert("pinned".into(), serde_json::json!({"by": "analyst"}));
        file.put(view.clone());
        file.put(SavedView {
            name: "Everything".into(),
            ..SavedView::from_share_text(&format!(
                "{SHARE_PREFIX}{}",
                URL_SAFE_NO_PAD.encode(br#"{"name":"Everything"}"#)
            ))
            .unwrap()
        });
        file.extra.insert("owner".into(), serde_json::json!("desk"));
        file.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["format"], VIEWS_FORMAT);
        let stored = json["views"][0]["selected"]["file"].as_str().unwrap();
        assert!(!stored.contains('/'), "relative to the file: {stored}");
        let back = ViewsFile::load(&path).unwrap();
        assert_eq!(back, file);
        assert_eq!(back.get("Kazakh gas, 2018–"), Some(&view));

        // Saving a view again under its name replaces it in place and keeps its unknown fields.
        let mut again = view.clone();
        again.extra.clear();
        again.colour_by = ColourBy::Kind;
        file.put(again);
        assert_eq!(file.views.len(), 2);
        assert_eq!(file.views[0].colour_by, ColourBy::Kind);
        assert!(file.views[0].extra.contains_key("pinned"));
        assert!(file.remove("Everything"));
        assert!(!file.remove("Everything"));
    }

    #[test]
    fn bad_views_files_name_the_file_and_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VIEWS_FILE_NAME);
        assert_eq!(ViewsFile::load(&path).unwrap(), ViewsFile::default());
        let cases: [(&str, &str); 5] = [
            ("{ not json", "not valid JSON"),
            (r#"{"format":"briefmap-deck","version":1}"#, "\"format\""),
            (
                r#"{"format":"briefmap-views","version":1,"views":[{"name":"a","colour_by":"Smell"}]}"#,
                "Smell",
            ),
            (
                r#"{"format":"briefmap-views","version":1,"views":[{"name":"  "}]}"#,
                "needs a name",
            ),
            (
                r#"{"format":"briefmap-views","version":1,"views":[{"name":"w","timeline":{"start":"2020-01-02","end":"2020-01-01"}}]}"#,
                "timeline window",
            ),
        ];
        for (text, reason) in cases {
            std::fs::write(&path, text).unwrap();
            let err = ViewsFile::load(&path).unwrap_err().to_string();
            assert!(err.contains(VIEWS_FILE_NAME), "names the file: {err}");
            assert!(err.contains(reason), "{reason:?} in {err}");
        }
        std::fs::write(&path, r#"{"format":"briefmap-views","version":9}"#).unwrap();
        assert!(matches!(
            ViewsFile::load(&path),
            Err(ViewsError::TooNew { found: 9, .. })
        ));
        std::fs::write(&path, [0xff, 0xfe, b'{']).unwrap();
        assert!(
            ViewsFile::load(&path)
                .unwrap_err()
                .to_string()
                .contains("UTF-8")
        );
    }

    #[test]
    fn a_hand_written_views_file_reads_as_documented() {
        // The same file seeds the fuzz target (tools/fuzz.sh).
        let text = r#"{"format": "briefmap-views", "version": 1, "views": [{"name": "Kazakh gas",
 "filter": {"facets": {"Country": ["KZ"]}, "date_from": "2024-01-01", "text": "gas"},
 "brush": {"from": "2024-03-01", "to": "2024-09-30"}, "colour_by": "Kind", "lanes": "Country",
 "map": {"center": {"lat": 43.25, "lon": 76.95}, "zoom_level": 5.5},
 "timeline": {"start": "2024-01-01", "end": "2025-01-01"},
 "selected": {"file": "a.txt", "added": 3}, "pinned": true}]}"#;
        let file = ViewsFile::parse(Path::new(VIEWS_FILE_NAME), text.as_bytes()).unwrap();
        let view = &file.views[0];
        assert!(view.filter.is_selected(Facet::Country, "KZ"));
        assert_eq!(view.brush.unwrap().to, date(2024, 9, 30));
        assert_eq!(
            (view.colour_by, view.lanes),
            (ColourBy::Kind, LaneBy::Country)
        );
        assert_eq!(view.map.unwrap().zoom_level, 5.5);
        assert_eq!(view.timeline.unwrap().end, date(2025, 1, 1));
        assert_eq!(
            view.selected.as_ref().map(|s| (s.file.clone(), s.origin)),
            Some((
                PathBuf::from("a.txt"),
                crate::app::deck::OriginRef::Added(3)
            ))
        );
        assert_eq!(view.extra["pinned"], serde_json::json!(true));
        assert_eq!(
            ViewsFile::parse(Path::new("x"), file.to_json().as_bytes()).unwrap(),
            file
        );
    }

    #[test]
    fn a_time_window_is_read_from_an_axis_and_shown_again() {
        let window = TimeWindow {
            start: date(2019, 1, 1),
            end: date(2019, 7, 1),
        };
        for width in [300.0, 900.0, 1321.0] {
            let axis = window.axis(width);
            assert_eq!(TimeWindow::of_axis(&axis, width), Some(window), "{width}");
        }
        // Any axis: its window is the whole days it shows, and showing that window again
        // gives the same window.
        let odd = TimeAxis {
            start_day: day_number(date(2020, 3, 4)) + 0.37,
            days_per_px: 0.913,
        };
        let w = TimeWindow::of_axis(&odd, 1000.0).unwrap();
        assert_eq!(w.start, date(2020, 3, 4));
        assert!(day_number(w.end) >= odd.end_day(1000.0));
        assert_eq!(TimeWindow::of_axis(&w.axis(1000.0), 1000.0), Some(w));
    }

    #[test]
    fn the_views_file_lives_beside_the_briefs() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("a.txt");
        std::fs::write(&brief, "Talks in Baku.").unwrap();
        assert_eq!(views_path(&[]), None);
        assert_eq!(
            views_path(&[dir.path().to_path_buf()]),
            Some(dir.path().join(VIEWS_FILE_NAME))
        );
        assert_eq!(
            views_path(std::slice::from_ref(&brief)),
            Some(dir.path().join(VIEWS_FILE_NAME))
        );
        let other = dir.path().join("shared").join(VIEWS_FILE_NAME);
        assert_eq!(views_path(&[brief, other.clone()]), Some(other));
    }

    mod in_the_app {
        use super::*;
        use crate::app::effects::{Carried, carry_out};
        use crate::app::state::{LoadedData, Settings};
        use crate::app::{AppState, Command, Effect};

        /// Applies `command`, carries out the file effects (and the commands they report);
        /// returns the effects left to the shell.
        fn run(s: &mut AppState, command: Command) -> Vec<Effect> {
            let mut shell = Vec::new();
            let mut queue = vec![command];
            while let Some(c) = queue.pop() {
                for effect in s.apply(c) {
                    match carry_out(effect) {
                        Carried::Done(more) => queue.extend(more),
                        Carried::Shell(e) => shell.push(e),
                    }
                }
            }
            shell
        }

        fn opened(dir: &Path) -> AppState {
            let mut s = AppState::new(Settings::default(), vec![]);
            let shell = run(&mut s, Command::Open(vec![dir.to_path_buf()]));
            assert!(
                matches!(&shell[..], [Effect::StartLoad { .. }]),
                "{shell:?}"
            );
            // Briefs "loaded" from that folder.
            let mut briefs = synthetic::briefs(300, 1);
            for b in &mut briefs {
                let name = b.brief.file.file_name().unwrap().to_owned();
                b.brief.file = dir.join(name);
            }
            run(
                &mut s,
                Command::LoadFinished {
                    data: LoadedData {
                        briefs,
                        ..LoadedData::default()
                    },
                    replace: true,
                },
            );
            s
        }

        #[test]
        fn a_recalled_view_restores_every_field_also_after_a_restart() {
            let dir = tempfile::tempdir().unwrap();
            let mut s = opened(dir.path());
            let all = s.visible().len();
            run(
                &mut s,
                Command::SetFacet {
                    facet: Facet::Country,
                    value: "KZ".into(),
                    selected: true,
                },
            );
            run(&mut s, Command::SetText("gas".into()));
            run(
                &mut s,
                Command::SetDateRange {
                    from: Some(date(2016, 1, 1)),
                    to: None,
                },
            );
            run(
                &mut s,
                Command::Brush(Some((date(2017, 1, 1), date(2020, 12, 31)))),
            );
            run(&mut s, Command::SetColourBy(ColourBy::Kind));
            run(&mut s, Command::SetLanes(LaneBy::Organization));
            let key = s.catalog.row_at(s.derived.brushed[1]).key;
            run(&mut s, Command::Select(Some(key)));
            let (filter, brush, brushed) = (s.filter().clone(), s.brush, s.derived.brushed.clone());
            assert!(brushed.len() < all && !brushed.is_empty());
            let map = MapExtent {
                center: GeoPoint::new(47.1, 51.9),
                zoom_level: 6.25,
            };
            let timeline = TimeWindow {
                start: date(2016, 5, 1),
                end: date(2021, 2, 1),
            };
            let shell = run(
                &mut s,
                Command::SaveView {
                    name: "  Kazakh gas ".into(),
                    map: Some(map),
                    timeline: Some(timeline),
                },
            );
            assert_eq!(shell, []);
            let file = dir.path().join(VIEWS_FILE_NAME);
            assert!(file.is_file(), "saved beside the briefs");
            assert_eq!(s.views.file.views.len(), 1);
            assert_eq!(s.views.file.views[0].name, "Kazakh gas");

            // Everything changes…
            run(&mut s, Command::ClearFilters);
            run(&mut s, Command::SetColourBy(ColourBy::Country));
            run(&mut s, Command::SetLanes(LaneBy::None));
            run(&mut s, Command::Select(None));
            assert_eq!(s.visible().len(), all);
            // …and comes back.
            let shell = run(&mut s, Command::RecallView("Kazakh gas".into()));
            let check = |s: &AppState, shell: &[Effect]| {
                assert_eq!(s.filter(), &filter);
                assert_eq!(s.brush, brush);
                assert_eq!(s.settings.colour_by, ColourBy::Kind);
                assert_eq!(s.settings.lanes, LaneBy::Organization);
                assert_eq!(s.selection, Some(key));
                assert_eq!(s.derived.brushed, brushed);
                assert_eq!(
                    shell,
                    [
                        Effect::ShowExtent {
                            map: Some(map),
                            timeline: Some(timeline)
                        },
                        Effect::ScrollListTo(key)
                    ]
                );
                assert!(s.is_showing(s.views.file.get("Kazakh gas").unwrap()));
            };
            check(&s, &shell);

            // A new session finds the view in the folder, and so does a shared copy of it.
            let mut s2 = opened(dir.path());
            assert_eq!(s2.views.file, s.views.file);
            let shell = run(&mut s2, Command::RecallView("Kazakh gas".into()));
            check(&s2, &shell);
            let mut copied = run(&mut s2, Command::CopyView("Kazakh gas".into()));
            let Some(Effect::CopyText(text)) = copied.pop() else {
                panic!("{copied:?}")
            };
            let mut s3 = opened(tempfile::tempdir().unwrap().path());
            let shell = run(&mut s3, Command::PasteView(text));
            assert_eq!(s3.filter(), &filter);
            assert_eq!(s3.brush, brush);
            assert_eq!(
                s3.selection
                    .map(|k| s3.catalog.row(k).unwrap().event.title.clone()),
                Some(s.catalog.row(key).unwrap().event.title.clone())
            );
            assert!(matches!(shell[0], Effect::ShowExtent { map: Some(m), .. } if m == map));

            run(&mut s2, Command::DeleteView("Kazakh gas".into()));
            assert_eq!(ViewsFile::load(&file).unwrap().views, []);
        }

        #[test]
        fn a_bad_views_file_is_a_problem_and_is_never_overwritten() {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join(VIEWS_FILE_NAME);
            std::fs::write(&file, "{ not json").unwrap();
            let mut s = opened(dir.path());
            let problem = s
                .all_problems()
                .find(|p| p.file == file)
                .expect("a problem for the views file");
            assert!(
                problem.error.contains("not valid JSON"),
                "{}",
                problem.error
            );
            assert!(problem.error.contains(VIEWS_FILE_NAME), "{}", problem.error);
            run(
                &mut s,
                Command::SaveView {
                    name: "Mine".into(),
                    map: None,
                    timeline: None,
                },
            );
            assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
            let (message, error) = s.views.message.clone().unwrap();
            assert!(error && message.contains("Not saved to disk"), "{message}");
            // The view is still there for this session.
            assert!(s.views.file.get("Mine").is_some());
            // A pasted text that is not a view says so.
            run(&mut s, Command::PasteView("briefmap-view:!!".into()));
            let (message, error) = s.views.message.clone().unwrap();
            assert!(error && message.contains("damaged"), "{message}");
        }

        #[test]
        fn a_views_file_opened_directly_is_read_not_loaded_and_reload_reads_it_again() {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("elsewhere").join(VIEWS_FILE_NAME);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let mut views = ViewsFile::default();
            views.put(
                SavedView::from_share_text(&format!(
                    "{SHARE_PREFIX}{}",
                    URL_SAFE_NO_PAD.encode(br#"{"name":"Shared","colour_by":"Kind"}"#)
                ))
                .unwrap(),
            );
            views.save(&file).unwrap();
            let mut s = opened(dir.path());
            assert_eq!(s.views.path, Some(dir.path().join(VIEWS_FILE_NAME)));
            let shell = run(&mut s, Command::Open(vec![file.clone()]));
            assert_eq!(shell, [], "nothing to load");
            assert_eq!(s.views.path, Some(file.clone()));
            assert_eq!(s.views.file, views);
            run(&mut s, Command::RecallView("Shared".into()));
            assert_eq!(s.settings.colour_by, ColourBy::Kind);

            // Broken meanwhile: a reload lists it (and the replacing load keeps it listed)…
            std::fs::write(&file, "[]").unwrap();
            let shell = run(&mut s, Command::Reload);
            assert!(matches!(
                &shell[..],
                [Effect::StartLoad { replace: true, .. }]
            ));
            run(
                &mut s,
                Command::LoadFinished {
                    data: LoadedData::default(),
                    replace: true,
                },
            );
            assert!(s.all_problems().any(|p| p.file == file), "listed");
            // …and mended: the next reload takes it again and the problem goes.
            views.save(&file).unwrap();
            run(&mut s, Command::Reload);
            assert!(!s.all_problems().any(|p| p.file == file));
            assert_eq!(s.views.file, views);
            assert_eq!(s.views.unwritable, None);
        }

        #[test]
        fn a_view_needs_a_name_and_nothing_opened_keeps_it_in_memory() {
            let mut s = AppState::new(Settings::default(), vec![]);
            let effects = s.apply(Command::SaveView {
                name: " ".into(),
                map: None,
                timeline: None,
            });
            assert_eq!(effects, []);
            assert!(s.views.file.views.is_empty());
            assert!(s.views.message.as_ref().unwrap().0.contains("needs a name"));
            let effects = s.apply(Command::SaveView {
                name: "All".into(),
                map: None,
                timeline: None,
            });
            assert_eq!(effects, []);
            assert!(s.views.file.get("All").is_some());
            assert!(s.views.message.as_ref().unwrap().0.contains("session only"));
        }
    }
}
