//! A brief made ready for the extraction stages: its layout (story or page furniture), its
//! tokens and their folded forms, its sentences, its language and publication date, and the
//! event words of each sentence — with the questions every stage asks of them (where a
//! paragraph starts, where the publisher's dateline ends).

use crate::gazetteer::Gazetteer;
use crate::model::{DateRange, EventKind, Publication, Span};
use crate::text::fold::fold;
use crate::text::furniture::{self, FurnitureKind, Layout};
use crate::text::language;
use crate::text::sentences::sentences_in;
use crate::text::tokens::{Token, TokenKind, tokenize};

use super::{dates, events};

/// One brief as the stages read it.
pub(super) struct Document<'a> {
    pub(super) text: &'a str,
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) publication: &'a Publication,
    pub(super) layout: Layout,
    pub(super) tokens: Vec<Token<'a>>,
    pub(super) folded: Vec<String>,
    pub(super) in_story: Vec<bool>,
    pub(super) sentences: Vec<Span>,
    /// Sentence index of each token (usize::MAX outside the story).
    pub(super) token_sentence: Vec<usize>,
    pub(super) lang: Option<String>,
    pub(super) published: Option<DateRange>,
    /// The event kinds each sentence's words trigger.
    pub(super) sentence_triggers: Vec<Vec<EventKind>>,
}

impl<'a> Document<'a> {
    pub(super) fn new(
        text: &'a str,
        publication: &'a Publication,
        gazetteer: &'a Gazetteer,
    ) -> Self {
        let layout = furniture::layout(text);
        let tokens = tokenize(text);
        let folded: Vec<String> = tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word | TokenKind::Number => fold(t.text),
                _ => String::new(),
            })
            .collect();
        let sentences: Vec<Span> = layout
            .story
            .iter()
            .flat_map(|&p| sentences_in(text, p))
            .collect();
        let mut token_sentence = vec![usize::MAX; tokens.len()];
        let mut in_story = vec![false; tokens.len()];
        let mut s = 0;
        for (i, t) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= t.span.start {
                s += 1;
            }
            if s < sentences.len() && sentences[s].contains(t.span) {
                token_sentence[i] = s;
                in_story[i] = true;
            }
        }
        let story_text: String = layout
            .story
            .iter()
            .map(|s| s.slice(text))
            .collect::<Vec<_>>()
            .join("\n");
        let lang = publication
            .language
            .clone()
            .or_else(|| language::detect(&story_text).map(str::to_string));
        let published = publication
            .published
            .or_else(|| layout.header_date.map(DateRange::day))
            .or_else(|| page_date(&tokens, &layout));
        let mut sentence_triggers = vec![Vec::new(); sentences.len()];
        for (i, &s) in token_sentence.iter().enumerate() {
            if s != usize::MAX
                && let Some(kind) = events::trigger(&folded[i])
            {
                sentence_triggers[s].push(kind);
            }
        }
        Document {
            sentence_triggers,
            text,
            gazetteer,
            publication,
            layout,
            tokens,
            folded,
            in_story,
            sentences,
            token_sentence,
            lang,
            published,
        }
    }

    pub(super) fn at_paragraph_start(&self, token: usize) -> bool {
        let start = self.tokens[token].span.start;
        self.layout.story.iter().any(|p| p.start == start)
    }

    /// The publisher's dateline: a place in capitals (or followed by a comma and a date) at the
    /// start of the first story paragraph after the headline. Returns its place hit index.
    /// The token index where a span starts.
    pub(super) fn token_at(&self, start: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < start)
    }

    /// The publisher's dateline at the head of the first paragraph ("MOSCOW, Feb 18 (Reuters)
    /// -", "ASHGABAT, Turkmenistan, March 21.", "JAKARTA -"): its date is the publication's.
    pub(super) fn dateline_span(&self) -> Option<Span> {
        let para = self
            .layout
            .story
            .iter()
            .find(|p| Some(**p) != self.layout.title)?;
        let body = para.slice(self.text);
        let first_word: String = body.chars().take_while(|c| c.is_alphabetic()).collect();
        let n = first_word.chars().count();
        if n < 3 {
            return None;
        }
        let all_caps = first_word.chars().all(char::is_uppercase);
        // "Astana (dpa) - …": a capitalised city with an agency in brackets.
        let agency = first_word.chars().next().is_some_and(char::is_uppercase)
            && body[first_word.len()..].trim_start().starts_with('(');
        if !all_caps && !agency {
            return None;
        }
        let head: String = body.chars().take(90).collect();
        let dash = [" - ", " – ", " — ", " -- "]
            .iter()
            .filter_map(|sep| head.find(sep).map(|i| i + sep.len()))
            .min();
        let mut end = match dash {
            Some(end) => end,
            None if all_caps => head.find(". ").map(|i| i + 2)?,
            None => return None,
        };
        // The agency's credit after it: "АСТАНА, 27 января. /Интерфакс-Казахстан/. …", "БАКУ,
        // 7 июн — Sputnik. …": up to three words without digits, before the next full stop.
        let rest = &body[end..];
        if let Some(stop) = rest.find(". ")
            && let credit = &rest[..stop]
            && credit.split_whitespace().count() <= 3
            && !credit.chars().any(|c| c.is_ascii_digit())
            && credit
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || matches!(c, '/' | '('))
        {
            end += stop + 2;
        }
        Some(Span::new(para.start, para.start + end))
    }
}

/// Marks the tokens of `range` as used by a stage.
pub(super) fn mark(taken: &mut [bool], range: std::ops::Range<usize>) {
    for i in range {
        if let Some(t) = taken.get_mut(i) {
            *t = true;
        }
    }
}

/// The day the page says it was published, for a brief whose sidecar says nothing: the first
/// full date in its metadata lines ("Publié le 16 juin 2025 à 07:12", "26/07/2025 10:14").
fn page_date(tokens: &[Token<'_>], layout: &Layout) -> Option<DateRange> {
    layout
        .furniture
        .iter()
        .filter(|(_, kind)| *kind == FurnitureKind::Metadata)
        .find_map(|(span, _)| {
            let inside: Vec<Token<'_>> = tokens
                .iter()
                .filter(|t| span.contains(t.span))
                .cloned()
                .collect();
            dates::find_dates(&inside, None, &|_| false)
                .dates
                .into_iter()
                .find(|d| d.date.precision == crate::model::Precision::Day && !d.relative)
                .map(|d| d.date)
        })
}
