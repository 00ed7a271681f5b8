//! The event list: a sortable, virtualised table of the filtered events. Clicking a row
//! selects the event everywhere; hovering highlights it in the other views.

use egui_extras::{Column, TableBuilder};

use briefmap_core::app::{AppState, Command, EventKey};

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    #[default]
    Date,
    Title,
    Kind,
    Places,
    Source,
}

impl SortColumn {
    const ALL: [SortColumn; 5] = [
        SortColumn::Date,
        SortColumn::Title,
        SortColumn::Kind,
        SortColumn::Places,
        SortColumn::Source,
    ];
    fn title(self) -> &'static str {
        match self {
            SortColumn::Date => "Date",
            SortColumn::Title => "Title",
            SortColumn::Kind => "Kind",
            SortColumn::Places => "Places",
            SortColumn::Source => "Source",
        }
    }
}

/// Sort state and the cached sorted order.
#[derive(Default)]
pub struct EventList {
    pub sort: SortColumn,
    pub descending: bool,
    cache_key: Option<(u64, SortColumn, bool)>,
    order: Vec<u32>,
    scroll_to: Option<EventKey>,
}

impl EventList {
    /// Asks the list to bring this event into view on the next frame.
    pub fn scroll_to(&mut self, key: EventKey) {
        self.scroll_to = Some(key);
    }

    fn refresh(&mut self, state: &AppState) {
        let key = (state.view_generation, self.sort, self.descending);
        if self.cache_key == Some(key) {
            return;
        }
        let catalog = &state.catalog;
        let store = &catalog.store;
        let ranked = &state.derived.filtered.ranked;
        let mut order = state.derived.brushed.clone();
        match self.sort {
            // A search lists the best matches first; else the time order.
            SortColumn::Date if !ranked.is_empty() => {
                let shown: std::collections::HashSet<u32> = order.iter().copied().collect();
                order = ranked
                    .iter()
                    .copied()
                    .filter(|r| shown.contains(r))
                    .collect();
            }
            SortColumn::Date => {}
            SortColumn::Title => order.sort_by_cached_key(|&i| store.title(i).to_lowercase()),
            SortColumn::Kind => order.sort_by_key(|&i| store.kind(i).as_str()),
            SortColumn::Places => order.sort_by_key(|&i| {
                store
                    .places(i)
                    .first()
                    .map(|&p| catalog.places[p as usize].name.as_str())
            }),
            SortColumn::Source => order.sort_by_key(|&i| {
                catalog.briefs[store.brief(i) as usize]
                    .brief
                    .source
                    .as_deref()
            }),
        }
        if self.descending {
            order.reverse();
        }
        self.order = order;
        self.cache_key = Some(key);
    }

    pub fn event_list_ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        self.refresh(state);
        let mut commands = Vec::new();
        let catalog = &state.catalog;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut table = TableBuilder::new(ui)
            .id_salt("event_list")
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(96.0).at_least(70.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::initial(90.0).at_least(50.0))
            .column(Column::initial(140.0).at_least(60.0).clip(true))
            .column(Column::initial(100.0).at_least(50.0).clip(true))
            .min_scrolled_height(0.0)
            .auto_shrink([false, false]);
        if let Some(key) = self.scroll_to.take()
            && let Some(ri) = catalog.row_index(key)
            && let Some(pos) = self.order.iter().position(|&i| i == ri)
        {
            table = table.scroll_to_row(pos, Some(egui::Align::Center));
        }
        let mut hovered: Option<EventKey> = None;
        let hovered_place = state.hover.place.and_then(|p| catalog.place_index(p));
        table
            .header(row_height, |mut header| {
                for column in SortColumn::ALL {
                    header.col(|ui| {
                        let arrow = if self.sort == column {
                            if self.descending { " ▼" } else { " ▲" }
                        } else {
                            ""
                        };
                        let r = ui.add(
                            egui::Button::new(
                                egui::RichText::new(format!("{}{arrow}", column.title())).strong(),
                            )
                            .frame(false),
                        );
                        let r =
                            r.on_hover_text(format!("Sort by {}", column.title().to_lowercase()));
                        if r.clicked() {
                            if self.sort == column {
                                self.descending = !self.descending;
                            } else {
                                self.sort = column;
                                self.descending = false;
                            }
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.order.len(), |mut row| {
                    let ri = self.order[row.index()];
                    let event_row = &catalog.row_at(ri);
                    let is_selected = state.selection == Some(event_row.key);
                    row.set_selected(is_selected);
                    row.set_hovered(
                        state.hover.event == Some(event_row.key)
                            || hovered_place.is_some_and(|p| event_row.places.contains(&p)),
                    );
                    row.col(|ui| {
                        ui.style_mut().interaction.selectable_labels = false;
                        ui.label(&event_row.date_label);
                    });
                    row.col(|ui| {
                        ui.style_mut().interaction.selectable_labels = false;
                        let mut title = egui::RichText::new(&event_row.event.title);
                        if event_row.reviewed {
                            title = title.strong();
                        }
                        ui.add(egui::Label::new(title).truncate());
                    });
                    row.col(|ui| {
                        ui.style_mut().interaction.selectable_labels = false;
                        ui.label(event_row.event.kind.as_str());
                    });
                    row.col(|ui| {
                        ui.style_mut().interaction.selectable_labels = false;
                        let names: Vec<&str> = event_row
                            .places
                            .iter()
                            .map(|&p| catalog.places[p as usize].name.as_str())
                            .collect();
                        ui.add(egui::Label::new(names.join(", ")).truncate());
                    });
                    row.col(|ui| {
                        ui.style_mut().interaction.selectable_labels = false;
                        let source = catalog.brief_of(event_row).source.as_deref().unwrap_or("—");
                        ui.add(egui::Label::new(source).truncate());
                    });
                    let response = row.response();
                    if response.clicked() {
                        commands.push(Command::Select(Some(event_row.key)));
                    }
                    if response.hovered() {
                        hovered = Some(event_row.key);
                    }
                });
            });
        if hovered != state.hover.event && (hovered.is_some() || ui.ui_contains_pointer()) {
            commands.push(Command::Hover(hovered));
        }
        commands
    }
}
