//! Presentation mode: full-screen slides (title, one per event beside the map, closing
//! summary) with a thin timeline strip, driven by keys and clicks. What the slides show is
//! the core's (`AppState::presenting`, gathered by `app::view::slides` when the presentation
//! starts, moved by `Command::Slide`); this module lays out the text, paints the strip, and
//! flies its own `MapPanel` to each slide's places.

use egui::{
    Align, Color32, FontId, Key, Layout, Modifiers, RichText, Sense, Stroke, Ui, ViewportCommand,
    pos2, vec2,
};

use briefmap_core::app::presentation::{EventSlide, PresentationCommand, SlidePosition};
use briefmap_core::app::state::Presenting;
use briefmap_core::app::view::map::{SLIDE_MAP_MIN_POPULATION, city_labels};
use briefmap_core::app::{AppState, Command};
use briefmap_core::model::GeoPoint;

use super::deck_panel::DeckPanel;
use super::map::{MapPanel, MapSettings, MapViewModel};

/// Zoom level the map flies to for an event with one place.
const EVENT_ZOOM_LEVEL: f64 = 6.0;
/// Height of the timeline strip at the bottom of every slide, in points.
const STRIP_HEIGHT_PX: f32 = 54.0;

/// Colours of the slides for one theme.
#[derive(Clone, Copy)]
struct SlideStyle {
    background: Color32,
    text: Color32,
    weak: Color32,
    accent: Color32,
    note_fill: Color32,
    bar: Color32,
}

impl SlideStyle {
    fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                background: Color32::from_rgb(18, 22, 28),
                text: Color32::from_rgb(240, 240, 236),
                weak: Color32::from_rgb(165, 170, 178),
                accent: Color32::from_rgb(242, 162, 60),
                note_fill: Color32::from_rgb(48, 42, 26),
                bar: Color32::from_rgb(92, 142, 196),
            }
        } else {
            Self {
                background: Color32::from_rgb(252, 252, 250),
                text: Color32::from_rgb(22, 26, 32),
                weak: Color32::from_rgb(88, 94, 104),
                accent: Color32::from_rgb(190, 90, 0),
                note_fill: Color32::from_rgb(255, 243, 205),
                bar: Color32::from_rgb(58, 110, 170),
            }
        }
    }
}

/// The window's side of a running presentation: its own map, and what was last shown.
pub struct Running {
    /// The presentation's own map (the main window's map keeps its view).
    pub map: MapPanel,
    map_vm: MapViewModel,
    shown_index: Option<usize>,
    /// Fly once the map knows its size (the frame after the first draw).
    fly_pending: bool,
    was_fullscreen: bool,
}

impl Running {
    fn new(map_settings: MapSettings, was_fullscreen: bool) -> Self {
        let mut map = MapPanel::new(map_settings);
        map.set_controls_visible(false);
        Self {
            map,
            map_vm: MapViewModel::default(),
            shown_index: None,
            fly_pending: true,
            was_fullscreen,
        }
    }

    /// Marks the current slide's places on the map.
    fn refresh_map(&mut self, presenting: &Presenting) {
        let labels = city_labels(SLIDE_MAP_MIN_POPULATION).unwrap_or_default();
        self.map_vm = presenting
            .view
            .map_at(presenting.presentation.position(), labels);
    }

    fn fly(&mut self, presenting: &Presenting) {
        match presenting.view.focus_at(presenting.presentation.position()) {
            [] => {}
            [point] => self.map.fly_to(*point, Some(EVENT_ZOOM_LEVEL)),
            many => {
                // Marker labels sit right of their markers: leave room for them in the east.
                let (west, east) = many.iter().fold((f64::MAX, f64::MIN), |(w, e), p| {
                    (w.min(p.lon), e.max(p.lon))
                });
                let mut padded = many.to_vec();
                if let Some(eastmost) = many.iter().find(|p| p.lon == east) {
                    padded.push(GeoPoint::new(
                        eastmost.lat,
                        east + 0.2 * (east - west).max(1.0),
                    ));
                }
                self.map.fit(&padded);
            }
        }
    }
}

/// Presentation mode and the story deck window: what the main window holds of them.
#[derive(Default)]
pub struct Presenter {
    pub running: Option<Running>,
    pub deck: DeckPanel,
}

impl Presenter {
    pub fn is_presenting(&self) -> bool {
        self.running.is_some()
    }

    /// The presentation began (`Effect::PresentationStarted`): go full screen with a map of
    /// its own.
    pub fn started(&mut self, ctx: &egui::Context, map_settings: MapSettings) {
        let was_fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        if !was_fullscreen {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        }
        self.running = Some(Running::new(map_settings, was_fullscreen));
    }

    /// The presentation ended (`Effect::PresentationEnded`): restore the window.
    pub fn ended(&mut self, ctx: &egui::Context) {
        if let Some(running) = self.running.take()
            && !running.was_fullscreen
        {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        }
    }

    /// The deck window (when open).
    pub fn deck_window_ui(&mut self, ctx: &egui::Context, state: &AppState) -> Vec<Command> {
        self.deck.deck_window_ui(ctx, state)
    }

    /// One frame of presentation mode: `None` when not presenting (the main window draws as
    /// usual), else the commands for the app. While presenting it owns the whole window and
    /// every key.
    pub fn present_frame_ui(&mut self, ui: &mut Ui, state: &AppState) -> Option<Vec<Command>> {
        let ctx = ui.ctx().clone();
        let presenting = state.presenting.as_ref()?;
        let running = self.running.as_mut()?;

        let mut commands = Vec::new();
        ctx.input_mut(|i| {
            use PresentationCommand as P;
            let keys = [
                (Key::ArrowRight, P::Next),
                (Key::Space, P::Next),
                (Key::PageDown, P::Next),
                (Key::ArrowDown, P::Next),
                (Key::ArrowLeft, P::Previous),
                (Key::PageUp, P::Previous),
                (Key::ArrowUp, P::Previous),
                (Key::Home, P::First),
                (Key::End, P::Last),
                (Key::Enter, P::Jump),
                (Key::Backspace, P::EraseDigit),
            ];
            for (key, command) in keys {
                while i.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::Slide(command));
                }
            }
            let digits = [
                Key::Num0,
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
                Key::Num9,
            ];
            for (d, key) in digits.into_iter().enumerate() {
                while i.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::Slide(P::Digit(d as u8)));
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Escape)
                || i.consume_key(Modifiers::NONE, Key::F5)
            {
                commands.push(Command::StopPresenting);
            }
        });
        if commands
            .iter()
            .any(|c| matches!(c, Command::StopPresenting))
        {
            return Some(vec![Command::StopPresenting]);
        }

        // The slide on screen changed (or the presentation just began): mark and fly.
        if running.shown_index != Some(presenting.presentation.index()) {
            running.shown_index = Some(presenting.presentation.index());
            running.refresh_map(presenting);
            if !running.fly_pending {
                running.fly(presenting);
            }
            ctx.request_repaint();
        } else if running.fly_pending {
            running.fly_pending = false;
            running.fly(presenting);
            ctx.request_repaint();
        }

        let style = SlideStyle::for_theme(ui.visuals().dark_mode);
        let mut strip_jump = None;
        let full = ui.max_rect();
        ui.painter().rect_filled(full, 0.0, style.background);
        egui::Panel::bottom("presentation_strip")
            .exact_size(STRIP_HEIGHT_PX)
            .frame(egui::Frame::new().fill(style.background))
            .show(ui, |ui| strip_jump = strip_ui(ui, presenting, style));
        let text_width = (full.width() * 0.42).clamp(380.0, 720.0);
        egui::Panel::left("presentation_text")
            .exact_size(text_width)
            .resizable(false)
            .frame(
                egui::Frame::new()
                    .fill(style.background)
                    .inner_margin(egui::Margin::symmetric(40, 32)),
            )
            .show(ui, |ui| slide_text_ui(ui, presenting, style));
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.background))
            .show(ui, |ui| {
                // The slide decides what is marked: the map's own intents (hover, select) do
                // not apply to a presentation, so they are not turned into commands.
                let intents = running.map.map_ui(ui, &running.map_vm);
                drop(intents);
            });

        let (primary, secondary) =
            ctx.input(|i| (i.pointer.primary_clicked(), i.pointer.secondary_clicked()));
        if let Some(index) = strip_jump {
            commands.push(Command::GoToSlide(index + 1));
        } else if primary {
            commands.push(Command::Slide(PresentationCommand::Next));
        } else if secondary {
            commands.push(Command::Slide(PresentationCommand::Previous));
        }
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        Some(commands)
    }
}

fn big(text: impl Into<String>, size: f32, colour: Color32) -> RichText {
    RichText::new(text)
        .font(FontId::proportional(size))
        .color(colour)
}

/// The left column of the current slide.
fn slide_text_ui(ui: &mut Ui, presenting: &Presenting, style: SlideStyle) {
    let presentation = &presenting.presentation;
    let view = &presenting.view;
    ui.spacing_mut().item_spacing.y = 10.0;
    let typed = presentation.typed_number();
    match presentation.position() {
        SlidePosition::Title => {
            ui.add_space(ui.available_height() * 0.12);
            ui.label(big("BRIEFING", 18.0, style.accent).strong());
            ui.label(big(&view.overview.name, 46.0, style.text).strong());
            ui.label(big(&view.overview.span_label, 28.0, style.weak));
            ui.add_space(12.0);
            let o = &view.overview;
            ui.label(big(
                format!(
                    "{} events · {} places · {} countries",
                    o.event_count,
                    o.place_count,
                    o.countries.len()
                ),
                22.0,
                style.text,
            ));
            ui.add_space(18.0);
            counts_ui(ui, "Events by country", &o.countries, 8, style);
            ui.with_layout(Layout::bottom_up(Align::Min), |ui| {
                ui.label(big(
                    "→ / Space: next   ← : back   number + Enter: jump   Esc: leave",
                    15.0,
                    style.weak,
                ));
            });
        }
        SlidePosition::Event(i) => match view.slides.get(i).and_then(|s| s.as_ref()) {
            Some(slide) => event_slide_ui(ui, slide, &view.overview.name, style),
            None => {
                ui.label(big("This event is no longer loaded.", 28.0, style.weak));
            }
        },
        SlidePosition::Summary => {
            let o = &view.overview;
            ui.label(big("SUMMARY", 18.0, style.accent).strong());
            ui.label(big(&o.name, 38.0, style.text).strong());
            ui.label(big(
                format!("{} events · {}", o.event_count, o.span_label),
                22.0,
                style.weak,
            ));
            if o.undated_count > 0 {
                ui.label(big(
                    format!("{} undated", o.undated_count),
                    18.0,
                    style.weak,
                ));
            }
            ui.add_space(14.0);
            counts_ui(ui, "By country", &o.countries, 6, style);
            ui.add_space(14.0);
            counts_ui(
                ui,
                if o.companies_only {
                    "By company"
                } else {
                    "By organisation"
                },
                &o.companies,
                6,
                style,
            );
            if !o.missing.is_empty() {
                ui.add_space(10.0);
                ui.label(big(
                    format!(
                        "{} slide(s) of the deck are not loaded: {}",
                        o.missing.len(),
                        o.missing.join("; ")
                    ),
                    15.0,
                    style.weak,
                ));
            }
        }
    }
    if !typed.is_empty() {
        let rect = ui.max_rect();
        ui.painter().text(
            pos2(rect.right(), rect.top()),
            egui::Align2::RIGHT_TOP,
            format!("Go to {typed}…"),
            FontId::proportional(22.0),
            style.accent,
        );
    }
}

fn event_slide_ui(ui: &mut Ui, slide: &EventSlide, deck_name: &str, style: SlideStyle) {
    ui.label(big(
        format!("{} / {}  ·  {deck_name}", slide.number, slide.total),
        16.0,
        style.weak,
    ));
    ui.add_space(6.0);
    ui.label(big(&slide.date_label, 30.0, style.accent).strong());
    ui.label(big(&slide.title, 34.0, style.text).strong());
    ui.label(big(&slide.kind, 18.0, style.weak));
    ui.add_space(8.0);
    let field = |ui: &mut Ui, name: &str, values: &[String]| {
        if !values.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(big(format!("{name}  "), 20.0, style.weak));
                ui.label(big(values.join(", "), 22.0, style.text));
            });
        }
    };
    field(ui, "Places", &slide.places);
    field(ui, "Countries", &slide.countries);
    let actors: Vec<String> = slide
        .people
        .iter()
        .chain(&slide.organizations)
        .cloned()
        .collect();
    field(ui, "Actors", &actors);
    if !slide.excerpt.is_empty() {
        ui.add_space(10.0);
        egui::Frame::new()
            .stroke(Stroke::NONE)
            .inner_margin(egui::Margin {
                left: 16,
                right: 4,
                top: 4,
                bottom: 4,
            })
            .show(ui, |ui| {
                let response = ui.label(big(format!("“{}”", slide.excerpt), 19.0, style.text));
                let r = response.rect;
                ui.painter().line_segment(
                    [
                        pos2(r.left() - 12.0, r.top()),
                        pos2(r.left() - 12.0, r.bottom()),
                    ],
                    Stroke::new(4.0, style.accent),
                );
            });
    }
    if !slide.note.is_empty() {
        ui.add_space(10.0);
        egui::Frame::new()
            .fill(style.note_fill)
            .corner_radius(6)
            .inner_margin(12)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(big(&slide.note, 20.0, style.text));
            });
    }
    ui.with_layout(Layout::bottom_up(Align::Min), |ui| {
        ui.label(big(&slide.source, 14.0, style.weak));
    });
}

/// Horizontal bars: `label  ███ n`.
fn counts_ui(
    ui: &mut Ui,
    title: &str,
    counts: &[(String, usize)],
    max_rows: usize,
    style: SlideStyle,
) {
    if counts.is_empty() {
        return;
    }
    ui.label(big(title, 18.0, style.weak).strong());
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f32;
    let width = ui.available_width();
    for (label, n) in counts.iter().take(max_rows) {
        let (rect, _) = ui.allocate_exact_size(vec2(width, 28.0), Sense::hover());
        let label_w = width * 0.5;
        let painter = ui.painter();
        painter.text(
            pos2(rect.left(), rect.center().y),
            egui::Align2::LEFT_CENTER,
            label,
            FontId::proportional(19.0),
            style.text,
        );
        let bar_w = (width - label_w - 44.0).max(10.0) * (*n as f32 / max);
        let bar = egui::Rect::from_min_size(
            pos2(rect.left() + label_w, rect.top() + 6.0),
            vec2(bar_w, rect.height() - 12.0),
        );
        painter.rect_filled(bar, 3.0, style.bar);
        painter.text(
            pos2(bar.right() + 8.0, rect.center().y),
            egui::Align2::LEFT_CENTER,
            n.to_string(),
            FontId::proportional(18.0),
            style.text,
        );
    }
    if counts.len() > max_rows {
        ui.label(big(
            format!("and {} more", counts.len() - max_rows),
            15.0,
            style.weak,
        ));
    }
}

/// The thin timeline: every event as a tick, the current one large. A click on a tick returns
/// that event's index.
fn strip_ui(ui: &mut Ui, presenting: &Presenting, style: SlideStyle) -> Option<usize> {
    let view = &presenting.view;
    let rect = ui.max_rect().shrink2(vec2(40.0, 8.0));
    let response = ui.interact(rect, ui.scope_id().with("strip"), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Slider, true, "Presentation timeline")
    });
    let painter = ui.painter();
    let axis_y = rect.center().y + 4.0;
    painter.line_segment(
        [pos2(rect.left(), axis_y), pos2(rect.right(), axis_y)],
        Stroke::new(2.0, style.weak.gamma_multiply(0.6)),
    );
    let o = &view.overview;
    let current = match presenting.presentation.position() {
        SlidePosition::Event(i) => Some(i),
        _ => None,
    };
    // The current event's date label takes the place of an end label it would overlap.
    let current_f = current.and_then(|i| view.strip.get(i).copied().flatten());
    if let (Some(first), Some(last)) = (o.first, o.last) {
        if current_f.is_none_or(|f| f >= 0.15) {
            painter.text(
                pos2(rect.left(), rect.top()),
                egui::Align2::LEFT_TOP,
                first.format("%b %Y").to_string(),
                FontId::proportional(13.0),
                style.weak,
            );
        }
        if current_f.is_none_or(|f| f <= 0.85) {
            painter.text(
                pos2(rect.right(), rect.top()),
                egui::Align2::RIGHT_TOP,
                last.format("%b %Y").to_string(),
                FontId::proportional(13.0),
                style.weak,
            );
        }
    }
    let x_of = |f: f32| rect.left() + f * rect.width();
    for (i, f) in view.strip.iter().enumerate() {
        if let Some(f) = f
            && Some(i) != current
        {
            painter.circle_filled(pos2(x_of(*f), axis_y), 4.0, style.bar);
        }
    }
    if let Some(i) = current {
        match view.strip.get(i).copied().flatten() {
            Some(f) => {
                let x = x_of(f);
                painter.circle_filled(pos2(x, axis_y), 8.0, style.accent);
                painter.circle_stroke(pos2(x, axis_y), 8.0, Stroke::new(2.0, style.background));
                if let Some(label) = view
                    .slides
                    .get(i)
                    .and_then(|s| s.as_ref())
                    .map(|s| s.date_label.clone())
                {
                    let align = if f > 0.85 {
                        egui::Align2::RIGHT_TOP
                    } else if f < 0.15 {
                        egui::Align2::LEFT_TOP
                    } else {
                        egui::Align2::CENTER_TOP
                    };
                    painter.text(
                        pos2(x, rect.top()),
                        align,
                        label,
                        FontId::proportional(14.0),
                        style.text,
                    );
                }
            }
            None => {
                painter.text(
                    rect.right_center(),
                    egui::Align2::RIGHT_CENTER,
                    "undated",
                    FontId::proportional(14.0),
                    style.accent,
                );
            }
        }
    }
    let pointer = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())?;
    view.strip
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (i, (x_of(f) - pointer.x).abs())))
        .filter(|(_, dx)| *dx < 12.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
