//! Extraction fixtures for the five bundled sample briefs. The expectations were written by
//! hand from reading each brief and SOURCES.json (what a careful reader finds), not from the
//! program's output.

use std::sync::OnceLock;

use briefmap_core::model::{Brief, EventKind, GeoPoint, PlaceRole, Precision};
use briefmap_core::sources::{Dataset, load_paths};

fn dataset() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = briefmap_core::paths::bundled_briefs_dir();
        load_paths(&[dir], &|_| {})
    })
}

fn brief(prefix: &str) -> &'static Brief {
    dataset()
        .briefs
        .iter()
        .find(|b| {
            b.file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("brief {prefix} loaded"))
}

fn countries(b: &Brief) -> Vec<&str> {
    let mut c: Vec<&str> = b.countries.iter().map(|c| c.code.as_str()).collect();
    c.sort();
    c
}

fn has_org(b: &Brief, name: &str) -> bool {
    b.organizations.iter().any(|o| o.name == name)
}

fn person<'b>(b: &'b Brief, names: &[&str]) -> &'b briefmap_core::model::Person {
    b.people
        .iter()
        .find(|p| names.contains(&p.name.as_str()))
        .unwrap_or_else(|| {
            panic!(
                "{names:?} among {:?}",
                b.people.iter().map(|p| &p.name).collect::<Vec<_>>()
            )
        })
}

fn assert_place(b: &Brief, name: &str, at: GeoPoint, role: PlaceRole) {
    let place = b
        .places
        .iter()
        .find(|p| p.name == name || p.point.distance_km(at) < 25.0 && !p.kind.is_route())
        .unwrap_or_else(|| {
            panic!(
                "{name} among {:?}",
                b.places.iter().map(|p| &p.name).collect::<Vec<_>>()
            )
        });
    assert!(
        place.point.distance_km(at) < 25.0,
        "{name} at {:?}",
        place.point
    );
    assert_eq!(place.role, role, "{name}");
    for m in &place.mentions {
        assert!(
            m.slice(&b.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
            "mention of {name}: {:?}",
            m.slice(&b.text)
        );
    }
}

fn main_date(b: &Brief) -> (String, Precision) {
    let d = b
        .main_event()
        .and_then(|e| e.date)
        .expect("main event is dated");
    (d.to_iso(), d.precision)
}

#[test]
fn all_five_load_without_problems() {
    let d = dataset();
    assert_eq!(d.briefs.len(), 5);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    for b in &d.briefs {
        assert_eq!(
            b.events.iter().filter(|e| e.main).count(),
            1,
            "{}",
            b.file.display()
        );
        // Every span points into the text at a character boundary.
        for p in &b.places {
            for m in &p.mentions {
                assert!(b.text.get(m.start..m.end).is_some());
            }
        }
        let e = b.main_event().unwrap();
        assert!(b.text.get(e.evidence.start..e.evidence.end).is_some());
    }
}

#[test]
fn french_brief_on_qazaqgaz_in_ashgabat() {
    let b = brief("000");
    assert_eq!(b.language.as_deref(), Some("fr"));
    assert_place(b, "Ashgabat", GeoPoint::new(37.95, 58.38), PlaceRole::Event);
    assert_eq!(b.places.len(), 1);
    assert_eq!(countries(b), ["KZ", "TM"]);
    assert!(has_org(b, "QazaqGaz") && has_org(b, "Türkmengaz"));
    let zh = person(b, &["Sanjar Zharkeshov"]);
    assert!(
        zh.role.as_deref().unwrap_or("").contains("conseil d"),
        "{:?}",
        zh.role
    );
    assert_eq!(zh.mentions.len(), 2);
    person(b, &["Batyr Amanov"]);
    person(b, &["Maksat Babayev"]);
    person(b, &["Kassym-Jomart Tokayev"]);
    assert_eq!(main_date(b), ("2024-04".to_string(), Precision::Month));
    let main = b.main_event().unwrap();
    assert_eq!(main.kind, EventKind::Meeting);
    assert_eq!(main.places, ["Ashgabat"]);
}

#[test]
fn english_brief_with_dateline_and_inline_date() {
    let b = brief("001");
    assert_eq!(b.language.as_deref(), Some("en"));
    assert_eq!(
        b.published.map(|p| p.to_iso()).as_deref(),
        Some("2025-03-21")
    );
    // ASHGABAT is the dateline, but the working visit was also to Ashgabat.
    assert_place(b, "Ashgabat", GeoPoint::new(37.95, 58.38), PlaceRole::Event);
    assert_eq!(countries(b), ["KZ", "TM"]);
    assert!(
        has_org(b, "Ministry of Energy of Kazakhstan"),
        "{:?}",
        b.organizations
    );
    let z = person(b, &["Alibek Zhamauov"]);
    assert!(
        z.role
            .as_deref()
            .unwrap_or("")
            .contains("Vice-Minister of Energy"),
        "{:?}",
        z.role
    );
    assert!(z.mentions.len() >= 3);
    assert_eq!(main_date(b), ("2025-03-21".to_string(), Precision::Day));
    assert_eq!(b.main_event().unwrap().kind, EventKind::Visit);
}

#[test]
fn russian_brief_with_page_furniture() {
    let b = brief("002");
    assert_eq!(b.language.as_deref(), Some("ru"));
    assert_place(b, "Ankara", GeoPoint::new(39.92, 32.85), PlaceRole::Event);
    // Dulata and China are only in the related-news headline: furniture.
    assert_eq!(b.places.len(), 1, "{:?}", b.places);
    assert_eq!(countries(b), ["KZ", "TR"]);
    assert!(has_org(b, "KazMunayGas"));
    assert!(has_org(b, "TPAO"));
    assert!(
        has_org(b, "Ministry of Energy and Natural Resources of Turkey"),
        "{:?}",
        b.organizations
    );
    let kmg = b
        .organizations
        .iter()
        .find(|o| o.name == "KazMunayGas")
        .unwrap();
    // «КазМунайГаз», «КазМунайГазом», КМГ (twice).
    assert!(kmg.mentions.len() >= 4, "{:?}", kmg.mentions);
    let kh = person(b, &["Askhat Khassenov", "Асхат Хасенов"]);
    assert!(
        kh.role
            .as_deref()
            .unwrap_or("")
            .starts_with("председатель правления"),
        "{:?}",
        kh.role
    );
    assert!(kh.mentions.len() >= 2);
    let by = person(b, &["Alparslan Bayraktar", "Алпарслан Байрактар"]);
    assert!(
        by.role
            .as_deref()
            .unwrap_or("")
            .contains("министр энергетики"),
        "{:?}",
        by.role
    );
    // The editor's byline is not a person of the story.
    assert!(!b.people.iter().any(|p| p.name.contains("Коржумбаев")));
    assert_eq!(b.people.len(), 2);
    assert_eq!(main_date(b), ("2026-01-22".to_string(), Precision::Day));
    assert_eq!(
        b.events.len(),
        1,
        "the 2025 record is furniture: {:?}",
        b.events
    );
}

#[test]
fn french_brief_with_weekdays_and_a_foreign_dateline() {
    let b = brief("003");
    assert_place(
        b,
        "Jakarta",
        GeoPoint::new(-6.21, 106.85),
        PlaceRole::Dateline,
    );
    assert_place(b, "Ceyhan", GeoPoint::new(36.9, 35.9), PlaceRole::Mentioned);
    assert_place(
        b,
        "Moscow",
        GeoPoint::new(55.75, 37.62),
        PlaceRole::Mentioned,
    );
    assert!(
        !b.places.iter().any(|p| p.name == "Vladimir"),
        "Vladimir Poutine is a person"
    );
    let c = countries(b);
    for code in ["KZ", "RU", "TR", "UA"] {
        assert!(c.contains(&code), "{code} in {c:?}");
    }
    assert!(
        has_org(b, "Rosatom"),
        "Rostom is Rosatom misspelt: {:?}",
        b.organizations
    );
    let putin = person(b, &["Vladimir Putin", "Vladimir Poutine"]);
    assert!(putin.mentions.len() >= 6, "{:?}", putin.mentions);
    person(b, &["Kassym-Jomart Tokayev"]);
    person(b, &["Yuri Ushakov"]);
    let main = b.main_event().unwrap();
    assert_eq!(main.kind, EventKind::Visit);
    // "cette semaine" is refined by "a commencé sa visite au Kazakhstan mercredi".
    assert_eq!(main_date(b), ("2024-11-27".to_string(), Precision::Day));
    let dated: Vec<(String, EventKind)> = b
        .events
        .iter()
        .filter(|e| !e.main)
        .map(|e| (e.date.unwrap().to_iso(), e.kind))
        .collect();
    for want in [
        ("2024-11-25", EventKind::Statement),
        ("2024-11-26", EventKind::Statement),
        ("2024-10", EventKind::Vote),
        ("2024-10", EventKind::Ban),
    ] {
        assert!(
            dated.iter().any(|(d, k)| d == want.0 && *k == want.1),
            "{want:?} in {dated:?}"
        );
    }
    let monday = b
        .events
        .iter()
        .find(|e| e.date.is_some_and(|d| d.to_iso() == "2024-11-25"))
        .unwrap();
    assert!(
        monday.places.iter().any(|p| p.contains("Ceyhan")),
        "{:?}",
        monday.places
    );
}

#[test]
fn english_brief_with_today_and_routes() {
    let b = brief("004");
    assert_eq!(main_date(b), ("2025-04-22".to_string(), Precision::Day));
    assert_eq!(b.main_event().unwrap().kind, EventKind::Meeting);
    let c = countries(b);
    assert_eq!(c, ["IR", "KZ", "TM"]);
    let galkynysh = b
        .places
        .iter()
        .find(|p| p.name.starts_with("Galkynysh"))
        .expect("Galkynysh");
    assert!(galkynysh.point.distance_km(GeoPoint::new(37.4, 62.3)) < 60.0);
    // The meeting took place in Turkistan (the SPK Turkistan industrial park).
    let event_places: Vec<&str> = b
        .places
        .iter()
        .filter(|p| p.role == PlaceRole::Event)
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        event_places.iter().any(|p| p.contains("Turkistan")),
        "{event_places:?}"
    );
    let turkistan = b
        .places
        .iter()
        .find(|p| p.name.contains("Turkistan"))
        .unwrap();
    assert!(turkistan.point.distance_km(GeoPoint::new(43.3, 68.25)) < 60.0);
    assert!(
        b.places.iter().any(|p| p.name.contains("Turkmenbashi")),
        "{:?}",
        b.places
    );
    assert!(has_org(b, "Halk Maslahaty"));
    let gb = person(b, &["Gurbanguly Berdimuhamedov"]);
    assert!(
        gb.role.as_deref().unwrap_or("").contains("Halk Maslahaty"),
        "{:?}",
        gb.role
    );
    assert!(gb.mentions.len() >= 4);
    assert!(!b.people.iter().any(|p| p.name.starts_with("Serdar")));
    person(b, &["Kassym-Jomart Tokayev"]);
    assert!(b.text.contains("today"));
}
