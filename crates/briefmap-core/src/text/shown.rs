//! How names and messages that come from outside (file names, reasons quoting a file's text)
//! are shown on a terminal or a screen: control characters — ESC sequences, a newline that
//! would forge a line, bidirectional overrides that reorder what is read — are written as
//! visible escapes (`\n`, `\t`, `\u{1b}`), and bytes that are not UTF-8 as `\xNN`. The one
//! helper the command line and every message use.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` must not reach a terminal or a label as it is: C0/C1 controls and DEL, and
/// the invisible characters that change the reading order of what follows.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
}

/// `text` with its control characters escaped (borrowed when there are none).
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    Cow::Owned(out)
}

/// A path as it may be printed or drawn: control characters escaped, and on Unix the bytes
/// that are not UTF-8 written as `\xNN` (never silently replaced).
pub fn shown_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            push_escaped(&mut out, chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        shown(&path.to_string_lossy()).into_owned()
    }
}

/// A long path cut in its middle to at most `max_chars` characters (`…` in the cut), so its
/// start (where it is) and its end (the file's name) both stay readable.
pub fn elide_middle(text: &str, max_chars: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= max_chars || max_chars < 3 {
        return Cow::Borrowed(text);
    }
    let keep = max_chars - 1;
    let head = keep / 2;
    let tail = keep - head;
    let mut out: String = text.chars().take(head).collect();
    out.push('…');
    out.extend(text.chars().skip(count - tail));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_kept() {
        assert!(matches!(shown("Анкара, 21 марта"), Cow::Borrowed(_)));
        assert_eq!(shown("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(shown("line\nbriefmap: forged"), "line\\nbriefmap: forged");
        assert_eq!(shown("tab\there\r"), "tab\\there\\r");
        assert_eq!(shown("\u{7f}\u{9b}"), "\\u{7f}\\u{9b}");
        assert_eq!(shown("abc\u{202e}txt.exe"), "abc\\u{202e}txt.exe");
    }

    #[cfg(unix)]
    #[test]
    fn paths_show_bad_bytes_and_controls() {
        use std::os::unix::ffi::OsStrExt as _;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"dir/caf\xe9\n\x1b[2J.txt"));
        assert_eq!(shown_path(path), "dir/caf\\xe9\\n\\u{1b}[2J.txt");
        assert_eq!(shown_path(Path::new("plain/ü.txt")), "plain/ü.txt");
    }

    #[test]
    fn long_text_is_cut_in_the_middle() {
        let long = format!("/home/{}/brief.txt", "d".repeat(4600));
        let cut = elide_middle(&long, 80);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.starts_with("/home/ddd"));
        assert!(cut.ends_with("ddd/brief.txt"));
        assert!(cut.contains('…'));
        assert_eq!(elide_middle("short", 80), "short");
    }
}
