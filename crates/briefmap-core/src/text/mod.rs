//! Text utilities shared by extraction and the gazetteer: folding for matching, tokens with
//! byte offsets, sentences, story/furniture separation and language identification.

pub mod excerpt;
pub mod fold;
pub mod furniture;
pub mod language;
pub mod sentences;
pub mod tokens;
