//! Extraction: from a brief's raw text (and what its sidecar says of its publication) to its
//! language, story, places, countries, organisations, people and events, each with evidence.
//! Deterministic: dates are resolved against the publication date, never the clock.

pub mod dates;
pub mod events;
pub mod names;
pub mod orgs;
pub mod people;
pub mod routes;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::gazetteer::{Entity, Gazetteer, PlaceEntry};
use crate::lexicon;
use crate::model::{
    Brief, CountryMention, DateRange, Event, EventKind, GeoPoint, Organization, Person, Place,
    PlaceKind, PlaceRole, Precision, Publication, Span,
};
use crate::text::fold::fold;
use crate::text::furniture::{self, Layout};
use crate::text::language;
use crate::text::sentences::sentences_in;
use crate::text::tokens::{Token, TokenKind, tokenize};
use dates::{DateMention, Reference};
use names::NameMention;

/// Countries whose small towns we accept without their country being named in the brief.
const FOCUS_COUNTRIES: &[&str] = &[
    "KZ", "TM", "UZ", "KG", "TJ", "AZ", "GE", "AM", "AF", "IR", "TR", "RU", "CN", "MN", "PK",
];

/// Extracts everything from one brief.
pub fn extract_brief(
    file: PathBuf,
    text: &str,
    publication: &Publication,
    gazetteer: &Gazetteer,
) -> Brief {
    Extractor::new(text, publication, gazetteer).run(file)
}

/// A place resolved from a name mention.
struct PlaceHit {
    entry: u32,
    span: Span,
    token: usize,
    tokens_end: usize,
}

struct Extractor<'a> {
    text: &'a str,
    gazetteer: &'a Gazetteer,
    publication: &'a Publication,
    layout: Layout,
    tokens: Vec<Token<'a>>,
    folded: Vec<String>,
    in_story: Vec<bool>,
    sentences: Vec<Span>,
    /// Sentence index of each token (usize::MAX outside the story).
    token_sentence: Vec<usize>,
    lang: Option<String>,
    published: Option<DateRange>,
    /// The event kinds each sentence's words trigger.
    sentence_triggers: Vec<Vec<EventKind>>,
}

impl<'a> Extractor<'a> {
    fn new(text: &'a str, publication: &'a Publication, gazetteer: &'a Gazetteer) -> Self {
        let layout = furniture::layout(text);
        let tokens = tokenize(text);
        let folded: Vec<String> = tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word | TokenKind::Number => fold(t.text),
                _ => String::new(),
            })
            .collect();
        let sentences: Vec<Span> = layout
            .story
            .iter()
            .flat_map(|&p| sentences_in(text, p))
            .collect();
        let mut token_sentence = vec![usize::MAX; tokens.len()];
        let mut in_story = vec![false; tokens.len()];
        let mut s = 0;
        for (i, t) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= t.span.start {
                s += 1;
            }
            if s < sentences.len() && sentences[s].contains(t.span) {
                token_sentence[i] = s;
                in_story[i] = true;
            }
        }
        let story_text: String = layout
            .story
            .iter()
            .map(|s| s.slice(text))
            .collect::<Vec<_>>()
            .join("\n");
        let lang = publication
            .language
            .clone()
            .or_else(|| language::detect(&story_text).map(str::to_string));
        let published = publication
            .published
            .or_else(|| layout.header_date.map(DateRange::day));
        let mut sentence_triggers = vec![Vec::new(); sentences.len()];
        for (i, &s) in token_sentence.iter().enumerate() {
            if s != usize::MAX
                && let Some(kind) = events::trigger(&folded[i])
            {
                sentence_triggers[s].push(kind);
            }
        }
        Extractor {
            sentence_triggers,
            text,
            gazetteer,
            publication,
            layout,
            tokens,
            folded,
            in_story,
            sentences,
            token_sentence,
            lang,
            published,
        }
    }

    fn run(self, file: PathBuf) -> Brief {
        let g = self.gazetteer;
        let n = self.tokens.len();
        let in_story = &self.in_story;
        let usable_story = |i: usize| in_story[i];
        let mentions = names::find_names(&self.tokens, &self.folded, &usable_story, g);

        // 1. Organisations and countries named outright, known people.
        let mut taken = vec![false; n];
        let mut org_hits: Vec<(u32, Span, std::ops::Range<usize>)> = Vec::new();
        let mut country_hits: Vec<(u16, Span, usize)> = Vec::new();
        let mut known_people: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
        let mut place_mentions: Vec<&NameMention> = Vec::new();
        // People named in full somewhere settle surnames shared by several known people
        // ("Berdimuhamedov": Gurbanguly or Serdar).
        let named_in_full: Vec<u32> = mentions
            .iter()
            .filter(|m| m.words > 1)
            .flat_map(|m| m.candidates.iter())
            .filter_map(|e| match e {
                Entity::Person(k) => Some(*k),
                _ => None,
            })
            .collect();
        for m in &mentions {
            let has = |f: fn(&Entity) -> bool| m.candidates.iter().any(f);
            let org = m.candidates.iter().find_map(|e| match e {
                Entity::Org(k) => Some(*k),
                _ => None,
            });
            let country = m.candidates.iter().find_map(|e| match e {
                Entity::Country(k) => Some(*k),
                _ => None,
            });
            let persons: Vec<u32> = m
                .candidates
                .iter()
                .filter_map(|e| match e {
                    Entity::Person(k) => Some(*k),
                    _ => None,
                })
                .collect();
            let person = persons
                .iter()
                .copied()
                .find(|k| named_in_full.contains(k))
                .or_else(|| persons.first().copied());
            // A country adjective is never a place (GeoNames lists "Kazakh" for Petropavl).
            if m.words == 1
                && !g.adjective(&m.key).is_empty()
                && country.is_none()
                && org.is_none()
                && person.is_none()
            {
                continue;
            }
            let strong_place = m.candidates.iter().any(|e| match e {
                Entity::Place(k) => {
                    let p = g.place(*k);
                    p.curated || p.kind == PlaceKind::Capital || p.population >= 200_000
                }
                _ => false,
            });
            if let Some(k) = org {
                // News outlets are the brief's sources, not actors: consumed, not reported.
                if g.organizations[k as usize].kind == "media" {
                    mark(&mut taken, m.tokens.clone());
                    continue;
                }
                org_hits.push((k, m.span, m.tokens.clone()));
                mark(&mut taken, m.tokens.clone());
            } else if let Some(k) = country {
                country_hits.push((k, m.span, m.tokens.start));
                mark(&mut taken, m.tokens.clone());
            } else if let (Some(k), false) = (person, strong_place) {
                known_people.push((k, m.tokens.clone()));
                mark(&mut taken, m.tokens.clone());
            } else if has(|e| matches!(e, Entity::Place(_))) {
                place_mentions.push(m);
            }
        }

        // Country names inside organisation and route names ("Cabinet of Ministers of
        // Turkmenistan", "the Kazakhstan–Turkmenistan–Iran railway").
        let inner_ranges: Vec<std::ops::Range<usize>> = org_hits
            .iter()
            .map(|(_, _, r)| r.clone())
            .chain(
                place_mentions
                    .iter()
                    .filter(|m| m.words > 1)
                    .map(|m| m.tokens.clone()),
            )
            .collect();
        for range in inner_ranges {
            for k in range.clone() {
                if !in_story[k]
                    || self.tokens[k].kind != TokenKind::Word
                    || !self.tokens[k].is_capitalized()
                {
                    continue;
                }
                let word = &self.folded[k];
                let country = std::iter::once(word.clone())
                    .chain(names::base_forms(word))
                    .find_map(|key| {
                        g.lookup(&key).iter().find_map(|e| match e {
                            Entity::Country(c) => Some(*c),
                            _ => None,
                        })
                    });
                if let Some(c) = country {
                    country_hits.push((c, self.tokens[k].span, k));
                }
            }
        }

        // 2. Country adjectives (kazakho-turkmène, казахстанско-турецкого, Kazakh).
        let mut adjective_hits: Vec<(String, Span, usize)> = Vec::new();
        for i in 0..n {
            if !in_story[i] || taken[i] || self.tokens[i].kind != TokenKind::Word {
                continue;
            }
            let codes = g.adjective(&self.folded[i]);
            if codes.len() == 1 {
                adjective_hits.push((codes[0].to_string(), self.tokens[i].span, i));
            }
        }

        // 3. Organisations by pattern (ministries, «quoted» companies, misspellings).
        let country_tokens: BTreeMap<usize, String> = country_hits
            .iter()
            .map(|(k, _, t)| (*t, g.country(*k).code.clone()))
            .chain(adjective_hits.iter().map(|(c, _, t)| (*t, c.clone())))
            .collect();
        let taken_now = taken.clone();
        let usable_for_orgs = |i: usize| in_story[i] && !taken_now[i];
        let country_at = |i: usize| country_tokens.get(&i).cloned();
        let mut pattern_orgs = orgs::find_orgs(&orgs::OrgInput {
            text: self.text,
            tokens: &self.tokens,
            folded: &self.folded,
            usable: &usable_for_orgs,
            gazetteer: g,
            country_at: &country_at,
        });
        // "le ministère de l'Énergie" in a brief about Kazakhstan is Kazakhstan's.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for code in country_tokens.values() {
            *counts.entry(code.as_str()).or_default() += 1;
        }
        let main_country = counts
            .iter()
            .max_by_key(|(code, n)| (**n, std::cmp::Reverse(**code)))
            .map(|(code, _)| code.to_string());
        for o in &mut pattern_orgs {
            if let Some(code) = &main_country {
                orgs::settle_ministry_country(o, code, g);
            }
            mark(&mut taken, o.tokens.clone());
        }

        // 4. People.
        let taken_for_people = taken.clone();
        let usable_for_people = |i: usize| in_story[i] && !taken_for_people[i];
        let people_found = people::find_people(&people::PeopleInput {
            text: self.text,
            tokens: &self.tokens,
            folded: &self.folded,
            usable: &usable_for_people,
            lang: self.lang.as_deref(),
            gazetteer: g,
            known: known_people,
        });
        for p in &people_found {
            for r in &p.token_ranges {
                mark(&mut taken, r.clone());
            }
        }

        // 5. Places, disambiguated with the countries the brief names.
        let mut mentioned_countries: Vec<String> = country_tokens.values().cloned().collect();
        mentioned_countries.sort();
        mentioned_countries.dedup();
        let mut place_hits: Vec<PlaceHit> = Vec::new();
        for m in place_mentions {
            if m.tokens.clone().any(|i| taken[i]) {
                continue;
            }
            if let Some(entry) = self.choose_place(m, &mentioned_countries) {
                place_hits.push(PlaceHit {
                    entry,
                    span: m.span,
                    token: m.tokens.start,
                    tokens_end: m.tokens.end,
                });
                mark(&mut taken, m.tokens.clone());
            }
        }

        // 6. Dates.
        let reference = self.published.map(|published| Reference { published });
        let mut future_sentences = vec![false; self.sentences.len()];
        for (i, &s) in self.token_sentence.iter().enumerate() {
            if s != usize::MAX && dates::is_future_marker(&self.folded[i]) {
                future_sentences[s] = true;
            }
        }
        let token_sentence = &self.token_sentence;
        let future = |i: usize| {
            token_sentence
                .get(i)
                .and_then(|&s| future_sentences.get(s))
                .copied()
                .unwrap_or(false)
        };
        let date_mentions: Vec<DateMention> = dates::find_dates(&self.tokens, reference, &future)
            .into_iter()
            .filter(|d| self.layout.is_story(d.span))
            .collect();

        // 7. Assemble entities.
        let (route_places, place_hits) = self.routes(place_hits);
        let dateline = self.dateline(&place_hits);
        let mut places = self.build_places(&place_hits, dateline);
        places.extend(route_places);
        places.sort_by_key(|p| p.mentions.first().copied());
        let countries =
            self.build_countries(&country_hits, &adjective_hits, &pattern_orgs, &org_hits);
        let organizations = self.build_orgs(&org_hits, &pattern_orgs);
        let people: Vec<Person> = people_found
            .iter()
            .map(|p| Person {
                name: p.name.clone(),
                role: p.role.clone(),
                mentions: p.mentions.clone(),
            })
            .collect();

        // 8. Events.
        let events = self.build_events(&EventInputs {
            places: &places,
            countries: &countries,
            organizations: &organizations,
            people: &people,
            dates: &date_mentions,
        });

        let title = self
            .publication
            .title
            .clone()
            .or_else(|| {
                self.layout
                    .title
                    .map(|t| events::clip_title(t.slice(self.text), 140))
            })
            .or_else(|| events.iter().find(|e| e.main).map(|e| e.title.clone()))
            .unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        let mut problems = Vec::new();
        if self.layout.story.is_empty() {
            problems.push("no story text found (only page furniture)".to_string());
        }
        if self.lang.is_none() {
            problems.push("the language could not be identified".to_string());
        }
        if self.published.is_none() {
            problems.push("no publication date: relative dates cannot be resolved".to_string());
        }
        Brief {
            file,
            language: self.lang.clone(),
            title,
            published: self.published,
            source: self.publication.source.clone(),
            url: self.publication.url.clone(),
            places,
            countries,
            organizations,
            people,
            events,
            problems,
            text: Arc::from(self.text),
            story: self.layout.story.clone(),
        }
    }

    /// Picks the best place for a name, or none when the name is more likely a common word.
    fn choose_place(&self, m: &NameMention, mentioned: &[String]) -> Option<u32> {
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
        if lexicon::any_has(|l| l.places.area_after, next_word)
            || lexicon::any_has(|l| l.places.area_before, prev_word)
        {
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
                if !country_named && !focus && p.population < 50_000 && p.kind != PlaceKind::Capital
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

    fn at_paragraph_start(&self, token: usize) -> bool {
        let start = self.tokens[token].span.start;
        self.layout.story.iter().any(|p| p.start == start)
    }

    /// The publisher's dateline: a place in capitals (or followed by a comma and a date) at the
    /// start of the first story paragraph after the headline. Returns its place hit index.
    fn dateline(&self, hits: &[PlaceHit]) -> Option<usize> {
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
    fn routes(&self, hits: Vec<PlaceHit>) -> (Vec<Place>, Vec<PlaceHit>) {
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
    fn route_word_around(
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

    fn build_places(&self, hits: &[PlaceHit], dateline: Option<usize>) -> Vec<Place> {
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
    fn is_event_location(&self, token: usize) -> bool {
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

    fn build_countries(
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

    fn build_orgs(
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
                    kind: Some(e.kind.clone()).filter(|k| !k.is_empty()),
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
                    kind:
                        known
                            .map(|k| k.kind.clone())
                            .or(Some("ministry".to_string())
                                .filter(|_| o.name.starts_with("Ministry"))),
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
            .filter(|o| o.kind.as_deref() != Some("media"))
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

/// Regions, seas, rivers and corridors are not places on our map (countries are reported as
/// countries; a river or a transport corridor has no point to plot).
fn is_reportable(p: &PlaceEntry) -> bool {
    if matches!(p.kind, PlaceKind::Region | PlaceKind::Sea) {
        return false;
    }
    let lower = p.name.to_lowercase();
    !(p.kind == PlaceKind::Other
        && ["corridor", "route", "river", "darya", "irtysh"]
            .iter()
            .any(|w| lower.contains(w)))
}

fn mark(taken: &mut [bool], range: std::ops::Range<usize>) {
    for i in range {
        if let Some(t) = taken.get_mut(i) {
            *t = true;
        }
    }
}

struct EventInputs<'e> {
    places: &'e [Place],
    countries: &'e [CountryMention],
    organizations: &'e [Organization],
    people: &'e [Person],
    dates: &'e [DateMention],
}

/// What one sentence contributes to events.
#[derive(Debug, Clone)]
struct SentenceFacts {
    span: Span,
    triggers: Vec<(EventKind, usize)>,
    dates: Vec<DateMention>,
}

impl<'a> Extractor<'a> {
    fn sentence_facts(&self, dates: &[DateMention]) -> Vec<SentenceFacts> {
        let mut facts: Vec<SentenceFacts> = self
            .sentences
            .iter()
            .map(|&span| SentenceFacts {
                span,
                triggers: Vec::new(),
                dates: Vec::new(),
            })
            .collect();
        for (i, &s) in self.token_sentence.iter().enumerate() {
            if s == usize::MAX || self.tokens[i].kind != TokenKind::Word {
                continue;
            }
            if let Some(kind) = events::trigger(&self.folded[i]) {
                facts[s].triggers.push((kind, i));
            }
        }
        for d in dates {
            if let Some(f) = facts.iter_mut().find(|f| f.span.contains(d.span)) {
                f.dates.push(*d);
            }
        }
        facts
    }

    /// The token index where a span starts.
    fn token_at(&self, start: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < start)
    }

    fn build_events(&self, input: &EventInputs<'_>) -> Vec<Event> {
        let facts = self.sentence_facts(input.dates);
        if facts.is_empty() {
            return Vec::new();
        }
        let title_sentences: Vec<usize> = match self.layout.title {
            Some(t) => (0..facts.len())
                .filter(|&s| t.contains(facts[s].span))
                .collect(),
            None => Vec::new(),
        };
        let body: Vec<usize> = (0..facts.len())
            .filter(|s| !title_sentences.contains(s))
            .collect();
        let best_kind = |s: usize| -> Option<EventKind> {
            facts[s]
                .triggers
                .iter()
                .map(|(k, _)| *k)
                .max_by_key(|k| events::strength(*k))
        };
        // The lead (first body sentence, not a bare dateline) reports the main event when it
        // says what happened or when; otherwise the first strong report close after it.
        let dateline = self.dateline_span();
        let lead: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&s| !dateline.is_some_and(|d| d.contains(facts[s].span)))
            .take(4)
            .collect();
        let usable_dates = |s: usize| -> Vec<DateMention> {
            facts[s]
                .dates
                .iter()
                .filter(|d| self.is_event_date(d, dateline))
                .copied()
                .collect()
        };
        let strong = |s: usize| best_kind(s).is_some_and(events::is_strong);
        let main_sentence = lead
            .first()
            .copied()
            .filter(|&first| strong(first) || !usable_dates(first).is_empty())
            .or_else(|| lead.iter().copied().find(|&s| strong(s)))
            .or_else(|| lead.iter().copied().find(|&s| !usable_dates(s).is_empty()))
            .or_else(|| lead.first().copied())
            .or_else(|| body.first().copied())
            .unwrap_or(0);
        let mut main_kind = best_kind(main_sentence).unwrap_or(EventKind::Other);
        // A headline may say it better ("… рекордтық деңгейге жетті").
        if let Some(k) = title_sentences
            .iter()
            .filter_map(|&s| best_kind(s))
            .max_by_key(|k| events::strength(*k))
            && strength(k) > strength(main_kind)
            && !matches!(
                main_kind,
                EventKind::Meeting | EventKind::Visit | EventKind::Agreement
            )
        {
            main_kind = k;
        }
        let mut main_sentences = vec![main_sentence];
        if strength(main_kind) <= strength(EventKind::Talks) {
            // "discussions" in the lead, "a rencontré" in the next sentences: a meeting.
            let pos = body.iter().position(|&s| s == main_sentence).unwrap_or(0);
            for &s in body.iter().skip(pos + 1).take(4) {
                if let Some(k) = best_kind(s)
                    && matches!(
                        k,
                        EventKind::Meeting
                            | EventKind::Visit
                            | EventKind::Agreement
                            | EventKind::Deal
                    )
                    && facts[s]
                        .dates
                        .iter()
                        .all(|d| d.relative || d.date.precision != Precision::Year)
                {
                    main_kind = k;
                    main_sentences.push(s);
                    break;
                }
            }
        }
        // Main date: a date in the main sentences, else the publication's.
        let mut main_date = main_sentences
            .iter()
            .flat_map(|&s| usable_dates(s))
            .min_by_key(|d| precision_rank(d.date.precision))
            .map(|d| d.date)
            .or_else(|| {
                // "… began in Zhanaozen. The ceremony took place on 3 September": a day
                // given in the next sentences, shortly before publication.
                let pos = lead.iter().position(|&s| s == main_sentence)?;
                let published = self.published?;
                lead.iter()
                    .skip(pos + 1)
                    .take(2)
                    .flat_map(|&s| usable_dates(s))
                    .map(|d| d.date)
                    .find(|d| {
                        matches!(d.precision, Precision::Day | Precision::Range)
                            && d.end <= published.end
                            && d.start + chrono::Duration::days(31) >= published.start
                    })
            })
            .or(self.published);
        // Refine a week or month with a day-precise mention of the same kind of event.
        if let Some(date) = main_date
            && date.precision != Precision::Day
        {
            for (s, f) in facts.iter().enumerate() {
                if main_sentences.contains(&s) {
                    continue;
                }
                if !f.triggers.iter().any(|(k, _)| *k == main_kind) {
                    continue;
                }
                if let Some(d) = f.dates.iter().find(|d| {
                    d.date.precision == Precision::Day
                        && date.start <= d.date.start
                        && d.date.end <= date.end
                }) {
                    main_date = Some(d.date);
                    main_sentences.push(s);
                    break;
                }
            }
        }

        // Other dated facts.
        let mut others: Vec<(EventKind, DateRange, Vec<usize>)> = Vec::new();
        for (s, f) in facts.iter().enumerate() {
            if main_sentences.contains(&s) || title_sentences.contains(&s) || f.triggers.is_empty()
            {
                continue;
            }
            for d in f.dates.iter().filter(|d| self.is_event_date(d, dateline)) {
                // The trigger nearest to the date says what happened then.
                let date_token = self.token_at(d.span.start);
                let Some(&(kind, _)) = f
                    .triggers
                    .iter()
                    .min_by_key(|(_, t)| (*t as isize - date_token as isize).unsigned_abs())
                else {
                    continue;
                };
                let same_as_main = Some(d.date) == main_date && kind == main_kind;
                if same_as_main {
                    main_sentences.push(s);
                    continue;
                }
                match others
                    .iter_mut()
                    .find(|(k, dd, _)| *k == kind && *dd == d.date)
                {
                    Some(o) => {
                        if !o.2.contains(&s) {
                            o.2.push(s);
                        }
                    }
                    None => others.push((kind, d.date, vec![s])),
                }
            }
        }

        let other_sentences: Vec<usize> = others.iter().flat_map(|o| o.2.iter().copied()).collect();
        let spans_of = |sentences: &[usize]| -> Vec<Span> {
            sentences.iter().map(|&s| facts[s].span).collect()
        };
        let main_exclusive = |mentions: &[Span]| -> bool {
            // Everything not mentioned only in other events' sentences belongs to the main one.
            mentions
                .iter()
                .any(|m| !other_sentences.iter().any(|&s| facts[s].span.contains(*m)))
        };
        let mut events_out = Vec::new();
        let main_span = facts[main_sentence].span;
        let main_places: Vec<String> = {
            let event_places: Vec<&Place> = input
                .places
                .iter()
                .filter(|p| p.role == PlaceRole::Event && main_exclusive(&p.mentions))
                .collect();
            if event_places.is_empty() {
                let spans = spans_of(&main_sentences);
                input
                    .places
                    .iter()
                    .filter(|p| {
                        p.role != PlaceRole::Dateline
                            && p.mentions
                                .iter()
                                .any(|m| spans.iter().any(|s| s.contains(*m)))
                    })
                    .map(|p| p.name.clone())
                    .collect()
            } else {
                event_places.iter().map(|p| p.name.clone()).collect()
            }
        };
        let main_title = self
            .publication
            .title
            .clone()
            .or_else(|| {
                self.layout
                    .title
                    .map(|t| events::clip_title(t.slice(self.text), 100))
            })
            .unwrap_or_else(|| events::clip_title(self.strip_dateline(main_span), 100));
        let (organizations, people) = actors_where(input, |m| main_exclusive(m));
        events_out.push(Event {
            main: true,
            date: main_date,
            kind: main_kind,
            title: main_title,
            places: main_places,
            countries: self.event_countries(input, |m| main_exclusive(m), &[]),
            organizations,
            people,
            evidence: main_span,
        });
        for (kind, date, sentences) in others {
            let spans = spans_of(&sentences);
            let within = |mentions: &[Span]| {
                mentions
                    .iter()
                    .any(|m| spans.iter().any(|s| s.contains(*m)))
            };
            let places: Vec<&Place> = input
                .places
                .iter()
                .filter(|p| p.role != PlaceRole::Dateline && within(&p.mentions))
                .collect();
            let place_countries: Vec<String> =
                places.iter().filter_map(|p| p.country.clone()).collect();
            let (organizations, people) = actors_where(input, within);
            events_out.push(Event {
                main: false,
                date: Some(date),
                kind,
                title: events::clip_title(facts[sentences[0]].span.slice(self.text), 100),
                places: places.iter().map(|p| p.name.clone()).collect(),
                countries: self.event_countries(input, within, &place_countries),
                organizations,
                people,
                evidence: facts[sentences[0]].span,
            });
        }
        events_out
    }

    /// The publisher's dateline at the head of the first paragraph ("MOSCOW, Feb 18 (Reuters)
    /// -", "ASHGABAT, Turkmenistan, March 21.", "JAKARTA -"): its date is the publication's.
    fn dateline_span(&self) -> Option<Span> {
        let para = self
            .layout
            .story
            .iter()
            .find(|p| Some(**p) != self.layout.title)?;
        let body = para.slice(self.text);
        let first_word: String = body.chars().take_while(|c| c.is_alphabetic()).collect();
        let n = first_word.chars().count();
        if n < 3 {
            return None;
        }
        let all_caps = first_word.chars().all(char::is_uppercase);
        // "Astana (dpa) - …": a capitalised city with an agency in brackets.
        let agency = first_word.chars().next().is_some_and(char::is_uppercase)
            && body[first_word.len()..].trim_start().starts_with('(');
        if !all_caps && !agency {
            return None;
        }
        let head: String = body.chars().take(90).collect();
        let dash = [" - ", " – ", " — ", " -- "]
            .iter()
            .filter_map(|sep| head.find(sep).map(|i| i + sep.len()))
            .min();
        let end = match dash {
            Some(end) => end,
            None if all_caps => head.find(". ").map(|i| i + 2)?,
            None => return None,
        };
        Some(Span::new(para.start, para.start + end))
    }

    /// Dates that can be an event's: not the dateline's, not a target year ("до 2030 года").
    fn is_event_date(&self, d: &DateMention, dateline: Option<Span>) -> bool {
        if dateline.is_some_and(|s| s.contains(d.span)) {
            return false;
        }
        let future_year = matches!(d.date.precision, Precision::Year | Precision::Range)
            && self
                .published
                .is_some_and(|p| d.date.end > p.end + chrono::Duration::days(366));
        !future_year
    }

    fn event_countries(
        &self,
        input: &EventInputs<'_>,
        within: impl Fn(&[Span]) -> bool,
        extra: &[String],
    ) -> Vec<String> {
        let mut codes: Vec<String> = input
            .countries
            .iter()
            .filter(|c| within(&c.mentions))
            .map(|c| c.code.clone())
            .collect();
        for e in extra {
            if !codes.contains(e) {
                codes.push(e.clone());
            }
        }
        codes
    }

    /// A sentence without a leading dateline ("JAKARTA - ", "ASHGABAT, Turkmenistan, March 21.").
    fn strip_dateline(&self, span: Span) -> &'a str {
        let s = span.slice(self.text);
        match self.dateline_span() {
            Some(d) if d.start == span.start && d.end < span.end => {
                Span::new(d.end, span.end).slice(self.text).trim_start()
            }
            _ => s,
        }
    }
}

/// Names of the organisations and people whose mentions `select` accepts.
fn actors_where(
    input: &EventInputs<'_>,
    select: impl Fn(&[Span]) -> bool,
) -> (Vec<String>, Vec<String>) {
    let organizations = input
        .organizations
        .iter()
        .filter(|o| select(&o.mentions))
        .map(|o| o.name.clone())
        .collect();
    let people = input
        .people
        .iter()
        .filter(|p| select(&p.mentions))
        .map(|p| p.name.clone())
        .collect();
    (organizations, people)
}

fn strength(kind: EventKind) -> u8 {
    events::strength(kind)
}

fn precision_rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Range => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    }
}

/// A point for a brief when it names no place: the first country's label point.
pub fn fallback_point(brief: &Brief, gazetteer: &Gazetteer) -> Option<GeoPoint> {
    brief
        .countries
        .first()
        .and_then(|c| gazetteer.country_by_code(&c.code))
        .map(|c| c.point)
}
