//! Every event's facet values (countries, organisations, people, kind, language, source) as
//! small integer ids, interned once per catalogue rebuild, so that filtering and counting a
//! million events compares and counts integers instead of hashing strings.

use rustc_hash::FxHashMap;

use super::facet::Facet;
use super::rows::{EventRow, LoadedBrief};

/// The interned facet values of all rows.
#[derive(Debug, Clone, Default)]
pub struct FacetIndex {
    /// Distinct values per facet (indexed by `Facet as usize`), by id.
    values: [Vec<String>; FACETS],
    /// Id of each value per facet.
    ids_by_value: [FxHashMap<String, u32>; FACETS],
    /// `ids[offsets[r * FACETS + f] .. offsets[r * FACETS + f + 1]]` are row `r`'s distinct
    /// values for facet `f`.
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

/// Number of facets.
pub const FACETS: usize = Facet::ALL.len();

impl FacetIndex {
    /// Interns the facet values of every row (`briefs` are the rows' briefs).
    pub fn build(rows: &[EventRow], briefs: &[LoadedBrief]) -> Self {
        let mut index = FacetIndex {
            offsets: Vec::with_capacity(rows.len() * FACETS + 1),
            ..FacetIndex::default()
        };
        index.offsets.push(0);
        for row in rows {
            let brief = &briefs[row.brief as usize].brief;
            for facet in Facet::ALL {
                let f = facet as usize;
                let start = index.ids.len();
                for_each_value(brief, row, facet, |value| {
                    let id = match index.ids_by_value[f].get(value) {
                        Some(&id) => id,
                        None => {
                            let id = index.values[f].len() as u32;
                            index.values[f].push(value.to_string());
                            index.ids_by_value[f].insert(value.to_string(), id);
                            id
                        }
                    };
                    // A row lists each value once.
                    if !index.ids[start..].contains(&id) {
                        index.ids.push(id);
                    }
                });
                index.offsets.push(index.ids.len() as u32);
            }
        }
        index
    }

    /// The distinct values of `facet`, by id.
    pub fn values(&self, facet: Facet) -> &[String] {
        &self.values[facet as usize]
    }

    /// The id of `value` in `facet`, if any row has it.
    pub fn id_of(&self, facet: Facet, value: &str) -> Option<u32> {
        self.ids_by_value[facet as usize].get(value).copied()
    }

    /// The distinct value ids row `row` has for `facet`.
    pub fn ids(&self, row: usize, facet: Facet) -> &[u32] {
        let at = row * FACETS + facet as usize;
        match (self.offsets.get(at), self.offsets.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// Calls `f` with each value `row` has for `facet` (duplicates included).
pub fn for_each_value<'a>(
    brief: &'a crate::model::Brief,
    row: &'a EventRow,
    facet: Facet,
    mut f: impl FnMut(&'a str),
) {
    match facet {
        Facet::Country => row.event.countries.iter().for_each(|v| f(v)),
        Facet::Organization => row.event.organizations.iter().for_each(|v| f(v)),
        Facet::Person => row.event.people.iter().for_each(|v| f(v)),
        Facet::Kind => f(row.event.kind.as_str()),
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
    fn ids_give_back_each_rows_distinct_values() {
        let catalog = Catalog::new(synthetic::briefs(300, 4));
        let index = &catalog.facet_index;
        for (r, row) in catalog.rows.iter().enumerate() {
            for facet in Facet::ALL {
                let mut expected: Vec<&str> = Vec::new();
                for_each_value(catalog.brief_of(row), row, facet, |v| {
                    if !expected.contains(&v) {
                        expected.push(v);
                    }
                });
                let got: Vec<&str> = index
                    .ids(r, facet)
                    .iter()
                    .map(|&id| index.values(facet)[id as usize].as_str())
                    .collect();
                assert_eq!(got, expected, "row {r}, {facet:?}");
            }
        }
        let kz = index.id_of(Facet::Country, "KZ").expect("KZ is used");
        assert_eq!(index.values(Facet::Country)[kz as usize], "KZ");
        assert_eq!(index.id_of(Facet::Country, "nowhere"), None);
        assert!(index.ids(catalog.rows.len() + 5, Facet::Kind).is_empty());
    }
}
