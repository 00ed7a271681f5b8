//! The gazetteer: places (GeoNames cities and our curated energy sites), countries,
//! organisations, known people, country adjectives, role titles, given names and stop words,
//! all embedded in the binary and indexed by folded name for extraction.

pub mod tsv;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use crate::model::{GeoPoint, PlaceKind};
use crate::text::fold::{fold, name_skeleton};
use tsv::{Table, TsvError};

const CITIES: &str = include_str!("../../../../data/gazetteer/cities.tsv");
const COUNTRIES: &str = include_str!("../../../../data/gazetteer/countries.tsv");
const SITES: &str = include_str!("../../../../data/gazetteer/sites.tsv");
const EXTRA_NAMES: &str = include_str!("../../../../data/gazetteer/extra_names.tsv");
const ORGANIZATIONS: &str = include_str!("../../../../data/gazetteer/organizations.tsv");
const PEOPLE: &str = include_str!("../../../../data/gazetteer/people.tsv");
const ADJECTIVES: &str = include_str!("../../../../data/gazetteer/country_adjectives.tsv");
const ROLES: &str = include_str!("../../../../data/gazetteer/roles.tsv");
const GIVEN_NAMES: &str = include_str!("../../../../data/gazetteer/given_names.tsv");
const STOPWORDS: &str = include_str!("../../../../data/gazetteer/stopwords.tsv");
const AMBIGUOUS: &str = include_str!("../../../../data/gazetteer/ambiguous_names.tsv");

/// Longest name, in words, that extraction tries to match.
pub const MAX_NAME_WORDS: usize = 7;

/// What a folded name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Place(u32),
    Country(u16),
    Org(u32),
    Person(u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    pub name: String,
    pub point: GeoPoint,
    pub country: Option<String>,
    pub kind: PlaceKind,
    pub population: u64,
    pub route: Vec<GeoPoint>,
    /// From our own tables (energy sites etc.) rather than GeoNames.
    pub curated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountryEntry {
    pub code: String,
    pub name: String,
    pub point: GeoPoint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgEntry {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonEntry {
    pub name: String,
    pub country: Option<String>,
    pub role: Option<String>,
}

/// A place offered to the user (search, nearest).
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerHit {
    pub name: String,
    pub point: GeoPoint,
    pub country: Option<String>,
    pub kind: PlaceKind,
}

/// A role title ("председатель правления", "Vice-Minister").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleEntry {
    pub canonical: String,
    pub lang: String,
}

#[derive(Debug)]
pub struct Gazetteer {
    pub places: Vec<PlaceEntry>,
    pub countries: Vec<CountryEntry>,
    pub organizations: Vec<OrgEntry>,
    pub people: Vec<PersonEntry>,
    /// Folded name → what it may refer to (most names have one referent: kept inline).
    names: FxHashMap<String, SmallVec<[Entity; 2]>>,
    country_index: FxHashMap<String, u16>,
    adjective_words: FxHashMap<String, Vec<(String, String)>>,
    adjective_prefixes: FxHashMap<String, Vec<(String, String, String)>>,
    role_words: FxHashMap<String, RoleEntry>,
    role_prefixes: FxHashMap<String, Vec<(String, RoleEntry)>>,
    given_names: FxHashSet<String>,
    stopwords: FxHashMap<String, Vec<String>>,
    ambiguous: FxHashSet<String>,
    /// For the first word of every name of several words, the most words such a name has.
    longest_from: FxHashMap<String, usize>,
    /// One-word organisation names (folded), for tolerant matching of misspellings.
    org_words: Vec<(String, u32)>,
    /// People by the skeleton of each of their full names (`text::fold::name_skeleton`).
    person_skeletons: FxHashMap<String, Vec<u32>>,
    /// How long building this gazetteer took.
    pub build_time: Duration,
}

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

/// Key of the prefix buckets: the first three characters of a folded word.
fn bucket(word: &str) -> String {
    word.chars().take(3).collect()
}

impl Gazetteer {
    /// The gazetteer built from the data embedded in the binary (built once, on first use).
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            // The embedded tables are checked by tests; a broken build of them must not take
            // the app down, so fall back to an empty gazetteer with a message.
            Gazetteer::from_tables(&Tables::bundled()).unwrap_or_else(|err| {
                eprintln!("briefmap: the bundled gazetteer is broken: {err}");
                Gazetteer::empty()
            })
        })
    }

    /// The bundled gazetteer if it has been built already (never blocks: for the UI thread,
    /// while a worker builds it).
    pub fn bundled_if_ready() -> Option<&'static Gazetteer> {
        BUNDLED.get()
    }

    fn empty() -> Gazetteer {
        Gazetteer {
            places: Vec::new(),
            countries: Vec::new(),
            organizations: Vec::new(),
            people: Vec::new(),
            names: FxHashMap::default(),
            country_index: FxHashMap::default(),
            adjective_words: FxHashMap::default(),
            adjective_prefixes: FxHashMap::default(),
            role_words: FxHashMap::default(),
            role_prefixes: FxHashMap::default(),
            given_names: FxHashSet::default(),
            stopwords: FxHashMap::default(),
            ambiguous: FxHashSet::default(),
            longest_from: FxHashMap::default(),
            org_words: Vec::new(),
            person_skeletons: FxHashMap::default(),
            build_time: Duration::ZERO,
        }
    }

    /// Builds a gazetteer from table texts.
    pub fn from_tables(tables: &Tables<'_>) -> Result<Gazetteer, TsvError> {
        let started = Instant::now();
        let mut g = Gazetteer::empty();
        g.load_countries(tables.countries)?;
        g.load_cities(tables.cities)?;
        g.load_sites(tables.sites)?;
        g.load_extra_names(tables.extra_names)?;
        g.load_organizations(tables.organizations)?;
        g.load_people(tables.people)?;
        g.load_adjectives(tables.adjectives)?;
        g.load_roles(tables.roles)?;
        let given = Table::parse("given_names", tables.given_names)?;
        let col = given.column("name")?;
        g.given_names = given
            .rows()
            .map(|r| fold(r.get(col)))
            .filter(|n| !n.is_empty())
            .collect();
        let stop = Table::parse("stopwords", tables.stopwords)?;
        let (lang, word) = (stop.column("lang")?, stop.column("word")?);
        for row in stop.rows() {
            g.stopwords
                .entry(fold(row.get(word)))
                .or_default()
                .push(row.get(lang).to_string());
        }
        let amb = Table::parse("ambiguous_names", tables.ambiguous)?;
        let col = amb.column("name")?;
        g.ambiguous = amb.rows().map(|r| fold(r.get(col))).collect();
        g.index_first_words();
        g.build_time = started.elapsed();
        Ok(g)
    }

    fn index_first_words(&mut self) {
        let mut longest: FxHashMap<String, usize> = FxHashMap::default();
        for key in self.names.keys() {
            if let Some((first, _)) = key.split_once(' ') {
                let words = key.split(' ').count();
                let slot = longest.entry(first.to_string()).or_insert(0);
                *slot = (*slot).max(words);
            }
        }
        self.longest_from = longest;
    }

    /// The most words a name starting with the folded word `first` has (1 when no name of
    /// several words starts with it).
    pub fn longest_name_from(&self, first: &str) -> usize {
        self.longest_from.get(first).copied().unwrap_or(1)
    }

    fn add_name(&mut self, name: &str, entity: Entity) {
        let key = fold(name);
        if key.is_empty() {
            return;
        }
        let entry = self.names.entry(key).or_default();
        if !entry.contains(&entity) {
            entry.push(entity);
        }
    }

    fn load_countries(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("countries", text)?;
        let (code, name, lat, lon, names) = (
            t.column("code")?,
            t.column("name")?,
            t.column("lat")?,
            t.column("lon")?,
            t.column("names")?,
        );
        for row in t.rows() {
            let index = self.countries.len() as u16;
            let entry = CountryEntry {
                code: row.get(code).to_uppercase(),
                name: row.get(name).to_string(),
                point: GeoPoint::new(row.f64(lat).unwrap_or(0.0), row.f64(lon).unwrap_or(0.0)),
            };
            self.add_name(&entry.name, Entity::Country(index));
            for alias in row.list(names) {
                self.add_name(alias, Entity::Country(index));
            }
            self.country_index.insert(entry.code.clone(), index);
            self.countries.push(entry);
        }
        Ok(())
    }

    fn load_cities(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("cities", text)?;
        let (name, lat, lon, country, population, kind, names) = (
            t.column("name")?,
            t.column("lat")?,
            t.column("lon")?,
            t.column("country")?,
            t.column("population")?,
            t.column("kind")?,
            t.column("names")?,
        );
        // Parse and fold rows in parallel (folding ~400k names is most of the start-up cost),
        // then index them in order so the result does not depend on scheduling.
        let lines: Vec<tsv::Row<'_>> = t.rows().collect();
        let parsed: Vec<Option<(PlaceEntry, Vec<String>)>> = lines
            .par_iter()
            .map(|row| {
                let (Some(la), Some(lo)) = (row.f64(lat), row.f64(lon)) else {
                    return None;
                };
                let entry = PlaceEntry {
                    name: row.get(name).to_string(),
                    point: GeoPoint::new(la, lo),
                    country: non_empty(row.get(country)).map(str::to_uppercase),
                    kind: PlaceKind::parse(row.get(kind)).unwrap_or(PlaceKind::City),
                    population: row.get(population).parse().unwrap_or(0),
                    route: Vec::new(),
                    curated: false,
                };
                let mut keys: Vec<String> = std::iter::once(entry.name.as_str())
                    .chain(row.list(names))
                    .map(fold)
                    .filter(|k| !k.is_empty())
                    .collect();
                keys.sort_unstable();
                keys.dedup();
                Some((entry, keys))
            })
            .collect();
        self.places.reserve(parsed.len() + 1_000);
        self.names.reserve(parsed.len() * 8);
        for (entry, keys) in parsed.into_iter().flatten() {
            let index = self.places.len() as u32;
            for key in keys {
                let slot = self.names.entry(key).or_default();
                if !slot.contains(&Entity::Place(index)) {
                    slot.push(Entity::Place(index));
                }
            }
            self.places.push(entry);
        }
        Ok(())
    }

    fn load_sites(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("sites", text)?;
        let (name, lat, lon, country, kind, names) = (
            t.column("name")?,
            t.column("lat")?,
            t.column("lon")?,
            t.column("country")?,
            t.column("kind")?,
            t.column("names")?,
        );
        let route = t.optional_column("route");
        for row in t.rows() {
            let (Some(la), Some(lo)) = (row.f64(lat), row.f64(lon)) else {
                continue;
            };
            let index = self.places.len() as u32;
            let entry = PlaceEntry {
                name: row.get(name).to_string(),
                point: GeoPoint::new(la, lo),
                country: non_empty(row.get(country)).map(str::to_uppercase),
                kind: PlaceKind::parse(row.get(kind)).unwrap_or(PlaceKind::Other),
                population: 0,
                route: parse_route(row.get_opt(route)),
                curated: true,
            };
            self.add_name(&entry.name, Entity::Place(index));
            for alias in row.list(names) {
                self.add_name(alias, Entity::Place(index));
            }
            self.places.push(entry);
        }
        Ok(())
    }

    fn load_extra_names(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("extra_names", text)?;
        let (name, country, names) = (t.column("name")?, t.column("country")?, t.column("names")?);
        for row in t.rows() {
            let wanted = row.get(name);
            let code = row.get(country).to_uppercase();
            let found = self
                .places
                .iter()
                .position(|p| p.name == wanted && p.country.as_deref() == Some(code.as_str()));
            if let Some(index) = found {
                for alias in row.list(names) {
                    self.add_name(alias, Entity::Place(index as u32));
                }
            }
        }
        Ok(())
    }

    fn load_organizations(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("organizations", text)?;
        let (name, kind, country, aliases) = (
            t.column("name")?,
            t.column("kind")?,
            t.column("country")?,
            t.column("aliases")?,
        );
        for row in t.rows() {
            // A supranational union with its own code (the EU) is reported as a country.
            let code = row.get(country).to_uppercase();
            if row.get(kind) == "international"
                && code.len() == 2
                && !self.country_index.contains_key(&code)
                && row.get(name) == "European Union"
            {
                let index = self.countries.len() as u16;
                self.countries.push(CountryEntry {
                    code: code.clone(),
                    name: row.get(name).to_string(),
                    point: GeoPoint::new(50.85, 4.35),
                });
                self.country_index.insert(code, index);
                for alias in std::iter::once(row.get(name)).chain(row.list(aliases)) {
                    self.add_name(alias, Entity::Country(index));
                }
                continue;
            }
            let index = self.organizations.len() as u32;
            let entry = OrgEntry {
                name: row.get(name).to_string(),
                kind: row.get(kind).to_string(),
                country: non_empty(row.get(country)).map(str::to_uppercase),
            };
            for alias in std::iter::once(entry.name.as_str()).chain(row.list(aliases)) {
                self.add_name(alias, Entity::Org(index));
                let folded = fold(alias);
                if !folded.contains(' ') && folded.chars().count() >= 6 {
                    self.org_words.push((folded, index));
                }
            }
            self.organizations.push(entry);
        }
        Ok(())
    }

    fn load_people(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("people", text)?;
        let (name, country, role, aliases) = (
            t.column("name")?,
            t.column("country")?,
            t.column("role")?,
            t.column("aliases")?,
        );
        for row in t.rows() {
            let index = self.people.len() as u32;
            let entry = PersonEntry {
                name: row.get(name).to_string(),
                country: non_empty(row.get(country)).map(str::to_uppercase),
                role: non_empty(row.get(role)).map(str::to_string),
            };
            for alias in std::iter::once(entry.name.as_str()).chain(row.list(aliases)) {
                self.add_name(alias, Entity::Person(index));
                if alias.contains(' ') || alias.contains('-') {
                    let ids = self
                        .person_skeletons
                        .entry(name_skeleton(alias))
                        .or_default();
                    if !ids.contains(&index) {
                        ids.push(index);
                    }
                }
                // Names run together by a typo ("Yuriushakov") still find the person.
                let folded = fold(alias);
                if folded.contains(' ') {
                    let joined: String = folded.split(' ').collect();
                    self.names
                        .entry(joined)
                        .or_default()
                        .push(Entity::Person(index));
                }
            }
            self.people.push(entry);
        }
        Ok(())
    }

    fn load_adjectives(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("country_adjectives", text)?;
        let (code, lang, form, kind) = (
            t.column("code")?,
            t.column("lang")?,
            t.column("form")?,
            t.column("match")?,
        );
        for row in t.rows() {
            let folded = fold(row.get(form));
            if folded.is_empty() {
                continue;
            }
            let value = (row.get(code).to_uppercase(), row.get(lang).to_string());
            if row.get(kind) == "prefix" {
                self.adjective_prefixes
                    .entry(bucket(&folded))
                    .or_default()
                    .push((folded, value.0, value.1));
            } else {
                self.adjective_words.entry(folded).or_default().push(value);
            }
        }
        for list in self.adjective_prefixes.values_mut() {
            list.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
        }
        Ok(())
    }

    fn load_roles(&mut self, text: &str) -> Result<(), TsvError> {
        let t = Table::parse("roles", text)?;
        let (lang, form, kind, canonical) = (
            t.column("lang")?,
            t.column("form")?,
            t.column("match")?,
            t.column("canonical")?,
        );
        for row in t.rows() {
            let folded = fold(row.get(form));
            if folded.is_empty() {
                continue;
            }
            let entry = RoleEntry {
                canonical: row.get(canonical).to_string(),
                lang: row.get(lang).to_string(),
            };
            if row.get(kind) == "prefix" {
                self.role_prefixes
                    .entry(bucket(&folded))
                    .or_default()
                    .push((folded, entry));
            } else {
                self.role_words.insert(folded, entry);
            }
        }
        for list in self.role_prefixes.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        Ok(())
    }

    /// Everything a folded name may refer to.
    pub fn lookup(&self, folded: &str) -> &[Entity] {
        self.names.get(folded).map(|v| v.as_slice()).unwrap_or(&[])
    }

    pub fn place(&self, index: u32) -> &PlaceEntry {
        &self.places[index as usize]
    }

    pub fn country(&self, index: u16) -> &CountryEntry {
        &self.countries[index as usize]
    }

    pub fn country_by_code(&self, code: &str) -> Option<&CountryEntry> {
        self.country_index
            .get(&code.to_uppercase())
            .map(|&i| &self.countries[i as usize])
    }

    /// English name of a country by its alpha-2 code.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_by_code(code).map(|c| c.name.as_str())
    }

    /// The one known person whose full name, in some transliteration, is `name`.
    pub fn person_by_skeleton(&self, name: &str) -> Option<u32> {
        match self.person_skeletons.get(&name_skeleton(name))?.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Countries a folded word is the adjective of (exact forms, then stems), each once: the
    /// same form may be listed in several languages ("kazakh" in English and French).
    pub fn adjective(&self, folded_word: &str) -> Vec<&str> {
        let mut codes = self.adjective_codes(folded_word);
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    fn adjective_codes(&self, folded_word: &str) -> Vec<&str> {
        if let Some(list) = self.adjective_words.get(folded_word) {
            return list.iter().map(|(code, _)| code.as_str()).collect();
        }
        if let Some(list) = self.adjective_prefixes.get(&bucket(folded_word)) {
            // Longest matching stem wins; equally long stems of several countries all count.
            let mut best: Option<usize> = None;
            let mut out = Vec::new();
            for (prefix, code, _) in list {
                if folded_word.starts_with(prefix.as_str()) {
                    match best {
                        Some(len) if prefix.len() < len => break,
                        _ => {
                            best = Some(prefix.len());
                            out.push(code.as_str());
                        }
                    }
                }
            }
            return out;
        }
        Vec::new()
    }

    /// The one organisation whose one-word name is a single edit away from `folded_word`
    /// (Rostom → Rosatom); `None` when there is none or several.
    pub fn fuzzy_org(&self, folded_word: &str) -> Option<u32> {
        let n = folded_word.chars().count();
        if n < 6 {
            return None;
        }
        let (first, last) = (folded_word.chars().next(), folded_word.chars().next_back());
        let mut best = None;
        for (alias, org) in &self.org_words {
            // Cheap tests first. One edit changes the length by at most one character (four
            // bytes) and, in words this long, leaves the first or the last character as it was.
            if alias.len().abs_diff(folded_word.len()) > 4
                || (alias.chars().next() != first && alias.chars().next_back() != last)
                || alias.chars().count().abs_diff(n) > 1
            {
                continue;
            }
            if strsim::damerau_levenshtein(alias, folded_word) == 1 {
                match best {
                    Some(b) if b != *org => return None,
                    _ => best = Some(*org),
                }
            }
        }
        best
    }

    /// A role title for a folded word or phrase.
    pub fn role(&self, folded: &str) -> Option<&RoleEntry> {
        if let Some(role) = self.role_words.get(folded) {
            return Some(role);
        }
        // Stems match single words only ("председателя", "министром").
        if folded.contains(' ') {
            return None;
        }
        self.role_prefixes.get(&bucket(folded)).and_then(|list| {
            list.iter()
                .find(|(prefix, _)| folded.starts_with(prefix.as_str()))
                .map(|(_, role)| role)
        })
    }

    pub fn is_given_name(&self, folded: &str) -> bool {
        self.given_names.contains(folded)
    }

    /// Whether a folded word is a stop word in `lang` (or in any language when `None`).
    pub fn is_stopword(&self, folded: &str, lang: Option<&str>) -> bool {
        self.stopwords.get(folded).is_some_and(|langs| match lang {
            Some(lang) => langs.iter().any(|l| l == lang),
            None => true,
        })
    }

    /// Capitalised common words that are also place names somewhere.
    pub fn is_ambiguous(&self, folded: &str) -> bool {
        self.ambiguous.contains(folded)
    }

    /// Places whose names start with or contain the query, best first (for pickers).
    pub fn search(&self, query: &str, limit: usize) -> Vec<GazetteerHit> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: FxHashMap<u32, (u8, u64)> = FxHashMap::default();
        for (name, entities) in &self.names {
            let rank = if *name == q {
                0
            } else if name.starts_with(&q) {
                1
            } else if q.len() >= 3 && name.contains(&q) {
                2
            } else {
                continue;
            };
            for entity in entities {
                if let Entity::Place(i) = *entity {
                    let place = self.place(i);
                    let weight = place.population + if place.curated { 1_000_000 } else { 0 };
                    let slot = scored.entry(i).or_insert((rank, weight));
                    slot.0 = slot.0.min(rank);
                }
            }
        }
        let mut hits: Vec<(u32, (u8, u64))> = scored.into_iter().collect();
        hits.sort_by(|a, b| {
            a.1.0
                .cmp(&b.1.0)
                .then(b.1.1.cmp(&a.1.1))
                .then(a.0.cmp(&b.0))
        });
        hits.into_iter()
            .take(limit)
            .map(|(i, _)| self.hit(i))
            .collect()
    }

    /// The nearest place to a point within `max_km`, preferring larger places when close.
    pub fn nearest(&self, point: GeoPoint, max_km: f64) -> Option<GazetteerHit> {
        self.places
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.kind.is_route())
            .map(|(i, p)| (i, p.point.distance_km(point), p.population))
            .filter(|&(_, d, _)| d <= max_km)
            .min_by(|a, b| {
                let score = |(_, d, pop): &(usize, f64, u64)| {
                    d / (1.0 + (*pop as f64).log10().max(0.0) / 4.0)
                };
                score(a).total_cmp(&score(b))
            })
            .map(|(i, _, _)| self.hit(i as u32))
    }

    /// Cities to label on a map: (name, point, population), largest first.
    pub fn city_labels(&self, min_population: u64) -> Vec<(String, GeoPoint, u64)> {
        let mut out: Vec<(String, GeoPoint, u64)> = self
            .places
            .iter()
            .filter(|p| matches!(p.kind, PlaceKind::City | PlaceKind::Capital))
            .filter(|p| p.population >= min_population || p.kind == PlaceKind::Capital)
            .map(|p| (p.name.clone(), p.point, p.population))
            .collect();
        out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        out
    }

    fn hit(&self, index: u32) -> GazetteerHit {
        let p = self.place(index);
        GazetteerHit {
            name: p.name.clone(),
            point: p.point,
            country: p.country.clone(),
            kind: p.kind,
        }
    }
}

/// The texts of all gazetteer tables.
pub struct Tables<'a> {
    pub cities: &'a str,
    pub countries: &'a str,
    pub sites: &'a str,
    pub extra_names: &'a str,
    pub organizations: &'a str,
    pub people: &'a str,
    pub adjectives: &'a str,
    pub roles: &'a str,
    pub given_names: &'a str,
    pub stopwords: &'a str,
    pub ambiguous: &'a str,
}

impl Tables<'static> {
    pub fn bundled() -> Self {
        Tables {
            cities: CITIES,
            countries: COUNTRIES,
            sites: SITES,
            extra_names: EXTRA_NAMES,
            organizations: ORGANIZATIONS,
            people: PEOPLE,
            adjectives: ADJECTIVES,
            roles: ROLES,
            given_names: GIVEN_NAMES,
            stopwords: STOPWORDS,
            ambiguous: AMBIGUOUS,
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn parse_route(text: &str) -> Vec<GeoPoint> {
    text.split(';')
        .filter_map(|pair| {
            let (lat, lon) = pair.split_once(',')?;
            Some(GeoPoint::new(
                lat.trim().parse().ok()?,
                lon.trim().parse().ok()?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places_named<'g>(g: &'g Gazetteer, name: &str) -> Vec<&'g PlaceEntry> {
        g.lookup(&fold(name))
            .iter()
            .filter_map(|e| match e {
                Entity::Place(i) => Some(g.place(*i)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn one_edit_anywhere_in_a_long_word_finds_its_organisation() {
        let g = Gazetteer::bundled();
        let name = |word: &str| {
            g.fuzzy_org(word)
                .map(|i| g.organizations[i as usize].name.clone())
        };
        // An edit at the start, at the end, in the middle, a transposition, a missing and an
        // extra letter: all one edit from "rosatom".
        for word in [
            "xosatom", "rosatox", "rostom", "rosatmo", "orsatom", "rosattom",
        ] {
            assert_eq!(name(word).as_deref(), Some("Rosatom"), "{word}");
        }
        assert_eq!(name("xosatox"), None, "two edits");
        assert_eq!(name("rosa"), None, "too short");
    }

    #[test]
    fn the_bundled_tables_load() {
        let g = Gazetteer::from_tables(&Tables::bundled()).expect("bundled tables parse");
        assert!(g.places.len() > 30_000, "{}", g.places.len());
        assert!(g.countries.len() > 200);
    }

    #[test]
    fn spellings_of_ashgabat_meet() {
        let g = Gazetteer::bundled();
        for spelling in ["Ashgabat", "Achgabat", "Aşgabat", "Ашхабад", "Ashkhabad"] {
            let found = places_named(g, spelling);
            assert!(
                found
                    .iter()
                    .any(|p| p.name == "Ashgabat" && p.country.as_deref() == Some("TM")),
                "{spelling}: {found:?}"
            );
        }
    }

    #[test]
    fn search_and_nearest_find_places() {
        let g = Gazetteer::bundled();
        let hits = g.search("anka", 5);
        assert_eq!(hits.first().map(|h| h.name.as_str()), Some("Ankara"));
        let near = g.nearest(GeoPoint::new(39.93, 32.86), 30.0).unwrap();
        assert_eq!(near.name, "Ankara");
        assert!(g.nearest(GeoPoint::new(-60.0, -140.0), 50.0).is_none());
        assert_eq!(g.country_name("tm"), Some("Turkmenistan"));
    }

    #[test]
    fn routes_parse() {
        assert_eq!(
            parse_route("40.4,49.9; 41.7,44.8;bad"),
            [GeoPoint::new(40.4, 49.9), GeoPoint::new(41.7, 44.8)]
        );
    }
}
