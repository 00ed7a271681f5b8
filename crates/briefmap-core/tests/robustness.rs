//! Extraction never panics and every span it returns is a slice of the text, whatever the
//! input: random mixes of words, digits, punctuation, scripts, dashes and apostrophes.

use std::path::PathBuf;

use briefmap_core::extract::extract_brief;
use briefmap_core::gazetteer::Gazetteer;
use briefmap_core::model::{Brief, DateRange, Publication, Span};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Ankara",
    "Анкаре",
    "Ashgabat",
    "ASHGABAT",
    "Achgabat",
    "Kazakhstan",
    "казахстанско",
    "-",
    "–",
    "—",
    "'",
    "’",
    "«",
    "»",
    "\"",
    "(",
    ")",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\n",
    "\n\n",
    " ",
    " ",
    " ",
    "21",
    "марта",
    "2025",
    "г.",
    "mercredi",
    "в",
    "понедельник",
    "today",
    "le",
    "3",
    "septembre",
    "du",
    "12",
    "au",
    "14",
    "juin",
    "Vladimir",
    "Poutine",
    "Rostom",
    "QazaqGaz",
    "КазМунайГаз",
    "TPAO",
    "Ministry",
    "of",
    "Energy",
    "министерство",
    "энергетики",
    "Bakanlığı",
    "pipeline",
    "газопровод",
    "Xi",
    "an",
    "Ош",
    "1er",
    "Mart",
    "ta",
    "🙂",
    "\u{301}",
    "ß",
    "İ",
    "ı",
    "Ё",
    "қазан",
    "2025-03-21",
    "21.03.2025",
    "$1,000",
    "36.5",
    "Фото:",
    "Источник:",
    "1023",
    "|",
    "👁",
    "Tags:",
    "Read also:",
    "JAKARTA",
    "President",
    "Tokayev",
    "said",
    "visit",
    "visite",
    "встреча",
    "Gaz",
    "La",
    "Of",
    "Nice",
    "\t",
    "\r\n",
];

fn check(brief: &Brief) {
    let text = &brief.text;
    let ok = |s: &Span| text.get(s.start..s.end).is_some() && s.start <= s.end;
    for p in &brief.places {
        assert!(p.mentions.iter().all(ok), "{p:?}");
        assert!(p.point.lat.is_finite() && p.point.lon.is_finite());
    }
    for c in &brief.countries {
        assert!(c.mentions.iter().all(ok));
    }
    for o in &brief.organizations {
        assert!(o.mentions.iter().all(ok));
    }
    for p in &brief.people {
        assert!(p.mentions.iter().all(ok));
    }
    assert!(brief.events.iter().all(|e| ok(&e.evidence)));
    assert!(brief.events.iter().filter(|e| e.main).count() <= 1);
}

#[test]
fn random_text_never_breaks_extraction() {
    let gazetteer = Gazetteer::bundled();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for round in 0..1500 {
        let len = 1 + (rng.next() % 120) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(PIECES));
            if rng.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let published = match rng.next() % 4 {
            0 => None,
            1 => DateRange::parse_iso("2024"),
            2 => DateRange::parse_iso("2024-02"),
            _ => DateRange::parse_iso("2024-02-29"),
        };
        let publication = Publication {
            published,
            ..Publication::default()
        };
        let brief = extract_brief(
            PathBuf::from(format!("r{round}.txt")),
            &text,
            &publication,
            gazetteer,
        );
        check(&brief);
    }
}

#[test]
fn degenerate_texts() {
    let gazetteer = Gazetteer::bundled();
    let long_line = "Ankara ".repeat(20_000);
    let many_lines = "x\n".repeat(20_000);
    for text in [
        "",
        " ",
        "\n\n\n",
        ".",
        "-",
        "«»",
        "1023",
        "Фото: KMG",
        &long_line,
        &many_lines,
        "a'b'c'd",
        "Xi'",
        "'an",
    ] {
        let brief = extract_brief(
            PathBuf::from("d.txt"),
            text,
            &Publication::default(),
            gazetteer,
        );
        check(&brief);
    }
}

#[test]
fn impossible_dates_are_problems_of_their_brief_and_date_nothing() {
    let gazetteer = Gazetteer::bundled();
    let text = "Accord gazier signé à Bakou\n\n\
        BAKOU — L'Azerbaïdjan et la Turquie ont signé le 31 février 2025 un accord gazier. \
        Встреча в Ашхабаде прошла 30 февраля. The next round is set for 3 March 99999.";
    let publication = Publication {
        published: DateRange::parse_iso("2025-03-10"),
        ..Publication::default()
    };
    let brief = extract_brief(
        PathBuf::from("impossible.txt"),
        text,
        &publication,
        gazetteer,
    );
    for written in ["31 février 2025", "30 февраля", "3 March 99999"] {
        assert!(
            brief.problems.iter().any(|p| p.contains(written)),
            "{written} not reported: {:?}",
            brief.problems
        );
    }
    for event in &brief.events {
        let iso = event.date.map(|d| d.to_iso()).unwrap_or_default();
        assert!(!iso.starts_with("2025-02"), "guessed February: {event:?}");
    }
}
