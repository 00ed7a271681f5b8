//! The time axis: maps days (since the Common Era, as `f64`) to horizontal pixels and back.
//! Pan and zoom return a new axis instead of mutating, so the widget can animate between two
//! axes and tests can compare them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days since the Common Era of the start (00:00) of `date` (`0001-01-01` is day 1).
pub fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// The calendar date containing `day` (the inverse of [`day_number`], flooring fractions);
/// `None` outside chrono's range.
pub fn date_from_day(day: f64) -> Option<NaiveDate> {
    if !day.is_finite() {
        return None;
    }
    let floored = day.floor();
    if floored < f64::from(i32::MIN) || floored > f64::from(i32::MAX) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(floored as i32)
}

/// Fewest days that may span the whole width: about two hours.
pub const MIN_SPAN_DAYS: f64 = 2.0 / 24.0;
/// Most days that may span the whole width: about two hundred years.
pub const MAX_SPAN_DAYS: f64 = 200.0 * 365.2425;

/// A timeline card to fit in view: its span `[start_day, end_day)` and the pixels its card
/// takes from its start (label and padding), whatever the zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardExtent {
    pub start_day: f64,
    pub end_day: f64,
    pub card_px: f64,
}

/// A linear mapping between days and pixels: pixel 0 is `start_day`, each pixel is
/// `days_per_px` days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeAxis {
    pub start_day: f64,
    pub days_per_px: f64,
}

impl Default for TimeAxis {
    /// The year 2024 across 1000 pixels.
    fn default() -> Self {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).map_or(738_886.0, day_number);
        Self {
            start_day: start,
            days_per_px: 366.0 / 1000.0,
        }
    }
}

impl TimeAxis {
    /// An axis whose `width_px` shows `[first_day, last_day)`, zoom clamped.
    pub fn spanning(first_day: f64, last_day: f64, width_px: f64) -> Self {
        let width_px = width_px.max(1.0);
        let span = (last_day - first_day).max(0.0);
        let center = (first_day + last_day) / 2.0;
        let days_per_px = clamp_days_per_px(span / width_px, width_px);
        Self {
            start_day: center - days_per_px * width_px / 2.0,
            days_per_px,
        }
    }

    /// Horizontal pixel (relative to the axis' left edge) of `day`.
    pub fn day_to_px(&self, day: f64) -> f64 {
        (day - self.start_day) / self.days_per_px
    }

    /// Day at pixel `x_px` (relative to the axis' left edge).
    pub fn px_to_day(&self, x_px: f64) -> f64 {
        self.start_day + x_px * self.days_per_px
    }

    /// Day at the right edge of a view `width_px` wide.
    pub fn end_day(&self, width_px: f64) -> f64 {
        self.px_to_day(width_px)
    }

    /// The axis after dragging the content `dx_px` to the right.
    pub fn panned_px(&self, dx_px: f64) -> Self {
        Self {
            start_day: self.start_day - dx_px * self.days_per_px,
            days_per_px: self.days_per_px,
        }
    }

    /// The axis after zooming by `factor` (> 1 zooms in) keeping the day under `anchor_px`
    /// where it is. The scale is clamped to [`MIN_SPAN_DAYS`, `MAX_SPAN_DAYS`] across
    /// `width_px`.
    pub fn zoomed_about(&self, anchor_px: f64, factor: f64, width_px: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let anchor_day = self.px_to_day(anchor_px);
        let days_per_px = clamp_days_per_px(self.days_per_px / factor, width_px);
        Self {
            start_day: anchor_day - anchor_px * days_per_px,
            days_per_px,
        }
    }

    /// The axis that shows every card whole in `width_px` with `margin_px` clear on both
    /// sides: each span ends inside, and so does each card's label, which keeps its pixel width
    /// at any zoom (so the latest cards need room to their right, not just their start day).
    /// `rest` bounds cards not listed: none starts after `rest.0`, none is wider than `rest.1`
    /// pixels. The content is centred when the zoom limit leaves room. `None` when there is
    /// nothing to fit.
    pub fn fit_cards(
        cards: &[CardExtent],
        rest: Option<(f64, f64)>,
        width_px: f64,
        margin_px: f64,
    ) -> Option<Self> {
        let bounds = rest.map(|(start_day, card_px)| CardExtent {
            start_day,
            end_day: start_day,
            card_px,
        });
        let all = || cards.iter().chain(bounds.iter());
        let first = all().map(|c| c.start_day).min_by(f64::total_cmp)?;
        let width_px = width_px.max(1.0);
        let margin_px = margin_px.clamp(0.0, width_px / 4.0);
        let inner = width_px - 2.0 * margin_px;
        // A card wider than most of the view cannot fit whole: give it a quarter of it.
        let room = |c: &CardExtent| (inner - c.card_px).max(inner / 4.0);
        let needed = all()
            .map(|c| {
                let by_span = (c.end_day.max(c.start_day) - first) / inner;
                let by_label = (c.start_day - first) / room(c);
                by_span.max(by_label)
            })
            .fold(0.0, f64::max);
        let days_per_px = clamp_days_per_px(needed, width_px);
        let content_px = all()
            .map(|c| {
                let span_end = (c.end_day.max(c.start_day) - first) / days_per_px;
                let card_end = (c.start_day - first) / days_per_px + c.card_px.min(inner - room(c));
                span_end.max(card_end)
            })
            .fold(0.0, f64::max);
        let left_px = margin_px + ((inner - content_px) / 2.0).max(0.0);
        Some(Self {
            start_day: first - left_px * days_per_px,
            days_per_px,
        })
    }

    /// Linear interpolation towards `target` (scale interpolated logarithmically) with `t` in
    /// `[0, 1]`, used for smooth scrolling.
    pub fn lerp(&self, target: &TimeAxis, t: f64, width_px: f64) -> Self {
        let t = t.clamp(0.0, 1.0);
        if t <= 0.0 {
            return *self;
        }
        if t >= 1.0 {
            return *target;
        }
        let ln_a = self.days_per_px.ln();
        let ln_b = target.days_per_px.ln();
        let days_per_px = (ln_a + (ln_b - ln_a) * t).exp();
        // Interpolate the centre so the motion looks like a camera move.
        let half = width_px / 2.0;
        let center_a = self.px_to_day(half);
        let center_b = target.px_to_day(half);
        let center = center_a + (center_b - center_a) * t;
        Self {
            start_day: center - half * days_per_px,
            days_per_px,
        }
    }

    /// Whether `[first_day, last_day)` is entirely on screen.
    pub fn shows(&self, first_day: f64, last_day: f64, width_px: f64) -> bool {
        first_day >= self.start_day && last_day <= self.end_day(width_px)
    }
}

/// Clamps a scale so that `width_px` spans between [`MIN_SPAN_DAYS`] and [`MAX_SPAN_DAYS`].
pub fn clamp_days_per_px(days_per_px: f64, width_px: f64) -> f64 {
    let width_px = width_px.max(1.0);
    let lo = MIN_SPAN_DAYS / width_px;
    let hi = MAX_SPAN_DAYS / width_px;
    if days_per_px.is_finite() {
        days_per_px.clamp(lo, hi)
    } else {
        hi
    }
}

/// The year of a day number (for labels and tests).
pub fn year_of_day(day: f64) -> Option<i32> {
    date_from_day(day).map(|d| d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn day_number_round_trips() {
        for date in [d(1, 1, 1), d(1999, 12, 31), d(2024, 2, 29), d(2100, 3, 1)] {
            assert_eq!(date_from_day(day_number(date)), Some(date));
            assert_eq!(date_from_day(day_number(date) + 0.99), Some(date));
        }
        assert_eq!(day_number(d(1, 1, 1)), 1.0);
        assert_eq!(date_from_day(f64::NAN), None);
    }

    #[test]
    fn px_day_round_trip() {
        let axis = TimeAxis {
            start_day: 738_000.5,
            days_per_px: 0.37,
        };
        for px in [-100.0, 0.0, 1.5, 640.0, 10_000.0] {
            let back = axis.day_to_px(axis.px_to_day(px));
            assert!((back - px).abs() < 1e-6, "{px} -> {back}");
        }
    }

    #[test]
    fn pan_returns_new_axis_and_moves_content() {
        let axis = TimeAxis::default();
        let panned = axis.panned_px(100.0);
        assert_eq!(axis, TimeAxis::default(), "original is untouched");
        // The day that was at 0 px is now at 100 px.
        assert!((panned.day_to_px(axis.start_day) - 100.0).abs() < 1e-9);
        assert_eq!(panned.days_per_px, axis.days_per_px);
    }

    #[test]
    fn zoom_keeps_anchor_fixed_and_round_trips() {
        let axis = TimeAxis::default();
        let anchor_px = 333.0;
        let anchor_day = axis.px_to_day(anchor_px);
        let zoomed = axis.zoomed_about(anchor_px, 2.0, 1000.0);
        assert!((zoomed.px_to_day(anchor_px) - anchor_day).abs() < 1e-9);
        assert!((zoomed.days_per_px - axis.days_per_px / 2.0).abs() < 1e-12);
        let back = zoomed.zoomed_about(anchor_px, 0.5, 1000.0);
        assert!((back.start_day - axis.start_day).abs() < 1e-9);
        assert!((back.days_per_px - axis.days_per_px).abs() < 1e-12);
    }

    #[test]
    fn zoom_is_clamped_both_ways() {
        let width = 800.0;
        let mut axis = TimeAxis::default();
        for _ in 0..200 {
            axis = axis.zoomed_about(400.0, 3.0, width);
        }
        assert!((axis.days_per_px * width - MIN_SPAN_DAYS).abs() < 1e-9);
        for _ in 0..200 {
            axis = axis.zoomed_about(400.0, 1.0 / 3.0, width);
        }
        assert!((axis.days_per_px * width - MAX_SPAN_DAYS).abs() < 1e-6);
        assert_eq!(axis.zoomed_about(10.0, f64::NAN, width), axis);
    }

    fn card(start: NaiveDate, days: f64, card_px: f64) -> CardExtent {
        let start_day = day_number(start);
        CardExtent {
            start_day,
            end_day: start_day + days,
            card_px,
        }
    }

    #[test]
    fn fit_cards_keeps_the_last_label_inside() {
        let width = 1000.0;
        let cards = [
            card(d(2024, 1, 10), 1.0, 120.0),
            card(d(2024, 6, 1), 30.0, 80.0),
            // The latest card has a long label: 260 px that do not shrink with the zoom.
            card(d(2024, 12, 20), 1.0, 260.0),
        ];
        let axis = TimeAxis::fit_cards(&cards, None, width, 20.0).expect("cards");
        for c in &cards {
            let x0 = axis.day_to_px(c.start_day);
            assert!(x0 >= 19.9, "{c:?} starts at {x0}");
            assert!(
                x0 + c.card_px <= width - 19.9,
                "{c:?} ends at {}",
                x0 + c.card_px
            );
            assert!(axis.day_to_px(c.end_day) <= width - 19.9);
        }
        // The fit is tight: the last card ends at the right margin, the first starts at the left.
        let last = &cards[2];
        assert!((axis.day_to_px(last.start_day) + last.card_px - (width - 20.0)).abs() < 0.5);
        assert!((axis.day_to_px(cards[0].start_day) - 20.0).abs() < 0.5);
    }

    #[test]
    fn fit_cards_honours_the_bound_for_unlisted_cards() {
        let width = 800.0;
        let listed = [
            card(d(2024, 1, 1), 1.0, 40.0),
            card(d(2024, 3, 1), 1.0, 40.0),
        ];
        // Unlisted cards start up to 1 March too and may be 300 px wide.
        let bound = (day_number(d(2024, 3, 1)), 300.0);
        let axis = TimeAxis::fit_cards(&listed, Some(bound), width, 10.0).expect("cards");
        assert!(axis.day_to_px(bound.0) + 300.0 <= width - 9.9);
        let loose = TimeAxis::fit_cards(&listed, None, width, 10.0).expect("cards");
        assert!(
            loose.days_per_px < axis.days_per_px,
            "the bound needs more room"
        );
    }

    #[test]
    fn fit_cards_shows_one_day_across_the_view() {
        let width = 1000.0;
        let one = [card(d(2024, 3, 21), 1.0, 100.0)];
        let axis = TimeAxis::fit_cards(&one, None, width, 20.0).expect("one card");
        assert!(axis.days_per_px.is_finite() && axis.days_per_px > 0.0);
        let x0 = axis.day_to_px(one[0].start_day);
        let x1 = axis.day_to_px(one[0].end_day);
        assert!(
            (x0 - 20.0).abs() < 0.5 && (x1 - 980.0).abs() < 0.5,
            "{x0} .. {x1}"
        );
        assert_eq!(TimeAxis::fit_cards(&[], None, width, 20.0), None);
    }

    #[test]
    fn fit_cards_wider_than_the_view_still_gives_a_usable_axis() {
        let cards = [
            card(d(2020, 1, 1), 1.0, 50.0),
            card(d(2024, 1, 1), 1.0, 5000.0),
        ];
        let axis = TimeAxis::fit_cards(&cards, None, 600.0, 20.0).expect("cards");
        assert!(axis.days_per_px.is_finite() && axis.days_per_px > 0.0);
        let x = axis.day_to_px(cards[1].start_day);
        assert!(x > 20.0 && x < 600.0, "the wide card starts in view: {x}");
    }

    #[test]
    fn lerp_reaches_target() {
        let a = TimeAxis::default();
        let b = a.zoomed_about(100.0, 8.0, 1000.0).panned_px(-300.0);
        let end = a.lerp(&b, 1.0, 1000.0);
        assert!((end.start_day - b.start_day).abs() < 1e-6);
        assert!((end.days_per_px - b.days_per_px).abs() < 1e-12);
        assert_eq!(a.lerp(&b, 0.0, 1000.0).days_per_px, a.days_per_px);
    }
}
