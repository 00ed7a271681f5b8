//! Full-text search over the loaded briefs' texts with SQLite FTS5 (unicode61 tokenizer,
//! diacritics removed): what the user types becomes a prefix query per word (all words must
//! match), answered best first; and the spans of a text that a query matches, for
//! highlighting them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::db::CorpusDb;
use crate::model::Span;
use crate::text::fold::fold_word;

/// Most briefs a search returns.
pub const MAX_HITS: usize = 100_000;

/// The text indexes of the loaded roots (cloning shares them).
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    dbs: Vec<Arc<Mutex<CorpusDb>>>,
}

impl TextIndex {
    pub fn new(dbs: Vec<CorpusDb>) -> Self {
        Self {
            dbs: dbs.into_iter().map(|db| Arc::new(Mutex::new(db))).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.dbs.is_empty()
    }

    /// Adds the indexes of another load.
    pub fn extend(&mut self, other: TextIndex) {
        self.dbs.extend(other.dbs);
    }

    /// The files whose text matches `text` (as typed), best first; an error says why the
    /// search could not be made.
    pub fn search(&self, text: &str) -> Result<Vec<PathBuf>, String> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for db in &self.dbs {
            let db = db
                .lock()
                .map_err(|_| "the search index is unusable".to_string())?;
            let hits = db.search(&query, MAX_HITS).map_err(|e| e.to_string())?;
            out.extend(hits.into_iter().map(PathBuf::from));
        }
        Ok(out)
    }
}

/// The words of `text` as FTS5 sees them (runs of letters and digits).
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// An FTS5 query matching every word of `text` as a prefix: `"ашхабад"* "gas"*`.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = words(text).map(|(_, w)| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The words of `text` that begin with a word of `query` (case and diacritics ignored).
pub fn match_spans(text: &str, query: &str) -> Vec<Span> {
    let terms: Vec<String> = words(query).map(|(_, w)| fold_word(w)).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    words(text)
        .filter(|(_, w)| {
            let folded = fold_word(w);
            terms.iter().any(|t| folded.starts_with(t.as_str()))
        })
        .map(|(at, w)| Span::new(at, at + w.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_prefixes_of_every_word_and_spans_fold_case_and_diacritics() {
        assert_eq!(
            fts_query("Ашхабад, gas-deal").as_deref(),
            Some("\"Ашхабад\"* \"gas\"* \"deal\"*")
        );
        assert_eq!(fts_query("  ,;\" "), None);
        let text = "Türkmenistan signed in Ашхабаде; turkmen gas.";
        let spans = match_spans(text, "turkmen ашхабад");
        let words: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(words, ["Türkmenistan", "Ашхабаде", "turkmen"]);
        assert!(match_spans(text, "").is_empty());
    }
}
