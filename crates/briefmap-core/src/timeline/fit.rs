//! "Fit all": the zoom that shows every dated item. Cards keep their pixel width at any zoom,
//! so the tightest fit (every card whole, [`TimeAxis::fit_cards`]) squeezes the days together
//! and may leave cards without a free row; this picks, between that fit and the one that only
//! fits the spans, the most zoomed-out axis on which no card is hidden.

use super::axis::TimeAxis;
use super::layout::{DayIndex, LayoutParams, LayoutResult, layout_cards};

/// Zoom levels tried between the tightest fit and the spans-only fit.
const STEPS: u32 = 8;
/// Halvings of the step in which the zoom stops hiding cards.
const REFINE: u32 = 6;

/// Starting from `tight` (from [`TimeAxis::fit_cards`]), the first axis towards the spans-only
/// fit (first start at the left margin, last end at the right one) that hides no card under
/// `params`; if every one hides some, the one hiding the fewest (the tighter on ties). With too
/// many items in view for cards, the spans-only fit. `label_px` gives an item's label width.
pub fn fit_without_hiding(
    index: &DayIndex,
    tight: TimeAxis,
    params: &LayoutParams,
    margin_px: f64,
    mut label_px: impl FnMut(u32) -> f64,
) -> TimeAxis {
    let Some((first, last)) = index.extent() else {
        return tight;
    };
    let width = params.width_px.max(1.0);
    let margin_px = margin_px.clamp(0.0, width / 4.0);
    let inner = width - 2.0 * margin_px;
    let spans_only = ((last - first) / inner).max(f64::MIN_POSITIVE);
    let axis_at = |t: f64| {
        let days_per_px = tight.days_per_px * (spans_only / tight.days_per_px).powf(t);
        TimeAxis {
            start_day: first - margin_px * days_per_px,
            days_per_px,
        }
    };
    let shows_every_card = |layout: &LayoutResult| layout.hidden == 0 && !layout.over_cap;
    let tight_layout = layout_cards(index, &tight, params, &mut label_px);
    if spans_only >= tight.days_per_px || shows_every_card(&tight_layout) {
        return tight;
    }
    if tight_layout.over_cap {
        // Too many items for cards: the density band shows them, and it needs no label room.
        return axis_at(1.0);
    }
    let mut best = (tight_layout.hidden, tight);
    // Coarse steps towards the spans-only fit, then halve the last step: the first axis found
    // that hides nothing is as little zoomed-in as it can be.
    let mut hiding_t = 0.0;
    for step in 1..=STEPS {
        let t = f64::from(step) / f64::from(STEPS);
        let layout = layout_cards(index, &axis_at(t), params, &mut label_px);
        if shows_every_card(&layout) {
            let mut showing_t = t;
            for _ in 0..REFINE {
                let mid = (hiding_t + showing_t) / 2.0;
                let layout = layout_cards(index, &axis_at(mid), params, &mut label_px);
                if shows_every_card(&layout) {
                    showing_t = mid;
                } else {
                    hiding_t = mid;
                }
            }
            return axis_at(showing_t);
        }
        hiding_t = t;
        if layout.hidden < best.0 {
            best = (layout.hidden, axis_at(t));
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::axis::CardExtent;
    use crate::timeline::layout::IndexEntry;

    fn index(days: &[f64]) -> DayIndex {
        DayIndex::new(
            days.iter()
                .enumerate()
                .map(|(i, &d)| IndexEntry {
                    item_index: i as u32,
                    start_day: d,
                    end_day: d + 1.0,
                    lane: 0,
                })
                .collect(),
        )
    }

    fn tight(days: &DayIndex, label: f64, width: f64) -> TimeAxis {
        let cards: Vec<CardExtent> = (0..days.len())
            .map(|i| CardExtent {
                start_day: days.start_days[i],
                end_day: days.end_days[i],
                card_px: label + 12.0,
            })
            .collect();
        TimeAxis::fit_cards(&cards, None, width, 20.0).expect("cards")
    }

    #[test]
    fn keeps_the_tight_fit_when_nothing_is_hidden() {
        let days = index(&[0.0, 100.0, 200.0, 300.0]);
        let params = LayoutParams {
            width_px: 1000.0,
            max_rows_per_lane: 2,
            ..LayoutParams::default()
        };
        let tight = tight(&days, 80.0, 1000.0);
        let fitted = fit_without_hiding(&days, tight, &params, 20.0, |_| 80.0);
        assert_eq!(fitted, tight);
    }

    #[test]
    fn zooms_in_until_no_card_is_hidden() {
        // 280 px labels 100 days apart on one row: fitting the last label whole squeezes the
        // days so much that neighbours collide; a closer zoom separates them.
        let days = index(&[0.0, 100.0, 200.0, 300.0]);
        let params = LayoutParams {
            width_px: 1000.0,
            max_rows_per_lane: 1,
            ..LayoutParams::default()
        };
        let tight = tight(&days, 280.0, 1000.0);
        assert!(layout_cards(&days, &tight, &params, |_| 280.0).hidden > 0);
        let fitted = fit_without_hiding(&days, tight, &params, 20.0, |_| 280.0);
        assert!(fitted.days_per_px < tight.days_per_px);
        assert_eq!(layout_cards(&days, &fitted, &params, |_| 280.0).hidden, 0);
        // ...and no closer than needed: 3 % further out, cards collide again.
        let wider = TimeAxis {
            start_day: -20.0 * fitted.days_per_px * 1.03,
            days_per_px: fitted.days_per_px * 1.03,
        };
        assert!(layout_cards(&days, &wider, &params, |_| 280.0).hidden > 0);
        // Still shows every day, from the left margin.
        assert!((fitted.day_to_px(0.0) - 20.0).abs() < 0.5);
        assert!(fitted.day_to_px(301.0) <= 980.5);
    }

    #[test]
    fn too_many_items_for_cards_fit_the_spans_only() {
        let days = index(&(0..3_000).map(f64::from).collect::<Vec<_>>());
        let params = LayoutParams {
            width_px: 1000.0,
            max_cards: 500,
            ..LayoutParams::default()
        };
        let tight = tight(&days, 200.0, 1000.0);
        let fitted = fit_without_hiding(&days, tight, &params, 20.0, |_| 200.0);
        assert!((fitted.day_to_px(0.0) - 20.0).abs() < 0.5);
        assert!((fitted.day_to_px(3_000.0) - 980.0).abs() < 0.5);
    }

    #[test]
    fn hides_as_few_as_it_can_when_every_zoom_hides_some() {
        // Ten labels on the same day, two rows: no zoom shows them all.
        let days = index(&[5.0; 10]);
        let params = LayoutParams {
            width_px: 800.0,
            max_rows_per_lane: 2,
            ..LayoutParams::default()
        };
        let tight = tight(&days, 100.0, 800.0);
        let fitted = fit_without_hiding(&days, tight, &params, 20.0, |_| 100.0);
        assert_eq!(layout_cards(&days, &fitted, &params, |_| 100.0).hidden, 8);
    }
}
