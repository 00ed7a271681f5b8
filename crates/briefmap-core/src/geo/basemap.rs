//! The offline basemap: Natural Earth country polygons (npm `world-atlas`, embedded in the
//! binary), decoded and triangulated once into Web-Mercator unit coordinates, with border and
//! coast polylines (each shared arc once) and a label point per country.

use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::GeoError;
use super::iso3166::alpha2_for_feature;
use super::mercator::{UnitPoint, UnitRect, from_unit, to_unit};
use super::polygon::{pole_of_inaccessibility, polygon_area, polygon_contains};
use super::topojson::Topology;
use crate::model::GeoPoint;

const COUNTRIES_110M: &str = include_str!("../../../../data/basemap/countries-110m.json");
const COUNTRIES_50M: &str = include_str!("../../../../data/basemap/countries-50m.json");

/// Which Natural Earth scale to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// 1:110 million, ~10k points: the world and continents.
    Coarse110m,
    /// 1:50 million, ~80k points: regions and countries.
    Fine50m,
}

impl Resolution {
    /// Zoom level from which the finer data is drawn.
    pub const FINE_FROM_ZOOM_LEVEL: f64 = 3.5;

    pub fn for_zoom_level(zoom_level: f64) -> Self {
        if zoom_level < Self::FINE_FROM_ZOOM_LEVEL {
            Resolution::Coarse110m
        } else {
            Resolution::Fine50m
        }
    }

    /// The embedded TopoJSON text for this resolution.
    pub fn topojson(self) -> &'static str {
        match self {
            Resolution::Coarse110m => COUNTRIES_110M,
            Resolution::Fine50m => COUNTRIES_50M,
        }
    }
}

/// One polygon of a country (an island, say): rings in unit coordinates, outline first.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryPolygon {
    pub rings: Vec<Vec<UnitPoint>>,
    pub bounds: UnitRect,
    pub area: f64,
}

/// A country of the basemap.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Short English name from Natural Earth ("Turkmenistan", "Dem. Rep. Congo").
    pub name: String,
    /// ISO 3166 numeric code as world-atlas gives it ("795").
    pub numeric_id: Option<String>,
    /// ISO 3166-1 alpha-2, upper case, when known.
    pub alpha2: Option<&'static str>,
    /// Where the name goes: the pole of inaccessibility of the largest polygon.
    pub label_point: GeoPoint,
    pub label_unit: UnitPoint,
    /// Area of the largest polygon in unit² (how much room the name has).
    pub label_polygon_area: f64,
    pub bounds: UnitRect,
    pub polygons: Vec<CountryPolygon>,
    /// This country's slice of `Basemap::vertices`.
    pub vertex_range: Range<usize>,
    /// This country's slice of `Basemap::indices` (indices are into `Basemap::vertices`).
    pub index_range: Range<usize>,
}

/// What a border polyline separates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BorderKind {
    /// Between two countries.
    Land,
    /// Between a country and the sea (or a sea-like lake such as the Caspian).
    Coast,
}

/// A border or coast polyline in unit coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct BorderLine {
    pub kind: BorderKind,
    pub points: Vec<UnitPoint>,
    pub bounds: UnitRect,
}

/// The triangulated world at one resolution.
#[derive(Debug, Clone)]
pub struct Basemap {
    pub resolution: Resolution,
    pub countries: Vec<Country>,
    /// Land vertices in unit coordinates; triangles in `indices`.
    pub vertices: Vec<UnitPoint>,
    pub indices: Vec<u32>,
    pub borders: Vec<BorderLine>,
    /// Wall time spent decoding and triangulating.
    pub build_duration: Duration,
}

static COARSE: OnceLock<Result<Basemap, GeoError>> = OnceLock::new();
static FINE: OnceLock<Result<Basemap, GeoError>> = OnceLock::new();

/// The embedded basemap at `resolution`, built on first use and kept for the process.
pub fn basemap(resolution: Resolution) -> Result<&'static Basemap, &'static GeoError> {
    let cell = match resolution {
        Resolution::Coarse110m => &COARSE,
        Resolution::Fine50m => &FINE,
    };
    cell.get_or_init(|| Basemap::build(resolution.topojson(), resolution))
        .as_ref()
}

/// Builds both resolutions on a background thread, so that the first frame that needs them
/// finds them ready (or waits less). Safe to call more than once.
pub fn prewarm_basemaps() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let spawned = std::thread::Builder::new()
            .name("basemap-build".into())
            .spawn(|| {
                // Built into their `OnceLock`s; the first map frame then finds them ready
                // (or meets the same error, which the map reports where it draws).
                for resolution in [Resolution::Coarse110m, Resolution::Fine50m] {
                    if let Err(e) = basemap(resolution) {
                        eprintln!("briefmap: the bundled basemap is broken: {e}");
                    }
                }
            });
        // Without a thread the maps are simply built on first use.
        drop(spawned);
    });
}

impl Basemap {
    /// Decodes a world-atlas style TopoJSON (object `countries`) and triangulates it.
    pub fn build(topojson: &str, resolution: Resolution) -> Result<Self, GeoError> {
        let started = Instant::now();
        let topology = Topology::parse(topojson)?;
        let geometries = topology.object("countries")?;

        let mut countries = Vec::with_capacity(geometries.len());
        let mut vertices = Vec::new();
        let mut indices = Vec::new();
        let mut arc_use = vec![0u32; topology.arcs.len()];

        for geometry in geometries {
            if geometry.polygons.is_empty() {
                continue;
            }
            let vertex_start = vertices.len();
            let index_start = indices.len();
            let mut polygons = Vec::with_capacity(geometry.polygons.len());
            for polygon in &geometry.polygons {
                let degree_rings: Vec<Vec<[f64; 2]>> = polygon
                    .iter()
                    .map(|ring| {
                        for arc in ring {
                            arc_use[arc.index] += 1;
                        }
                        topology.ring_points(ring)
                    })
                    .collect();
                for copy in antimeridian_copies(degree_rings) {
                    let rings: Vec<Vec<UnitPoint>> = copy
                        .iter()
                        .map(|ring| ring_to_unit(ring))
                        .filter(|ring| ring.len() >= 3)
                        .collect();
                    if rings.is_empty() {
                        continue;
                    }
                    triangulate(&rings, &mut vertices, &mut indices);
                    let bounds = UnitRect::from_points(rings[0].iter().copied());
                    let area = polygon_area(&rings);
                    polygons.push(CountryPolygon {
                        rings,
                        bounds,
                        area,
                    });
                }
            }
            let Some(largest) = polygons.iter().max_by(|a, b| a.area.total_cmp(&b.area)) else {
                continue;
            };
            // The label spot does not need every coastal wiggle: a thinned outline is 10× faster.
            let thinned: Vec<Vec<UnitPoint>> = largest
                .rings
                .iter()
                .map(|ring| {
                    let stride = ring.len().div_ceil(400).max(1);
                    ring.iter().step_by(stride).copied().collect()
                })
                .filter(|ring: &Vec<UnitPoint>| ring.len() >= 3)
                .collect();
            let label_unit = pole_of_inaccessibility(&thinned, 0.02);
            let label_polygon_area = largest.area;
            let bounds = polygons
                .iter()
                .fold(UnitRect::NOTHING, |acc, polygon| acc.union(polygon.bounds));
            let name = geometry.name.clone().unwrap_or_default();
            countries.push(Country {
                alpha2: alpha2_for_feature(geometry.id.as_deref(), &name),
                name,
                numeric_id: geometry.id.clone(),
                label_point: from_unit(label_unit),
                label_unit,
                label_polygon_area,
                bounds,
                polygons,
                vertex_range: vertex_start..vertices.len(),
                index_range: index_start..indices.len(),
            });
        }

        let mut borders = Vec::new();
        for (arc, &uses) in topology.arcs.iter().zip(&arc_use) {
            if uses == 0 {
                continue;
            }
            let kind = if uses >= 2 {
                BorderKind::Land
            } else {
                BorderKind::Coast
            };
            for piece in split_artificial_edges(arc) {
                let points: Vec<UnitPoint> = piece
                    .iter()
                    .map(|&[lon, lat]| to_unit(GeoPoint::new(lat, lon)))
                    .collect();
                let bounds = UnitRect::from_points(points.iter().copied());
                borders.push(BorderLine {
                    kind,
                    points,
                    bounds,
                });
            }
        }

        Ok(Self {
            resolution,
            countries,
            vertices,
            indices,
            borders,
            build_duration: started.elapsed(),
        })
    }

    /// The country whose land contains `point`, if any (sea and lakes like the Caspian: none).
    pub fn country_at(&self, point: GeoPoint) -> Option<&Country> {
        let unit = to_unit(point);
        self.countries.iter().find(|country| {
            country.bounds.contains(unit)
                && country.polygons.iter().any(|polygon| {
                    polygon.bounds.contains(unit) && polygon_contains(&polygon.rings, unit)
                })
        })
    }

    /// The countries with this alpha-2 code (world-atlas splits a few, e.g. Australia's islets).
    pub fn countries_with_alpha2<'a>(
        &'a self,
        alpha2: &'a str,
    ) -> impl Iterator<Item = &'a Country> + 'a {
        self.countries
            .iter()
            .filter(move |country| country.alpha2.is_some_and(|code| code == alpha2))
    }
}

/// Makes a polygon that crosses the antimeridian (Chukotka, Fiji) continuous by unwrapping its
/// longitudes past ±180°, and returns it plus a copy shifted by 360° so both world edges are
/// covered. A ring around a pole (Antarctica) is closed along the pole's latitude. Polygons
/// that do not cross come back unchanged, alone.
fn antimeridian_copies(mut rings: Vec<Vec<[f64; 2]>>) -> Vec<Vec<Vec<[f64; 2]>>> {
    let mut crosses = false;
    for ring in &mut rings {
        let mut offset = 0.0;
        let mut previous_raw: Option<f64> = None;
        for point in ring.iter_mut() {
            let raw = point[0];
            if let Some(previous) = previous_raw {
                if raw - previous > 180.0 {
                    offset -= 360.0;
                } else if raw - previous < -180.0 {
                    offset += 360.0;
                }
            }
            previous_raw = Some(raw);
            point[0] = raw + offset;
        }
        if offset != 0.0 {
            crosses = true;
            // The ring winds around a pole: close it along the pole's edge of the map.
            let mean_lat = ring.iter().map(|p| p[1]).sum::<f64>() / ring.len() as f64;
            let pole_lat = if mean_lat < 0.0 { -90.0 } else { 90.0 };
            if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
                ring.push([last[0], pole_lat]);
                ring.push([first[0], pole_lat]);
            }
        } else if ring.iter().any(|p| p[0] > 180.0 || p[0] < -180.0) {
            crosses = true;
        }
    }
    if !crosses {
        return vec![rings];
    }
    let (min_lon, max_lon) = rings
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p[0]), hi.max(p[0]))
        });
    let shift = if max_lon > 180.0 {
        -360.0
    } else if min_lon < -180.0 {
        360.0
    } else {
        return vec![rings];
    };
    let shifted = rings
        .iter()
        .map(|ring| ring.iter().map(|p| [p[0] + shift, p[1]]).collect())
        .collect();
    vec![rings, shifted]
}

/// Degrees ring → unit ring without repeated points and without the closing point.
fn ring_to_unit(points: &[[f64; 2]]) -> Vec<UnitPoint> {
    let mut ring: Vec<UnitPoint> = Vec::with_capacity(points.len());
    for &[lon, lat] in points {
        let unit = to_unit(GeoPoint::new(lat, lon));
        if ring.last() != Some(&unit) {
            ring.push(unit);
        }
    }
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    ring
}

/// Appends the triangulation of one polygon (outline + holes) to the shared buffers.
fn triangulate(rings: &[Vec<UnitPoint>], vertices: &mut Vec<UnitPoint>, indices: &mut Vec<u32>) {
    let base = vertices.len();
    let mut flat = Vec::with_capacity(rings.iter().map(|ring| ring.len() * 2).sum());
    let mut holes = Vec::with_capacity(rings.len().saturating_sub(1));
    for (ring_index, ring) in rings.iter().enumerate() {
        if ring_index > 0 {
            holes.push(flat.len() / 2);
        }
        for point in ring {
            flat.push(point.x);
            flat.push(point.y);
        }
    }
    // A polygon earcut cannot handle is left unfilled rather than failing the whole map.
    let Ok(triangles) = earcutr::earcut(&flat, &holes, 2) else {
        return;
    };
    vertices.extend(rings.iter().flatten().copied());
    indices.extend(triangles.into_iter().map(|index| (base + index) as u32));
}

/// Splits an arc at segments that are cuts of the data, not real borders: along the
/// antimeridian, and along Antarctica's bottom edge.
fn split_artificial_edges(arc: &[[f64; 2]]) -> Vec<&[[f64; 2]]> {
    let artificial = |a: [f64; 2], b: [f64; 2]| {
        (a[0].abs() >= 179.999 && b[0].abs() >= 179.999)
            || (a[0] - b[0]).abs() > 180.0
            || (a[1] <= -84.9 && b[1] <= -84.9)
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for i in 1..arc.len() {
        if artificial(arc[i - 1], arc[i]) {
            if i - start >= 2 {
                pieces.push(&arc[start..i]);
            }
            start = i;
        }
    }
    if arc.len() - start >= 2 {
        pieces.push(&arc[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::polygon::triangle_area;

    fn fine() -> &'static Basemap {
        basemap(Resolution::Fine50m).expect("embedded 50m basemap decodes")
    }

    fn coarse() -> &'static Basemap {
        basemap(Resolution::Coarse110m).expect("embedded 110m basemap decodes")
    }

    #[test]
    fn caspian_sea_is_water_at_both_resolutions() {
        for map in [fine(), coarse()] {
            let caspian = GeoPoint::new(41.9, 50.7);
            assert_eq!(
                map.country_at(caspian).map(|c| c.name.as_str()),
                None,
                "{:?}",
                map.resolution
            );
        }
    }

    #[test]
    fn capitals_are_inside_their_countries() {
        for map in [fine(), coarse()] {
            let ashgabat = map.country_at(GeoPoint::new(37.95, 58.38));
            assert_eq!(ashgabat.and_then(|c| c.alpha2), Some("TM"));
            let ankara = map.country_at(GeoPoint::new(39.93, 32.85));
            assert_eq!(ankara.and_then(|c| c.alpha2), Some("TR"));
            let astana = map.country_at(GeoPoint::new(51.17, 71.45));
            assert_eq!(astana.and_then(|c| c.alpha2), Some("KZ"));
            let baku = map.country_at(GeoPoint::new(40.41, 49.87));
            assert_eq!(baku.and_then(|c| c.alpha2), Some("AZ"));
        }
    }

    #[test]
    fn triangles_cover_each_polygon_exactly() {
        let map = fine();
        let mut checked = 0;
        for code in ["TM", "TR", "KZ", "UZ", "RU", "IR", "AZ"] {
            for country in map.countries_with_alpha2(code) {
                let polygon_total: f64 = country.polygons.iter().map(|p| p.area).sum();
                let triangle_total: f64 = map.indices[country.index_range.clone()]
                    .chunks_exact(3)
                    .map(|t| {
                        triangle_area(
                            map.vertices[t[0] as usize],
                            map.vertices[t[1] as usize],
                            map.vertices[t[2] as usize],
                        )
                    })
                    .sum();
                let relative = (triangle_total - polygon_total).abs() / polygon_total;
                assert!(
                    relative < 1e-6,
                    "{code}: {triangle_total} vs {polygon_total}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 7);
    }

    #[test]
    fn every_country_triangulates_and_labels_land_inside_it() {
        for map in [fine(), coarse()] {
            assert!(map.countries.len() > 170);
            for country in &map.countries {
                assert!(
                    !country.index_range.is_empty(),
                    "{} has no triangles",
                    country.name
                );
                let largest = country
                    .polygons
                    .iter()
                    .max_by(|a, b| a.area.total_cmp(&b.area))
                    .expect("a country has polygons");
                assert!(
                    polygon_contains(&largest.rings, country.label_unit),
                    "label of {} is outside it",
                    country.name
                );
            }
        }
    }

    #[test]
    fn borders_are_shared_once_and_coasts_exist() {
        let map = fine();
        let land = map
            .borders
            .iter()
            .filter(|b| b.kind == BorderKind::Land)
            .count();
        let coast = map.borders.len() - land;
        assert!(land > 100 && coast > 100, "land {land}, coast {coast}");
        // No polyline runs along the antimeridian cut.
        for border in &map.borders {
            for pair in border.points.windows(2) {
                let both_on_edge = [pair[0], pair[1]]
                    .iter()
                    .all(|p| p.x <= 1e-5 || p.x >= 1.0 - 1e-5);
                assert!(!both_on_edge);
            }
        }
    }

    #[test]
    fn most_countries_link_to_alpha2() {
        let map = fine();
        let linked = map.countries.iter().filter(|c| c.alpha2.is_some()).count();
        assert!(linked + 6 >= map.countries.len(), "{linked}");
        assert!(map.countries_with_alpha2("TM").count() == 1);
        assert_eq!(Resolution::for_zoom_level(2.0), Resolution::Coarse110m);
        assert_eq!(Resolution::for_zoom_level(5.0), Resolution::Fine50m);
    }
}
