//! Checks of the filter against its meaning written the slow, obvious way over strings, on
//! fixed cases and on random data, catalogues and edits (property tests).

use super::*;
use crate::app::corrections::{AddedEvent, DateFix, EventEdit};
use crate::app::facet_index::for_each_value;
use crate::app::{EventRow, synthetic};
use crate::model::{DateRange, EventKind};
use proptest::prelude::*;

/// What the filter means, over materialised events: the matching rows' keys in time order,
/// and per facet the count of each value under the other constraints.
type Meaning = (Vec<u64>, BTreeMap<Facet, BTreeMap<String, usize>>);

fn naive(f: &Filter, catalog: &Catalog) -> Meaning {
    let needle = f.needle();
    let rows: Vec<EventRow> = catalog.rows().collect();
    let text_of = |row: &EventRow| {
        let e = &row.event;
        let brief = catalog.brief_of(row);
        let mut parts: Vec<String> = vec![e.title.clone()];
        parts.extend(
            e.places
                .iter()
                .chain(&e.organizations)
                .chain(&e.people)
                .cloned(),
        );
        parts.extend(e.countries.iter().map(|c| {
            catalog
                .country_names
                .get(c)
                .cloned()
                .unwrap_or_else(|| c.clone())
        }));
        parts.push(brief.title.clone());
        if let Some(d) = e.date {
            parts.push(d.start.year().to_string());
        }
        parts.iter().any(|p| p.to_lowercase().contains(&needle))
    };
    let date_ok = |row: &EventRow| {
        if f.date_from.is_none() && f.date_to.is_none() {
            return true;
        }
        row.event.date.is_some_and(|d| {
            f.date_from.is_none_or(|from| d.end >= from) && f.date_to.is_none_or(|to| d.start <= to)
        })
    };
    let passes = |row: &EventRow, except: Option<Facet>| {
        let facets_ok = f.facets.iter().all(|(&facet, wanted)| {
            let mut any = wanted.is_empty() || Some(facet) == except;
            for_each_value(catalog.brief_of(row), &row.event, facet, |v| {
                any |= wanted.contains(v)
            });
            any
        });
        facets_ok && date_ok(row) && (needle.is_empty() || text_of(row))
    };
    let mut visible: Vec<&EventRow> = rows.iter().filter(|r| passes(r, None)).collect();
    // Time order: date (undated last), then brief, then place in the brief.
    let position = |r: &EventRow| match r.origin {
        crate::app::corrections::Origin::Extracted(m) => m.index,
        crate::app::corrections::Origin::Added(id) => {
            let brief = &catalog.briefs[r.brief as usize];
            catalog.extracted_events(r.brief as usize).len()
                + brief
                    .corrections
                    .added
                    .iter()
                    .position(|a| a.id == id)
                    .unwrap_or(0)
        }
    };
    visible.sort_by_key(|r| {
        (
            r.event.date.is_none(),
            r.event.date.map(|d| (d.start, d.end)),
            r.brief,
            position(r),
        )
    });
    let mut counts = BTreeMap::new();
    for facet in Facet::ALL {
        let mut values: BTreeMap<String, usize> = BTreeMap::new();
        for row in rows.iter().filter(|r| passes(r, Some(facet))) {
            let mut seen: Vec<&str> = Vec::new();
            for_each_value(catalog.brief_of(row), &row.event, facet, |v| {
                if !seen.contains(&v) {
                    seen.push(v);
                    *values.entry(v.to_string()).or_insert(0) += 1;
                }
            });
        }
        counts.insert(facet, values);
    }
    (visible.iter().map(|r| r.key.0).collect(), counts)
}

/// What an evaluation says, in the same terms.
fn meaning_of(result: &FilterResult, catalog: &Catalog) -> Meaning {
    let visible = result
        .visible
        .iter()
        .map(|&r| catalog.store.key(r))
        .collect();
    let counts = Facet::ALL
        .iter()
        .map(|&facet| {
            let values = result.facets[&facet]
                .iter()
                .filter(|v| v.count > 0)
                .map(|v| (v.value.clone(), v.count))
                .collect();
            (facet, values)
        })
        .collect();
    (visible, counts)
}

fn check(f: &Filter, catalog: &Catalog, result: &FilterResult) {
    assert_eq!(meaning_of(result, catalog), naive(f, catalog), "{f:?}");
    for facet in Facet::ALL {
        for v in &result.facets[&facet] {
            assert_eq!(v.selected, f.is_selected(facet, &v.value));
        }
    }
    for (facet, chosen) in &f.facets {
        for value in chosen {
            assert!(result.facets[facet].iter().any(|v| &v.value == value));
        }
    }
}

#[test]
fn facets_and_text_narrow_and_counts_ignore_their_own_facet() {
    let catalog = Catalog::new(synthetic::briefs(400, 7));
    let all = Filter::default().evaluate(&catalog);
    assert_eq!(all.visible.len(), catalog.len());
    let count_of = |r: &FilterResult, facet, value: &str| {
        r.facets[&facet]
            .iter()
            .find(|v| v.value == value)
            .map(|v| v.count)
    };
    let kz = count_of(&all, Facet::Country, "KZ").unwrap();
    assert!(kz > 0 && kz < catalog.len());
    let mut f = Filter::default();
    f.set_selected(Facet::Country, "KZ", true);
    let r = f.evaluate(&catalog);
    assert_eq!(r.visible.len(), kz);
    // The country facet still counts other countries as if KZ were not chosen.
    assert_eq!(
        count_of(&all, Facet::Country, "TM"),
        count_of(&r, Facet::Country, "TM")
    );
    f.set_selected(Facet::Organization, "QazaqGaz", true);
    let r2 = f.evaluate(&catalog);
    assert!(!r2.visible.is_empty() && r2.visible.len() < r.visible.len());
    let text = Filter {
        text: "  QAZAQGAZ ".into(),
        ..Default::default()
    };
    let found = text.evaluate(&catalog);
    assert!(!found.visible.is_empty() && found.visible.len() < catalog.len());
    check(&text, &catalog, &found);
    // Ranked: events whose title names QazaqGaz come before the others.
    let first_plain = found
        .ranked
        .iter()
        .position(|&r| !catalog.store.title(r).to_lowercase().contains("qazaqgaz"));
    if let Some(p) = first_plain {
        assert!(
            found.ranked[p..].iter().all(|&r| !catalog
                .store
                .title(r)
                .to_lowercase()
                .contains("qazaqgaz"))
        );
    }
    assert_eq!(found.ranked.len(), found.visible.len());
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
        let d = catalog.store.date(i).unwrap();
        assert!(d.end >= from && d.start <= to);
    }
    let dates: Vec<_> = r
        .visible
        .iter()
        .map(|&i| catalog.store.date(i).unwrap().start)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "time order");
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
    filters.push(Filter {
        text: "201".into(),
        ..Default::default()
    });
    let mut non_empty = 0;
    let mut engine = FilterEngine::default();
    for f in filters {
        let result = f.evaluate(&catalog);
        check(&f, &catalog, &result);
        // The engine that remembers constraints gives the same result.
        let remembered =
            engine.evaluate(&f, &catalog, &TextHits::default(), &RowChanges::default());
        assert_eq!(remembered, result);
        non_empty +=
            usize::from(!result.visible.is_empty() && result.visible.len() < catalog.len());
    }
    assert!(
        non_empty >= 3,
        "the filters must narrow, not empty, the list"
    );
}

#[test]
fn full_text_hits_bring_in_their_briefs_events_ranked_last() {
    let catalog = Catalog::new(synthetic::briefs(200, 5));
    let f = Filter {
        text: "QazaqGaz".into(),
        ..Default::default()
    };
    let without = f.evaluate(&catalog);
    // A brief none of whose events names QazaqGaz, found by its text.
    let outsider = (0..catalog.briefs.len())
        .find(|&bi| {
            catalog
                .live_rows_of(bi)
                .iter()
                .all(|r| !without.visible.contains(r))
        })
        .expect("a brief without QazaqGaz events");
    let hits = TextHits {
        query: f.needle(),
        briefs: vec![outsider as u32],
    };
    let with = FilterEngine::default().evaluate(&f, &catalog, &hits, &RowChanges::default());
    let outsider_rows = catalog.live_rows_of(outsider);
    assert_eq!(
        with.visible.len(),
        without.visible.len() + outsider_rows.len()
    );
    assert!(outsider_rows.iter().all(|r| with.visible.contains(r)));
    let tail = &with.ranked[with.ranked.len() - outsider_rows.len()..];
    assert!(tail.iter().all(|r| outsider_rows.contains(r)));
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

/// A filter drawn from the values the synthetic data uses (and some it does not).
fn any_filter() -> impl Strategy<Value = Filter> {
    let value = |facet: Facet| -> &'static [&'static str] {
        match facet {
            Facet::Country => &["KZ", "TM", "TR", "RU", "XX"],
            Facet::Organization => &["QazaqGaz", "Gazprom", "SOCAR", "Nobody"],
            Facet::Person => &["Vladimir Putin", "Askhat Khasenov"],
            Facet::Kind => &["meeting", "deal", "supply", "other"],
            Facet::Language => &["ru", "en", "kk"],
            Facet::Source => &["Trend", "Reuters"],
        }
    };
    let facets = proptest::collection::vec((0usize..6, 0usize..5), 0..4);
    let text = prop_oneof![
        Just(""),
        Just("gas"),
        Just("astana"),
        Just("201"),
        Just("#1"),
        Just("kazakh"),
        Just("no match at all"),
    ];
    let day = proptest::option::of(0u64..4000);
    (facets, text, day.clone(), day).prop_map(move |(facets, text, from, to)| {
        let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        let mut f = Filter {
            text: text.to_string(),
            date_from: from.map(|d| base + chrono::Days::new(d)),
            date_to: to.map(|d| base + chrono::Days::new(d)),
            ..Filter::default()
        };
        for (fi, vi) in facets {
            let facet = Facet::ALL[fi];
            let values = value(facet);
            f.set_selected(facet, values[vi % values.len()], true);
        }
        f
    })
}

/// An edit drawn at random (applied to the `pick`th event).
#[derive(Debug, Clone)]
enum Edit {
    Title(String),
    Date(Option<u64>),
    Kind(usize),
    Countries(Vec<&'static str>),
    Reviewed(bool),
    Delete,
    Add(String),
    Undo,
}

fn any_edit() -> impl Strategy<Value = (usize, Edit)> {
    let edit = prop_oneof![
        "[a-z ]{0,12}".prop_map(Edit::Title),
        proptest::option::of(0u64..4000).prop_map(Edit::Date),
        (0usize..15).prop_map(Edit::Kind),
        proptest::collection::vec(prop_oneof![Just("KZ"), Just("TM"), Just("CN")], 0..3)
            .prop_map(Edit::Countries),
        any::<bool>().prop_map(Edit::Reviewed),
        Just(Edit::Delete),
        "[a-z]{1,8}".prop_map(Edit::Add),
        Just(Edit::Undo),
    ];
    (0usize..10_000, edit)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// On random catalogues and filters, the remembered constraints, changed one after the
    /// other, give what the obvious definition gives.
    #[test]
    fn random_filters_agree_with_the_obvious_definition(
        events in 1usize..300,
        seed in 0u64..1000,
        filters in proptest::collection::vec(any_filter(), 1..6),
    ) {
        let catalog = Catalog::new(synthetic::briefs(events, seed));
        let mut engine = FilterEngine::default();
        for f in &filters {
            let result = engine.evaluate(f, &catalog, &TextHits::default(), &RowChanges::default());
            check(f, &catalog, &result);
        }
    }

    /// After random edits (through the session state, with undo), the catalogue, its filter
    /// result and its facet counts equal a catalogue built afresh from the same corrections.
    #[test]
    fn random_edits_agree_with_a_full_rebuild(
        events in 1usize..200,
        seed in 0u64..1000,
        filter in any_filter(),
        edits in proptest::collection::vec(any_edit(), 1..12),
    ) {
        use crate::app::state::{AppState, Command, LoadedData, Settings};
        let settings = Settings { filter: filter.clone(), ..Settings::default() };
        let mut state = AppState::new(settings, vec![]);
        state.apply(Command::LoadFinished {
            data: LoadedData { briefs: synthetic::briefs(events, seed), ..LoadedData::default() },
            replace: true,
        });
        let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        for (pick, edit) in edits {
            let visible = state.catalog.time_order.clone();
            if visible.is_empty() {
                break;
            }
            let row = visible[pick % visible.len()];
            let key = crate::app::EventKey(state.catalog.store.key(row));
            let change = |e: EventEdit| Command::EditEvent(key, e);
            let command = match edit {
                Edit::Title(t) => change(EventEdit { title: Some(t), ..EventEdit::default() }),
                Edit::Date(d) => change(EventEdit {
                    date: Some(DateFix::from_option(d.map(|d| DateRange::day(base + chrono::Days::new(d))))),
                    ..EventEdit::default()
                }),
                Edit::Kind(k) => change(EventEdit { kind: Some(EventKind::ALL[k]), ..EventEdit::default() }),
                Edit::Countries(c) => change(EventEdit {
                    countries: Some(c.iter().map(|s| s.to_string()).collect()),
                    ..EventEdit::default()
                }),
                Edit::Reviewed(r) => Command::MarkReviewed(key, r),
                Edit::Delete => Command::DeleteEvent(key),
                Edit::Add(title) => Command::AddEvent {
                    file: state.catalog.briefs[state.catalog.store.brief(row) as usize].brief.file.clone(),
                    event: AddedEvent {
                        id: 0,
                        date: Some(DateRange::day(base + chrono::Days::new(pick as u64 % 4000))),
                        title,
                        kind: EventKind::Deal,
                        places: vec![],
                        countries: vec!["KZ".into()],
                        organizations: vec!["QazaqGaz".into()],
                        people: vec![],
                        reviewed: false,
                    },
                },
                Edit::Undo => Command::Undo,
            };
            state.apply(command);
            // The same briefs and corrections, built afresh.
            let mut fresh_briefs = Vec::new();
            for (bi, loaded) in state.catalog.briefs.iter().enumerate() {
                let mut b = loaded.clone();
                b.brief.events = state.catalog.extracted_events(bi);
                fresh_briefs.push(b);
            }
            let fresh = Catalog::new(fresh_briefs);
            let rows = |c: &Catalog| {
                let mut rows: Vec<(u64, crate::model::Event, bool, bool, Vec<String>, String)> = c
                    .rows()
                    .map(|r| {
                        let places = r.places.iter().map(|&p| c.places[p as usize].name.clone()).collect();
                        (r.key.0, r.event, r.reviewed, r.corrected, places, r.date_label)
                    })
                    .collect();
                rows.sort_by_key(|r| r.0);
                rows
            };
            prop_assert_eq!(rows(&state.catalog), rows(&fresh));
            let order = |c: &Catalog| c.time_order.iter().map(|&r| c.store.key(r)).collect::<Vec<_>>();
            prop_assert_eq!(order(&state.catalog), order(&fresh));
            prop_assert_eq!(&state.catalog.orphan_problems, &fresh.orphan_problems);
            let now = meaning_of(&state.derived.filtered, &state.catalog);
            let again = meaning_of(&state.settings.filter.evaluate(&fresh), &fresh);
            prop_assert_eq!(&now, &again);
            prop_assert_eq!(now, naive(&state.settings.filter, &fresh));
        }
    }
}
