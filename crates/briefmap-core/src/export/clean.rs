//! What every exporter does to text that comes from briefs, sidecars and imports before it is
//! written: characters XML 1.0 forbids (C0 controls other than tab, newline and return;
//! U+FFFE, U+FFFF) and the other controls (DEL, C1) are dropped, so KML, HTML and iCalendar
//! stay well-formed; every field is cut at `MAX_FIELD_CHARS` and every list at
//! `MAX_LIST_ITEMS`, so no text node grows past what XML tools accept (lxml refuses 10 MB);
//! and CSV cells that a spreadsheet would run as a formula are neutralised with a leading `'`
//! (OWASP "CSV injection"), unless raw values were asked for.

use std::borrow::Cow;

/// Longest exported text field, in characters (a title, a name, a source, a URL).
pub const MAX_FIELD_CHARS: usize = 2_000;
/// Most items of an exported list (places, countries, organisations, people).
pub const MAX_LIST_ITEMS: usize = 100;

/// Whether an exporter drops `c`: what XML 1.0 forbids, and every other control character
/// but tab, newline and carriage return.
pub fn is_dropped(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// `text` without the characters exporters drop (borrowed when there are none).
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_dropped) {
        Cow::Owned(text.chars().filter(|&c| !is_dropped(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// One exported field: cleaned, and cut at `MAX_FIELD_CHARS` (ending in `…` when cut).
pub fn clean_field(text: &str) -> String {
    let cleaned = clean_text(text);
    match cleaned.char_indices().nth(MAX_FIELD_CHARS - 1) {
        Some((cut, _)) if cleaned.chars().count() > MAX_FIELD_CHARS => {
            let mut out = cleaned[..cut].to_string();
            out.push('…');
            out
        }
        _ => cleaned.into_owned(),
    }
}

/// An exported list: at most `MAX_LIST_ITEMS` items, each a clean field.
pub fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .take(MAX_LIST_ITEMS)
        .map(|item| clean_field(item))
        .collect()
}

/// Whether a spreadsheet would read a cell starting with `c` as a formula (OWASP's list, with
/// the full-width forms some spreadsheets also accept).
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
    )
}

/// A CSV text cell that cannot run as a formula: `'` before a leading `=`, `+`, `-`, `@`, tab
/// or carriage return.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if starts_formula(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The value a neutralised cell stood for (the CSV import reads exports back).
pub fn unneutralise_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(starts_formula) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_the_rest_kept() {
        assert_eq!(
            clean_text("a\u{1b}[31mb\u{0}c\u{7f}d\u{85}e\u{fffe}"),
            "a[31mbcde"
        );
        assert_eq!(clean_text("tab\tline\nret\r ü Ж"), "tab\tline\nret\r ü Ж");
        assert!(matches!(clean_text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_fields_and_lists_are_cut() {
        let long = "ж".repeat(MAX_FIELD_CHARS + 10);
        let cut = clean_field(&long);
        assert_eq!(cut.chars().count(), MAX_FIELD_CHARS);
        assert!(cut.ends_with('…'));
        let exact = "x".repeat(MAX_FIELD_CHARS);
        assert_eq!(clean_field(&exact), exact);
        let many: Vec<String> = (0..500).map(|i| i.to_string()).collect();
        assert_eq!(clean_list(&many).len(), MAX_LIST_ITEMS);
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝1",
        ] {
            let safe = neutralise_formula(cell);
            assert_eq!(safe, format!("'{cell}"));
            assert_eq!(unneutralise_formula(&safe), cell);
        }
        assert_eq!(neutralise_formula("Talks in Baku"), "Talks in Baku");
        assert_eq!(unneutralise_formula("'quoted'"), "'quoted'");
    }
}
