//! Extraction scored on the two development sets — the briefs we look at and tune on:
//! `fixtures/extra` (30 briefs, outlets not counted as organisations), `fixtures/dev3` (36
//! briefs stressing main-event dates) and `fixtures/dev2`
//! (33 briefs, sidecars with only a publication date, outlets counted as media). Prints every
//! miss and the scores with the publication-date baseline, and fails below the floors.

mod eval;

use eval::{MediaRule, Report, evaluate, fixtures};

fn print(name: &str, report: &Report) {
    for (file, misses) in &report.misses {
        println!("{file}: {}", misses.join("; "));
    }
    println!("{}", report.summary(name));
}

#[test]
fn extraction_on_the_first_development_set() {
    let report = evaluate(&fixtures("extra"), MediaRule::NotCounted);
    print("extra", &report);
    assert_eq!(report.briefs, 30, "all 30 fixtures load");
    assert!(
        report.places.f1() >= 0.90,
        "place F1 {:.3}",
        report.places.f1()
    );
    assert!(
        report.countries.f1() >= 0.95,
        "country F1 {:.3}",
        report.countries.f1()
    );
    assert!(
        report.organizations.f1() >= 0.85,
        "organisation F1 {:.3}",
        report.organizations.f1()
    );
    assert!(
        report.main_date.rate() >= 0.9,
        "main-event date {:.3}",
        report.main_date.rate()
    );
}

#[test]
fn extraction_on_the_second_development_set() {
    let report = evaluate(&fixtures("dev2"), MediaRule::Counted);
    print("dev2", &report);
    assert_eq!(report.briefs, 33, "all 33 fixtures load");
    assert!(
        report.places.f1() >= 0.5,
        "place F1 {:.3}",
        report.places.f1()
    );
    assert!(
        report.countries.f1() >= 0.5,
        "country F1 {:.3}",
        report.countries.f1()
    );
}

#[test]
fn extraction_on_the_third_development_set() {
    // 36 briefs written to stress main-event dates (weekdays across weeks, relative words,
    // statements about earlier events, numeric dates, month-precise publications).
    let report = evaluate(&fixtures("dev3"), MediaRule::Counted);
    print("dev3", &report);
    assert_eq!(report.briefs, 36, "all 36 fixtures load");
    assert!(
        report.main_date.rate() >= 0.5,
        "main-event date {:.3}",
        report.main_date.rate()
    );
}
