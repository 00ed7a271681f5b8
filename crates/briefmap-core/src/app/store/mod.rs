//! The columnar event store: every event of the catalogue as one row of a struct of arrays —
//! dates, kinds and flags as plain numbers, countries, organisations, people and places as
//! lists of interned ids, titles in one arena. Reading a column allocates nothing, and a
//! million rows take a few allocations, not millions. Rows are only ever added: a corrected
//! event is a new row and its old row dies (leaves `live`), so that an edit touches only the
//! rows it changes.

pub mod interner;
pub mod lists;
pub mod rowset;
pub mod titles;

use chrono::{Datelike, NaiveDate};

use crate::model::{DateRange, Event, EventKind, Precision, Span};
pub use interner::Interner;
pub use lists::Lists;
pub use rowset::RowSet;
pub use titles::Titles;

/// The lists of ids a row has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListColumn {
    /// ISO codes, as the event lists them.
    Country,
    Organization,
    Person,
    /// Place names, as the event lists them (resolved or not).
    PlaceName,
}

impl ListColumn {
    pub const ALL: [ListColumn; 4] = [
        ListColumn::Country,
        ListColumn::Organization,
        ListColumn::Person,
        ListColumn::PlaceName,
    ];
}

/// Marks a row's date as unknown in `precision`.
const UNDATED: u8 = u8::MAX;
const MAIN: u8 = 1;
const REVIEWED: u8 = 2;
const CORRECTED: u8 = 4;

/// What is stored for one new row besides the event itself.
#[derive(Debug, Clone, Copy)]
pub struct RowMeta<'a> {
    /// Index into the catalogue's briefs.
    pub brief: u32,
    /// The event's stable key.
    pub key: u64,
    pub reviewed: bool,
    pub corrected: bool,
    /// Indices into the catalogue's places, in the event's order, each once.
    pub places: &'a [u32],
}

/// All events as columns.
#[derive(Debug, Clone, Default)]
pub struct EventStore {
    brief: Vec<u32>,
    key: Vec<u64>,
    start: Vec<i32>,
    end: Vec<i32>,
    precision: Vec<u8>,
    kind: Vec<u8>,
    flags: Vec<u8>,
    evidence: Vec<[u32; 2]>,
    titles: Titles,
    lists: [Lists; 4],
    values: [Interner; 4],
    places: Lists,
    live: RowSet,
    live_count: usize,
}

impl EventStore {
    /// Room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        self.brief.reserve(rows);
        self.key.reserve(rows);
        self.start.reserve(rows);
        self.end.reserve(rows);
        self.precision.reserve(rows);
        self.kind.reserve(rows);
        self.flags.reserve(rows);
        self.evidence.reserve(rows);
        for list in &mut self.lists {
            list.reserve(rows, rows);
        }
        self.places.reserve(rows, rows);
    }

    /// Adds `event` as a new live row; returns its id. Call [`EventStore::seal`] after a batch.
    pub fn push(&mut self, event: &Event, meta: RowMeta<'_>) -> u32 {
        let row = self.brief.len() as u32;
        self.brief.push(meta.brief);
        self.key.push(meta.key);
        match event.date {
            Some(d) => {
                self.start.push(d.start.num_days_from_ce());
                self.end.push(d.end.num_days_from_ce());
                self.precision.push(d.precision as u8);
            }
            None => {
                self.start.push(0);
                self.end.push(0);
                self.precision.push(UNDATED);
            }
        }
        self.kind.push(event.kind as u8);
        self.flags.push(
            (u8::from(event.main) * MAIN)
                | (u8::from(meta.reviewed) * REVIEWED)
                | (u8::from(meta.corrected) * CORRECTED),
        );
        let span = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.evidence
            .push([span(event.evidence.start), span(event.evidence.end)]);
        self.titles.push(row, &event.title);
        let columns: [&[String]; 4] = [
            &event.countries,
            &event.organizations,
            &event.people,
            &event.places,
        ];
        for (c, values) in columns.into_iter().enumerate() {
            let ids: smallvec::SmallVec<[u32; 4]> =
                values.iter().map(|v| self.values[c].intern(v)).collect();
            self.lists[c].push(ids);
        }
        self.places.push(meta.places.iter().copied());
        self.live.insert(row);
        self.live_count += 1;
        row
    }

    /// Seals the titles of the rows added since the last call (see [`Titles`]).
    pub fn seal(&mut self) {
        self.titles.seal();
    }

    /// Takes `row` out of the live rows (its data stays for whoever still refers to it).
    pub fn kill(&mut self, row: u32) {
        if self.live.contains(row) {
            self.live.remove(row);
            self.live_count -= 1;
        }
    }

    /// Puts a killed row back.
    pub fn revive(&mut self, row: u32) {
        if (row as usize) < self.brief.len() && !self.live.contains(row) {
            self.live.insert(row);
            self.live_count += 1;
        }
    }

    /// Number of row ids (live or not): rows are `0..len()`.
    pub fn len(&self) -> usize {
        self.brief.len()
    }

    pub fn is_empty(&self) -> bool {
        self.brief.is_empty()
    }

    /// Number of live rows.
    pub fn live_count(&self) -> usize {
        self.live_count
    }

    pub fn live(&self) -> &RowSet {
        &self.live
    }

    pub fn is_live(&self, row: u32) -> bool {
        self.live.contains(row)
    }

    pub fn brief(&self, row: u32) -> u32 {
        self.brief[row as usize]
    }

    pub fn key(&self, row: u32) -> u64 {
        self.key[row as usize]
    }

    pub fn date(&self, row: u32) -> Option<DateRange> {
        let r = row as usize;
        let precision = match self.precision[r] {
            0 => Precision::Day,
            1 => Precision::Month,
            2 => Precision::Year,
            3 => Precision::Range,
            _ => return None,
        };
        Some(DateRange {
            start: NaiveDate::from_num_days_from_ce_opt(self.start[r])?,
            end: NaiveDate::from_num_days_from_ce_opt(self.end[r])?,
            precision,
        })
    }

    /// First and last day as days from the Common Era, if dated (no date decoding).
    pub fn day_span(&self, row: u32) -> Option<(i32, i32)> {
        let r = row as usize;
        (self.precision[r] != UNDATED).then(|| (self.start[r], self.end[r]))
    }

    /// The year the event starts in, if dated.
    pub fn year(&self, row: u32) -> Option<i32> {
        self.date(row).map(|d| d.start.year())
    }

    pub fn kind(&self, row: u32) -> EventKind {
        EventKind::ALL
            .get(self.kind[row as usize] as usize)
            .copied()
            .unwrap_or(EventKind::Other)
    }

    /// The kind as its index in [`EventKind::ALL`].
    pub fn kind_id(&self, row: u32) -> u8 {
        self.kind[row as usize]
    }

    pub fn is_main(&self, row: u32) -> bool {
        self.flags[row as usize] & MAIN != 0
    }

    pub fn reviewed(&self, row: u32) -> bool {
        self.flags[row as usize] & REVIEWED != 0
    }

    pub fn corrected(&self, row: u32) -> bool {
        self.flags[row as usize] & CORRECTED != 0
    }

    pub fn evidence(&self, row: u32) -> Span {
        let [start, end] = self.evidence[row as usize];
        Span::new(start as usize, end as usize)
    }

    pub fn title(&self, row: u32) -> &str {
        self.titles.get(row)
    }

    /// The titles, shared (for view models).
    pub fn titles(&self) -> &Titles {
        &self.titles
    }

    /// Row `row`'s ids in `column`, in the event's order.
    pub fn list(&self, column: ListColumn, row: u32) -> &[u32] {
        self.lists[column as usize].get(row)
    }

    /// The interned values of `column`.
    pub fn values(&self, column: ListColumn) -> &Interner {
        &self.values[column as usize]
    }

    /// Row `row`'s values in `column`, in the event's order.
    pub fn strings(&self, column: ListColumn, row: u32) -> impl Iterator<Item = &str> {
        let values = &self.values[column as usize];
        self.list(column, row).iter().map(|&id| values.get(id))
    }

    /// Indices into the catalogue's places, in the event's order, each once.
    pub fn places(&self, row: u32) -> &[u32] {
        self.places.get(row)
    }

    /// The row as an `Event` again (allocates: for one event at a time).
    pub fn event(&self, row: u32) -> Event {
        let strings = |c: ListColumn| self.strings(c, row).map(str::to_string).collect();
        Event {
            main: self.is_main(row),
            date: self.date(row),
            kind: self.kind(row),
            title: self.title(row).to_string(),
            places: strings(ListColumn::PlaceName),
            countries: strings(ListColumn::Country),
            organizations: strings(ListColumn::Organization),
            people: strings(ListColumn::Person),
            evidence: self.evidence(row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic;

    #[test]
    fn every_event_comes_back_whole_from_its_row() {
        let briefs = synthetic::briefs(400, 3);
        let mut store = EventStore::default();
        let mut rows = Vec::new();
        for (bi, b) in briefs.iter().enumerate() {
            for e in &b.brief.events {
                let row = store.push(
                    e,
                    RowMeta {
                        brief: bi as u32,
                        key: rows.len() as u64 * 7,
                        reviewed: rows.len() % 3 == 0,
                        corrected: rows.len() % 5 == 0,
                        places: &[1, 2],
                    },
                );
                rows.push((row, e.clone()));
            }
            store.seal();
        }
        assert_eq!(store.live_count(), 400);
        for (i, (row, event)) in rows.iter().enumerate() {
            assert_eq!(&store.event(*row), event);
            assert_eq!(store.key(*row), i as u64 * 7);
            assert_eq!(store.reviewed(*row), i % 3 == 0);
            assert_eq!(store.corrected(*row), i % 5 == 0);
            assert_eq!(store.places(*row), [1, 2]);
            assert_eq!(
                store.day_span(*row).is_some(),
                event.date.is_some(),
                "{event:?}"
            );
        }
        store.kill(rows[0].0);
        store.kill(rows[0].0);
        assert_eq!(store.live_count(), 399);
        assert!(!store.is_live(rows[0].0));
        store.revive(rows[0].0);
        assert_eq!(store.live_count(), 400);
    }
}
