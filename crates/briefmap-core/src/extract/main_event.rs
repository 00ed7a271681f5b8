//! The brief's events: which sentence reports the main event (the lead, unless it only
//! comments), its kind and date, and the other dated facts the brief reports, each with its
//! places, countries and actors.

use std::collections::HashMap;

use crate::model::{
    CountryMention, DateRange, Event, EventKind, OrgKind, Organization, Person, Place, PlaceRole,
    Precision, Span,
};
use crate::text::tokens::TokenKind;

use super::dates::DateMention;
use super::document::Document;
use super::{events, title};

/// How many sentences after the headline make the lead, where the main event is reported.
const LEAD_SENTENCES: usize = 5;

/// How long before its publication a date stops being news and becomes background.
const BACKGROUND_DAYS: i64 = 45;

pub(super) struct EventInputs<'e> {
    pub(super) places: &'e [Place],
    pub(super) countries: &'e [CountryMention],
    pub(super) organizations: &'e [Organization],
    pub(super) people: &'e [Person],
    pub(super) dates: &'e [DateMention],
}

/// What one sentence contributes to events.
#[derive(Debug, Clone)]
struct SentenceFacts {
    span: Span,
    triggers: Vec<(EventKind, usize)>,
    dates: Vec<DateMention>,
}

impl<'a> Document<'a> {
    fn sentence_facts(&self, dates: &[DateMention]) -> Vec<SentenceFacts> {
        let mut facts: Vec<SentenceFacts> = self
            .sentences
            .iter()
            .map(|&span| SentenceFacts {
                span,
                triggers: Vec::new(),
                dates: Vec::new(),
            })
            .collect();
        for (i, &s) in self.token_sentence.iter().enumerate() {
            if s == usize::MAX || self.tokens[i].kind != TokenKind::Word {
                continue;
            }
            if let Some(kind) = events::trigger(&self.folded[i]) {
                facts[s].triggers.push((kind, i));
            }
        }
        for d in dates {
            if let Some(s) = sentence_holding(&facts, d.span) {
                facts[s].dates.push(*d);
            }
        }
        facts
    }

    /// The token index where a span starts.
    pub(super) fn build_events(&self, input: &EventInputs<'_>) -> Vec<Event> {
        let facts = self.sentence_facts(input.dates);
        if facts.is_empty() {
            return Vec::new();
        }
        let title_sentences: Vec<usize> = match self.layout.title {
            Some(t) => (0..facts.len())
                .filter(|&s| t.contains(facts[s].span))
                .collect(),
            None => Vec::new(),
        };
        let body: Vec<usize> = (0..facts.len())
            .filter(|s| !title_sentences.contains(s))
            .collect();
        let best_kind = |s: usize| -> Option<EventKind> {
            facts[s]
                .triggers
                .iter()
                .map(|(k, _)| *k)
                .max_by_key(|k| events::strength(*k))
        };
        // The lead (first body sentence, not a bare dateline) reports the main event when it
        // says what happened or when; otherwise the first strong report close after it.
        let dateline = self.dateline_span();
        let lead: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&s| !dateline.is_some_and(|d| d.contains(facts[s].span)))
            .take(LEAD_SENTENCES)
            .collect();
        let usable_dates = |s: usize| -> Vec<DateMention> {
            facts[s]
                .dates
                .iter()
                .filter(|d| self.is_event_date(d, dateline))
                .copied()
                .collect()
        };
        let strong = |s: usize| best_kind(s).is_some_and(events::is_strong);
        let main_sentence = lead
            .first()
            .copied()
            .filter(|&first| strong(first) || !usable_dates(first).is_empty())
            .or_else(|| lead.iter().copied().find(|&s| strong(s)))
            .or_else(|| lead.iter().copied().find(|&s| !usable_dates(s).is_empty()))
            .or_else(|| lead.first().copied())
            .or_else(|| body.first().copied())
            .unwrap_or(0);
        let mut main_kind = best_kind(main_sentence).unwrap_or(EventKind::Other);
        // A headline may say it better ("… рекордтық деңгейге жетті").
        if let Some(k) = title_sentences
            .iter()
            .filter_map(|&s| best_kind(s))
            .max_by_key(|k| events::strength(*k))
            && strength(k) > strength(main_kind)
            && !matches!(
                main_kind,
                EventKind::Meeting | EventKind::Visit | EventKind::Agreement
            )
        {
            main_kind = k;
        }
        let mut main_sentences = vec![main_sentence];
        let mut is_main = vec![false; facts.len()];
        is_main[main_sentence] = true;
        if strength(main_kind) <= strength(EventKind::Talks) {
            // "discussions" in the lead, "a rencontré" in the next sentences: a meeting.
            let pos = body.iter().position(|&s| s == main_sentence).unwrap_or(0);
            for &s in body.iter().skip(pos + 1).take(4) {
                if let Some(k) = best_kind(s)
                    && matches!(
                        k,
                        EventKind::Meeting
                            | EventKind::Visit
                            | EventKind::Agreement
                            | EventKind::Deal
                    )
                    && facts[s]
                        .dates
                        .iter()
                        .all(|d| d.relative || d.date.precision != Precision::Year)
                {
                    main_kind = k;
                    main_sentences.push(s);
                    is_main[s] = true;
                    break;
                }
            }
        }
        // Main date: a date in the main sentences — the most precise, and of those the one
        // nearest the word that says what happened ("X said on Monday the plant was hit on
        // Saturday": Saturday) — else the publication's.
        let trigger_token = main_sentences.iter().find_map(|&s| {
            facts[s]
                .triggers
                .iter()
                .filter(|(k, _)| *k == main_kind)
                .map(|(_, t)| *t)
                .next()
        });
        // Reported in the past, an event happened by the publication: a date after it ("from 1
        // March", "by 2028") says when something takes effect, unless no date is earlier.
        let after_publication =
            |d: &DateMention| self.published.is_some_and(|p| d.date.start > p.end) && !d.future;
        let mut main_date = main_sentences
            .iter()
            .flat_map(|&s| usable_dates(s))
            .min_by_key(|d| {
                let at = self.token_at(d.span.start);
                let distance = |t: usize| (at as isize - t as isize).unsigned_abs();
                // A date beside a word of saying dates the saying, not what is said.
                let said = main_sentences
                    .iter()
                    .flat_map(|&s| facts[s].triggers.iter())
                    .min_by_key(|(_, t)| distance(*t))
                    .is_some_and(|(k, _)| {
                        *k == EventKind::Statement && main_kind != EventKind::Statement
                    });
                (
                    after_publication(d),
                    precision_rank(d.date.precision),
                    said,
                    trigger_token.map_or(0, distance),
                )
            })
            // "this year" when the publication says which month: the publication is nearer.
            .map(|d| match self.published {
                Some(p)
                    if d.relative
                        && matches!(d.date.precision, Precision::Month | Precision::Year)
                        && precision_rank(d.date.precision) > precision_rank(p.precision)
                        && d.date.start <= p.start
                        && p.end <= d.date.end =>
                {
                    p
                }
                _ => d.date,
            })
            .or_else(|| {
                // "… began in Zhanaozen. The ceremony took place on 3 September": a day
                // given in the next sentences, shortly before publication.
                let pos = lead.iter().position(|&s| s == main_sentence)?;
                let published = self.published?;
                lead.iter()
                    .skip(pos + 1)
                    .take(2)
                    .flat_map(|&s| usable_dates(s))
                    .map(|d| d.date)
                    .find(|d| {
                        matches!(d.precision, Precision::Day | Precision::Range)
                            && d.end <= published.end
                            && d.start + chrono::Duration::days(31) >= published.start
                    })
            })
            .or(self.published);
        // Refine a week or month with a day-precise mention of the same kind of event.
        if let Some(date) = main_date
            && date.precision != Precision::Day
        {
            for (s, f) in facts.iter().enumerate() {
                if is_main[s] {
                    continue;
                }
                if !f.triggers.iter().any(|(k, _)| *k == main_kind) {
                    continue;
                }
                if let Some(d) = f.dates.iter().find(|d| {
                    d.date.precision == Precision::Day
                        && date.start <= d.date.start
                        && d.date.end <= date.end
                }) {
                    main_date = Some(d.date);
                    main_sentences.push(s);
                    is_main[s] = true;
                    break;
                }
            }
        }

        // Other dated facts.
        let mut others: Vec<(EventKind, DateRange, Vec<usize>)> = Vec::new();
        let mut other_index: HashMap<(EventKind, DateRange), usize> = HashMap::new();
        for (s, f) in facts.iter().enumerate() {
            if is_main[s] || title_sentences.contains(&s) || f.triggers.is_empty() {
                continue;
            }
            for d in f.dates.iter().filter(|d| self.is_event_date(d, dateline)) {
                // The trigger nearest to the date says what happened then.
                let date_token = self.token_at(d.span.start);
                let Some(&(kind, _)) = f
                    .triggers
                    .iter()
                    .min_by_key(|(_, t)| (*t as isize - date_token as isize).unsigned_abs())
                else {
                    continue;
                };
                let same_as_main = Some(d.date) == main_date && kind == main_kind;
                if same_as_main {
                    if !is_main[s] {
                        main_sentences.push(s);
                        is_main[s] = true;
                    }
                    continue;
                }
                match other_index.get(&(kind, d.date)) {
                    Some(&o) => {
                        // Sentences come in order: a repeat is the last one listed.
                        if others[o].2.last() != Some(&s) {
                            others[o].2.push(s);
                        }
                    }
                    None => {
                        other_index.insert((kind, d.date), others.len());
                        others.push((kind, d.date, vec![s]));
                    }
                }
            }
        }

        let mut is_other = vec![false; facts.len()];
        for o in &others {
            for &s in &o.2 {
                is_other[s] = true;
            }
        }
        // Whether any of the mentions lies in one of the sentences `chosen` marks.
        let within = |chosen: &[bool], mentions: &[Span]| -> bool {
            mentions
                .iter()
                .any(|m| sentence_holding(&facts, *m).is_some_and(|s| chosen[s]))
        };
        let main_exclusive = |mentions: &[Span]| -> bool {
            // Everything not mentioned only in other events' sentences belongs to the main one.
            mentions
                .iter()
                .any(|m| sentence_holding(&facts, *m).is_none_or(|s| !is_other[s]))
        };
        let mut events_out = Vec::new();
        let main_span = facts[main_sentence].span;
        let main_places: Vec<String> = {
            let event_places: Vec<&Place> = input
                .places
                .iter()
                .filter(|p| p.role == PlaceRole::Event && main_exclusive(&p.mentions))
                .collect();
            if event_places.is_empty() {
                input
                    .places
                    .iter()
                    .filter(|p| p.role != PlaceRole::Dateline && within(&is_main, &p.mentions))
                    .map(|p| p.name.clone())
                    .collect()
            } else {
                event_places.iter().map(|p| p.name.clone()).collect()
            }
        };
        let (organizations, people) = actors_where(input, |m| main_exclusive(m));
        let countries = self.event_countries(input, |m| main_exclusive(m), &[]);
        let main_title = title::headline(self).unwrap_or_else(|| {
            title::event_title(&title::TitleParts {
                kind: main_kind,
                places: &main_places,
                all_places: input.places,
                countries: &countries,
                organizations: &organizations,
                people: &people,
                gazetteer: self.gazetteer,
            })
        });
        events_out.push(Event {
            main: true,
            date: main_date,
            kind: main_kind,
            title: main_title,
            places: main_places,
            countries,
            organizations,
            people,
            evidence: main_span,
        });
        for (kind, date, sentences) in others {
            let mut chosen = vec![false; facts.len()];
            for &s in &sentences {
                chosen[s] = true;
            }
            let within = |mentions: &[Span]| within(&chosen, mentions);
            let places: Vec<&Place> = input
                .places
                .iter()
                .filter(|p| p.role != PlaceRole::Dateline && within(&p.mentions))
                .collect();
            let place_countries: Vec<String> =
                places.iter().filter_map(|p| p.country.clone()).collect();
            let (organizations, people) = actors_where(input, within);
            let place_names: Vec<String> = places.iter().map(|p| p.name.clone()).collect();
            let countries = self.event_countries(input, within, &place_countries);
            let title = title::event_title(&title::TitleParts {
                kind,
                places: &place_names,
                all_places: input.places,
                countries: &countries,
                organizations: &organizations,
                people: &people,
                gazetteer: self.gazetteer,
            });
            events_out.push(Event {
                main: false,
                date: Some(date),
                kind,
                title,
                places: place_names,
                countries,
                organizations,
                people,
                evidence: facts[sentences[0]].span,
            });
        }
        events_out
    }

    /// Dates that can be an event's: not the dateline's, not a target year ("до 2030 года"),
    /// not background ("since 2008", "signed in 2019": over `BACKGROUND_DAYS` before the
    /// publication).
    pub(super) fn is_event_date(&self, d: &DateMention, dateline: Option<Span>) -> bool {
        if dateline.is_some_and(|s| s.contains(d.span)) {
            return false;
        }
        let Some(published) = self.published else {
            return true;
        };
        let future_year = matches!(d.date.precision, Precision::Year | Precision::Range)
            && d.date.end > published.end + chrono::Duration::days(366);
        let background = d.date.end + chrono::Duration::days(BACKGROUND_DAYS) < published.start;
        !future_year && !background
    }

    pub(super) fn event_countries(
        &self,
        input: &EventInputs<'_>,
        within: impl Fn(&[Span]) -> bool,
        extra: &[String],
    ) -> Vec<String> {
        let mut codes: Vec<String> = input
            .countries
            .iter()
            .filter(|c| within(&c.mentions))
            .map(|c| c.code.clone())
            .collect();
        for e in extra {
            if !codes.contains(e) {
                codes.push(e.clone());
            }
        }
        codes
    }
}

/// Names of the organisations and people whose mentions `select` accepts.
fn actors_where(
    input: &EventInputs<'_>,
    select: impl Fn(&[Span]) -> bool,
) -> (Vec<String>, Vec<String>) {
    // The outlets that report an event are its sources, not its actors.
    let organizations = input
        .organizations
        .iter()
        .filter(|o| o.kind != OrgKind::Media && select(&o.mentions))
        .map(|o| o.name.clone())
        .collect();
    let people = input
        .people
        .iter()
        .filter(|p| select(&p.mentions))
        .map(|p| p.name.clone())
        .collect();
    (organizations, people)
}

fn strength(kind: EventKind) -> u8 {
    events::strength(kind)
}

/// The sentence holding `span`, if one does (sentences are in text order, apart).
fn sentence_holding(facts: &[SentenceFacts], span: Span) -> Option<usize> {
    let after = facts.partition_point(|f| f.span.start <= span.start);
    (after > 0 && facts[after - 1].span.contains(span)).then(|| after - 1)
}

fn precision_rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Range => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_brief;
    use crate::gazetteer::Gazetteer;
    use crate::model::{DateRange, Publication};

    /// The main event's date of a brief published on `published`.
    fn main_date(text: &str, published: &str) -> Option<String> {
        let publication = Publication {
            published: DateRange::parse_iso(published),
            ..Publication::default()
        };
        let brief = extract_brief("t.txt".into(), text, &publication, Gazetteer::bundled());
        brief.main_event().and_then(|e| e.date).map(|d| d.to_iso())
    }

    // 2024-06-10 is a Monday.
    const MONDAY: &str = "2024-06-10";

    #[test]
    fn a_weekday_beside_a_past_verb_is_past_in_a_sentence_that_also_looks_ahead() {
        // Friday before the Monday of publication, though the sentence ends in the future.
        assert_eq!(
            main_date(
                "Компания в пятницу начала добычу нефти на месторождении и планирует выйти на \
                 полную мощность к середине 2025 года.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-07")
        );
        assert_eq!(
            main_date(
                "The company began production on Friday and expects to reach full capacity \
                 next year.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-07")
        );
        // With only the future in the sentence, the weekday lies ahead.
        assert_eq!(
            main_date("The ministers will meet in Baku on Friday.", MONDAY).as_deref(),
            Some("2024-06-14")
        );
    }

    #[test]
    fn the_leads_weekday_beats_background_years() {
        assert_eq!(
            main_date(
                "Kazakhstan and China signed a gas supply agreement on Friday in Astana. The \
                 pipeline, built in 2019, carries 10 billion cubic metres a year.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-07")
        );
        assert_eq!(
            main_date(
                "Since 2008, Kazakhstan has exported oil through the CPC pipeline. On Monday \
                 the ministry announced a record month for shipments from Atyrau.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-10")
        );
    }

    #[test]
    fn future_targets_never_win() {
        assert_eq!(
            main_date(
                "The Kazakh nuclear plant, due to start up in 2035, received its first \
                 licence on Tuesday, the agency said.",
                "2024-06-12"
            )
            .as_deref(),
            Some("2024-06-11")
        );
        assert_eq!(
            main_date(
                "Uzbekistan will raise gas exports to China by 2030, the energy ministry said \
                 in Tashkent.",
                MONDAY
            )
            .as_deref(),
            Some(MONDAY)
        );
    }

    #[test]
    fn relative_days_in_each_language() {
        assert_eq!(
            main_date(
                "В пятницу в Астане подписали соглашение о поставках газа.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-07")
        );
        assert_eq!(
            main_date(
                "Вчера в Ашхабаде прошли переговоры министров энергетики.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-09")
        );
        assert_eq!(
            main_date(
                "Les ministres se sont rencontrés lundi à Bakou.",
                "2024-06-12"
            )
            .as_deref(),
            Some(MONDAY)
        );
        assert_eq!(
            main_date("Enerji bakanları dün Bakü'de bir araya geldi.", MONDAY).as_deref(),
            Some("2024-06-09")
        );
        assert_eq!(
            main_date("Die Minister trafen sich am Freitag in Berlin.", MONDAY).as_deref(),
            Some("2024-06-07")
        );
    }

    #[test]
    fn a_day_in_the_lead_beats_a_month_and_a_range_stays_a_range() {
        assert_eq!(
            main_date(
                "On 5 June the energy ministers met in Ashgabat. In June exports rose by 4%.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-05")
        );
        assert_eq!(
            main_date(
                "The Caspian oil and gas forum took place in Baku on 2–4 June.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-02/2024-06-04")
        );
        assert_eq!(
            main_date("Le forum s'est tenu du 2 au 4 juin à Achgabat.", MONDAY).as_deref(),
            Some("2024-06-02/2024-06-04")
        );
    }

    #[test]
    fn a_statement_about_an_event_is_dated_by_the_event() {
        assert_eq!(
            main_date(
                "The energy ministry said on Monday that a fire broke out at the Atyrau \
                 refinery on Saturday.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-08")
        );
    }

    #[test]
    fn no_date_in_the_lead_means_the_publication_date() {
        assert_eq!(
            main_date(
                "The energy ministers of Kazakhstan and Turkmenistan met in Ashgabat to \
                 discuss gas supplies. In 2019 the two countries signed a memorandum.",
                MONDAY
            )
            .as_deref(),
            Some(MONDAY)
        );
        assert_eq!(
            main_date(
                "ASTANA, June 10 (Reuters) - Kazakhstan's oil output fell on Saturday after \
                 a fire at the Tengiz field, the ministry said.",
                MONDAY
            )
            .as_deref(),
            Some("2024-06-08")
        );
    }
}
