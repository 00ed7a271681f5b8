//! File → Export from the running app: the events the window shows, after filters, in the
//! chosen format (the save dialog is skipped: tests call the exporter with a path).

mod common;

use briefmap_core::app::Command;
use briefmap_core::app::Facet;
use briefmap_core::export::ExportFormat;
use briefmap_ui::export_menu::ExportChoice;
use egui_kittest::kittest::Queryable;

#[test]
fn the_menu_offers_every_format() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    for label in [
        "GeoJSON…",
        "CSV…",
        "iCalendar (.ics)…",
        "KML (Google Earth)…",
        "TimelineJS JSON…",
        "HTML briefing pack…",
        "PNG image of this view…",
    ] {
        h.get_by_label(label);
    }
}

#[test]
fn data_exports_follow_the_filters() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    briefmap_ui::apply(
        &mut h,
        Command::SetFacet {
            facet: Facet::Country,
            value: "TR".into(),
            selected: true,
        },
    );
    let shown = h.state().state.visible().len();
    let total = h.state().state.catalog.len();
    assert!(shown > 0 && shown < total);
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("events.geojson");
    let ctx = h.ctx.clone();
    {
        let app = h.state_mut();
        app.exporter.export_to(
            &ctx,
            &app.state,
            ExportChoice::Data(ExportFormat::Geojson),
            path.clone(),
        );
        assert!(
            app.exporter
                .message
                .as_deref()
                .unwrap_or("")
                .starts_with("Saved"),
            "{:?}",
            app.exporter.message
        );
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let features = v["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        let countries = f["properties"]["countries"].as_array().unwrap();
        assert!(countries.iter().any(|c| c == "TR"), "{f}");
    }
    let csv_path = out.path().join("events.csv");
    {
        let app = h.state_mut();
        app.exporter.export_to(
            &ctx,
            &app.state,
            ExportChoice::Data(ExportFormat::Csv),
            csv_path.clone(),
        );
    }
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(
        csv.lines().count(),
        shown + 1,
        "one row per event shown, plus the header"
    );
}

#[test]
fn screenshots_encode_as_png() {
    let image = egui::ColorImage::new([3, 2], vec![egui::Color32::RED; 6]);
    let png = briefmap_ui::export_menu::encode_png(&image).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn the_view_exports_as_png_and_inside_the_html_pack() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let out = tempfile::tempdir().unwrap();
    let ctx = h.ctx.clone();
    for (choice, name) in [
        (ExportChoice::Png, "view.png"),
        (ExportChoice::HtmlPack, "pack.html"),
    ] {
        let path = out.path().join(name);
        {
            let app = h.state_mut();
            app.exporter
                .export_to(&ctx, &app.state, choice, path.clone());
            assert!(
                app.exporter.is_waiting(),
                "waits for the renderer's picture"
            );
        }
        for _ in 0..6 {
            h.step();
            if !h.state().exporter.is_waiting() {
                break;
            }
        }
        assert!(!h.state().exporter.is_waiting(), "the screenshot arrived");
        assert!(path.exists(), "{}", path.display());
    }
    let png = std::fs::read(out.path().join("view.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let page = std::fs::read_to_string(out.path().join("pack.html")).unwrap();
    assert_eq!(page.matches("data:image/png;base64,").count(), 1);
    assert!(!page.contains("<script"));
}

#[test]
fn deck_slides_render_in_the_background() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let out = tempfile::tempdir().unwrap();
    let ctx = h.ctx.clone();
    {
        let app = h.state_mut();
        let mut deck = briefmap_core::app::deck::Deck::new("Two events");
        let keys: Vec<_> = app.state.catalog.rows().take(2).map(|r| r.key).collect();
        for key in keys {
            assert!(deck.add_event(&app.state.catalog, key));
        }
        app.exporter.deck_slides_to(
            &ctx,
            &deck,
            vec![dir.path().to_path_buf()],
            out.path().to_path_buf(),
        );
        assert!(app.exporter.rendering_slides);
    }
    let started = std::time::Instant::now();
    while h.state().exporter.rendering_slides && started.elapsed().as_secs() < 300 {
        std::thread::sleep(std::time::Duration::from_millis(200));
        h.step();
    }
    let message = h.state().exporter.message.clone().unwrap_or_default();
    assert!(message.starts_with("Saved 4 slides"), "{message}");
    for n in 1..=4 {
        assert!(out.path().join(format!("slide-{n:03}.png")).exists());
    }
    let page = std::fs::read_to_string(out.path().join("briefing.html")).unwrap();
    assert_eq!(page.matches("data:image/png;base64,").count(), 4);
}
