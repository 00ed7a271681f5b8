//! A small TopoJSON decoder for polygon topologies (what npm `world-atlas` ships): quantized,
//! delta-encoded arcs with a transform; Polygon and MultiPolygon geometries with holes; arc
//! references where `~i` (= `-i - 1`) means arc `i` walked backwards.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::GeoError;

/// A reference to an arc inside a ring: `index` into `Topology::arcs`, maybe walked backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArcRef {
    pub index: usize,
    pub reversed: bool,
}

impl ArcRef {
    /// Decodes TopoJSON's signed arc reference (`~i` for reversed arc `i`).
    pub fn decode(raw: i64, arc_count: usize) -> Result<Self, GeoError> {
        let (index, reversed) = if raw < 0 { (!raw, true) } else { (raw, false) };
        match usize::try_from(index) {
            Ok(index) if index < arc_count => Ok(Self { index, reversed }),
            _ => Err(GeoError::BadArcIndex {
                index: raw,
                count: arc_count,
            }),
        }
    }
}

/// A ring as a list of arc references; the first ring of a polygon is its outline, the others
/// are holes.
pub type Ring = Vec<ArcRef>;

/// One geometry of a TopoJSON object (a country, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// The feature `id` as a string (world-atlas: ISO 3166 numeric, e.g. "795").
    pub id: Option<String>,
    /// `properties.name`, if present.
    pub name: Option<String>,
    /// Polygons → rings → arcs. Empty for geometry types other than (Multi)Polygon.
    pub polygons: Vec<Vec<Ring>>,
}

/// A decoded topology: absolute arcs in degrees `[lon, lat]`, and the named objects.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub arcs: Vec<Vec<[f64; 2]>>,
    pub objects: BTreeMap<String, Vec<Geometry>>,
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(default)]
    transform: Option<RawTransform>,
    arcs: Vec<Vec<Vec<f64>>>,
    #[serde(default)]
    objects: BTreeMap<String, RawGeometry>,
}

#[derive(Deserialize)]
struct RawTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    properties: Option<serde_json::Map<String, Value>>,
    #[serde(default)]
    arcs: Option<Value>,
    #[serde(default)]
    geometries: Option<Vec<RawGeometry>>,
}

impl Topology {
    /// Decodes a TopoJSON document.
    pub fn parse(json: &str) -> Result<Self, GeoError> {
        let raw: RawTopology = serde_json::from_str(json)?;
        let arcs = decode_arcs(&raw.arcs, raw.transform.as_ref())?;
        let mut objects = BTreeMap::new();
        for (name, object) in raw.objects {
            let mut geometries = Vec::new();
            flatten_geometry(object, arcs.len(), &mut geometries)?;
            objects.insert(name, geometries);
        }
        Ok(Self { arcs, objects })
    }

    /// The geometries of the object `name`.
    pub fn object(&self, name: &str) -> Result<&[Geometry], GeoError> {
        self.objects
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| GeoError::MissingObject(name.to_owned()))
    }

    /// Stitches a ring's arcs into one closed list of `[lon, lat]` points. Consecutive arcs
    /// share their joining point, which appears once.
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<[f64; 2]> {
        let mut points: Vec<[f64; 2]> = Vec::new();
        for arc_ref in ring {
            let arc = &self.arcs[arc_ref.index];
            let skip = usize::from(!points.is_empty());
            if arc_ref.reversed {
                points.extend(arc.iter().rev().skip(skip));
            } else {
                points.extend(arc.iter().skip(skip));
            }
        }
        points
    }
}

fn decode_arcs(
    raw: &[Vec<Vec<f64>>],
    transform: Option<&RawTransform>,
) -> Result<Vec<Vec<[f64; 2]>>, GeoError> {
    raw.iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|position| {
                    let (&dx, &dy) = match position.as_slice() {
                        [dx, dy, ..] => (dx, dy),
                        _ => return Err(GeoError::ShortPosition),
                    };
                    Ok(match transform {
                        Some(t) => {
                            x += dx;
                            y += dy;
                            [
                                x * t.scale[0] + t.translate[0],
                                y * t.scale[1] + t.translate[1],
                            ]
                        }
                        None => [dx, dy],
                    })
                })
                .collect()
        })
        .collect()
}

fn flatten_geometry(
    raw: RawGeometry,
    arc_count: usize,
    out: &mut Vec<Geometry>,
) -> Result<(), GeoError> {
    if let Some(children) = raw.geometries {
        for child in children {
            flatten_geometry(child, arc_count, out)?;
        }
        return Ok(());
    }
    let decode_ring = |ring: Vec<i64>| -> Result<Ring, GeoError> {
        ring.into_iter()
            .map(|raw| ArcRef::decode(raw, arc_count))
            .collect()
    };
    let decode_polygon = |rings: Vec<Vec<i64>>| -> Result<Vec<Ring>, GeoError> {
        rings.into_iter().map(decode_ring).collect()
    };
    let polygons = match (raw.kind.as_deref(), raw.arcs) {
        (Some("Polygon"), Some(arcs)) => {
            vec![decode_polygon(serde_json::from_value(arcs)?)?]
        }
        (Some("MultiPolygon"), Some(arcs)) => {
            let raw_polygons: Vec<Vec<Vec<i64>>> = serde_json::from_value(arcs)?;
            raw_polygons
                .into_iter()
                .map(decode_polygon)
                .collect::<Result<_, _>>()?
        }
        _ => Vec::new(),
    };
    let id = raw.id.and_then(|id| match id {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    });
    let name = raw
        .properties
        .as_ref()
        .and_then(|properties| properties.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    out.push(Geometry { id, name, polygons });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side sharing the arc x = 1; the right one has a hole.
    const TWO_SQUARES: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [
            [[2, 0], [0, 2]],
            [[2, 2], [-2, 0], [0, -2], [2, 0]],
            [[2, 0], [2, 0], [0, 2], [-2, 0]],
            [[3, 1], [1, 0], [0, 1], [-1, 0], [0, -1]]
        ],
        "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "001", "properties": {"name": "Left"}, "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": 2, "arcs": [[[2, -1], [3]]]},
            {"type": null}
        ]}}
    }"#;

    #[test]
    fn decodes_delta_encoded_quantized_arcs() {
        let topology = Topology::parse(TWO_SQUARES).expect("valid topology");
        assert_eq!(topology.arcs[0], vec![[11.0, 20.0], [11.0, 21.0]]);
        assert_eq!(
            topology.arcs[1],
            vec![[11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]
        );
    }

    #[test]
    fn stitches_rings_and_reverses_tilde_arcs() {
        let topology = Topology::parse(TWO_SQUARES).expect("valid topology");
        let shapes = topology.object("shapes").expect("object exists");
        assert_eq!(shapes.len(), 3);
        assert_eq!(shapes[0].id.as_deref(), Some("001"));
        assert_eq!(shapes[0].name.as_deref(), Some("Left"));
        assert_eq!(shapes[1].id.as_deref(), Some("2"));
        assert!(shapes[2].polygons.is_empty());

        let left = topology.ring_points(&shapes[0].polygons[0][0]);
        assert_eq!(left.first(), left.last(), "ring is closed");
        assert_eq!(left.len(), 5);

        let right = &shapes[1].polygons[0];
        assert_eq!(right.len(), 2, "outline and a hole");
        assert_eq!(
            right[0][1],
            ArcRef {
                index: 0,
                reversed: true
            }
        );
        let outline = topology.ring_points(&right[0]);
        assert_eq!(
            outline,
            vec![
                [11.0, 20.0],
                [12.0, 20.0],
                [12.0, 21.0],
                [11.0, 21.0],
                [11.0, 20.0]
            ]
        );
    }

    #[test]
    fn rejects_arc_indices_out_of_range() {
        let bad = TWO_SQUARES.replace("[3]]]", "[7]]]");
        assert!(matches!(
            Topology::parse(&bad),
            Err(GeoError::BadArcIndex { index: 7, .. })
        ));
        assert!(Topology::parse("{").is_err());
        let topology = Topology::parse(TWO_SQUARES).expect("valid topology");
        assert!(matches!(
            topology.object("land"),
            Err(GeoError::MissingObject(_))
        ));
    }
}
