//! Extract stage: accumulates one record's graph — quads, and for every extracted
//! node its provenance and first source line.

use crate::vocab::{ext, og};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// The graph of one record under construction.
pub struct GraphBuilder {
    graph: NamedNode,
    /// Triples (the graph name is added once, at the end).
    triples: HashSet<(NamedNode, NamedNode, Term)>,
    /// Every extracted node with the first line that gave it.
    nodes: BTreeMap<NamedNode, usize>,
}

impl GraphBuilder {
    pub fn new(graph: NamedNode) -> Self {
        Self {
            graph,
            triples: HashSet::new(),
            nodes: BTreeMap::new(),
        }
    }

    /// Adds one triple to the record's graph.
    pub fn add(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        self.triples
            .insert((subject.clone(), predicate.into_owned(), object.into()));
    }

    /// Declares an extracted node: its class, and the line it came from (the smallest
    /// line wins when several lines give it).
    pub fn node(&mut self, node: &NamedNode, class: NamedNodeRef<'_>, line: usize) {
        self.add(node, ext::RDF_TYPE, class.into_owned());
        self.nodes
            .entry(node.clone())
            .and_modify(|l| *l = (*l).min(line))
            .or_insert(line);
    }

    /// `rdfs:label "…"@en`.
    pub fn label(&mut self, node: &NamedNode, text: &str) {
        self.add(node, ext::RDFS_LABEL, en(text));
    }

    /// Finishes: provenance and source lines for every node, quads unique and in a
    /// fixed order (subject, predicate, object compared by their parts, which needs no
    /// serialization), so the output is the same on every run.
    pub fn finish(mut self) -> Vec<Quad> {
        let record = self.graph.clone();
        let nodes = std::mem::take(&mut self.nodes);
        for (node, line) in nodes {
            self.add(
                &node,
                og::SOURCE_LINE,
                Literal::from(i64::try_from(line).unwrap_or(i64::MAX)),
            );
            self.add(&node, ext::PROV_WAS_DERIVED_FROM, record.clone());
        }
        let mut triples: Vec<_> = self.triples.into_iter().collect();
        triples.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| compare_terms(&a.2, &b.2))
        });
        let graph = GraphName::NamedNode(self.graph);
        triples
            .into_iter()
            .map(|(s, p, o)| Quad::new(NamedOrBlankNode::NamedNode(s), p, o, graph.clone()))
            .collect()
    }
}

/// A total order on terms by their parts: IRIs, then blank nodes, then literals (by
/// value, datatype, language), then anything else by its text.
fn compare_terms(a: &Term, b: &Term) -> Ordering {
    fn rank(term: &Term) -> u8 {
        match term {
            Term::NamedNode(_) => 0,
            Term::BlankNode(_) => 1,
            Term::Literal(_) => 2,
            #[allow(unreachable_patterns)]
            _ => 3,
        }
    }
    match (a, b) {
        (Term::NamedNode(x), Term::NamedNode(y)) => x.cmp(y),
        (Term::BlankNode(x), Term::BlankNode(y)) => x.as_str().cmp(y.as_str()),
        (Term::Literal(x), Term::Literal(y)) => x
            .value()
            .cmp(y.value())
            .then_with(|| x.datatype().as_str().cmp(y.datatype().as_str()))
            .then_with(|| x.language().cmp(&y.language())),
        _ => rank(a)
            .cmp(&rank(b))
            .then_with(|| a.to_string().cmp(&b.to_string())),
    }
}

/// An English literal.
pub fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

/// A Vietnamese literal.
pub fn vi(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "vi")
}

/// `true` as `xsd:boolean`.
pub fn yes() -> Literal {
    Literal::from(true)
}

/// The `ogr:` property for a raw key: words joined in lower camel case, ASCII
/// letters and digits only (`Member Of` → `ogr:memberOf`).
pub fn raw_property(key: &str) -> NamedNode {
    let mut local = String::new();
    for (i, word) in key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                local.extend(first.to_lowercase());
            } else {
                local.extend(first.to_uppercase());
            }
            local.push_str(chars.as_str());
        }
    }
    if local.is_empty() {
        local.push_str("key");
    }
    if local.starts_with(|c: char| c.is_ascii_digit()) {
        local.insert(0, 'k');
    }
    NamedNode::new_unchecked(format!("{}{local}", crate::vocab::OGR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_keys_are_lower_camel() {
        let local = |k: &str| {
            raw_property(k)
                .as_str()
                .trim_start_matches(crate::vocab::OGR)
                .to_owned()
        };
        assert_eq!(local("Member Of"), "memberOf");
        assert_eq!(local("Incumbentsince"), "incumbentsince");
        assert_eq!(local("Took office"), "tookOffice");
        assert_eq!(local("Commander1 Label"), "commander1Label");
        assert_eq!(local("1st"), "k1st");
        assert_eq!(local("Tên"), "tN");
        assert_eq!(local("—"), "key");
    }

    #[test]
    fn source_line_is_the_first_line() {
        let g = NamedNode::new_unchecked("http://x/record/r");
        let n = NamedNode::new_unchecked("http://x/person/p");
        let mut b = GraphBuilder::new(g);
        b.node(&n, og::PERSON, 9);
        b.node(&n, og::PERSON, 4);
        let quads = b.finish();
        let lines: Vec<_> = quads
            .iter()
            .filter(|q| q.predicate == og::SOURCE_LINE)
            .collect();
        assert_eq!(lines.len(), 1);
        assert_eq!(
            lines[0].object.to_string(),
            "\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        );
    }
}
