//! Dates in brief text, in fr/en/ru/tr/de/kk, resolved against the brief's publication date
//! (never the clock): absolute dates ("21 марта 2025 г.", "le 3 septembre", "March 21"),
//! ranges ("du 12 au 14 juin"), months and years ("en octobre", "в 2023 году"), weekdays
//! ("mercredi", "в понедельник"), and relative words ("today", "cette semaine", "last year").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::lexicon::{self, Lexicon, Relative, WeekdayCue};
use crate::model::{DateRange, Precision, Span};
use crate::text::fold::fold;
use crate::text::tokens::{Token, TokenKind};

/// A date found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub date: DateRange,
    /// Resolved from a relative expression (weekday, "today", a month without a year…).
    pub relative: bool,
    /// Said of the future (the verb that governs it is in the future).
    pub future: bool,
}

/// What dates are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub published: DateRange,
}

impl Reference {
    fn day(&self) -> Option<NaiveDate> {
        (self.published.precision == Precision::Day).then_some(self.published.start)
    }
    fn year(&self) -> i32 {
        self.published.start.year()
    }
    fn month(&self) -> Option<(i32, u32)> {
        matches!(self.published.precision, Precision::Day | Precision::Month)
            .then(|| (self.published.start.year(), self.published.start.month()))
    }
}

/// A month name (any language, folded) → month number.
fn month_of(word: &str) -> Option<u32> {
    if let Some(&(_, m)) = lexicon::all_of(|l| l.dates.months).find(|(w, _)| *w == word) {
        return Some(m);
    }
    lexicon::all_of(|l| l.dates.month_stems)
        .find(|(stem, _, extra)| {
            word.starts_with(stem) && word.chars().count() <= stem.chars().count() + extra
        })
        .map(|&(_, m, _)| m)
}

/// A weekday name → weekday, and what it needs around it to count.
fn weekday_of(word: &str) -> Option<(Weekday, WeekdayCue, &'static Lexicon)> {
    for l in lexicon::ALL {
        if let Some(&(_, d, cue)) = l.dates.weekdays.iter().find(|(w, _, _)| *w == word) {
            return Some((d, cue, l));
        }
        if let Some(&(_, d, _)) = l.dates.weekday_stems.iter().find(|(stem, _, extra)| {
            word.starts_with(stem) && word.chars().count() <= stem.chars().count() + extra
        }) {
            return Some((d, WeekdayCue::None, l));
        }
    }
    None
}

fn is_time_preposition(word: &str) -> bool {
    lexicon::any_has(|l| l.dates.time_prepositions, word)
}

fn is_year_word(word: &str) -> bool {
    lexicon::any_has(|l| l.dates.year_words, word)
}

/// Whether a folded word marks the future in its sentence.
pub fn is_future_marker(word: &str) -> bool {
    if lexicon::any_has(|l| l.dates.future_words, word) {
        return true;
    }
    let n = word.chars().count();
    lexicon::all_of(|l| l.dates.future_endings)
        .any(|(ending, min)| n >= *min && word.ends_with(ending))
}

/// Something written like a date that is none: "31 février 2025", "30 февраля", "3 March
/// 99999", "31.02.2025". Reported as a problem of its brief, never guessed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpossibleDate {
    pub span: Span,
    /// Why it is no date, for the user ("day 31 of month 2", "year 99999").
    pub reason: String,
}

/// The dates found in a text, and what looked like dates but are none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateScan {
    pub dates: Vec<DateMention>,
    pub impossible: Vec<ImpossibleDate>,
}

/// The years briefmap resolves dates in; a year written outside them is reported.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Whether a folded word is in the past tense (and not a word of the future).
pub fn is_past_marker(word: &str) -> bool {
    if is_future_marker(word) {
        return false;
    }
    if lexicon::any_has(|l| l.dates.past_words, word) {
        return true;
    }
    let n = word.chars().count();
    lexicon::all_of(|l| l.dates.past_endings)
        .any(|(ending, min)| n >= *min && word.ends_with(ending))
}

/// Finds and resolves the dates among `tokens` (all from the same text). `future` tells, for
/// a token index, whether its sentence speaks of the future.
pub fn find_dates(
    tokens: &[Token<'_>],
    reference: Option<Reference>,
    future: &dyn Fn(usize) -> bool,
) -> DateScan {
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| {
            if t.kind == TokenKind::Punct || t.kind == TokenKind::Joiner {
                String::new()
            } else {
                fold(t.text)
            }
        })
        .collect();
    let mut out = DateScan::default();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((impossible, next)) = impossible_at(tokens, &folded, i) {
            out.impossible.push(impossible);
            i = next.max(i + 1);
        } else if let Some((mention, next)) = match_at(tokens, &folded, i, reference, future) {
            out.dates.push(mention);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Days in `month` of `year` (February of an unknown year has 29).
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year.map(|y| NaiveDate::from_ymd_opt(y, 2, 29).is_some()) {
            Some(false) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

/// Whether a day, month and (maybe) year make no date; why, if so.
fn why_impossible(day: u32, month: u32, year: Option<i64>) -> Option<String> {
    if let Some(y) = year
        && !(*YEARS.start() as i64..=*YEARS.end() as i64).contains(&y)
    {
        return Some(format!(
            "year {y} is outside the years dates are read in ({}–{})",
            YEARS.start(),
            YEARS.end()
        ));
    }
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month} (dates are read day first)"
        ));
    }
    let days = days_in_month(year.map(|y| y as i32), month);
    (day == 0 || day > days).then(|| match year {
        Some(y) => format!("month {month} of {y} has {days} days, not {day}"),
        None => format!("month {month} has at most {days} days, not {day}"),
    })
}

/// A number written where a year goes: digits only, up to six of them.
fn year_like(token: &Token<'_>) -> Option<i64> {
    (token.kind == TokenKind::Number
        && (1..=6).contains(&token.text.len())
        && token.text.bytes().all(|b| b.is_ascii_digit()))
    .then(|| token.text.parse().ok())
    .flatten()
}

/// After a day and month, a number that is plainly meant as a year but lies outside [`YEARS`]:
/// zero, five digits or more, four digits, or any number a year word follows ("0 года").
fn bad_year_after(tokens: &[Token<'_>], folded: &[String], i: usize) -> Option<(i64, usize)> {
    let j = skip_soft(tokens, i);
    let y = tokens.get(j).and_then(year_like)?;
    if (*YEARS.start() as i64..=*YEARS.end() as i64).contains(&y) {
        return None;
    }
    let digits = tokens[j].text.len();
    let year_word = folded.get(j + 1).is_some_and(|w| is_year_word(w));
    (y == 0 || digits >= 4 || year_word).then_some((y, if year_word { j + 2 } else { j + 1 }))
}

/// Something written like a date at `i` that is none, with the index after it.
fn impossible_at(
    tokens: &[Token<'_>],
    folded: &[String],
    i: usize,
) -> Option<(ImpossibleDate, usize)> {
    let t = &tokens[i];
    let found = |reason: String, next: usize| {
        Some((
            ImpossibleDate {
                span: span_of(tokens, i, next - 1),
                reason,
            },
            next,
        ))
    };
    // 31.02.2025, 31/02/2025
    if let Some((d, m, y, next)) = numeric_parts(tokens, i)
        && (1..=31).contains(&d)
        && ((1..=12).contains(&m) || YEARS.contains(&(y as i32)))
        && let Some(reason) = why_impossible(d, m, Some(y))
    {
        return found(reason, next);
    }
    // 2025-02-30
    if let Some(year) = year_number(t)
        && let (Some(d1), Some(m), Some(d2), Some(d)) = (
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
            tokens.get(i + 4),
        )
        && is_dash(d1)
        && is_dash(d2)
        && m.text.len() == 2
        && d.text.len() == 2
        && let (Some(mo), Some(da)) = (number(m), number(d))
        && let Some(reason) = why_impossible(da, mo, Some(year as i64))
    {
        return found(reason, i + 5);
    }
    // 31 février [2025], 30 февраля, 3 mars 99999
    if let Some(day) = day_number(t) {
        let j = skip_soft(tokens, skip_dot(tokens, i + 1));
        if let Some(month) = month_token(folded, tokens, j) {
            if let Some((y, next)) = bad_year_after(tokens, folded, j + 1) {
                return found(why_impossible(day, month, Some(y))?, next);
            }
            let (year, next) = match year_after(tokens, folded, j + 1) {
                Some((y, end)) => (Some(y as i64), end + 1),
                None => (None, j + 1),
            };
            if let Some(reason) = why_impossible(day, month, year) {
                return found(reason, next);
            }
        }
    }
    // February 30[, 2025]
    if let Some(month) = month_token(folded, tokens, i) {
        let j = skip_soft(tokens, i + 1);
        if let Some(day) = tokens.get(j).and_then(day_number) {
            if let Some((y, next)) = bad_year_after(tokens, folded, j + 1) {
                return found(why_impossible(day, month, Some(y))?, next);
            }
            let (year, next) = match year_after(tokens, folded, j + 1) {
                Some((y, end)) => (Some(y as i64), end + 1),
                None => (None, j + 1),
            };
            if let Some(reason) = why_impossible(day, month, year) {
                return found(reason, next);
            }
        }
    }
    None
}

fn number(token: &Token<'_>) -> Option<u32> {
    (token.kind == TokenKind::Number && token.text.len() <= 4)
        .then(|| token.text.parse().ok())
        .flatten()
}

fn day_number(token: &Token<'_>) -> Option<u32> {
    if let Some(n) = number(token).filter(|n| (1..=31).contains(n) && token.text.len() <= 2) {
        return Some(n);
    }
    // "1er", "2nd", "21st", "3rd", "4th"
    let digits: String = token
        .text
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let rest = &token.text[digits.len()..];
    if !digits.is_empty()
        && digits.len() <= 2
        && matches!(rest, "er" | "st" | "nd" | "rd" | "th" | "re")
    {
        return digits.parse().ok().filter(|n| (1..=31).contains(n));
    }
    None
}

fn year_number(token: &Token<'_>) -> Option<i32> {
    number(token)
        .map(|n| n as i32)
        .filter(|n| token.text.len() == 4 && YEARS.contains(n))
}

/// Index of the next token that is not a dot or comma (for "21. März", "March 21, 2025").
fn skip_soft(tokens: &[Token<'_>], mut i: usize) -> usize {
    while i < tokens.len()
        && tokens[i].kind == TokenKind::Punct
        && matches!(tokens[i].text, "." | ",")
    {
        i += 1;
    }
    i
}

/// Index after a dot right after a day number ("2." in "vom 2. bis 4. Juni").
fn skip_dot(tokens: &[Token<'_>], i: usize) -> usize {
    if tokens.get(i).is_some_and(|t| t.text == ".")
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.kind != TokenKind::Number || t.text.len() <= 2)
    {
        i + 1
    } else {
        i
    }
}

/// Day, month and year written in digits, day first as in every language of the briefs:
/// "21.03.2025" (one token) or "21/03/2025" (five); with the index after them.
fn numeric_parts(tokens: &[Token<'_>], i: usize) -> Option<(u32, u32, i64, usize)> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number && t.text.matches('.').count() == 2 {
        let parts: Vec<&str> = t.text.split('.').collect();
        if let [d, m, y] = parts.as_slice()
            && d.len() <= 2
            && m.len() <= 2
            && (1..=6).contains(&y.len())
            && (y.len() >= 4 || y.len() == 1 && *y == "0")
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
        {
            return Some((d, m, y, i + 1));
        }
        return None;
    }
    let (s1, mo, s2, y) = (
        tokens.get(i + 1)?,
        tokens.get(i + 2)?,
        tokens.get(i + 3)?,
        tokens.get(i + 4)?,
    );
    let joined = [t, s1, mo, s2, y]
        .windows(2)
        .all(|w| w[0].span.end == w[1].span.start);
    if !(joined
        && s1.text == "/"
        && s2.text == "/"
        && t.text.len() <= 2
        && mo.text.len() <= 2
        && y.text.len() >= 4)
    {
        return None;
    }
    Some((number(t)?, number(mo)?, year_like(y)?, i + 5))
}

/// A date written in digits ([`numeric_parts`]) that is a real day.
fn numeric_date(tokens: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let (d, m, y, next) = numeric_parts(tokens, i)?;
    let y = i32::try_from(y).ok().filter(|y| YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, next))
}

fn is_dash(token: &Token<'_>) -> bool {
    matches!(token.text, "-" | "–" | "—" | "‑")
}

fn span_of(tokens: &[Token<'_>], from: usize, to_inclusive: usize) -> Span {
    Span::new(tokens[from].span.start, tokens[to_inclusive].span.end)
}

/// Year for a day/month given without one: the publication's, or the one before when the date
/// would otherwise lie well after publication (news reports the past), unless the sentence
/// speaks of the future.
fn infer_year(month: u32, day: u32, reference: Reference, future: bool) -> Option<NaiveDate> {
    let year = reference.year();
    let candidate = NaiveDate::from_ymd_opt(year, month, day)?;
    let pub_end = reference.published.end;
    if !future && candidate > pub_end + Duration::days(45) {
        return NaiveDate::from_ymd_opt(year - 1, month, day);
    }
    if future && candidate + Duration::days(300) < reference.published.start {
        return NaiveDate::from_ymd_opt(year + 1, month, day);
    }
    Some(candidate)
}

fn infer_month_year(month: u32, reference: Reference, future: bool) -> Option<i32> {
    let (year, ref_month) = reference.month().unwrap_or((reference.year(), 12));
    if !future && month > ref_month {
        Some(year - 1)
    } else if future && month + 3 < ref_month {
        Some(year + 1)
    } else {
        Some(year)
    }
}

/// A year or a following "году/г./yılında" word after a day and month.
fn year_after(tokens: &[Token<'_>], folded: &[String], i: usize) -> Option<(i32, usize)> {
    let j = skip_soft(tokens, i);
    let year = tokens.get(j).and_then(year_number)?;
    let mut end = j;
    if let Some(word) = folded.get(j + 1)
        && is_year_word(word)
    {
        end = j + 1;
        if tokens.get(j + 2).is_some_and(|t| t.text == ".") && word == "г" {
            end = j + 2;
        }
    }
    Some((year, end))
}

fn month_token(folded: &[String], tokens: &[Token<'_>], i: usize) -> Option<u32> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let m = month_of(folded.get(i)?)?;
    // English "May"/"March" as words need a capital ("may" is a verb, "march" a noun).
    let word = folded[i].as_str();
    if lexicon::any_has(|l| l.dates.capitalised_months, word) && !t.is_capitalized() {
        return None;
    }
    Some(m)
}

fn match_at(
    tokens: &[Token<'_>],
    folded: &[String],
    i: usize,
    reference: Option<Reference>,
    future: &dyn Fn(usize) -> bool,
) -> Option<(DateMention, usize)> {
    let t = &tokens[i];
    let fut = future(i);
    let absolute = |span: Span, date: DateRange, next: usize| {
        Some((
            DateMention {
                span,
                date,
                relative: false,
                future: fut,
            },
            next,
        ))
    };
    let relative = |span: Span, date: DateRange, next: usize| {
        Some((
            DateMention {
                span,
                date,
                relative: true,
                future: fut,
            },
            next,
        ))
    };

    // ISO 2025-03-21 (tokens: 2025 - 03 - 21) and 21.03.2025 (one number token).
    if let Some(year) = year_number(t)
        && let (Some(d1), Some(m), Some(d2), Some(d)) = (
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
            tokens.get(i + 4),
        )
        && is_dash(d1)
        && is_dash(d2)
        && m.text.len() == 2
        && d.text.len() == 2
        && let (Some(mo), Some(da)) = (number(m), number(d))
        && let Some(date) = NaiveDate::from_ymd_opt(year, mo, da)
    {
        return absolute(span_of(tokens, i, i + 4), DateRange::day(date), i + 5);
    }
    // 21.03.2025 (one number token) and 21/03/2025 (five), alone or as a range of two
    // ("02.10.2024 – 04.10.2024").
    if let Some((first, next)) = numeric_date(tokens, i) {
        if let Some(dash) = tokens.get(next)
            && (is_dash(dash) || dash.text == "/")
            && let Some((last, after)) = numeric_date(tokens, next + 1)
            && let Some(range) = DateRange::range(first, last).filter(|_| last > first)
        {
            return absolute(span_of(tokens, i, after - 1), range, after);
        }
        return absolute(span_of(tokens, i, next - 1), DateRange::day(first), next);
    }

    // Day [–Day] Month [Year]: "21 марта 2025 г.", "le 3 septembre", "12-14 June", "21. März".
    if let Some(day) = day_number(t) {
        let mut j = skip_dot(tokens, i + 1);
        let mut last_day = None;
        if (tokens.get(j).is_some_and(is_dash)
            || folded
                .get(j)
                .is_some_and(|w| lexicon::any_has(|l| l.dates.range_joiners, w)))
            && let Some(d2) = tokens.get(j + 1).and_then(day_number)
        {
            last_day = Some(d2);
            j += 2;
        } else {
            j = i + 1;
        }
        let j = skip_soft(tokens, j);
        if let Some(month) = month_token(folded, tokens, j) {
            let (mut year, end) = match year_after(tokens, folded, j + 1) {
                Some((y, end)) => (Some(y), end),
                None => (None, j),
            };
            // Kazakh puts the year first: "2025 жылғы 3 қыркүйекте".
            let mut first_token = i;
            if year.is_none()
                && i >= 2
                && lexicon::any_has(|l| l.dates.year_first_words, &folded[i - 1])
                && let Some(y) = year_number(&tokens[i - 2])
            {
                year = Some(y);
                first_token = i - 2;
            }
            let span = span_of(tokens, first_token, end);
            let resolve = |d: u32| -> Option<NaiveDate> {
                match year {
                    Some(y) => NaiveDate::from_ymd_opt(y, month, d),
                    None => reference.and_then(|r| infer_year(month, d, r, fut)),
                }
            };
            let first = resolve(day)?;
            let date = match last_day.and_then(resolve) {
                Some(last) if last > first => DateRange::range(first, last)?,
                _ => DateRange::day(first),
            };
            let rel = year.is_none();
            return if rel {
                relative(span, date, end + 1)
            } else {
                absolute(span, date, end + 1)
            };
        }
    }

    // Month Day[, Year]: "March 21", "March 21, 2025", "Oct. 3".
    if let Some(month) = month_token(folded, tokens, i) {
        let j = skip_soft(tokens, i + 1);
        if let Some(day) = tokens.get(j).and_then(day_number) {
            // "July 24-25", "June 2 to 4": a range of days.
            let mut j = j;
            let mut last_day = None;
            if (tokens.get(j + 1).is_some_and(is_dash)
                || folded
                    .get(j + 1)
                    .is_some_and(|w| lexicon::any_has(|l| l.dates.range_joiners, w)))
                && let Some(d2) = tokens.get(j + 2).and_then(day_number)
                && d2 > day
            {
                last_day = Some(d2);
                j += 2;
            }
            // Not "March 2025" (handled below) and not a year.
            let (year, end) = match year_after(tokens, folded, j + 1) {
                Some((y, end)) => (Some(y), end),
                None => (None, j),
            };
            let resolve = |d: u32| match year {
                Some(y) => NaiveDate::from_ymd_opt(y, month, d),
                None => reference.and_then(|r| infer_year(month, d, r, fut)),
            };
            let first = resolve(day)?;
            let date = match last_day.and_then(resolve) {
                Some(last) => DateRange::range(first, last)?,
                None => DateRange::day(first),
            };
            let span = span_of(tokens, i, end);
            return if year.is_none() {
                relative(span, date, end + 1)
            } else {
                absolute(span, date, end + 1)
            };
        }
        // Month Year: "mars 2025", "в марте 2025 года".
        if let Some((year, end)) = year_after(tokens, folded, i + 1) {
            return absolute(
                span_of(tokens, i, end),
                DateRange::month(year, month)?,
                end + 1,
            );
        }
        // Month alone after a preposition ("en octobre", "in October", "в октябре"), or with a
        // Turkish/Kazakh case ending ("Ekimde", "қазанда").
        let prep = i > 0 && is_time_preposition(&folded[i - 1]);
        // A month stem with a locative ending ("Ekimde", "қазанда"; not Russian "марте",
        // which needs its preposition).
        let inflected = lexicon::ALL.iter().any(|l| {
            l.dates.month_stems.iter().any(|(stem, m, _)| {
                *m == month
                    && folded[i].strip_prefix(stem).is_some_and(|ending| {
                        l.places.locative_endings.contains(&ending)
                            || l.places.locative_after_apostrophe.contains(&ending)
                    })
            })
        });
        let month_word_after = folded.get(i + 1).is_some_and(|w| {
            lexicon::all_of(|l| l.dates.month_words).any(|(form, how)| how.matches(form, w))
        });
        if prep || inflected || month_word_after {
            let r = reference?;
            let year = infer_month_year(month, r, fut)?;
            return relative(t.span, DateRange::month(year, month)?, i + 1);
        }
        return None;
    }

    // Year: "in 2023", "в 2023 году", "2023 yılında".
    if let Some(year) = year_number(t) {
        let prep = i > 0 && is_time_preposition(&folded[i - 1]);
        let word_after = folded.get(i + 1).is_some_and(|w| is_year_word(w));
        // "2023-2025", "2023–2025 гг."
        if tokens.get(i + 1).is_some_and(is_dash)
            && let Some(y2) = tokens.get(i + 2).and_then(year_number)
            && y2 > year
        {
            let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let end = NaiveDate::from_ymd_opt(y2, 12, 31)?;
            let mut last = i + 2;
            if folded.get(i + 3).is_some_and(|w| is_year_word(w)) {
                last = i + 3;
            }
            return absolute(
                span_of(tokens, i, last),
                DateRange::range(start, end)?,
                last + 1,
            );
        }
        if prep || word_after {
            let end = if word_after { i + 1 } else { i };
            return absolute(span_of(tokens, i, end), DateRange::year(year)?, end + 1);
        }
        return None;
    }

    // Weekdays.
    if t.kind == TokenKind::Word
        && let Some((weekday, cue, lexicon)) = weekday_of(&folded[i])
    {
        let ok = match cue {
            WeekdayCue::None => true,
            WeekdayCue::AfterPreposition => {
                i > 0
                    && lexicon
                        .dates
                        .weekday_prepositions
                        .contains(&folded[i - 1].as_str())
            }
            WeekdayCue::BeforeDayWord => lexicon
                .dates
                .day_word
                .is_some_and(|day| folded.get(i + 1).is_some_and(|w| w.starts_with(day))),
        };
        if ok {
            let day = reference?.day()?;
            let date = resolve_weekday(day, weekday, fut);
            return relative(t.span, DateRange::day(date), i + 1);
        }
    }

    // Relative words and phrases.
    for (words, kind) in lexicon::all_of(|l| l.dates.relative) {
        let mut j = i;
        let mut matched = true;
        let mut last = i;
        for w in words.iter() {
            // Skip apostrophes and hyphens between words ("aujourd'hui", "avant-hier").
            while j < tokens.len()
                && j > i
                && (tokens[j].kind == TokenKind::Joiner
                    || tokens[j].kind == TokenKind::Punct
                        && tokens[j].text.chars().all(|c| "'’`-".contains(c)))
            {
                j += 1;
            }
            if folded.get(j).is_some_and(|f| f == w) {
                last = j;
                j += 1;
            } else {
                matched = false;
                break;
            }
        }
        if matched {
            let r = reference?;
            let date = resolve_relative(*kind, r)?;
            return relative(span_of(tokens, i, last), date, last + 1);
        }
    }
    None
}

/// The weekday nearest before (or, for the future, after) the reference day, the day itself
/// included.
pub fn resolve_weekday(reference: NaiveDate, weekday: Weekday, future: bool) -> NaiveDate {
    let from = reference.weekday().num_days_from_monday() as i64;
    let to = weekday.num_days_from_monday() as i64;
    if future {
        reference + Duration::days((to - from).rem_euclid(7))
    } else {
        reference - Duration::days((from - to).rem_euclid(7))
    }
}

fn week_of(day: NaiveDate) -> Option<DateRange> {
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    DateRange::range(monday, monday + Duration::days(6))
}

fn resolve_relative(kind: Relative, r: Reference) -> Option<DateRange> {
    let day = r.day();
    match kind {
        Relative::Today => Some(day.map(DateRange::day).unwrap_or(r.published)),
        Relative::Yesterday => day.map(|d| DateRange::day(d - Duration::days(1))),
        Relative::DayBeforeYesterday => day.map(|d| DateRange::day(d - Duration::days(2))),
        Relative::Tomorrow => day.map(|d| DateRange::day(d + Duration::days(1))),
        Relative::ThisWeek => day.and_then(week_of),
        Relative::LastWeek => day.and_then(|d| week_of(d - Duration::days(7))),
        Relative::NextWeek => day.and_then(|d| week_of(d + Duration::days(7))),
        Relative::ThisMonth => r.month().and_then(|(y, m)| DateRange::month(y, m)),
        Relative::LastMonth => r.month().and_then(|(y, m)| {
            if m == 1 {
                DateRange::month(y - 1, 12)
            } else {
                DateRange::month(y, m - 1)
            }
        }),
        Relative::ThisYear => DateRange::year(r.year()),
        Relative::LastYear => DateRange::year(r.year() - 1),
        Relative::NextYear => DateRange::year(r.year() + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn reference(iso: &str) -> Option<Reference> {
        Some(Reference {
            published: DateRange::parse_iso(iso).unwrap(),
        })
    }

    fn dates(text: &str, published: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text);
        let future = tokens.iter().any(|t| is_future_marker(&fold(t.text)));
        find_dates(&tokens, reference(published), &|_| future)
            .dates
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.date.to_iso()))
            .collect()
    }

    fn one(text: &str, published: &str) -> String {
        let found = dates(text, published);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].1.clone()
    }

    #[test]
    fn absolute_dates_in_each_language() {
        assert_eq!(
            dates("Встреча прошла 21 марта 2025 г. в Ашхабаде.", "2025-04-01"),
            [("21 марта 2025 г.".to_string(), "2025-03-21".to_string())]
        );
        assert_eq!(
            one("le 3 septembre 2024 à Astana", "2024-10-01"),
            "2024-09-03"
        );
        assert_eq!(one("on 3 September 2024", "2024-10-01"), "2024-09-03");
        assert_eq!(
            one("ASHGABAT, Turkmenistan, March 21. Kazakhstan", "2025-03-21"),
            "2025-03-21"
        );
        assert_eq!(
            one("signed on March 21, 2024 in Baku", "2025-01-01"),
            "2024-03-21"
        );
        assert_eq!(
            one("am 21. März 2025 in Berlin", "2025-03-30"),
            "2025-03-21"
        );
        assert_eq!(one("15 Mart 2025 tarihinde", "2025-03-30"), "2025-03-15");
        assert_eq!(
            dates("2025 жылғы 3 қыркүйекте Астанада", "2026-09-05"),
            [(
                "2025 жылғы 3 қыркүйекте".to_string(),
                "2025-09-03".to_string()
            )]
        );
        assert_eq!(one("published 2025-03-21 here", "2025-03-21"), "2025-03-21");
        assert_eq!(
            one("am 03.02.2024 unterzeichnet", "2024-03-01"),
            "2024-02-03"
        );
        assert_eq!(one("le 1er juillet", "2024-07-10"), "2024-07-01");
    }

    #[test]
    fn days_and_months_without_a_year_take_the_publication_year() {
        assert_eq!(one("le 3 septembre", "2024-09-10"), "2024-09-03");
        // December mentioned in a January brief is last December.
        assert_eq!(one("on 28 December", "2025-01-05"), "2024-12-28");
        assert_eq!(
            one("En octobre, le Kazakhstan a voté", "2024-11-27"),
            "2024-10"
        );
        assert_eq!(
            one("в октябре Казахстан проголосовал", "2024-11-27"),
            "2024-10"
        );
        assert_eq!(
            one("Ekim ayında yapılan referandum", "2024-11-27"),
            "2024-10"
        );
    }

    #[test]
    fn ranges_months_and_years() {
        assert_eq!(
            one("du 12 au 14 juin 2024", "2024-06-01"),
            "2024-06-12/2024-06-14"
        );
        assert_eq!(
            one("с 12 по 14 июня 2024 года", "2024-06-01"),
            "2024-06-12/2024-06-14"
        );
        assert_eq!(one("on 12-14 June", "2024-06-01"), "2024-06-12/2024-06-14");
        assert_eq!(one("в марте 2025 года", "2025-06-01"), "2025-03");
        assert_eq!(one("in 2023, exports grew", "2025-06-01"), "2023");
        assert_eq!(one("В 2025 г. на КПП", "2026-01-22"), "2025");
        assert_eq!(one("2023 yılında", "2025-01-01"), "2023");
        assert_eq!(one("in 2023–2025", "2025-01-01"), "2023-01-01/2025-12-31");
    }

    #[test]
    fn numeric_dates_and_their_ranges() {
        assert_eq!(
            one("Depuis le 01/05/2024, les prix", "2024-05-20"),
            "2024-05-01"
        );
        assert_eq!(
            one("02.10.2024 – 04.10.2024 аралығында аукцион", "2024-10-08"),
            "2024-10-02/2024-10-04"
        );
        assert_eq!(
            one("am 03.02.2024 unterzeichnet", "2024-03-01"),
            "2024-02-03"
        );
        // Not a date: a score or a ratio.
        assert!(dates("won 3/2 at home", "2024-03-01").is_empty());
    }

    #[test]
    fn ranges_in_every_word_order() {
        assert_eq!(
            one(
                "a meeting held in Cholpon-Ata on July 24-25, the ministry",
                "2025-07-26"
            ),
            "2025-07-24/2025-07-25"
        );
        assert_eq!(
            one("vom 2. bis 4. Juni 2024 in Berlin", "2024-06-10"),
            "2024-06-02/2024-06-04"
        );
        assert_eq!(
            one("со 2 по 4 июня 2024 года", "2024-06-10"),
            "2024-06-02/2024-06-04"
        );
        assert_eq!(
            one("2-4 Haziran 2024 tarihlerinde", "2024-06-10"),
            "2024-06-02/2024-06-04"
        );
    }

    #[test]
    fn weekdays_resolve_against_publication() {
        // 2024-11-27 was a Wednesday.
        assert_eq!(one("a déclaré lundi que", "2024-11-27"), "2024-11-25");
        assert_eq!(
            one("a déclaré mardi aux journalistes", "2024-11-27"),
            "2024-11-26"
        );
        assert_eq!(
            one("a commencé sa visite mercredi", "2024-11-27"),
            "2024-11-27"
        );
        assert_eq!(
            one("в понедельник министр заявил", "2024-11-27"),
            "2024-11-25"
        );
        assert_eq!(one("am Dienstag erklärte er", "2024-11-27"), "2024-11-26");
        assert_eq!(one("Salı günü açıkladı", "2024-11-27"), "2024-11-26");
        // The future looks forward.
        assert_eq!(
            one("Putin will arrive on Friday", "2024-11-27"),
            "2024-11-29"
        );
        // "среда" without в is "environment"; "may" is a verb.
        assert!(dates("окружающая среда страны", "2024-11-27").is_empty());
        assert!(dates("they may sign", "2024-11-27").is_empty());
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            one("during an informal meeting today.", "2025-04-22"),
            "2025-04-22"
        );
        assert_eq!(one("aujourd'hui à Bakou", "2025-04-22"), "2025-04-22");
        assert_eq!(one("вчера в Астане", "2025-04-22"), "2025-04-21");
        assert_eq!(
            one("С сегодняшнего дня действуют тарифы", "2024-05-01"),
            "2024-05-01"
        );
        assert_eq!(one("avant-hier à Bakou", "2025-04-22"), "2025-04-20");
        // Wednesday 2024-11-27: the week runs Monday 25 to Sunday 1 December.
        assert_eq!(
            one("sa visite au Kazakhstan cette semaine", "2024-11-27"),
            "2024-11-25/2024-12-01"
        );
        assert_eq!(one("last year", "2024-11-27"), "2023");
        assert_eq!(one("в прошлом году", "2024-11-27"), "2023");
        assert_eq!(one("le mois dernier", "2024-01-10"), "2023-12");
        // A month-precise publication: "today" is that month.
        assert_eq!(one("today", "2024-04"), "2024-04");
    }

    #[test]
    fn the_eve_and_the_day_before_in_each_language() {
        // 2023-10-08 was a Sunday.
        assert_eq!(
            one("Поставки начались накануне", "2023-10-08"),
            "2023-10-07"
        );
        assert_eq!(one("la veille, à Bakou", "2023-10-08"), "2023-10-07");
        assert_eq!(one("am Vortag in Berlin", "2023-10-08"), "2023-10-07");
        assert_eq!(one("önceki gün Ankara'da", "2023-10-08"), "2023-10-06");
        assert_eq!(one("the day before yesterday", "2023-10-08"), "2023-10-06");
        assert_eq!(one("алдыңғы күні Астанада", "2023-10-08"), "2023-10-06");
        assert_eq!(one("өткен айда", "2023-10-08"), "2023-09");
    }

    #[test]
    fn past_and_future_words_are_told_apart() {
        assert!(is_past_marker("начало") && is_past_marker("signed") && is_past_marker("a"));
        assert!(is_past_marker("imzaladi") && is_past_marker("откизди"));
        assert!(!is_past_marker("will") && !is_past_marker("expected"));
        assert!(!is_past_marker("нефть") && !is_past_marker("gas"));
    }

    #[test]
    fn without_a_publication_date_relative_dates_stay_unresolved() {
        let tokens = tokenize("lundi, en octobre, today; but 3 September 2024 is absolute");
        let found = find_dates(&tokens, None, &|_| false).dates;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date.to_iso(), "2024-09-03");
    }

    fn impossible(text: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text);
        let scan = find_dates(&tokens, reference("2025-04-01"), &|_| false);
        assert!(scan.dates.is_empty(), "{text}: {:?}", scan.dates);
        scan.impossible
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.reason))
            .collect()
    }

    #[test]
    fn impossible_dates_are_reported_not_guessed() {
        assert_eq!(
            impossible("signé le 31 février 2025 à Bakou"),
            [(
                "31 février 2025".to_string(),
                "month 2 of 2025 has 28 days, not 31".to_string()
            )]
        );
        assert_eq!(
            impossible("встреча 30 февраля в Астане"),
            [(
                "30 февраля".to_string(),
                "month 2 has at most 29 days, not 30".to_string()
            )]
        );
        assert_eq!(impossible("on April 31, 2025")[0].0, "April 31, 2025");
        assert_eq!(impossible("am 31.02.2025 unterzeichnet")[0].0, "31.02.2025");
        assert_eq!(impossible("le 31/04/2025")[0].0, "31/04/2025");
        assert_eq!(impossible("2025-02-30 deadline")[0].0, "2025-02-30");
        let far = impossible("le 3 mars 99999 à Ankara");
        assert_eq!(far[0].0, "3 mars 99999");
        assert!(far[0].1.contains("year 99999"), "{far:?}");
        assert_eq!(impossible("3 марта 0 года")[0].0, "3 марта 0 года");
        assert_eq!(impossible("on 29 February 2025")[0].0, "29 February 2025");
    }

    #[test]
    fn real_dates_beside_numbers_are_not_impossible() {
        // 2024 was a leap year; a count after a date is no year.
        assert_eq!(one("on 29 February 2024", "2024-03-01"), "2024-02-29");
        assert_eq!(
            dates("on 3 March 150 workers struck", "2025-04-01"),
            [("3 March".to_string(), "2025-03-03".to_string())]
        );
        let tokens = tokenize("version 1.34.5678 and 1.000.000 tonnes");
        let scan = find_dates(&tokens, reference("2025-04-01"), &|_| false);
        assert!(scan.impossible.is_empty(), "{:?}", scan.impossible);
    }
}
