//! Gathered marker state for the map: unit positions of the caller's markers and their
//! clusters, recomputed only when the markers or the (quantised) zoom level change.

use super::MapMarker;
use briefmap_core::geo::cluster::{ClusterPoint, cluster_points};
use briefmap_core::geo::mercator::{UnitPoint, to_unit, world_size_px};

/// Cell size of the clustering grid, in screen points.
pub const CLUSTER_CELL_PX: f32 = 52.0;

/// Zoom levels are quantised to this step before clustering, so that a wheel zoom does not
/// re-cluster every frame.
const ZOOM_STEP: f64 = 0.25;

/// One drawable group of markers (often a single marker).
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerGroup {
    pub center: UnitPoint,
    /// Indices into the view model's markers, input order.
    pub members: Vec<u32>,
    /// Sum of the members' event counts.
    pub event_count: u64,
    /// Index of the member with most events.
    pub heaviest: u32,
    /// Fill: the members' colour slot if they agree, `None` for a mixed cluster.
    pub slot: Option<u8>,
}

/// Marker positions and clusters, kept between frames.
#[derive(Debug, Default)]
pub struct MarkerCache {
    fingerprint: Option<u64>,
    pub units: Vec<UnitPoint>,
    clustered_at: Option<(u64, u64)>,
    pub groups: Vec<MarkerGroup>,
    /// For each marker, the index of its group.
    pub group_of_marker: Vec<u32>,
}

impl MarkerCache {
    /// Brings positions and clusters up to date for `markers` at `zoom_level`.
    pub fn update(&mut self, markers: &[MapMarker], zoom_level: f64) {
        let fingerprint = fingerprint(markers);
        if self.fingerprint != Some(fingerprint) || self.units.len() != markers.len() {
            self.units = markers.iter().map(|marker| to_unit(marker.point)).collect();
            self.fingerprint = Some(fingerprint);
            self.clustered_at = None;
        }
        let quantised = (zoom_level / ZOOM_STEP).round() * ZOOM_STEP;
        let key = (fingerprint, quantised.to_bits());
        if self.clustered_at == Some(key) {
            return;
        }
        self.clustered_at = Some(key);

        let world_px = world_size_px(quantised);
        let points: Vec<ClusterPoint> = markers
            .iter()
            .zip(&self.units)
            .map(|(marker, unit)| ClusterPoint {
                key: marker.key.0,
                x: (unit.x * world_px) as f32,
                y: (unit.y * world_px) as f32,
                weight: marker.event_count.max(1),
            })
            .collect();
        let clustering = cluster_points(&points, CLUSTER_CELL_PX);
        self.group_of_marker = vec![u32::MAX; markers.len()];
        self.groups = clustering
            .clusters
            .iter()
            .enumerate()
            .map(|(group_index, cluster)| {
                let members = clustering.member_indices(cluster).to_vec();
                for &member in &members {
                    self.group_of_marker[member as usize] = group_index as u32;
                }
                let first_slot = markers[cluster.heaviest as usize].slot;
                let same_slot = members
                    .iter()
                    .all(|&m| markers[m as usize].slot == first_slot);
                MarkerGroup {
                    center: UnitPoint::new(
                        f64::from(cluster.x) / world_px,
                        f64::from(cluster.y) / world_px,
                    ),
                    event_count: members
                        .iter()
                        .map(|&m| u64::from(markers[m as usize].event_count))
                        .sum(),
                    members,
                    heaviest: cluster.heaviest,
                    slot: same_slot.then_some(first_slot),
                }
            })
            .collect();
    }
}

/// A cheap hash of what clustering depends on: keys, positions, counts and colour slots.
fn fingerprint(markers: &[MapMarker]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hash = markers.len() as u64 ^ K;
    let mut mix = |value: u64| {
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(K);
    };
    for marker in markers {
        mix(marker.key.0);
        mix(marker.point.lat.to_bits());
        mix(marker.point.lon.to_bits());
        mix(u64::from(marker.event_count) << 32 | u64::from(marker.slot));
    }
    hash
}

/// Marker radius in points for a number of events.
pub fn radius_px(event_count: u64) -> f32 {
    (5.0 + 2.2 * (event_count.max(1) as f32).sqrt()).min(24.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefmap_core::model::GeoPoint;

    fn marker(key: u64, lat: f64, lon: f64, event_count: u32) -> MapMarker {
        MapMarker {
            key: briefmap_core::app::PlaceKey(key),
            point: GeoPoint::new(lat, lon),
            label: format!("m{key}"),
            event_count,
            slot: 2,
            selected: false,
            hovered: false,
            route: Vec::new(),
        }
    }

    #[test]
    fn nearby_markers_cluster_when_zoomed_out_and_split_when_zoomed_in() {
        // Ashgabat and Mary, ~350 km apart.
        let markers = vec![marker(1, 37.95, 58.38, 2), marker(2, 37.6, 61.83, 1)];
        let mut cache = MarkerCache::default();
        cache.update(&markers, 2.0);
        assert_eq!(cache.groups.len(), 1);
        assert_eq!(cache.groups[0].event_count, 3);
        assert_eq!(cache.groups[0].heaviest, 0);
        assert_eq!(cache.group_of_marker, vec![0, 0]);
        cache.update(&markers, 7.0);
        assert_eq!(cache.groups.len(), 2);
        assert!(radius_px(1) < radius_px(10) && radius_px(10_000) <= 24.0);
    }

    #[test]
    fn fingerprint_tracks_positions_but_not_selection() {
        let mut markers = vec![marker(1, 37.95, 58.38, 2)];
        let before = fingerprint(&markers);
        markers[0].selected = true;
        assert_eq!(fingerprint(&markers), before);
        markers[0].point.lat += 0.1;
        assert_ne!(fingerprint(&markers), before);
    }
}
