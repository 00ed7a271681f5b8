//! Places: choosing the gazetteer place a name means (or none, when the name is more likely a
//! common word, a person or a region), routes named by their ends, the publisher's dateline,
//! and each place's role — where something happened, the dateline, or only mentioned.

use std::collections::BTreeMap;

use crate::gazetteer::{Entity, PlaceEntry};
use crate::lexicon;
use crate::model::{EventKind, GeoPoint, Place, PlaceKind, PlaceRole, Span};
use crate::text::fold::fold;
use crate::text::tokens::TokenKind;

use super::document::Document;
use super::names::NameMention;
use super::{events, people, routes};

/// Countries whose small towns we accept without their country being named in the brief.
const FOCUS_COUNTRIES: &[&str] = &[
    "KZ", "TM", "UZ", "KG", "TJ", "AZ", "GE", "AM", "AF", "IR", "TR", "RU", "CN", "MN", "PK",
];

/// A place resolved from a name mention.
pub(super) struct PlaceHit {
    pub(super) entry: u32,
    pub(super) span: Span,
    pub(super) token: usize,
    pub(super) tokens_end: usize,
}

impl Document<'_> {
    /// Picks the best place for a name, or none when the name is more likely a common word.
    pub(super) fn choose_place(&self, m: &NameMention, mentioned: &[String]) -> Option<u32> {
        let g = self.gazetteer;
        let lang = self.lang.as_deref();
        let first = &self.tokens[m.tokens.start];
        let single = m.words == 1;
        let key = m.key.as_str();
        let stop = single
            && (g.is_stopword(key, lang) || g.is_stopword(key, None) && key.chars().count() <= 4);
        let mut best: Option<(f64, u32)> = None;
        // "the Krasnodar region", "Hazar denizi", "на реке Вахш": a region, sea or river
        // named after a town is not the town.
        let next_word = self
            .folded
            .get(m.tokens.end)
            .map(String::as_str)
            .unwrap_or("");
        let prev_word = if m.tokens.start > 0 {
            self.folded[m.tokens.start - 1].as_str()
        } else {
            ""
        };
        // "la région de Krasnodar", "the province of Herat": the area word one word back.
        let prev2_word = if m.tokens.start > 1 {
            self.folded[m.tokens.start - 2].as_str()
        } else {
            ""
        };
        let area_after = lexicon::all_of(|l| l.places.area_after)
            .any(|w| next_word == *w || w.chars().count() >= 5 && next_word.starts_with(w));
        let area_before = lexicon::any_has(|l| l.places.area_before, prev_word)
            || lexicon::any_has(|l| l.places.area_linkers, prev_word)
                && lexicon::any_has(|l| l.places.area_before, prev2_word);
        if lexicon::any_has(|l| l.places.never_places, key) {
            return None;
        }
        if area_after || area_before {
            let curated = m
                .candidates
                .iter()
                .any(|e| matches!(e, Entity::Place(k) if g.place(*k).curated));
            if !curated {
                return None;
            }
        }
        // A first name before a surname is a person, not a town ("Vladimir Poutine").
        if single && let Some(next) = self.tokens.get(m.tokens.end) {
            let next_folded = fold(next.text);
            if next.kind == TokenKind::Word
                && next.is_capitalized()
                && self.tokens[m.tokens.end - 1].span.end + 1 >= next.span.start
                && (g.is_given_name(key) || people::looks_like_surname(&next_folded))
                && self
                    .folded
                    .get(m.tokens.end)
                    .is_some_and(|f| g.lookup(f).is_empty() || people::looks_like_surname(f))
            {
                return None;
            }
        }
        for e in &m.candidates {
            let Entity::Place(k) = *e else { continue };
            let p = g.place(k);
            if !is_reportable(p) {
                continue;
            }
            let country_named = p.country.as_ref().is_some_and(|c| mentioned.contains(c));
            let focus = p
                .country
                .as_deref()
                .is_some_and(|c| FOCUS_COUNTRIES.contains(&c));
            if !p.curated {
                if stop && p.kind != PlaceKind::Capital {
                    continue;
                }
                if single && g.is_ambiguous(key) && !(country_named && p.population >= 100_000) {
                    continue;
                }
                if single
                    && key.chars().count() <= 3
                    && p.population
                        < if crate::text::fold::is_cyrillic(key) {
                            200_000
                        } else {
                            1_000_000
                        }
                    && p.kind != PlaceKind::Capital
                {
                    continue;
                }
                // A small town abroad needs its country named; one word alone must be a big
                // city to count (Borås, Lander and Issy-les-Moulineaux are rarely the news).
                let needed = if single { 300_000 } else { 50_000 };
                if !country_named && !focus && p.population < needed && p.kind != PlaceKind::Capital
                {
                    continue;
                }
                if first.is_all_caps()
                    && single
                    && !self.at_paragraph_start(m.tokens.start)
                    && p.population < 500_000
                {
                    // Abbreviations (SPK, KMG) are rarely small towns.
                    continue;
                }
            }
            let score = (if p.curated { 6.0 } else { 0.0 })
                + (if p.kind == PlaceKind::Capital {
                    3.0
                } else {
                    0.0
                })
                + (if country_named { 4.0 } else { 0.0 })
                + (if focus { 2.0 } else { 0.0 })
                + (p.population as f64 + 1.0).log10() / 2.0;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, k));
            }
        }
        best.map(|(_, k)| k)
    }

    /// The publisher's dateline: a place in capitals (or followed by a comma and a date) at the
    /// start of the first story paragraph after the headline. Returns its place hit index.
    pub(super) fn dateline(&self, hits: &[PlaceHit]) -> Option<usize> {
        let first_para = self
            .layout
            .story
            .iter()
            .find(|p| Some(**p) != self.layout.title)?;
        let index = hits.iter().position(|h| h.span.start == first_para.start)?;
        let hit = &hits[index];
        let all_caps = (hit.token..hit.tokens_end)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .all(|i| self.tokens[i].is_all_caps() || self.tokens[i].text.chars().count() == 1);
        let next = self.tokens.get(hit.tokens_end)?;
        let punct = matches!(next.text, "," | "-" | "–" | "—" | "(" | "." | "/");
        // "Astana (dpa) -", "ANKARA (AA) -": an agency in brackets after the city.
        let agency = next.text == "("
            && self
                .dateline_span()
                .is_some_and(|d| d.end <= first_para.end && d.end - first_para.start <= 60);
        (punct && (all_caps || next.text == ",") || agency).then_some(index)
    }

    /// Groups places joined by dashes beside a route word into route places; returns the
    /// routes and the hits that are not part of one.
    /// Groups places joined by dashes beside a route word into route places; returns the
    /// routes and the hits that are not part of one.
    pub(super) fn routes(&self, hits: Vec<PlaceHit>) -> (Vec<Place>, Vec<PlaceHit>) {
        let g = self.gazetteer;
        let mut routes = Vec::new();
        let mut in_route = vec![false; hits.len()];
        let mut i = 0;
        while i < hits.len() {
            let mut j = i;
            while j + 1 < hits.len()
                && routes::dash_between(&self.tokens, hits[j].tokens_end, hits[j + 1].token)
            {
                j += 1;
            }
            if j > i
                && let Some((kind, english)) =
                    self.route_word_around(hits[i].token, hits[j].tokens_end)
            {
                let parts: Vec<&PlaceEntry> =
                    hits[i..=j].iter().map(|h| g.place(h.entry)).collect();
                let name = format!(
                    "{} {english}",
                    parts
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join("–")
                );
                let points: Vec<GeoPoint> = parts.iter().map(|p| p.point).collect();
                let n = points.len() as f64;
                let mid = GeoPoint::new(
                    points.iter().map(|p| p.lat).sum::<f64>() / n,
                    points.iter().map(|p| p.lon).sum::<f64>() / n,
                );
                let same_country = parts
                    .iter()
                    .all(|p| p.country == parts[0].country)
                    .then(|| parts[0].country.clone())
                    .flatten();
                routes.push(Place {
                    name,
                    point: mid,
                    country: same_country,
                    kind,
                    role: PlaceRole::Mentioned,
                    mentions: vec![Span::new(hits[i].span.start, hits[j].span.end)],
                    route: points,
                });
                in_route[i..=j].iter_mut().for_each(|r| *r = true);
            }
            i = j + 1;
        }
        let rest = hits
            .into_iter()
            .zip(in_route)
            .filter(|(_, r)| !r)
            .map(|(h, _)| h)
            .collect();
        (routes, rest)
    }

    /// A route word just after the last place or just before the first one.
    /// A route word just after the last place or just before the first one.
    pub(super) fn route_word_around(
        &self,
        first_token: usize,
        end_token: usize,
    ) -> Option<(PlaceKind, &'static str)> {
        let mut k = end_token;
        while k < self.tokens.len()
            && k < end_token + 2
            && routes::skippable(&self.tokens[k], &self.folded[k])
        {
            k += 1;
        }
        if let Some((kind, english, _)) = routes::route_word_at(&self.tokens, &self.folded, k) {
            return Some((kind, english));
        }
        for start in first_token.saturating_sub(6)..first_token {
            if let Some((kind, english, len)) =
                routes::route_word_at(&self.tokens, &self.folded, start)
                && (start + len..first_token)
                    .all(|t| routes::skippable(&self.tokens[t], &self.folded[t]))
            {
                return Some((kind, english));
            }
        }
        None
    }

    pub(super) fn build_places(&self, hits: &[PlaceHit], dateline: Option<usize>) -> Vec<Place> {
        let g = self.gazetteer;
        let mut by_entry: BTreeMap<u32, (Vec<Span>, Vec<usize>, bool)> = BTreeMap::new();
        for (i, h) in hits.iter().enumerate() {
            let slot = by_entry.entry(h.entry).or_default();
            slot.0.push(h.span);
            slot.1.push(h.token);
            slot.2 |= Some(i) == dateline;
        }
        let mut places: Vec<Place> = by_entry
            .into_iter()
            .map(|(entry, (mentions, tokens, has_dateline))| {
                let p: &PlaceEntry = g.place(entry);
                let event_mention = tokens.iter().any(|&t| self.is_event_location(t));
                let role = if event_mention {
                    PlaceRole::Event
                } else if has_dateline && mentions.len() == 1 {
                    PlaceRole::Dateline
                } else {
                    PlaceRole::Mentioned
                };
                Place {
                    name: p.name.clone(),
                    point: p.point,
                    country: p.country.clone(),
                    kind: p.kind,
                    role,
                    mentions,
                    route: p.route.clone(),
                }
            })
            .collect();
        places.sort_by_key(|p| p.mentions.first().copied());
        places
    }

    /// Whether the place name at `token` is where something happens: after a locative
    /// preposition or case ending in a sentence that reports an event, or the target of a visit.
    /// Whether the place name at `token` is where something happens: after a locative
    /// preposition or case ending in a sentence that reports an event, or the target of a visit.
    pub(super) fn is_event_location(&self, token: usize) -> bool {
        let s = self.token_sentence[token];
        if s == usize::MAX {
            return false;
        }
        let word = |i: usize| self.folded.get(i).map(String::as_str).unwrap_or("");
        let sentence_kinds = &self.sentence_triggers[s];
        let has_event = sentence_kinds
            .iter()
            .any(|k| events::is_strong(*k) && *k != EventKind::Statement);
        if !has_event {
            return false;
        }
        let has_visit = sentence_kinds.contains(&EventKind::Visit);
        // Words before the name, skipping articles.
        let mut before = Vec::new();
        let mut k = token;
        while k > 0 && before.len() < 4 {
            k -= 1;
            if self.tokens[k].kind == TokenKind::Punct && !matches!(self.tokens[k].text, "'" | "’")
            {
                break;
            }
            if self.tokens[k].kind == TokenKind::Word {
                before.push(word(k));
            }
        }
        let prev = before.first().copied().unwrap_or("");
        let prev2 = before.get(1).copied().unwrap_or("");
        if lexicon::any_has(|l| l.places.locative_prepositions, prev) {
            return true;
        }
        let direction = |w: &str| lexicon::any_has(|l| l.places.direction_words, w);
        if has_visit
            && (direction(prev)
                || direction(prev2)
                || before
                    .iter()
                    .take(3)
                    .any(|w| lexicon::any_has(|l| l.places.visit_verbs, w)))
        {
            return true;
        }
        // Turkish "Ankara'da", Kazakh "Астанада": a locative ending on the name itself.
        let next = self.tokens.get(token + 1);
        let after = self.tokens.get(token + 2);
        if next.is_some_and(|t| matches!(t.text, "'" | "’"))
            && after.is_some_and(|t| {
                lexicon::any_has(|l| l.places.locative_after_apostrophe, &fold(t.text))
            })
        {
            return true;
        }
        // A locative ending on the name itself, in a language that writes it so.
        let surface = fold(self.tokens[token].text);
        self.lang.as_deref().and_then(lexicon::of).is_some_and(|l| {
            l.places
                .locative_endings
                .iter()
                .any(|e| surface.ends_with(e))
        })
    }
}

/// Regions, seas, rivers and corridors are not places on our map (countries are reported as
/// countries; a river or a transport corridor has no point to plot).
pub(super) fn is_reportable(p: &PlaceEntry) -> bool {
    if matches!(p.kind, PlaceKind::Region | PlaceKind::Sea) {
        return false;
    }
    let lower = p.name.to_lowercase();
    !(p.kind == PlaceKind::Other
        && ["corridor", "route", "river", "darya", "irtysh"]
            .iter()
            .any(|w| lower.contains(w)))
}
