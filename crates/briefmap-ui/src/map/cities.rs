//! City labels in drawing order (most populous first) with their unit positions, rebuilt only
//! when the caller hands over a different list.

use std::sync::Arc;

use super::MapLabel;
use briefmap_core::geo::mercator::{UnitPoint, to_unit};

/// Sorted view of the caller's city labels.
#[derive(Debug, Default)]
pub struct CityIndex {
    source: Option<Arc<Vec<MapLabel>>>,
    /// Indices into the labels, by population, largest first (ties: input order).
    pub order: Vec<u32>,
    pub units: Vec<UnitPoint>,
}

impl CityIndex {
    pub fn update(&mut self, labels: &Arc<Vec<MapLabel>>) {
        if self
            .source
            .as_ref()
            .is_some_and(|source| Arc::ptr_eq(source, labels))
        {
            return;
        }
        let mut order: Vec<u32> = (0..labels.len() as u32).collect();
        order.sort_by(|&a, &b| {
            labels[b as usize]
                .population
                .cmp(&labels[a as usize].population)
                .then(a.cmp(&b))
        });
        self.units = labels.iter().map(|label| to_unit(label.point)).collect();
        self.order = order;
        self.source = Some(Arc::clone(labels));
    }

    pub fn labels(&self) -> &[MapLabel] {
        self.source.as_ref().map_or(&[], |labels| labels.as_slice())
    }
}

/// Smallest population whose name is shown at `zoom_level`.
pub fn min_population(zoom_level: f64) -> u64 {
    match zoom_level {
        z if z < 3.0 => u64::MAX,
        z if z < 4.0 => 3_000_000,
        z if z < 5.0 => 1_000_000,
        z if z < 6.0 => 400_000,
        z if z < 7.0 => 120_000,
        z if z < 8.0 => 40_000,
        z if z < 9.0 => 10_000,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefmap_core::model::GeoPoint;

    #[test]
    fn sorted_by_population_and_cached_by_pointer() {
        let labels = Arc::new(vec![
            MapLabel {
                name: "Mary".into(),
                point: GeoPoint::new(37.6, 61.83),
                population: 126_000,
            },
            MapLabel {
                name: "Ashgabat".into(),
                point: GeoPoint::new(37.95, 58.38),
                population: 1_000_000,
            },
        ]);
        let mut index = CityIndex::default();
        index.update(&labels);
        assert_eq!(index.order, vec![1, 0]);
        assert_eq!(index.labels()[index.order[0] as usize].name, "Ashgabat");
        assert!(min_population(4.5) > min_population(6.5));
        assert_eq!(min_population(2.0), u64::MAX);
    }
}
