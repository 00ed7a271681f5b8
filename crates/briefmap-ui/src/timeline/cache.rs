//! What the timeline widget remembers between frames: the day index of the view model (rebuilt
//! only when its generation changes) and the last frame's layout, ticks and density (rebuilt
//! only when the axis, the size or the data change).

use briefmap_core::timeline::layout::IndexEntry;
use briefmap_core::timeline::{
    CardExtent, DayIndex, LayoutParams, LayoutResult, TickSet, TimeAxis, day_number, density_bins,
    fit_without_hiding, layout_cards, ticks_for,
};

use super::TimelineViewModel;
use briefmap_core::model::Precision;

/// Room taken by the exact-day marker in front of a day card's label.
pub const DAY_MARKER_PX: f32 = 9.0;

/// The per-generation view of the items: dated ones indexed by day, undated ones listed.
pub struct ItemIndex {
    pub generation: u64,
    pub item_count: usize,
    pub char_width_px: f32,
    pub days: DayIndex,
    /// Sorted start days per lane, for per-lane density bands.
    pub lane_starts: Vec<Vec<f64>>,
    pub undated: Vec<u32>,
    /// Measured label widths by item (NaN until first needed).
    pub label_widths: Vec<f32>,
}

impl ItemIndex {
    pub fn build(vm: &TimelineViewModel, generation: u64, char_width_px: f32) -> Self {
        let mut undated = Vec::new();
        let mut entries = Vec::with_capacity(vm.items.len());
        for (i, item) in vm.items.iter().enumerate() {
            let Some(date) = item.date else {
                undated.push(i as u32);
                continue;
            };
            entries.push(IndexEntry {
                item_index: i as u32,
                start_day: day_number(date.start),
                end_day: day_number(date.end) + 1.0,
                lane: item.lane,
            });
        }
        let days = DayIndex::new(entries);
        let lane_count = vm.lanes.len();
        let mut lane_starts = vec![Vec::new(); lane_count];
        if lane_count > 0 {
            for (k, &start) in days.start_days.iter().enumerate() {
                let lane = (days.lanes[k] as usize).min(lane_count - 1);
                lane_starts[lane].push(start);
            }
        }
        Self {
            generation,
            item_count: vm.items.len(),
            char_width_px,
            days,
            lane_starts,
            undated,
            label_widths: vec![f32::NAN; vm.items.len()],
        }
    }

    pub fn is_current(&self, vm: &TimelineViewModel, generation: u64, char_width_px: f32) -> bool {
        self.generation == generation
            && self.item_count == vm.items.len()
            && self.lane_starts.len() == vm.lanes.len()
            && self.char_width_px == char_width_px
    }
}

/// Everything that depends on (generation, axis, plot size, lanes).
#[derive(Clone, Debug, PartialEq)]
pub struct FrameKey {
    pub generation: u64,
    pub axis: TimeAxis,
    pub width_px: f32,
    pub params: LayoutParams,
    pub lanes_on: bool,
    pub bin_px: f32,
    pub tick_char_px: f32,
}

pub struct FrameCache {
    pub key: FrameKey,
    pub layout: LayoutResult,
    pub ticks: TickSet,
    /// One histogram per lane (or a single one without lanes).
    pub density: Vec<Vec<u32>>,
    pub density_max: u32,
}

/// Width of the label of `vm.items[item_index]` plus its day marker, measured with `measure`
/// the first time it is needed in a generation and remembered in `widths` (NaN = unknown).
/// Only items near the view are asked for, so far-away labels are never read.
fn label_width_px(
    vm: &TimelineViewModel,
    widths: &mut [f32],
    item_index: u32,
    measure: &mut impl FnMut(&str) -> f32,
) -> f64 {
    let (Some(item), Some(slot)) = (
        vm.items.get(item_index as usize),
        widths.get_mut(item_index as usize),
    ) else {
        return 0.0;
    };
    if slot.is_nan() {
        let marker = match item.date {
            Some(date) if date.precision == Precision::Day => DAY_MARKER_PX,
            _ => 0.0,
        };
        *slot = measure(vm.label(item)) + marker;
    }
    f64::from(*slot)
}

/// Labels wider than this are cut with an ellipsis.
pub const MAX_LABEL_PX: f64 = 300.0;

/// Cards measured exactly when fitting the view; beyond this many, only the latest ones are
/// and a bound stands for the rest.
const FIT_MEASURED_CARDS: usize = 400;

/// The axis of "fit all": every card whole if that hides none, else the nearest zoom that
/// hides none (see [`fit_without_hiding`]). `None` when no item is dated.
pub fn fit_all(
    index: &mut ItemIndex,
    vm: &TimelineViewModel,
    params: &LayoutParams,
    margin_px: f64,
    mut measure: impl FnMut(&str) -> f32,
) -> Option<TimeAxis> {
    let ItemIndex {
        days, label_widths, ..
    } = index;
    let n = days.len();
    // The latest cards are measured; a bound stands for the others.
    let first_listed = n.saturating_sub(FIT_MEASURED_CARDS);
    let mut cards: Vec<CardExtent> = (first_listed..n)
        .map(|i| CardExtent {
            start_day: days.start_days[i],
            end_day: days.end_days[i],
            card_px: params.card_px(label_width_px(
                vm,
                label_widths,
                days.item_index[i],
                &mut measure,
            )),
        })
        .collect();
    // The span reaching furthest right, whichever item it is.
    let (first, last_end) = days.extent()?;
    cards.push(CardExtent {
        start_day: first,
        end_day: last_end,
        card_px: 0.0,
    });
    let rest = (first_listed > 0).then(|| {
        (
            days.start_days[first_listed - 1],
            params.card_px(params.max_label_px),
        )
    });
    let tight = TimeAxis::fit_cards(&cards, rest, params.width_px, margin_px)?;
    Some(fit_without_hiding(days, tight, params, margin_px, |i| {
        label_width_px(vm, label_widths, i, &mut measure)
    }))
}

impl FrameCache {
    /// `measure` gives the width of a label in pixels (called once per item and generation).
    pub fn build(
        index: &mut ItemIndex,
        vm: &TimelineViewModel,
        key: FrameKey,
        mut measure: impl FnMut(&str) -> f32,
    ) -> Self {
        let widths = &mut index.label_widths;
        let layout = layout_cards(&index.days, &key.axis, &key.params, |i| {
            label_width_px(vm, widths, i, &mut measure)
        });
        let width = f64::from(key.width_px);
        let ticks = ticks_for(&key.axis, width, f64::from(key.tick_char_px));
        let bin = f64::from(key.bin_px);
        let density: Vec<Vec<u32>> = if key.lanes_on && !index.lane_starts.is_empty() {
            // Lanes past the last shown one are merged into it.
            let shown = (key.params.lane_count as usize).clamp(1, index.lane_starts.len());
            let mut bins: Vec<Vec<u32>> = index.lane_starts[..shown]
                .iter()
                .map(|starts| density_bins(starts, &key.axis, width, bin))
                .collect();
            for starts in &index.lane_starts[shown..] {
                let extra = density_bins(starts, &key.axis, width, bin);
                if let Some(last) = bins.last_mut() {
                    for (total, count) in last.iter_mut().zip(extra) {
                        *total += count;
                    }
                }
            }
            bins
        } else {
            vec![density_bins(&index.days.start_days, &key.axis, width, bin)]
        };
        let density_max = density
            .iter()
            .flat_map(|bins| bins.iter().copied())
            .max()
            .unwrap_or(0);
        Self {
            key,
            layout,
            ticks,
            density,
            density_max,
        }
    }
}
