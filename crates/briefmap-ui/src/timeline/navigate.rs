//! Pointer navigation of the timeline: drag to pan, wheel to pan, Ctrl/⌘+wheel or pinch to
//! zoom about the pointer, double-click to zoom in, Shift+drag (or brush mode) to brush a time
//! range (Esc abandons it); plus the smooth scroll animation. Produces a new axis each frame,
//! never edits the view model.

use egui::{PointerButton, Rect, Response, Sense};

use super::{TimelineIntent, TimelinePanel};
use briefmap_core::model::DateRange;
use briefmap_core::timeline::{TimeAxis, date_from_day, day_number};

/// Zoom factor of a double-click on the plot.
const DOUBLE_CLICK_ZOOM: f64 = 2.0;

/// Brushes narrower than this are taken as clicks.
const MIN_BRUSH_PX: f64 = 4.0;

impl TimelinePanel {
    pub(super) fn navigate_ui(
        &mut self,
        ui: &mut egui::Ui,
        plot_rect: Rect,
        width: f64,
        intents: &mut Vec<TimelineIntent>,
    ) -> Response {
        let response = ui.interact(
            plot_rect,
            ui.scope_id().with("timeline_plot"),
            Sense::click_and_drag(),
        );
        let to_x = |pos: egui::Pos2| f64::from(pos.x - plot_rect.left());
        let shift = ui.input(|i| i.modifiers.shift);

        if response.drag_started_by(PointerButton::Primary)
            && (self.brush_mode || shift)
            && let Some(pos) = ui.input(|i| i.pointer.press_origin())
        {
            let day = self.axis.px_to_day(to_x(pos));
            self.brush_drag = Some((day, day));
        }
        // Esc abandons a brush being dragged.
        if self.brush_drag.is_some() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.brush_drag = None;
            self.drag_abandoned = true;
        }
        if !response.dragged() {
            self.drag_abandoned = false;
        }
        // Double-click zooms in about the pointer (handy on the density overview).
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let base = self.target_axis.take().unwrap_or(self.axis);
            self.axis = base.zoomed_about(to_x(pos), DOUBLE_CLICK_ZOOM, width);
        }
        if let Some((anchor, _)) = self.brush_drag {
            if let Some(pos) = response.interact_pointer_pos() {
                self.brush_drag = Some((anchor, self.axis.px_to_day(to_x(pos))));
            }
            if (response.drag_stopped() || !response.dragged())
                && let Some((a, b)) = self.brush_drag.take()
            {
                let (lo, hi) = (a.min(b), a.max(b));
                if (hi - lo) / self.axis.days_per_px >= MIN_BRUSH_PX {
                    // Inclusive days: a brush ending exactly on midnight ends the day before.
                    let last = (hi - 1e-9).max(lo);
                    if let (Some(from), Some(to)) = (date_from_day(lo), date_from_day(last)) {
                        intents.push(TimelineIntent::Brush(Some((from, to))));
                    }
                }
            }
        } else if !self.drag_abandoned
            && (response.dragged_by(PointerButton::Primary)
                || response.dragged_by(PointerButton::Middle))
        {
            let dx = f64::from(response.drag_delta().x);
            if dx != 0.0 {
                self.target_axis = None;
                self.axis = self.axis.panned_px(dx);
            }
        }

        if response.hovered() || response.contains_pointer() {
            let (zoom, scroll, pointer) =
                ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
            if zoom != 1.0 {
                let anchor = pointer.map_or(width / 2.0, to_x);
                let base = self.target_axis.take().unwrap_or(self.axis);
                self.axis = base.zoomed_about(anchor, f64::from(zoom), width);
            }
            // Plain wheel and Shift+wheel both pan (egui turns Shift+wheel into x).
            let pan = f64::from(scroll.x + scroll.y);
            if pan != 0.0 {
                self.target_axis = None;
                self.axis = self.axis.panned_px(pan);
            }
        }
        response
    }

    /// Starts a smooth move that brings `date` into view, zooming out if it is wider than the
    /// view. Does nothing when it is already visible.
    pub(super) fn start_scroll_to(&mut self, date: DateRange, width: f64) {
        let first = day_number(date.start);
        let last = day_number(date.end) + 1.0;
        let base = self.target_axis.unwrap_or(self.axis);
        let margin = 40.0 * base.days_per_px;
        if base.shows(first - margin, last + margin, width) {
            return;
        }
        let needed = (last - first) * 1.2;
        let target = if needed > base.days_per_px * width {
            TimeAxis::spanning(
                first - (last - first) * 0.1,
                last + (last - first) * 0.1,
                width,
            )
        } else {
            let center = (first + last) / 2.0;
            TimeAxis {
                start_day: center - base.days_per_px * width / 2.0,
                days_per_px: base.days_per_px,
            }
        };
        self.target_axis = Some(target);
    }

    /// Moves the axis towards the smooth-scroll target.
    pub(super) fn animate(&mut self, ui: &egui::Ui, width: f64) {
        let Some(target) = self.target_axis else {
            return;
        };
        let dt = f64::from(ui.input(|i| i.stable_dt)).clamp(0.001, 0.1);
        let t = 1.0 - (-dt * 12.0).exp();
        let next = self.axis.lerp(&target, t, width);
        let center_px = (next.px_to_day(width / 2.0) - target.px_to_day(width / 2.0)).abs()
            / target.days_per_px;
        let scale_ratio = (next.days_per_px / target.days_per_px).ln().abs();
        if center_px < 0.5 && scale_ratio < 1e-3 {
            self.axis = target;
            self.target_axis = None;
        } else {
            self.axis = next;
            ui.ctx().request_repaint();
        }
    }
}
