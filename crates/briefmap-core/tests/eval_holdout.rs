//! Extraction scored on the frozen holdout set (`fixtures/holdout`, 46 briefs in six
//! languages written blind, never used for tuning: see its `SPEC.md`). Prints only the totals,
//! with the publication-date baseline beside the date score — never which brief missed what,
//! so that nobody tunes on it — and fails below the floors.

mod eval;

use eval::{Floors, MediaRule, assert_floors, evaluate, fixtures};

#[test]
fn extraction_on_the_frozen_holdout_set() {
    let report = evaluate(&fixtures("holdout"), MediaRule::Counted);
    println!("{}", report.summary("holdout"));
    assert_eq!(report.briefs, 46, "all 46 fixtures load");
    assert_floors(
        "holdout",
        &report,
        &Floors {
            place: 0.825,
            country: 0.95,
            organisation: 0.845,
            people: 0.895,
            main_date: 0.86,
        },
    );
}
