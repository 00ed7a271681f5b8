//! Plane polygon helpers in unit coordinates: area, point-in-polygon (outline with holes) and
//! a label point (pole of inaccessibility, as in mapbox's polylabel).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::mercator::{UnitPoint, UnitRect};

/// A polygon: the first ring is the outline, the others are holes. Rings need not be closed.
pub type PolygonRings = [Vec<UnitPoint>];

/// Signed area of a ring (shoelace formula).
pub fn ring_signed_area(ring: &[UnitPoint]) -> f64 {
    if ring.len() < 3 {
        return 0.0;
    }
    let mut sum = 0.0;
    let mut previous = ring[ring.len() - 1];
    for &point in ring {
        sum += (previous.x - point.x) * (previous.y + point.y);
        previous = point;
    }
    sum / 2.0
}

/// Area of a polygon: its outline minus its holes.
pub fn polygon_area(rings: &PolygonRings) -> f64 {
    let mut rings = rings.iter();
    let outline = rings
        .next()
        .map_or(0.0, |ring| ring_signed_area(ring).abs());
    outline - rings.map(|ring| ring_signed_area(ring).abs()).sum::<f64>()
}

/// Area of a triangle.
pub fn triangle_area(a: UnitPoint, b: UnitPoint, c: UnitPoint) -> f64 {
    ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)).abs() / 2.0
}

/// Whether `point` is inside the polygon (even-odd rule over all rings, so holes are outside).
pub fn polygon_contains(rings: &PolygonRings, point: UnitPoint) -> bool {
    let mut inside = false;
    for ring in rings {
        if ring.len() < 3 {
            continue;
        }
        let mut j = ring.len() - 1;
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[j]);
            if (a.y > point.y) != (b.y > point.y)
                && point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x
            {
                inside = !inside;
            }
            j = i;
        }
    }
    inside
}

/// Signed distance from `point` to the polygon's boundary: positive inside, negative outside.
fn signed_distance(rings: &PolygonRings, point: UnitPoint) -> f64 {
    let mut min_sq = f64::INFINITY;
    for ring in rings {
        if ring.is_empty() {
            continue;
        }
        let mut previous = ring[ring.len() - 1];
        for &current in ring {
            min_sq = min_sq.min(segment_distance_sq(point, previous, current));
            previous = current;
        }
    }
    let distance = min_sq.sqrt();
    if polygon_contains(rings, point) {
        distance
    } else {
        -distance
    }
}

fn segment_distance_sq(p: UnitPoint, a: UnitPoint, b: UnitPoint) -> f64 {
    let (mut x, mut y) = (a.x, a.y);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    if dx != 0.0 || dy != 0.0 {
        let t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy);
        if t > 1.0 {
            x = b.x;
            y = b.y;
        } else if t > 0.0 {
            x += dx * t;
            y += dy * t;
        }
    }
    (p.x - x).powi(2) + (p.y - y).powi(2)
}

struct Cell {
    center: UnitPoint,
    half: f64,
    distance: f64,
    max_distance: f64,
}

impl Cell {
    fn new(center: UnitPoint, half: f64, rings: &PolygonRings) -> Self {
        let distance = signed_distance(rings, center);
        Self {
            center,
            half,
            distance,
            max_distance: distance + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.max_distance == other.max_distance
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> Ordering {
        self.max_distance.total_cmp(&other.max_distance)
    }
}

/// The point inside the polygon farthest from its boundary, found to within
/// `precision_fraction` of the polygon's larger side. A good spot for a label.
pub fn pole_of_inaccessibility(rings: &PolygonRings, precision_fraction: f64) -> UnitPoint {
    let Some(outline) = rings.first() else {
        return UnitPoint::default();
    };
    let bounds = UnitRect::from_points(outline.iter().copied());
    if bounds.is_empty() {
        return UnitPoint::default();
    }
    // Never more than 64 cells along the long side, however thin the polygon.
    let long_side = bounds.width().max(bounds.height());
    let cell_size = bounds.width().min(bounds.height()).max(long_side / 64.0);
    if cell_size <= 0.0 {
        return bounds.min;
    }
    let precision = bounds.width().max(bounds.height()) * precision_fraction;
    let half = cell_size / 2.0;

    let mut queue = BinaryHeap::new();
    let mut x = bounds.min.x;
    while x < bounds.max.x {
        let mut y = bounds.min.y;
        while y < bounds.max.y {
            queue.push(Cell::new(UnitPoint::new(x + half, y + half), half, rings));
            y += cell_size;
        }
        x += cell_size;
    }

    let mut best = Cell::new(
        area_centroid(outline).unwrap_or(bounds.center()),
        0.0,
        rings,
    );
    let bbox_cell = Cell::new(bounds.center(), 0.0, rings);
    if bbox_cell.distance > best.distance {
        best = bbox_cell;
    }

    let mut iterations = 0;
    while let Some(cell) = queue.pop() {
        iterations += 1;
        if cell.distance > best.distance {
            best = Cell::new(cell.center, 0.0, rings);
        }
        if cell.max_distance - best.distance <= precision || iterations > 10_000 {
            continue;
        }
        let half = cell.half / 2.0;
        for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            let center = UnitPoint::new(cell.center.x + dx * half, cell.center.y + dy * half);
            queue.push(Cell::new(center, half, rings));
        }
    }
    best.center
}

/// Area-weighted centroid of a ring, `None` for a degenerate ring.
pub fn area_centroid(ring: &[UnitPoint]) -> Option<UnitPoint> {
    let (mut cx, mut cy, mut area2) = (0.0, 0.0, 0.0);
    if ring.len() < 3 {
        return None;
    }
    let mut previous = ring[ring.len() - 1];
    for &point in ring {
        let cross = previous.x * point.y - point.x * previous.y;
        cx += (previous.x + point.x) * cross;
        cy += (previous.y + point.y) * cross;
        area2 += cross;
        previous = point;
    }
    (area2.abs() > f64::EPSILON * 1e-6)
        .then(|| UnitPoint::new(cx / (3.0 * area2), cy / (3.0 * area2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, side: f64) -> Vec<UnitPoint> {
        vec![
            UnitPoint::new(x0, y0),
            UnitPoint::new(x0 + side, y0),
            UnitPoint::new(x0 + side, y0 + side),
            UnitPoint::new(x0, y0 + side),
        ]
    }

    #[test]
    fn area_subtracts_holes() {
        let rings = vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 1.0)];
        assert!((polygon_area(&rings) - 15.0).abs() < 1e-12);
        assert!(
            (triangle_area(
                UnitPoint::new(0.0, 0.0),
                UnitPoint::new(2.0, 0.0),
                UnitPoint::new(0.0, 3.0)
            ) - 3.0)
                .abs()
                < 1e-12
        );
    }

    #[test]
    fn containment_respects_holes() {
        let rings = vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 1.0)];
        assert!(polygon_contains(&rings, UnitPoint::new(3.0, 3.0)));
        assert!(!polygon_contains(&rings, UnitPoint::new(1.5, 1.5)));
        assert!(!polygon_contains(&rings, UnitPoint::new(5.0, 1.0)));
    }

    #[test]
    fn pole_of_an_l_shape_is_inside_it() {
        // An L whose centroid falls outside it (in the notch).
        let l_shape = vec![vec![
            UnitPoint::new(0.0, 0.0),
            UnitPoint::new(10.0, 0.0),
            UnitPoint::new(10.0, 1.0),
            UnitPoint::new(1.0, 1.0),
            UnitPoint::new(1.0, 10.0),
            UnitPoint::new(0.0, 10.0),
        ]];
        let pole = pole_of_inaccessibility(&l_shape, 0.01);
        assert!(polygon_contains(&l_shape, pole), "{pole:?}");
        let centroid = area_centroid(&l_shape[0]).expect("non-degenerate");
        assert!(!polygon_contains(&l_shape, centroid));
    }
}
