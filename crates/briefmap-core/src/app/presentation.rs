//! Presentation mode, UI-free: the slides to show (a title slide, one slide per event — from a
//! story deck or from the current filtered view in time order — and a closing summary), which
//! one is current, the keys' navigation (next/previous/home/end, typed number + Enter), and the
//! plain content of each slide (long dates, places, actors, an evidence excerpt, counts).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::deck::Deck;
use super::filter::{Filter, facet_label};
use super::keys::EventKey;
use crate::model::{DateRange, GeoPoint, Precision};
use crate::text::excerpt::excerpt;

/// Longest evidence excerpt on a slide, in characters.
pub const EXCERPT_MAX_CHARS: usize = 280;

/// One event slide: the event and the analyst's note.
#[derive(Debug, Clone, PartialEq)]
pub struct PresentedEvent {
    pub key: EventKey,
    pub note: String,
}

/// Which slide is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlidePosition {
    Title,
    /// Index into `Presentation::events`.
    Event(usize),
    Summary,
}

/// What a key or click asks the presentation to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentationCommand {
    Next,
    Previous,
    First,
    Last,
    /// A digit typed towards a slide number.
    Digit(u8),
    /// Enter: jump to the typed number (event slides are numbered from 1; 0 is the title).
    Jump,
    /// Backspace: forget the last typed digit.
    EraseDigit,
}

/// A running presentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    pub name: String,
    pub events: Vec<PresentedEvent>,
    /// Titles of deck slides whose event is not loaded (not shown).
    pub missing: Vec<String>,
    /// 0 = title, 1..=n = events, n + 1 = summary.
    index: usize,
    typed: String,
}

impl Presentation {
    pub fn new(name: &str, events: Vec<PresentedEvent>) -> Self {
        Self {
            name: name.into(),
            events,
            missing: Vec::new(),
            index: 0,
            typed: String::new(),
        }
    }

    /// The catalogue rows `shown` (the main window's filtered and brushed events, in time
    /// order), in that order.
    pub fn from_rows(catalog: &Catalog, shown: &[u32], name: &str) -> Self {
        let events = shown
            .iter()
            .map(|&ri| PresentedEvent {
                key: EventKey(catalog.store.key(ri)),
                note: String::new(),
            })
            .collect();
        Self::new(name, events)
    }

    /// The deck's slides in the deck's order; slides whose event is gone are listed in `missing`.
    pub fn from_deck(deck: &Deck, catalog: &Catalog) -> Self {
        let mut events = Vec::new();
        let mut missing = Vec::new();
        for (slide, key) in deck.slides.iter().zip(deck.resolve(catalog)) {
            match key {
                Some(key) => events.push(PresentedEvent {
                    key,
                    note: slide.note.clone(),
                }),
                None => missing.push(slide.title.clone()),
            }
        }
        Self {
            missing,
            ..Self::new(&deck.name, events)
        }
    }

    /// Number of slides, title and summary included.
    pub fn slide_count(&self) -> usize {
        self.events.len() + 2
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn position(&self) -> SlidePosition {
        match self.index {
            0 => SlidePosition::Title,
            i if i <= self.events.len() => SlidePosition::Event(i - 1),
            _ => SlidePosition::Summary,
        }
    }

    /// The event on screen, if an event slide shows.
    pub fn current_event(&self) -> Option<&PresentedEvent> {
        match self.position() {
            SlidePosition::Event(i) => self.events.get(i),
            _ => None,
        }
    }

    /// Digits typed so far towards a jump.
    pub fn typed_number(&self) -> &str {
        &self.typed
    }

    pub fn go_to(&mut self, index: usize) {
        self.index = index.min(self.slide_count() - 1);
    }

    /// Applies a command; returns whether the slide changed.
    pub fn apply(&mut self, command: PresentationCommand) -> bool {
        let before = self.index;
        match command {
            PresentationCommand::Next => self.go_to(self.index + 1),
            PresentationCommand::Previous => self.go_to(self.index.saturating_sub(1)),
            PresentationCommand::First => self.go_to(0),
            PresentationCommand::Last => self.go_to(usize::MAX),
            PresentationCommand::Digit(d) => {
                if d <= 9 && self.typed.len() < 6 {
                    self.typed.push(char::from(b'0' + d));
                }
            }
            PresentationCommand::EraseDigit => {
                self.typed.pop();
            }
            PresentationCommand::Jump => {
                if let Ok(n) = std::mem::take(&mut self.typed).parse::<usize>() {
                    // Event slide n is at index n; numbers past the end show the summary.
                    self.go_to(n);
                }
            }
        }
        if !matches!(
            command,
            PresentationCommand::Digit(_)
                | PresentationCommand::EraseDigit
                | PresentationCommand::Jump
        ) {
            self.typed.clear();
        }
        self.index != before
    }

    /// Where the map should look on the current slide: the event's places, or all places.
    pub fn focus_points(&self, catalog: &Catalog) -> Vec<GeoPoint> {
        match self.current_event().and_then(|e| catalog.row(e.key)) {
            Some(row) if !row.places.is_empty() => row
                .places
                .iter()
                .map(|&p| catalog.places[p as usize].point)
                .collect(),
            _ => self.all_points(catalog),
        }
    }

    /// Every place of every presented event (each once).
    pub fn all_points(&self, catalog: &Catalog) -> Vec<GeoPoint> {
        let mut seen = Vec::new();
        for row in self.events.iter().filter_map(|e| catalog.row(e.key)) {
            for &p in &row.places {
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
        }
        seen.into_iter()
            .map(|p| catalog.places[p as usize].point)
            .collect()
    }
}

/// A name for presenting the current view: what the filters chose ("Kazakhstan · QazaqGaz ·
/// “pipeline”"), or "All events".
pub fn view_name(
    catalog: &Catalog,
    filter: &Filter,
    brush: Option<(NaiveDate, NaiveDate)>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (facet, values) in &filter.facets {
        let labels: Vec<String> = values
            .iter()
            .map(|v| facet_label(catalog, *facet, v))
            .collect();
        if !labels.is_empty() {
            parts.push(labels.join(", "));
        }
    }
    if !filter.text.trim().is_empty() {
        parts.push(format!("“{}”", filter.text.trim()));
    }
    if let Some((from, to)) = brush.or(match (filter.date_from, filter.date_to) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    }) {
        parts.push(span_label(from, to));
    }
    if parts.is_empty() {
        "All events".into()
    } else {
        parts.join(" · ")
    }
}

/// The text of an event slide.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSlide {
    /// 1-based among the event slides.
    pub number: usize,
    pub total: usize,
    pub date: Option<DateRange>,
    /// "21 March 2025", "March 2024", "3–5 October 2024", "Undated".
    pub date_label: String,
    pub title: String,
    pub kind: String,
    pub places: Vec<String>,
    pub countries: Vec<String>,
    pub organizations: Vec<String>,
    pub people: Vec<String>,
    /// The evidence sentence, shortened to `EXCERPT_MAX_CHARS`.
    pub excerpt: String,
    /// "Source · published 2025-03-21 · file name".
    pub source: String,
    pub note: String,
}

impl EventSlide {
    pub fn build(
        catalog: &Catalog,
        presented: &PresentedEvent,
        number: usize,
        total: usize,
    ) -> Option<Self> {
        let row = catalog.row(presented.key)?;
        let brief = catalog.brief_of(&row);
        let event = &row.event;
        let mut source = Vec::new();
        if let Some(s) = brief.source.as_deref().filter(|s| !s.trim().is_empty()) {
            source.push(s.trim().to_string());
        }
        if let Some(p) = brief.published {
            source.push(format!("published {}", long_date(p)));
        }
        if let Some(name) = brief.file.file_name() {
            source.push(name.to_string_lossy().into_owned());
        }
        Some(Self {
            number,
            total,
            date: event.date,
            date_label: event.date.map_or_else(|| "Undated".to_string(), long_date),
            title: event.title.clone(),
            kind: capitalised(event.kind.as_str()),
            places: row
                .places
                .iter()
                .map(|&p| catalog.places[p as usize].name.clone())
                .collect(),
            countries: event
                .countries
                .iter()
                .map(|c| catalog.country_label(c))
                .collect(),
            organizations: event.organizations.clone(),
            people: event.people.clone(),
            excerpt: excerpt(event.evidence.slice(&brief.text), EXCERPT_MAX_CHARS),
            source: source.join(" · "),
            note: presented.note.clone(),
        })
    }
}

/// The title and summary slides: what the whole presentation covers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    pub name: String,
    pub event_count: usize,
    pub undated_count: usize,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// "March 2024 – January 2026".
    pub span_label: String,
    /// (country name, events), most events first.
    pub countries: Vec<(String, usize)>,
    /// (company, events), most events first; organisations of other kinds when no company.
    pub companies: Vec<(String, usize)>,
    /// Whether `companies` holds companies (true) or organisations of any kind (false).
    pub companies_only: bool,
    pub place_count: usize,
    pub missing: Vec<String>,
}

impl Overview {
    pub fn build(catalog: &Catalog, presentation: &Presentation) -> Self {
        let rows: Vec<_> = presentation
            .events
            .iter()
            .filter_map(|e| catalog.row(e.key))
            .collect();
        let mut countries: HashMap<&str, usize> = HashMap::new();
        let mut companies: HashMap<&str, usize> = HashMap::new();
        let mut organizations: HashMap<&str, usize> = HashMap::new();
        let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
        let mut places = Vec::new();
        for row in &rows {
            for c in &row.event.countries {
                *countries.entry(c.as_str()).or_default() += 1;
            }
            let brief = catalog.brief_of(row);
            for o in &row.event.organizations {
                *organizations.entry(o.as_str()).or_default() += 1;
                let kind = brief
                    .organizations
                    .iter()
                    .find(|x| &x.name == o)
                    .map(|x| x.kind);
                if kind == Some(crate::model::OrgKind::Company) {
                    *companies.entry(o.as_str()).or_default() += 1;
                }
            }
            if let Some(d) = row.event.date {
                first = Some(first.map_or(d.start, |f| f.min(d.start)));
                last = Some(last.map_or(d.end, |l| l.max(d.end)));
            }
            for &p in &row.places {
                if !places.contains(&p) {
                    places.push(p);
                }
            }
        }
        let ranked = |counts: HashMap<&str, usize>, label: &dyn Fn(&str) -> String| {
            let mut v: Vec<(String, usize)> =
                counts.into_iter().map(|(k, n)| (label(k), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let companies_only = !companies.is_empty();
        let span_label = match (first, last) {
            (Some(a), Some(b)) => span_label(a, b),
            _ => "No dated events".into(),
        };
        Self {
            name: presentation.name.clone(),
            event_count: rows.len(),
            undated_count: rows.iter().filter(|r| r.event.date.is_none()).count(),
            first,
            last,
            span_label,
            countries: ranked(countries, &|c| catalog.country_label(c)),
            companies: ranked(
                if companies_only {
                    companies
                } else {
                    organizations
                },
                &str::to_string,
            ),
            companies_only,
            place_count: places.len(),
            missing: presentation.missing.clone(),
        }
    }
}

/// Where `date` sits between `first` and `last`, from 0 to 1 (the timeline strip).
pub fn time_fraction(date: NaiveDate, first: NaiveDate, last: NaiveDate) -> f32 {
    let span = (last - first).num_days();
    if span <= 0 {
        return 0.5;
    }
    ((date - first).num_days() as f32 / span as f32).clamp(0.0, 1.0)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    MONTHS[date.month0() as usize]
}

/// A date as people say it, to the precision it is known: "21 March 2025", "March 2025",
/// "2025", "3–5 October 2024", "28 September – 2 October 2024".
pub fn long_date(date: DateRange) -> String {
    use chrono::Datelike;
    let (s, e) = (date.start, date.end);
    match date.precision {
        Precision::Day => format!("{} {} {}", s.day(), month_name(s), s.year()),
        Precision::Month => format!("{} {}", month_name(s), s.year()),
        Precision::Year => s.year().to_string(),
        Precision::Range => {
            if s == e {
                format!("{} {} {}", s.day(), month_name(s), s.year())
            } else if s.year() != e.year() {
                format!(
                    "{} {} {} – {} {} {}",
                    s.day(),
                    month_name(s),
                    s.year(),
                    e.day(),
                    month_name(e),
                    e.year()
                )
            } else if s.month() != e.month() {
                format!(
                    "{} {} – {} {} {}",
                    s.day(),
                    month_name(s),
                    e.day(),
                    month_name(e),
                    e.year()
                )
            } else {
                format!("{}–{} {} {}", s.day(), e.day(), month_name(e), e.year())
            }
        }
    }
}

/// "March 2024 – January 2026" (or one month when both fall in it).
pub fn span_label(first: NaiveDate, last: NaiveDate) -> String {
    use chrono::Datelike;
    let a = format!("{} {}", month_name(first), first.year());
    let b = format!("{} {}", month_name(last), last.year());
    if a == b { a } else { format!("{a} – {b}") }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{AppState, Command, LoadedData, Settings};
    use crate::app::synthetic;
    use crate::app::{Facet, deck::Deck};

    fn loaded(n: usize) -> AppState {
        let mut s = AppState::new(Settings::default(), vec![]);
        s.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(n, 3),
                problems: vec![],
                ..LoadedData::default()
            },
            replace: true,
        });
        s
    }

    fn events(n: usize) -> Vec<PresentedEvent> {
        (0..n)
            .map(|i| PresentedEvent {
                key: EventKey(i as u64),
                note: String::new(),
            })
            .collect()
    }

    #[test]
    fn keys_walk_title_events_and_summary() {
        use PresentationCommand::*;
        let mut p = Presentation::new("Deck", events(3));
        assert_eq!(p.slide_count(), 5);
        assert_eq!(p.position(), SlidePosition::Title);
        assert!(!p.apply(Previous), "nothing before the title");
        assert!(p.apply(Next));
        assert_eq!(p.position(), SlidePosition::Event(0));
        assert_eq!(p.current_event().map(|e| e.key), Some(EventKey(0)));
        p.apply(Last);
        assert_eq!(p.position(), SlidePosition::Summary);
        assert!(!p.apply(Next), "nothing after the summary");
        p.apply(Previous);
        assert_eq!(p.position(), SlidePosition::Event(2));
        p.apply(First);
        assert_eq!(p.position(), SlidePosition::Title);
        assert_eq!(p.current_event(), None);
    }

    #[test]
    fn typed_numbers_jump_to_event_slides() {
        use PresentationCommand::*;
        let mut p = Presentation::new("Deck", events(12));
        p.apply(Digit(1));
        p.apply(Digit(1));
        assert_eq!(p.typed_number(), "11");
        assert_eq!(
            p.position(),
            SlidePosition::Title,
            "typing alone does not move"
        );
        assert!(p.apply(Jump));
        assert_eq!(p.position(), SlidePosition::Event(10));
        assert_eq!(p.typed_number(), "");
        p.apply(Digit(3));
        p.apply(Digit(4));
        p.apply(EraseDigit);
        p.apply(Jump);
        assert_eq!(p.position(), SlidePosition::Event(2));
        p.apply(Digit(0));
        p.apply(Jump);
        assert_eq!(p.position(), SlidePosition::Title);
        p.apply(Digit(9));
        p.apply(Digit(9));
        p.apply(Jump);
        assert_eq!(
            p.position(),
            SlidePosition::Summary,
            "past the end shows the summary"
        );
        p.apply(Jump);
        assert_eq!(
            p.position(),
            SlidePosition::Summary,
            "Enter without digits stays"
        );
        p.apply(Digit(2));
        p.apply(Previous);
        assert_eq!(p.typed_number(), "", "other keys drop a half-typed number");
    }

    #[test]
    fn an_empty_presentation_has_title_and_summary() {
        let mut p = Presentation::new("Nothing", vec![]);
        assert_eq!(p.slide_count(), 2);
        p.apply(PresentationCommand::Next);
        assert_eq!(p.position(), SlidePosition::Summary);
    }

    #[test]
    fn the_unsaved_filtered_view_is_presented_in_time_order() {
        let mut s = loaded(200);
        s.apply(Command::SetFacet {
            facet: Facet::Country,
            value: "KZ".into(),
            selected: true,
        });
        let p = Presentation::from_rows(&s.catalog, &s.derived.brushed, "Kazakhstan");
        assert_eq!(p.events.len(), s.visible().len());
        assert!(p.events.len() < s.catalog.len());
        let dates: Vec<_> = p
            .events
            .iter()
            .map(|e| s.catalog.row(e.key).unwrap().event.date.map(|d| d.start))
            .collect();
        let dated: Vec<_> = dates.iter().map_while(|d| *d).collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "time order");
        assert!(
            dates[dated.len()..].iter().all(Option::is_none),
            "undated last"
        );
        for e in &p.events {
            assert!(
                s.catalog
                    .row(e.key)
                    .unwrap()
                    .event
                    .countries
                    .iter()
                    .any(|c| c == "KZ")
            );
        }
    }

    #[test]
    fn the_view_is_named_after_its_filters() {
        let mut s = loaded(50);
        assert_eq!(view_name(&s.catalog, s.filter(), s.brush), "All events");
        s.apply(Command::SetFacet {
            facet: Facet::Country,
            value: "KZ".into(),
            selected: true,
        });
        s.apply(Command::SetFacet {
            facet: Facet::Organization,
            value: "QazaqGaz".into(),
            selected: true,
        });
        s.apply(Command::SetText(" pipeline ".into()));
        assert_eq!(
            view_name(&s.catalog, s.filter(), s.brush),
            format!("{} · QazaqGaz · “pipeline”", s.catalog.country_label("KZ"))
        );
    }

    #[test]
    fn a_deck_presents_in_its_own_order_with_notes_and_reports_missing_events() {
        let s = loaded(30);
        let mut deck = Deck::new("Story");
        let mut keys: Vec<_> = s.catalog.rows().map(|r| r.key).collect();
        keys.reverse();
        keys.truncate(3);
        for &k in &keys {
            deck.add_event(&s.catalog, k);
        }
        deck.set_note(1, "Key moment");
        deck.add(
            crate::app::deck::EventRef {
                file: "gone.txt".into(),
                origin: crate::app::deck::OriginRef::Added(1),
            },
            "A vanished event",
        );
        let p = Presentation::from_deck(&deck, &s.catalog);
        assert_eq!(p.name, "Story");
        assert_eq!(p.events.iter().map(|e| e.key).collect::<Vec<_>>(), keys);
        assert_eq!(p.events[1].note, "Key moment");
        assert_eq!(p.missing, vec!["A vanished event".to_string()]);
        let overview = Overview::build(&s.catalog, &p);
        assert_eq!(overview.event_count, 3);
        assert_eq!(overview.missing.len(), 1);
    }

    #[test]
    fn slides_carry_the_event_text_and_the_map_focus() {
        let s = loaded(60);
        let mut p = Presentation::from_rows(&s.catalog, &s.derived.brushed, "All");
        let (i, row) = p
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (i, s.catalog.row(e.key).unwrap()))
            .find(|(_, r)| !r.places.is_empty() && r.event.date.is_some())
            .unwrap();
        let slide = EventSlide::build(&s.catalog, &p.events[i], i + 1, p.events.len()).unwrap();
        assert_eq!(slide.title, row.event.title);
        assert_eq!(
            slide.places[0],
            s.catalog.places[row.places[0] as usize].name
        );
        assert_eq!(slide.date_label, long_date(row.event.date.unwrap()));
        assert!(slide.excerpt.chars().count() <= EXCERPT_MAX_CHARS + 1);
        p.go_to(i + 1);
        let expected: Vec<_> = row
            .places
            .iter()
            .map(|&pl| s.catalog.places[pl as usize].point)
            .collect();
        assert_eq!(p.focus_points(&s.catalog), expected);
        p.go_to(0);
        assert_eq!(p.focus_points(&s.catalog), p.all_points(&s.catalog));

        let overview = Overview::build(&s.catalog, &p);
        assert_eq!(overview.event_count, p.events.len());
        let total_kz = p
            .events
            .iter()
            .filter(|e| {
                s.catalog
                    .row(e.key)
                    .unwrap()
                    .event
                    .countries
                    .iter()
                    .any(|c| c == "KZ")
            })
            .count();
        let kz = overview
            .countries
            .iter()
            .find(|(name, _)| name == &s.catalog.country_label("KZ"))
            .map_or(0, |c| c.1);
        assert_eq!(kz, total_kz);
        assert!(
            overview.countries.windows(2).all(|w| w[0].1 >= w[1].1),
            "most events first"
        );
        assert!(overview.first <= overview.last);
    }

    #[test]
    fn dates_read_as_people_say_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(long_date(DateRange::day(d(2025, 3, 21))), "21 March 2025");
        assert_eq!(long_date(DateRange::month(2024, 4).unwrap()), "April 2024");
        assert_eq!(long_date(DateRange::year(2026).unwrap()), "2026");
        assert_eq!(
            long_date(DateRange::range(d(2024, 10, 3), d(2024, 10, 5)).unwrap()),
            "3–5 October 2024"
        );
        assert_eq!(
            long_date(DateRange::range(d(2024, 9, 28), d(2024, 10, 2)).unwrap()),
            "28 September – 2 October 2024"
        );
        assert_eq!(
            long_date(DateRange::range(d(2024, 12, 30), d(2025, 1, 2)).unwrap()),
            "30 December 2024 – 2 January 2025"
        );
        assert_eq!(
            span_label(d(2024, 4, 1), d(2026, 1, 22)),
            "April 2024 – January 2026"
        );
        assert_eq!(span_label(d(2024, 4, 1), d(2024, 4, 30)), "April 2024");
    }

    #[test]
    fn time_fractions_place_dates_between_the_ends() {
        assert_eq!(time_fraction(d0(), d0(), d0()), 0.5);
        let later = d0() + chrono::Days::new(10);
        assert_eq!(
            time_fraction(later, d0(), d0() + chrono::Days::new(20)),
            0.5
        );
    }

    fn d0() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
    }
}
