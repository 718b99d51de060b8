//! Reconcile stage (link): our side — the persons, positions and organizations of
//! the store's record graphs, with what matching needs from them.

use super::model::Kind;
use crate::date::PartialDate;
use crate::vocab::{ext, og};
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet};

/// One of our tenures, as seen from its holder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OurTenure {
    pub position: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

/// One of our entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OurEntity {
    pub iri: String,
    pub labels: BTreeSet<String>,
    pub aliases: BTreeSet<String>,
    pub birth_year: Option<i32>,
    /// For persons: the tenures they held. For positions: empty.
    pub tenures: Vec<OurTenure>,
}

impl OurEntity {
    pub fn display_label(&self) -> &str {
        self.labels
            .iter()
            .next()
            .map_or(self.iri.as_str(), String::as_str)
    }
}

/// Our entities of each kind, sorted by IRI.
#[derive(Debug, Clone, Default)]
pub struct Ours {
    pub entities: BTreeMap<Kind, Vec<OurEntity>>,
}

impl Ours {
    pub fn of(&self, kind: Kind) -> &[OurEntity] {
        self.entities.get(&kind).map_or(&[], Vec::as_slice)
    }
}

#[derive(Default)]
struct TenureFacts {
    holder: Option<String>,
    position: Option<String>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

/// Reads our entities from the named graphs whose IRI starts with `record_prefix`.
pub fn read(store: &Store, record_prefix: &str) -> Result<Ours, StorageError> {
    let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
    let mut entities: BTreeMap<String, OurEntity> = BTreeMap::new();
    let mut tenures: BTreeMap<String, TenureFacts> = BTreeMap::new();
    for quad in store.quads_for_pattern(None, None, None, None) {
        let quad = quad?;
        match &quad.graph_name {
            GraphName::NamedNode(g) if g.as_str().starts_with(record_prefix) => {}
            _ => continue,
        }
        let NamedOrBlankNode::NamedNode(s) = &quad.subject else {
            continue;
        };
        let s = s.as_str().to_owned();
        let p = quad.predicate.as_ref();
        let iri = match &quad.object {
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        };
        let literal = match &quad.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        };
        if p == ext::RDF_TYPE {
            let kind = match iri.as_deref() {
                Some(c) if c == og::PERSON.as_str() => Some(Kind::Person),
                Some(c) if c == og::POSITION.as_str() => Some(Kind::Position),
                Some(c) if c == og::ORGANIZATION.as_str() => Some(Kind::Organization),
                _ => None,
            };
            if let Some(kind) = kind {
                kinds.insert(s.clone(), kind);
            }
        } else if p == ext::RDFS_LABEL {
            if let Some(v) = literal {
                slot(&mut entities, &s).labels.insert(v);
            }
        } else if p == ext::SKOS_ALT_LABEL {
            if let Some(v) = literal {
                slot(&mut entities, &s).aliases.insert(v);
            }
        } else if p == og::BIRTH_YEAR {
            slot(&mut entities, &s).birth_year = literal.and_then(|v| v.parse().ok());
        } else if p == og::HOLDER {
            tenures.entry(s).or_default().holder = iri;
        } else if p == og::POSITION_PROP {
            tenures.entry(s).or_default().position = iri;
        } else if p == og::START {
            tenures.entry(s).or_default().start =
                literal.as_deref().and_then(PartialDate::from_wikidata);
        } else if p == og::END {
            tenures.entry(s).or_default().end =
                literal.as_deref().and_then(PartialDate::from_wikidata);
        }
    }
    for facts in tenures.into_values() {
        let (Some(holder), Some(position)) = (facts.holder, facts.position) else {
            continue;
        };
        slot(&mut entities, &holder).tenures.push(OurTenure {
            position,
            start: facts.start,
            end: facts.end,
        });
    }
    let mut ours = Ours::default();
    for (iri, kind) in kinds {
        let mut entity = entities.remove(&iri).unwrap_or_else(|| OurEntity {
            iri: iri.clone(),
            ..OurEntity::default()
        });
        entity.tenures.sort();
        entity.tenures.dedup();
        ours.entities.entry(kind).or_default().push(entity);
    }
    Ok(ours)
}

fn slot<'a>(entities: &'a mut BTreeMap<String, OurEntity>, iri: &str) -> &'a mut OurEntity {
    entities.entry(iri.to_owned()).or_insert_with(|| OurEntity {
        iri: iri.to_owned(),
        ..OurEntity::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    #[test]
    fn reads_only_record_graphs() {
        let trig = r#"
@prefix og: <https://w3id.org/officegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://b/record/r> {
  <http://b/person/A> a og:Person ; rdfs:label "Tô Lâm"@en ; og:birthYear "1957"^^xsd:gYear .
  <http://b/position/P> a og:Position ; rdfs:label "P"@en .
  <http://b/tenure/t> og:holder <http://b/person/A> ; og:position <http://b/position/P> ;
    og:start "2024-08-03"^^xsd:date .
  <http://b/person/unnamed/P/1945> a og:Person .
}
<http://b/dataset/x> { <http://w/Q1> a og:Person ; rdfs:label "Tô Lâm"@vi . }
"#;
        let store = Store::new().unwrap();
        store
            .load_from_reader(RdfFormat::TriG, trig.as_bytes())
            .unwrap();
        let ours = read(&store, "http://b/record/").unwrap();
        let persons = ours.of(Kind::Person);
        assert_eq!(persons.len(), 2);
        let a = &persons[0];
        assert_eq!(a.display_label(), "Tô Lâm");
        assert_eq!(a.birth_year, Some(1957));
        assert_eq!(a.tenures.len(), 1);
        assert_eq!(a.tenures[0].position, "http://b/position/P");
        assert_eq!(
            a.tenures[0].start.map(|d| d.to_string()).as_deref(),
            Some("2024-08-03")
        );
        assert!(persons[1].labels.is_empty());
        assert_eq!(ours.of(Kind::Position).len(), 1);
        assert!(ours.of(Kind::Organization).is_empty());
    }
}
