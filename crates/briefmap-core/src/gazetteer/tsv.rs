//! Reading the gazetteer's tab-separated tables: a header line names the columns; rows are
//! looked up by column name so a table can gain columns without breaking the reader.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TsvError {
    #[error("table {table}: missing header line")]
    NoHeader { table: &'static str },
    #[error("table {table}: no column '{column}'")]
    MissingColumn {
        table: &'static str,
        column: &'static str,
    },
}

/// A parsed table borrowing its text.
pub struct Table<'a> {
    pub name: &'static str,
    columns: Vec<&'a str>,
    body: &'a str,
}

impl<'a> Table<'a> {
    pub fn parse(name: &'static str, text: &'a str) -> Result<Self, TsvError> {
        let (header, body) = text
            .split_once('\n')
            .ok_or(TsvError::NoHeader { table: name })?;
        let columns = header.trim_end_matches('\r').split('\t').collect();
        Ok(Self {
            name,
            columns,
            body,
        })
    }

    /// The index of a column, or an error naming it.
    pub fn column(&self, column: &'static str) -> Result<usize, TsvError> {
        self.columns
            .iter()
            .position(|c| *c == column)
            .ok_or(TsvError::MissingColumn {
                table: self.name,
                column,
            })
    }

    /// The index of an optional column.
    pub fn optional_column(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// Rows as vectors of fields; blank lines are skipped, short rows padded with "".
    pub fn rows(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        let width = self.columns.len();
        self.body
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(move |line| {
                let mut fields: Vec<&'a str> = line.trim_end_matches('\r').split('\t').collect();
                fields.resize(width.max(fields.len()), "");
                Row { fields }
            })
    }
}

pub struct Row<'a> {
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    pub fn get(&self, index: usize) -> &'a str {
        self.fields.get(index).copied().unwrap_or("").trim()
    }

    pub fn get_opt(&self, index: Option<usize>) -> &'a str {
        index.map(|i| self.get(i)).unwrap_or("")
    }

    pub fn f64(&self, index: usize) -> Option<f64> {
        self.get(index).parse().ok()
    }

    /// A `|`-separated list field.
    pub fn list(&self, index: usize) -> impl Iterator<Item = &'a str> {
        self.get(index)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_by_column_name() {
        let table = Table::parse(
            "t",
            "name\tlat\tnames\nAnkara\t39.9\tAnkara|Анкара\n\nBaku\t40.4\n",
        )
        .unwrap();
        let name = table.column("name").unwrap();
        let names = table.column("names").unwrap();
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get(name), "Ankara");
        assert_eq!(
            rows[0].list(names).collect::<Vec<_>>(),
            ["Ankara", "Анкара"]
        );
        assert_eq!(rows[1].list(names).count(), 0);
        assert_eq!(
            table.column("route").err(),
            Some(TsvError::MissingColumn {
                table: "t",
                column: "route"
            })
        );
    }
}
