//! Scoring extraction against hand-written answers (the `*.expected.json` beside each brief):
//! place, country, organisation and people F1, organisation kinds, main-event date and kind,
//! language, source and titles — with the publication-date baseline beside the date score.
//! Shared by the development sets' test (which prints every miss) and the frozen holdout's
//! (which prints only the totals).

#![allow(dead_code)]

use std::path::Path;

use briefmap_core::model::{Brief, DateRange, GeoPoint, OrgKind};
use briefmap_core::sources::load_paths;
use briefmap_core::text::fold::fold;
use serde_json::Value;

/// True/false positives and false negatives of one kind of entity.
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn line(&self) -> String {
        format!(
            "F1 {:.3} (P {:.3} / R {:.3})",
            self.f1(),
            self.precision(),
            self.recall()
        )
    }
}

/// A count of right answers out of a total.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    pub fn rate(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
}

/// Every score of one evaluation set.
#[derive(Default)]
pub struct Report {
    pub briefs: usize,
    pub places: Score,
    pub countries: Score,
    pub organizations: Score,
    pub people: Score,
    pub org_kinds: Tally,
    pub main_date: Tally,
    /// Dating every main event at the publication date.
    pub baseline_date: Tally,
    pub main_kind: Tally,
    pub language: Tally,
    pub source: Tally,
    pub titles: Tally,
    /// Per brief: what was missed or wrong.
    pub misses: Vec<(String, Vec<String>)>,
}

impl Report {
    pub fn summary(&self, name: &str) -> String {
        format!(
            "{name}: {} briefs\n  place {}\n  country {}\n  organisation {}\n  people {}\n  \
             organisation kind {}/{}\n  main-event date {}/{} ({:.3}); publication-date baseline \
             {}/{} ({:.3})\n  main-event kind {}/{}\n  language {}/{}, source {}/{}, titles fit \
             for a briefing {}/{}",
            self.briefs,
            self.places.line(),
            self.countries.line(),
            self.organizations.line(),
            self.people.line(),
            self.org_kinds.right,
            self.org_kinds.total,
            self.main_date.right,
            self.main_date.total,
            self.main_date.rate(),
            self.baseline_date.right,
            self.baseline_date.total,
            self.baseline_date.rate(),
            self.main_kind.right,
            self.main_kind.total,
            self.language.right,
            self.language.total,
            self.source.right,
            self.source.total,
            self.titles.right,
            self.titles.total,
        )
    }
}

/// What the set's answers count as organisations.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MediaRule {
    /// News outlets credited in the text are organisations (kind `media`).
    Counted,
    /// Outlets are sources, not organisations (the first development set's rule).
    NotCounted,
}

/// An expected name with `|` alternatives matches a found name if any alternative folds to
/// the same text.
fn name_matches(expected: &str, got: &str) -> bool {
    expected
        .split('|')
        .any(|alt| !alt.trim().is_empty() && fold(alt) == fold(got))
}

fn score_names(
    label: &str,
    expected: &[String],
    got: &[String],
    score: &mut Score,
    misses: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let mut used = vec![false; got.len()];
    let mut matched = Vec::with_capacity(expected.len());
    for e in expected {
        match got
            .iter()
            .enumerate()
            .position(|(i, g)| !used[i] && name_matches(e, g))
        {
            Some(i) => {
                used[i] = true;
                score.tp += 1;
                matched.push(Some(i));
            }
            None => {
                score.fn_ += 1;
                misses.push(format!("missed {label} {e}"));
                matched.push(None);
            }
        }
    }
    for (i, g) in got.iter().enumerate() {
        if !used[i] {
            score.fp += 1;
            misses.push(format!("extra {label} {g}"));
        }
    }
    matched
}

/// Routes are named many ways ("TAPI gas pipeline", "TAPI pipeline"; Naxçıvan, Nakhchivan):
/// two route names match when at least half of their distinctive words agree.
fn same_route(expected: &str, got: &str) -> bool {
    const GENERIC: &[&str] = &[
        "gas", "oil", "natural", "pipeline", "railway", "line", "the", "highway", "road",
    ];
    let words = |s: &str| -> Vec<String> {
        fold(s)
            .split(' ')
            .filter(|w| !w.is_empty() && !GENERIC.contains(w))
            .map(str::to_string)
            .collect()
    };
    let got = words(got);
    expected.split('|').any(|alt| {
        let want = words(alt);
        let common = want.iter().filter(|w| got.contains(w)).count();
        let union = want.len() + got.len() - common;
        union > 0 && common * 2 >= union
    })
}

fn score_places(expected: &[Value], brief: &Brief, score: &mut Score, misses: &mut Vec<String>) {
    let mut used = vec![false; brief.places.len()];
    for e in expected {
        let name = e["name"].as_str().unwrap_or("");
        let point = match (e["lat"].as_f64(), e["lon"].as_f64()) {
            (Some(lat), Some(lon)) => Some(GeoPoint::new(lat, lon)),
            _ => None,
        };
        let found = brief.places.iter().enumerate().position(|(i, p)| {
            !used[i]
                && (name_matches(name, &p.name)
                    || point.is_none() && p.kind.is_route() && same_route(name, &p.name)
                    || point
                        .is_some_and(|pt| pt.distance_km(p.point) <= 30.0 && !p.kind.is_route()))
        });
        match found {
            Some(i) => {
                used[i] = true;
                score.tp += 1;
            }
            None => {
                score.fn_ += 1;
                misses.push(format!("missed place {name}"));
            }
        }
    }
    for (i, p) in brief.places.iter().enumerate() {
        if !used[i] {
            score.fp += 1;
            misses.push(format!("extra place {} ({})", p.name, p.kind.as_str()));
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Expected organisations: plain names, or `{"name", "kind"}` objects.
fn expected_orgs(v: &Value) -> Vec<(String, Option<String>)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| match x {
                    Value::String(s) => Some((s.clone(), None)),
                    Value::Object(o) => Some((
                        o.get("name")?.as_str()?.to_string(),
                        o.get("kind").and_then(Value::as_str).map(str::to_string),
                    )),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn date_matches(want: &Value, got: Option<DateRange>) -> bool {
    match (want.is_null(), got) {
        (true, None) => true,
        (false, Some(d)) => {
            want["start"].as_str() == Some(d.start.to_string().as_str())
                && want["end"].as_str() == Some(d.end.to_string().as_str())
        }
        _ => false,
    }
}

/// Whether a main event's title can stand on a briefing slide: the brief's own headline when
/// it has one; otherwise short, whole, and not furniture (timestamp, disclaimer, dateline,
/// a quoted speech line).
pub fn title_problem(title: &str, headline: Option<&str>) -> Option<String> {
    let t = title.trim();
    if let Some(h) = headline {
        return (fold(t) != fold(h)).then(|| format!("title “{t}” is not the headline “{h}”"));
    }
    let chars = t.chars().count();
    let lower = t.to_lowercase();
    let has_clock = t.as_bytes().windows(5).any(|w| {
        w[0].is_ascii_digit() && w[1].is_ascii_digit() && w[2] == b':' && w[3].is_ascii_digit()
    }) || t.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    });
    let dateline = {
        let first: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
        let rest = &t[first.len()..];
        first.chars().count() >= 3
            && first.chars().all(char::is_uppercase)
            && (rest.starts_with(',')
                || rest.trim_start().starts_with('(')
                || rest.starts_with(" -"))
    } || ["(reuters)", "(aa)", "(afp)", "(dpa)", "/интерфакс"]
        .iter()
        .any(|a| lower.contains(a));
    let reason = if chars == 0 {
        "empty title"
    } else if chars > 120 {
        "title over 120 characters"
    } else if t.ends_with('…') || t.ends_with("...") {
        "title cut off with an ellipsis"
    } else if has_clock {
        "title holds a timestamp"
    } else if dateline {
        "title starts with a dateline"
    } else if ["translat", "traduit", "переведен", "çevir", "übersetz"]
        .iter()
        .any(|w| lower.contains(w))
    {
        "title is a translation disclaimer"
    } else if t.starts_with(['—', '–', '-']) {
        "title is a speech line"
    } else {
        return None;
    };
    Some(format!("{reason}: “{t}”"))
}

/// Scores every brief of `dir` that has an expected answer.
pub fn evaluate(dir: &Path, media: MediaRule) -> Report {
    let dataset = load_paths(&[dir.to_path_buf()], &|_| {});
    assert!(
        dataset.problems.is_empty(),
        "fixtures load cleanly: {:?}",
        dataset.problems
    );
    let mut report = Report::default();
    for brief in &dataset.briefs {
        let expected_path = brief.file.with_extension("expected.json");
        let Ok(text) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let expected: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let sidecar: Value = std::fs::read_to_string(brief.file.with_extension("json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        report.briefs += 1;
        let mut misses = Vec::new();
        score_places(
            expected["places"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            brief,
            &mut report.places,
            &mut misses,
        );
        let got_countries: Vec<String> = brief.countries.iter().map(|c| c.code.clone()).collect();
        score_names(
            "country",
            &strings(&expected["countries"]),
            &got_countries,
            &mut report.countries,
            &mut misses,
        );
        let got_orgs: Vec<_> = brief
            .organizations
            .iter()
            .filter(|o| media == MediaRule::Counted || o.kind != OrgKind::Media)
            .collect();
        let want_orgs = expected_orgs(&expected["organizations"]);
        let matched = score_names(
            "organisation",
            &want_orgs.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
            &got_orgs.iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
            &mut report.organizations,
            &mut misses,
        );
        for ((name, want_kind), found) in want_orgs.iter().zip(&matched) {
            if let (Some(want), Some(i)) = (want_kind, found) {
                let got = got_orgs[*i].kind.as_str();
                report.org_kinds.add(got == want);
                if got != want {
                    misses.push(format!("organisation {name}: kind {got}, want {want}"));
                }
            }
        }
        let got_people: Vec<String> = brief.people.iter().map(|p| p.name.clone()).collect();
        score_names(
            "person",
            &strings(&expected["people"]),
            &got_people,
            &mut report.people,
            &mut misses,
        );
        let want = &expected["main_event"]["date"];
        let main = brief.main_event();
        let got = main.and_then(|e| e.date);
        let right = date_matches(want, got);
        report.main_date.add(right);
        if !right {
            misses.push(format!(
                "main date: want {want}, got {:?}",
                got.map(|d| d.to_iso())
            ));
        }
        let published = sidecar["published"].as_str().and_then(DateRange::parse_iso);
        report.baseline_date.add(date_matches(want, published));
        if let Some(kind) = expected["main_event"]["kind"].as_str() {
            let got = main.map_or("none", |e| e.kind.as_str());
            report.main_kind.add(got == kind);
            if got != kind {
                misses.push(format!("main kind: want {kind}, got {got}"));
            }
        }
        if let Some(lang) = expected["language"].as_str() {
            let right = brief.language.as_deref() == Some(lang);
            report.language.add(right);
            if !right {
                misses.push(format!("language: want {lang}, got {:?}", brief.language));
            }
        }
        if let Some(source) = expected["source"].as_str() {
            let right = brief
                .source
                .as_deref()
                .is_some_and(|s| name_matches(source, s));
            report.source.add(right);
            if !right {
                misses.push(format!("source: want {source}, got {:?}", brief.source));
            }
        }
        if expected.get("headline").is_some() {
            let headline = expected["headline"].as_str();
            let title = main.map_or(brief.title.as_str(), |e| e.title.as_str());
            let problem = title_problem(title, headline);
            report.titles.add(problem.is_none());
            misses.extend(problem);
        }
        if !misses.is_empty() {
            let name = brief
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            report.misses.push((name, misses));
        }
    }
    report
}

/// The fixture folder `name` of this crate's tests.
pub fn fixtures(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The least scores a set must keep (set just under what it measured when last changed, so
/// that a change that loses ground fails).
pub struct Floors {
    pub place: f64,
    pub country: f64,
    pub organisation: f64,
    pub people: f64,
    pub main_date: f64,
}

/// Fails, naming every score under its floor.
pub fn assert_floors(name: &str, report: &Report, floors: &Floors) {
    let scores = [
        ("place F1", report.places.f1(), floors.place),
        ("country F1", report.countries.f1(), floors.country),
        (
            "organisation F1",
            report.organizations.f1(),
            floors.organisation,
        ),
        ("people F1", report.people.f1(), floors.people),
        ("main-event date", report.main_date.rate(), floors.main_date),
    ];
    let under: Vec<String> = scores
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(what, got, floor)| format!("{what} {got:.3} < {floor}"))
        .collect();
    assert!(under.is_empty(), "{name}: {}", under.join(", "));
}
