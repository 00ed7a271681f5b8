//! The markers' names, placed by the first layer and painted last, above everything.

use super::super::style::MapStyle;
use super::super::text::paint_with_halo;
use super::SharedFrame;

pub struct MarkerLabelsLayer<'a> {
    pub style: MapStyle,
    pub frame: &'a SharedFrame,
}

impl walkers::Plugin for MarkerLabelsLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        for label in &self.frame.borrow().marker_labels {
            paint_with_halo(&painter, label.pos, &label.galley, self.style.halo);
        }
    }
}
