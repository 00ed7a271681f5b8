//! CSV export: one row per event, RFC 4180 quoting (via the `csv` crate), multi-valued
//! fields joined with `;` (places, and their lat/lon in the same order). Text cells that a
//! spreadsheet would run as a formula get a leading `'` unless raw cells are asked for; the
//! columns briefmap computes itself (kind, dates, precision, lat, lon) are never touched.

/// The header, in column order (the CSV import reads the same names).
pub const HEADER: [&str; 16] = [
    "id",
    "title",
    "kind",
    "date_start",
    "date_end",
    "precision",
    "places",
    "lat",
    "lon",
    "countries",
    "organizations",
    "people",
    "source",
    "url",
    "file",
    "origin",
];

/// Separator of multiple values inside one field.
pub const MULTI_SEPARATOR: &str = ";";

use super::clean::neutralise_formula;
use super::{ExportError, ExportEvent};

/// How text cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvCells {
    /// Cells starting like a formula (`=`, `+`, `-`, `@`, tab, return) get a leading `'`, so
    /// a spreadsheet shows them as text instead of running them.
    #[default]
    Neutralised,
    /// Every value as it is, for data tools (never open such a file in a spreadsheet).
    Raw,
}

/// Columns briefmap computes itself (not text from outside): never neutralised.
const COMPUTED_COLUMNS: [usize; 6] = [2, 3, 4, 5, 7, 8];

/// The CSV text, header first, CRLF line ends.
pub fn to_string(events: &[ExportEvent], cells: CsvCells) -> Result<String, ExportError> {
    let failed = |e: &dyn std::fmt::Display| ExportError::Csv(e.to_string());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(|e| failed(&e))?;
    for event in events {
        let mut record = row(event);
        if cells == CsvCells::Neutralised {
            for (column, cell) in record.iter_mut().enumerate() {
                if !COMPUTED_COLUMNS.contains(&column)
                    && let std::borrow::Cow::Owned(safe) = neutralise_formula(cell)
                {
                    *cell = safe;
                }
            }
        }
        writer.write_record(record).map_err(|e| failed(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(&e))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

fn row(event: &ExportEvent) -> [String; 16] {
    let join = |items: &[String]| items.join(MULTI_SEPARATOR);
    let places: Vec<String> = event.places.iter().map(|p| p.name.clone()).collect();
    let lats: Vec<String> = event
        .places
        .iter()
        .map(|p| p.point.lat.to_string())
        .collect();
    let lons: Vec<String> = event
        .places
        .iter()
        .map(|p| p.point.lon.to_string())
        .collect();
    [
        event.id.clone(),
        event.title.clone(),
        event.kind.as_str().to_string(),
        event.date.map(|d| d.start.to_string()).unwrap_or_default(),
        event.date.map(|d| d.end.to_string()).unwrap_or_default(),
        event
            .date
            .map(|d| d.precision.as_str().to_string())
            .unwrap_or_default(),
        join(&places),
        join(&lats),
        join(&lons),
        join(&event.countries),
        join(&event.organizations),
        join(&event.people),
        event.source.clone().unwrap_or_default(),
        event.url.clone().unwrap_or_default(),
        event.file.clone(),
        event.origin.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn awkward_titles_are_quoted_and_read_back() {
        let events = flatten(&[awkward_brief()]);
        let text = to_string(&events, CsvCells::Neutralised).expect("CSV renders");
        assert!(text.starts_with(&(HEADER.join(",") + "\r\n")));
        assert!(text.contains("\"Gas talks, \"\"round 2\"\";\nnext"));
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), events.len());
        assert_eq!(&rows[0][1], events[0].title);
        assert_eq!(&rows[0][6], "Ashgabat;TAPI pipeline");
        assert_eq!(&rows[0][7], "37.95;35");
        assert_eq!(&rows[1][5], "month");
        assert_eq!(&rows[1][3], "2024-05-01");
        assert_eq!(&rows[1][4], "2024-05-31");
        assert_eq!(&rows[4][3], "");
    }
}
