//! A deterministic synthetic dataset (briefs with events, places and actors around Central
//! Asia) for tests and the frame benchmark. Same size and seed, same data.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::catalog::LoadedBrief;
use crate::model::{
    Brief, CountryMention, DateRange, Event, EventKind, GeoPoint, Organization, Person, Place,
    PlaceKind, PlaceRole, Span,
};

const PLACES: [(&str, f64, f64, &str, PlaceKind); 14] = [
    ("Ashgabat", 37.95, 58.38, "TM", PlaceKind::Capital),
    ("Astana", 51.17, 71.45, "KZ", PlaceKind::Capital),
    ("Almaty", 43.24, 76.89, "KZ", PlaceKind::City),
    ("Aktau", 43.65, 51.16, "KZ", PlaceKind::Port),
    ("Atyrau", 47.11, 51.92, "KZ", PlaceKind::City),
    ("Tengiz", 46.15, 53.38, "KZ", PlaceKind::OilField),
    ("Turkmenbashi", 40.02, 52.97, "TM", PlaceKind::Port),
    ("Galkynysh", 37.33, 62.33, "TM", PlaceKind::GasField),
    ("Ankara", 39.92, 32.85, "TR", PlaceKind::Capital),
    ("Ceyhan", 37.03, 35.81, "TR", PlaceKind::Terminal),
    ("Moscow", 55.75, 37.62, "RU", PlaceKind::Capital),
    ("Baku", 40.41, 49.87, "AZ", PlaceKind::Capital),
    ("Tashkent", 41.30, 69.24, "UZ", PlaceKind::Capital),
    ("Beijing", 39.90, 116.41, "CN", PlaceKind::Capital),
];

const COUNTRIES: [(&str, &str); 7] = [
    ("KZ", "Kazakhstan"),
    ("TM", "Turkmenistan"),
    ("TR", "Turkey"),
    ("RU", "Russia"),
    ("AZ", "Azerbaijan"),
    ("UZ", "Uzbekistan"),
    ("CN", "China"),
];

const ORGS: [&str; 8] = [
    "QazaqGaz",
    "KazMunayGas",
    "Türkmengaz",
    "TPAO",
    "Rosatom",
    "Gazprom",
    "CNPC",
    "SOCAR",
];
const PEOPLE: [&str; 6] = [
    "Kassym-Jomart Tokayev",
    "Serdar Berdimuhamedov",
    "Alparslan Bayraktar",
    "Sanjar Zharkeshov",
    "Askhat Khasenov",
    "Vladimir Putin",
];
const LANGS: [&str; 6] = ["en", "fr", "ru", "tr", "kk", "de"];
const SOURCES: [&str; 5] = ["Trend", "Kazinform", "DKNews", "Reuters", "Orient"];

const TEXT: &str = "ASHGABAT, March 21. Kazakhstan and Turkmenistan agreed to deepen gas cooperation. \
QazaqGaz and Türkmengaz signed a supply deal. Министр энергетики посетил Ашхабад. \
Tokayev met Berdimuhamedov in Astana to discuss the railway.";

/// Small deterministic PRNG (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// About `events` events spread over briefs of 1–5 events each.
pub fn briefs(events: usize, seed: u64) -> Vec<LoadedBrief> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let text: Arc<str> = Arc::from(TEXT);
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid date");
    let mut out = Vec::new();
    let mut made = 0;
    let mut n = 0;
    while made < events {
        let count = (1 + rng.below(5)).min(events - made);
        let lang = LANGS[rng.below(LANGS.len())];
        let source = SOURCES[rng.below(SOURCES.len())];
        let mut places = Vec::new();
        let mut evs = Vec::new();
        for i in 0..count {
            let (name, lat, lon, _, kind) = PLACES[rng.below(PLACES.len())];
            let (name2, lat2, lon2, _, kind2) = PLACES[rng.below(PLACES.len())];
            for (nm, la, lo, k) in [(name, lat, lon, kind), (name2, lat2, lon2, kind2)] {
                if !places.iter().any(|p: &Place| p.name == nm) {
                    let country = PLACES.iter().find(|p| p.0 == nm).map(|p| p.3.to_string());
                    places.push(Place {
                        name: nm.to_string(),
                        point: GeoPoint::new(la, lo),
                        country,
                        kind: k,
                        role: PlaceRole::Event,
                        mentions: vec![Span::new(0, 8)],
                        route: vec![],
                    });
                }
            }
            let start = base + chrono::Days::new(rng.below(4000) as u64);
            let date = match rng.below(10) {
                0 => None,
                1 => DateRange::month(
                    chrono::Datelike::year(&start),
                    chrono::Datelike::month(&start),
                ),
                2 => DateRange::range(start, start + chrono::Days::new(1 + rng.below(20) as u64)),
                _ => Some(DateRange::day(start)),
            };
            let mut countries: Vec<String> = Vec::new();
            for nm in [name, name2] {
                if let Some(p) = PLACES.iter().find(|p| p.0 == nm)
                    && !countries.iter().any(|c| c == p.3)
                {
                    countries.push(p.3.to_string());
                }
            }
            let kind = EventKind::ALL[rng.below(EventKind::ALL.len())];
            let org = ORGS[rng.below(ORGS.len())];
            let person = PEOPLE[rng.below(PEOPLE.len())];
            evs.push(Event {
                main: i == 0,
                date,
                kind,
                title: format!("{org} {} in {name} #{}", kind.as_str(), made + i),
                places: if name == name2 {
                    vec![name.into()]
                } else {
                    vec![name.into(), name2.into()]
                },
                countries,
                organizations: vec![org.into()],
                people: vec![person.into()],
                evidence: Span::new(i * 10 % TEXT.len(), (i * 10 + 40).min(TEXT.len())),
            });
        }
        let brief = Brief {
            file: PathBuf::from(format!("synthetic/{n:07}.txt")),
            language: Some(lang.into()),
            title: format!("Synthetic brief {n}"),
            published: evs.first().and_then(|e| e.date),
            source: Some(source.into()),
            url: None,
            places,
            countries: COUNTRIES
                .iter()
                .map(|(c, name)| CountryMention {
                    code: (*c).into(),
                    name: (*name).into(),
                    mentions: vec![],
                })
                .collect(),
            organizations: ORGS
                .iter()
                .map(|o| Organization {
                    name: (*o).into(),
                    kind: crate::model::OrgKind::Other,
                    country: None,
                    mentions: vec![],
                })
                .take(2)
                .collect(),
            people: vec![Person {
                name: PEOPLE[0].into(),
                role: None,
                mentions: vec![],
            }],
            events: evs,
            problems: vec![],
            text: text.clone(),
            story: vec![Span::new(0, TEXT.len())],
        };
        made += count;
        n += 1;
        out.push(LoadedBrief::new(brief));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_and_the_requested_size() {
        let a = briefs(1000, 5);
        let b = briefs(1000, 5);
        assert_eq!(a.iter().map(|b| b.brief.events.len()).sum::<usize>(), 1000);
        assert_eq!(a.len(), b.len());
        assert_eq!(a[3].brief.events, b[3].brief.events);
        assert!(
            a.iter()
                .flat_map(|b| &b.brief.events)
                .any(|e| e.date.is_none())
        );
    }
}
