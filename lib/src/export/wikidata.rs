//! Export stage: the Wikidata profile — the same facts in the shape of Wikidata's RDF
//! dump (<https://www.mediawiki.org/wiki/Wikibase/Indexing/RDF_Dump_Format>), so a query
//! written for the Wikidata Query Service's `P39` pattern runs unchanged on our data.
//!
//! - Every `og:Tenure` is a `P39` statement: `?person wdt:P39 ?position` (truthy) and
//!   `?person p:P39 ?tenure`, where the statement node **is the tenure IRI** (an
//!   `og:Tenure` is by definition one `P39` statement; the IRI is deterministic, never
//!   a blank node, and the og facts Wikidata has no qualifier for — `og:title`,
//!   `og:acting`, `og:incumbent`, `og:rank`, `ogr:*`, provenance — stay on it).
//!   Qualifiers: `pq:P580`/`pq:P582` start/end, with `pqv:` time values carrying
//!   `wikibase:timePrecision` 11/10/9 for `xsd:date`/`gYearMonth`/`gYear`;
//!   `pq:P1545` ordinal (a string), `pq:P1365`/`pq:P1366` the previous/next tenure's
//!   holder, `pq:P1534 wd:Q4` (death) for `og:diedInOffice`, `pq:P2937` terms,
//!   `pq:P1480 wd:Q5727902` (sourcing circumstances: circa) for `og:startCirca` /
//!   `og:endCirca`, which stay on the statement too (Wikidata's qualifier cannot say
//!   which of the dates is approximate).
//! - Time value nodes are content-addressed like Wikidata's `wdv:` hashes but
//!   readable: `{base}value/time/{lexical form}` (`…/1930-10-27`, `…/1986-12`, `…/1945`),
//!   so equal values share one node and the output is byte-stable.
//! - Entities: `wdt:P31` `wd:Q5` (persons), `wd:Q4164871` (positions), `wd:Q43229`
//!   (organizations) next to the og type; labels also as `skos:prefLabel` and
//!   `schema:name`; `og:organization` → `wdt:P2389` (position → organization, the
//!   direction P2389 is defined in; narrower in meaning, see the ontology),
//!   `og:appointedBy` → `wdt:P748`, `og:subOrganizationOf` → `wdt:P749`,
//!   `og:birthPlace` → `wdt:P19`, `og:birthYear` → `P569`, `og:founded` → `P571` (both
//!   with a full statement at `{base}statement/{P}/{entity path}/{lexical}` and a
//!   precision-carrying value node). Everything else is copied unchanged.
//! - Links: `<ours> owl:sameAs <http://www.wikidata.org/entity/Q…>` in the graph
//!   `{base}links` replace our IRI by Wikidata's everywhere (statement and value IRIs
//!   stay ours); an entity linked to two Wikidata items keeps our IRI.
//! - Input is the union of the record graphs (`{base}record/…`; not `{base}links` nor
//!   the `{base}dataset/…` graphs `link` loads);
//!   output is one graph, `{base}wikidata`, for N-Quads and TriG.

use super::{ExportError, ExportFormat};
use crate::rdf::RdfWriter;
use crate::vocab::{ext, og};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::store::{StorageError, Store};
use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, Write};

mod time;
pub use time::{time_value, TimeValue};

/// `wd:` — Wikidata items.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// `wdt:` — truthy (direct) claims.
pub const WDT: &str = "http://www.wikidata.org/prop/direct/";
/// `p:` — subject to statement node.
pub const P: &str = "http://www.wikidata.org/prop/";
/// `ps:` — statement node to its simple value.
pub const PS: &str = "http://www.wikidata.org/prop/statement/";
/// `psv:` — statement node to its full value node.
pub const PSV: &str = "http://www.wikidata.org/prop/statement/value/";
/// `pq:` — qualifier, simple value.
pub const PQ: &str = "http://www.wikidata.org/prop/qualifier/";
/// `pqv:` — qualifier, full value node.
pub const PQV: &str = "http://www.wikidata.org/prop/qualifier/value/";
/// `wikibase:` — the Wikibase ontology.
pub const WIKIBASE: &str = "http://wikiba.se/ontology#";

/// The Wikidata item for the proleptic Gregorian calendar.
const GREGORIAN: &str = "Q1985727";

/// The prefixes of the profile's Turtle and TriG: officegraph's, the Wikidata ones,
/// and `value:` for the time value nodes.
pub fn prefixes(base: &str) -> Vec<(&'static str, String)> {
    let mut list = crate::vocab::prefixes(base);
    for (name, iri) in [
        ("wd", WD),
        ("wdt", WDT),
        ("p", P),
        ("ps", PS),
        ("psv", PSV),
        ("pq", PQ),
        ("pqv", PQV),
        ("wikibase", WIKIBASE),
    ] {
        list.push((name, iri.to_owned()));
    }
    list.push(("value", crate::names::time_values(base)));
    list
}

pub use crate::names::{links_graph, profile_graph};

/// Writes the Wikidata profile of the store (or of the record `graph` only) in
/// `format`, sorted and byte-stable like [`super::export`]. Returns the number of
/// statements written.
pub fn export_wikidata(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    base: &str,
    writer: impl Write,
) -> Result<u64, ExportError> {
    let graph_name = NamedNode::new(profile_graph(base)).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid base IRI {base:?}: {e}"),
        )
    })?;
    let quads: Vec<Quad> = profile_triples(store, graph, base)?
        .into_iter()
        .map(|t| t.in_graph(graph_name.clone()))
        .collect();
    let mut out = BufWriter::new(writer);
    let count = RdfWriter::new(format)
        .with_prefixes(prefixes(base))
        .write_quads(&mut out, &quads)?;
    out.flush()?;
    Ok(count)
}

/// Our entity IRI → its Wikidata item IRI, from the links graph `{base}links`:
/// `owl:sameAs` objects in `http://www.wikidata.org/entity/` (an `https:` link is
/// read as the `http:` IRI Wikidata's RDF uses). Entities with two different
/// Wikidata links are left out: no arbitrary pick.
pub fn wikidata_links(
    store: &Store,
    base: &str,
) -> Result<HashMap<NamedNode, NamedNode>, StorageError> {
    let mut found: HashMap<NamedNode, HashSet<NamedNode>> = HashMap::new();
    let Ok(graph) = NamedNode::new(links_graph(base)) else {
        return Ok(HashMap::new());
    };
    let same_as = NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");
    for quad in store.quads_for_pattern(None, Some(same_as), None, Some(graph.as_ref().into())) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(ours), Term::NamedNode(theirs)) =
            (quad.subject, quad.object)
        else {
            continue;
        };
        let item = theirs
            .as_str()
            .strip_prefix("https://www.wikidata.org/entity/")
            .or_else(|| theirs.as_str().strip_prefix(WD));
        if let Some(item) = item.filter(|i| is_item_id(i)) {
            let theirs = NamedNode::new_unchecked(format!("{WD}{item}"));
            found.entry(ours).or_default().insert(theirs);
        }
    }
    Ok(found
        .into_iter()
        .filter(|(_, items)| items.len() == 1)
        .filter_map(|(ours, items)| items.into_iter().next().map(|item| (ours, item)))
        .collect())
}

/// `Q` followed by digits.
fn is_item_id(id: &str) -> bool {
    id.strip_prefix('Q')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The profile's triples, before serialization: the union of the record graphs (or
/// `graph` alone) rewritten. `base` must be an absolute IRI, as [`export_wikidata`]
/// checks; the statement and value IRIs are minted under it.
pub fn profile_triples(
    store: &Store,
    graph: Option<&NamedNode>,
    base: &str,
) -> Result<HashSet<Triple>, StorageError> {
    // Only record graphs: not the links graph, nor the datasets `link` loaded (their
    // items are someone else's facts, already in Wikidata's shape).
    let record_graphs = crate::names::record_graphs(base);
    let succession = crate::names::succession_graph(base);
    let mut facts = HashSet::new();
    let graph_filter = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    for quad in store.quads_for_pattern(None, None, None, graph_filter) {
        let quad = quad?;
        match quad.graph_name.as_ref() {
            GraphNameRef::NamedNode(g)
                if g.as_str().starts_with(&record_graphs) || g.as_str() == succession => {}
            _ => continue,
        }
        facts.insert(Triple::from(quad));
    }
    let links = wikidata_links(store, base)?;
    Ok(Profile::new(&facts, &links, base).build())
}

/// One fact source (deduplicated union) being rewritten.
struct Profile<'a> {
    facts: &'a HashSet<Triple>,
    links: &'a HashMap<NamedNode, NamedNode>,
    base: &'a str,
    tenures: HashSet<NamedOrBlankNode>,
    entities: HashSet<NamedOrBlankNode>,
    holders: HashMap<Term, Vec<Term>>,
    out: HashSet<Triple>,
}

impl<'a> Profile<'a> {
    fn new(
        facts: &'a HashSet<Triple>,
        links: &'a HashMap<NamedNode, NamedNode>,
        base: &'a str,
    ) -> Self {
        let mut tenures = HashSet::new();
        let mut entities = HashSet::new();
        let mut holders: HashMap<Term, Vec<Term>> = HashMap::new();
        for t in facts {
            if t.predicate == rdf::TYPE {
                if t.object == og::TENURE.into() {
                    tenures.insert(t.subject.clone());
                } else if [
                    og::PERSON,
                    og::POSITION,
                    og::ORGANIZATION,
                    og::TERM,
                    og::PLACE,
                ]
                .iter()
                .any(|c| t.object == (*c).into())
                {
                    entities.insert(t.subject.clone());
                }
            } else if t.predicate == og::HOLDER {
                holders
                    .entry(t.subject.clone().into())
                    .or_default()
                    .push(t.object.clone());
            }
        }
        Self {
            facts,
            links,
            base,
            tenures,
            entities,
            holders,
            out: HashSet::new(),
        }
    }

    fn build(mut self) -> HashSet<Triple> {
        let facts = self.facts;
        let mut by_subject: HashMap<&NamedOrBlankNode, Vec<&Triple>> = HashMap::new();
        for t in facts {
            by_subject.entry(&t.subject).or_default().push(t);
        }
        for (subject, triples) in by_subject {
            if self.tenures.contains(subject) {
                self.tenure(subject, &triples);
            } else {
                for t in triples {
                    self.entity_fact(t);
                }
            }
        }
        self.out
    }

    /// Our IRI, or the Wikidata item it is linked to.
    fn node(&self, node: &NamedOrBlankNode) -> NamedOrBlankNode {
        match node {
            NamedOrBlankNode::NamedNode(n) => self.links.get(n).unwrap_or(n).clone().into(),
            other => other.clone(),
        }
    }

    fn term(&self, term: &Term) -> Term {
        match term {
            Term::NamedNode(n) => self.links.get(n).unwrap_or(n).clone().into(),
            other => other.clone(),
        }
    }

    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.out.insert(Triple::new(s, p, o));
    }

    /// A `P39` statement for the tenure `st` (kept as the statement node's IRI).
    fn tenure(&mut self, st: &NamedOrBlankNode, triples: &[&Triple]) {
        let holders: Vec<Term> = triples
            .iter()
            .filter(|t| t.predicate == og::HOLDER)
            .map(|t| self.term(&t.object))
            .collect();
        self.statement_node(st);
        for t in triples {
            let o = &t.object;
            let p = t.predicate.as_ref();
            if p == og::POSITION_PROP {
                let position = self.term(o);
                self.add(st.clone(), prop(PS, "P39"), position.clone());
                for holder in &holders {
                    if let Ok(holder) = NamedOrBlankNode::try_from(holder.clone()) {
                        self.add(holder.clone(), prop(WDT, "P39"), position.clone());
                        self.add(holder, prop(P, "P39"), st.clone());
                    }
                }
            } else if p == og::HOLDER {
                // the subject of the statement, written with og:position
            } else if p == og::START || p == og::END {
                let pid = if p == og::START { "P580" } else { "P582" };
                if !self.time_claim(st, PQ, PQV, pid, o) {
                    self.copy(t);
                }
            } else if let (true, Term::Literal(l)) = (p == og::ORDINAL, o) {
                self.add(st.clone(), prop(PQ, "P1545"), Literal::from(l.value()));
            } else if p == og::DIED_IN_OFFICE && is_true(o) {
                self.add(st.clone(), prop(PQ, "P1534"), item("Q4"));
            } else if (p == og::START_CIRCA || p == og::END_CIRCA) && is_true(o) {
                // Sourcing circumstances: circa. Qualifiers cannot be qualified, so
                // Wikidata cannot say which date is approximate: the og flag stays too.
                self.add(st.clone(), prop(PQ, "P1480"), item("Q5727902"));
                self.copy(t);
            } else if p == og::TERM_PROP {
                self.add(st.clone(), prop(PQ, "P2937"), self.term(o));
            } else if p == og::PREVIOUS || p == og::NEXT {
                let pid = if p == og::PREVIOUS { "P1365" } else { "P1366" };
                let others = self.holders.get(o).cloned().unwrap_or_default();
                if others.is_empty() {
                    self.copy(t);
                }
                for other in others {
                    self.add(st.clone(), prop(PQ, pid), self.term(&other));
                }
            } else {
                self.copy(t);
            }
        }
    }

    fn statement_node(&mut self, st: &NamedOrBlankNode) {
        self.add(st.clone(), rdf::TYPE.into(), wikibase("Statement"));
        self.add(st.clone(), rdf::TYPE.into(), wikibase("BestRank"));
        self.add(st.clone(), wikibase("rank"), wikibase("NormalRank"));
    }

    /// A fact about a person, position, organization, term, place or record.
    fn entity_fact(&mut self, t: &Triple) {
        let s = self.node(&t.subject);
        let p = t.predicate.as_ref();
        let o = &t.object;
        let is_entity = self.entities.contains(&t.subject);
        if p == rdf::TYPE {
            let class = [
                (og::PERSON, "Q5"),
                (og::POSITION, "Q4164871"),
                (og::ORGANIZATION, "Q43229"),
            ]
            .into_iter()
            .find(|(c, _)| *o == (*c).into());
            if let Some((_, q)) = class {
                self.add(s.clone(), prop(WDT, "P31"), item(q));
            }
            self.copy(t);
        } else if p == ext::RDFS_LABEL && is_entity {
            self.copy(t);
            let skos_pref = NamedNode::new_unchecked(format!("{}prefLabel", crate::vocab::SKOS));
            let schema_name = NamedNode::new_unchecked(format!("{}name", crate::vocab::SCHEMA));
            self.add(s.clone(), skos_pref, o.clone());
            self.add(s, schema_name, o.clone());
        } else if let Some(pid) = [
            (og::ORGANIZATION_PROP, "P2389"),
            (og::APPOINTED_BY, "P748"),
            (og::SUB_ORGANIZATION_OF, "P749"),
            (og::BIRTH_PLACE, "P19"),
        ]
        .into_iter()
        .find_map(|(q, pid)| (p == q).then_some(pid))
        {
            self.add(s, prop(WDT, pid), self.term(o));
        } else if let Some(pid) = [(og::BIRTH_YEAR, "P569"), (og::FOUNDED, "P571")]
            .into_iter()
            .find_map(|(q, pid)| (p == q).then_some(pid))
        {
            if !self.dated_claim(&t.subject, pid, o) {
                self.copy(t);
            }
        } else {
            self.copy(t);
        }
    }

    /// `wdt:`, `p:`/`ps:`/`psv:` for a date-valued property of an entity; false when
    /// `value` is not a date officegraph writes (then the og triple is kept).
    fn dated_claim(&mut self, ours: &NamedOrBlankNode, pid: &str, value: &Term) -> bool {
        let Some(time) = time_value(value) else {
            return false;
        };
        let NamedOrBlankNode::NamedNode(ours_iri) = ours else {
            return false;
        };
        let s = self.node(ours);
        let st = NamedNode::new_unchecked(format!(
            "{}{pid}/{}/{}",
            crate::names::statements(self.base),
            path_part(
                ours_iri
                    .as_str()
                    .strip_prefix(self.base)
                    .unwrap_or(ours_iri.as_str())
            ),
            time.lexical
        ));
        self.add(s.clone(), prop(WDT, pid), time.datetime());
        self.add(s, prop(P, pid), st.clone());
        let st: NamedOrBlankNode = st.into();
        self.statement_node(&st);
        self.time_claim(&st, PS, PSV, pid, value)
    }

    /// `{simple}{pid} "…"^^xsd:dateTime` and `{full}{pid} <value node>` on `st`, and
    /// the value node itself; false when `value` is not a date officegraph writes.
    fn time_claim(
        &mut self,
        st: &NamedOrBlankNode,
        simple: &str,
        full: &str,
        pid: &str,
        value: &Term,
    ) -> bool {
        let Some(time) = time_value(value) else {
            return false;
        };
        let node = NamedNode::new_unchecked(format!(
            "{}{}",
            crate::names::time_values(self.base),
            time.lexical
        ));
        self.add(st.clone(), prop(simple, pid), time.datetime());
        self.add(st.clone(), prop(full, pid), node.clone());
        self.add(node.clone(), rdf::TYPE.into(), wikibase("TimeValue"));
        self.add(node.clone(), wikibase("timeValue"), time.datetime());
        let precision = Literal::new_typed_literal(time.precision.to_string(), xsd::INTEGER);
        self.add(node.clone(), wikibase("timePrecision"), precision);
        let zero = Literal::new_typed_literal("0", xsd::INTEGER);
        self.add(node.clone(), wikibase("timeTimezone"), zero);
        self.add(node, wikibase("timeCalendarModel"), item(GREGORIAN));
        true
    }

    /// The fact as it is, linked IRIs substituted.
    fn copy(&mut self, t: &Triple) {
        self.add(
            self.node(&t.subject),
            t.predicate.clone(),
            self.term(&t.object),
        );
    }
}

fn is_true(term: &Term) -> bool {
    matches!(term, Term::Literal(l) if l.datatype() == xsd::BOOLEAN && matches!(l.value(), "true" | "1"))
}

fn prop(namespace: &str, pid: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{pid}"))
}

fn item(q: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WD}{q}"))
}

fn wikibase(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WIKIBASE}{local}"))
}

/// An IRI (or its part after the base) made safe as a path: unreserved characters,
/// `/` and existing `%HH` escapes stay, every other byte is percent-encoded.
fn path_part(text: &str) -> String {
    crate::percent::encode(text, crate::percent::PATH)
}

#[cfg(test)]
mod tests;
