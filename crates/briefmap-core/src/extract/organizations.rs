//! The brief's organisations: the gazetteer's, named outright, and those found by pattern,
//! merged by name with every mention.

use std::collections::BTreeMap;

use crate::model::{OrgKind, Organization, Span};

use super::document::Document;
use super::orgs;

impl Document<'_> {
    pub(super) fn build_orgs(
        &self,
        hits: &[(u32, Span, std::ops::Range<usize>)],
        pattern_orgs: &[orgs::OrgFound],
    ) -> Vec<Organization> {
        let g = self.gazetteer;
        let mut by_name: BTreeMap<String, Organization> = BTreeMap::new();
        for (k, span, _) in hits {
            let e = &g.organizations[*k as usize];
            by_name
                .entry(e.name.clone())
                .or_insert_with(|| Organization {
                    name: e.name.clone(),
                    kind: OrgKind::from_table(&e.kind),
                    country: e.country.clone(),
                    mentions: Vec::new(),
                })
                .mentions
                .push(*span);
        }
        for o in pattern_orgs {
            let known = o.known.map(|k| &g.organizations[k as usize]);
            by_name
                .entry(o.name.clone())
                .or_insert_with(|| Organization {
                    name: o.name.clone(),
                    kind: known.map_or(o.kind, |k| OrgKind::from_table(&k.kind)),
                    country: known
                        .and_then(|k| k.country.clone())
                        .or_else(|| o.country.clone()),
                    mentions: Vec::new(),
                })
                .mentions
                .push(o.span);
        }
        let mut out: Vec<Organization> = by_name
            .into_values()
            .map(|mut o| {
                o.mentions.sort();
                o.mentions.dedup();
                o
            })
            .collect();
        out.sort_by_key(|o| o.mentions.first().copied());
        out
    }
}
