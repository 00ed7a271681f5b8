//! Web-Mercator in "unit" coordinates: the whole world is the square [0, 1] × [0, 1], x growing
//! east from the antimeridian and y growing south from 85.05° N. Multiply by the world size in
//! pixels at a zoom level to get map pixels; `UnitToScreen` is the per-frame affine map to the
//! screen.

use crate::model::GeoPoint;
use std::f64::consts::PI;

/// Latitude at which Web-Mercator's square world ends.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// Size of one map tile in pixels at zoom level 0 (the whole world).
pub const TILE_SIZE_PX: f64 = 256.0;

/// A point in Web-Mercator unit coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UnitPoint {
    pub x: f64,
    pub y: f64,
}

impl UnitPoint {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in unit coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitRect {
    pub min: UnitPoint,
    pub max: UnitPoint,
}

impl UnitRect {
    /// The empty rectangle: `extend` it with points.
    pub const NOTHING: UnitRect = UnitRect {
        min: UnitPoint::new(f64::INFINITY, f64::INFINITY),
        max: UnitPoint::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    pub fn from_points(points: impl IntoIterator<Item = UnitPoint>) -> Self {
        let mut rect = Self::NOTHING;
        for point in points {
            rect.extend(point);
        }
        rect
    }

    pub fn extend(&mut self, point: UnitPoint) {
        self.min.x = self.min.x.min(point.x);
        self.min.y = self.min.y.min(point.y);
        self.max.x = self.max.x.max(point.x);
        self.max.y = self.max.y.max(point.y);
    }

    pub fn union(self, other: UnitRect) -> UnitRect {
        UnitRect {
            min: UnitPoint::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: UnitPoint::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn center(&self) -> UnitPoint {
        UnitPoint::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub fn intersects(&self, other: &UnitRect) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    pub fn contains(&self, point: UnitPoint) -> bool {
        self.min.x <= point.x
            && point.x <= self.max.x
            && self.min.y <= point.y
            && point.y <= self.max.y
    }
}

/// Latitude clamped to the band Web-Mercator can show.
pub fn clamp_lat(lat: f64) -> f64 {
    lat.clamp(-MAX_LAT, MAX_LAT)
}

/// Degrees → unit coordinates. Latitudes beyond ±85.05° are clamped to the world's edge.
pub fn to_unit(point: GeoPoint) -> UnitPoint {
    let lat = clamp_lat(point.lat).to_radians();
    let x = (point.lon + 180.0) / 360.0;
    let y = (1.0 - lat.tan().asinh() / PI) / 2.0;
    UnitPoint::new(x, y)
}

/// Unit coordinates → degrees (the inverse of `to_unit` inside the Mercator band).
pub fn from_unit(unit: UnitPoint) -> GeoPoint {
    let lon = unit.x * 360.0 - 180.0;
    let lat = ((1.0 - 2.0 * unit.y) * PI).sinh().atan().to_degrees();
    GeoPoint::new(lat, lon)
}

/// Width (= height) of the whole world in pixels at `zoom_level`.
pub fn world_size_px(zoom_level: f64) -> f64 {
    TILE_SIZE_PX * 2f64.powf(zoom_level)
}

/// Zoom level at which the world is `world_px` pixels wide.
pub fn zoom_for_world_size(world_px: f64) -> f64 {
    (world_px / TILE_SIZE_PX).log2()
}

/// The affine map from unit coordinates to screen pixels for one frame. Computed once from two
/// reference points, then applied to every vertex (cheap enough for 100k vertices a frame).
/// Works in f64 around a centre so that deep zoom levels keep their precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitToScreen {
    /// Pixels per unit, i.e. the world size in pixels.
    pub scale_px: f64,
    /// A unit point and where it lands on screen.
    pub anchor_unit: UnitPoint,
    pub anchor_screen: [f64; 2],
}

impl UnitToScreen {
    /// Builds the map from two (unit, screen) pairs that differ in x. Mercator is conformal, so
    /// one scale serves both axes; `None` if the pairs are degenerate.
    pub fn from_reference_points(
        a_unit: UnitPoint,
        a_screen: [f64; 2],
        b_unit: UnitPoint,
        b_screen: [f64; 2],
    ) -> Option<Self> {
        let du = b_unit.x - a_unit.x;
        if du.abs() < f64::EPSILON || !du.is_finite() {
            return None;
        }
        let scale_px = (b_screen[0] - a_screen[0]) / du;
        (scale_px.is_finite() && scale_px > 0.0).then_some(Self {
            scale_px,
            anchor_unit: a_unit,
            anchor_screen: a_screen,
        })
    }

    /// Screen position of a unit point, as f32 pixels.
    #[inline]
    pub fn apply(&self, unit: UnitPoint) -> [f32; 2] {
        [
            ((unit.x - self.anchor_unit.x) * self.scale_px + self.anchor_screen[0]) as f32,
            ((unit.y - self.anchor_unit.y) * self.scale_px + self.anchor_screen[1]) as f32,
        ]
    }

    /// Unit point under a screen position.
    pub fn invert(&self, screen: [f32; 2]) -> UnitPoint {
        UnitPoint::new(
            (screen[0] as f64 - self.anchor_screen[0]) / self.scale_px + self.anchor_unit.x,
            (screen[1] as f64 - self.anchor_screen[1]) / self.scale_px + self.anchor_unit.y,
        )
    }

    /// The unit rectangle visible in a screen rectangle `[min_x, min_y, max_x, max_y]`.
    pub fn visible_rect(&self, screen: [f32; 4]) -> UnitRect {
        UnitRect {
            min: self.invert([screen[0], screen[1]]),
            max: self.invert([screen[2], screen[3]]),
        }
    }

    /// The zoom level this transform corresponds to.
    pub fn zoom_level(&self) -> f64 {
        zoom_for_world_size(self.scale_px)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_unit_coordinates() {
        for &(lat, lon) in &[
            (0.0, 0.0),
            (37.95, 58.38),
            (39.93, 32.85),
            (-33.9, 151.2),
            (84.9, -179.9),
            (-84.0, 179.0),
        ] {
            let back = from_unit(to_unit(GeoPoint::new(lat, lon)));
            assert!((back.lat - lat).abs() < 1e-9, "{lat} -> {}", back.lat);
            assert!((back.lon - lon).abs() < 1e-9, "{lon} -> {}", back.lon);
        }
    }

    #[test]
    fn unit_square_corners_and_centre() {
        let centre = to_unit(GeoPoint::new(0.0, 0.0));
        assert!((centre.x - 0.5).abs() < 1e-12 && (centre.y - 0.5).abs() < 1e-12);
        let north_west = to_unit(GeoPoint::new(90.0, -180.0));
        assert!(north_west.x.abs() < 1e-12 && north_west.y.abs() < 1e-9);
        let south_east = to_unit(GeoPoint::new(-90.0, 180.0));
        assert!((south_east.x - 1.0).abs() < 1e-12 && (south_east.y - 1.0).abs() < 1e-9);
        // North is up: a northern point has a smaller y.
        assert!(to_unit(GeoPoint::new(50.0, 0.0)).y < to_unit(GeoPoint::new(10.0, 0.0)).y);
    }

    #[test]
    fn screen_transform_round_trips_and_keeps_precision_deep_in() {
        let a = to_unit(GeoPoint::new(40.0, 55.0));
        let scale_px = world_size_px(16.0);
        let b = UnitPoint::new(a.x + 100.0 / scale_px, a.y);
        let map = UnitToScreen::from_reference_points(a, [400.0, 300.0], b, [500.0, 300.0])
            .expect("valid reference points");
        assert!((map.zoom_level() - 16.0).abs() < 1e-6);
        let p = UnitPoint::new(a.x + 3.0 / scale_px, a.y - 7.0 / scale_px);
        let screen = map.apply(p);
        assert!((screen[0] - 403.0).abs() < 1e-3 && (screen[1] - 293.0).abs() < 1e-3);
        let back = map.invert(screen);
        assert!((back.x - p.x).abs() * scale_px < 1e-3);
        assert!((back.y - p.y).abs() * scale_px < 1e-3);
        assert!(UnitToScreen::from_reference_points(a, [0.0, 0.0], a, [1.0, 0.0]).is_none());
    }

    #[test]
    fn rect_operations() {
        let rect = UnitRect::from_points([UnitPoint::new(0.2, 0.3), UnitPoint::new(0.4, 0.1)]);
        assert!(!rect.is_empty());
        assert!(UnitRect::NOTHING.is_empty());
        assert!(rect.contains(UnitPoint::new(0.3, 0.2)));
        assert!(!rect.contains(UnitPoint::new(0.5, 0.2)));
        let other = UnitRect::from_points([UnitPoint::new(0.39, 0.29), UnitPoint::new(0.6, 0.6)]);
        assert!(rect.intersects(&other));
        assert!((rect.union(other).width() - 0.4).abs() < 1e-12);
    }
}
