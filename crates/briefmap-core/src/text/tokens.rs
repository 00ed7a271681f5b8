//! Words of a text with their byte offsets. A word is a run of letters and digits; an
//! apostrophe splits words ("d'Astana" → "d", "Astana"; "Ankara'da" → "Ankara", "da"), and a
//! hyphen is kept as a separate joiner so "Nur-Sultan" and "kazakho-turkmène" can be matched
//! both as one name and as parts.

use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// A hyphen or dash directly between two words, without spaces.
    Joiner,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    pub kind: TokenKind,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// First letter is upper case (Ankara, ASHGABAT, КМГ).
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter is upper case and there are at least two (TPAO, КМГ).
    pub fn is_all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.text.chars() {
            if c.is_alphabetic() {
                if !c.is_uppercase() {
                    return false;
                }
                letters += 1;
            }
        }
        letters >= 2
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Splits `text` into tokens. White space is dropped; everything else is a token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(i, next)) = chars.peek() {
                if is_word_char(next) {
                    all_digits &= next.is_ascii_digit();
                    end = i + next.len_utf8();
                    chars.next();
                } else if (next == '.' || next == ',') && all_digits {
                    // 36.5, 1,000: keep numbers whole when a digit follows.
                    let mut look = chars.clone();
                    look.next();
                    match look.peek() {
                        Some(&(_, d)) if d.is_ascii_digit() => {
                            end = i + next.len_utf8();
                            chars.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            tokens.push(Token {
                text: word,
                span: Span::new(start, end),
                kind: if all_digits
                    || word
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
            });
            continue;
        }
        let end = start + c.len_utf8();
        let joins = is_hyphen(c)
            && tokens
                .last()
                .is_some_and(|t: &Token| t.span.end == start && t.kind != TokenKind::Punct)
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
        tokens.push(Token {
            text: &text[start..end],
            span: Span::new(start, end),
            kind: if joins {
                TokenKind::Joiner
            } else {
                TokenKind::Punct
            },
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.is_word())
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn apostrophes_and_hyphens_split_words() {
        assert_eq!(words("visite d’Astana"), ["visite", "d", "Astana"]);
        assert_eq!(words("Ankara'da görüştü"), ["Ankara", "da", "görüştü"]);
        let tokens = tokenize("Nur-Sultan – Baku");
        let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Joiner,
                TokenKind::Word,
                TokenKind::Punct,
                TokenKind::Word
            ]
        );
    }

    #[test]
    fn offsets_are_bytes_into_the_text() {
        let text = "В Анкаре состоялась";
        let tokens = tokenize(text);
        assert_eq!(tokens[1].text, "Анкаре");
        assert_eq!(&text[tokens[1].span.start..tokens[1].span.end], "Анкаре");
    }

    #[test]
    fn numbers_stay_whole() {
        let tokens = tokenize("worth 36.5 billion, $1,000 and 2025.");
        let numbers: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text)
            .collect();
        assert_eq!(numbers, ["36.5", "1,000", "2025"]);
    }

    #[test]
    fn capitals_are_recognised() {
        let t = tokenize("TPAO Ankara kazakh КМГ");
        assert!(t[0].is_all_caps() && t[0].is_capitalized());
        assert!(t[1].is_capitalized() && !t[1].is_all_caps());
        assert!(!t[2].is_capitalized());
        assert!(t[3].is_all_caps());
    }
}
