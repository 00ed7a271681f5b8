//! Adaptive axis ticks: picks the finest calendar step (centuries … years, quarters, months,
//! weeks, days) whose labels still fit side by side, and a coarser "major" step whose labels
//! give context ("2024", "Mar 2024"). Label widths are estimated from a character width so the
//! maths stays free of any font code.

use chrono::{Datelike, NaiveDate, Weekday};

use super::axis::{TimeAxis, date_from_day, day_number};

/// A calendar step between ticks, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickLevel {
    Years(u32),
    Quarters,
    Months,
    Weeks,
    Days,
}

/// Levels from coarsest to finest.
pub const LEVELS: [TickLevel; 11] = [
    TickLevel::Years(100),
    TickLevel::Years(50),
    TickLevel::Years(20),
    TickLevel::Years(10),
    TickLevel::Years(5),
    TickLevel::Years(2),
    TickLevel::Years(1),
    TickLevel::Quarters,
    TickLevel::Months,
    TickLevel::Weeks,
    TickLevel::Days,
];

impl TickLevel {
    /// The shortest distance in days between two ticks of this level.
    pub fn min_step_days(self) -> f64 {
        match self {
            TickLevel::Years(n) => 365.0 * f64::from(n),
            TickLevel::Quarters => 90.0,
            TickLevel::Months => 28.0,
            TickLevel::Weeks => 7.0,
            TickLevel::Days => 1.0,
        }
    }

    /// The longest minor label of this level, in characters.
    pub fn max_label_chars(self) -> usize {
        match self {
            TickLevel::Years(_) => 4,
            TickLevel::Quarters => 2,
            TickLevel::Months => 3,
            TickLevel::Weeks => 6,
            TickLevel::Days => 2,
        }
    }

    /// The coarser level that frames this one (its labels give context), if any.
    pub fn major(self) -> Option<TickLevel> {
        match self {
            TickLevel::Years(n) if n >= 100 => None,
            TickLevel::Years(n) if n >= 10 => Some(TickLevel::Years(100)),
            TickLevel::Years(_) => Some(TickLevel::Years(10)),
            TickLevel::Quarters | TickLevel::Months => Some(TickLevel::Years(1)),
            TickLevel::Weeks | TickLevel::Days => Some(TickLevel::Months),
        }
    }
}

/// One tick: where it is and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: f64,
    pub x_px: f64,
    /// Left edge of the label (majors stick to the left edge while their period is visible).
    pub label_x_px: f64,
    pub label: String,
}

/// Ticks for one axis and width.
#[derive(Debug, Clone, PartialEq)]
pub struct TickSet {
    pub level: TickLevel,
    pub minor: Vec<Tick>,
    pub major: Vec<Tick>,
}

/// Gap left between the tick line and its label.
pub const LABEL_PAD_PX: f64 = 4.0;

/// Estimated width of `label` in pixels.
pub fn label_width_px(label: &str, char_width_px: f64) -> f64 {
    label.chars().count() as f64 * char_width_px
}

/// The finest level whose labels fit, for a scale and a character width.
pub fn pick_level(days_per_px: f64, char_width_px: f64) -> TickLevel {
    let mut chosen = LEVELS[0];
    for level in LEVELS {
        let step_px = level.min_step_days() / days_per_px;
        if step_px >= required_spacing_px(level.max_label_chars(), char_width_px) {
            chosen = level;
        } else {
            break;
        }
    }
    chosen
}

fn required_spacing_px(chars: usize, char_width_px: f64) -> f64 {
    LABEL_PAD_PX + (chars as f64 + 2.0) * char_width_px
}

/// Ticks for `axis` over `width_px`, labels assumed `char_width_px` per character.
pub fn ticks_for(axis: &TimeAxis, width_px: f64, char_width_px: f64) -> TickSet {
    let level = pick_level(axis.days_per_px, char_width_px);
    let first = axis.start_day;
    let last = axis.end_day(width_px);
    let minor = tick_days(level, first, last)
        .into_iter()
        .map(|(day, date)| {
            let x_px = axis.day_to_px(day);
            Tick {
                day,
                x_px,
                label_x_px: x_px + LABEL_PAD_PX,
                label: minor_label(level, date),
            }
        })
        .collect();
    let major = match level.major() {
        None => Vec::new(),
        Some(major_level) => {
            // Include the period that started before the left edge: its label sticks.
            let starts = tick_days(major_level, first - major_level.min_step_days() * 1.1, last);
            let mut major: Vec<Tick> = starts
                .into_iter()
                .map(|(day, date)| {
                    let x_px = axis.day_to_px(day);
                    Tick {
                        day,
                        x_px,
                        label_x_px: x_px.max(0.0) + LABEL_PAD_PX,
                        label: major_label(major_level, date),
                    }
                })
                .collect();
            // A sticky label gives way to the next period's label.
            for i in 0..major.len().saturating_sub(1) {
                let width = label_width_px(&major[i].label, char_width_px);
                let limit = major[i + 1].x_px - width - 2.0 * char_width_px;
                if major[i].label_x_px > limit {
                    major[i].label_x_px = limit;
                }
            }
            // A label pushed off the left edge is dropped rather than shown cut.
            major.retain(|t| t.label_x_px >= 0.0);
            major
        }
    };
    TickSet {
        level,
        minor,
        major,
    }
}

/// Days (and dates) of the ticks of `level` in `[first_day, last_day]`.
fn tick_days(level: TickLevel, first_day: f64, last_day: f64) -> Vec<(f64, NaiveDate)> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (
        date_from_day(first_day.max(1.0)),
        date_from_day(last_day.max(1.0)),
    ) else {
        return out;
    };
    let mut push = |date: NaiveDate| {
        let day = day_number(date);
        if day >= first_day && day <= last_day {
            out.push((day, date));
        }
    };
    match level {
        TickLevel::Years(n) => {
            let n = n as i32;
            let mut year = first.year().div_euclid(n) * n;
            while year <= last.year() {
                if let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1) {
                    push(date);
                }
                year += n;
            }
        }
        TickLevel::Quarters | TickLevel::Months => {
            let step = if level == TickLevel::Quarters { 3 } else { 1 };
            let mut index = first.year() * 12 + first.month0() as i32;
            index -= index.rem_euclid(step);
            let last_index = last.year() * 12 + last.month0() as i32;
            while index <= last_index {
                let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
                if let Some(date) = NaiveDate::from_ymd_opt(year, month0 as u32 + 1, 1) {
                    push(date);
                }
                index += step;
            }
        }
        TickLevel::Weeks => {
            let back = first.weekday().num_days_from_monday();
            let mut date = first - chrono::Days::new(u64::from(back));
            debug_assert_eq!(date.weekday(), Weekday::Mon);
            while date <= last {
                push(date);
                match date.checked_add_days(chrono::Days::new(7)) {
                    Some(next) => date = next,
                    None => break,
                }
            }
        }
        TickLevel::Days => {
            let mut date = first;
            while date <= last {
                push(date);
                match date.succ_opt() {
                    Some(next) => date = next,
                    None => break,
                }
            }
        }
    }
    out
}

fn minor_label(level: TickLevel, date: NaiveDate) -> String {
    match level {
        TickLevel::Years(_) => date.year().to_string(),
        TickLevel::Quarters => format!("Q{}", date.month0() / 3 + 1),
        TickLevel::Months => date.format("%b").to_string(),
        TickLevel::Weeks => date.format("%-d %b").to_string(),
        TickLevel::Days => date.day().to_string(),
    }
}

fn major_label(level: TickLevel, date: NaiveDate) -> String {
    match level {
        TickLevel::Years(1) => date.year().to_string(),
        TickLevel::Years(_) => format!("{}s", date.year()),
        TickLevel::Months => date.format("%b %Y").to_string(),
        TickLevel::Quarters | TickLevel::Weeks | TickLevel::Days => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAR_PX: f64 = 7.0;

    fn axis_spanning(days: f64, width: f64) -> TimeAxis {
        TimeAxis {
            start_day: day_number(NaiveDate::from_ymd_opt(2023, 11, 17).expect("date")),
            days_per_px: days / width,
        }
    }

    fn assert_no_overlap(ticks: &[Tick], what: &str) {
        for pair in ticks.windows(2) {
            let right_edge = pair[0].label_x_px + label_width_px(&pair[0].label, CHAR_PX);
            assert!(
                right_edge < pair[1].label_x_px,
                "{what} labels overlap: {:?} ends at {right_edge}, {:?} starts at {}",
                pair[0].label,
                pair[1].label,
                pair[1].label_x_px
            );
        }
    }

    #[test]
    fn labels_never_overlap_at_any_zoom_or_width() {
        for width in [240.0, 640.0, 1000.0, 1920.0] {
            let mut days = 200.0 * 365.0;
            while days > 0.05 {
                let set = ticks_for(&axis_spanning(days, width), width, CHAR_PX);
                assert_no_overlap(&set.minor, "minor");
                assert_no_overlap(&set.major, "major");
                days /= 1.37;
            }
        }
    }

    #[test]
    fn level_follows_zoom_from_decades_to_days() {
        let width = 1000.0;
        let level = |days: f64| ticks_for(&axis_spanning(days, width), width, CHAR_PX).level;
        assert!(matches!(level(150.0 * 365.0), TickLevel::Years(n) if n >= 10));
        assert_eq!(level(20.0 * 365.0), TickLevel::Years(1));
        assert_eq!(level(5.0 * 365.0), TickLevel::Quarters);
        assert_eq!(level(1.5 * 365.0), TickLevel::Months);
        assert_eq!(level(100.0), TickLevel::Weeks);
        assert_eq!(level(20.0), TickLevel::Days);
    }

    #[test]
    fn labels_read_naturally() {
        let width = 1000.0;
        let months = ticks_for(&axis_spanning(500.0, width), width, CHAR_PX);
        assert_eq!(months.level, TickLevel::Months);
        assert!(months.minor.iter().any(|t| t.label == "Mar"));
        assert!(months.major.iter().any(|t| t.label == "2024"));
        let weeks = ticks_for(&axis_spanning(100.0, width), width, CHAR_PX);
        assert_eq!(weeks.level, TickLevel::Weeks);
        assert!(weeks.minor.iter().any(|t| t.label == "4 Dec"));
        assert!(weeks.major.iter().any(|t| t.label == "Dec 2023"));
        let years = ticks_for(&axis_spanning(20.0 * 365.0, width), width, CHAR_PX);
        assert!(years.minor.iter().any(|t| t.label == "2024"));
    }

    #[test]
    fn ticks_are_inside_the_view_and_sorted() {
        let width = 800.0;
        let axis = axis_spanning(90.0, width);
        let set = ticks_for(&axis, width, CHAR_PX);
        assert!(!set.minor.is_empty());
        for tick in &set.minor {
            assert!(tick.x_px >= 0.0 && tick.x_px <= width);
        }
        assert!(set.minor.windows(2).all(|p| p[0].day < p[1].day));
    }

    #[test]
    fn deep_zoom_keeps_a_context_label() {
        // Two hours across the width: no day boundary may be visible, but the month is named.
        let width = 1000.0;
        let axis = TimeAxis {
            start_day: day_number(NaiveDate::from_ymd_opt(2024, 3, 21).expect("date")) + 0.3,
            days_per_px: (2.0 / 24.0) / width,
        };
        let set = ticks_for(&axis, width, CHAR_PX);
        assert_eq!(set.level, TickLevel::Days);
        assert_eq!(set.major.len(), 1);
        assert_eq!(set.major[0].label, "Mar 2024");
        assert!(set.major[0].label_x_px >= 0.0);
    }
}
