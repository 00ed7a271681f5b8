//! The extraction pipeline: the stages in order, passing one typed `Claims` value. Each stage
//! claims the tokens it used, so that a later stage does not read them again: names the
//! gazetteer knows first (organisations, countries, known people), then country adjectives,
//! organisations by pattern, people, places, dates, and last the assembled entities, events
//! and titles.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::gazetteer::Entity;
use crate::model::{Brief, Person, PlaceKind, Span};
use crate::text::tokens::TokenKind;

use super::dates::{self, DateMention, DateScan, Reference};
use super::document::{Document, mark};
use super::main_event::EventInputs;
use super::names::{self, NameMention};
use super::places::PlaceHit;
use super::{orgs, people, title};

/// An organisation the gazetteer knows, named outright: (entry, span, tokens).
pub(super) type OrgHit = (u32, Span, Range<usize>);
/// A country named outright: (entry, span, token).
pub(super) type CountryHit = (u16, Span, usize);
/// A country named by an adjective: (alpha-2, span, token).
pub(super) type AdjectiveHit = (String, Span, usize);

/// What the stages have found so far, and the tokens they used.
pub(super) struct Claims<'m> {
    pub(super) taken: Vec<bool>,
    pub(super) org_hits: Vec<OrgHit>,
    pub(super) country_hits: Vec<CountryHit>,
    pub(super) known_people: Vec<(u32, Range<usize>)>,
    pub(super) place_mentions: Vec<&'m NameMention>,
    pub(super) adjective_hits: Vec<AdjectiveHit>,
    pub(super) pattern_orgs: Vec<orgs::OrgFound>,
    pub(super) people: Vec<people::PersonFound>,
    pub(super) place_hits: Vec<PlaceHit>,
}

impl Claims<'_> {
    /// Countries named so far (outright or by adjective), by the token that names them.
    fn country_tokens(&self, doc: &Document<'_>) -> BTreeMap<usize, String> {
        self.country_hits
            .iter()
            .map(|(k, _, t)| (*t, doc.gazetteer.country(*k).code.clone()))
            .chain(self.adjective_hits.iter().map(|(c, _, t)| (*t, c.clone())))
            .collect()
    }
}

/// Runs every stage on `doc`.
pub(super) fn run(doc: &Document<'_>, file: PathBuf) -> Brief {
    let in_story = |i: usize| doc.in_story[i];
    let mentions = names::find_names(&doc.tokens, &doc.folded, &in_story, doc.gazetteer);
    let mut claims = Claims {
        taken: vec![false; doc.tokens.len()],
        org_hits: Vec::new(),
        country_hits: Vec::new(),
        known_people: Vec::new(),
        place_mentions: Vec::new(),
        adjective_hits: Vec::new(),
        pattern_orgs: Vec::new(),
        people: Vec::new(),
        place_hits: Vec::new(),
    };
    sort_known_names(doc, &mentions, &mut claims);
    countries_inside_names(doc, &mut claims);
    country_adjectives(doc, &mut claims);
    organizations_by_pattern(doc, &mut claims);
    find_people(doc, &mut claims);
    resolve_places(doc, &mut claims);
    let dates = find_dates(doc);
    assemble(doc, claims, &dates, file)
}

/// Stage 1: names the gazetteer knows — organisations, countries and known people are
/// claimed; place names wait for the countries that disambiguate them.
fn sort_known_names<'m>(doc: &Document<'_>, mentions: &'m [NameMention], claims: &mut Claims<'m>) {
    let g = doc.gazetteer;
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
    for m in mentions {
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
            claims.org_hits.push((k, m.span, m.tokens.clone()));
            mark(&mut claims.taken, m.tokens.clone());
        } else if let Some(k) = country {
            claims.country_hits.push((k, m.span, m.tokens.start));
            mark(&mut claims.taken, m.tokens.clone());
        } else if let (Some(k), false) = (person, strong_place) {
            claims.known_people.push((k, m.tokens.clone()));
            mark(&mut claims.taken, m.tokens.clone());
        } else if m.candidates.iter().any(|e| matches!(e, Entity::Place(_))) {
            claims.place_mentions.push(m);
        }
    }
}

/// Stage 2: country names inside organisation and route names ("Cabinet of Ministers of
/// Turkmenistan", "the Kazakhstan–Turkmenistan–Iran railway").
fn countries_inside_names(doc: &Document<'_>, claims: &mut Claims<'_>) {
    let g = doc.gazetteer;
    let inner_ranges: Vec<Range<usize>> = claims
        .org_hits
        .iter()
        .map(|(_, _, r)| r.clone())
        .chain(
            claims
                .place_mentions
                .iter()
                .filter(|m| m.words > 1)
                .map(|m| m.tokens.clone()),
        )
        .collect();
    for k in inner_ranges.into_iter().flatten() {
        if !doc.in_story[k]
            || doc.tokens[k].kind != TokenKind::Word
            || !doc.tokens[k].is_capitalized()
        {
            continue;
        }
        let word = &doc.folded[k];
        let country = std::iter::once(word.clone())
            .chain(names::base_forms(word))
            .find_map(|key| {
                g.lookup(&key).iter().find_map(|e| match e {
                    Entity::Country(c) => Some(*c),
                    _ => None,
                })
            });
        if let Some(c) = country {
            claims.country_hits.push((c, doc.tokens[k].span, k));
        }
    }
}

/// Stage 3: country adjectives (kazakho-turkmène, казахстанско-турецкого, Kazakh).
fn country_adjectives(doc: &Document<'_>, claims: &mut Claims<'_>) {
    for i in 0..doc.tokens.len() {
        if !doc.in_story[i] || claims.taken[i] || doc.tokens[i].kind != TokenKind::Word {
            continue;
        }
        if let [code] = doc.gazetteer.adjective(&doc.folded[i]).as_slice() {
            claims
                .adjective_hits
                .push((code.to_string(), doc.tokens[i].span, i));
        }
    }
}

/// Stage 4: organisations by pattern (ministries, «quoted» companies, names ending with a
/// head noun, misspellings of known names).
fn organizations_by_pattern(doc: &Document<'_>, claims: &mut Claims<'_>) {
    let g = doc.gazetteer;
    let country_tokens = claims.country_tokens(doc);
    let taken = &claims.taken;
    let usable = |i: usize| doc.in_story[i] && !taken[i];
    let country_at = |i: usize| country_tokens.get(&i).cloned();
    let story = |i: usize| doc.in_story[i];
    let mut found = orgs::find_orgs(&orgs::OrgInput {
        text: doc.text,
        tokens: &doc.tokens,
        folded: &doc.folded,
        usable: &usable,
        story: &story,
        gazetteer: g,
        country_at: &country_at,
    });
    // A subsidiary's legal name takes in the known names inside it.
    claims.org_hits.retain(|(_, _, tokens)| {
        !found
            .iter()
            .any(|o| o.tokens.start <= tokens.start && tokens.end <= o.tokens.end)
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
    for o in &mut found {
        if let Some(code) = &main_country {
            orgs::settle_ministry_country(o, code, g);
        }
        mark(&mut claims.taken, o.tokens.clone());
    }
    claims.pattern_orgs = found;
    defined_acronyms(doc, claims);
}

/// Acronyms defined in brackets after an organisation's name ("Turkish Petroleum
/// Corporation (TPAO)", "Office of Foreign Assets Control (OFAC)") name it wherever they stand;
/// a run of capitalised words whose initials spell the acronym is an organisation.
fn defined_acronyms(doc: &Document<'_>, claims: &mut Claims<'_>) {
    let g = doc.gazetteer;
    let tokens = &doc.tokens;
    let mut defined: Vec<(String, orgs::OrgFound)> = Vec::new();
    let named: Vec<(Range<usize>, orgs::OrgFound)> = claims
        .org_hits
        .iter()
        .map(|(k, span, range)| {
            let entry = &g.organizations[*k as usize];
            (
                range.clone(),
                orgs::OrgFound {
                    name: entry.name.clone(),
                    span: *span,
                    tokens: range.clone(),
                    known: Some(*k),
                    kind: crate::model::OrgKind::from_table(&entry.kind),
                    country: entry.country.clone(),
                },
            )
        })
        .chain(
            claims
                .pattern_orgs
                .iter()
                .map(|o| (o.tokens.clone(), o.clone())),
        )
        .collect();
    for (range, org) in &named {
        if let Some((acronym, _)) = orgs::acronym_after(tokens, range.end)
            && !defined.iter().any(|(a, _)| *a == acronym)
        {
            defined.push((acronym, org.clone()));
        }
    }
    // "Boru Hatları ile Petrol Taşıma AŞ (BOTAŞ)": a name found by pattern, followed by a known
    // organisation's acronym, is that organisation.
    let known_after: Vec<(usize, orgs::OrgFound)> = claims
        .pattern_orgs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.known.is_none())
        .filter_map(|(i, o)| {
            let (_, brackets) = orgs::acronym_after(tokens, o.tokens.end)?;
            let inner = brackets.start + 1;
            named
                .iter()
                .find(|(range, other)| range.start == inner && other.known.is_some())
                .map(|(_, other)| (i, other.clone()))
        })
        .collect();
    for (i, known) in known_after {
        let o = &mut claims.pattern_orgs[i];
        o.name = known.name;
        o.known = known.known;
        o.kind = known.kind;
        o.country = known.country;
    }
    // An undefined acronym after capitalised words with the same initials.
    for k in 0..tokens.len() {
        let Some((acronym, _)) = orgs::acronym_after(tokens, k) else {
            continue;
        };
        if defined.iter().any(|(a, _)| *a == acronym) || k == 0 || !doc.in_story[k - 1] {
            continue;
        }
        if let Some(org) = initials_org(doc, k, &acronym, &claims.taken) {
            mark(&mut claims.taken, org.tokens.clone());
            defined.push((acronym, org.clone()));
            claims.pattern_orgs.push(org);
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if !doc.in_story[i] || claims.taken[i] || t.kind != TokenKind::Word {
            continue;
        }
        if let Some((_, org)) = defined.iter().find(|(a, _)| *a == t.text) {
            claims.pattern_orgs.push(orgs::OrgFound {
                span: t.span,
                tokens: i..i + 1,
                ..org.clone()
            });
            claims.taken[i] = true;
        }
    }
}

/// The capitalised words just before token `end` whose initials spell `acronym` (connectors
/// such as "of" may be skipped), as an organisation.
fn initials_org(
    doc: &Document<'_>,
    end: usize,
    acronym: &str,
    taken: &[bool],
) -> Option<orgs::OrgFound> {
    let letters: Vec<char> = acronym.to_lowercase().chars().collect();
    let mut start = end;
    let mut initials: Vec<char> = Vec::new();
    let mut k = end;
    while k > 0 && initials.len() < letters.len() + 3 {
        k -= 1;
        let t = &doc.tokens[k];
        if !doc.in_story[k] || taken[k] {
            break;
        }
        if t.kind == TokenKind::Word && t.is_capitalized() {
            initials.insert(0, t.text.chars().next()?.to_lowercase().next()?);
            start = k;
        } else if !(t.kind == TokenKind::Word
            && crate::lexicon::any_has(|l| l.organizations.name_connectors, &doc.folded[k])
            || t.kind == TokenKind::Joiner)
        {
            break;
        }
        if initials == letters {
            // A project, a route or a benchmark is no organisation ("Future Growth Project
            // (FGP)", "Baku-Tbilisi-Ceyhan (BTC)"): the run needs a head noun, and may not end
            // with a word that says otherwise.
            let words: Vec<&str> = (start..end)
                .filter(|&w| doc.tokens[w].kind == TokenKind::Word)
                .map(|w| doc.folded[w].as_str())
                .collect();
            let has_head = words
                .iter()
                .any(|w| crate::lexicon::all_of(|l| l.organizations.heads).any(|(h, _)| h == w));
            let ends_wrong = words
                .last()
                .is_some_and(|w| crate::lexicon::any_has(|l| l.organizations.not_org_endings, w));
            if !has_head || ends_wrong {
                return None;
            }
            let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
            return Some(orgs::OrgFound {
                name: span.slice(doc.text).to_string(),
                span,
                tokens: start..end,
                known: None,
                kind: crate::model::OrgKind::Other,
                country: None,
            });
        }
    }
    None
}

/// Stage 5: people, known and unknown, with their roles.
fn find_people(doc: &Document<'_>, claims: &mut Claims<'_>) {
    let taken = &claims.taken;
    let usable = |i: usize| doc.in_story[i] && !taken[i];
    let found = people::find_people(&people::PeopleInput {
        text: doc.text,
        tokens: &doc.tokens,
        folded: &doc.folded,
        usable: &usable,
        lang: doc.lang.as_deref(),
        gazetteer: doc.gazetteer,
        known: std::mem::take(&mut claims.known_people),
    });
    for p in &found {
        for r in &p.token_ranges {
            mark(&mut claims.taken, r.clone());
        }
    }
    claims.people = found;
}

/// Stage 6: places, disambiguated with the countries the brief names.
fn resolve_places(doc: &Document<'_>, claims: &mut Claims<'_>) {
    let mut mentioned: Vec<String> = claims.country_tokens(doc).into_values().collect();
    mentioned.sort();
    mentioned.dedup();
    for m in std::mem::take(&mut claims.place_mentions) {
        if m.tokens.clone().any(|i| claims.taken[i]) {
            continue;
        }
        if let Some(entry) = doc.choose_place(m, &mentioned) {
            claims.place_hits.push(PlaceHit {
                entry,
                span: m.span,
                token: m.tokens.start,
                tokens_end: m.tokens.end,
            });
            mark(&mut claims.taken, m.tokens.clone());
        }
    }
}

/// Stage 7: dates in the story, resolved against the publication date; a date that speaks
/// of the future (its sentence has a word of the future, and the word of a tense that governs
/// it is one) resolves its weekdays and months forwards.
fn find_dates(doc: &Document<'_>) -> DateScan {
    let reference = doc.published.map(|published| Reference { published });
    // Per sentence, the words that set a tense: (token, is the future).
    let mut tenses: Vec<Vec<(usize, bool)>> = vec![Vec::new(); doc.sentences.len()];
    for (i, &s) in doc.token_sentence.iter().enumerate() {
        if s == usize::MAX {
            continue;
        }
        if dates::is_future_marker(&doc.folded[i]) {
            tenses[s].push((i, true));
        } else if dates::is_past_marker(&doc.folded[i]) {
            tenses[s].push((i, false));
        }
    }
    let has_future: Vec<bool> = tenses.iter().map(|w| w.iter().any(|(_, f)| *f)).collect();
    let future = |i: usize| {
        let Some(&s) = doc.token_sentence.get(i) else {
            return false;
        };
        let (Some(words), Some(true)) = (tenses.get(s), has_future.get(s).copied()) else {
            return false;
        };
        // The nearest word of a tense before the date decides ("began on Friday"), else the
        // nearest after it ("в пятницу начала", "Salı günü görüştü"). The words are in token
        // order, so both are found by bisection.
        let after = words.partition_point(|(t, _)| *t <= i);
        let before = words[..after].iter().rev().find(|(t, _)| *t < i);
        before
            .or_else(|| words.get(after))
            .is_some_and(|(_, future)| *future)
    };
    let mut scan = dates::find_dates(&doc.tokens, reference, &future);
    scan.dates.retain(|d| doc.layout.is_story(d.span));
    scan.impossible.retain(|d| doc.layout.is_story(d.span));
    scan
}

/// Stage 8: the brief — entities with their mentions, events, titles and problems.
fn assemble(doc: &Document<'_>, claims: Claims<'_>, scan: &DateScan, file: PathBuf) -> Brief {
    let dates: &[DateMention] = &scan.dates;
    let (route_places, place_hits) = doc.routes(claims.place_hits);
    let dateline = doc.dateline(&place_hits);
    let mut places = doc.build_places(&place_hits, dateline);
    places.extend(route_places);
    places.sort_by_key(|p| p.mentions.first().copied());
    let countries = doc.build_countries(
        &claims.country_hits,
        &claims.adjective_hits,
        &claims.pattern_orgs,
        &claims.org_hits,
    );
    let organizations = doc.build_orgs(&claims.org_hits, &claims.pattern_orgs);
    let people: Vec<Person> = claims
        .people
        .iter()
        .map(|p| Person {
            name: p.name.clone(),
            role: p.role.clone(),
            mentions: p.mentions.clone(),
        })
        .collect();
    let events = doc.build_events(&EventInputs {
        places: &places,
        countries: &countries,
        organizations: &organizations,
        people: &people,
        dates,
    });
    let title = title::brief_title(doc, &events, &file);
    let mut problems = Vec::new();
    if doc.layout.story.is_empty() {
        problems.push("no story text found (only page furniture)".to_string());
    }
    if doc.lang.is_none() {
        problems.push("the language could not be identified".to_string());
    }
    if doc.published.is_none() {
        problems.push("no publication date: relative dates cannot be resolved".to_string());
    }
    for impossible in &scan.impossible {
        problems.push(format!(
            "'{}' is no date ({}); left off the timeline",
            impossible.span.slice(doc.text),
            impossible.reason
        ));
    }
    Brief {
        file,
        language: doc.lang.clone(),
        title,
        published: doc.published,
        source: doc
            .publication
            .source
            .clone()
            .or_else(|| doc.credited_source(&organizations)),
        url: doc.publication.url.clone(),
        places,
        countries,
        organizations,
        people,
        events,
        problems,
        text: Arc::from(doc.text),
        story: doc.layout.story.clone(),
    }
}
