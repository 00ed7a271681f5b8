//! Screen-space grid clustering of map markers. Points are binned into square cells of
//! `cell_size_px` (anchored at the origin of the coordinates given, so clusters stay put while
//! the map pans if world pixels are passed), then each heavy cell absorbs neighbouring cells
//! whose centres are closer than one cell. Deterministic, linear time, no allocation per point.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A multiply-rotate hasher for cell coordinates: far cheaper than SipHash, and cell keys are
/// not attacker-controlled.
#[derive(Default)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(26) ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_i64(&mut self, value: i64) {
        self.write_u64(value as u64);
    }
}

type CellMap = HashMap<(i64, i64), u32, BuildHasherDefault<CellHasher>>;

/// A marker to cluster: its key, its position in pixels and its weight (e.g. event count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    pub key: u64,
    pub x: f32,
    pub y: f32,
    pub weight: u32,
}

/// A group of markers drawn as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Weighted centre of the members, in the input's pixel coordinates.
    pub x: f32,
    pub y: f32,
    /// Sum of the members' weights.
    pub weight: u64,
    /// Index of the heaviest member in the input (first one on ties).
    pub heaviest: u32,
    members: Range<usize>,
}

impl Cluster {
    /// Number of markers in the cluster.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// The result of `cluster_points`: clusters in order of their first member in the input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    pub clusters: Vec<Cluster>,
    member_indices: Vec<u32>,
    member_keys: Vec<u64>,
}

impl Clustering {
    /// Indices into the input slice of the cluster's members, in input order.
    pub fn member_indices(&self, cluster: &Cluster) -> &[u32] {
        &self.member_indices[cluster.members.clone()]
    }

    /// Keys of the cluster's members, in input order.
    pub fn member_keys(&self, cluster: &Cluster) -> &[u64] {
        &self.member_keys[cluster.members.clone()]
    }
}

/// Cell → cluster lookup: a dense grid when the points' cell range is small, a hash map
/// otherwise.
enum CellIndex {
    Dense {
        min: (i64, i64),
        width: i64,
        height: i64,
        slots: Vec<u32>,
    },
    Sparse(CellMap),
}

const NONE: u32 = u32::MAX;

impl CellIndex {
    fn new(min: (i64, i64), max: (i64, i64), points: usize) -> Self {
        let width = max.0 - min.0 + 1;
        let height = max.1 - min.1 + 1;
        let cells = width.checked_mul(height).unwrap_or(i64::MAX);
        let budget = (points as i64).saturating_mul(4).max(1 << 16);
        if cells <= budget {
            CellIndex::Dense {
                min,
                width,
                height,
                slots: vec![NONE; cells as usize],
            }
        } else {
            CellIndex::Sparse(CellMap::with_capacity_and_hasher(
                points / 2,
                BuildHasherDefault::default(),
            ))
        }
    }

    fn slot(&self, cell: (i64, i64)) -> Option<usize> {
        match self {
            CellIndex::Dense {
                min, width, height, ..
            } => {
                let (x, y) = (cell.0 - min.0, cell.1 - min.1);
                (x >= 0 && y >= 0 && x < *width && y < *height).then(|| (y * width + x) as usize)
            }
            CellIndex::Sparse(_) => None,
        }
    }

    fn get(&self, cell: (i64, i64)) -> u32 {
        match self {
            CellIndex::Dense { slots, .. } => self.slot(cell).map_or(NONE, |slot| slots[slot]),
            CellIndex::Sparse(map) => map.get(&cell).copied().unwrap_or(NONE),
        }
    }

    fn get_or_insert(&mut self, cell: (i64, i64), next: u32) -> u32 {
        let slot = self.slot(cell);
        match self {
            CellIndex::Dense { slots, .. } => {
                let Some(slot) = slot else { return NONE };
                if slots[slot] == NONE {
                    slots[slot] = next;
                }
                slots[slot]
            }
            CellIndex::Sparse(map) => *map.entry(cell).or_insert(next),
        }
    }
}

struct CellCluster {
    cell: (i64, i64),
    sum_x: f64,
    sum_y: f64,
    sum_w: f64,
    weight: u64,
    heaviest: u32,
    heaviest_weight: u32,
}

impl CellCluster {
    fn centre(&self) -> (f64, f64) {
        (self.sum_x / self.sum_w, self.sum_y / self.sum_w)
    }
}

/// Groups points that are close on screen. Points with non-finite coordinates are left out.
pub fn cluster_points(points: &[ClusterPoint], cell_size_px: f32) -> Clustering {
    let cell_size = f64::from(cell_size_px.max(1.0));
    let cell_of = |point: &ClusterPoint| -> Option<(i64, i64)> {
        (point.x.is_finite() && point.y.is_finite()).then(|| {
            (
                (f64::from(point.x) / cell_size).floor() as i64,
                (f64::from(point.y) / cell_size).floor() as i64,
            )
        })
    };

    let (mut min, mut max) = ((i64::MAX, i64::MAX), (i64::MIN, i64::MIN));
    for cell in points.iter().filter_map(cell_of) {
        min = (min.0.min(cell.0), min.1.min(cell.1));
        max = (max.0.max(cell.0), max.1.max(cell.1));
    }
    if min.0 > max.0 {
        return Clustering::default();
    }

    // 1. Bin points into cells, numbering cells by first appearance.
    let mut index = CellIndex::new(min, max, points.len());
    let mut cells: Vec<CellCluster> = Vec::new();
    let mut point_cell = vec![NONE; points.len()];
    for (i, point) in points.iter().enumerate() {
        let Some(cell) = cell_of(point) else { continue };
        let id = index.get_or_insert(cell, cells.len() as u32);
        if id as usize == cells.len() {
            cells.push(CellCluster {
                cell,
                sum_x: 0.0,
                sum_y: 0.0,
                sum_w: 0.0,
                weight: 0,
                heaviest: i as u32,
                heaviest_weight: point.weight,
            });
        }
        let entry = &mut cells[id as usize];
        let w = f64::from(point.weight.max(1));
        entry.sum_x += f64::from(point.x) * w;
        entry.sum_y += f64::from(point.y) * w;
        entry.sum_w += w;
        entry.weight += u64::from(point.weight);
        if point.weight > entry.heaviest_weight {
            entry.heaviest = i as u32;
            entry.heaviest_weight = point.weight;
        }
        point_cell[i] = id;
    }

    // 2. Heavy cells absorb close neighbours (one level, heaviest first, ties by id).
    let mut order: Vec<u32> = (0..cells.len() as u32).collect();
    order.sort_by(|&a, &b| {
        cells[b as usize]
            .weight
            .cmp(&cells[a as usize].weight)
            .then(a.cmp(&b))
    });
    let mut root = vec![NONE; cells.len()];
    let limit_sq = cell_size * cell_size;
    for &id in &order {
        if root[id as usize] != NONE {
            continue;
        }
        root[id as usize] = id;
        let (cx, cy) = cells[id as usize].centre();
        let (gx, gy) = cells[id as usize].cell;
        for dy in -1..=1 {
            for dx in -1..=1 {
                if dx == 0 && dy == 0 {
                    continue;
                }
                let other = index.get((gx + dx, gy + dy));
                if other == NONE || root[other as usize] != NONE {
                    continue;
                }
                let (ox, oy) = cells[other as usize].centre();
                if (ox - cx).powi(2) + (oy - cy).powi(2) < limit_sq {
                    root[other as usize] = id;
                }
            }
        }
    }

    // 3. Sum up roots and lay out members (counting sort keeps input order).
    let mut output_of_root = vec![NONE; cells.len()];
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut sums: Vec<(f64, f64, f64)> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for (i, &cell) in point_cell.iter().enumerate() {
        if cell == NONE {
            continue;
        }
        let r = root[cell as usize] as usize;
        if output_of_root[r] == NONE {
            output_of_root[r] = clusters.len() as u32;
            clusters.push(Cluster {
                x: 0.0,
                y: 0.0,
                weight: 0,
                heaviest: i as u32,
                members: 0..0,
            });
            sums.push((0.0, 0.0, 0.0));
            counts.push(0);
        }
        let out = output_of_root[r] as usize;
        let point = &points[i];
        let w = f64::from(point.weight.max(1));
        sums[out].0 += f64::from(point.x) * w;
        sums[out].1 += f64::from(point.y) * w;
        sums[out].2 += w;
        let cluster = &mut clusters[out];
        cluster.weight += u64::from(point.weight);
        if point.weight > points[cluster.heaviest as usize].weight {
            cluster.heaviest = i as u32;
        }
        counts[out] += 1;
    }
    let mut start = 0;
    for ((cluster, &(sx, sy, sw)), &count) in clusters.iter_mut().zip(&sums).zip(&counts) {
        cluster.x = (sx / sw) as f32;
        cluster.y = (sy / sw) as f32;
        cluster.members = start..start + count;
        start += count;
    }
    let mut fill: Vec<usize> = clusters.iter().map(|c| c.members.start).collect();
    let mut member_indices = vec![0u32; start];
    let mut member_keys = vec![0u64; start];
    for (i, &cell) in point_cell.iter().enumerate() {
        if cell == NONE {
            continue;
        }
        let out = output_of_root[root[cell as usize] as usize] as usize;
        member_indices[fill[out]] = i as u32;
        member_keys[fill[out]] = points[i].key;
        fill[out] += 1;
    }

    Clustering {
        clusters,
        member_indices,
        member_keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(key: u64, x: f32, y: f32, weight: u32) -> ClusterPoint {
        ClusterPoint { key, x, y, weight }
    }

    #[test]
    fn far_points_stay_apart_and_close_points_merge() {
        let points = [
            point(1, 10.0, 10.0, 1),
            point(2, 500.0, 500.0, 2),
            point(3, 12.0, 14.0, 3),
            point(4, 15.0, 11.0, 1),
        ];
        let result = cluster_points(&points, 40.0);
        assert_eq!(result.clusters.len(), 2);
        let first = &result.clusters[0];
        assert_eq!(result.member_keys(first), &[1, 3, 4]);
        assert_eq!(result.member_indices(first), &[0, 2, 3]);
        assert_eq!(first.weight, 5);
        assert_eq!(first.heaviest, 2);
        // Weighted centre: (10*1 + 12*3 + 15*1) / 5.
        assert!((first.x - 61.0 / 5.0).abs() < 1e-4);
        assert_eq!(result.member_keys(&result.clusters[1]), &[2]);
        assert_eq!(result.clusters[1].len(), 1);
    }

    #[test]
    fn neighbours_across_a_cell_edge_merge() {
        // 39 and 41 fall in different 40 px cells but are 2 px apart.
        let points = [point(1, 39.0, 5.0, 1), point(2, 41.0, 5.0, 1)];
        let result = cluster_points(&points, 40.0);
        assert_eq!(result.clusters.len(), 1);
        assert_eq!(result.clusters[0].len(), 2);
    }

    #[test]
    fn deterministic_and_complete_on_many_points() {
        let points: Vec<ClusterPoint> = (0..20_000u64)
            .map(|i| {
                let x = ((i * 7919) % 1000) as f32 * 1.3;
                let y = ((i * 104_729) % 800) as f32 * 0.9;
                point(i, x, y, (i % 5) as u32 + 1)
            })
            .collect();
        let a = cluster_points(&points, 48.0);
        let b = cluster_points(&points, 48.0);
        assert_eq!(a, b);
        let members: usize = a.clusters.iter().map(Cluster::len).sum();
        assert_eq!(members, points.len());
        let weight: u64 = a.clusters.iter().map(|c| c.weight).sum();
        assert_eq!(
            weight,
            points.iter().map(|p| u64::from(p.weight)).sum::<u64>()
        );
        // Every member lies within two cells of its cluster's centre.
        for cluster in &a.clusters {
            for &i in a.member_indices(cluster) {
                let p = points[i as usize];
                assert!((p.x - cluster.x).abs() < 96.0 && (p.y - cluster.y).abs() < 96.0);
            }
        }
    }

    #[test]
    fn sparse_world_coordinates_and_bad_points() {
        let points = [
            point(1, 0.0, 0.0, 1),
            point(2, 3.0e7, 3.0e7, 1),
            point(3, f32::NAN, 1.0, 1),
        ];
        let result = cluster_points(&points, 40.0);
        assert_eq!(result.clusters.len(), 2);
        assert!(cluster_points(&[], 40.0).clusters.is_empty());
    }
}
