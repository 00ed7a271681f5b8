//! Lookup tables over lexicon lists, built once: a word's first matching form (whole word,
//! stem or ending) in a few hash lookups instead of a scan of every form of every language.

use std::collections::HashMap;

use super::Match;

/// The forms of one list (across lexicons, in order) with what each stands for; a lookup
/// answers what a scan in list order would: the first form that matches.
pub struct FormIndex<T: Copy> {
    words: HashMap<&'static str, (usize, T)>,
    prefixes: HashMap<&'static str, (usize, T)>,
    suffixes: HashMap<&'static str, (usize, T)>,
    /// The longest stem and ending, in bytes: no longer part of a word is looked up.
    longest_prefix: usize,
    longest_suffix: usize,
}

impl<T: Copy> FormIndex<T> {
    pub fn new(forms: impl IntoIterator<Item = (&'static str, T, Match)>) -> Self {
        let mut index = FormIndex {
            words: HashMap::new(),
            prefixes: HashMap::new(),
            suffixes: HashMap::new(),
            longest_prefix: 0,
            longest_suffix: 0,
        };
        for (order, (form, value, how)) in forms.into_iter().enumerate() {
            let table = match how {
                Match::Word => &mut index.words,
                Match::Prefix => {
                    index.longest_prefix = index.longest_prefix.max(form.len());
                    &mut index.prefixes
                }
                Match::Suffix => {
                    index.longest_suffix = index.longest_suffix.max(form.len());
                    &mut index.suffixes
                }
            };
            table.entry(form).or_insert((order, value));
        }
        index
    }

    /// What the first form matching `word` stands for.
    pub fn find(&self, word: &str) -> Option<T> {
        let mut best: Option<(usize, T)> = self.words.get(word).copied();
        let mut consider = |hit: Option<&(usize, T)>| {
            if let Some(&(order, value)) = hit
                && best.is_none_or(|(b, _)| order < b)
            {
                best = Some((order, value));
            }
        };
        for (end, c) in word.char_indices() {
            let end = end + c.len_utf8();
            if end > self.longest_prefix {
                break;
            }
            consider(self.prefixes.get(&word[..end]));
        }
        // A suffix form matches only a longer word.
        for (start, _) in word.char_indices().rev() {
            if start == 0 || word.len() - start > self.longest_suffix {
                break;
            }
            consider(self.suffixes.get(&word[start..]));
        }
        best.map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_form_wins_as_in_a_scan() {
        let forms = [
            ("встреч", 1, Match::Prefix),
            ("встреча", 2, Match::Word),
            ("ministerium", 3, Match::Suffix),
            ("vote", 4, Match::Word),
            ("vot", 5, Match::Prefix),
        ];
        let index = FormIndex::new(forms);
        let scan = |word: &str| {
            forms
                .iter()
                .find(|(f, _, how)| how.matches(f, word))
                .map(|(_, v, _)| *v)
        };
        for word in [
            "встреча",
            "встречи",
            "встре",
            "energieministerium",
            "ministerium",
            "vote",
            "voter",
            "",
            "x",
        ] {
            assert_eq!(index.find(word), scan(word), "{word}");
        }
    }
}
