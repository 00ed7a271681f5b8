//! Separates a brief's story from the page furniture around it: view counters, bylines, photo
//! credits, tag lines, "read also" headlines, source lines, inline metadata ("date 2025-03-21").
//! Furniture yields no entities and no events.

use chrono::NaiveDate;

use crate::lexicon::{self, Lexicon};
use crate::model::Span;
use crate::text::sentences::{ends_sentence, lines, paragraphs};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FurnitureKind {
    Counter,
    Byline,
    PhotoCredit,
    Source,
    Tags,
    Related,
    Metadata,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Story paragraphs in text order (the headline, if any, is the first).
    pub story: Vec<Span>,
    /// The headline, when the brief starts with one.
    pub title: Option<Span>,
    pub furniture: Vec<(Span, FurnitureKind)>,
    /// A date given as inline metadata at the very top ("date 2025-03-21").
    pub header_date: Option<NaiveDate>,
}

impl Layout {
    pub fn is_story(&self, span: Span) -> bool {
        // Story paragraphs are in text order and never overlap.
        let after = self.story.partition_point(|s| s.start <= span.start);
        after > 0 && self.story[after - 1].contains(span)
    }
}

/// Whether the line starts with one of the lexicons' prefixes (`pick` chooses the list),
/// followed by punctuation, a space or nothing.
fn starts_with_marker(line: &str, pick: fn(&'static Lexicon) -> &'static [&'static str]) -> bool {
    // Markers are short: the line's first characters are enough.
    let lower: String = line.chars().take(64).collect::<String>().to_lowercase();
    lexicon::all_of(pick).any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with([':', ' ', '|', '/', '-', '—', '–', '.', '\u{a0}'])
        })
    })
}

/// The words of a line, counted up to 100 (no furniture test needs to know more).
fn word_count(line: &str) -> usize {
    line.split_whitespace().take(100).count()
}

fn is_counter(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, ',' | '.' | 'K' | 'k'))
        || {
            // "1023 views", "Просмотров: 1023", "👁 1023"
            word_count(t) <= 3 && t.chars().any(|c| c.is_ascii_digit()) && {
                let lower = t.to_lowercase();
                lower.contains('👁')
                    || lexicon::all_of(|l| l.furniture.counter_words).any(|w| lower.contains(w))
            }
        }
}

fn is_byline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().take(7).collect();
    if words.is_empty() || words.len() > 6 || ends_sentence(line) && line.ends_with('.') {
        return false;
    }
    let lower = line.to_lowercase();
    let first = words[0].to_lowercase();
    // "NTV - Haber Merkezi", "Reuters | Newsroom": an outlet's desk.
    if words.len() <= 5
        && (line.contains(" - ") || line.contains(" | ") || line.contains(" – "))
        && lexicon::all_of(|l| l.furniture.desk_words).any(|d| lower.contains(d))
    {
        return true;
    }
    if lexicon::any_has(|l| l.furniture.byline_openers, first.trim_end_matches(':'))
        && words.len() >= 2
        && words[1].chars().next().is_some_and(char::is_uppercase)
    {
        return true;
    }
    lexicon::all_of(|l| l.furniture.journalist_words)
        .filter(|w| w.len() > 3)
        .any(|w| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|part| part == *w)
        })
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2
}

/// "Publié par Rédaction | 14/11/2024 | 👁 612", "Posted by …", "Опубликовано: 12.03.2025",
/// "Marc Dupuis | Publié le 29 janvier 2025 à 11h30", and timestamp lines.
fn is_meta_line(line: &str) -> bool {
    let words = word_count(line);
    words <= 14 && line.matches(" | ").count() >= 2
        || words <= 16 && {
            let lower = line.to_lowercase();
            lexicon::all_of(|l| l.furniture.published_markers).any(|p| lower.contains(p))
        }
        || is_timestamp_line(line)
}

/// A publisher's dateline standing alone: "BAKU, Azerbaijan, April 14. ©TREND:", "ASTANA,
/// June 5 (Reuters) -", "АСТАНА. 5 июня. /Интерфакс-Казахстан/".
fn is_dateline_line(line: &str) -> bool {
    let t = line.trim();
    let first: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &t[first.len()..];
    first.chars().count() >= 3
        && first.chars().all(char::is_uppercase)
        && (rest.starts_with(',') || rest.starts_with('.') || rest.trim_start().starts_with('('))
        && word_count(t) <= 10
        || t.contains('©') && word_count(t) <= 10
}

/// A picture's caption ending with its credit: "Le site retenu … (Photo : AFP)".
fn is_caption(line: &str) -> bool {
    let t = line.trim_end();
    let Some(open) = t.rfind('(') else {
        return false;
    };
    t.ends_with(')')
        && word_count(t) <= 40
        && starts_with_marker(&t[open + 1..t.len() - 1], |l| l.furniture.photo_prefixes)
}

/// Whether `line` holds a clock time ("10:14", "11h30", "09.15 Uhr").
fn has_clock(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_digit()
            && b.get(i + 1).is_some_and(|&c| c == b':' || c == b'h')
            && b.get(i + 2).is_some_and(u8::is_ascii_digit)
            && b.get(i + 3).is_some_and(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
    })
}

/// Whether `line` holds a date written with digits ("26/07/2025", "12.06.2024", "2025-03-21").
fn has_numeric_date(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')'))
        .any(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_digit());
            let parts: Vec<&str> = w.split(['.', '/', '-']).collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && parts.iter().any(|p| p.len() == 4)
        })
}

/// A line that only dates the page: "26/07/2025 10:14", "08 Қазан 2024, 11:05", "October 23,
/// 2025 at 10:12 AM GMT+5", "▶ Écouter - 02:41": short, with a clock time or a date in digits,
/// and no sentence.
fn is_timestamp_line(line: &str) -> bool {
    let t = line.trim();
    let words = word_count(t);
    if words == 0 || words > 12 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    words > 0
        && words <= 12
        && !t.ends_with(['.', '!', '?', '»', '"', '”'])
        && (has_clock(t) || has_numeric_date(t) && letters <= 24)
}

/// A note about the page, not the story: a machine-translation disclaimer, a cookie banner.
fn is_page_note(line: &str) -> bool {
    word_count(line) <= 40 && {
        let lower = line.to_lowercase();
        lexicon::all_of(|l| l.furniture.disclaimers).any(|d| lower.contains(d))
            || lexicon::all_of(|l| l.furniture.cookie_words).any(|c| lower.contains(c))
    }
}

/// A site's section path: "Wirtschaft | Kasachstan", "Pétrole et gaz > Exploration-production".
fn is_breadcrumb(line: &str) -> bool {
    let t = line.trim();
    word_count(t) <= 8
        && (t.contains(" | ") || t.contains(" > ") || t.contains(" » ") || t.contains(" › "))
        && !t.ends_with(['.', '!', '?'])
}

/// A line of a few words, no sentence punctuation, mostly nouns: "Казахстан Турция газ нефть".
fn looks_like_tags(line: &str) -> bool {
    let words = word_count(line);
    (2..=10).contains(&words)
        && !line
            .chars()
            .any(|c| matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '«' | '"'))
}

/// No furniture line is longer (in bytes): the longest, a disclaimer or a caption, has at
/// most 40 words.
const LONGEST_FURNITURE_LINE: usize = 1_500;

/// Finds the story and the furniture of a brief.
pub fn layout(text: &str) -> Layout {
    let all_lines = lines(text);
    let mut furniture: Vec<(Span, FurnitureKind)> = Vec::new();
    let mut header_date = None;
    let mut candidate_lines = Vec::with_capacity(all_lines.len());
    for (index, &line) in all_lines.iter().enumerate() {
        let body = line.slice(text);
        let kind = if index < 3 && is_counter(body)
            || is_counter(body) && word_count(body) <= 3 && body.len() < 12
        {
            Some(FurnitureKind::Counter)
        } else if body.len() > LONGEST_FURNITURE_LINE {
            None
        } else if starts_with_marker(body, |l| l.furniture.photo_prefixes) && word_count(body) <= 12
            || is_caption(body)
        {
            Some(FurnitureKind::PhotoCredit)
        } else if starts_with_marker(body, |l| l.furniture.source_prefixes) && word_count(body) <= 8
        {
            Some(FurnitureKind::Source)
        } else if starts_with_marker(body, |l| l.furniture.tag_prefixes) {
            Some(FurnitureKind::Tags)
        } else if starts_with_marker(body, |l| l.furniture.related_prefixes)
            && word_count(body) <= 4
        {
            Some(FurnitureKind::Related)
        } else if is_meta_line(body) || is_page_note(body) {
            Some(FurnitureKind::Metadata)
        } else if is_breadcrumb(body) {
            Some(FurnitureKind::Tags)
        } else if is_byline(body) {
            Some(FurnitureKind::Byline)
        } else {
            None
        };
        match kind {
            Some(kind) => furniture.push((line, kind)),
            None => candidate_lines.push(line),
        }
    }
    // Inline metadata at the very top: "date 2025-03-21 ASHGABAT, …".
    if let Some(first) = candidate_lines.first_mut() {
        let body = first.slice(text);
        let trimmed = body.trim_start();
        let lower = trimmed.to_lowercase();
        for key in [
            "date:",
            "date",
            "published:",
            "published",
            "дата:",
            "дата",
            "datum:",
            "tarih:",
        ] {
            if let Some(rest) = lower.strip_prefix(key) {
                let rest_trim = rest.trim_start();
                let iso: String = rest_trim.chars().take(10).collect();
                if let Ok(date) = NaiveDate::parse_from_str(&iso, "%Y-%m-%d") {
                    header_date = Some(date);
                    let consumed = (body.len() - trimmed.len())
                        + key.len()
                        + (rest.len() - rest_trim.len())
                        + 10;
                    let meta = Span::new(first.start, first.start + consumed);
                    furniture.push((meta, FurnitureKind::Metadata));
                    let rest_body = &text[meta.end..first.end];
                    let lead = rest_body.len() - rest_body.trim_start().len();
                    first.start = meta.end + lead;
                    break;
                }
            }
        }
    }
    candidate_lines.retain(|l| !l.is_empty());
    let paras = paragraphs(text, &candidate_lines);
    // The story ends with its last real paragraph; what follows (tags, related headlines,
    // source lines) is furniture.
    let is_story_paragraph = |p: &Span| {
        let body = p.slice(text);
        word_count(body) >= 8 && ends_sentence(body)
    };
    let last_story = paras.iter().rposition(is_story_paragraph);
    let first_story = paras.iter().position(is_story_paragraph);
    let mut story = Vec::new();
    let mut title = None;
    // Before the first paragraph: the headline is the last line of four words or more right
    // before it (kept as story); anything above it is furniture. A dateline on a line of its
    // own ("BAKU, Azerbaijan, April 14. ©TREND:") opens the story and is no headline.
    let headline = first_story.and_then(|first| {
        (0..first).rev().find(|&k| {
            let body = paras[k].slice(text);
            word_count(body) >= 4 && !is_counter(body) && !is_dateline_line(body)
        })
    });
    for (i, &p) in paras.iter().enumerate() {
        let body = p.slice(text);
        match (first_story, last_story) {
            (Some(_), Some(last)) if i > last => {
                let kind = if looks_like_tags(body) && word_count(body) <= 6 {
                    FurnitureKind::Tags
                } else {
                    FurnitureKind::Related
                };
                furniture.push((p, kind));
            }
            (Some(first), _) if i < first => {
                if headline == Some(i) {
                    title = Some(p);
                    story.push(p);
                } else if is_dateline_line(body) && headline.is_some_and(|h| h < i) {
                    story.push(p);
                } else {
                    furniture.push((p, FurnitureKind::Byline));
                }
            }
            _ => story.push(p),
        }
    }
    furniture.sort_by_key(|(s, _)| *s);
    Layout {
        story,
        title,
        furniture,
        header_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "1023\n\nАрман Коржумбаев Шеф-редактор\n\nФото: KMG\nВ Анкаре состоялась встреча председателя правления АО НК «КазМунайГаз» с министром энергетики Турции.\nОт анализа к практическим шагам\nКак отмечается, стороны провели активную совместную работу по изучению перспективных направлений геологоразведки.\nКазахстан Турция газ нефть\n\nВ 2025 г. на КПП Дулата между Китаем и Казахстаном установлен рекорд по пассажиро и грузообороту\nИсточник: dknews.kz\n\n\n";

    #[test]
    fn furniture_around_a_russian_story_is_found() {
        let l = layout(RU);
        let kinds: Vec<(FurnitureKind, &str)> =
            l.furniture.iter().map(|(s, k)| (*k, s.slice(RU))).collect();
        assert!(
            kinds.contains(&(FurnitureKind::Counter, "1023")),
            "{kinds:?}"
        );
        assert!(kinds.contains(&(FurnitureKind::Byline, "Арман Коржумбаев Шеф-редактор")));
        assert!(kinds.contains(&(FurnitureKind::PhotoCredit, "Фото: KMG")));
        assert!(kinds.contains(&(FurnitureKind::Source, "Источник: dknews.kz")));
        assert!(kinds.contains(&(FurnitureKind::Tags, "Казахстан Турция газ нефть")));
        assert!(
            kinds
                .iter()
                .any(|(k, s)| *k == FurnitureKind::Related && s.contains("Дулата"))
        );
        let story: Vec<&str> = l.story.iter().map(|s| s.slice(RU)).collect();
        assert_eq!(story.len(), 3, "{story:?}");
        assert!(story[0].starts_with("В Анкаре"));
        assert_eq!(story[1], "От анализа к практическим шагам");
    }

    #[test]
    fn inline_date_metadata_is_read_and_removed() {
        let text = " date 2025-03-21 ASHGABAT, Turkmenistan, March 21. Kazakhstan and Turkmenistan continue to strengthen energy cooperation, Trend reports.";
        let l = layout(text);
        assert_eq!(l.header_date, NaiveDate::from_ymd_opt(2025, 3, 21));
        assert!(l.story[0].slice(text).starts_with("ASHGABAT"));
    }

    #[test]
    fn the_headline_is_the_line_before_the_lead() {
        let text = "Publié par Rédaction | 14/11/2024 | 👁 612\n\nPhoto : service de presse de la présidence\n\nCOP29 : Bakou, Astana et Tachkent s'unissent\n\nLes présidents de l'Azerbaïdjan et du Kazakhstan ont signé le 13 novembre à Bakou un accord.";
        let l = layout(text);
        assert_eq!(
            l.title.map(|t| t.slice(text)),
            Some("COP29 : Bakou, Astana et Tachkent s'unissent")
        );
        assert_eq!(l.furniture.len(), 2, "{:?}", l.furniture);
    }

    #[test]
    fn a_headline_is_story() {
        let text = "Visitez le Kazakhstan, Poutine discutera de la coopération énergétique\n\nJAKARTA - Le président russe Vladimir Poutine discutera de la coopération énergétique lors de sa visite.";
        let l = layout(text);
        assert_eq!(
            l.title.map(|t| t.slice(text)),
            Some("Visitez le Kazakhstan, Poutine discutera de la coopération énergétique")
        );
        assert_eq!(l.story.len(), 2);
        assert!(l.furniture.is_empty());
    }
}
