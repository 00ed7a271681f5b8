//! The one evidence excerpt: white space collapsed, cut to at most `max_chars` characters
//! (the ellipsis included) at a word boundary when one is near, for slides, exports and
//! details alike.

/// `text` with white space collapsed, at most `max_chars` characters long.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let cut: String = collapsed
        .chars()
        .take(max_chars.saturating_sub(1))
        .collect();
    // Cut at the last word boundary if it keeps more than half of the text.
    let at_word = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 2 > max_chars => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_only_collapsed() {
        assert_eq!(excerpt("  a\n b   c ", 50), "a b c");
        assert_eq!(excerpt("a  b\nc", 5), "a b c");
    }

    #[test]
    fn long_text_is_cut_at_a_word_within_the_limit() {
        let long = "Кызылорда ".repeat(40);
        let e = excerpt(&long, 50);
        assert!(e.ends_with("Кызылорда…"), "{e}");
        assert!(e.chars().count() <= 50);
        assert!(!e.contains("  "));
        let e = excerpt("one two three, four five six seven", 18);
        assert_eq!(e, "one two three…");
    }

    #[test]
    fn one_long_word_is_cut_on_characters() {
        let cut = excerpt("ääääääääää", 5);
        assert_eq!(cut, "ääää…");
    }
}
