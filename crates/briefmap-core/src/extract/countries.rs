//! Countries: named outright, inside an organisation's or a route's name, or by an adjective
//! (kazakh, туркменский, kasachisch), each with the spans that mention it.

use std::collections::BTreeMap;

use crate::gazetteer::Entity;
use crate::model::{CountryMention, Span};

use super::document::Document;
use super::orgs;

impl Document<'_> {
    pub(super) fn build_countries(
        &self,
        hits: &[(u16, Span, usize)],
        adjectives: &[(String, Span, usize)],
        pattern_orgs: &[orgs::OrgFound],
        org_hits: &[(u32, Span, std::ops::Range<usize>)],
    ) -> Vec<CountryMention> {
        let g = self.gazetteer;
        let mut by_code: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        for (k, span, _) in hits {
            by_code
                .entry(g.country(*k).code.clone())
                .or_default()
                .push(*span);
        }
        // A country named inside an organisation's name ("the U.S. State Department", "the
        // Kazakh Ministry of Energy") is mentioned too: the word is its evidence.
        for (k, _, tokens) in org_hits {
            let Some(code) = &g.organizations[*k as usize].country else {
                continue;
            };
            for t in tokens.clone() {
                let folded = &self.folded[t];
                let names_it = g
                    .lookup(folded)
                    .iter()
                    .any(|e| matches!(e, Entity::Country(c) if g.country(*c).code == *code))
                    || g.adjective(folded).contains(&code.as_str());
                if names_it {
                    by_code
                        .entry(code.clone())
                        .or_default()
                        .push(self.tokens[t].span);
                }
            }
        }
        for (code, span, _) in adjectives {
            by_code.entry(code.clone()).or_default().push(*span);
        }
        for o in pattern_orgs {
            if let Some(code) = &o.country {
                by_code.entry(code.clone()).or_default();
            }
        }
        let mut out: Vec<CountryMention> = by_code
            .into_iter()
            .filter(|(_, spans)| !spans.is_empty())
            .map(|(code, mut mentions)| {
                mentions.sort();
                mentions.dedup();
                CountryMention {
                    name: g.country_name(&code).unwrap_or(&code).to_string(),
                    code,
                    mentions,
                }
            })
            .collect();
        out.sort_by_key(|c| c.mentions.first().copied());
        out
    }
}
