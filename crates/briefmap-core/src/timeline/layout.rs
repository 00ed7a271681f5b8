//! Card stacking: places the dated items that fall in the visible window on rows so that no two
//! cards of one swim lane overlap (greedy first-fit interval packing on pixel extents, which
//! include the label; spans wider than half the view are packed last so they do not crowd
//! out the precise events). Work is proportional to the visible items: a sorted day index, built
//! once per data generation, is binary-searched for the window.

use super::axis::TimeAxis;

/// One dated item as the index needs it. `end_day` is exclusive (a day-precise date on day `d`
/// covers `[d, d + 1)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexEntry {
    /// Position of the item in the caller's list.
    pub item_index: u32,
    pub start_day: f64,
    pub end_day: f64,
    pub lane: u32,
}

/// The dated items sorted by start day (stable, so ties keep the caller's order), in parallel
/// arrays, with a running maximum of end days to find long spans that began before the window.
#[derive(Debug, Clone, Default)]
pub struct DayIndex {
    pub item_index: Vec<u32>,
    pub start_days: Vec<f64>,
    pub end_days: Vec<f64>,
    pub lanes: Vec<u32>,
    /// `running_max_end[i]` = max of `end_days[..=i]`.
    running_max_end: Vec<f64>,
}

impl DayIndex {
    /// Builds the index; entries need not be sorted (already sorted input costs O(n)).
    pub fn new(mut entries: Vec<IndexEntry>) -> Self {
        let sorted = entries.windows(2).all(|p| p[0].start_day <= p[1].start_day);
        if !sorted {
            entries.sort_by(|a, b| a.start_day.total_cmp(&b.start_day));
        }
        let n = entries.len();
        let mut index = DayIndex {
            item_index: Vec::with_capacity(n),
            start_days: Vec::with_capacity(n),
            end_days: Vec::with_capacity(n),
            lanes: Vec::with_capacity(n),
            running_max_end: Vec::with_capacity(n),
        };
        let mut max_end = f64::NEG_INFINITY;
        for e in entries {
            let end = e.end_day.max(e.start_day);
            max_end = max_end.max(end);
            index.item_index.push(e.item_index);
            index.start_days.push(e.start_day);
            index.end_days.push(end);
            index.lanes.push(e.lane);
            index.running_max_end.push(max_end);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.start_days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.start_days.is_empty()
    }

    /// Number of items starting in `[from_day, to_day)`: two binary searches.
    pub fn count_starting_in(&self, from_day: f64, to_day: f64) -> usize {
        let lo = self.start_days.partition_point(|&s| s < from_day);
        let hi = self.start_days.partition_point(|&s| s < to_day);
        hi.saturating_sub(lo)
    }

    /// Overall `[first start, last end)`, if any item.
    pub fn extent(&self) -> Option<(f64, f64)> {
        let first = *self.start_days.first()?;
        let last = *self.running_max_end.last()?;
        Some((first, last))
    }
}

/// Geometry and limits of the stacking.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutParams {
    pub width_px: f64,
    /// Items this far outside the view are still laid out (smooth panning).
    pub margin_px: f64,
    /// Widest label (without padding) any item may have: bounds how far left of the view a card
    /// can start and still reach into it.
    pub max_label_px: f64,
    /// Narrowest card, whatever its label.
    pub min_card_px: f64,
    /// Padding added on both sides of a label inside its card.
    pub label_pad_px: f64,
    /// Horizontal gap kept between two cards on one row.
    pub gap_px: f64,
    /// Number of swim lanes (items with a larger lane go to the last one); at least 1.
    pub lane_count: u32,
    /// Rows available in each lane; items that find no row are counted as hidden.
    pub max_rows_per_lane: u32,
    /// When more items than this are in the window, no cards are laid out (the density band
    /// shows them instead).
    pub max_cards: usize,
    /// An item (by the caller's index) placed before all others, e.g. the selection.
    pub pinned_item: Option<u32>,
}

impl LayoutParams {
    /// Pixels a card takes from its start for a label `label_px` wide: the label (cut at
    /// `max_label_px`) and its padding, at least `min_card_px`.
    pub fn card_px(&self, label_px: f64) -> f64 {
        (label_px.min(self.max_label_px) + 2.0 * self.label_pad_px).max(self.min_card_px)
    }
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            width_px: 1000.0,
            margin_px: 64.0,
            max_label_px: 320.0,
            min_card_px: 14.0,
            label_pad_px: 6.0,
            gap_px: 4.0,
            lane_count: 1,
            max_rows_per_lane: 8,
            max_cards: 2_000,
            pinned_item: None,
        }
    }
}

/// Where one card goes. Pixels are relative to the axis' left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardLayout {
    /// Position of the item in the caller's list.
    pub item_index: u32,
    pub x0_px: f32,
    /// Right edge of the card (at least the end of the date span, at least the label).
    pub x1_px: f32,
    /// Right edge of the date span itself.
    pub span_x1_px: f32,
    pub row: u32,
    pub lane: u32,
}

/// The stacking of one frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutResult {
    pub cards: Vec<CardLayout>,
    /// Items in the window that found no free row.
    pub hidden: usize,
    /// Too many items in the window: `cards` is empty, show the density band.
    pub over_cap: bool,
    /// Rows used in each lane.
    pub rows_per_lane: Vec<u32>,
}

/// Lays out the cards of the items of `index` visible through `axis`. `label_px` gives the
/// width of an item's label (by the caller's index, without padding); it is only asked for the
/// items near the window, so labels of far-away items are never touched.
pub fn layout_cards(
    index: &DayIndex,
    axis: &TimeAxis,
    params: &LayoutParams,
    mut label_px: impl FnMut(u32) -> f64,
) -> LayoutResult {
    let lane_count = params.lane_count.max(1);
    let mut result = LayoutResult {
        rows_per_lane: vec![0; lane_count as usize],
        ..LayoutResult::default()
    };
    if index.is_empty() {
        return result;
    }
    let left_px = -params.margin_px;
    let right_px = params.width_px + params.margin_px;
    let window_end_day = axis.px_to_day(right_px);
    // A card may stick out to the right of its span by its label: widen the left search.
    let reach_day = axis.px_to_day(left_px - params.card_px(params.max_label_px));
    let hi = index.start_days.partition_point(|&s| s < window_end_day);
    let first_starting_in = index.start_days.partition_point(|&s| s < reach_day);
    let lo = index.running_max_end.partition_point(|&e| e < reach_day);
    if hi.saturating_sub(first_starting_in) > params.max_cards {
        result.over_cap = true;
        return result;
    }

    // Passes: the pinned item (the selection) first, so it is never hidden; then items whose
    // span fits in half the view (their position says when); then the wide spans (years, long
    // ranges) that only give context, into the space left.
    let wide_px = params.width_px / 2.0;
    let mut rows: Vec<Vec<Row>> = vec![Vec::new(); lane_count as usize];
    for pass in [Pass::Pinned, Pass::Narrow, Pass::Wide] {
        if pass == Pass::Pinned && params.pinned_item.is_none() {
            continue;
        }
        for i in lo..hi {
            let x0 = axis.day_to_px(index.start_days[i]);
            let span_x1 = axis.day_to_px(index.end_days[i]);
            let pinned = params.pinned_item == Some(index.item_index[i]);
            let wanted = match pass {
                Pass::Pinned => pinned,
                Pass::Narrow => !pinned && span_x1 - x0 <= wide_px,
                Pass::Wide => !pinned && span_x1 - x0 > wide_px,
            };
            if !wanted {
                continue;
            }
            let x1 = span_x1.max(x0 + params.card_px(label_px(index.item_index[i])));
            if x1 < left_px || x0 > right_px {
                continue;
            }
            let lane = index.lanes[i].min(lane_count - 1);
            let lane_rows = &mut rows[lane as usize];
            let (x0_clip, x1_clip) = (x0.max(left_px), x1.min(right_px));
            let row = match lane_rows
                .iter()
                .position(|r| r.fits(x0_clip, x1_clip, params.gap_px))
            {
                Some(row) => row,
                None if (lane_rows.len() as u32) < params.max_rows_per_lane => {
                    lane_rows.push(Row::default());
                    lane_rows.len() - 1
                }
                None => {
                    result.hidden += 1;
                    continue;
                }
            };
            lane_rows[row].insert(x0_clip, x1_clip);
            result.cards.push(CardLayout {
                item_index: index.item_index[i],
                x0_px: x0 as f32,
                x1_px: x1 as f32,
                span_x1_px: span_x1 as f32,
                row: row as u32,
                lane,
            });
        }
    }
    for (lane, lane_rows) in rows.iter().enumerate() {
        result.rows_per_lane[lane] = lane_rows.len() as u32;
    }
    result
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Pinned,
    Narrow,
    Wide,
}

/// The occupied pixel intervals of one row, sorted and disjoint.
#[derive(Debug, Clone, Default)]
struct Row {
    intervals: Vec<(f64, f64)>,
}

impl Row {
    /// Whether `[x0, x1]` keeps `gap` pixels from every occupied interval.
    fn fits(&self, x0: f64, x1: f64, gap: f64) -> bool {
        // Fast path: after everything (the common case, as items come sorted by start).
        match self.intervals.last() {
            None => return true,
            Some(&(_, end)) if end + gap <= x0 => return true,
            _ => {}
        }
        let k = self.intervals.partition_point(|&(start, _)| start < x0);
        let left_ok = k == 0 || self.intervals[k - 1].1 + gap <= x0;
        let right_ok = k == self.intervals.len() || x1 + gap <= self.intervals[k].0;
        left_ok && right_ok
    }

    fn insert(&mut self, x0: f64, x1: f64) {
        let k = self.intervals.partition_point(|&(start, _)| start < x0);
        self.intervals.insert(k, (x0, x1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random generator (no external seed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    /// Label widths between 20 and 139 px, varied but deterministic.
    fn label_of(item_index: u32) -> f64 {
        20.0 + f64::from(item_index.wrapping_mul(37) % 120)
    }

    fn synthetic(n: u32, lanes: u32) -> DayIndex {
        let mut rng = Lcg(42);
        let entries = (0..n)
            .map(|i| {
                let start = 738_000.0 + (rng.next() % 3650) as f64;
                let len = match rng.next() % 10 {
                    0 => 365.0,
                    1 | 2 => 30.0,
                    3 => (rng.next() % 20) as f64 + 2.0,
                    _ => 1.0,
                };
                IndexEntry {
                    item_index: i,
                    start_day: start,
                    end_day: start + len,
                    lane: (rng.next() % u64::from(lanes)) as u32,
                }
            })
            .collect();
        DayIndex::new(entries)
    }

    fn assert_no_overlaps(result: &LayoutResult, gap_px: f32) {
        let mut cards = result.cards.clone();
        cards.sort_by(|a, b| {
            (a.lane, a.row)
                .cmp(&(b.lane, b.row))
                .then(a.x0_px.total_cmp(&b.x0_px))
        });
        for pair in cards.windows(2) {
            if (pair[0].lane, pair[0].row) == (pair[1].lane, pair[1].row) {
                assert!(
                    pair[0].x1_px + gap_px <= pair[1].x0_px + 1e-3,
                    "overlap in lane {} row {}: {:?} / {:?}",
                    pair[0].lane,
                    pair[0].row,
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn index_sorts_and_counts() {
        let index = DayIndex::new(vec![
            IndexEntry {
                item_index: 0,
                start_day: 10.0,
                end_day: 11.0,
                lane: 0,
            },
            IndexEntry {
                item_index: 1,
                start_day: 5.0,
                end_day: 40.0,
                lane: 0,
            },
        ]);
        assert_eq!(index.item_index, vec![1, 0]);
        assert_eq!(index.extent(), Some((5.0, 40.0)));
        assert_eq!(index.count_starting_in(0.0, 10.0), 1);
        assert_eq!(index.count_starting_in(0.0, 10.5), 2);
    }

    #[test]
    fn cards_never_overlap_in_a_lane_row_at_many_zooms() {
        let index = synthetic(3_000, 3);
        let params = LayoutParams {
            lane_count: 3,
            max_rows_per_lane: 6,
            ..LayoutParams::default()
        };
        for days in [3650.0, 800.0, 120.0, 14.0, 1.0] {
            let axis = TimeAxis {
                start_day: 739_000.0,
                days_per_px: days / params.width_px,
            };
            let result = layout_cards(&index, &axis, &params, label_of);
            assert_no_overlaps(&result, params.gap_px as f32);
            for card in &result.cards {
                assert!(card.row < params.max_rows_per_lane && card.lane < 3);
                assert!(card.x1_px >= card.x0_px + params.min_card_px as f32 - 1e-3);
            }
        }
    }

    #[test]
    fn layout_is_deterministic() {
        let index = synthetic(2_000, 2);
        let params = LayoutParams {
            lane_count: 2,
            ..LayoutParams::default()
        };
        let axis = TimeAxis {
            start_day: 739_500.0,
            days_per_px: 0.2,
        };
        assert_eq!(
            layout_cards(&index, &axis, &params, label_of),
            layout_cards(&index, &axis, &params, label_of)
        );
    }

    #[test]
    fn only_visible_items_are_laid_out_and_long_spans_are_found() {
        let mut entries: Vec<IndexEntry> = (0..1_000)
            .map(|i| IndexEntry {
                item_index: i,
                start_day: f64::from(i) * 10.0,
                end_day: f64::from(i) * 10.0 + 1.0,
                lane: 0,
            })
            .collect();
        // A long range that began far before the window and covers it.
        entries.push(IndexEntry {
            item_index: 1_000,
            start_day: 0.0,
            end_day: 20_000.0,
            lane: 0,
        });
        let index = DayIndex::new(entries);
        let axis = TimeAxis {
            start_day: 5_000.0,
            days_per_px: 0.1,
        };
        let params = LayoutParams::default();
        let result = layout_cards(&index, &axis, &params, label_of);
        assert!(!result.over_cap);
        assert!(result.cards.iter().any(|c| c.item_index == 1_000));
        // The window is 100 days (+ margins): about ten short items, not a thousand.
        assert!(result.cards.len() < 20, "{}", result.cards.len());
        for card in &result.cards {
            assert!(card.x1_px >= -params.margin_px as f32);
            assert!(card.x0_px <= (params.width_px + params.margin_px) as f32);
        }
    }

    #[test]
    fn too_many_visible_items_hand_over_to_the_density_band() {
        let index = synthetic(10_000, 1);
        let params = LayoutParams {
            max_cards: 500,
            ..LayoutParams::default()
        };
        let axis = TimeAxis {
            start_day: 738_000.0,
            days_per_px: 3650.0 / 1000.0,
        };
        let result = layout_cards(&index, &axis, &params, label_of);
        assert!(result.over_cap);
        assert!(result.cards.is_empty());
    }

    #[test]
    fn wide_spans_do_not_crowd_out_precise_events() {
        // Three year-long spans starting before the window, then three single days in it,
        // with room for only three rows: the days win, the spans are hidden.
        let mut entries: Vec<IndexEntry> = (0..3)
            .map(|i| IndexEntry {
                item_index: i,
                start_day: 0.0,
                end_day: 365.0,
                lane: 0,
            })
            .collect();
        entries.extend((3..6).map(|i| IndexEntry {
            item_index: i,
            start_day: 200.0,
            end_day: 201.0,
            lane: 0,
        }));
        let index = DayIndex::new(entries);
        let params = LayoutParams {
            max_rows_per_lane: 3,
            ..LayoutParams::default()
        };
        let axis = TimeAxis {
            start_day: 190.0,
            days_per_px: 0.05,
        };
        let result = layout_cards(&index, &axis, &params, label_of);
        let shown: Vec<u32> = result.cards.iter().map(|c| c.item_index).collect();
        assert_eq!(shown, vec![3, 4, 5]);
        assert_eq!(result.hidden, 3);
        // With more rows the spans come back, on rows of their own.
        let roomy = LayoutParams {
            max_rows_per_lane: 6,
            ..params
        };
        let result = layout_cards(&index, &axis, &roomy, label_of);
        assert_eq!(result.cards.len(), 6);
        assert_no_overlaps(&result, roomy.gap_px as f32);
    }

    #[test]
    fn the_pinned_item_is_never_hidden() {
        let entries = (0..10)
            .map(|i| IndexEntry {
                item_index: i,
                start_day: 100.0,
                end_day: 101.0,
                lane: 0,
            })
            .collect();
        let index = DayIndex::new(entries);
        let params = LayoutParams {
            max_rows_per_lane: 2,
            pinned_item: Some(7),
            ..LayoutParams::default()
        };
        let axis = TimeAxis {
            start_day: 90.0,
            days_per_px: 0.1,
        };
        let result = layout_cards(&index, &axis, &params, label_of);
        let shown: Vec<u32> = result.cards.iter().map(|c| c.item_index).collect();
        assert_eq!(shown, vec![7, 0]);
        assert_eq!(result.cards[0].row, 0);
        assert_eq!(result.hidden, 8);
    }

    #[test]
    fn a_later_pass_fills_gaps_between_cards() {
        let mut row = Row::default();
        row.insert(0.0, 10.0);
        row.insert(50.0, 60.0);
        assert!(row.fits(20.0, 40.0, 4.0));
        assert!(!row.fits(12.0, 40.0, 4.0));
        assert!(!row.fits(20.0, 48.0, 4.0));
        assert!(row.fits(70.0, 80.0, 4.0));
        assert!(!row.fits(-20.0, 2.0, 4.0));
    }

    #[test]
    fn full_rows_hide_items_instead_of_overlapping() {
        let entries = (0..10)
            .map(|i| IndexEntry {
                item_index: i,
                start_day: 100.0,
                end_day: 101.0,
                lane: 0,
            })
            .collect();
        let index = DayIndex::new(entries);
        let params = LayoutParams {
            max_rows_per_lane: 3,
            ..LayoutParams::default()
        };
        let axis = TimeAxis {
            start_day: 90.0,
            days_per_px: 0.1,
        };
        let result = layout_cards(&index, &axis, &params, label_of);
        assert_eq!(result.cards.len(), 3);
        assert_eq!(result.hidden, 7);
        assert_eq!(result.rows_per_lane, vec![3]);
        // Ties keep the caller's order.
        let order: Vec<u32> = result.cards.iter().map(|c| c.item_index).collect();
        assert_eq!(order, vec![0, 1, 2]);
    }
}
