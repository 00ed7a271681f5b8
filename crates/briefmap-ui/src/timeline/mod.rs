//! The timeline panel: a zoomable, pannable time axis on which the events of the view model are
//! drawn as stacked cards (or a density band when too many are in view), with optional swim
//! lanes, an "Undated" tray, hover/selection and time-range brushing. The maths lives in
//! [`briefmap_core::timeline`]; this module handles input, caches per data generation, and paints.
//! It never changes app state: it returns [`TimelineIntent`]s for the shell to apply.
//!
//! ```text
//! // Once, at start-up (settings come from the persisted app state):
//! let mut timeline = TimelinePanel::new(saved.timeline.clone());
//! // Every frame, with the view model rebuilt (and `generation` bumped) when data change:
//! for intent in timeline.timeline_ui(ui, &vm, generation) {
//!     match intent {
//!         TimelineIntent::Select(key) => commands.push(Command::Select(key)),
//!         TimelineIntent::Hover(key) => commands.push(Command::Hover(key)),
//!         TimelineIntent::Brush(range) => commands.push(Command::SetTimeBrush(range)),
//!     }
//! }
//! // When the selection changes elsewhere: timeline.scroll_to(event_date);
//! // On save: saved.timeline = timeline.settings();
//! ```

mod cache;
mod navigate;
mod paint;
mod tray;

use chrono::NaiveDate;
use egui::{Color32, FontId, Rect, Sense, Vec2};
use serde::{Deserialize, Serialize};

use briefmap_core::app::EventKey;
use briefmap_core::app::saved_view::TimeWindow;
use briefmap_core::model::DateRange;
use briefmap_core::timeline::{LayoutParams, TimeAxis, day_number};
use cache::{FrameCache, FrameKey, ItemIndex};

pub use briefmap_core::app::view::timeline::{TimelineItem, TimelineViewModel};

/// What the user asked for through the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineIntent {
    Select(EventKey),
    /// The pointer moved onto an item (`Some`) or off all items (`None`).
    Hover(Option<EventKey>),
    /// A brushed time range (inclusive days) or `None` to clear it.
    Brush(Option<(NaiveDate, NaiveDate)>),
}

/// The persisted part of the timeline: where it looks and how.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct TimelineSettings {
    /// The visible window; `None` fits all items on the first frame.
    pub axis: Option<TimeAxis>,
    /// Show swim lanes when the view model has some.
    pub lanes_on: bool,
    /// Plain drags brush a time range instead of panning.
    pub brush_mode: bool,
}

impl Default for TimelineSettings {
    fn default() -> Self {
        Self {
            axis: None,
            lanes_on: true,
            brush_mode: false,
        }
    }
}

/// Card geometry in points.
pub(crate) const CARD_HEIGHT: f32 = 20.0;
pub(crate) const ROW_PITCH: f32 = 24.0;
pub(crate) const AXIS_HEIGHT: f32 = 36.0;
pub(crate) const DENSITY_HEIGHT: f32 = 18.0;
pub(crate) const LANE_GUTTER: f32 = 118.0;
/// A lane shows at least one row of cards.
pub(crate) const MIN_LANE_HEIGHT: f32 = ROW_PITCH + 10.0;
pub(crate) const TRAY_HEIGHT: f32 = 30.0;
pub(crate) const LABEL_FONT_SIZE: f32 = 12.5;
/// Zoom step of the +/− buttons.
const BUTTON_ZOOM: f64 = 1.6;
/// Room kept clear at both ends of the view by "fit all".
const FIT_MARGIN_PX: f64 = 24.0;

/// Width of a card label in `font`.
fn label_width(ui: &egui::Ui, font: &FontId, label: &str) -> f32 {
    ui.fonts_mut(|f| {
        f.layout_no_wrap(label.to_owned(), font.clone(), Color32::PLACEHOLDER)
            .size()
            .x
    })
}

/// The timeline widget. Keep one per window and call [`TimelinePanel::timeline_ui`] every
/// frame.
pub struct TimelinePanel {
    axis: TimeAxis,
    lanes_on: bool,
    brush_mode: bool,
    fit_pending: bool,
    /// Smooth-scroll destination.
    target_axis: Option<TimeAxis>,
    /// A `scroll_to` waiting for the plot width to be known.
    scroll_request: Option<DateRange>,
    /// A `show_window` waiting for the next frame's plot width.
    window_request: Option<TimeWindow>,
    /// Brush being dragged: (anchor day, current day).
    brush_drag: Option<(f64, f64)>,
    /// The current drag was a brush abandoned with Esc: it must not turn into a pan.
    drag_abandoned: bool,
    last_hover: Option<EventKey>,
    last_width_px: f32,
    /// (generation, selected key) → position of the selected item in `vm.items`.
    selected_lookup: Option<(u64, EventKey, Option<u32>)>,
    index: Option<ItemIndex>,
    frame: Option<FrameCache>,
}

impl TimelinePanel {
    pub fn new(settings: TimelineSettings) -> Self {
        Self {
            fit_pending: settings.axis.is_none(),
            axis: settings.axis.unwrap_or_default(),
            lanes_on: settings.lanes_on,
            brush_mode: settings.brush_mode,
            target_axis: None,
            scroll_request: None,
            window_request: None,
            brush_drag: None,
            drag_abandoned: false,
            last_hover: None,
            last_width_px: 0.0,
            selected_lookup: None,
            index: None,
            frame: None,
        }
    }

    /// The state to persist.
    pub fn settings(&self) -> TimelineSettings {
        TimelineSettings {
            axis: Some(self.target_axis.unwrap_or(self.axis)),
            lanes_on: self.lanes_on,
            brush_mode: self.brush_mode,
        }
    }

    /// The current axis (for tests and for the shell's status line).
    pub fn axis(&self) -> TimeAxis {
        self.axis
    }

    /// Jumps to `axis` (no animation).
    pub fn set_axis(&mut self, axis: TimeAxis) {
        self.axis = axis;
        self.target_axis = None;
        self.fit_pending = false;
    }

    /// The days in view, as the core describes them (saved views); `None` before the first
    /// frame.
    pub fn window(&self) -> Option<TimeWindow> {
        if let Some(w) = self.window_request {
            return Some(w);
        }
        let width = f64::from(self.last_width_px);
        (width > 0.0)
            .then(|| TimeWindow::of_axis(&self.target_axis.unwrap_or(self.axis), width))
            .flatten()
    }

    /// From the next frame on, show exactly `window` (a recalled view), whatever was pending.
    pub fn show_window(&mut self, window: TimeWindow) {
        self.window_request = Some(window);
        self.scroll_request = None;
    }

    /// On the next frame, fit all dated items.
    pub fn fit_all(&mut self) {
        self.fit_pending = true;
        self.target_axis = None;
    }

    /// Bring `date` into view (smoothly); nothing moves if it is already visible.
    pub fn scroll_to(&mut self, date: DateRange) {
        self.scroll_request = Some(date);
    }

    /// Draws the timeline into all of `ui`'s available space and returns what the user asked
    /// for. `vm_generation` must change whenever `vm.items` or `vm.lanes` change.
    pub fn timeline_ui(
        &mut self,
        ui: &mut egui::Ui,
        vm: &TimelineViewModel,
        vm_generation: u64,
    ) -> Vec<TimelineIntent> {
        let mut intents = Vec::new();
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let char_width_px = ui.fonts_mut(|f| f.glyph_width(&font, 'n')).max(1.0);
        if !self
            .index
            .as_ref()
            .is_some_and(|i| i.is_current(vm, vm_generation, char_width_px))
        {
            self.index = Some(ItemIndex::build(vm, vm_generation, char_width_px));
        }
        let Some(mut index) = self.index.take() else {
            return intents;
        };

        let lanes_on = self.lanes_on && !vm.lanes.is_empty();
        let toolbar = self.toolbar_ui(ui, vm, &index, &mut intents);

        let tray_height = if index.undated.is_empty() {
            0.0
        } else {
            TRAY_HEIGHT + ui.spacing().item_spacing.y
        };
        let avail = ui.available_size();
        let canvas_size = Vec2::new(avail.x.max(200.0), (avail.y - tray_height).max(140.0));
        let (canvas_rect, _) = ui.allocate_exact_size(canvas_size, Sense::hover());
        let gutter = if lanes_on { LANE_GUTTER } else { 0.0 };
        let plot_rect =
            Rect::from_min_max(canvas_rect.min + Vec2::new(gutter, 0.0), canvas_rect.max);
        let width_px = plot_rect.width();
        self.last_width_px = width_px;
        let width = f64::from(width_px);

        // Lanes that do not fit at one row each are merged into the last one.
        let lanes_rect = paint::lanes_rect(plot_rect);
        let lane_count = if lanes_on {
            let fitting = (lanes_rect.height() / MIN_LANE_HEIGHT).floor().max(1.0) as usize;
            vm.lanes.len().min(fitting) as u32
        } else {
            1
        };
        let lane_height = lanes_rect.height() / lane_count as f32;
        let max_rows = (((lane_height - 8.0) / ROW_PITCH).floor() as u32).max(1);
        let selected_index = self.selected_index(vm, vm_generation);
        let params = LayoutParams {
            width_px: width,
            lane_count,
            max_rows_per_lane: max_rows,
            pinned_item: selected_index,
            max_label_px: cache::MAX_LABEL_PX,
            ..LayoutParams::default()
        };

        // Navigation: toolbar buttons, fit, scroll requests, pointer, animation.
        // A fit waits until there is something to fit.
        if let Some(window) = self.window_request.take() {
            self.axis = window.axis(width);
            self.target_axis = None;
            self.fit_pending = false;
        }
        if self.fit_pending && !index.days.is_empty() {
            self.fit_pending = false;
            let measure = |label: &str| label_width(ui, &font, label);
            self.axis = cache::fit_all(&mut index, vm, &params, FIT_MARGIN_PX, measure)
                .unwrap_or(self.axis);
        }
        if let Some(factor) = toolbar.zoom_factor {
            let base = self.target_axis.take().unwrap_or(self.axis);
            self.axis = base.zoomed_about(width / 2.0, factor, width);
        }
        if let Some(date) = self.scroll_request.take() {
            self.start_scroll_to(date, width);
        }
        let plot_response = self.navigate_ui(ui, plot_rect, width, &mut intents);
        self.animate(ui, width);

        // Gather: layout, ticks and density for this axis (cached).
        let key = FrameKey {
            generation: vm_generation,
            axis: self.axis,
            width_px,
            params,
            lanes_on,
            bin_px: 3.0,
            tick_char_px: char_width_px * 1.1,
        };
        if !self.frame.as_ref().is_some_and(|f| f.key == key) {
            let measure = |label: &str| label_width(ui, &font, label);
            self.frame = Some(FrameCache::build(&mut index, vm, key, measure));
        }

        // Draw.
        let mut card_hovered = None;
        if let Some(frame) = self.frame.as_ref() {
            let ctx = paint::PaintCtx {
                ui,
                vm,
                index: &index,
                frame,
                axis: self.axis,
                plot_rect,
                canvas_rect,
                lanes_on,
                lane_count,
                selected_index,
            };
            paint::background(&ctx);
            let hovered = paint::cards(&ctx, ui.scope_id().with("timeline_card"), &mut intents);
            let brush_days = self
                .brush_drag
                .map(|(a, b)| (a.min(b), a.max(b)))
                .or_else(|| {
                    vm.brush
                        .map(|(a, b)| (day_number(a.min(b)), day_number(a.max(b)) + 1.0))
                });
            if paint::brush(&ctx, brush_days, self.brush_drag.is_none()) {
                intents.push(TimelineIntent::Brush(None));
            }
            paint::axis_labels(&ctx);
            card_hovered = hovered;
        }
        let tray_hovered = if index.undated.is_empty() {
            None
        } else {
            tray::undated_tray_ui(ui, vm, &index.undated, &mut intents)
        };
        self.emit_hover(card_hovered.or(tray_hovered), &mut intents);
        plot_response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
        self.index = Some(index);
        intents
    }

    /// Where the selected item is in `vm.items`: a scan, but only when the selection or the
    /// data change.
    fn selected_index(&mut self, vm: &TimelineViewModel, generation: u64) -> Option<u32> {
        let key = vm.selected?;
        match self.selected_lookup {
            Some((g, k, index)) if g == generation && k == key => index,
            _ => {
                let index = vm
                    .items
                    .iter()
                    .position(|item| item.key == key)
                    .map(|i| i as u32);
                self.selected_lookup = Some((generation, key, index));
                index
            }
        }
    }

    /// Emits `Hover` when the item under the pointer changes.
    fn emit_hover(&mut self, hovered: Option<EventKey>, intents: &mut Vec<TimelineIntent>) {
        if hovered != self.last_hover {
            self.last_hover = hovered;
            intents.push(TimelineIntent::Hover(hovered));
        }
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        vm: &TimelineViewModel,
        index: &ItemIndex,
        intents: &mut Vec<TimelineIntent>,
    ) -> ToolbarAction {
        let mut action = ToolbarAction::default();
        ui.horizontal(|ui| {
            if ui
                .button("−")
                .on_hover_text("Zoom out (Ctrl + wheel)")
                .clicked()
            {
                action.zoom_factor = Some(1.0 / BUTTON_ZOOM);
            }
            if ui
                .button("+")
                .on_hover_text("Zoom in (Ctrl + wheel)")
                .clicked()
            {
                action.zoom_factor = Some(BUTTON_ZOOM);
            }
            if ui
                .button("Fit all")
                .on_hover_text("Show every dated event")
                .clicked()
            {
                self.fit_all();
            }
            ui.separator();
            ui.toggle_value(&mut self.brush_mode, "Brush")
                .on_hover_text("Drag to select a time range (or hold Shift while dragging)");
            if vm.brush.is_some() && ui.button("Clear brush").clicked() {
                intents.push(TimelineIntent::Brush(None));
            }
            if !vm.lanes.is_empty() {
                ui.checkbox(&mut self.lanes_on, "Lanes");
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add_space(6.0);
                let start = self.axis.start_day;
                let end = self.axis.end_day(f64::from(self.last_width_px));
                // A fit still to come (first frame after new data) shows every dated card:
                // counting under the old axis would show a stale figure for a frame.
                let in_view = if self.fit_pending {
                    index.days.len()
                } else {
                    index.days.count_starting_in(start, end)
                };
                // The last frame's stacking (one frame old at most).
                let hidden = self.frame.as_ref().map_or(0, |f| {
                    if f.layout.over_cap {
                        0
                    } else {
                        f.layout.hidden
                    }
                });
                if hidden > 0 {
                    ui.label(
                        egui::RichText::new(format!("{hidden} not shown — zoom in"))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text("No free row left for them; the density band counts them");
                }
                ui.weak(format!(
                    "{in_view} of {} dated in view · {} undated",
                    index.days.len(),
                    index.undated.len()
                ));
                ui.separator();
                // Right-to-left: the legend reads left to right when laid out in its own row.
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    paint::legend_ui(ui);
                });
            });
        });
        action
    }
}

#[derive(Default)]
struct ToolbarAction {
    zoom_factor: Option<f64>,
}
