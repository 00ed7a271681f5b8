//! `briefmap slides`: every slide rendered to PNG, and the HTML pack with the slides inside.

mod common;

#[test]
fn every_slide_is_rendered_and_packed() {
    let dir = common::briefs_copy();
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("pack.html");
    let written = briefmap_ui::slides_export::write_slides(
        vec![dir.path().to_path_buf()],
        None,
        &out.path().join("slides"),
        Some(&html),
    )
    .expect("slides render");
    let events = {
        let dataset = briefmap_core::sources::load_paths(&[dir.path().to_path_buf()], &|_| {});
        dataset.briefs.iter().map(|b| b.events.len()).sum::<usize>()
    };
    assert_eq!(written.len(), events + 2, "title, one per event, summary");
    for path in &written {
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        page.matches("data:image/png;base64,").count(),
        written.len()
    );
    assert!(!page.contains("<script"));
}
