//! The events the window shows — filtered, with the user's corrections, in time order — as
//! briefs ready for `crate::export::flatten`.

use std::collections::BTreeMap;

use super::AppState;
use crate::model::{Brief, Place, PlaceRole};

/// One brief per brief that has visible events, holding only those events (corrected).
pub fn visible_briefs(state: &AppState) -> Vec<Brief> {
    let catalog = &state.catalog;
    let mut by_brief: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &row in state.visible() {
        by_brief
            .entry(catalog.store.brief(row))
            .or_default()
            .push(row);
    }
    let mut out = Vec::with_capacity(by_brief.len());
    for (brief_index, rows) in by_brief {
        let Some(loaded) = catalog.briefs.get(brief_index as usize) else {
            continue;
        };
        let mut brief = loaded.brief.clone();
        brief.events = rows.iter().map(|&r| catalog.store.event(r)).collect();
        // Places the user added from the gazetteer or the map are not in the brief's own list.
        for event in &brief.events {
            for name in &event.places {
                if brief.place(name).is_some() {
                    continue;
                }
                if let Some(info) = catalog.places.iter().find(|p| &p.name == name) {
                    brief.places.push(Place {
                        name: info.name.clone(),
                        point: info.point,
                        country: info.country.clone(),
                        kind: info.kind,
                        role: PlaceRole::Event,
                        mentions: Vec::new(),
                        route: info.route.clone(),
                    });
                }
            }
        }
        out.push(brief);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::filter::Facet;
    use crate::app::loading::load_with_corrections;
    use crate::app::state::{Command, Settings};

    fn bundled() -> AppState {
        let dir = crate::paths::bundled_briefs_dir();
        let mut state = AppState::new(Settings::default(), vec![dir.clone()]);
        state.apply(Command::LoadFinished {
            data: load_with_corrections(&[dir], &|_| {}),
            replace: true,
        });
        state
    }

    #[test]
    fn exports_follow_the_filters() {
        let mut state = bundled();
        let all: usize = visible_briefs(&state).iter().map(|b| b.events.len()).sum();
        assert_eq!(all, state.catalog.len());
        state.apply(Command::SetFacet {
            facet: Facet::Country,
            value: "TR".into(),
            selected: true,
        });
        let briefs = visible_briefs(&state);
        let events: Vec<_> = briefs.iter().flat_map(|b| b.events.iter()).collect();
        assert!(!events.is_empty() && events.len() < all);
        assert!(events.iter().all(|e| e.countries.iter().any(|c| c == "TR")));
        // Every place an exported event names resolves in its brief.
        for b in &briefs {
            for e in &b.events {
                for p in &e.places {
                    assert!(b.place(p).is_some(), "{p}");
                }
            }
        }
    }
}
