//! Routes named by their ends: "the Atyrau–Samara pipeline", "газопровод Бухара – Ташкент –
//! Бишкек – Алматы", "Kars-Iğdır-Nahçıvan demiryolu". Places joined by dashes beside a route
//! word become one route place (its waypoints are the places), not separate places.

use crate::lexicon;
use crate::model::PlaceKind;
use crate::text::tokens::{Token, TokenKind};

/// A route word starting at token `i`: (kind, English word, tokens it covers).
pub fn route_word_at(
    tokens: &[Token<'_>],
    folded: &[String],
    i: usize,
) -> Option<(PlaceKind, &'static str, usize)> {
    let mut best: Option<(PlaceKind, &'static str, usize)> = None;
    for (form, kind, english) in lexicon::all_of(|l| l.places.route_words) {
        let parts: Vec<&str> = form.split(' ').collect();
        let mut k = i;
        let mut ok = true;
        for (n, part) in parts.iter().enumerate() {
            while k < tokens.len() && tokens[k].kind == TokenKind::Joiner {
                k += 1;
            }
            let Some(word) = folded.get(k) else {
                ok = false;
                break;
            };
            let last = n + 1 == parts.len();
            let matches = if last {
                word.starts_with(part)
            } else {
                word == part
            };
            if tokens[k].kind != TokenKind::Word || !matches {
                ok = false;
                break;
            }
            k += 1;
        }
        if ok && best.is_none_or(|(_, _, n)| k - i > n) {
            best = Some((*kind, english, k - i));
        }
    }
    best
}

/// Whether the tokens between two place names are only a dash (spaced or not).
pub fn dash_between(tokens: &[Token<'_>], from: usize, to: usize) -> bool {
    to > from
        && to - from <= 1
        && tokens[from..to].iter().all(|t| {
            matches!(t.kind, TokenKind::Joiner | TokenKind::Punct)
                && matches!(t.text, "-" | "–" | "—" | "‑")
        })
}

/// Tokens to skip between a route word and the places ("the", quotes, "магистрального").
pub fn skippable(token: &Token<'_>, folded: &str) -> bool {
    matches!(token.text, "«" | "»" | "\"" | "“" | "”" | "(" | ")")
        || matches!(
            folded,
            "the" | "le" | "la" | "les" | "du" | "de" | "des" | "der" | "die" | "das"
        )
        || folded.starts_with("магистральн")
        || folded.starts_with("транскаспийск")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;
    use crate::text::tokens::tokenize;

    fn word_at(text: &str, i: usize) -> Option<(PlaceKind, &'static str, usize)> {
        let tokens = tokenize(text);
        let folded: Vec<String> = tokens.iter().map(|t| fold(t.text)).collect();
        route_word_at(&tokens, &folded, i)
    }

    #[test]
    fn route_words_in_each_language() {
        assert_eq!(
            word_at("gas pipeline", 0),
            Some((PlaceKind::Pipeline, "gas pipeline", 2))
        );
        assert_eq!(
            word_at("газопровода", 0).map(|w| w.0),
            Some(PlaceKind::Pipeline)
        );
        assert_eq!(
            word_at("железной дороги", 0).map(|w| w.0),
            Some(PlaceKind::Railway)
        );
        assert_eq!(
            word_at("demiryolu", 0).map(|w| w.0),
            Some(PlaceKind::Railway)
        );
        assert_eq!(word_at("le gazoduc", 1).map(|w| w.1), Some("gas pipeline"));
        assert_eq!(word_at("pipe", 0), None);
    }
}
