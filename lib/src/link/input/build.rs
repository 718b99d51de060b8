//! Reconcile stage (link): writes Wikidata-shaped triples for the readers of
//! non-RDF inputs (JSON entity lines, SPARQL results).

use crate::date::PartialDate;
use crate::names::{date_key, slug};
use crate::vocab::{ext, wikidata as wd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Triple};

/// Collects the triples of one converted input.
#[derive(Debug)]
pub struct Builder {
    graph: String,
    pub triples: Vec<Triple>,
}

/// The IRI an item value stands for: `Q42` is `wd:Q42`, an absolute IRI (also in
/// `<…>`) is itself; anything else is not an item.
pub fn item_iri(value: &str) -> Option<NamedNode> {
    let v = value.trim();
    let v = v
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(v);
    let is_id = v.len() > 1
        && matches!(v.as_bytes()[0], b'Q' | b'P' | b'L')
        && v[1..].bytes().all(|b| b.is_ascii_digit());
    if is_id {
        return Some(NamedNode::new_unchecked(format!("{}{v}", wd::WD)));
    }
    if v.contains(':') {
        return NamedNode::new(v).ok();
    }
    None
}

fn local(iri: &NamedNode) -> String {
    iri.as_str()
        .strip_prefix(wd::WD)
        .map_or_else(|| slug(iri.as_str()), slug)
}

impl Builder {
    pub fn new(graph: &str) -> Self {
        Self {
            graph: graph.to_owned(),
            triples: Vec::new(),
        }
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<oxigraph::model::Term>) {
        self.triples
            .push(Triple::new(s.clone(), p.into_owned(), o.into()));
    }

    fn text(text: &str, lang: Option<&str>) -> Literal {
        lang.filter(|l| !l.is_empty())
            .and_then(|l| Literal::new_language_tagged_literal(text, l).ok())
            .unwrap_or_else(|| Literal::new_simple_literal(text))
    }

    pub fn label(&mut self, item: &NamedNode, text: &str, lang: Option<&str>) {
        if !text.trim().is_empty() {
            self.add(item, ext::RDFS_LABEL, Self::text(text.trim(), lang));
        }
    }

    pub fn alias(&mut self, item: &NamedNode, text: &str, lang: Option<&str>) {
        if !text.trim().is_empty() {
            self.add(item, ext::SKOS_ALT_LABEL, Self::text(text.trim(), lang));
        }
    }

    pub fn instance_of(&mut self, item: &NamedNode, class: &NamedNode) {
        self.add(item, wd::WDT_P31, class.clone());
    }

    pub fn birth(&mut self, item: &NamedNode, date: &PartialDate) {
        self.add(item, wd::WDT_P569, date.to_literal());
    }

    /// `item wdt:P39 position` and a statement node with the dates as qualifiers. The
    /// node is `statement` when the input names it, else
    /// `{graph}/statement/{item}/P39/{position}/{start key}`. Without a position (a
    /// query about one position that does not return it) the statement has no
    /// `ps:P39` and its IRI says `unknown` for the position.
    pub fn position_held(
        &mut self,
        item: &NamedNode,
        position: Option<&NamedNode>,
        start: Option<&PartialDate>,
        end: Option<&PartialDate>,
        statement: Option<NamedNode>,
    ) {
        let node = statement.unwrap_or_else(|| {
            NamedNode::new_unchecked(format!(
                "{}/statement/{}/P39/{}/{}",
                self.graph,
                local(item),
                position.map_or_else(|| "unknown".to_owned(), local),
                date_key(start)
            ))
        });
        self.add(item, wd::P_P39, node.clone());
        if let Some(position) = position {
            self.add(item, wd::WDT_P39, position.clone());
            self.add(&node, wd::PS_P39, position.clone());
        }
        if let Some(start) = start {
            self.add(&node, wd::PQ_P580, start.to_literal());
        }
        if let Some(end) = end {
            self.add(&node, wd::PQ_P582, end.to_literal());
        }
    }

    /// The triples, sorted and without duplicates (a repeated row adds nothing).
    pub fn finish(mut self) -> Vec<Triple> {
        self.triples.sort_by_cached_key(ToString::to_string);
        self.triples.dedup();
        self.triples
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_values() {
        assert_eq!(
            item_iri("Q900001").unwrap().as_str(),
            "http://www.wikidata.org/entity/Q900001"
        );
        assert_eq!(
            item_iri("<http://www.wikidata.org/entity/Q1>")
                .unwrap()
                .as_str(),
            "http://www.wikidata.org/entity/Q1"
        );
        assert!(item_iri("Trần Phú").is_none());
        assert!(item_iri("").is_none());
    }

    #[test]
    fn statements_get_deterministic_iris() {
        let mut b = Builder::new("http://g");
        let q1 = item_iri("Q1").unwrap();
        let q9 = item_iri("Q9").unwrap();
        let start = crate::record::date::parse_date("1986-12").ok();
        b.position_held(&q1, Some(&q9), start.as_ref(), None, None);
        b.position_held(&q1, Some(&q9), start.as_ref(), None, None);
        let triples = b.finish();
        assert_eq!(triples.len(), 4);
        assert!(triples.iter().any(|t| t.to_string()
            == "<http://g/statement/Q1/P39/Q9/1986-12> <http://www.wikidata.org/prop/qualifier/P580> \"1986-12\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"));
    }
}
