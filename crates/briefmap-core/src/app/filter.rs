//! Filters over the catalogue: facets (countries, organisations, people, event kinds,
//! languages, sources), a date range and free text, applied to every view; plus the facet
//! counts the filter panel shows (each facet counted under all the *other* constraints).
//!
//! Each constraint is a set of rows ([`RowSet`]) that [`FilterEngine`] keeps between
//! evaluations: a filter change recomputes only the constraint that changed (a facet from its
//! values' posting lists), an edit only the rows it changed, and combining constraints is a
//! word operation per 64 rows.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, RowChanges};
pub use super::facet::Facet;
use super::facet_index::{FACETS, list_column};
use super::store::{ListColumn, RowSet};

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

    /// The free text, trimmed and in lower case ("" = no text constraint).
    pub fn needle(&self) -> String {
        self.text.trim().to_lowercase()
    }

    /// Applies the filter from scratch (no remembered constraints, no full-text hits).
    pub fn evaluate(&self, catalog: &Catalog) -> FilterResult {
        FilterEngine::default().evaluate(
            self,
            catalog,
            &TextHits::default(),
            &RowChanges::default(),
        )
    }
}

/// Briefs whose full text matches the search, best first (from the full-text index).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextHits {
    /// The query these hits answer (the filter's needle).
    pub query: String,
    /// Brief indices in rank order.
    pub briefs: Vec<u32>,
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
    /// The matching rows as a set.
    pub matched: RowSet,
    /// With a text search: the matching rows, best first (title, then names, then the
    /// brief's text by rank); else empty.
    pub ranked: Vec<u32>,
    pub facets: BTreeMap<Facet, Vec<FacetValue>>,
    /// Number of live events.
    pub total: usize,
}

/// The label a facet value is shown with (country names instead of codes).
pub fn facet_label(catalog: &Catalog, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Country => catalog.country_label(value),
        _ => value.to_string(),
    }
}

/// One constraint's rows, with what it was computed for.
#[derive(Debug, Clone, PartialEq)]
struct Cached<K> {
    key: K,
    rows: RowSet,
}

/// The text constraint: its rows and how well each matched.
#[derive(Debug, Clone, Default, PartialEq)]
struct TextMatch {
    /// Per matching row: 0 title, 1 a name, 2 the brief's text (then by the brief's rank).
    tier: FxHashMap<u32, (u8, u32)>,
}

/// Remembers each constraint's rows between evaluations.
#[derive(Debug, Clone, Default)]
pub struct FilterEngine {
    facets: [Option<Cached<BTreeSet<String>>>; FACETS],
    dates: Option<Cached<(Option<NaiveDate>, Option<NaiveDate>)>>,
    text: Option<(Cached<TextHits>, TextMatch)>,
}

/// A constraint of the filter (facets first, by `Facet as usize`).
const DATE: usize = FACETS;
const TEXT: usize = FACETS + 1;

impl FilterEngine {
    /// Applies `filter` to `catalog`; `changes` are the rows changed since the last call
    /// (`all` forgets every remembered constraint), `hits` the full-text matches of the
    /// filter's text.
    pub fn evaluate(
        &mut self,
        filter: &Filter,
        catalog: &Catalog,
        hits: &TextHits,
        changes: &RowChanges,
    ) -> FilterResult {
        if changes.all {
            *self = FilterEngine::default();
        } else if !changes.is_empty() {
            self.update_rows(filter, catalog, hits, changes);
        }
        self.refresh_constraints(filter, catalog, hits);
        let sets = self.active_sets();
        let live = catalog.store.live();
        let all = combine(live, sets.iter().map(|(_, s)| *s));
        let visible: Vec<u32> = if sets.is_empty() {
            catalog.time_order.clone()
        } else {
            catalog
                .time_order
                .iter()
                .copied()
                .filter(|&r| all.contains(r))
                .collect()
        };
        let counts: Vec<Vec<u32>> = Facet::ALL
            .par_iter()
            .map(|&facet| {
                let others: Vec<&RowSet> = sets
                    .iter()
                    .filter(|(c, _)| *c != facet as usize)
                    .map(|(_, s)| *s)
                    .collect();
                if others.is_empty() {
                    totals(catalog, facet)
                } else {
                    count_in(catalog, facet, &combine(live, others))
                }
            })
            .collect();
        let facets = Facet::ALL
            .iter()
            .zip(counts)
            .map(|(&facet, counts)| (facet, facet_values(filter, catalog, facet, &counts)))
            .collect();
        let ranked = match &self.text {
            Some((_, matched)) if !filter.needle().is_empty() => {
                let mut ranked = visible.clone();
                // Stable: equal matches stay in time order.
                ranked.sort_by_key(|r| matched.tier.get(r).copied().unwrap_or((3, 0)));
                ranked
            }
            _ => Vec::new(),
        };
        FilterResult {
            visible,
            matched: all,
            ranked,
            facets,
            total: catalog.len(),
        }
    }

    /// The remembered sets of the constraints in force, by constraint.
    fn active_sets(&self) -> Vec<(usize, &RowSet)> {
        let facets = self
            .facets
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (i, &c.rows)));
        facets
            .chain(self.dates.as_ref().map(|c| (DATE, &c.rows)))
            .chain(self.text.as_ref().map(|(c, _)| (TEXT, &c.rows)))
            .collect()
    }

    /// Recomputes the constraints whose definition changed; forgets those no longer in force.
    fn refresh_constraints(&mut self, filter: &Filter, catalog: &Catalog, hits: &TextHits) {
        for facet in Facet::ALL {
            let slot = &mut self.facets[facet as usize];
            match filter.selected(facet) {
                None => *slot = None,
                Some(values) if slot.as_ref().is_some_and(|c| &c.key == values) => {}
                Some(values) => {
                    *slot = Some(Cached {
                        key: values.clone(),
                        rows: facet_rows(catalog, facet, values),
                    })
                }
            }
        }
        let range = (filter.date_from, filter.date_to);
        self.dates = match (range, self.dates.take()) {
            ((None, None), _) => None,
            (_, Some(c)) if c.key == range => Some(c),
            _ => Some(Cached {
                key: range,
                rows: catalog
                    .store
                    .live()
                    .iter()
                    .filter(|&r| date_matches(catalog, range, r))
                    .collect_set(catalog),
            }),
        };
        let needle = filter.needle();
        let key = TextHits {
            query: needle.clone(),
            briefs: if hits.query == needle {
                hits.briefs.clone()
            } else {
                Vec::new()
            },
        };
        self.text = match self.text.take() {
            _ if needle.is_empty() => None,
            Some((c, m)) if c.key == key => Some((c, m)),
            _ => {
                let (rows, matched) = text_rows(catalog, &key);
                Some((Cached { key, rows }, matched))
            }
        };
    }

    /// Brings the remembered sets up to date with rows that died or were added.
    fn update_rows(
        &mut self,
        filter: &Filter,
        catalog: &Catalog,
        hits: &TextHits,
        changes: &RowChanges,
    ) {
        let len = catalog.store.len() as u32;
        let hit_briefs: FxHashMap<u32, u32> = hits
            .briefs
            .iter()
            .enumerate()
            .map(|(rank, &b)| (b, rank as u32))
            .collect();
        for (i, slot) in self.facets.iter_mut().enumerate() {
            let Some(cached) = slot else { continue };
            let facet = Facet::ALL[i];
            let wanted = wanted_ids(catalog, facet, &cached.key);
            cached.rows.grow(len);
            for &r in &changes.removed {
                cached.rows.remove(r);
            }
            for &r in &changes.added {
                let mut hit = false;
                catalog
                    .facet_index
                    .for_each_id(&catalog.store, facet, r, |id| hit |= wanted.contains(&id));
                cached.rows.set(r, hit);
            }
        }
        if let Some(cached) = &mut self.dates {
            cached.rows.grow(len);
            for &r in &changes.removed {
                cached.rows.remove(r);
            }
            for &r in &changes.added {
                cached.rows.set(r, date_matches(catalog, cached.key, r));
            }
        }
        if let Some((cached, matched)) = &mut self.text {
            let needle = filter.needle();
            cached.rows.grow(len);
            for &r in &changes.removed {
                cached.rows.remove(r);
                matched.tier.remove(&r);
            }
            for &r in &changes.added {
                let tier = row_text_tier(catalog, &needle, r).or_else(|| {
                    let rank = *hit_briefs.get(&catalog.store.brief(r))?;
                    Some((2, rank))
                });
                cached.rows.set(r, tier.is_some());
                if let Some(t) = tier {
                    matched.tier.insert(r, t);
                }
            }
        }
    }
}

/// `live` and every set.
fn combine<'a>(live: &RowSet, sets: impl IntoIterator<Item = &'a RowSet>) -> RowSet {
    let mut all = live.clone();
    for s in sets {
        all.and_with(s);
    }
    all
}

trait CollectSet {
    fn collect_set(self, catalog: &Catalog) -> RowSet;
}

impl<I: Iterator<Item = u32>> CollectSet for I {
    fn collect_set(self, catalog: &Catalog) -> RowSet {
        let mut set = RowSet::empty(catalog.store.len() as u32);
        for r in self {
            set.insert(r);
        }
        set
    }
}

fn date_matches(
    catalog: &Catalog,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    row: u32,
) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some((start, end)) = catalog.store.day_span(row) else {
        return false;
    };
    from.is_none_or(|f| end >= f.num_days_from_ce())
        && to.is_none_or(|t| start <= t.num_days_from_ce())
}

/// The ids of the selected values of `facet` that some row ever had.
fn wanted_ids(catalog: &Catalog, facet: Facet, values: &BTreeSet<String>) -> Vec<u32> {
    values
        .iter()
        .filter_map(|v| catalog.facet_index.id_of(&catalog.store, facet, v))
        .collect()
}

/// Live rows with any of `values` for `facet`.
fn facet_rows(catalog: &Catalog, facet: Facet, values: &BTreeSet<String>) -> RowSet {
    let index = &catalog.facet_index;
    let store = &catalog.store;
    let wanted = wanted_ids(catalog, facet, values);
    let mut rows = RowSet::empty(store.len() as u32);
    if list_column(facet).is_some() {
        for &id in &wanted {
            for &r in index.postings(facet, id) {
                rows.insert(r);
            }
        }
        return rows;
    }
    let mut mask = vec![false; index.value_count(store, facet)];
    for &id in &wanted {
        mask[id as usize] = true;
    }
    for r in store.live().iter() {
        let mut hit = false;
        index.for_each_id(store, facet, r, |id| hit |= mask[id as usize]);
        if hit {
            rows.insert(r);
        }
    }
    rows
}

/// Live rows per value of `facet`, with no constraint.
fn totals(catalog: &Catalog, facet: Facet) -> Vec<u32> {
    let mut counts = catalog.facet_index.totals(facet).to_vec();
    counts.resize(catalog.facet_index.value_count(&catalog.store, facet), 0);
    counts
}

/// Rows of `mask` per value of `facet`: through the rows or through the posting lists,
/// whichever is shorter.
fn count_in(catalog: &Catalog, facet: Facet, mask: &RowSet) -> Vec<u32> {
    let index = &catalog.facet_index;
    let store = &catalog.store;
    let n = index.value_count(store, facet);
    let mut counts = vec![0u32; n];
    if list_column(facet).is_some() && index.postings_len(facet) < mask.count() {
        for (id, count) in counts.iter_mut().enumerate() {
            *count = index
                .postings(facet, id as u32)
                .iter()
                .filter(|&&r| mask.contains(r))
                .count() as u32;
        }
        return counts;
    }
    for r in mask.iter() {
        index.for_each_id(store, facet, r, |id| counts[id as usize] += 1);
    }
    counts
}

/// The values the filter panel lists for `facet`: those with events under the other
/// constraints, and the chosen ones (even with none), most events first.
fn facet_values(
    filter: &Filter,
    catalog: &Catalog,
    facet: Facet,
    counts: &[u32],
) -> Vec<FacetValue> {
    let index = &catalog.facet_index;
    let store = &catalog.store;
    let mut values: Vec<FacetValue> = counts
        .iter()
        .enumerate()
        .filter_map(|(id, &count)| {
            let value = index.value(store, facet, id as u32);
            (count > 0 || filter.is_selected(facet, value)).then(|| FacetValue {
                label: facet_label(catalog, facet, value),
                selected: filter.is_selected(facet, value),
                value: value.to_string(),
                count: count as usize,
            })
        })
        .collect();
    // Selected values stay listed even when no event has them now.
    for value in filter.selected(facet).into_iter().flatten() {
        if !values.iter().any(|v| &v.value == value) {
            values.push(FacetValue {
                label: facet_label(catalog, facet, value),
                selected: true,
                value: value.clone(),
                count: 0,
            });
        }
    }
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    values
}

/// How row `row`'s own text matches `needle`: its title (tier 0), or a place, organisation,
/// person, country name, its brief's title or its year (tier 1).
fn row_text_tier(catalog: &Catalog, needle: &str, row: u32) -> Option<(u8, u32)> {
    let store = &catalog.store;
    if store.title(row).to_lowercase().contains(needle) {
        return Some((0, 0));
    }
    let names = [
        ListColumn::PlaceName,
        ListColumn::Organization,
        ListColumn::Person,
    ];
    let in_names = names.iter().any(|&c| {
        store
            .strings(c, row)
            .any(|v| v.to_lowercase().contains(needle))
    });
    let in_countries = store
        .strings(ListColumn::Country, row)
        .any(|c| country_text(catalog, c).contains(needle));
    let brief = &catalog.briefs[store.brief(row) as usize].brief;
    let in_brief_title = brief.title.to_lowercase().contains(needle);
    let in_year = store
        .year(row)
        .is_some_and(|y| y.to_string().contains(needle));
    (in_names || in_countries || in_brief_title || in_year).then_some((1, 0))
}

/// The text a country is searched by: its name as the catalogue shows it, lower case.
fn country_text(catalog: &Catalog, code: &str) -> String {
    catalog
        .country_names
        .get(code)
        .map_or_else(|| code.to_string(), String::clone)
        .to_lowercase()
}

/// Live rows matching the text: by title, by a name (through the values' posting lists), by
/// brief title or year, or because their brief's full text matched (`hits`).
fn text_rows(catalog: &Catalog, hits: &TextHits) -> (RowSet, TextMatch) {
    let needle = hits.query.as_str();
    let store = &catalog.store;
    let index = &catalog.facet_index;
    let mut rows = RowSet::empty(store.len() as u32);
    let mut matched = TextMatch::default();
    let mut note = |rows: &mut RowSet, r: u32, tier: (u8, u32)| {
        if store.is_live(r) {
            rows.insert(r);
            let entry = matched.tier.entry(r).or_insert(tier);
            *entry = (*entry).min(tier);
        }
    };
    for r in store.titles().search(needle) {
        note(&mut rows, r, (0, 0));
    }
    for column in [
        ListColumn::PlaceName,
        ListColumn::Organization,
        ListColumn::Person,
    ] {
        for (id, value) in store.values(column).values().enumerate() {
            if value.to_lowercase().contains(needle) {
                for &r in index.rows_with(column, id as u32) {
                    note(&mut rows, r, (1, 0));
                }
            }
        }
    }
    for (id, code) in store.values(ListColumn::Country).values().enumerate() {
        if country_text(catalog, code).contains(needle) {
            for &r in index.rows_with(ListColumn::Country, id as u32) {
                note(&mut rows, r, (1, 0));
            }
        }
    }
    for (bi, loaded) in catalog.briefs.iter().enumerate() {
        if loaded.brief.title.to_lowercase().contains(needle) {
            for r in catalog.live_rows_of(bi) {
                note(&mut rows, r, (1, 0));
            }
        }
    }
    if !needle.is_empty() && needle.len() <= 4 && needle.bytes().all(|b| b.is_ascii_digit()) {
        let order = &catalog.time_order;
        let dated = order.partition_point(|&r| store.day_span(r).is_some());
        let dated = &order[..dated];
        let years = (dated.first(), dated.last());
        if let (Some(&first), Some(&last)) = years
            && let (Some(y0), Some(y1)) = (store.year(first), store.year(last))
        {
            for year in (y0..=y1).filter(|y| y.to_string().contains(needle)) {
                let day = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.num_days_from_ce());
                let (Some(from), Some(to)) = (day(year), day(year + 1)) else {
                    continue;
                };
                let start_of = |r: u32| store.day_span(r).map_or(i32::MAX, |(s, _)| s);
                let lo = dated.partition_point(|&r| start_of(r) < from);
                let hi = dated.partition_point(|&r| start_of(r) < to);
                for &r in &dated[lo..hi] {
                    note(&mut rows, r, (1, 0));
                }
            }
        }
    }
    for (rank, &bi) in hits.briefs.iter().enumerate() {
        for r in catalog.live_rows_of(bi as usize) {
            note(&mut rows, r, (2, rank as u32));
        }
    }
    (rows, matched)
}

#[cfg(test)]
mod tests;
