//! Extract stage: IRI minting — deterministic, content-derived, injective.
//!
//! A name's slug is its NFC text with every byte outside `A-Z a-z 0-9 - . ~`
//! percent-encoded and spaces as `_`, so two different names never share an IRI and
//! every IRI is plain ASCII (see `docs/mapping.md`).

use crate::percent;
use crate::record::{clean_space, PartialDate};
use oxigraph::model::NamedNode;
use unicode_normalization::UnicodeNormalization;

/// The slug of a name.
///
/// ```
/// assert_eq!(officegraph::extract::slug("Tô Lâm"), "T%C3%B4_L%C3%A2m");
/// ```
pub fn slug(name: &str) -> String {
    let normalized: String = clean_space(name).nfc().collect();
    let mut out = normalized
        .split(' ')
        .map(|part| percent::encode(part, percent::SLUG))
        .collect::<Vec<_>>()
        .join("_");
    if out.is_empty() {
        out.push_str("%20"); // an empty name still gets a valid, distinct segment
    }
    out
}

/// The key of a start date in IRIs: its lexical form, or `undated`.
pub fn date_key(date: Option<&PartialDate>) -> String {
    date.map_or_else(|| "undated".to_owned(), ToString::to_string)
}

/// Mints the IRIs of one base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
}

impl Minter {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
        }
    }

    fn iri(&self, path: &str) -> NamedNode {
        // Every piece is a slug or a fixed word, so the IRI is always valid.
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }

    pub fn record(&self, stem: &str) -> NamedNode {
        self.iri(&format!("record/{}", slug(stem)))
    }
    pub fn position(&self, label: &str) -> NamedNode {
        self.iri(&format!("position/{}", slug(label)))
    }
    pub fn organization(&self, label: &str) -> NamedNode {
        self.iri(&format!("organization/{}", slug(label)))
    }
    pub fn person(&self, name: &str) -> NamedNode {
        self.iri(&format!("person/{}", slug(name)))
    }
    /// A holder the record does not name: from the position and the start key.
    pub fn unnamed_person(&self, position_label: &str, key: &str) -> NamedNode {
        self.iri(&format!("person/unnamed/{}/{key}", slug(position_label)))
    }
    /// A tenure: from its position, start key and holder part (a slug or `unnamed…`).
    pub fn tenure(&self, position_label: &str, start_key: &str, holder_part: &str) -> NamedNode {
        self.iri(&format!(
            "tenure/{}/{start_key}/{holder_part}",
            slug(position_label)
        ))
    }
    /// The evidence for a tenure's holder name: beside the tenure, under `name-source/`
    /// (not a fragment of the tenure IRI, which would break a base ending in `#`).
    pub fn name_source(
        &self,
        position_label: &str,
        start_key: &str,
        holder_part: &str,
    ) -> NamedNode {
        self.iri(&format!(
            "name-source/{}/{start_key}/{holder_part}",
            slug(position_label)
        ))
    }
    pub fn term(&self, label: &str) -> NamedNode {
        self.iri(&format!("term/{}", slug(label)))
    }
    pub fn place(&self, label: &str) -> NamedNode {
        self.iri(&format!("place/{}", slug(label)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(slug("Tô Lâm"), "T%C3%B4_L%C3%A2m");
        assert_eq!(
            slug("General Staff of the Vietnam People's Army"),
            "General_Staff_of_the_Vietnam_People%27s_Army"
        );
        assert_eq!(slug("a_b"), "a%5Fb");
        assert_ne!(slug("a_b"), slug("a b"));
    }

    #[test]
    fn decomposed_and_composed_names_share_an_iri() {
        let m = Minter::new("http://x/");
        assert_eq!(m.person("To\u{0302} La\u{0302}m"), m.person("Tô Lâm"));
        assert_eq!(m.person(" Tô   Lâm "), m.person("Tô Lâm"));
    }

    #[test]
    fn hostile_names_make_valid_iris() {
        let m = Minter::new("https://w3id.org/officegraph/id/");
        for name in ["a\"b<c>\\d", "\u{200F}RTL\u{202E}", "x\ty", "{}|^`", ""] {
            let iri = m.person(name);
            assert!(
                oxigraph::model::NamedNode::new(iri.as_str()).is_ok(),
                "{iri}"
            );
        }
    }

    #[test]
    fn tenure_iris_come_from_content() {
        let m = Minter::new("http://x/");
        let start = crate::record::date::parse_date("27 October 1930").ok();
        assert_eq!(
            m.tenure("P", &date_key(start.as_ref()), &slug("Trần Phú"))
                .as_str(),
            "http://x/tenure/P/1930-10-27/Tr%E1%BA%A7n_Ph%C3%BA"
        );
        assert_eq!(date_key(None), "undated");
    }

    proptest! {
        #[test]
        fn slug_is_injective_and_valid(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let norm = |s: &str| clean_space(s).nfc().collect::<String>();
            if norm(&a) != norm(&b) {
                prop_assert_ne!(slug(&a), slug(&b));
            }
            let iri = format!("http://x/person/{}", slug(&a));
            prop_assert!(oxigraph::model::NamedNode::new(iri).is_ok());
        }
    }
}
