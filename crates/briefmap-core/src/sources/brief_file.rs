//! One brief file: its text read and checked (a size cap, not binary, UTF-8, not blank), its
//! sidecar read, and its extraction. Every unusable file becomes a `Problem` naming the file
//! and the reason; never a panic.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::read::{ReadError, read_capped};
use super::sidecar;
use crate::extract;
use crate::gazetteer::Gazetteer;
use crate::model::{Brief, Problem, Publication};

/// Briefs larger than this are refused: a news brief is a few kilobytes.
pub const MAX_BRIEF_BYTES: u64 = 2 * 1024 * 1024;

/// Why one file could not be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BriefError {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({0} bytes; a brief may have at most {MAX_BRIEF_BYTES})")]
    TooLarge(u64),
    #[error("this looks like a binary file, not text")]
    Binary,
    #[error("the text is not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
    #[error("the file holds only white space")]
    Blank,
    #[error("not a brief: only .txt and .md files are read")]
    UnsupportedType,
    #[error("no such file or folder")]
    Missing,
}

/// Loads one brief file and its sidecar. A bad sidecar is a problem but the brief still loads.
pub fn load_file(file: &Path, gazetteer: &Gazetteer) -> (Option<Brief>, Vec<Problem>) {
    let text = match read_brief_text(file) {
        Ok(text) => text,
        Err(err) => return (None, vec![problem(file, &err)]),
    };
    let (publication, problems) = read_publication(file);
    let brief = extract::extract_brief(file.to_path_buf(), &text, &publication, gazetteer);
    (Some(brief), problems)
}

/// What a brief's sidecar says about its publication; a bad sidecar is a problem (and an
/// empty publication).
pub fn read_publication(file: &Path) -> (Publication, Vec<Problem>) {
    let mut problems = Vec::new();
    let publication = match sidecar::read_sidecar(file) {
        Ok(Some(map)) => {
            let (publication, field_problems) = sidecar::publication_from_sidecar(&map);
            let path = sidecar::sidecar_path(file);
            problems.extend(field_problems.into_iter().map(|error| Problem {
                file: path.clone(),
                error,
            }));
            publication
        }
        Ok(None) => Publication::default(),
        Err(err) => {
            problems.push(Problem {
                file: sidecar::sidecar_path(file),
                error: format!("{err}; the brief was loaded without it"),
            });
            Publication::default()
        }
    };
    (publication, problems)
}

/// A brief made from text that is not (yet) a file, e.g. pasted from the clipboard.
pub fn brief_from_text(file: PathBuf, text: &str, publication: Publication) -> Brief {
    extract::extract_brief(file, text, &publication, Gazetteer::bundled())
}

/// Reads a file as a brief's text, refusing what is not usable text.
pub fn read_brief_text(file: &Path) -> Result<String, BriefError> {
    let bytes = read_capped(file, MAX_BRIEF_BYTES).map_err(|e| match e {
        ReadError::NotFound => BriefError::Missing,
        ReadError::TooLarge { size, .. } => BriefError::TooLarge(size),
        other => BriefError::Unreadable(other.to_string()),
    })?;
    decode_brief_bytes(bytes)
}

/// Checks raw bytes: not empty, not binary, UTF-8 (a BOM is dropped), not only white space.
pub fn decode_brief_bytes(mut bytes: Vec<u8>) -> Result<String, BriefError> {
    if bytes.is_empty() {
        return Err(BriefError::Empty);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(BriefError::Binary);
    }
    let text =
        String::from_utf8(bytes).map_err(|e| BriefError::NotUtf8(e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(BriefError::Blank);
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > text.chars().count() {
        return Err(BriefError::Binary);
    }
    Ok(text)
}

fn problem(file: &Path, err: &BriefError) -> Problem {
    Problem {
        file: file.to_path_buf(),
        error: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_bytes_are_refused_with_a_reason() {
        assert_eq!(decode_brief_bytes(vec![]), Err(BriefError::Empty));
        assert_eq!(
            decode_brief_bytes(b"  \n\t ".to_vec()),
            Err(BriefError::Blank)
        );
        assert_eq!(
            decode_brief_bytes(b"PK\x03\x04\x00\x00zip".to_vec()),
            Err(BriefError::Binary)
        );
        assert_eq!(
            decode_brief_bytes(b"caf\xe9 latin-1".to_vec()),
            Err(BriefError::NotUtf8(3))
        );
        let text = decode_brief_bytes("\u{feff}Анкара".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Анкара");
    }
}
