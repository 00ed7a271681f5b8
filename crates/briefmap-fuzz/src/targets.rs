//! The fuzz targets (bolero): the brief loader with the extractor, the sidecar and
//! corrections reader, and each importer (CSV, TSV, GeoJSON, TimelineJS), each followed by
//! every export of what it read; and the saved-views reader with the shared-view parser. Under `cargo test` each runs for about a second on random
//! inputs plus the files in its `corpus` and `crashes` folders (`src/__fuzz__/...`). A target
//! fails on a panic, a span outside its text, or an export that is not well-formed.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use briefmap_core::app::Corrections;
use briefmap_core::app::corrections::CORRECTIONS_KEY;
use briefmap_core::app::merge::merge;
use briefmap_core::app::saved_view::{SavedView, ViewsFile};
use briefmap_core::export::{self, ExportFormat, FORMATS, flatten};
use briefmap_core::extract::extract_brief;
use briefmap_core::gazetteer::Gazetteer;
use briefmap_core::model::{Brief, DateRange, Publication, Span};
use briefmap_core::sources::brief_file::decode_brief_bytes;
use briefmap_core::sources::import::import_text;
use briefmap_core::sources::sidecar::{parse_sidecar, publication_from_sidecar};
use quick_xml::Reader;
use quick_xml::events::Event as XmlEvent;

/// Every span a brief holds is a slice of its text.
fn check_spans(brief: &Brief) {
    let text = &brief.text;
    let ok = |s: &Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    for p in &brief.places {
        assert!(p.mentions.iter().all(ok), "{p:?}");
        assert!(p.point.lat.is_finite() && p.point.lon.is_finite(), "{p:?}");
    }
    assert!(brief.countries.iter().all(|c| c.mentions.iter().all(ok)));
    assert!(
        brief
            .organizations
            .iter()
            .all(|o| o.mentions.iter().all(ok))
    );
    assert!(brief.people.iter().all(|p| p.mentions.iter().all(ok)));
    assert!(brief.events.iter().all(|e| ok(&e.evidence)));
}

/// Every export of `briefs` renders; KML is well-formed XML; none carries a control
/// character XML forbids.
fn check_exports(briefs: &[Brief]) {
    let events = flatten(briefs);
    for info in FORMATS {
        let text = export::render(info.format, &events, "fuzz", Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", info.name));
        let forbidden = text
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert!(forbidden.is_none(), "{}: holds {forbidden:?}", info.name);
        if info.format == ExportFormat::Kml {
            let mut reader = Reader::from_str(&text);
            loop {
                match reader.read_event() {
                    Ok(XmlEvent::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("KML is not well-formed: {e}"),
                }
            }
        }
    }
}

#[test]
fn brief_loader_and_extractor() {
    let gazetteer = Gazetteer::bundled();
    let publication = Publication {
        published: DateRange::parse_iso("2024-02-29"),
        ..Publication::default()
    };
    bolero::check!().for_each(|bytes: &[u8]| {
        // What the loader accepts is extracted; garbage is refused with a reason.
        let text = match decode_brief_bytes(bytes.to_vec()) {
            Ok(text) => text,
            Err(reason) => {
                assert!(!reason.to_string().is_empty());
                // The extractor must survive whatever text it is given, all the same.
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        let brief = extract_brief(PathBuf::from("fuzz.txt"), &text, &publication, gazetteer);
        check_spans(&brief);
        check_exports(&[brief]);
    });
}

/// A small brief the fuzzed corrections are applied to.
fn corrected_brief() -> &'static Brief {
    static BRIEF: OnceLock<Brief> = OnceLock::new();
    BRIEF.get_or_init(|| {
        extract_brief(
            PathBuf::from("c.txt"),
            "On 3 March 2025, President Tokayev met Ilham Aliyev in Astana.\n\n\
             On 5 April 2025, SOCAR signed a pipeline agreement with QazaqGaz in Baku.\n",
            &Publication::default(),
            Gazetteer::bundled(),
        )
    })
}

#[test]
fn sidecar_and_corrections_reader() {
    bolero::check!().for_each(|bytes: &[u8]| {
        let Ok(map) = parse_sidecar(Path::new("fuzz.json"), bytes) else {
            return;
        };
        let (publication, _problems) = publication_from_sidecar(&map);
        let brief = corrected_brief();
        let with_publication = extract_brief(
            PathBuf::from("p.txt"),
            &brief.text,
            &publication,
            Gazetteer::bundled(),
        );
        check_spans(&with_publication);
        let Ok(corrections) = Corrections::from_json(map.get(CORRECTIONS_KEY)) else {
            return;
        };
        let applied = corrections.apply(brief);
        assert!(applied.orphans.len() <= corrections.events.len());
        // Written and read back, the corrections are the same; merging with itself is a no-op.
        let again = Corrections::from_json(Some(&corrections.to_json())).expect("reads back");
        assert_eq!(again.to_json(), corrections.to_json());
        // Unless an event has two entries (then it is a conflict), merging is a no-op.
        if let Ok(merged) = merge(&corrections, &corrections, &corrections) {
            assert_eq!(merged.events, corrections.events);
            assert_eq!(merged.added, corrections.added);
        }
    });
}

/// Imports `bytes` as the file `name` and exports what it read.
fn import_then_export(name: &str, bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok((brief, _problems)) = import_text(Path::new(name), text) {
        check_spans(&brief);
        check_exports(&[brief]);
    }
}

#[test]
fn csv_importer() {
    bolero::check!().for_each(|bytes: &[u8]| import_then_export("fuzz.csv", bytes));
}

#[test]
fn tsv_importer() {
    bolero::check!().for_each(|bytes: &[u8]| import_then_export("fuzz.tsv", bytes));
}

#[test]
fn geojson_importer() {
    bolero::check!().for_each(|bytes: &[u8]| import_then_export("fuzz.geojson", bytes));
}

#[test]
fn timelinejs_importer() {
    bolero::check!().for_each(|bytes: &[u8]| import_then_export("fuzz.json", bytes));
}

/// A view's share text read back gives the same text: a view that was accepted once is
/// accepted again, and nothing is lost or changed on the way.
fn check_share_round_trip(view: &SavedView) {
    assert!(view.validate().is_ok(), "{view:?}");
    let text = view.share_text();
    let back = SavedView::from_share_text(&text)
        .unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
    assert_eq!(back.share_text(), text);
}

#[test]
fn saved_views_reader_and_share_text() {
    bolero::check!().for_each(|bytes: &[u8]| {
        if let Ok(file) = ViewsFile::parse(Path::new("briefmap-views.json"), bytes) {
            let again = ViewsFile::parse(Path::new("again.json"), file.to_json().as_bytes())
                .expect("a views file written reads back");
            assert_eq!(again.to_json(), file.to_json());
            file.views.iter().for_each(check_share_round_trip);
        }
        if let Ok(text) = std::str::from_utf8(bytes)
            && let Ok(view) = SavedView::from_share_text(text)
        {
            check_share_round_trip(&view);
        }
    });
}
