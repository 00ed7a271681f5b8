//! The outlet a brief credits, for a brief whose sidecar names none: the outlet in its
//! dateline ("MOSCOW, Feb 18 (Reuters) -", "АСТАНА. /Интерфакс-Казахстан/."), one credited
//! beside its name ("Trend reports", "selon l'AFP", "передает DKNews.kz", "wie dpa
//! berichtet"), the outlet of a source line in the page furniture ("Источник: dknews.kz"), or
//! else the first outlet the story names.

use crate::gazetteer::Entity;
use crate::lexicon;
use crate::model::{OrgKind, Organization};
use crate::text::fold::fold;
use crate::text::furniture::FurnitureKind;
use crate::text::tokens::TokenKind;

use super::document::Document;

/// Tokens on either side of an outlet's name where a credit word may stand.
const CREDIT_REACH: usize = 3;

impl Document<'_> {
    /// The brief's source as the text credits it, if it names an outlet.
    pub(super) fn credited_source(&self, organizations: &[Organization]) -> Option<String> {
        let outlets: Vec<&Organization> = organizations
            .iter()
            .filter(|o| o.kind == OrgKind::Media)
            .collect();
        let in_dateline = self.dateline_span().and_then(|d| {
            outlets
                .iter()
                .find(|o| o.mentions.iter().any(|m| d.contains(*m)))
        });
        let credited = || {
            outlets.iter().find(|o| {
                o.mentions.iter().any(|m| {
                    let at = self.token_at(m.start);
                    let end = self.token_at(m.end);
                    let near = at.saturating_sub(CREDIT_REACH)
                        ..(end + CREDIT_REACH).min(self.tokens.len());
                    near.into_iter().any(|k| {
                        self.tokens[k].kind == TokenKind::Word
                            && lexicon::any_has(|l| l.organizations.media_credits, &self.folded[k])
                    })
                })
            })
        };
        if let Some(o) = in_dateline.or_else(credited) {
            return Some(o.name.clone());
        }
        if let Some(name) = self.source_line() {
            return Some(name);
        }
        outlets
            .iter()
            .min_by_key(|o| o.mentions.first().map(|m| m.start))
            .map(|o| o.name.clone())
    }

    /// The outlet a furniture source line names ("Источник: dknews.kz", "Source: Trend").
    fn source_line(&self) -> Option<String> {
        let (span, _) = self
            .layout
            .furniture
            .iter()
            .find(|(_, kind)| *kind == FurnitureKind::Source)?;
        let line = span.slice(self.text);
        let named = line
            .split_once([':', '—', '–', '|'])
            .map_or(line, |(_, rest)| rest)
            .trim()
            .trim_end_matches('.');
        if named.is_empty() || named.chars().count() > 60 {
            return None;
        }
        let g = self.gazetteer;
        let known = g.lookup(&fold(named)).iter().find_map(|e| match e {
            Entity::Org(k) if g.organizations[*k as usize].kind == "media" => {
                Some(g.organizations[*k as usize].name.clone())
            }
            _ => None,
        });
        Some(known.unwrap_or_else(|| named.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_brief;
    use crate::gazetteer::Gazetteer;
    use crate::model::{DateRange, OrgKind, Publication};

    fn source_of(text: &str) -> Option<String> {
        let publication = Publication {
            published: DateRange::parse_iso("2025-03-21"),
            ..Publication::default()
        };
        extract_brief("t.txt".into(), text, &publication, Gazetteer::bundled()).source
    }

    #[test]
    fn the_dateline_credit_comes_first() {
        assert_eq!(
            source_of("MOSCOW, March 21 (Reuters) - Talks were held in Baku, TASS said."),
            Some("Reuters".into())
        );
    }

    #[test]
    fn a_credit_beside_an_outlet_names_it() {
        assert_eq!(
            source_of("Kazakhstan and Turkmenistan met in Ashgabat, Trend reports."),
            Some("Trend".into())
        );
        assert_eq!(
            source_of("В Анкаре состоялась встреча министров, передает DKNews.kz."),
            Some("DKNews".into())
        );
        assert_eq!(
            source_of("Les ministres se sont rencontrés à Bakou, selon l'AFP."),
            Some("Agence France-Presse".into())
        );
    }

    #[test]
    fn an_outlet_named_like_an_address_is_an_outlet() {
        let publication = Publication::default();
        let brief = extract_brief(
            "t.txt".into(),
            "Тарифы на газ выросли с 1 мая, сообщает Gazeta.uz. Подробности на www.gov.uz.",
            &publication,
            Gazetteer::bundled(),
        );
        let outlets: Vec<&str> = brief
            .organizations
            .iter()
            .filter(|o| o.kind == OrgKind::Media)
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(outlets, ["Gazeta.uz"]);
        assert_eq!(brief.source.as_deref(), Some("Gazeta.uz"));
    }

    #[test]
    fn a_sidecar_source_is_kept_and_a_brief_without_outlets_has_none() {
        assert_eq!(source_of("Talks were held in Baku on Monday."), None);
        let publication = Publication {
            source: Some("Our desk".into()),
            ..Publication::default()
        };
        let brief = extract_brief(
            "t.txt".into(),
            "Talks in Baku, Trend reports.",
            &publication,
            Gazetteer::bundled(),
        );
        assert_eq!(brief.source.as_deref(), Some("Our desk"));
    }
}
