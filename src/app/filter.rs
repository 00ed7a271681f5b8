//! Filters over the catalogue: facets (countries, organisations, people, event kinds,
//! languages, sources), a date range and free text, applied to every view; plus the facet
//! counts the filter panel shows (each facet counted under all the *other* constraints).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, EventRow};

/// A dimension the user can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Facet {
    Country,
    Organization,
    Person,
    Kind,
    Language,
    Source,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Country,
        Facet::Organization,
        Facet::Person,
        Facet::Kind,
        Facet::Language,
        Facet::Source,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Facet::Country => "Countries",
            Facet::Organization => "Organisations",
            Facet::Person => "People",
            Facet::Kind => "Event kinds",
            Facet::Language => "Languages",
            Facet::Source => "Sources",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// What the user filters on. Persisted between runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Selected values per facet; within a facet any value matches, across facets all must.
    pub facets: BTreeMap<Facet, BTreeSet<String>>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.facets.values().all(BTreeSet::is_empty)
            && self.date_from.is_none()
            && self.date_to.is_none()
            && self.text.trim().is_empty()
    }

    pub fn selected(&self, facet: Facet) -> Option<&BTreeSet<String>> {
        self.facets.get(&facet).filter(|s| !s.is_empty())
    }

    pub fn is_selected(&self, facet: Facet, value: &str) -> bool {
        self.facets.get(&facet).is_some_and(|s| s.contains(value))
    }

    pub fn set_selected(&mut self, facet: Facet, value: &str, on: bool) {
        let set = self.facets.entry(facet).or_default();
        if on {
            set.insert(value.to_string());
        } else {
            set.remove(value);
        }
        if set.is_empty() {
            self.facets.remove(&facet);
        }
    }

    /// Bit mask of the facet constraints `row` fails, plus bit 31 for date/text.
    fn failures(&self, catalog: &Catalog, row: &EventRow, needle: &str) -> u32 {
        let mut failed = 0;
        for (&facet, wanted) in &self.facets {
            if wanted.is_empty() {
                continue;
            }
            let mut any = false;
            for_each_value(catalog, row, facet, |v| any |= wanted.contains(v));
            if !any {
                failed |= facet.bit();
            }
        }
        if !self.date_matches(row) || (!needle.is_empty() && !row.search_text.contains(needle)) {
            failed |= 1 << 31;
        }
        failed
    }

    fn date_matches(&self, row: &EventRow) -> bool {
        if self.date_from.is_none() && self.date_to.is_none() {
            return true;
        }
        let Some(d) = row.event.date else {
            return false;
        };
        self.date_from.is_none_or(|from| d.end >= from)
            && self.date_to.is_none_or(|to| d.start <= to)
    }

    pub fn matches(&self, catalog: &Catalog, row: &EventRow) -> bool {
        self.failures(catalog, row, &self.text.trim().to_lowercase()) == 0
    }

    /// Applies the filter to the whole catalogue (in parallel chunks of the time order).
    pub fn evaluate(&self, catalog: &Catalog) -> FilterResult {
        self.evaluate_in_chunks(catalog, EVALUATE_CHUNK)
    }

    fn evaluate_in_chunks(&self, catalog: &Catalog, chunk_rows: usize) -> FilterResult {
        let needle = self.text.trim().to_lowercase();
        let partials: Vec<Partial<'_>> = catalog
            .time_order
            .par_chunks(chunk_rows.max(1))
            .map(|chunk| self.evaluate_chunk(catalog, chunk, &needle))
            .collect();
        let mut visible = Vec::with_capacity(partials.iter().map(|p| p.visible.len()).sum());
        let mut counts: BTreeMap<Facet, FxHashMap<&str, usize>> = BTreeMap::new();
        for partial in partials {
            visible.extend_from_slice(&partial.visible);
            for (facet, values) in partial.counts {
                let total = counts.entry(facet).or_default();
                if total.is_empty() {
                    *total = values;
                    continue;
                }
                for (value, n) in values {
                    *total.entry(value).or_insert(0) += n;
                }
            }
        }
        for facet in Facet::ALL {
            counts.entry(facet).or_default();
        }
        // Selected values stay listed even when nothing matches them now.
        for (facet, selected) in &self.facets {
            let entry = counts.entry(*facet).or_default();
            for v in selected {
                entry.entry(v.as_str()).or_insert(0);
            }
        }
        let facets = counts
            .into_iter()
            .map(|(facet, values)| {
                let mut values: Vec<FacetValue> = values
                    .into_iter()
                    .map(|(value, count)| FacetValue {
                        label: facet_label(catalog, facet, value),
                        selected: self.is_selected(facet, value),
                        value: value.to_string(),
                        count,
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
                (facet, values)
            })
            .collect();
        FilterResult {
            visible,
            facets,
            total: catalog.rows.len(),
        }
    }
}

/// Rows per parallel chunk of [`Filter::evaluate`].
const EVALUATE_CHUNK: usize = 32 * 1024;

/// The result of one chunk of rows: matching rows in order, and facet counts.
struct Partial<'a> {
    visible: Vec<u32>,
    counts: [(Facet, FxHashMap<&'a str, usize>); 6],
}

impl Filter {
    fn evaluate_chunk<'a>(&self, catalog: &'a Catalog, rows: &[u32], needle: &str) -> Partial<'a> {
        let mut counts = Facet::ALL.map(|f| (f, FxHashMap::default()));
        let mut visible = Vec::new();
        for &ri in rows {
            let row = &catalog.rows[ri as usize];
            let failed = self.failures(catalog, row, needle);
            if failed == 0 {
                visible.push(ri);
            }
            if failed & !FACET_BITS == 0 {
                // Count a value if the row passes every constraint except (maybe) this facet.
                for (facet, entry) in &mut counts {
                    if failed & !facet.bit() == 0 {
                        count_values(catalog, row, *facet, entry);
                    }
                }
            }
        }
        Partial { visible, counts }
    }
}

/// Bits of all facet constraints (bit 31 is date/text).
const FACET_BITS: u32 = (1 << 6) - 1;

/// Adds one to the count of each distinct value `row` has for `facet`.
fn count_values<'a>(
    catalog: &'a Catalog,
    row: &'a EventRow,
    facet: Facet,
    counts: &mut FxHashMap<&'a str, usize>,
) {
    let list = match facet {
        Facet::Country => &row.event.countries,
        Facet::Organization => &row.event.organizations,
        Facet::Person => &row.event.people,
        _ => {
            for_each_value(catalog, row, facet, |v| *counts.entry(v).or_insert(0) += 1);
            return;
        }
    };
    for (i, v) in list.iter().enumerate() {
        if !list[..i].contains(v) {
            *counts.entry(v.as_str()).or_insert(0) += 1;
        }
    }
}

/// The label a facet value is shown with (country names instead of codes).
pub fn facet_label(catalog: &Catalog, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Country => catalog.country_label(value),
        _ => value.to_string(),
    }
}

/// Calls `f` with each value `row` has for `facet`.
pub fn for_each_value<'a>(
    catalog: &'a Catalog,
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
            if let Some(l) = &catalog.brief_of(row).language {
                f(l)
            }
        }
        Facet::Source => {
            if let Some(s) = &catalog.brief_of(row).source {
                f(s)
            }
        }
    }
}

/// One value of a facet with how many events would match if it were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

/// What a filter lets through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterResult {
    /// Matching rows in time order.
    pub visible: Vec<u32>,
    pub facets: BTreeMap<Facet, Vec<FacetValue>>,
    pub total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic;

    #[test]
    fn facets_and_text_narrow_and_counts_ignore_their_own_facet() {
        let catalog = Catalog::new(synthetic::briefs(400, 7));
        let all = Filter::default().evaluate(&catalog);
        assert_eq!(all.visible.len(), catalog.rows.len());
        let kz = all.facets[&Facet::Country]
            .iter()
            .find(|v| v.value == "KZ")
            .unwrap()
            .count;
        assert!(kz > 0 && kz < catalog.rows.len());

        let mut f = Filter::default();
        f.set_selected(Facet::Country, "KZ", true);
        let r = f.evaluate(&catalog);
        assert_eq!(r.visible.len(), kz);
        assert!(r.visible.iter().all(|&i| {
            catalog.rows[i as usize]
                .event
                .countries
                .iter()
                .any(|c| c == "KZ")
        }));
        // The country facet still counts other countries as if KZ were not chosen.
        let tm_all = all.facets[&Facet::Country]
            .iter()
            .find(|v| v.value == "TM")
            .unwrap()
            .count;
        let tm_now = r.facets[&Facet::Country]
            .iter()
            .find(|v| v.value == "TM")
            .unwrap()
            .count;
        assert_eq!(tm_all, tm_now);
        assert!(
            r.facets[&Facet::Country]
                .iter()
                .find(|v| v.value == "KZ")
                .unwrap()
                .selected
        );

        f.set_selected(Facet::Organization, "QazaqGaz", true);
        let r2 = f.evaluate(&catalog);
        assert!(r2.visible.len() < r.visible.len());
        assert!(r2.visible.iter().all(|&i| {
            let e = &catalog.rows[i as usize].event;
            e.countries.iter().any(|c| c == "KZ") && e.organizations.iter().any(|o| o == "QazaqGaz")
        }));

        let text = Filter {
            text: "  QAZAQGAZ ".into(),
            ..Default::default()
        }
        .evaluate(&catalog);
        assert!(!text.visible.is_empty());
        assert!(
            text.visible
                .iter()
                .all(|&i| catalog.rows[i as usize].search_text.contains("qazaqgaz"))
        );
    }

    #[test]
    fn a_date_range_keeps_overlapping_events_and_drops_undated() {
        let catalog = Catalog::new(synthetic::briefs(300, 3));
        let from = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
        let f = Filter {
            date_from: Some(from),
            date_to: Some(to),
            ..Default::default()
        };
        let r = f.evaluate(&catalog);
        assert!(!r.visible.is_empty());
        for &i in &r.visible {
            let d = catalog.rows[i as usize].event.date.unwrap();
            assert!(d.end >= from && d.start <= to);
        }
        // Results come in time order.
        let dates: Vec<_> = r
            .visible
            .iter()
            .map(|&i| catalog.rows[i as usize].event.date.unwrap().start)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn chunked_evaluation_matches_one_pass() {
        let catalog = Catalog::new(synthetic::briefs(700, 11));
        let mut filters = vec![Filter::default()];
        let mut kz = Filter::default();
        kz.set_selected(Facet::Country, "KZ", true);
        filters.push(kz.clone());
        kz.text = "gas".into();
        filters.push(kz);
        for f in filters {
            let whole = f.evaluate_in_chunks(&catalog, usize::MAX);
            for chunk in [1, 7, 64] {
                assert_eq!(
                    f.evaluate_in_chunks(&catalog, chunk),
                    whole,
                    "chunks of {chunk}"
                );
            }
            assert!(!whole.visible.is_empty());
        }
    }

    #[test]
    fn filters_serialise_for_persistence() {
        let mut f = Filter {
            text: "gas".into(),
            ..Default::default()
        };
        f.set_selected(Facet::Kind, "deal", true);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), f);
        f.set_selected(Facet::Kind, "deal", false);
        assert!(f.facets.is_empty());
    }
}
