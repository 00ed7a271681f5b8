//! Extraction scored on the two development sets — the briefs we look at and tune on:
//! `fixtures/extra` (30 briefs, outlets not counted as organisations), `fixtures/dev3` (36
//! briefs stressing main-event dates) and `fixtures/dev2`
//! (33 briefs, sidecars with only a publication date, outlets counted as media). Prints every
//! miss and the scores with the publication-date baseline, and fails below the floors.

mod eval;

use eval::{Floors, MediaRule, Report, assert_floors, evaluate, fixtures};

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
    assert_floors(
        "extra",
        &report,
        &Floors {
            place: 0.93,
            country: 0.975,
            organisation: 0.925,
            people: 0.875,
            main_date: 0.99,
        },
    );
}

#[test]
fn extraction_on_the_second_development_set() {
    let report = evaluate(&fixtures("dev2"), MediaRule::Counted);
    print("dev2", &report);
    assert_eq!(report.briefs, 33, "all 33 fixtures load");
    assert_floors(
        "dev2",
        &report,
        &Floors {
            place: 0.865,
            country: 0.97,
            organisation: 0.875,
            people: 0.91,
            main_date: 0.96,
        },
    );
}

#[test]
fn extraction_on_the_third_development_set() {
    // 36 briefs written to stress main-event dates (weekdays across weeks, relative words,
    // statements about earlier events, numeric dates, month-precise publications).
    let report = evaluate(&fixtures("dev3"), MediaRule::Counted);
    print("dev3", &report);
    assert_eq!(report.briefs, 36, "all 36 fixtures load");
    assert_floors(
        "dev3",
        &report,
        &Floors {
            place: 0.88,
            country: 0.965,
            organisation: 0.735,
            people: 0.83,
            main_date: 0.94,
        },
    );
}
