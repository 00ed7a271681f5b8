//! Lines, paragraphs and sentences with byte offsets. Handles hard-wrapped text (a single line
//! break inside a sentence is not a boundary when the lines look wrapped) and common
//! abbreviations ("г.", "U.S.", "M.").

use crate::model::Span;

/// The non-blank lines of a text, trimmed, as spans.
pub fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let body = piece.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let s = start + lead;
            out.push(Span::new(s, s + trimmed.len()));
        }
        start = end;
    }
    out
}

/// True when the text's line breaks look like hard wrapping of paragraphs (most lines of a
/// similar length that stop mid-sentence).
pub fn looks_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let long: Vec<&str> = lines
        .iter()
        .map(|l| l.slice(text))
        .filter(|l| l.chars().count() >= 30)
        .collect();
    if long.len() < 4 {
        return false;
    }
    let open = long.iter().filter(|l| !ends_sentence(l)).count();
    let lengths: Vec<usize> = long.iter().map(|l| l.chars().count()).collect();
    let max = lengths.iter().copied().max().unwrap_or(0);
    open * 2 > long.len() && max <= 120
}

/// Whether a line ends like a sentence (or a quotation).
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ':' | ';'))
}

/// Sentences within a span of text (a paragraph or a line).
pub fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let body = span.slice(text);
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Extend over closing quotes and repeated marks.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '»' | '"' | '”' | ')')
            {
                j += 1;
            }
            let followed_by_space = j < chars.len() && chars[j].1.is_whitespace();
            let next_letter = chars[j..]
                .iter()
                .map(|&(_, c)| c)
                .find(|c| !c.is_whitespace());
            let starts_new = next_letter.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '«' | '"' | '“' | '(')
            });
            if followed_by_space && starts_new && !(c == '.' && is_abbreviation(&body[..pos])) {
                let end = if j < chars.len() {
                    chars[j].0
                } else {
                    body.len()
                };
                push_trimmed(&mut out, body, span.start, start, end);
                start = end;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, body, span.start, start, body.len());
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    // A single capital letter is an initial ("V. Putin"), not the end of a sentence.
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || crate::lexicon::any_has(|l| l.furniture.abbreviations, &lower)
}

fn push_trimmed(out: &mut Vec<Span>, body: &str, base: usize, start: usize, end: usize) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

/// Joins lines into paragraphs: blank lines always separate; single breaks separate unless the
/// text is hard-wrapped and the line does not end a sentence.
pub fn paragraphs(text: &str, lines: &[Span]) -> Vec<Span> {
    let wrapped = looks_hard_wrapped(text, lines);
    let mut out: Vec<Span> = Vec::new();
    let mut prev: Option<Span> = None;
    for &line in lines {
        let join = prev.is_some_and(|p| {
            let gap = &text[p.end..line.start];
            let blank_between = gap.matches('\n').count() >= 2;
            wrapped && !blank_between && !ends_sentence(p.slice(text))
        });
        match (join, out.last_mut()) {
            (true, Some(last)) => last.end = line.end,
            _ => out.push(line),
        }
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let text = "В 2025 г. на КПП рекорд. V. Putin arrived in the U.S. on Monday. Then he left!";
        let all = Span::new(0, text.len());
        assert_eq!(
            texts(text, &sentences_in(text, all)),
            [
                "В 2025 г. на КПП рекорд.",
                "V. Putin arrived in the U.S. on Monday.",
                "Then he left!"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_into_paragraphs() {
        let text = "Kazakhstan and Turkmenistan intend to increase bilateral\ntrade to $1 billion. Kazakh President Kassym-Jomart Tokayev and\nChairman of the Halk Maslahaty of Turkmenistan Gurbanguly Berdimuhamedov\ndiscussed this goal during an informal meeting today. They also talked\nabout prospects.\n«It is encouraging to see the successful development of\ncooperation,» Tokayev said.";
        let ls = lines(text);
        assert!(looks_hard_wrapped(text, &ls));
        let paras = paragraphs(text, &ls);
        assert_eq!(paras.len(), 2, "{:?}", texts(text, &paras));
        assert!(paras[0].slice(text).ends_with("about prospects."));
    }

    #[test]
    fn unwrapped_lines_stay_separate() {
        let text = "1023\n\nАрман Коржумбаев Шеф-редактор\n\nФото: KMG\nВ Анкаре состоялась встреча председателя правления с министром энергетики Турции.\nОт анализа к практическим шагам\nКак отмечается, стороны провели совместную работу по изучению направлений.";
        let ls = lines(text);
        assert!(!looks_hard_wrapped(text, &ls));
        assert_eq!(paragraphs(text, &ls).len(), 6);
    }
}
