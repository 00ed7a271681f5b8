//! Extraction scored on the frozen holdout set (`fixtures/holdout`, 46 briefs in six
//! languages written blind, never used for tuning: see its `SPEC.md`). Prints only the totals,
//! with the publication-date baseline beside the date score — never which brief missed what,
//! so that nobody tunes on it — and fails below the floors.

mod eval;

use eval::{MediaRule, evaluate, fixtures};

#[test]
fn extraction_on_the_frozen_holdout_set() {
    let report = evaluate(&fixtures("holdout"), MediaRule::Counted);
    println!("{}", report.summary("holdout"));
    assert_eq!(report.briefs, 46, "all 46 fixtures load");
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
