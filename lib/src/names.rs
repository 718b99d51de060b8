//! Foundation: every IRI the library mints and every graph name, in one place —
//! entities under `{base}{kind}/`, record graphs under `{base}record/`, and the graphs
//! later stages write (`{base}succession`, `{base}links`, `{base}dataset/…`,
//! `{base}wikidata`). Minting is deterministic, content-derived and injective.
//!
//! A name's slug is its NFC text with every byte outside `A-Z a-z 0-9 - . ~`
//! percent-encoded and spaces as `_`, so two different names never share an IRI and
//! every IRI is plain ASCII (see `docs/mapping.md`).

use crate::percent;
use oxigraph::model::NamedNode;
use std::fmt::Display;
use unicode_normalization::UnicodeNormalization;

/// The slug of a name.
///
/// ```
/// assert_eq!(officegraph::names::slug("Tô Lâm"), "T%C3%B4_L%C3%A2m");
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

/// Whitespace runs as one space, none at the ends (as `record::clean_space`, which
/// names cannot import: the record stage comes later).
fn clean_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key of a start date (a `record::PartialDate`) in IRIs: its lexical form, or
/// `undated`.
pub fn date_key<D: Display>(date: Option<&D>) -> String {
    date.map_or_else(|| "undated".to_owned(), ToString::to_string)
}

/// The IRI spaces under the base, one per kind of entity the extract stage mints
/// (`{base}{kind}/…`), in the order `vocab::prefixes` lists them.
pub const KINDS: [&str; 7] = [
    "record",
    "position",
    "organization",
    "person",
    "tenure",
    "term",
    "place",
];

/// The IRI space of records under the base (`{base}record/…`).
pub const RECORD_SPACE: &str = "record/";

/// The prefix of every record graph (a record's IRI is its graph's name):
/// `{base}record/`. The store's manifest also lists the links and dataset graphs;
/// this tells the record graphs apart.
pub fn record_graphs(base: &str) -> String {
    format!("{base}{RECORD_SPACE}")
}

/// The graph the across-records reconcile pass writes succession into:
/// `{base}succession`.
pub fn succession_graph(base: &str) -> String {
    format!("{base}succession")
}

/// The graph `link` stores its `owl:sameAs` links in: `{base}links`.
pub fn links_graph(base: &str) -> String {
    format!("{base}links")
}

/// The prefix of the graphs `link` loads datasets into: `{base}dataset/`.
pub fn dataset_graphs(base: &str) -> String {
    format!("{base}dataset/")
}

/// The graph of one dataset `link` loaded from the file named `file_name`:
/// `{base}dataset/{slug(file name)}`.
pub fn dataset_graph(base: &str, file_name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", dataset_graphs(base), slug(file_name)))
}

/// The link node for one of ours: `{base}link/` and our IRI without the base (or
/// `other/{slug}` for an IRI outside the base).
pub fn link_node(base: &str, ours: &str) -> NamedNode {
    let rest = ours
        .strip_prefix(base)
        .map_or_else(|| format!("other/{}", slug(ours)), str::to_owned);
    NamedNode::new_unchecked(format!("{base}link/{rest}"))
}

/// The one graph of the Wikidata profile's N-Quads and TriG: `{base}wikidata`.
pub fn profile_graph(base: &str) -> String {
    format!("{base}wikidata")
}

/// The IRI space of the Wikidata profile's time values: `{base}value/time/`.
pub fn time_values(base: &str) -> String {
    format!("{base}value/time/")
}

/// The IRI space of the Wikidata profile's full statements:
/// `{base}statement/` (then `{P}/{entity path}/{lexical}`).
pub fn statements(base: &str) -> String {
    format!("{base}statement/")
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
        NamedNode::new_unchecked(format!("{}{}", record_graphs(&self.base), slug(stem)))
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
    fn undated_tenures_have_a_key() {
        assert_eq!(date_key::<String>(None), "undated");
    }

    #[test]
    fn graph_names_live_under_the_base() {
        let b = "http://x/";
        assert_eq!(
            Minter::new(b).record("000_seed").as_str(),
            "http://x/record/000%5Fseed"
        );
        assert!(Minter::new(b)
            .record("a")
            .as_str()
            .starts_with(&record_graphs(b)));
        assert_eq!(succession_graph(b), "http://x/succession");
        assert_eq!(links_graph(b), "http://x/links");
        assert_eq!(dataset_graph(b, "wd.nt").as_str(), "http://x/dataset/wd.nt");
        assert!(dataset_graph(b, "wd.nt")
            .as_str()
            .starts_with(&dataset_graphs(b)));
        assert_eq!(profile_graph(b), "http://x/wikidata");
        assert_eq!(time_values(b), "http://x/value/time/");
        assert_eq!(statements(b), "http://x/statement/");
        assert_eq!(
            link_node(b, "http://x/person/A").as_str(),
            "http://x/link/person/A"
        );
        assert_eq!(
            link_node(b, "http://o/x").as_str(),
            "http://x/link/other/http%3A%2F%2Fo%2Fx"
        );
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
