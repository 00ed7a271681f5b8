//! Event titles in one text arena: each batch of rows added together (the whole catalogue at
//! load, the rows an edit adds) is one immutable chunk, shared by reference with the view
//! models, so that handing a million titles to the timeline copies none. A lower-case copy
//! for the free-text filter is made the first time a chunk is searched.

use std::sync::{Arc, OnceLock};

/// The titles of rows `first_row..first_row + ends.len()`.
#[derive(Debug, Default)]
pub struct TitleChunk {
    first_row: u32,
    text: String,
    ends: Vec<u32>,
    /// Lower-case titles, each followed by a NUL, and their ends (for searching).
    lower: OnceLock<(String, Vec<u32>)>,
}

impl TitleChunk {
    fn get(&self, row: u32) -> &str {
        let i = (row - self.first_row) as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }

    fn rows(&self) -> std::ops::Range<u32> {
        self.first_row..self.first_row + self.ends.len() as u32
    }

    fn lower(&self) -> &(String, Vec<u32>) {
        self.lower.get_or_init(|| {
            let mut text = String::with_capacity(self.text.len() + self.ends.len());
            let mut ends = Vec::with_capacity(self.ends.len());
            for row in self.rows() {
                text.extend(self.get(row).chars().flat_map(char::to_lowercase));
                text.push('\0');
                ends.push(text.len() as u32);
            }
            (text, ends)
        })
    }

    /// Rows of this chunk whose lower-cased title contains `needle` (lower case, no NUL).
    fn search(&self, needle: &str, out: &mut Vec<u32>) {
        let (text, ends) = self.lower();
        let mut last = None;
        for at in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
            let i = ends.partition_point(|&e| e as usize <= at);
            if last != Some(i) {
                last = Some(i);
                out.push(self.first_row + i as u32);
            }
        }
    }
}

/// All titles, by row. Cloning shares the chunks.
#[derive(Debug, Clone, Default)]
pub struct Titles {
    chunks: Vec<Arc<TitleChunk>>,
    /// Titles of rows added since the last `seal`.
    pending: TitleChunk,
}

impl Titles {
    /// The title of `row` ("" for a row without one).
    pub fn get(&self, row: u32) -> &str {
        let i = self.chunks.partition_point(|c| c.first_row <= row);
        match i.checked_sub(1).map(|i| &self.chunks[i]) {
            Some(chunk) if chunk.rows().contains(&row) => chunk.get(row),
            _ if self.pending.rows().contains(&row) => self.pending.get(row),
            _ => "",
        }
    }

    /// Adds the title of the next row, `row`.
    pub fn push(&mut self, row: u32, title: &str) {
        if self.pending.ends.is_empty() {
            self.pending.first_row = row;
        }
        self.pending.text.push_str(title);
        self.pending.ends.push(self.pending.text.len() as u32);
    }

    /// Makes the titles added since the last call one shared chunk.
    pub fn seal(&mut self) {
        if !self.pending.ends.is_empty() {
            let chunk = std::mem::take(&mut self.pending);
            self.chunks.push(Arc::new(chunk));
        }
    }

    /// Rows whose title contains `needle` (lower case), ascending.
    pub fn search(&self, needle: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if needle.is_empty() || needle.contains('\0') {
            return out;
        }
        for chunk in &self.chunks {
            chunk.search(needle, &mut out);
        }
        out
    }
}

impl PartialEq for TitleChunk {
    fn eq(&self, other: &Self) -> bool {
        self.first_row == other.first_row && self.ends == other.ends && self.text == other.text
    }
}

impl PartialEq for Titles {
    /// Same titles for the same rows (chunks shared by two clones compare at once).
    fn eq(&self, other: &Self) -> bool {
        self.pending == other.pending
            && self.chunks.len() == other.chunks.len()
            && self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl Clone for TitleChunk {
    fn clone(&self) -> Self {
        Self {
            first_row: self.first_row,
            text: self.text.clone(),
            ends: self.ends.clone(),
            lower: OnceLock::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_back_by_row_across_chunks_and_are_searched_in_lower_case() {
        let mut t = Titles::default();
        t.push(0, "Gas talks in Baku");
        t.push(1, "Oil deal");
        t.seal();
        t.push(5, "ГАЗ в Ашхабаде");
        assert_eq!(t.get(5), "ГАЗ в Ашхабаде", "unsealed rows are readable");
        t.seal();
        assert_eq!(t.get(0), "Gas talks in Baku");
        assert_eq!(t.get(1), "Oil deal");
        assert_eq!(t.get(3), "");
        assert_eq!(t.search("gas"), [0]);
        assert_eq!(t.search("газ"), [5]);
        assert_eq!(t.search("a"), [0, 1], "Cyrillic а is not Latin a");
        // A match may not run from one title into the next.
        assert!(t.search("bakuoil").is_empty());
        let shared = t.clone();
        assert_eq!(shared.get(1), "Oil deal");
    }
}
