//! Extract stage: accumulates one record's graph — quads, and for every extracted
//! node its provenance and first source line.

use crate::vocab::{ext, og};
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    QuadRef, Term,
};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// The graph of one record under construction. Every distinct term is held once (an
/// id in `ids`); a triple is three ids, so a record of a million rows costs a few
/// dozen bytes per quad here rather than four owned strings per quad.
pub struct GraphBuilder {
    graph: NamedNode,
    /// Every distinct term, with its id.
    ids: HashMap<Term, u32>,
    /// Triples as (subject, predicate, object) ids; the graph name is added at the end.
    triples: HashSet<[u32; 3]>,
    /// Every extracted node (by id) with the first line that gave it.
    nodes: HashMap<u32, usize>,
}

impl GraphBuilder {
    pub fn new(graph: NamedNode) -> Self {
        Self {
            graph,
            ids: HashMap::new(),
            triples: HashSet::new(),
            nodes: HashMap::new(),
        }
    }

    /// The id of `term`, given it is new.
    fn id(&mut self, term: Term) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        // More than 4 billion distinct terms in one record is beyond any memory this
        // runs in; saturating keeps it panic-free.
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(term, id);
        id
    }

    /// Adds one triple to the record's graph.
    pub fn add(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        let s = self.id(subject.clone().into());
        let p = self.id(predicate.into_owned().into());
        let o = self.id(object.into());
        self.triples.insert([s, p, o]);
    }

    /// Declares an extracted node: its class, and the line it came from (the smallest
    /// line wins when several lines give it).
    pub fn node(&mut self, node: &NamedNode, class: NamedNodeRef<'_>, line: usize) {
        self.add(node, ext::RDF_TYPE, class.into_owned());
        let id = self.id(node.clone().into());
        self.nodes
            .entry(id)
            .and_modify(|l| *l = (*l).min(line))
            .or_insert(line);
    }

    /// `rdfs:label "…"@en`.
    pub fn label(&mut self, node: &NamedNode, text: &str) {
        self.add(node, ext::RDFS_LABEL, en(text));
    }

    /// Finishes: provenance and source lines for every node, quads unique and in a
    /// fixed order (subject, predicate, object compared by their parts, which needs no
    /// serialization), so the output is the same on every run. The graph stays
    /// compact: each term once, each quad three ids.
    pub fn finish_graph(mut self) -> Graph {
        let record = self.graph.clone();
        let derived = self.id(ext::PROV_WAS_DERIVED_FROM.into_owned().into());
        let source_line = self.id(og::SOURCE_LINE.into_owned().into());
        let record_id = self.id(record.into());
        let nodes = std::mem::take(&mut self.nodes);
        for (node, line) in nodes {
            let line = self.id(Literal::from(i64::try_from(line).unwrap_or(i64::MAX)).into());
            self.triples.insert([node, source_line, line]);
            self.triples.insert([node, derived, record_id]);
        }
        let mut terms: Vec<Option<Term>> = vec![None; self.ids.len()];
        for (term, id) in self.ids {
            if let Some(slot) = terms.get_mut(id as usize) {
                *slot = Some(term);
            }
        }
        // Every id below `ids.len()` was given out once, so no slot is empty.
        let terms: Vec<Term> = terms.into_iter().flatten().collect();
        let mut triples: Vec<[u32; 3]> = self.triples.into_iter().collect();
        let term = |id: u32| terms.get(id as usize);
        triples.sort_unstable_by(|a, b| {
            let (Some(a0), Some(a1), Some(a2), Some(b0), Some(b1), Some(b2)) = (
                term(a[0]),
                term(a[1]),
                term(a[2]),
                term(b[0]),
                term(b[1]),
                term(b[2]),
            ) else {
                return a.cmp(b);
            };
            compare_terms(a0, b0)
                .then_with(|| compare_terms(a1, b1))
                .then_with(|| compare_terms(a2, b2))
        });
        Graph {
            graph: self.graph,
            terms,
            triples,
        }
    }
}

/// The finished graph of one record, compact: every distinct term once, and each quad
/// (all in the graph [`name`](Self::name)) as three indices into them, sorted and
/// unique in the order [`GraphBuilder::finish_graph`] gives.
#[derive(Debug, Clone)]
pub struct Graph {
    graph: NamedNode,
    terms: Vec<Term>,
    triples: Vec<[u32; 3]>,
}

impl Graph {
    /// The graph's name (the record's IRI).
    pub fn name(&self) -> &NamedNode {
        &self.graph
    }

    /// How many quads.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The quads, in order, borrowed: nothing is copied.
    pub fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        let graph = self.graph.as_ref();
        self.triples.iter().filter_map(move |&[s, p, o]| {
            let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) = (
                self.terms.get(s as usize),
                self.terms.get(p as usize),
                self.terms.get(o as usize),
            ) else {
                // Subjects and predicates are named nodes by construction.
                return None;
            };
            Some(QuadRef::new(
                NamedOrBlankNodeRef::NamedNode(s.as_ref()),
                p.as_ref(),
                o.as_ref(),
                graph,
            ))
        })
    }

    /// Keeps only the quads `keep` accepts, and only the terms they use.
    pub fn retain(&mut self, mut keep: impl FnMut(QuadRef<'_>) -> bool) {
        let graph = self.graph.as_ref();
        let terms = &self.terms;
        self.triples.retain(|&[s, p, o]| {
            match (
                terms.get(s as usize),
                terms.get(p as usize),
                terms.get(o as usize),
            ) {
                (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) => {
                    keep(QuadRef::new(
                        NamedOrBlankNodeRef::NamedNode(s.as_ref()),
                        p.as_ref(),
                        o.as_ref(),
                        graph,
                    ))
                }
                _ => false,
            }
        });
        let mut used = vec![false; self.terms.len()];
        for id in self.triples.iter().flatten() {
            if let Some(u) = used.get_mut(*id as usize) {
                *u = true;
            }
        }
        let mut new_id = vec![0u32; self.terms.len()];
        let mut next = 0u32;
        let old = std::mem::take(&mut self.terms);
        for ((term, used), new) in old.into_iter().zip(used).zip(&mut new_id) {
            if used {
                *new = next;
                next += 1;
                self.terms.push(term);
            }
        }
        for triple in &mut self.triples {
            for id in triple.iter_mut() {
                *id = new_id.get(*id as usize).copied().unwrap_or(*id);
            }
        }
        self.terms.shrink_to_fit();
        self.triples.shrink_to_fit();
    }

    /// The quads as owned values.
    pub fn into_quads(self) -> Vec<Quad> {
        let graph = GraphName::NamedNode(self.graph.clone());
        self.quads()
            .map(|q| {
                let subject = match q.subject {
                    NamedOrBlankNodeRef::NamedNode(n) => {
                        NamedOrBlankNode::NamedNode(n.into_owned())
                    }
                    NamedOrBlankNodeRef::BlankNode(b) => {
                        NamedOrBlankNode::BlankNode(b.into_owned())
                    }
                };
                Quad::new(
                    subject,
                    q.predicate.into_owned(),
                    q.object.into_owned(),
                    graph.clone(),
                )
            })
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
        let quads = b.finish_graph().into_quads();
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
