//! Map view maths: what centre and zoom level fit a set of points, and the eased flight from
//! one view to another (for "fly to" and "Fit to events").

use super::mercator::{
    UnitPoint, UnitRect, from_unit, to_unit, world_size_px, zoom_for_world_size,
};
use crate::model::GeoPoint;

/// Centre and zoom level of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub center: UnitPoint,
    pub zoom_level: f64,
}

impl View {
    pub fn new(center: GeoPoint, zoom_level: f64) -> Self {
        Self {
            center: to_unit(center),
            zoom_level,
        }
    }

    pub fn center_point(&self) -> GeoPoint {
        from_unit(self.center)
    }
}

/// The view that shows all `points` inside a viewport of `viewport_px` with `padding_px` on
/// each side, zoomed in at most to `max_zoom_level`. `None` for no points.
pub fn view_to_fit(
    points: &[GeoPoint],
    viewport_px: [f32; 2],
    padding_px: f32,
    zoom_range: (f64, f64),
) -> Option<View> {
    let bounds = UnitRect::from_points(points.iter().map(|&point| to_unit(point)));
    if bounds.is_empty() {
        return None;
    }
    let usable_w = f64::from((viewport_px[0] - 2.0 * padding_px).max(32.0));
    let usable_h = f64::from((viewport_px[1] - 2.0 * padding_px).max(32.0));
    let zoom_w = if bounds.width() > 0.0 {
        zoom_for_world_size(usable_w / bounds.width())
    } else {
        f64::INFINITY
    };
    let zoom_h = if bounds.height() > 0.0 {
        zoom_for_world_size(usable_h / bounds.height())
    } else {
        f64::INFINITY
    };
    let zoom_level = zoom_w.min(zoom_h).clamp(zoom_range.0, zoom_range.1);
    Some(View {
        center: bounds.center(),
        zoom_level,
    })
}

/// An eased move from one view to another over `duration_s` seconds of UI time.
#[derive(Debug, Clone, PartialEq)]
pub struct Flight {
    pub from: View,
    pub to: View,
    pub duration_s: f64,
    /// UI time of the first frame; set by the first `view_at`.
    pub started_at_s: Option<f64>,
}

impl Flight {
    pub fn new(from: View, to: View, duration_s: f64) -> Self {
        Self {
            from,
            to,
            duration_s,
            started_at_s: None,
        }
    }

    /// The view at UI time `now_s`, and whether the flight has arrived.
    pub fn view_at(&mut self, now_s: f64) -> (View, bool) {
        let start = *self.started_at_s.get_or_insert(now_s);
        let t = if self.duration_s > 0.0 {
            ((now_s - start) / self.duration_s).clamp(0.0, 1.0)
        } else {
            1.0
        };
        if t >= 1.0 {
            return (self.to, true);
        }
        let eased = ease_in_out_cubic(t);
        let zoom_level = self.from.zoom_level + (self.to.zoom_level - self.from.zoom_level) * eased;
        // Interpolate the centre in pixels of the current zoom so the motion looks even when
        // the zoom changes too: lerp in unit space weighted by the scale at both ends.
        let (w_from, w_to) = (
            world_size_px(self.from.zoom_level),
            world_size_px(self.to.zoom_level),
        );
        let w_now = world_size_px(zoom_level);
        let s = if (w_to - w_from).abs() < 1e-9 {
            eased
        } else {
            // Fraction of the "pixel distance" covered, as in van Wijk & Nuij's smooth zoom.
            ((1.0 / w_from - 1.0 / w_now) / (1.0 / w_from - 1.0 / w_to)).clamp(0.0, 1.0)
        };
        let center = UnitPoint::new(
            self.from.center.x + (self.to.center.x - self.from.center.x) * s,
            self.from.center.y + (self.to.center.y - self.from.center.y) * s,
        );
        (View { center, zoom_level }, false)
    }
}

fn ease_in_out_cubic(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASHGABAT: GeoPoint = GeoPoint::new(37.95, 58.38);
    const ANKARA: GeoPoint = GeoPoint::new(39.93, 32.85);

    #[test]
    fn fitting_two_cities_centres_between_them_and_shows_both() {
        let viewport = [800.0, 500.0];
        let view =
            view_to_fit(&[ASHGABAT, ANKARA], viewport, 40.0, (1.0, 10.0)).expect("points given");
        let centre = view.center_point();
        assert!(centre.lon > 32.85 && centre.lon < 58.38, "{centre:?}");
        assert!(centre.lat > 37.95 && centre.lat < 39.93, "{centre:?}");
        let world = world_size_px(view.zoom_level);
        for city in [ASHGABAT, ANKARA] {
            let dx = (to_unit(city).x - view.center.x) * world;
            assert!(dx.abs() <= 400.0 - 39.0, "{dx}");
        }
        assert!(view_to_fit(&[], viewport, 40.0, (1.0, 10.0)).is_none());
        let single = view_to_fit(&[ANKARA], viewport, 40.0, (1.0, 7.0)).expect("one point");
        assert_eq!(single.zoom_level, 7.0);
    }

    #[test]
    fn flight_starts_at_from_eases_and_arrives() {
        let from = View::new(ANKARA, 4.0);
        let to = View::new(ASHGABAT, 6.0);
        let mut flight = Flight::new(from, to, 0.5);
        let (start, done) = flight.view_at(10.0);
        assert!(!done);
        assert_eq!(start, from);
        let (middle, done) = flight.view_at(10.25);
        assert!(!done);
        assert!(middle.zoom_level > 4.0 && middle.zoom_level < 6.0);
        assert!(middle.center.x > from.center.x && middle.center.x < to.center.x);
        let (end, done) = flight.view_at(10.6);
        assert!(done);
        assert_eq!(end, to);
    }
}
