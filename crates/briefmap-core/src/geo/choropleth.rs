//! Class breaks for shading countries by their number of events: a handful of classes with
//! round, readable bounds, roughly geometric so that one busy country does not wash out the rest.

/// An inclusive range of counts that share one shade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountClass {
    pub min: u32,
    pub max: u32,
}

impl CountClass {
    /// "1", "2–3", "11–25".
    pub fn label(&self) -> String {
        if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}–{}", self.min, self.max)
        }
    }
}

const NICE: &[u32] = &[
    1, 2, 3, 5, 10, 15, 25, 50, 75, 100, 150, 250, 500, 750, 1_000, 1_500, 2_500, 5_000, 7_500,
    10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
];

/// At most `max_classes` classes covering `1..=max_count`; empty when `max_count` is 0.
pub fn count_classes(max_count: u32, max_classes: usize) -> Vec<CountClass> {
    if max_count == 0 || max_classes == 0 {
        return Vec::new();
    }
    if max_count as usize <= max_classes {
        return (1..=max_count)
            .map(|n| CountClass { min: n, max: n })
            .collect();
    }
    // Upper bounds: geometric steps from 1 to max_count, snapped to nice numbers.
    let ratio = f64::from(max_count).powf(1.0 / max_classes as f64);
    let mut uppers: Vec<u32> = Vec::new();
    for class in 1..max_classes {
        let ideal = ratio.powi(class as i32);
        let nice = NICE
            .iter()
            .copied()
            .find(|&n| f64::from(n) >= ideal)
            .unwrap_or(max_count);
        let floor = uppers.last().map_or(1, |&last| last + 1);
        let upper = nice.max(floor);
        if upper < max_count {
            uppers.push(upper);
        }
    }
    uppers.dedup();
    uppers.push(max_count);
    let mut classes = Vec::with_capacity(uppers.len());
    let mut min = 1;
    for upper in uppers {
        classes.push(CountClass { min, max: upper });
        min = upper + 1;
    }
    classes
}

/// Index of the class holding `count`; `None` for 0 or counts beyond the last class.
pub fn class_of(count: u32, classes: &[CountClass]) -> Option<usize> {
    classes
        .iter()
        .position(|class| class.min <= count && count <= class.max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_maxima_get_one_class_per_count() {
        let classes = count_classes(3, 5);
        assert_eq!(classes.len(), 3);
        assert_eq!(classes[2].label(), "3");
        assert!(count_classes(0, 5).is_empty());
    }

    #[test]
    fn large_maxima_get_contiguous_round_classes() {
        for max in [6, 10, 37, 100, 999, 123_456] {
            let classes = count_classes(max, 5);
            assert!(
                classes.len() <= 5 && classes.len() >= 2,
                "{max}: {classes:?}"
            );
            assert_eq!(classes[0].min, 1);
            assert_eq!(classes.last().map(|c| c.max), Some(max));
            for pair in classes.windows(2) {
                assert_eq!(pair[0].max + 1, pair[1].min, "{max}: {classes:?}");
            }
            for count in [1, max / 2, max] {
                assert!(class_of(count, &classes).is_some());
            }
            assert_eq!(class_of(0, &classes), None);
        }
        assert_eq!(count_classes(100, 5)[0].label(), "1–3");
    }
}
