//! The map panel: an offline vector basemap (Natural Earth, embedded) drawn by our own walkers
//! plugins, optional OpenStreetMap tiles, clustered place markers, event links, routes, city and
//! country labels and a choropleth. The shell feeds a `MapViewModel` each frame and applies the
//! `MapIntent`s it gets back; everything that must survive between frames lives in `MapPanel`.
//!
//! ```text
//! let mut panel = MapPanel::new(saved_settings.unwrap_or_default());
//! // every frame, inside the central panel:
//! for intent in panel.map_ui(ui, &view_model) { /* SelectPlace, HoverPlace, PickPoint, … */ }
//! // on selection change: panel.fly_to(place, Some(7.0)); on "save": store panel.settings()
//! ```
//!
//! With `MapSettings::online_tiles` off (the default) no tile source exists and nothing here
//! opens a network connection. The switch lasts one session: it is never saved, so every
//! start is offline unless the user set the persistent `start_online` preference.

mod basemap_layer;
mod cities;
mod controls;
mod layers;
mod markers;
mod online;
mod position;
mod style;
mod text;

use serde::{Deserialize, Serialize};
use walkers::{HttpTiles, MapMemory};

use basemap_layer::BasemapPlugin;
use briefmap_core::app::PlaceKey;
use briefmap_core::app::saved_view::MapExtent;
use briefmap_core::geo::view::{Flight, View, view_to_fit};
use briefmap_core::model::GeoPoint;
use cities::CityIndex;
use controls::{ControlAction, ControlsState};
use layers::{
    BIG_COUNTRY_SIDE_PX, CityLabelsLayer, CountryLabelsLayer, LinksLayer, MarkerLabelsLayer,
    MarkerPlacementLayer, MarkersLayer, OverlayOutput, SharedFrame,
};
use markers::MarkerCache;
pub use online::tile_cache_dir;
pub use position::{from_position, to_position};
use style::MapStyle;

/// Zoom levels the user can reach.
pub const MIN_ZOOM_LEVEL: f64 = 1.5;
pub const MAX_ZOOM_LEVEL_OFFLINE: f64 = 12.0;
pub const MAX_ZOOM_LEVEL_ONLINE: f64 = 18.0;
/// How long `fly_to` takes.
pub const FLIGHT_DURATION_S: f64 = 0.5;

/// The map's toggles and where it looks; all but `online_tiles` persist across restarts.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct MapSettings {
    /// Draw OpenStreetMap tiles (network!) instead of the offline basemap. Off by default, and
    /// for this session only: never saved, so a switch turned on for one briefing does not
    /// leak map requests on every later start.
    #[serde(skip)]
    pub online_tiles: bool,
    /// The user's persistent choice to start every session with online tiles (View menu,
    /// which says what it means). Off by default.
    pub start_online: bool,
    /// Shade countries by their number of events.
    pub choropleth: bool,
    pub center: GeoPoint,
    pub zoom_level: f64,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            online_tiles: false,
            start_online: false,
            choropleth: false,
            center: GeoPoint::new(41.5, 58.0),
            zoom_level: 4.0,
        }
    }
}

impl MapSettings {
    /// The settings a new session starts with: saved ones, online only if the user asked
    /// for online tiles at every start.
    pub fn at_start(self) -> Self {
        Self {
            online_tiles: self.start_online,
            ..self
        }
    }
}

/// Makes the tile source while online tiles are on (OpenStreetMap; tests use a local one).
pub type TileSourceFactory = fn(egui::Context) -> HttpTiles;

pub use briefmap_core::app::view::map::{MapLabel, MapLink, MapMarker, MapViewModel};

/// What the user did on the map; the shell applies these.
#[derive(Clone, Debug, PartialEq)]
pub enum MapIntent {
    SelectPlace(PlaceKey),
    /// Hover moved onto a marker (`Some`) or off all markers (`None`). Sent on change only.
    HoverPlace(Option<PlaceKey>),
    PickPoint(GeoPoint),
    /// A toggle of `MapSettings` changed (persist `settings()`).
    SettingsChanged,
}

/// The map widget's state between frames.
pub struct MapPanel {
    settings: MapSettings,
    memory: MapMemory,
    /// Only constructed while `settings.online_tiles` is on.
    tiles: Option<HttpTiles>,
    tile_source: TileSourceFactory,
    flight: Option<Flight>,
    markers: MarkerCache,
    cities: CityIndex,
    last_viewport_px: [f32; 2],
    last_hovered: Option<PlaceKey>,
    /// Draw the toolbar/legend over the map (off in presentation mode).
    show_controls: bool,
}

impl MapPanel {
    pub fn new(settings: MapSettings) -> Self {
        briefmap_core::geo::basemap::prewarm_basemaps();
        let mut memory = MapMemory::default();
        memory.center_at(to_position(settings.center));
        let zoom_level = clamp_zoom(settings.zoom_level, settings.online_tiles);
        set_zoom(&mut memory, zoom_level);
        Self {
            settings: MapSettings {
                zoom_level,
                ..settings
            },
            memory,
            tiles: None,
            tile_source: online::osm_tiles,
            flight: None,
            markers: MarkerCache::default(),
            cities: CityIndex::default(),
            last_viewport_px: [800.0, 600.0],
            last_hovered: None,
            show_controls: true,
        }
    }

    /// Current settings, including where the map looks (for persistence).
    pub fn settings(&self) -> MapSettings {
        MapSettings {
            center: self.center(),
            zoom_level: self.zoom_level(),
            ..self.settings.clone()
        }
    }

    /// Whether online tiles are on (the shell shows an "online" indicator meanwhile).
    pub fn online(&self) -> bool {
        self.settings.online_tiles
    }

    /// Sets the persistent "start with online tiles" preference.
    pub fn set_start_online(&mut self, start_online: bool) {
        self.settings.start_online = start_online;
    }

    /// Where tiles come from while online tiles are on (tests point this at a local,
    /// unreachable server so that they never reach the internet).
    pub fn set_tile_source(&mut self, factory: TileSourceFactory) {
        self.tile_source = factory;
        self.tiles = None;
    }

    pub fn center(&self) -> GeoPoint {
        self.memory
            .detached()
            .map(from_position)
            .unwrap_or(self.settings.center)
    }

    pub fn zoom_level(&self) -> f64 {
        self.memory.zoom()
    }

    /// Shows or hides the map's own toolbar and legend (presentation mode hides them).
    pub fn set_controls_visible(&mut self, visible: bool) {
        self.show_controls = visible;
    }

    /// Whether a `fly_to`/`fit` animation is running.
    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// Moves smoothly (over `FLIGHT_DURATION_S`) to `target`, optionally changing the zoom.
    pub fn fly_to(&mut self, target: GeoPoint, zoom_level: Option<f64>) {
        let from = View::new(self.center(), self.zoom_level());
        let zoom_level = clamp_zoom(
            zoom_level.unwrap_or(from.zoom_level),
            self.settings.online_tiles,
        );
        let to = View::new(target, zoom_level);
        self.flight = Some(Flight::new(from, to, FLIGHT_DURATION_S));
    }

    /// Where the map looks, as the core describes it (saved views).
    pub fn extent(&self) -> MapExtent {
        let to = self.flight.as_ref().map(|f| f.to);
        MapExtent {
            center: to.map_or_else(|| self.center(), |v| v.center_point()),
            zoom_level: to.map_or_else(|| self.zoom_level(), |v| v.zoom_level),
        }
    }

    /// Jumps (no flight) to exactly `extent` (a recalled view), the zoom clamped to what the
    /// map can show.
    pub fn show_extent(&mut self, extent: MapExtent) {
        self.flight = None;
        self.memory.center_at(to_position(extent.center));
        set_zoom(
            &mut self.memory,
            clamp_zoom(extent.zoom_level, self.settings.online_tiles),
        );
    }

    /// Flies to the view that shows all `points` ("Fit to events"). Does nothing for none.
    pub fn fit(&mut self, points: &[GeoPoint]) {
        let max_zoom = if points.len() == 1 { 7.0 } else { 9.0 };
        if let Some(view) = view_to_fit(
            points,
            self.last_viewport_px,
            56.0,
            (MIN_ZOOM_LEVEL, max_zoom),
        ) {
            self.fly_to(view.center_point(), Some(view.zoom_level));
        }
    }

    /// Draws the map into all of `ui`'s available space and returns what the user did.
    pub fn map_ui(&mut self, ui: &mut egui::Ui, vm: &MapViewModel) -> Vec<MapIntent> {
        let mut intents = Vec::new();
        let now_s = ui.input(|input| input.time);

        // Animation first, so that this frame already shows the new view.
        let mut flown_zoom = None;
        if let Some(flight) = &mut self.flight {
            let (view, arrived) = flight.view_at(now_s);
            self.memory.center_at(to_position(view.center_point()));
            set_zoom(&mut self.memory, view.zoom_level);
            flown_zoom = Some(self.memory.zoom());
            if arrived {
                self.flight = None;
            } else {
                ui.ctx().request_repaint();
            }
        }

        // Online tiles exist only while the setting is on: no setting, no network.
        if self.settings.online_tiles {
            if self.tiles.is_none() {
                self.tiles = Some((self.tile_source)(ui.ctx().clone()));
            }
        } else {
            self.tiles = None;
        }

        // Gather.
        self.markers.update(&vm.markers, self.memory.zoom());
        self.cities.update(&vm.city_labels);
        let style = MapStyle::for_theme(ui.visuals().dark_mode);
        let choropleth = self
            .settings
            .choropleth
            .then(|| basemap_layer::Choropleth::new(&vm.country_event_counts, &style));

        // Draw.
        let mut overlay_output = OverlayOutput::default();
        let online = self.settings.online_tiles;
        let attribution = self
            .tiles
            .as_ref()
            .map(|tiles| walkers::Tiles::attribution(tiles).text);
        let mut controls = ControlsState {
            settings: &mut self.settings,
            has_markers: !vm.markers.is_empty(),
            style,
            online_attribution: attribution,
            choropleth: choropleth.as_ref(),
        };
        let my_position = to_position(controls.settings.center);
        let tiles = self
            .tiles
            .as_mut()
            .map(|tiles| tiles as &mut dyn walkers::Tiles);
        let frame = SharedFrame::default();
        let mut map = walkers::Map::new(tiles, &mut self.memory, my_position)
            .zoom_with_ctrl(false)
            .with_plugin(BasemapPlugin {
                style,
                draw_land: !online,
                choropleth: choropleth.as_ref(),
            })
            .with_plugin(MarkerPlacementLayer {
                vm,
                markers: &self.markers,
                style,
                frame: &frame,
            });
        // Online tiles carry their own country names.
        if !online {
            map = map.with_plugin(CountryLabelsLayer {
                style,
                frame: &frame,
                side_px_range: BIG_COUNTRY_SIDE_PX..f32::INFINITY,
            });
        }
        map = map.with_plugin(CityLabelsLayer {
            cities: &self.cities,
            style,
            frame: &frame,
        });
        if !online {
            map = map.with_plugin(CountryLabelsLayer {
                style,
                frame: &frame,
                side_px_range: 0.0..BIG_COUNTRY_SIDE_PX,
            });
        }
        let map = map
            .with_plugin(LinksLayer { vm, style })
            .with_plugin(MarkersLayer {
                vm,
                markers: &self.markers,
                style,
                frame: &frame,
                output: &mut overlay_output,
            })
            .with_plugin(MarkerLabelsLayer {
                style,
                frame: &frame,
            });
        let show_controls = self.show_controls;
        let shown = map.show(ui, |ui, _response, _projector, _memory| {
            if show_controls {
                controls::controls_ui(ui, &mut controls)
            } else {
                Vec::new()
            }
        });
        let response = shown.response;
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Map"));
        self.last_viewport_px = [response.rect.width(), response.rect.height()];

        // The user took over: stop flying.
        let user_zoomed = flown_zoom.is_some_and(|zoom| zoom != self.memory.zoom());
        if response.dragged() || user_zoomed {
            self.flight = None;
        }

        // Apply what the widgets asked for.
        for action in shown.inner {
            match action {
                ControlAction::FitToEvents => {
                    let points: Vec<GeoPoint> = vm.markers.iter().map(|m| m.point).collect();
                    self.fit(&points);
                }
                ControlAction::ZoomBy(delta) => {
                    let target = self.flight.as_ref().map_or_else(
                        || View::new(self.center(), self.zoom_level()),
                        |flight| flight.to,
                    );
                    self.fly_to(target.center_point(), Some(target.zoom_level + delta));
                }
                ControlAction::SettingsChanged => intents.push(MapIntent::SettingsChanged),
            }
        }
        if let Some(points) = overlay_output.fit_points.take() {
            self.fit(&points);
        }
        intents.append(&mut overlay_output.intents);
        if overlay_output.hovered != self.last_hovered {
            self.last_hovered = overlay_output.hovered;
            intents.push(MapIntent::HoverPlace(overlay_output.hovered));
        }

        let zoom_level = self.memory.zoom();
        let clamped = clamp_zoom(zoom_level, self.settings.online_tiles);
        if clamped != zoom_level {
            set_zoom(&mut self.memory, clamped);
        }
        self.settings.center = self.center();
        self.settings.zoom_level = self.memory.zoom();
        intents
    }
}

fn clamp_zoom(zoom_level: f64, online: bool) -> f64 {
    let max = if online {
        MAX_ZOOM_LEVEL_ONLINE
    } else {
        MAX_ZOOM_LEVEL_OFFLINE
    };
    if zoom_level.is_finite() {
        zoom_level.clamp(MIN_ZOOM_LEVEL, max)
    } else {
        MapSettings::default().zoom_level
    }
}

/// Sets walkers' zoom level. Ours are clamped to its range first, so a refusal is a bug: it is
/// reported, and the map keeps its zoom.
fn set_zoom(memory: &mut MapMemory, zoom_level: f64) {
    if let Err(e) = memory.set_zoom(zoom_level.clamp(0.0, 26.0)) {
        eprintln!("briefmap: the map refused zoom level {zoom_level}: {e:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_panel_starts_where_the_settings_say_and_clamps_zoom() {
        let settings = MapSettings {
            center: GeoPoint::new(40.0, 60.0),
            zoom_level: 30.0,
            ..MapSettings::default()
        };
        let panel = MapPanel::new(settings);
        assert!((panel.center().lat - 40.0).abs() < 1e-9);
        assert_eq!(panel.zoom_level(), MAX_ZOOM_LEVEL_OFFLINE);
        assert!(!panel.settings().online_tiles);
        assert!(panel.tiles.is_none(), "no tile source unless asked for");
    }

    #[test]
    fn settings_serialise_and_default_is_offline() {
        let settings = MapSettings::default();
        assert!(!settings.online_tiles);
        let json = serde_json::to_string(&settings).expect("serialisable");
        let back: MapSettings = serde_json::from_str(&json).expect("deserialisable");
        assert_eq!(back, settings);
        // The session switch is never saved; an old save that has it starts offline.
        let on = MapSettings {
            online_tiles: true,
            ..MapSettings::default()
        };
        let json = serde_json::to_string(&on).expect("serialisable");
        assert!(!json.contains("online_tiles"), "{json}");
        let old: MapSettings =
            serde_json::from_str(r#"{"online_tiles": true}"#).expect("deserialisable");
        assert!(!old.at_start().online_tiles);
        let asked = MapSettings {
            start_online: true,
            ..MapSettings::default()
        };
        assert!(asked.at_start().online_tiles);
        let partial: MapSettings =
            serde_json::from_str(r#"{"choropleth": true}"#).expect("defaults");
        assert!(partial.choropleth && !partial.online_tiles);
    }
}
