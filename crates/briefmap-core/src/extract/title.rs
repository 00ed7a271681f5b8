//! Titles: the brief's (the sidecar's, else its own headline, else its main event's) and the
//! main event's.

use std::path::Path;

use crate::model::Event;

use super::document::Document;
use super::events;

/// The brief's title: the sidecar's, its headline, its main event's, or its file name.
pub(super) fn brief_title(doc: &Document<'_>, events: &[Event], file: &Path) -> String {
    doc.publication
        .title
        .clone()
        .or_else(|| {
            doc.layout
                .title
                .map(|t| events::clip_title(t.slice(doc.text), 140))
        })
        .or_else(|| events.iter().find(|e| e.main).map(|e| e.title.clone()))
        .unwrap_or_else(|| {
            file.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
}
