//! The core APIs the GUI uses (loading, sidecars, gazetteer), in one place.
//! TEMPORARY: a tiny stand-in until the real `load`, `sidecar` and `gazetteer` modules land on
//! main; then this file only re-exports them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::model::{Brief, CountryMention, DateRange, Event, EventKind, GeoPoint, Place, PlaceKind, PlaceRole, Problem, Publication, Span};

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub briefs: Vec<Brief>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerHit {
    pub name: String,
    pub point: GeoPoint,
    pub country: Option<String>,
    pub kind: PlaceKind,
}

const PLACES: [(&str, &[&str], f64, f64, &str, PlaceKind); 6] = [
    ("Ashgabat", &["Ashgabat", "Achgabat", "Ашхабад"], 37.95, 58.38, "TM", PlaceKind::Capital),
    ("Ankara", &["Ankara", "Анкаре"], 39.92, 32.85, "TR", PlaceKind::Capital),
    ("Astana", &["Astana", "Астана"], 51.17, 71.45, "KZ", PlaceKind::Capital),
    ("Ceyhan", &["Ceyhan"], 37.03, 35.81, "TR", PlaceKind::Terminal),
    ("Galkynysh", &["Galkynysh"], 37.33, 62.33, "TM", PlaceKind::GasField),
    ("Turkmenbashi", &["Turkmenbashi"], 40.02, 52.97, "TM", PlaceKind::Port),
];
const COUNTRIES: [(&str, &str, &[&str]); 4] = [
    ("KZ", "Kazakhstan", &["Kazakhstan", "Казахстан"]),
    ("TM", "Turkmenistan", &["Turkmenistan", "Turkménistan"]),
    ("TR", "Turkey", &["Turkey", "Turquie", "Турци"]),
    ("RU", "Russia", &["Russia", "Russie"]),
];
const ORGS: [(&str, &[&str]); 4] = [
    ("QazaqGaz", &["QazaqGaz"]),
    ("KazMunayGas", &["КазМунайГаз", "KazMunayGas"]),
    ("Türkmengaz", &["Türkmengaz"]),
    ("TPAO", &["TPAO"]),
];

fn all_spans(text: &str, needles: &[&str]) -> Vec<Span> {
    needles.iter().flat_map(|n| text.match_indices(n).map(|(i, m)| Span::new(i, i + m.len()))).collect()
}

pub fn brief_from_text(file: PathBuf, text: &str, publication: Publication) -> Brief {
    let first_stop = text.find(". ").map_or(text.len().min(200), |i| i + 1);
    let first_stop = (0..=first_stop).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let places: Vec<Place> = PLACES
        .iter()
        .filter_map(|(name, needles, lat, lon, c, kind)| {
            let mentions = all_spans(text, needles);
            (!mentions.is_empty()).then(|| Place {
                name: (*name).into(),
                point: GeoPoint::new(*lat, *lon),
                country: Some((*c).into()),
                kind: *kind,
                role: PlaceRole::Event,
                mentions,
                route: vec![],
            })
        })
        .collect();
    let countries: Vec<CountryMention> = COUNTRIES
        .iter()
        .filter_map(|(code, name, needles)| {
            let mentions = all_spans(text, needles);
            (!mentions.is_empty()).then(|| CountryMention { code: (*code).into(), name: (*name).into(), mentions })
        })
        .collect();
    let orgs: Vec<String> = ORGS.iter().filter(|(_, n)| !all_spans(text, n).is_empty()).map(|(o, _)| (*o).into()).collect();
    let date = text
        .find("date ")
        .and_then(|i| text.get(i + 5..i + 15))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(DateRange::day)
        .or(publication.published);
    let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().chars().take(90).collect::<String>();
    let event = Event {
        main: true,
        date,
        kind: EventKind::Meeting,
        title: title.clone(),
        places: places.iter().map(|p| p.name.clone()).collect(),
        countries: countries.iter().map(|c| c.code.clone()).collect(),
        organizations: orgs.clone(),
        people: vec![],
        evidence: Span::new(0, first_stop),
    };
    Brief {
        file,
        language: publication.language.clone().or(Some("en".into())),
        title,
        published: publication.published,
        source: publication.source.clone(),
        url: None,
        places,
        countries,
        organizations: orgs
            .iter()
            .map(|o| crate::model::Organization { name: o.clone(), kind: None, country: None, mentions: vec![] })
            .collect(),
        people: vec![],
        events: vec![event],
        problems: vec![],
        text: Arc::from(text),
        story: vec![Span::new(0, text.len())],
    }
}

pub fn load_paths(paths: &[PathBuf], on_progress: &(dyn Fn(LoadProgress) + Sync)) -> Dataset {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p).sort_by_file_name().into_iter().flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    files.push(e.path().to_path_buf());
                }
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            problems.push(Problem { file: p.clone(), error: "no such file or folder".into() });
        }
    }
    let mut briefs = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match std::fs::read_to_string(f) {
            Ok(text) if !text.trim().is_empty() => briefs.push(brief_from_text(f.clone(), &text, Publication::default())),
            Ok(_) => problems.push(Problem { file: f.clone(), error: "the file is empty".into() }),
            Err(e) => problems.push(Problem { file: f.clone(), error: e.to_string() }),
        }
        on_progress(LoadProgress { done: i + 1, total: files.len() });
    }
    Dataset { briefs, problems }
}

pub fn sidecar_path(brief_file: &Path) -> PathBuf {
    brief_file.with_extension("json")
}

fn read_sidecar(brief_file: &Path) -> Result<Option<Map<String, Value>>, String> {
    let path = sidecar_path(brief_file);
    match std::fs::read(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
        Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(m)) => Ok(Some(m)),
            Ok(_) => Err(format!("sidecar {} must hold a JSON object", path.display())),
            Err(e) => Err(format!("sidecar {} is not valid JSON: {e}", path.display())),
        },
    }
}

pub fn read_sidecar_field(brief_file: &Path, key: &str) -> Result<Option<Value>, String> {
    Ok(read_sidecar(brief_file)?.and_then(|mut m| m.remove(key)))
}

pub fn update_sidecar_field(brief_file: &Path, key: &str, value: Option<Value>) -> Result<(), String> {
    use std::io::Write;
    let mut map = read_sidecar(brief_file)?.unwrap_or_default();
    match value {
        Some(v) => {
            map.insert(key.into(), v);
        }
        None => {
            map.remove(key);
        }
    }
    let path = sidecar_path(brief_file);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    let json = serde_json::to_vec_pretty(&Value::Object(map)).map_err(|e| e.to_string())?;
    tmp.write_all(&json).map_err(|e| e.to_string())?;
    tmp.persist(&path).map_err(|e| e.error.to_string())?;
    Ok(())
}

pub fn gazetteer_search(query: &str, limit: usize) -> Vec<GazetteerHit> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return vec![];
    }
    PLACES
        .iter()
        .filter(|p| p.0.to_lowercase().contains(&q))
        .take(limit)
        .map(|p| GazetteerHit { name: p.0.into(), point: GeoPoint::new(p.2, p.3), country: Some(p.4.into()), kind: p.5 })
        .collect()
}

pub fn gazetteer_nearest(point: GeoPoint, max_km: f64) -> Option<GazetteerHit> {
    PLACES
        .iter()
        .map(|p| (GeoPoint::new(p.2, p.3).distance_km(point), p))
        .filter(|(d, _)| *d <= max_km)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| GazetteerHit { name: p.0.into(), point: GeoPoint::new(p.2, p.3), country: Some(p.4.into()), kind: p.5 })
}

pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|c| c.0 == code).map(|c| c.1)
}
