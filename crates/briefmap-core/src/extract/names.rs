//! Finding gazetteer names in text: the longest run of capitalised words whose folded form is
//! a known name, also when the last word carries a Russian or Kazakh case ending (Анкаре →
//! Анкара, Астанада → Астана), is a Russian adjective made from one (Тенгизского → Тенгиз), or
//! a German genitive (Kasachstans).

use std::ops::Range;

use crate::gazetteer::{Entity, Gazetteer, MAX_NAME_WORDS};
use crate::lexicon;
use crate::model::Span;
use crate::text::fold::is_cyrillic;
use crate::text::tokens::{Token, TokenKind};

/// A name found in the text, with everything it may refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMention {
    pub span: Span,
    /// Token indices covered.
    pub tokens: Range<usize>,
    pub candidates: Vec<Entity>,
    /// The folded key that matched (nominative form for inflected words).
    pub key: String,
    /// Number of words in the name.
    pub words: usize,
}

/// Place names an -ск- adjective may come from: the stem itself (Тенгиз-ский), without a soft
/// sign (Сангачаль-ский → Сангачал), or with -ин- for a name in -а (Карагандин-ский →
/// Караганда).
fn ru_place_adjective_bases(word: &str) -> Vec<String> {
    let Some(stem) = lexicon::all_of(|l| l.morphology.place_adjective_endings)
        .find_map(|ending| word.strip_suffix(ending))
    else {
        return Vec::new();
    };
    if stem.chars().count() < 4 {
        return Vec::new();
    }
    let mut out = vec![stem.to_string()];
    if let Some(hard) = stem.strip_suffix('ь') {
        out.push(hard.to_string());
    }
    if let Some(name) = stem.strip_suffix("ин") {
        out.push(format!("{name}а"));
    }
    out
}

/// Candidate nominative forms of an inflected folded word, most likely first.
pub fn base_forms(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars = word.chars().count();
    if chars < 3 || chars < 4 && !is_cyrillic(word) {
        return out;
    }
    let min = if chars <= 3 { 2 } else { 3 };
    let mut push = |s: String| {
        if s.chars().count() >= min && s != word && !out.contains(&s) {
            out.push(s);
        }
    };
    if is_cyrillic(word) {
        for (ending, replacements) in lexicon::all_of(|l| l.morphology.noun_endings) {
            if let Some(stem) = word.strip_suffix(ending) {
                for r in *replacements {
                    push(format!("{stem}{r}"));
                }
            }
        }
        for ending in lexicon::all_of(|l| l.morphology.bare_endings) {
            if let Some(stem) = word.strip_suffix(ending) {
                push(stem.to_string());
            }
        }
        for base in ru_place_adjective_bases(word) {
            push(base);
        }
    } else if lexicon::ALL.iter().any(|l| l.morphology.genitive_s)
        && let Some(stem) = word.strip_suffix('s')
        && chars >= 6
    {
        push(stem.to_string());
    }
    out
}

/// Nominative forms a declined adjective (a word before the head noun of a name) may have.
fn adjective_base_forms(word: &str) -> Vec<String> {
    if word.chars().count() < 5 {
        return Vec::new();
    }
    if is_cyrillic(word) {
        for (ending, replacements) in lexicon::all_of(|l| l.morphology.adjective_endings) {
            if let Some(stem) = word.strip_suffix(ending) {
                return replacements.iter().map(|r| format!("{stem}{r}")).collect();
            }
        }
        Vec::new()
    } else if lexicon::ALL.iter().any(|l| l.morphology.weak_adjective_en)
        && let Some(stem) = word.strip_suffix("en")
    {
        // German weak declension: der Europäischen Kommission → Europäische Kommission.
        vec![format!("{stem}e")]
    } else {
        Vec::new()
    }
}

/// Most head variants tried per chain.
const MAX_HEAD_KEYS: usize = 12;

/// The words before a name's last word, joined, as written first and then with declined
/// adjectives put back in the nominative.
fn head_keys(head: &[&str]) -> Vec<String> {
    let mut keys = vec![head.join(" ")];
    for (i, word) in head.iter().enumerate() {
        let forms = adjective_base_forms(word);
        if forms.is_empty() {
            continue;
        }
        let mut more = Vec::new();
        for key in &keys {
            let words: Vec<&str> = key.split(' ').collect();
            for form in &forms {
                let mut changed: Vec<&str> = words.clone();
                changed[i] = form;
                more.push(changed.join(" "));
            }
        }
        keys.extend(more);
        keys.truncate(MAX_HEAD_KEYS);
    }
    keys
}

/// Where a dotted abbreviation starting at `start` ends (exclusive, after its last dot): two or
/// more single capital letters, each directly followed by a dot, with nothing in between.
fn dotted_abbreviation_end(tokens: &[Token<'_>], start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while let (Some(letter), Some(dot)) = (tokens.get(i), tokens.get(i + 1)) {
        let single_capital = letter.kind == TokenKind::Word
            && letter.text.chars().count() == 1
            && letter.text.chars().all(char::is_uppercase);
        let touching = i == start || tokens[i - 1].span.end == letter.span.start;
        if !(single_capital && touching && dot.text == "." && dot.span.start == letter.span.end) {
            break;
        }
        letters += 1;
        i += 2;
    }
    (letters >= 2).then_some(i)
}

/// The token index ranges of candidate names starting at `start`: words joined by hyphens
/// or spaces, without punctuation between them, longest first.
fn chains(tokens: &[Token<'_>], start: usize, most_words: usize) -> Vec<(usize, usize)> {
    let mut ends = Vec::new();
    let mut words = 0;
    let mut i = start;
    while i < tokens.len() && words < most_words.min(MAX_NAME_WORDS) {
        match tokens[i].kind {
            TokenKind::Word | TokenKind::Number => {
                words += 1;
                ends.push((i + 1, words));
                i += 1;
            }
            TokenKind::Joiner => i += 1,
            TokenKind::Punct => {
                // "Baku–Tbilisi–Ceyhan" with spaced dashes, "S.A." stop here.
                break;
            }
        }
    }
    ends.reverse();
    ends
}

/// Finds every gazetteer name among the tokens for which `usable` is true.
pub fn find_names(
    tokens: &[Token<'_>],
    folded: &[String],
    usable: &dyn Fn(usize) -> bool,
    gazetteer: &Gazetteer,
) -> Vec<NameMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.kind != TokenKind::Word || !usable(i) || !t.is_capitalized() {
            i += 1;
            continue;
        }
        let mut found = None;
        // "Xi'an": two parts joined by an apostrophe with no space around it.
        if let (Some(apostrophe), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2))
            && matches!(apostrophe.text, "'" | "’")
            && apostrophe.span.start == t.span.end
            && next.span.start == apostrophe.span.end
            && next.kind == TokenKind::Word
        {
            let key = format!("{}{}", folded[i], folded[i + 2]);
            let candidates = gazetteer.lookup(&key);
            if !candidates.is_empty() {
                found = Some((i + 3, 1, key, candidates.to_vec()));
            }
        }
        // "U.S.", "U.A.E.": capital letters each followed by a dot, with no space between.
        if found.is_none()
            && let Some(end) = dotted_abbreviation_end(tokens, i)
        {
            let letters: Vec<&str> = (i..end).step_by(2).map(|k| folded[k].as_str()).collect();
            let key = letters.join(" ");
            let candidates = gazetteer.lookup(&key);
            if !candidates.is_empty() && (i..end).all(usable) {
                found = Some((end, letters.len(), key, candidates.to_vec()));
            }
        }
        // No name is longer than the longest one starting with this word (as written or, for
        // a declined adjective, in the nominative).
        let most_words = adjective_base_forms(&folded[i])
            .iter()
            .map(|form| gazetteer.longest_name_from(form))
            .fold(gazetteer.longest_name_from(&folded[i]), usize::max);
        'chains: for (end, words) in chains(tokens, i, most_words) {
            if found.is_some() {
                break;
            }
            if !(i..end).all(usable) {
                continue;
            }
            let parts: Vec<&str> = (i..end)
                .filter(|&k| tokens[k].kind != TokenKind::Joiner)
                .map(|k| folded[k].as_str())
                .collect();
            let key = parts.join(" ");
            let candidates = gazetteer.lookup(&key);
            if !candidates.is_empty() {
                found = Some((end, words, key, candidates.to_vec()));
                break;
            }
            // Inflected words: the last one (a noun's case ending), the ones before it
            // (declined adjectives: Транскаспийского газопровода, Europäischen Kommission).
            let last = parts.last().copied().unwrap_or("");
            let lasts: Vec<String> = std::iter::once(last.to_string())
                .chain(base_forms(last))
                .collect();
            for (h, head) in head_keys(&parts[..parts.len() - 1]).iter().enumerate() {
                for (l, last) in lasts.iter().enumerate() {
                    if h == 0 && l == 0 {
                        continue; // the chain as written, looked up above
                    }
                    let key = if head.is_empty() {
                        last.clone()
                    } else {
                        format!("{head} {last}")
                    };
                    let candidates = gazetteer.lookup(&key);
                    if !candidates.is_empty() {
                        found = Some((end, words, key, candidates.to_vec()));
                        break 'chains;
                    }
                }
            }
        }
        match found {
            Some((end, words, key, candidates)) => {
                out.push(NameMention {
                    span: Span::new(t.span.start, tokens[end - 1].span.end),
                    tokens: i..end,
                    candidates,
                    key,
                    words,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_endings_lead_back_to_the_nominative() {
        assert!(base_forms("анкаре").contains(&"анкара".to_string()));
        assert!(base_forms("ашхабаде").contains(&"ашхабад".to_string()));
        assert!(base_forms("турции").contains(&"турция".to_string()));
        assert!(base_forms("китаем").contains(&"китай".to_string()));
        assert!(base_forms("казмунайгазом").contains(&"казмунайгаз".to_string()));
        assert!(base_forms("москвы").contains(&"москва".to_string()));
        assert!(base_forms("астанада").contains(&"астана".to_string()));
        assert!(base_forms("туркименстаннын").contains(&"туркименстан".to_string()));
        assert!(base_forms("kasachstans").contains(&"kasachstan".to_string()));
        assert!(base_forms("баку").is_empty() || !base_forms("баку").contains(&"баку".to_string()));
    }

    #[test]
    fn dotted_abbreviations_are_one_name() {
        use crate::text::tokens::tokenize;
        let end_of = |text: &str, start: usize| dotted_abbreviation_end(&tokenize(text), start);
        // "the U.S. State": tokens the, U, ., S, ., State
        assert_eq!(end_of("the U.S. State", 1), Some(5));
        assert_eq!(end_of("U.A.E. gas", 0), Some(6));
        // A spaced initial, a lone initial, lower case: not abbreviations.
        assert_eq!(end_of("J. K. Rowling", 0), None);
        assert_eq!(end_of("Mr. K. said", 2), None);
        assert_eq!(end_of("u.s. gas", 0), None);

        let gazetteer = Gazetteer::bundled();
        let text = "The U.S. State Department warned.";
        let tokens = tokenize(text);
        let folded: Vec<String> = tokens
            .iter()
            .map(|t| crate::text::fold::fold_word(t.text))
            .collect();
        let names = find_names(&tokens, &folded, &|_| true, gazetteer);
        let us = names
            .iter()
            .find(|n| &text[n.span.start..n.span.end] == "U.S.")
            .expect("U.S. is found");
        assert!(
            us.candidates
                .iter()
                .any(|e| matches!(e, Entity::Country(c) if gazetteer.country(*c).code == "US"))
        );
    }

    #[test]
    fn declined_adjectives_before_the_noun_are_put_back_in_the_nominative() {
        let keys = head_keys(&["транскаспийского"]);
        assert_eq!(keys[0], "транскаспийского");
        assert!(keys.contains(&"транскаспийский".to_string()), "{keys:?}");
        let keys = head_keys(&["южно", "кавказскому"]);
        assert!(keys.contains(&"южно кавказский".to_string()), "{keys:?}");
        assert!(head_keys(&["europaischen"]).contains(&"europaische".to_string()));
        // Nothing to decline: just the words as written.
        assert_eq!(head_keys(&["asian", "development"]), ["asian development"]);
        assert_eq!(head_keys(&[]), [""]);
    }

    #[test]
    fn russian_place_adjectives_lead_back_to_the_place() {
        for (adjective, place) in [
            ("тенгизского", "тенгиз"),
            ("сангачальского", "сангачал"),
            ("карачаганакском", "карачаганак"),
            ("карагандинской", "караганда"),
            ("ашхабадские", "ашхабад"),
        ] {
            assert!(
                base_forms(adjective).contains(&place.to_string()),
                "{adjective}: {:?}",
                base_forms(adjective)
            );
        }
        // Short stems are not guessed at.
        assert!(!base_forms("уской").contains(&"у".to_string()));
        assert!(base_forms("азский").iter().all(|b| b.chars().count() >= 3));
    }
}
