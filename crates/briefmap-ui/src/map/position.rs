//! The one place where our `GeoPoint { lat, lon }` meets walkers' `Position` (x = lon, y = lat).

use briefmap_core::geo::mercator::{UnitToScreen, to_unit};
use briefmap_core::model::GeoPoint;

/// Our point → walkers' position.
pub fn to_position(point: GeoPoint) -> walkers::Position {
    walkers::lon_lat(point.lon, point.lat)
}

/// Walkers' position → our point.
pub fn from_position(position: walkers::Position) -> GeoPoint {
    GeoPoint::new(position.y(), position.x())
}

/// This frame's affine map from Web-Mercator unit coordinates to screen points, taken from the
/// projector at two reference points 100 pt apart around the map's centre.
pub fn unit_to_screen(projector: &walkers::Projector) -> Option<UnitToScreen> {
    let center = projector.clip_rect().center();
    let a_screen = [f64::from(center.x), f64::from(center.y)];
    let b_screen = [a_screen[0] + 100.0, a_screen[1]];
    let a = to_unit(from_position(projector.unproject(center.to_vec2())));
    let b = to_unit(from_position(
        projector.unproject(center.to_vec2() + egui::vec2(100.0, 0.0)),
    ));
    UnitToScreen::from_reference_points(a, a_screen, b, b_screen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latitude_and_longitude_keep_their_roles() {
        let ashgabat = GeoPoint::new(37.95, 58.38);
        let position = to_position(ashgabat);
        assert_eq!(position.x(), 58.38);
        assert_eq!(position.y(), 37.95);
        assert_eq!(from_position(position), ashgabat);
    }
}
