//! Painting the timeline: lane bands and grid, cards (solid for exact days, hatched with a
//! dashed outline for month/year precision, bracketed spans for explicit ranges), the density
//! band, the brush and the axis labels. Everything here projects cached layout onto the screen;
//! the only state it reports back is which card is hovered or clicked.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, Role, Sense, Shape, Stroke, StrokeKind,
    Vec2, WidgetInfo, pos2, vec2,
};

use super::cache::{DAY_MARKER_PX, FrameCache, ItemIndex};
use super::{
    AXIS_HEIGHT, CARD_HEIGHT, DENSITY_HEIGHT, LABEL_FONT_SIZE, ROW_PITCH, TimelineIntent,
    TimelineItem, TimelineViewModel,
};
use crate::palette::slot_colour;
use briefmap_core::app::EventKey;
use briefmap_core::model::Precision;
use briefmap_core::timeline::{TimeAxis, day_number};

/// Inputs shared by the painting functions of one frame.
pub struct PaintCtx<'a> {
    pub ui: &'a egui::Ui,
    pub vm: &'a TimelineViewModel,
    pub index: &'a ItemIndex,
    pub frame: &'a FrameCache,
    pub axis: TimeAxis,
    pub plot_rect: Rect,
    pub canvas_rect: Rect,
    pub lanes_on: bool,
    pub lane_count: u32,
    /// Position of the selected item in `vm.items`, if any.
    pub selected_index: Option<u32>,
}

impl PaintCtx<'_> {
    fn lanes_rect(&self) -> Rect {
        lanes_rect(self.plot_rect)
    }

    fn lane_rect(&self, lane: u32) -> Rect {
        let lanes = self.lanes_rect();
        let h = lanes.height() / self.lane_count as f32;
        Rect::from_min_size(
            pos2(lanes.left(), lanes.top() + lane as f32 * h),
            vec2(lanes.width(), h),
        )
    }

    fn x(&self, x_px: f32) -> f32 {
        self.plot_rect.left() + x_px
    }

    fn accent(&self) -> Color32 {
        if self.ui.visuals().dark_mode {
            Color32::from_rgb(110, 150, 255)
        } else {
            Color32::from_rgb(60, 100, 200)
        }
    }
}

/// Where the cards go: the plot minus the axis header and the density band.
pub fn lanes_rect(plot_rect: Rect) -> Rect {
    Rect::from_min_max(
        plot_rect.min + vec2(0.0, AXIS_HEIGHT),
        plot_rect.max - vec2(0.0, DENSITY_HEIGHT),
    )
}

/// Background, lane bands with names, grid lines and the density band.
pub fn background(ctx: &PaintCtx) {
    let visuals = ctx.ui.visuals();
    let painter = ctx.ui.painter();
    painter.rect_filled(
        ctx.canvas_rect,
        CornerRadius::same(4),
        visuals.extreme_bg_color,
    );
    let header = Rect::from_min_size(ctx.plot_rect.min, vec2(ctx.plot_rect.width(), AXIS_HEIGHT));
    painter.rect_filled(header, CornerRadius::ZERO, visuals.faint_bg_color);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    painter.hline(
        ctx.plot_rect.x_range(),
        header.bottom(),
        Stroke::new(1.0, line),
    );

    // Lanes: alternate bands, separators and names in the gutter.
    if ctx.lanes_on {
        let font = FontId::proportional(LABEL_FONT_SIZE);
        for lane in 0..ctx.lane_count {
            let rect = ctx.lane_rect(lane);
            let band = Rect::from_x_y_ranges(ctx.canvas_rect.x_range(), rect.y_range());
            if lane % 2 == 1 {
                painter.rect_filled(band, CornerRadius::ZERO, visuals.faint_bg_color);
            }
            if lane > 0 {
                painter.hline(band.x_range(), band.top(), Stroke::new(1.0, line));
            }
            let merged = lane + 1 == ctx.lane_count && ctx.vm.lanes.len() > ctx.lane_count as usize;
            let name = if merged {
                format!("Other lanes ({})", ctx.vm.lanes.len() - lane as usize)
            } else {
                ctx.vm.lanes.get(lane as usize).cloned().unwrap_or_default()
            };
            let mut job = LayoutJob::single_section(
                name,
                TextFormat::simple(font.clone(), visuals.strong_text_color()),
            );
            job.wrap = TextWrapping::truncate_at_width(super::LANE_GUTTER - 14.0);
            let galley = painter.layout_job(job);
            let pos = pos2(
                ctx.canvas_rect.left() + 8.0,
                band.top() + 6.0_f32.min((band.height() - galley.size().y) / 2.0),
            );
            let name_bottom = pos.y + galley.size().y;
            painter.galley(pos, galley, visuals.strong_text_color());
            let dated: usize = if merged {
                ctx.index.lane_starts[lane as usize..]
                    .iter()
                    .map(Vec::len)
                    .sum()
            } else {
                ctx.index.lane_starts.get(lane as usize).map_or(0, Vec::len)
            };
            if band.bottom() - name_bottom > 16.0 {
                painter.text(
                    pos2(pos.x, name_bottom + 2.0),
                    Align2::LEFT_TOP,
                    format!("{dated} dated"),
                    FontId::proportional(11.0),
                    visuals.weak_text_color(),
                );
            }
        }
        painter.vline(
            ctx.plot_rect.left(),
            ctx.canvas_rect.y_range(),
            Stroke::new(1.0, line),
        );
    }

    // Grid lines below the header.
    let grid = Rect::from_min_max(
        pos2(ctx.plot_rect.left(), header.bottom()),
        ctx.plot_rect.max,
    );
    let minor = line.gamma_multiply(0.55);
    for tick in &ctx.frame.ticks.minor {
        let x = ctx.x(tick.x_px as f32);
        painter.vline(x, grid.y_range(), Stroke::new(1.0, minor));
    }
    for tick in &ctx.frame.ticks.major {
        if tick.x_px >= 0.0 {
            let x = ctx.x(tick.x_px as f32);
            painter.vline(x, ctx.plot_rect.y_range(), Stroke::new(1.0, line));
        }
    }

    // The density band along the bottom (sum of the lanes).
    let band = Rect::from_min_max(
        pos2(
            ctx.plot_rect.left(),
            ctx.plot_rect.bottom() - DENSITY_HEIGHT,
        ),
        ctx.plot_rect.max,
    );
    painter.rect_filled(band, CornerRadius::ZERO, visuals.faint_bg_color);
    painter.hline(band.x_range(), band.top(), Stroke::new(1.0, line));
    let density = &ctx.frame.density;
    let bins = density.first().map_or(0, Vec::len);
    let totals: Vec<u32> = (0..bins)
        .map(|i| density.iter().map(|lane| lane[i]).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    paint_histogram(
        ctx,
        &painter.with_clip_rect(band),
        band.shrink2(vec2(0.0, 2.0)),
        &totals,
        max,
        0.85,
    );

    if ctx.index.days.is_empty() && ctx.index.undated.is_empty() {
        painter.text(
            ctx.lanes_rect().center(),
            Align2::CENTER_CENTER,
            "No events",
            FontId::proportional(14.0),
            visuals.weak_text_color(),
        );
    }
}

/// Bars of `counts` (one per bin of the frame's bin width), square-root scaled to `max`.
fn paint_histogram(
    ctx: &PaintCtx,
    painter: &egui::Painter,
    rect: Rect,
    counts: &[u32],
    max: u32,
    opacity: f32,
) {
    if max == 0 {
        return;
    }
    let bin_px = ctx.frame.key.bin_px;
    let color = ctx.accent().gamma_multiply(opacity);
    let max = (max as f32).sqrt();
    let mut mesh = egui::Mesh::default();
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = (rect.height() * (count as f32).sqrt() / max).max(1.5);
        let x0 = rect.left() + i as f32 * bin_px;
        let bar = Rect::from_min_max(
            pos2(x0, rect.bottom() - h),
            pos2(x0 + bin_px - 0.5, rect.bottom()),
        );
        mesh.add_colored_rect(bar, color);
    }
    painter.add(Shape::mesh(mesh));
}

/// Draws the cards (or, when too many are in view, a density histogram per lane). Registers a
/// clickable, labelled widget per card. Returns the hovered item's key.
pub fn cards(ctx: &PaintCtx, id: Id, intents: &mut Vec<TimelineIntent>) -> Option<EventKey> {
    let lanes = ctx.lanes_rect();
    let painter = ctx.ui.painter_at(lanes);
    let layout = &ctx.frame.layout;
    if layout.over_cap {
        for (lane, counts) in ctx.frame.density.iter().enumerate() {
            let rect = ctx.lane_rect(lane as u32).shrink2(vec2(0.0, 6.0));
            paint_histogram(ctx, &painter, rect, counts, ctx.frame.density_max, 0.55);
        }
        let in_view = ctx.index.days.count_starting_in(
            ctx.axis.start_day,
            ctx.axis.end_day(f64::from(ctx.plot_rect.width())),
        );
        selection_marker(ctx, &painter);
        message(
            ctx,
            &painter,
            &format!("{in_view} events in view — zoom in to see each one"),
        );
        return None;
    }
    let font = FontId::proportional(LABEL_FONT_SIZE);
    let mut hovered = None;
    for card in &layout.cards {
        let Some(item) = ctx.vm.items.get(card.item_index as usize) else {
            continue;
        };
        let Some(date) = item.date else {
            continue;
        };
        let lane_rect = ctx.lane_rect(card.lane);
        let y0 = lane_rect.top() + 6.0 + card.row as f32 * ROW_PITCH;
        let rect = Rect::from_min_max(
            pos2(ctx.x(card.x0_px), y0),
            pos2(ctx.x(card.x1_px), y0 + CARD_HEIGHT),
        );
        let span_right = ctx.x(card.span_x1_px).max(rect.left() + 2.0);
        let hit = rect.intersect(lanes);
        if !hit.is_positive() {
            continue;
        }
        let response = ctx.ui.interact(hit, id.with(item.key), Sense::click());
        let selected = ctx.vm.selected == Some(item.key);
        response
            .widget_info(|| WidgetInfo::selected(Role::Button, true, selected, ctx.vm.label(item)));
        if response.clicked() {
            intents.push(TimelineIntent::Select(item.key));
        }
        let is_hovered = response.hovered();
        if is_hovered {
            hovered = Some(item.key);
        }
        let look = CardLook {
            highlighted: is_hovered || ctx.vm.hovered == Some(item.key),
            selected,
        };
        paint_card(
            ctx,
            &painter,
            item,
            date.precision,
            rect,
            span_right,
            look,
            &font,
        );
        if is_hovered {
            response.on_hover_ui(|ui| tooltip_ui(ui, ctx, item));
        }
    }
    hovered
}

/// In density mode, the selected event still shows: a line at its date and its label.
fn selection_marker(ctx: &PaintCtx, painter: &egui::Painter) {
    let Some(item) = ctx
        .selected_index
        .and_then(|i| ctx.vm.items.get(i as usize))
    else {
        return;
    };
    let Some(date) = item.date else {
        return;
    };
    let visuals = ctx.ui.visuals();
    let lanes = ctx.lanes_rect();
    let x0 = ctx.x(ctx.axis.day_to_px(day_number(date.start)) as f32);
    let x1 = ctx.x(ctx.axis.day_to_px(day_number(date.end) + 1.0) as f32);
    let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
    if x1 - x0 > 3.0 {
        let span = Rect::from_x_y_ranges(x0..=x1, lanes.y_range());
        painter.rect_filled(
            span,
            CornerRadius::ZERO,
            visuals.selection.bg_fill.gamma_multiply(0.3),
        );
    }
    painter.vline(x0, lanes.y_range(), stroke);
    let galley = painter.layout_no_wrap(
        ctx.vm.label(item).to_string(),
        FontId::proportional(LABEL_FONT_SIZE),
        visuals.strong_text_color(),
    );
    let chip = Rect::from_min_size(pos2(x0 + 4.0, lanes.top() + 4.0), galley.size())
        .expand2(vec2(6.0, 3.0))
        .translate(vec2(6.0, 3.0));
    painter.rect(
        chip,
        CornerRadius::same(4),
        visuals.window_fill,
        stroke,
        StrokeKind::Inside,
    );
    painter.galley(
        chip.min + vec2(6.0, 3.0),
        galley,
        visuals.strong_text_color(),
    );
}

fn message(ctx: &PaintCtx, painter: &egui::Painter, text: &str) {
    let visuals = ctx.ui.visuals();
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        FontId::proportional(13.0),
        visuals.strong_text_color(),
    );
    let rect =
        Rect::from_center_size(ctx.lanes_rect().center(), galley.size()).expand2(vec2(10.0, 6.0));
    painter.rect(
        rect,
        CornerRadius::same(6),
        visuals.window_fill.gamma_multiply(0.92),
        visuals.window_stroke,
        StrokeKind::Inside,
    );
    painter.galley(
        rect.min + vec2(10.0, 6.0),
        galley,
        visuals.strong_text_color(),
    );
}

#[derive(Clone, Copy)]
struct CardLook {
    highlighted: bool,
    selected: bool,
}

/// One card: the date span drawn according to its precision, then the label.
#[allow(clippy::too_many_arguments)]
fn paint_card(
    ctx: &PaintCtx,
    painter: &egui::Painter,
    item: &TimelineItem,
    precision: Precision,
    rect: Rect,
    span_right: f32,
    look: CardLook,
    font: &FontId,
) {
    let visuals = ctx.ui.visuals();
    let radius = CornerRadius::same(4);
    // Only the visible part is drawn (a year span can be thousands of pixels wide).
    let visible = ctx.lanes_rect().expand(4.0);
    let span = Rect::from_min_max(rect.min, pos2(span_right.min(rect.right()), rect.bottom()));
    let color = slot_colour(item.slot);

    if look.selected {
        let glow = visuals.selection.bg_fill.gamma_multiply(0.6);
        painter.rect_filled(
            rect.expand(3.0).intersect(visible),
            CornerRadius::same(6),
            glow,
        );
    }
    let text_color = match precision {
        Precision::Day => {
            painter.rect_filled(rect.intersect(visible), radius, color);
            // The exact day: a dot right on the date.
            let text = contrast_text(color);
            let dot = pos2(rect.left() + 7.0, rect.center().y);
            if visible.contains(dot) {
                painter.circle_filled(dot, 3.0, text.gamma_multiply(0.9));
            }
            text
        }
        Precision::Range => {
            if rect.right() > span.right() + 1.0 {
                let tail = Rect::from_min_max(pos2(span.right(), rect.top()), rect.max);
                painter.rect_filled(tail.intersect(visible), radius, color.gamma_multiply(0.12));
            }
            let body = span.intersect(visible);
            painter.rect(
                body,
                radius,
                color.gamma_multiply(0.42),
                Stroke::new(1.0, color),
                StrokeKind::Inside,
            );
            // Brackets at the two ends of the range.
            for x in [span.left() + 1.5, span.right() - 1.5] {
                if visible.x_range().contains(x) {
                    painter.vline(x, span.y_range(), Stroke::new(3.0, color));
                }
            }
            visuals.strong_text_color()
        }
        Precision::Month | Precision::Year => {
            if rect.right() > span.right() + 1.0 {
                let tail = Rect::from_min_max(pos2(span.right(), rect.top()), rect.max);
                painter.rect_filled(tail.intersect(visible), radius, color.gamma_multiply(0.10));
            }
            let body = span.intersect(visible);
            let fill = if precision == Precision::Month {
                0.22
            } else {
                0.14
            };
            painter.rect_filled(body, radius, color.gamma_multiply(fill));
            hatch(
                painter,
                body,
                color.gamma_multiply(0.45),
                if precision == Precision::Month {
                    5.0
                } else {
                    8.0
                },
            );
            let outline = [
                body.left_top(),
                body.right_top(),
                body.right_bottom(),
                body.left_bottom(),
                body.left_top(),
            ];
            painter.extend(Shape::dashed_line(
                &outline,
                Stroke::new(1.2, color),
                4.0,
                3.0,
            ));
            visuals.strong_text_color()
        }
    };
    if look.highlighted || look.selected {
        let stroke = if look.selected {
            Stroke::new(2.0, visuals.selection.stroke.color)
        } else {
            Stroke::new(1.5, visuals.strong_text_color())
        };
        painter.rect_stroke(rect.intersect(visible), radius, stroke, StrokeKind::Outside);
    }

    // Label: sticks to the left edge when the card starts off screen; cut with an ellipsis.
    let marker = if precision == Precision::Day && rect.left() >= ctx.plot_rect.left() {
        DAY_MARKER_PX
    } else {
        0.0
    };
    let left = rect.left().max(ctx.plot_rect.left()) + 6.0 + marker;
    let max_width = rect.right() - left - 4.0;
    if max_width > 8.0 {
        let mut job = LayoutJob::single_section(
            ctx.vm.label(item).to_string(),
            TextFormat::simple(font.clone(), text_color),
        );
        job.wrap = TextWrapping::truncate_at_width(max_width);
        let galley = painter.layout_job(job);
        let y = rect.center().y - galley.size().y / 2.0;
        painter.galley(pos2(left, y), galley, text_color);
    }
}

/// Diagonal hatching inside `rect` (the mark of an approximate date).
fn hatch(painter: &egui::Painter, rect: Rect, color: Color32, spacing: f32) {
    if !rect.is_positive() {
        return;
    }
    let clipped = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    let h = rect.height();
    let stroke = Stroke::new(1.0, color);
    // Anchor the pattern to absolute x so it does not crawl while panning partially.
    let mut x = (rect.left() / spacing).floor() * spacing - h;
    while x < rect.right() {
        clipped.line_segment([pos2(x, rect.bottom()), pos2(x + h, rect.top())], stroke);
        x += spacing;
    }
}

/// Black or white, whichever reads better on `fill`.
fn contrast_text(fill: Color32) -> Color32 {
    let [r, g, b, _] = fill.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 150.0 {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    }
}

fn tooltip_ui(ui: &mut egui::Ui, ctx: &PaintCtx, item: &TimelineItem) {
    ui.strong(ctx.vm.label(item));
    if let Some(date) = item.date {
        let precision = match date.precision {
            Precision::Day => "exact day",
            Precision::Month => "month known",
            Precision::Year => "year known",
            Precision::Range => "date range",
        };
        ui.label(format!("{date} ({precision})"));
    }
    if ctx.lanes_on
        && let Some(lane) = ctx.vm.lanes.get(item.lane as usize)
    {
        ui.weak(lane);
    }
}

/// The brush (inclusive start day, exclusive end day) over the whole plot, with a small ×
/// button to clear it. Returns whether that button was clicked.
pub fn brush(ctx: &PaintCtx, brush_days: Option<(f64, f64)>, show_clear: bool) -> bool {
    let Some((from, to)) = brush_days else {
        return false;
    };
    let visuals = ctx.ui.visuals();
    let area = Rect::from_min_max(
        pos2(ctx.plot_rect.left(), ctx.plot_rect.top() + AXIS_HEIGHT),
        ctx.plot_rect.max,
    );
    let x0 = ctx.x(ctx.axis.day_to_px(from) as f32);
    let x1 = ctx.x(ctx.axis.day_to_px(to) as f32);
    let rect = Rect::from_x_y_ranges(x0.min(x1)..=x0.max(x1), area.y_range()).intersect(area);
    if !rect.is_positive() {
        return false;
    }
    let painter = ctx.ui.painter_at(area);
    let edge = visuals.selection.stroke.color;
    painter.rect_filled(
        rect,
        CornerRadius::ZERO,
        visuals.selection.bg_fill.gamma_multiply(0.22),
    );
    for x in [x0, x1] {
        if area.x_range().contains(x) {
            painter.vline(x, area.y_range(), Stroke::new(2.0, edge));
        }
    }
    if !show_clear {
        return false;
    }
    let button = Rect::from_min_size(
        pos2(rect.right() - 20.0, rect.top() + 4.0),
        Vec2::splat(16.0),
    );
    let response = ctx.ui.interact(
        button,
        ctx.ui.scope_id().with("timeline_brush_clear"),
        Sense::click(),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, "Remove brush"));
    let fill = if response.hovered() {
        edge
    } else {
        edge.gamma_multiply(0.8)
    };
    painter.circle_filled(button.center(), 8.0, fill);
    let c = button.center();
    let stroke = Stroke::new(1.5, visuals.extreme_bg_color);
    painter.line_segment([c + vec2(-3.5, -3.5), c + vec2(3.5, 3.5)], stroke);
    painter.line_segment([c + vec2(-3.5, 3.5), c + vec2(3.5, -3.5)], stroke);
    response
        .on_hover_text("Remove the brushed time range")
        .clicked()
}

/// Tick labels in the header: majors on top (sticky), minors below.
pub fn axis_labels(ctx: &PaintCtx) {
    let visuals = ctx.ui.visuals();
    let header = Rect::from_min_size(ctx.plot_rect.min, vec2(ctx.plot_rect.width(), AXIS_HEIGHT));
    let painter = ctx.ui.painter_at(header);
    let major_font = FontId::proportional(12.5);
    let minor_font = FontId::proportional(11.5);
    for tick in &ctx.frame.ticks.major {
        let pos = Pos2::new(ctx.x(tick.label_x_px as f32), header.top() + 3.0);
        painter.text(
            pos,
            Align2::LEFT_TOP,
            &tick.label,
            major_font.clone(),
            visuals.strong_text_color(),
        );
    }
    for tick in &ctx.frame.ticks.minor {
        let x = ctx.x(tick.x_px as f32);
        painter.vline(
            x,
            (header.bottom() - 5.0)..=header.bottom(),
            Stroke::new(1.0, visuals.text_color()),
        );
        let pos = Pos2::new(ctx.x(tick.label_x_px as f32), header.top() + 19.0);
        painter.text(
            pos,
            Align2::LEFT_TOP,
            &tick.label,
            minor_font.clone(),
            visuals.text_color(),
        );
    }
}

/// A compact key to the card styles: exact day, month/year precision, explicit range.
pub fn legend_ui(ui: &mut egui::Ui) {
    let color = if ui.visuals().dark_mode {
        Color32::from_gray(170)
    } else {
        Color32::from_gray(110)
    };
    let swatch = |ui: &mut egui::Ui, precision: Precision| {
        let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
        let painter = ui.painter();
        match precision {
            Precision::Day => {
                painter.rect_filled(rect, CornerRadius::same(3), color);
                painter.circle_filled(
                    pos2(rect.left() + 5.0, rect.center().y),
                    2.0,
                    contrast_text(color),
                );
            }
            Precision::Range => {
                painter.rect(
                    rect,
                    CornerRadius::same(3),
                    color.gamma_multiply(0.42),
                    Stroke::new(1.0, color),
                    StrokeKind::Inside,
                );
                for x in [rect.left() + 1.5, rect.right() - 1.5] {
                    painter.vline(x, rect.y_range(), Stroke::new(3.0, color));
                }
            }
            Precision::Month | Precision::Year => {
                painter.rect_filled(rect, CornerRadius::same(3), color.gamma_multiply(0.2));
                hatch(painter, rect, color.gamma_multiply(0.6), 5.0);
                let outline = [
                    rect.left_top(),
                    rect.right_top(),
                    rect.right_bottom(),
                    rect.left_bottom(),
                    rect.left_top(),
                ];
                painter.extend(Shape::dashed_line(
                    &outline,
                    Stroke::new(1.0, color),
                    3.0,
                    2.0,
                ));
            }
        }
    };
    swatch(ui, Precision::Day);
    ui.weak("day");
    swatch(ui, Precision::Month);
    ui.weak("month / year");
    swatch(ui, Precision::Range);
    ui.weak("range");
}
