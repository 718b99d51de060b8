//! Reconcile stage (link): the normalized candidate model — the items of a
//! Wikidata-style dataset, read from its triples whatever format they came in.
//!
//! Every input reader produces Wikidata-shaped triples; [`Candidates::add_triples`]
//! is the one place that reads them: labels (`rdfs:label`, `schema:name`,
//! `skos:prefLabel`), aliases (`skos:altLabel`), `wdt:P31`, `wdt:P569`, and P39
//! statements (`p:P39`/`ps:P39`/`pq:P580`/`pq:P582`, or a bare `wdt:P39`).

use crate::date::PartialDate;
use crate::vocab::{ext, wikidata as wd};
use oxigraph::model::{Term, Triple};
use std::collections::{BTreeMap, BTreeSet};

/// What kind of thing an item is, as far as matching is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Position,
    Organization,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Position, Kind::Organization];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Position => "position",
            Kind::Organization => "organization",
        }
    }
}

/// `wdt:P31` values that make an item a human.
const PERSON_CLASSES: &[&str] = &["Q5"];
/// `wdt:P31` values that make an item a position (position, public office, post).
const POSITION_CLASSES: &[&str] = &["Q4164871", "Q294414", "Q599151", "Q30461"];
/// `wdt:P31` values that make an item an organization (organization, political party,
/// government agency, government organization, military unit, armed forces, committee,
/// party organ, general staff).
const ORGANIZATION_CLASSES: &[&str] = &[
    "Q43229", "Q7278", "Q327333", "Q2659904", "Q176799", "Q2223653", "Q865588", "Q1752346",
    "Q1313955", "Q4120211",
];

/// One "position held" statement: the position and its start and end qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Statement {
    pub position: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

/// One item of the dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub iri: String,
    pub labels: BTreeSet<String>,
    pub aliases: BTreeSet<String>,
    /// Kinds known from `wdt:P31` or usage; empty when unknown.
    pub kinds: BTreeSet<Kind>,
    pub births: BTreeSet<PartialDate>,
    pub statements: Vec<Statement>,
    /// The dataset graphs that mention the item.
    pub sources: BTreeSet<String>,
}

impl Item {
    /// Whether the item may stand for one of ours of `kind` (an item of unknown kind may).
    pub fn may_be(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// A label to show: the first label, else the first alias, else the IRI.
    pub fn display_label(&self) -> &str {
        self.labels
            .iter()
            .chain(&self.aliases)
            .next()
            .map_or(self.iri.as_str(), String::as_str)
    }
}

/// The items of one or more datasets, by IRI.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub items: BTreeMap<String, Item>,
}

#[derive(Default)]
struct RawStatement {
    subject: Option<String>,
    position: Option<String>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

impl Candidates {
    /// Adds the items described by `triples`, which came from the dataset graph `source`.
    pub fn add_triples(&mut self, triples: &[Triple], source: &str) {
        let mut statements: BTreeMap<String, RawStatement> = BTreeMap::new();
        let mut truthy: BTreeSet<(String, String)> = BTreeSet::new();
        let mut positions: BTreeSet<String> = BTreeSet::new();
        for t in triples {
            let s = subject_key(t);
            let p = t.predicate.as_str();
            let object_iri = match &t.object {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
                _ => None,
            };
            let literal = match &t.object {
                Term::Literal(l) => Some(l.value()),
                _ => None,
            };
            if p == ext::RDFS_LABEL.as_str()
                || p == wd::SCHEMA_NAME.as_str()
                || p == wd::SKOS_PREF_LABEL.as_str()
            {
                if let Some(v) = literal {
                    self.item(&s, source).labels.insert(v.to_owned());
                }
            } else if p == ext::SKOS_ALT_LABEL.as_str() {
                if let Some(v) = literal {
                    self.item(&s, source).aliases.insert(v.to_owned());
                }
            } else if p == wd::WDT_P31.as_str() {
                if let Some(kind) = object_iri.as_deref().and_then(class_kind) {
                    self.item(&s, source).kinds.insert(kind);
                }
            } else if p == wd::WDT_P569.as_str() {
                let item = self.item(&s, source);
                item.kinds.insert(Kind::Person);
                if let Some(date) = literal.and_then(PartialDate::from_wikidata) {
                    item.births.insert(date);
                }
            } else if p == wd::WDT_P39.as_str() {
                if let Some(o) = object_iri {
                    self.item(&s, source).kinds.insert(Kind::Person);
                    positions.insert(o.clone());
                    truthy.insert((s, o));
                }
            } else if p == wd::P_P39.as_str() {
                if let Some(o) = object_iri {
                    self.item(&s, source).kinds.insert(Kind::Person);
                    statements.entry(o).or_default().subject = Some(s);
                }
            } else if p == wd::PS_P39.as_str() {
                if let Some(o) = object_iri {
                    positions.insert(o.clone());
                    statements.entry(s).or_default().position = Some(o);
                }
            } else if p == wd::PQ_P580.as_str() {
                statements.entry(s).or_default().start =
                    literal.and_then(PartialDate::from_wikidata);
            } else if p == wd::PQ_P582.as_str() {
                statements.entry(s).or_default().end = literal.and_then(PartialDate::from_wikidata);
            }
        }
        for raw in statements.into_values() {
            let Some(subject) = raw.subject else { continue };
            if let Some(position) = &raw.position {
                truthy.remove(&(subject.clone(), position.clone()));
            }
            self.item(&subject, source).statements.push(Statement {
                position: raw.position,
                start: raw.start,
                end: raw.end,
            });
        }
        // A bare `wdt:P39` with no statement node: a statement without dates.
        for (subject, position) in truthy {
            let item = self.item(&subject, source);
            if !item
                .statements
                .iter()
                .any(|s| s.position.as_deref() == Some(position.as_str()))
            {
                item.statements.push(Statement {
                    position: Some(position),
                    start: None,
                    end: None,
                });
            }
        }
        for position in positions {
            self.item(&position, source).kinds.insert(Kind::Position);
        }
        for item in self.items.values_mut() {
            item.statements.sort();
            item.statements.dedup();
        }
        // Blank nodes are never items (statement nodes never get here).
        self.items.retain(|iri, _| !iri.starts_with("_:"));
    }

    fn item(&mut self, iri: &str, source: &str) -> &mut Item {
        let item = self.items.entry(iri.to_owned()).or_insert_with(|| Item {
            iri: iri.to_owned(),
            ..Item::default()
        });
        item.sources.insert(source.to_owned());
        item
    }
}

fn subject_key(t: &Triple) -> String {
    match &t.subject {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        oxigraph::model::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn class_kind(iri: &str) -> Option<Kind> {
    let local = iri.strip_prefix(wd::WD)?;
    if PERSON_CLASSES.contains(&local) {
        Some(Kind::Person)
    } else if POSITION_CLASSES.contains(&local) {
        Some(Kind::Position)
    } else if ORGANIZATION_CLASSES.contains(&local) {
        Some(Kind::Organization)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};

    fn triples(ttl: &str) -> Vec<Triple> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ttl.as_bytes())
            .map(|q| q.map(Triple::from))
            .collect::<Result<_, _>>()
            .unwrap()
    }

    const PREFIXES: &str = "@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
";

    #[test]
    fn reads_statements_labels_and_kinds() {
        let ttl = format!(
            "{PREFIXES}
wd:Q1 rdfs:label \"Nguyễn Văn Linh\"@vi ; skos:altLabel \"Nguyen Van Linh\"@en ;
  wdt:P569 \"1915-07-01T00:00:00Z\"^^xsd:dateTime ; wdt:P39 wd:Q9, wd:Q8 ;
  p:P39 [ ps:P39 wd:Q9 ; pq:P580 \"1986-12-18\"^^xsd:date ; pq:P582 \"1991-06\"^^xsd:gYearMonth ] .
wd:Q9 rdfs:label \"General Secretary\"@en .
wd:Q7 rdfs:label \"Politburo\"@en ; wdt:P31 wd:Q43229 ."
        );
        let mut c = Candidates::default();
        c.add_triples(&triples(&ttl), "g");
        assert_eq!(c.items.len(), 4, "{:?}", c.items.keys());
        let linh = &c.items["http://www.wikidata.org/entity/Q1"];
        assert_eq!(linh.kinds, BTreeSet::from([Kind::Person]));
        assert_eq!(linh.births.iter().next().unwrap().to_string(), "1915-07-01");
        assert_eq!(linh.statements.len(), 2);
        let gs = linh
            .statements
            .iter()
            .find(|s| s.position.as_deref() == Some("http://www.wikidata.org/entity/Q9"))
            .unwrap();
        assert_eq!(gs.start.unwrap().to_string(), "1986-12-18");
        assert_eq!(gs.end.unwrap().to_string(), "1991-06");
        let q8 = &c.items["http://www.wikidata.org/entity/Q8"];
        assert_eq!(q8.kinds, BTreeSet::from([Kind::Position]));
        assert!(c.items["http://www.wikidata.org/entity/Q7"].may_be(Kind::Organization));
        assert!(!c.items["http://www.wikidata.org/entity/Q7"].may_be(Kind::Person));
    }
}
