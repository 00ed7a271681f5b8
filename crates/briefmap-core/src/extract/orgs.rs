//! Organisations the gazetteer does not list by name: ministries by pattern in each language
//! ("Kazakhstan's Ministry of Energy", "Министерство энергетики … Турции", "Enerji ve Tabii
//! Kaynaklar Bakanlığı"), companies introduced by a legal form or cue word (АО «Самрук-Энерго»,
//! "X Petroleum Corporation"), and misspelt known names beside such a cue ("la société … Rostom").

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::gazetteer::{Entity, Gazetteer};
use crate::lexicon::{self, MinistryHead as Head};
use crate::model::{OrgKind, Span};
use crate::text::fold::fold;
use crate::text::tokens::{Token, TokenKind, tokenize};

/// An organisation found by pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgFound {
    pub name: String,
    pub span: Span,
    pub tokens: Range<usize>,
    /// Index into the gazetteer's organisations when the pattern named a known one.
    pub known: Option<u32>,
    /// What the pattern says it is (a known one's kind comes from the gazetteer).
    pub kind: OrgKind,
    pub country: Option<String>,
}

fn domain_of(word: &str) -> Option<&'static str> {
    lexicon::all_of(|l| l.organizations.ministry_subjects)
        .filter(|(stem, _)| !stem.contains(' '))
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, d)| *d)
}

#[cfg(test)]
fn ministry_head(word: &str) -> Option<Head> {
    lexicon::all_of(|l| l.organizations.ministry_heads)
        .find(|(form, _, how)| how.matches(form, word))
        .map(|&(_, head, _)| head)
}

fn is_connector(word: &str) -> bool {
    lexicon::any_has(|l| l.organizations.connectors, word)
}

/// Words that end a ministry's subject phrase.
fn is_boundary(token: &Token<'_>) -> bool {
    token.kind == TokenKind::Punct && !matches!(token.text, "'" | "’")
}

pub struct OrgInput<'a, 't> {
    pub text: &'a str,
    pub tokens: &'t [Token<'a>],
    pub folded: &'t [String],
    pub usable: &'t dyn Fn(usize) -> bool,
    /// Tokens of the story, used by earlier stages or not (a subsidiary's legal name takes in
    /// the known names inside it: "Shell Kazakhstan Development B.V.").
    pub story: &'t dyn Fn(usize) -> bool,
    pub gazetteer: &'a Gazetteer,
    /// Countries named in the text: (token index, alpha-2).
    pub country_at: &'t dyn Fn(usize) -> Option<String>,
}

/// Finds ministries, governments, embassies, companies by legal form or cue word, names
/// ending (or opening) with a head noun, outlets named like web addresses, misspelt known
/// organisations, and the acronyms defined for any of them.
pub fn find_orgs(input: &OrgInput<'_, '_>) -> Vec<OrgFound> {
    let mut out = Vec::new();
    let tokens = input.tokens;
    let mut i = 0;
    while i < tokens.len() {
        if (input.story)(i)
            && tokens[i].kind == TokenKind::Word
            && let Some(found) = legal_form_org_at(input, i)
        {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if !(input.usable)(i) || tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        if let Some(found) = government_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = embassy_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = ministry_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = quoted_company_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = headed_org_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = outlet_domain_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        if let Some(found) = misspelt_known_at(input, i) {
            i = found.tokens.end;
            out.push(found);
            continue;
        }
        i += 1;
    }
    out
}

/// A ministry: "Ministry of Energy", "Energy Ministry", "Энергетика министрлігі",
/// "Energieministerium", "Минэнерго РК" (each head word tried in the orders it is used in).
fn ministry_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let word = input.folded[i].as_str();
    if let Some(subject) = lexicon::all_of(|l| l.organizations.ministry_abbreviations)
        .find(|(short, _)| *short == word)
        .map(|(_, subject)| *subject)
    {
        let country =
            (input.country_at)(i + 1).or_else(|| i.checked_sub(1).and_then(input.country_at));
        return Some(ministry_named(input, vec![subject], country, i, i + 1));
    }
    lexicon::all_of(|l| l.organizations.ministry_heads)
        .filter(|(form, _, how)| how.matches(form, word))
        .find_map(|&(_, head, _)| ministry_with(input, i, head))
}

fn ministry_with(input: &OrgInput<'_, '_>, i: usize, head: Head) -> Option<OrgFound> {
    let (tokens, folded) = (input.tokens, input.folded);
    let mut domains: Vec<&'static str> = Vec::new();
    let mut country: Option<String> = None;
    let mut start = i;
    let mut end = i + 1;
    let add_domain = |d: &'static str, domains: &mut Vec<&'static str>| {
        if !domains.contains(&d) {
            domains.push(d);
        }
    };
    match head {
        Head::Before => {
            let mut k = i + 1;
            let mut steps = 0;
            while k < tokens.len() && steps < 10 {
                let t = &tokens[k];
                if is_boundary(t) && !matches!(t.text, "'" | "’") {
                    break;
                }
                if t.kind == TokenKind::Word {
                    let w = folded[k].as_str();
                    if let Some(code) = (input.country_at)(k) {
                        country = Some(code);
                        end = k + 1;
                        // "le ministère turkmène de l'Énergie": the subject may follow.
                        if domains.is_empty() {
                            k += 1;
                            steps += 1;
                            continue;
                        }
                        break;
                    }
                    if let Some(d) = domain_of(w) {
                        add_domain(d, &mut domains);
                        end = k + 1;
                    } else if lexicon::all_of(|l| l.organizations.republic_words)
                        .any(|r| w.starts_with(r))
                    {
                        end = k + 1;
                    } else if !is_connector(w) {
                        break;
                    }
                }
                k += 1;
                steps += 1;
            }
        }
        Head::After => {
            let mut k = i;
            let mut steps = 0;
            while k > 0 && steps < 6 {
                k -= 1;
                steps += 1;
                let t = &tokens[k];
                if is_boundary(t) {
                    break;
                }
                let w = folded[k].as_str();
                if let Some(d) = domain_of(w) {
                    add_domain(d, &mut domains);
                    start = k;
                } else if !is_connector(w) {
                    break;
                }
            }
            domains.reverse();
        }
        Head::Compound => {
            let subject = folded[i].trim_end_matches("ministerium");
            if let Some(d) = domain_of(subject) {
                add_domain(d, &mut domains);
            }
        }
    }
    if domains.is_empty() {
        return None;
    }
    // A country just before: "Kazakhstan's Ministry of Energy", "Kazakh Energy Ministry",
    // "turkmenischen Energieministerium".
    if country.is_none() {
        let mut k = start;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            if let Some(code) = (input.country_at)(k) {
                country = Some(code);
                break;
            }
            let adjective = input.gazetteer.adjective(&folded[k]);
            if let [code] = adjective.as_slice() {
                country = Some(code.to_string());
                break;
            }
            if tokens[k].kind == TokenKind::Word
                && !lexicon::any_has(|l| l.organizations.articles, &folded[k])
            {
                break;
            }
        }
    }
    Some(ministry_named(input, domains, country, start, end))
}

/// The ministry of `domains` (of `country`), as the gazetteer names it if it knows it.
fn ministry_named(
    input: &OrgInput<'_, '_>,
    domains: Vec<&'static str>,
    country: Option<String>,
    start: usize,
    end: usize,
) -> OrgFound {
    let tokens = input.tokens;
    let country_name = country
        .as_deref()
        .and_then(|c| input.gazetteer.country_name(c))
        .map(str::to_string);
    let mut name = format!("Ministry of {}", domains.join(" and "));
    if let Some(country_name) = &country_name {
        name.push_str(" of ");
        name.push_str(country_name);
    }
    let known = known_org(input.gazetteer, &name);
    let name = known
        .map(|k| input.gazetteer.organizations[k as usize].name.clone())
        .unwrap_or(name);
    OrgFound {
        name,
        span: Span::new(tokens[start].span.start, tokens[end - 1].span.end),
        tokens: start..end,
        known,
        kind: OrgKind::State,
        country,
    }
}

/// The number of tokens of a legal form starting at `k` ("B.V." is four tokens), if one
/// starts there.
fn legal_form_len(tokens: &[Token<'_>], k: usize) -> Option<usize> {
    // A legal form is written with capitals ("SE", "Ltd", "B.V."): "se" is a pronoun.
    if !tokens.get(k)?.text.chars().any(char::is_uppercase) {
        return None;
    }
    /// The forms, the words they can start with and the most tokens one spans.
    struct Forms {
        all: HashSet<&'static str>,
        first_tokens: HashSet<String>,
        most_tokens: usize,
    }
    static FORMS: OnceLock<Forms> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let all: HashSet<&'static str> = lexicon::all_of(|l| l.organizations.legal_forms)
            .chain(lexicon::all_of(|l| l.organizations.legal_words))
            .copied()
            .collect();
        let tokenized: Vec<Vec<Token<'_>>> = all.iter().map(|f| tokenize(f)).collect();
        Forms {
            first_tokens: tokenized
                .iter()
                .filter_map(|t| t.first().map(|t| t.text.to_lowercase()))
                .collect(),
            most_tokens: tokenized.iter().map(Vec::len).max().unwrap_or(0),
            all,
        }
    });
    if !forms
        .first_tokens
        .contains(&tokens.get(k)?.text.to_lowercase())
    {
        return None;
    }
    let mut best = None;
    let mut text = String::new();
    for n in 1..=forms.most_tokens {
        let Some(t) = tokens.get(k + n - 1) else {
            break;
        };
        if n > 1 && t.span.start > tokens[k + n - 2].span.end {
            text.push(' ');
        }
        text.push_str(&t.text.to_lowercase());
        if forms.all.contains(text.as_str()) {
            best = Some(n);
        }
    }
    best
}

/// A word that may stand inside a company's legal name: capitalised, or a short all-caps or
/// digit-led part ("KMG Kashagan B.V.", "Agip Caspian Sea B.V.").
fn name_part(token: &Token<'_>) -> bool {
    token.kind == TokenKind::Word && token.is_capitalized()
        || token.kind == TokenKind::Number && token.text.len() <= 4
}

/// "Karachaganak Petroleum Operating B.V.", "Shell Kazakhstan Development B.V.", "Boru
/// Hatları ile Petrol Taşıma AŞ": capitalised words ending with a legal form. Known names
/// inside are taken in: the subsidiary's legal name wins over its parent's.
fn legal_form_org_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let tokens = input.tokens;
    if !name_part(&tokens[i]) || legal_form_len(tokens, i).is_some() {
        return None;
    }
    let mut last_word = i;
    let mut k = i + 1;
    let mut words = 1;
    while k < tokens.len() && words <= 8 && (input.story)(k) {
        if let Some(n) = legal_form_len(tokens, k) {
            let end = k + n;
            let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
            let full = span.slice(input.text).to_string();
            let bare = Span::new(tokens[i].span.start, tokens[last_word].span.end)
                .slice(input.text)
                .to_string();
            // The name as used in running text: "Karachaganak Petroleum Operating" for
            // "… B.V.", but "India Ports Global Limited" and "Duisburger Hafen AG" whole.
            let form = Span::new(tokens[k].span.start, tokens[end - 1].span.end)
                .slice(input.text)
                .to_lowercase();
            let kept = lexicon::any_has(|l| l.organizations.legal_words, &form);
            let surface = if kept { full.clone() } else { bare.clone() };
            let known = known_org(input.gazetteer, &full).or_else(|| {
                // A known name with the legal form it is known by ("LukArco B.V." is LukArco).
                (last_word == i)
                    .then(|| known_org(input.gazetteer, &bare))
                    .flatten()
            });
            return Some(OrgFound {
                name: known
                    .map(|k| input.gazetteer.organizations[k as usize].name.clone())
                    .unwrap_or(surface),
                span,
                tokens: i..end,
                known,
                kind: known.map_or(OrgKind::Company, |k| {
                    OrgKind::from_table(&input.gazetteer.organizations[k as usize].kind)
                }),
                country: None,
            });
        }
        let t = &tokens[k];
        if name_part(t) {
            last_word = k;
            words += 1;
        } else if !(t.kind == TokenKind::Joiner
            || t.text == "&"
            || t.kind == TokenKind::Word
                && lexicon::any_has(|l| l.organizations.name_connectors, &input.folded[k])
                && !lexicon::any_has(
                    |l| l.organizations.connectors_between_names,
                    &input.folded[k],
                )
                && tokens.get(k + 1).is_some_and(name_part))
        {
            return None;
        }
        k += 1;
    }
    None
}

/// The country a word next to `i` names ("the Kazakh government", "правительство
/// Узбекистана", "le gouvernement kazakh"), looking one or two words before and after.
fn country_beside(input: &OrgInput<'_, '_>, i: usize) -> Option<(String, usize)> {
    let skip = |k: usize| {
        input.tokens[k].kind != TokenKind::Word
            || lexicon::any_has(|l| l.organizations.articles, &input.folded[k])
            || lexicon::any_has(|l| l.organizations.connectors, &input.folded[k])
    };
    let mut k = i;
    for _ in 0..3 {
        if k == 0 {
            break;
        }
        k -= 1;
        if let Some(code) = (input.country_at)(k) {
            return Some((code, k));
        }
        if !skip(k) {
            break;
        }
    }
    for k in (i + 1..input.tokens.len()).take(3) {
        if let Some(code) = (input.country_at)(k) {
            return Some((code, k));
        }
        if !skip(k) {
            break;
        }
    }
    None
}

/// An organisation named after a country: "<prefix> <country name>", over the tokens from the
/// head word to the country word.
fn national_body(
    input: &OrgInput<'_, '_>,
    i: usize,
    prefix: &str,
    kind: OrgKind,
) -> Option<OrgFound> {
    let (code, at) = country_beside(input, i)?;
    let country_name = input.gazetteer.country_name(&code)?;
    let the = if matches!(
        code.as_str(),
        "US" | "GB" | "AE" | "NL" | "PH" | "CZ" | "CF" | "DO" | "KM" | "MV"
    ) {
        "the "
    } else {
        ""
    };
    let name = format!("{prefix} of {the}{country_name}");
    let known = known_org(input.gazetteer, &name);
    let (start, end) = (i.min(at), i.max(at) + 1);
    Some(OrgFound {
        name: known
            .map(|k| input.gazetteer.organizations[k as usize].name.clone())
            .unwrap_or(name),
        span: Span::new(
            input.tokens[start].span.start,
            input.tokens[end - 1].span.end,
        ),
        tokens: start..end,
        known,
        kind,
        country: Some(code),
    })
}

/// "the Kazakh government", "le gouvernement kazakh", "правительство Узбекистана",
/// "die kasachische Regierung", "Türkiye hükümeti" → Government of <country>.
fn government_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let word = input.folded[i].as_str();
    lexicon::all_of(|l| l.organizations.government_words)
        .any(|(form, how)| how.matches(form, word))
        .then(|| national_body(input, i, "Government", OrgKind::State))
        .flatten()
}

/// "the US Embassy in Kazakhstan", "l'ambassade de France", "посольство США" → Embassy of
/// <country> (in <host country>).
fn embassy_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let word = input.folded[i].as_str();
    if !lexicon::all_of(|l| l.organizations.embassy_words)
        .any(|(form, how)| how.matches(form, word))
    {
        return None;
    }
    let mut found = national_body(input, i, "Embassy", OrgKind::State)?;
    let k = found.tokens.end;
    if input
        .folded
        .get(k)
        .is_some_and(|w| lexicon::any_has(|l| l.places.locative_prepositions, w))
        && let Some(host) = (input.country_at)(k + 1)
        && Some(&host) != found.country.as_ref()
        && let Some(host_name) = input.gazetteer.country_name(&host)
        && found.known.is_none()
    {
        found.name = format!("{} in {host_name}", found.name);
        found.tokens.end = k + 2;
        found.span.end = input.tokens[k + 1].span.end;
    }
    Some(found)
}

/// An acronym in brackets right after tokens `end` ("… Corporation (TPAO)"): its text and the
/// tokens of the brackets.
pub fn acronym_after(tokens: &[Token<'_>], end: usize) -> Option<(String, Range<usize>)> {
    let (open, word, close) = (tokens.get(end)?, tokens.get(end + 1)?, tokens.get(end + 2)?);
    let acronym = word.text;
    let n = acronym.chars().count();
    (open.text == "("
        && close.text == ")"
        && word.kind == TokenKind::Word
        && (2..=8).contains(&n)
        && acronym.chars().filter(|c| c.is_uppercase()).count() * 2 > n)
        .then(|| (acronym.to_string(), end..end + 3))
}

/// Gives a ministry named without its country ("le ministère de l'Énergie") the brief's main
/// country.
pub fn settle_ministry_country(org: &mut OrgFound, code: &str, gazetteer: &Gazetteer) {
    if org.known.is_some() || org.country.is_some() || !org.name.starts_with("Ministry of ") {
        return;
    }
    let Some(country_name) = gazetteer.country_name(code) else {
        return;
    };
    let name = format!("{} of {country_name}", org.name);
    org.known = known_org(gazetteer, &name);
    org.name = org
        .known
        .map(|k| gazetteer.organizations[k as usize].name.clone())
        .unwrap_or(name);
    org.country = Some(code.to_string());
}

fn known_org(gazetteer: &Gazetteer, name: &str) -> Option<u32> {
    gazetteer.lookup(&fold(name)).iter().find_map(|e| match e {
        Entity::Org(k) => Some(*k),
        _ => None,
    })
}

/// «Самрук-Энерго» after АО / компания / société…
fn quoted_company_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let (tokens, folded) = (input.tokens, input.folded);
    let is_cue = |w: &str| lexicon::any_has(|l| l.organizations.company_cues, w);
    if !is_cue(&folded[i]) {
        return None;
    }
    // Skip further cue words ("АО НК «КазМунайГаз»").
    let mut k = i + 1;
    while k < tokens.len() && tokens[k].kind == TokenKind::Word && is_cue(&folded[k]) {
        k += 1;
    }
    let open = tokens.get(k)?;
    if !matches!(open.text, "«" | "\"" | "“" | "„") {
        return None;
    }
    let close_chars = ["»", "\"", "”", "“"];
    let mut end = k + 1;
    while end < tokens.len() && end < k + 8 && !close_chars.contains(&tokens[end].text) {
        if tokens[end].kind == TokenKind::Punct && tokens[end].text != "-" {
            return None;
        }
        end += 1;
    }
    if end >= tokens.len() || end == k + 1 || !close_chars.contains(&tokens[end].text) {
        return None;
    }
    if !(k + 1..end).all(|t| (input.usable)(t)) {
        return None;
    }
    let inner = Span::new(tokens[k + 1].span.start, tokens[end - 1].span.end);
    let surface = inner.slice(input.text).to_string();
    if !surface.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let known = known_org(input.gazetteer, &surface).or_else(|| {
        crate::extract::names::base_forms(&fold(&surface))
            .iter()
            .find_map(|b| known_org(input.gazetteer, b))
    });
    let name = known
        .map(|k| input.gazetteer.organizations[k as usize].name.clone())
        .unwrap_or(surface);
    Some(OrgFound {
        name,
        span: inner,
        tokens: k + 1..end,
        known,
        kind: OrgKind::Company,
        country: None,
    })
}

/// "European Investment Bank", "Saudi Fund for Development", "Pakistan Railways",
/// "Xi'an International Inland Port Group": capitalised words ending with a head noun.
fn headed_org_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let (tokens, folded) = (input.tokens, input.folded);
    if !tokens[i].is_capitalized()
        || input.gazetteer.is_stopword(&folded[i], None) && !tokens[i].is_all_caps()
    {
        return None;
    }
    let mut words = vec![i];
    let mut k = i + 1;
    while k < tokens.len() && words.len() < 7 {
        let t = &tokens[k];
        if !(input.usable)(k) {
            break;
        }
        if t.kind == TokenKind::Word && t.is_capitalized() {
            words.push(k);
            k += 1;
        } else if t.kind == TokenKind::Joiner
            || matches!(t.text, "'" | "’" | "&")
            || t.kind == TokenKind::Word
                && lexicon::any_has(|l| l.organizations.name_connectors, &folded[k])
                && tokens.get(k + 1).is_some_and(|n| n.is_capitalized())
        {
            k += 1;
        } else {
            break;
        }
    }
    // The longest run whose last word is a head noun; at least two words.
    let head_kind = |w: usize| {
        lexicon::all_of(|l| l.organizations.heads)
            .find(|(head, _)| *head == folded[w])
            .map(|(_, kind)| *kind)
    };
    let last = words.iter().rposition(|&w| head_kind(w).is_some())?;
    let kind = head_kind(words[last]).unwrap_or_default();
    if last == 0 {
        return None;
    }
    let end = words[last] + 1;
    // Common nouns in capitals ("Natural Gas", "Green Energy") are not a name.
    const GENERIC: &[&str] = &[
        "natural",
        "gas",
        "oil",
        "energy",
        "power",
        "petroleum",
        "green",
        "renewable",
        "nuclear",
        "state",
        "national",
        "new",
        "central",
        "international",
        "the",
        "solar",
        "wind",
        "clean",
    ];
    // Nor is a country's adjective before one ("Kyrgyz Energy", "Kazakh Oil").
    if words[..=last].iter().all(|&w| {
        GENERIC.contains(&folded[w].as_str()) || !input.gazetteer.adjective(&folded[w]).is_empty()
    }) {
        return None;
    }
    let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
    let surface = span.slice(input.text).to_string();
    let known = known_org(input.gazetteer, &surface);
    Some(OrgFound {
        name: known
            .map(|k| input.gazetteer.organizations[k as usize].name.clone())
            .unwrap_or(surface),
        span,
        tokens: i..end,
        known,
        kind,
        country: None,
    })
}

/// Top-level domains of the region's outlets and the big ones ("Kapital.kz", "Gazeta.uz").
const OUTLET_DOMAINS: &[&str] = &[
    "kz", "uz", "az", "kg", "tj", "tm", "ru", "tr", "ge", "am", "ua", "by", "cn", "ir", "de", "fr",
    "com", "net", "org", "info", "media", "news",
];

/// An outlet named like a web address ("Gazeta.uz", "Report.az", "ntv.de"), not part of a
/// longer address ("www.gov.kz", "mail@kmg.kz").
fn outlet_domain_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let tokens = input.tokens;
    let (name, dot, tld) = (&tokens[i], tokens.get(i + 1)?, tokens.get(i + 2)?);
    let adjacent = name.span.end == dot.span.start && dot.span.end == tld.span.start;
    if !adjacent
        || dot.text != "."
        || tld.kind != TokenKind::Word
        || !OUTLET_DOMAINS.contains(&input.folded[i + 2].as_str())
        || name.text.chars().count() < 2
    {
        return None;
    }
    let before = i.checked_sub(1).map(|k| &tokens[k]);
    let after = tokens.get(i + 3);
    let in_address = before
        .is_some_and(|b| b.span.end == name.span.start && matches!(b.text, "." | "/" | "@" | ":"))
        || after.is_some_and(|a| {
            a.span.start == tld.span.end
                && matches!(a.text, "." | "/" | "@")
                && tokens
                    .get(i + 4)
                    .is_some_and(|n| n.span.start == a.span.end && n.kind == TokenKind::Word)
        })
        || input.folded[i] == "www";
    if in_address || !(i..i + 3).all(|k| (input.usable)(k)) {
        return None;
    }
    let span = Span::new(name.span.start, tld.span.end);
    let surface = span.slice(input.text).to_string();
    // "сообщает Газеты.uz": an inflected name part.
    let known = known_org(input.gazetteer, &surface).or_else(|| {
        crate::extract::names::base_forms(&input.folded[i])
            .iter()
            .find_map(|base| known_org(input.gazetteer, &format!("{base} {}", input.folded[i + 2])))
    });
    Some(OrgFound {
        name: known
            .map(|k| input.gazetteer.organizations[k as usize].name.clone())
            .unwrap_or(surface),
        span,
        tokens: i..i + 3,
        known,
        kind: OrgKind::Media,
        country: None,
    })
}

/// A capitalised word one edit away from a known single-word organisation name, right after a
/// cue ("la société nucléaire russe Rostom" → Rosatom).
fn misspelt_known_at(input: &OrgInput<'_, '_>, i: usize) -> Option<OrgFound> {
    let (tokens, folded) = (input.tokens, input.folded);
    let t = &tokens[i];
    let word = folded[i].as_str();
    if !t.is_capitalized() || word.chars().count() < 6 || !input.gazetteer.lookup(word).is_empty() {
        return None;
    }
    // A cue word, or a country adjective just before ("le russe Rosatam").
    let cue_before = (i.saturating_sub(4)..i)
        .any(|k| lexicon::any_has(|l| l.organizations.context, &folded[k]))
        || (i > 0 && !input.gazetteer.adjective(&folded[i - 1]).is_empty());
    if !cue_before {
        return None;
    }
    let org = input.gazetteer.fuzzy_org(word)?;
    Some(OrgFound {
        name: input.gazetteer.organizations[org as usize].name.clone(),
        span: t.span,
        tokens: i..i + 1,
        known: Some(org),
        kind: OrgKind::from_table(&input.gazetteer.organizations[org as usize].kind),
        country: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_brief;
    use crate::model::Publication;

    fn orgs_of(text: &str) -> Vec<(String, OrgKind)> {
        let brief = extract_brief(
            "t.txt".into(),
            text,
            &Publication::default(),
            Gazetteer::bundled(),
        );
        brief
            .organizations
            .iter()
            .map(|o| (o.name.clone(), o.kind))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        orgs_of(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn ministry_subjects_translate() {
        assert_eq!(domain_of("zzz"), None);
        assert_eq!(domain_of("энергетики"), Some("Energy"));
        assert_eq!(domain_of("energie"), Some("Energy"));
        assert_eq!(ministry_head("министерства"), Some(Head::Before));
        assert_eq!(ministry_head("bakanligi"), Some(Head::After));
        assert_eq!(ministry_head("energieministerium"), Some(Head::Compound));
        assert_eq!(ministry_head("minister"), None);
    }

    #[test]
    fn ministries_in_every_word_order() {
        let want = "Ministry of Energy of Kazakhstan";
        for text in [
            "Kazakhstan's Energy Ministry said exports grew.",
            "The Ministry of Energy of Kazakhstan said exports grew.",
            "Selon le ministère kazakh de l'Énergie, les exportations ont augmenté.",
            "Как сообщили в Минэнерго РК, экспорт вырос.",
        ] {
            let found = names(text);
            assert!(
                found
                    .iter()
                    .any(|n| n == want || n.starts_with("Ministry of Energy")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn companies_by_legal_form_take_in_the_names_inside() {
        let found = orgs_of(
            "Shell Kazakhstan Exploration B.V. and Inpex North Caspian Sea Ltd. filed the claim.",
        );
        let got: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(got.contains(&"Shell Kazakhstan Exploration"), "{got:?}");
        assert!(got.contains(&"Inpex North Caspian Sea"), "{got:?}");
        assert!(!got.contains(&"Shell"), "the parent is not named: {got:?}");
        assert!(found.iter().all(|(_, k)| *k == OrgKind::Company));
        // "Limited" stays in the name, "and" joins two companies, not one.
        let found = names("Aral Ports Global Limited runs the port.");
        assert!(
            found.contains(&"Aral Ports Global Limited".to_string()),
            "{found:?}"
        );
        let found = names("Lukoil and Rosneft PJSC were sanctioned.");
        assert!(!found.iter().any(|n| n.contains(" and ")), "{found:?}");
        // A pronoun is no legal form.
        let found = names("Poutine et Kassym-Jomart Tokayev se sont concentrés sur le gaz.");
        assert!(!found.iter().any(|n| n.ends_with(" se")), "{found:?}");
    }

    #[test]
    fn acronyms_defined_in_brackets_name_their_organisation() {
        let found = orgs_of(
            "The Office of Pipeline Safety Control (OPSC) listed the firm. OPSC said more may follow.",
        );
        assert_eq!(
            found
                .iter()
                .filter(|(n, _)| n == "Office of Pipeline Safety Control")
                .count(),
            1,
            "{found:?}"
        );
        // A project is no organisation, whatever its acronym.
        let found = names("The Future Growth Project (FGP) started production.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn governments_and_embassies_are_named_after_their_country() {
        let want = "Government of Kazakhstan";
        for text in [
            "The Kazakh government approved the plan.",
            "Le gouvernement kazakh a approuvé le plan.",
            "Правительство Казахстана одобрило план.",
        ] {
            let found = orgs_of(text);
            assert!(
                found.iter().any(|(n, k)| n == want && *k == OrgKind::State),
                "{text}: {found:?}"
            );
        }
        let found = names("The US Embassy in Kazakhstan welcomed the news.");
        assert!(
            found.contains(&"Embassy of the United States in Kazakhstan".to_string()),
            "{found:?}"
        );
    }
}
