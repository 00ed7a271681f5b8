//! Filters over the catalogue: facets (countries, organisations, people, event kinds,
//! languages, sources), a date range and free text, applied to every view; plus the facet
//! counts the filter panel shows (each facet counted under all the *other* constraints).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, EventRow};
pub use super::facet::Facet;
use super::facet_index::{FACETS, FacetIndex};

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

    /// Bit mask of the facet constraints row `ri` fails, plus bit 31 for date/text.
    fn failures(&self, catalog: &Catalog, ri: u32, wanted: &Wanted, needle: &str) -> u32 {
        let row = &catalog.rows[ri as usize];
        let mut failed = 0;
        for facet in Facet::ALL {
            if let Some(mask) = &wanted[facet as usize] {
                let ids = catalog.facet_index.ids(ri as usize, facet);
                if !ids.iter().any(|&id| mask[id as usize]) {
                    failed |= facet.bit();
                }
            }
        }
        if !self.date_matches(row) || (!needle.is_empty() && !row.search_text.contains(needle)) {
            failed |= 1 << 31;
        }
        failed
    }

    /// The selected values of each filtered facet, as a lookup by value id.
    fn wanted(&self, index: &FacetIndex) -> Wanted {
        Facet::ALL.map(|facet| {
            let selected = self.selected(facet)?;
            let mut mask = vec![false; index.values(facet).len()];
            for id in selected.iter().filter_map(|v| index.id_of(facet, v)) {
                mask[id as usize] = true;
            }
            Some(mask)
        })
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

    /// Applies the filter to the whole catalogue (in parallel chunks of the time order).
    pub fn evaluate(&self, catalog: &Catalog) -> FilterResult {
        self.evaluate_in_chunks(catalog, EVALUATE_CHUNK)
    }

    fn evaluate_in_chunks(&self, catalog: &Catalog, chunk_rows: usize) -> FilterResult {
        let needle = self.text.trim().to_lowercase();
        let wanted = self.wanted(&catalog.facet_index);
        let partials: Vec<Partial> = catalog
            .time_order
            .par_chunks(chunk_rows.max(1))
            .map(|chunk| self.evaluate_chunk(catalog, chunk, &wanted, &needle))
            .collect();
        let index = &catalog.facet_index;
        let mut visible = Vec::with_capacity(partials.iter().map(|p| p.visible.len()).sum());
        let mut counts: [Vec<u32>; FACETS] = Facet::ALL.map(|f| vec![0; index.values(f).len()]);
        for partial in partials {
            visible.extend_from_slice(&partial.visible);
            for (total, part) in counts.iter_mut().zip(&partial.counts) {
                for (t, p) in total.iter_mut().zip(part) {
                    *t += p;
                }
            }
        }
        let facets = Facet::ALL
            .iter()
            .map(|&facet| {
                let mut values: Vec<FacetValue> = index
                    .values(facet)
                    .iter()
                    .zip(&counts[facet as usize])
                    .filter(|&(value, &count)| count > 0 || self.is_selected(facet, value))
                    .map(|(value, &count)| self.facet_value(catalog, facet, value, count))
                    .collect();
                // Selected values stay listed even when no event has them now.
                for value in self.selected(facet).into_iter().flatten() {
                    if index.id_of(facet, value).is_none() {
                        values.push(self.facet_value(catalog, facet, value, 0));
                    }
                }
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

/// The result of one chunk of rows: matching rows in order, and counts per facet value id.
struct Partial {
    visible: Vec<u32>,
    counts: [Vec<u32>; FACETS],
}

/// Per facet, `None` if it is not filtered, else whether each value id is selected.
type Wanted = [Option<Vec<bool>>; FACETS];

impl Filter {
    fn evaluate_chunk(
        &self,
        catalog: &Catalog,
        rows: &[u32],
        wanted: &Wanted,
        needle: &str,
    ) -> Partial {
        let index = &catalog.facet_index;
        let mut counts = Facet::ALL.map(|f| vec![0; index.values(f).len()]);
        let mut visible = Vec::new();
        for &ri in rows {
            let failed = self.failures(catalog, ri, wanted, needle);
            if failed == 0 {
                visible.push(ri);
            }
            if failed & !FACET_BITS == 0 {
                // Count a value if the row passes every constraint except (maybe) this facet.
                for facet in Facet::ALL {
                    if failed & !facet.bit() == 0 {
                        for &id in index.ids(ri as usize, facet) {
                            counts[facet as usize][id as usize] += 1;
                        }
                    }
                }
            }
        }
        Partial { visible, counts }
    }

    fn facet_value(&self, catalog: &Catalog, facet: Facet, value: &str, count: u32) -> FacetValue {
        FacetValue {
            label: facet_label(catalog, facet, value),
            selected: self.is_selected(facet, value),
            value: value.to_string(),
            count: count as usize,
        }
    }
}

/// Bits of all facet constraints (bit 31 is date/text).
const FACET_BITS: u32 = (1 << 6) - 1;

/// The label a facet value is shown with (country names instead of codes).
pub fn facet_label(catalog: &Catalog, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Country => catalog.country_label(value),
        _ => value.to_string(),
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

    /// The filter's meaning written the slow, obvious way over strings.
    fn naive(
        f: &Filter,
        catalog: &Catalog,
    ) -> (Vec<u32>, BTreeMap<Facet, BTreeMap<String, usize>>) {
        use crate::app::facet_index::for_each_value;
        let needle = f.text.trim().to_lowercase();
        let passes = |row: &EventRow, except: Option<Facet>| {
            let facets_ok = f.facets.iter().all(|(&facet, wanted)| {
                let mut any = wanted.is_empty() || Some(facet) == except;
                for_each_value(catalog.brief_of(row), row, facet, |v| {
                    any |= wanted.contains(v)
                });
                any
            });
            facets_ok && f.date_matches(row) && row.search_text.contains(&needle)
        };
        let visible = catalog
            .time_order
            .iter()
            .copied()
            .filter(|&ri| passes(&catalog.rows[ri as usize], None))
            .collect();
        let mut counts = BTreeMap::new();
        for facet in Facet::ALL {
            let mut values: BTreeMap<String, usize> = BTreeMap::new();
            for row in catalog.rows.iter().filter(|r| passes(r, Some(facet))) {
                let mut seen: Vec<&str> = Vec::new();
                for_each_value(catalog.brief_of(row), row, facet, |v| {
                    if !seen.contains(&v) {
                        seen.push(v);
                        *values.entry(v.to_string()).or_insert(0) += 1;
                    }
                });
            }
            counts.insert(facet, values);
        }
        (visible, counts)
    }

    #[test]
    fn evaluation_agrees_with_the_obvious_definition() {
        let catalog = Catalog::new(synthetic::briefs(500, 9));
        let mut filters = vec![Filter::default()];
        let mut f = Filter::default();
        f.set_selected(Facet::Country, "KZ", true);
        f.set_selected(Facet::Country, "TM", true);
        filters.push(f.clone());
        f.set_selected(Facet::Kind, "meeting", true);
        filters.push(f.clone());
        f.set_selected(Facet::Organization, "no such company", true);
        filters.push(f.clone());
        let mut g = Filter {
            text: "gas".into(),
            date_from: NaiveDate::from_ymd_opt(2019, 1, 1),
            ..Default::default()
        };
        filters.push(g.clone());
        g.set_selected(Facet::Language, "ru", true);
        filters.push(g);
        let mut non_empty = 0;
        for f in filters {
            let result = f.evaluate(&catalog);
            let (visible, counts) = naive(&f, &catalog);
            assert_eq!(result.visible, visible, "{f:?}");
            non_empty += usize::from(!visible.is_empty() && visible.len() < catalog.rows.len());
            for facet in Facet::ALL {
                let got: BTreeMap<String, usize> = result.facets[&facet]
                    .iter()
                    .filter(|v| v.count > 0)
                    .map(|v| (v.value.clone(), v.count))
                    .collect();
                assert_eq!(got, counts[&facet], "{facet:?} under {f:?}");
                for v in &result.facets[&facet] {
                    assert_eq!(v.selected, f.is_selected(facet, &v.value));
                }
            }
            // Chosen values are listed even with no event left.
            for (facet, chosen) in &f.facets {
                for value in chosen {
                    assert!(result.facets[facet].iter().any(|v| &v.value == value));
                }
            }
        }
        assert!(
            non_empty >= 3,
            "the filters must narrow, not empty, the list"
        );
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
