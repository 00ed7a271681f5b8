//! The density band: how many events start in each pixel bin of the visible window. With the
//! start days sorted, a binary search per bin edge gives each count in O(log n), so a frame
//! costs O(bins · log n) whatever the number of events.

use super::axis::TimeAxis;

/// Counts of `sorted_start_days` in bins of `bin_px` pixels across `[0, width_px)`.
/// The last bin may be narrower. Empty when `bin_px` or `width_px` is not positive.
pub fn density_bins(
    sorted_start_days: &[f64],
    axis: &TimeAxis,
    width_px: f64,
    bin_px: f64,
) -> Vec<u32> {
    if !(bin_px > 0.0 && width_px > 0.0) {
        return Vec::new();
    }
    let bins = (width_px / bin_px).ceil() as usize;
    let mut counts = Vec::with_capacity(bins);
    let below = |day: f64| sorted_start_days.partition_point(|&s| s < day);
    let mut lower = below(axis.start_day);
    for bin in 0..bins {
        let right_px = (((bin + 1) as f64) * bin_px).min(width_px);
        let upper = below(axis.px_to_day(right_px));
        counts.push((upper - lower) as u32);
        lower = upper;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(days: &[f64], axis: &TimeAxis, width_px: f64, bin_px: f64) -> Vec<u32> {
        let bins = (width_px / bin_px).ceil() as usize;
        let mut counts = vec![0; bins];
        for &d in days {
            let x = axis.day_to_px(d);
            if x >= 0.0 && x < width_px {
                counts[((x / bin_px) as usize).min(bins - 1)] += 1;
            }
        }
        counts
    }

    #[test]
    fn matches_a_naive_histogram() {
        let mut days: Vec<f64> = (0..5_000).map(|i| f64::from((i * 7919) % 3000)).collect();
        days.sort_by(f64::total_cmp);
        for (start, dpp) in [(0.0, 3.0), (1000.0, 0.5), (-500.0, 10.0), (2990.0, 0.01)] {
            let axis = TimeAxis {
                start_day: start,
                days_per_px: dpp,
            };
            // Bin edges that fall on whole days can differ by float rounding; use a bin width
            // that keeps edges off integers.
            let got = density_bins(&days, &axis, 997.0, 3.3);
            let want = naive(&days, &axis, 997.0, 3.3);
            assert_eq!(got.len(), want.len());
            assert_eq!(got, want, "start {start} dpp {dpp}");
        }
    }

    #[test]
    fn counts_only_the_window() {
        let days = [1.0, 2.0, 3.0, 50.0, 51.0, 500.0];
        let axis = TimeAxis {
            start_day: 0.0,
            days_per_px: 1.0,
        };
        let bins = density_bins(&days, &axis, 100.0, 10.0);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins[0], 3);
        assert_eq!(bins[5], 2);
        assert_eq!(
            bins.iter().sum::<u32>(),
            5,
            "the day-500 event is off screen"
        );
        assert!(density_bins(&days, &axis, 100.0, 0.0).is_empty());
    }
}
