//! Parsing and re-formatting the dates a user types in the edit form: `2025-03-21`, `2025-03`,
//! `2025`, or a range `2025-03-21/2025-03-25`; empty means undated.

use crate::model::{DateRange, IsoDateError, Precision};

/// Parses what the user typed. `Ok(None)` means "undated".
pub fn parse_date_input(text: &str) -> Result<Option<DateRange>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("undated") {
        return Ok(None);
    }
    DateRange::parse_iso_or_range(text)
        .map(Some)
        .map_err(|e| match e {
            IsoDateError::NotADate => format!(
                "“{text}” is not a date: use 2025-03-21, 2025-03, 2025 or 2025-03-21/2025-03-25"
            ),
            IsoDateError::EndsBeforeStart => e.to_string(),
        })
}

/// The same date at another precision (a day keeps its month or year; a range its start).
pub fn with_precision(date: DateRange, precision: Precision) -> DateRange {
    use chrono::Datelike;
    let s = date.start;
    match precision {
        Precision::Day => DateRange::day(s),
        Precision::Month => DateRange::month(s.year(), s.month()).unwrap_or(date),
        Precision::Year => DateRange::year(s.year()).unwrap_or(date),
        Precision::Range => DateRange {
            precision: Precision::Range,
            ..date
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_keep_their_precision() {
        assert_eq!(parse_date_input(" ").unwrap(), None);
        assert_eq!(
            parse_date_input("2025-03-21").unwrap().unwrap().precision,
            Precision::Day
        );
        assert_eq!(
            parse_date_input("2025-03").unwrap().unwrap().precision,
            Precision::Month
        );
        let r = parse_date_input("2025-03-21/2025-04").unwrap().unwrap();
        assert_eq!(r.precision, Precision::Range);
        assert_eq!(r.to_iso(), "2025-03-21/2025-04-30");
        assert!(parse_date_input("2025-04-02/2025-04-01").is_err());
        assert!(parse_date_input("21 March").is_err());
    }

    #[test]
    fn changing_precision_reformats_the_date() {
        let d = parse_date_input("2025-03-21").unwrap().unwrap();
        assert_eq!(with_precision(d, Precision::Month).to_iso(), "2025-03");
        assert_eq!(with_precision(d, Precision::Year).to_iso(), "2025");
        assert_eq!(
            with_precision(d, Precision::Range).to_iso(),
            "2025-03-21/2025-03-21"
        );
        let m = with_precision(d, Precision::Month);
        assert_eq!(with_precision(m, Precision::Day).to_iso(), "2025-03-01");
    }
}
