//! Every facet value's events: for countries, organisations and people a posting list (the
//! live rows that have the value, ascending), and for every facet the number of live rows per
//! value. Values are small ids (the store's interned strings; kinds by their place in
//! `EventKind::ALL`; languages and sources per brief). Adding or removing a row updates only
//! that row's values, so an edit never walks the catalogue.

use super::facet::Facet;
use super::store::{EventStore, Interner, ListColumn};
use crate::model::{Brief, Event, EventKind};

/// Number of facets.
pub const FACETS: usize = Facet::ALL.len();
/// No language or source.
const NONE: u32 = u32::MAX;

/// The facets whose values are lists of the row (the rest have one value at most).
pub fn list_column(facet: Facet) -> Option<ListColumn> {
    match facet {
        Facet::Country => Some(ListColumn::Country),
        Facet::Organization => Some(ListColumn::Organization),
        Facet::Person => Some(ListColumn::Person),
        Facet::Kind | Facet::Language | Facet::Source => None,
    }
}

/// Posting lists and counts of every facet value.
#[derive(Debug, Clone, Default)]
pub struct FacetIndex {
    /// Per list column (countries, organisations, people, place names), per value id: live
    /// rows, ascending.
    postings: [Vec<Vec<u32>>; 4],
    /// Per facet, per value id: number of live rows with it.
    totals: [Vec<u32>; FACETS],
    languages: Interner,
    sources: Interner,
    /// Per brief: language and source id (`NONE` if it has none).
    brief_language: Vec<u32>,
    brief_source: Vec<u32>,
}

impl FacetIndex {
    /// Notes brief `bi`'s language and source (before its rows are added).
    pub fn set_brief(&mut self, bi: u32, brief: &Brief) {
        let bi = bi as usize;
        if self.brief_language.len() <= bi {
            self.brief_language.resize(bi + 1, NONE);
            self.brief_source.resize(bi + 1, NONE);
        }
        self.brief_language[bi] = brief
            .language
            .as_deref()
            .map_or(NONE, |l| self.languages.intern(l));
        self.brief_source[bi] = brief
            .source
            .as_deref()
            .map_or(NONE, |s| self.sources.intern(s));
    }

    /// Number of value ids of `facet` (some may have no live row).
    pub fn value_count(&self, store: &EventStore, facet: Facet) -> usize {
        match facet {
            Facet::Kind => EventKind::ALL.len(),
            Facet::Language => self.languages.len(),
            Facet::Source => self.sources.len(),
            _ => list_column(facet).map_or(0, |c| store.values(c).len()),
        }
    }

    /// The value with id `id` of `facet`.
    pub fn value<'a>(&'a self, store: &'a EventStore, facet: Facet, id: u32) -> &'a str {
        match facet {
            Facet::Kind => EventKind::ALL.get(id as usize).map_or("", |k| k.as_str()),
            Facet::Language => self.languages.get(id),
            Facet::Source => self.sources.get(id),
            _ => list_column(facet).map_or("", |c| store.values(c).get(id)),
        }
    }

    /// The id of `value` in `facet`, if any row ever had it.
    pub fn id_of(&self, store: &EventStore, facet: Facet, value: &str) -> Option<u32> {
        match facet {
            Facet::Kind => EventKind::parse(value).map(|k| k as u32),
            Facet::Language => self.languages.id_of(value),
            Facet::Source => self.sources.id_of(value),
            _ => list_column(facet).and_then(|c| store.values(c).id_of(value)),
        }
    }

    /// Live rows per value id of `facet` (shorter than `value_count` when the last ids have none).
    pub fn totals(&self, facet: Facet) -> &[u32] {
        &self.totals[facet as usize]
    }

    /// The live rows with value `id` of a list facet, ascending (empty for other facets).
    pub fn postings(&self, facet: Facet, id: u32) -> &[u32] {
        match list_column(facet) {
            Some(c) => self.postings[c as usize]
                .get(id as usize)
                .map_or(&[], Vec::as_slice),
            None => &[],
        }
    }

    /// The live rows naming the value `id` of `column`, ascending.
    pub fn rows_with(&self, column: ListColumn, id: u32) -> &[u32] {
        self.postings[column as usize]
            .get(id as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Total length of the posting lists of a list facet.
    pub fn postings_len(&self, facet: Facet) -> usize {
        self.totals(facet).iter().map(|&n| n as usize).sum()
    }

    /// Calls `f` with each distinct value id row `row` has for `facet`.
    pub fn for_each_id(&self, store: &EventStore, facet: Facet, row: u32, mut f: impl FnMut(u32)) {
        match facet {
            Facet::Kind => f(u32::from(store.kind_id(row))),
            Facet::Language | Facet::Source => {
                let per_brief = if facet == Facet::Language {
                    &self.brief_language
                } else {
                    &self.brief_source
                };
                match per_brief.get(store.brief(row) as usize) {
                    Some(&id) if id != NONE => f(id),
                    _ => {}
                }
            }
            _ => {
                let Some(column) = list_column(facet) else {
                    return;
                };
                let ids = store.list(column, row);
                for (i, &id) in ids.iter().enumerate() {
                    // A row counts each value once.
                    if !ids[..i].contains(&id) {
                        f(id);
                    }
                }
            }
        }
    }

    /// Adds live row `row` to the postings and counts.
    pub fn add_row(&mut self, store: &EventStore, row: u32) {
        let names = &mut self.postings[ListColumn::PlaceName as usize];
        for &id in distinct(store.list(ListColumn::PlaceName, row)).iter() {
            if names.len() <= id as usize {
                names.resize_with(id as usize + 1, Vec::new);
            }
            insert_sorted(&mut names[id as usize], row);
        }
        for facet in Facet::ALL {
            let mut ids: smallvec::SmallVec<[u32; 4]> = smallvec::SmallVec::new();
            self.for_each_id(store, facet, row, |id| ids.push(id));
            let totals = &mut self.totals[facet as usize];
            for &id in &ids {
                if totals.len() <= id as usize {
                    totals.resize(id as usize + 1, 0);
                }
                totals[id as usize] += 1;
            }
            if let Some(column) = list_column(facet) {
                let postings = &mut self.postings[column as usize];
                for &id in &ids {
                    if postings.len() <= id as usize {
                        postings.resize_with(id as usize + 1, Vec::new);
                    }
                    insert_sorted(&mut postings[id as usize], row);
                }
            }
        }
    }

    /// Takes row `row` (which was added) out of the postings and counts.
    pub fn remove_row(&mut self, store: &EventStore, row: u32) {
        for &id in distinct(store.list(ListColumn::PlaceName, row)).iter() {
            if let Some(list) = self.postings[ListColumn::PlaceName as usize].get_mut(id as usize)
                && let Ok(at) = list.binary_search(&row)
            {
                list.remove(at);
            }
        }
        for facet in Facet::ALL {
            let mut ids: smallvec::SmallVec<[u32; 4]> = smallvec::SmallVec::new();
            self.for_each_id(store, facet, row, |id| ids.push(id));
            for &id in &ids {
                if let Some(n) = self.totals[facet as usize].get_mut(id as usize) {
                    *n = n.saturating_sub(1);
                }
                if let Some(column) = list_column(facet)
                    && let Some(list) = self.postings[column as usize].get_mut(id as usize)
                    && let Ok(at) = list.binary_search(&row)
                {
                    list.remove(at);
                }
            }
        }
    }
}

/// `ids` without repeats, in order.
fn distinct(ids: &[u32]) -> smallvec::SmallVec<[u32; 4]> {
    let mut out = smallvec::SmallVec::new();
    for &id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Puts `row` into the ascending `list` (at the end, as new rows come last).
fn insert_sorted(list: &mut Vec<u32>, row: u32) {
    match list.last() {
        Some(&last) if last >= row => {
            let at = list.partition_point(|&r| r < row);
            if list.get(at) != Some(&row) {
                list.insert(at, row);
            }
        }
        _ => list.push(row),
    }
}

/// Calls `f` with each value `event` of `brief` has for `facet` (duplicates included): the
/// meaning of a facet, written over the model (for checks against the index).
pub fn for_each_value<'a>(
    brief: &'a Brief,
    event: &'a Event,
    facet: Facet,
    mut f: impl FnMut(&'a str),
) {
    match facet {
        Facet::Country => event.countries.iter().for_each(|v| f(v)),
        Facet::Organization => event.organizations.iter().for_each(|v| f(v)),
        Facet::Person => event.people.iter().for_each(|v| f(v)),
        Facet::Kind => f(event.kind.as_str()),
        Facet::Language => {
            if let Some(l) = &brief.language {
                f(l)
            }
        }
        Facet::Source => {
            if let Some(s) = &brief.source {
                f(s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Catalog, synthetic};

    #[test]
    fn ids_postings_and_totals_give_back_each_rows_distinct_values() {
        let catalog = Catalog::new(synthetic::briefs(300, 4));
        let index = &catalog.facet_index;
        let store = &catalog.store;
        for row in catalog.rows() {
            let brief = catalog.brief_of(&row);
            for facet in Facet::ALL {
                let mut expected: Vec<&str> = Vec::new();
                for_each_value(brief, &row.event, facet, |v| {
                    if !expected.contains(&v) {
                        expected.push(v);
                    }
                });
                let mut got: Vec<&str> = Vec::new();
                index.for_each_id(store, facet, row.index, |id| {
                    got.push(index.value(store, facet, id));
                    if list_column(facet).is_some() {
                        assert!(index.postings(facet, id).contains(&row.index));
                    }
                });
                assert_eq!(got, expected, "row {}, {facet:?}", row.index);
            }
        }
        let kz = index
            .id_of(store, Facet::Country, "KZ")
            .expect("KZ is used");
        assert_eq!(index.value(store, Facet::Country, kz), "KZ");
        let with_kz = catalog
            .rows()
            .filter(|r| r.event.countries.iter().any(|c| c == "KZ"))
            .count();
        assert_eq!(index.totals(Facet::Country)[kz as usize] as usize, with_kz);
        assert_eq!(index.postings(Facet::Country, kz).len(), with_kz);
        assert_eq!(index.id_of(store, Facet::Country, "nowhere"), None);
    }
}
