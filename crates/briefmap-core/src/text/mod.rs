//! Text utilities shared by extraction and the gazetteer: folding for matching, tokens with
//! byte offsets, sentences, story/furniture separation and language identification; and
//! `shown`, how a file name or message from outside is shown on a terminal or a screen.

pub mod excerpt;
pub mod fold;
pub mod furniture;
pub mod language;
pub mod sentences;
pub mod shown;
pub mod tokens;
