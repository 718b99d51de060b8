//! Reconcile stage, across records: succession per position over every record of the
//! store. When two records describe one position, each record's own chain is only a
//! piece; this pass orders all the position's tenures by start date and makes that
//! the one chain, in the graph `{base}succession`, taking the pieces out of the
//! record graphs so a tenure never has two `og:next`.

use crate::record::date::parse_date;
use crate::vocab::og;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet};

/// The graph that holds the succession of positions spread over several records.
pub fn succession_graph(base: &str) -> String {
    format!("{base}succession")
}

/// What the pass changes: links to take out of record graphs, and the new contents of
/// the succession graph (empty when no position spans two records).
#[derive(Debug, Default, PartialEq)]
pub struct SuccessionPlan {
    pub remove: Vec<Quad>,
    pub succession: Vec<Quad>,
}

#[derive(Debug)]
struct Tenure {
    iri: NamedNode,
    start: Option<crate::record::PartialDate>,
    ordinal: Option<i64>,
    graphs: BTreeSet<String>,
}

/// Plans the store-wide succession of every position whose tenures come from two or
/// more record graphs (`{base}record/…`).
pub fn plan_succession(store: &Store, base: &str) -> Result<SuccessionPlan, StorageError> {
    let records = format!("{base}record/");
    let in_record = |g: GraphNameRef<'_>| matches!(g, GraphNameRef::NamedNode(n) if n.as_str().starts_with(&records));
    // position → tenure IRI → what we know of it
    let mut positions: BTreeMap<NamedNode, BTreeMap<NamedNode, Tenure>> = BTreeMap::new();
    for quad in store.quads_for_pattern(None, Some(og::POSITION_PROP), None, None) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(tenure), Term::NamedNode(position)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            continue;
        };
        if !in_record(GraphNameRef::NamedNode(graph.as_ref())) {
            continue;
        }
        let entry = positions
            .entry(position.clone())
            .or_default()
            .entry(tenure.clone())
            .or_insert_with(|| Tenure {
                iri: tenure.clone(),
                start: None,
                ordinal: None,
                graphs: BTreeSet::new(),
            });
        entry.graphs.insert(graph.as_str().to_owned());
    }
    let mut plan = SuccessionPlan::default();
    let graph = NamedNode::new_unchecked(succession_graph(base));
    for tenures in positions.values_mut() {
        let graphs: BTreeSet<&String> = tenures.values().flat_map(|t| &t.graphs).collect();
        if graphs.len() < 2 {
            continue; // one record: its own chain is the whole chain
        }
        for tenure in tenures.values_mut() {
            for quad in store.quads_for_pattern(Some(tenure.iri.as_ref().into()), None, None, None)
            {
                let quad = quad?;
                if !in_record(quad.graph_name.as_ref()) {
                    continue;
                }
                if quad.predicate == og::START {
                    if let Term::Literal(l) = &quad.object {
                        tenure.start = tenure.start.or_else(|| parse_date(l.value()).ok());
                    }
                } else if quad.predicate == og::ORDINAL {
                    if let Term::Literal(l) = &quad.object {
                        tenure.ordinal = tenure.ordinal.or_else(|| l.value().parse().ok());
                    }
                } else if quad.predicate == og::NEXT || quad.predicate == og::PREVIOUS {
                    plan.remove.push(quad);
                }
            }
        }
        let mut order: Vec<&Tenure> = tenures.values().filter(|t| t.start.is_some()).collect();
        order.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.ordinal.is_none().cmp(&b.ordinal.is_none()))
                .then(a.ordinal.cmp(&b.ordinal))
                .then(a.iri.as_str().cmp(b.iri.as_str()))
        });
        for pair in order.windows(2) {
            let (before, after) = (&pair[0].iri, &pair[1].iri);
            plan.succession.push(Quad::new(
                before.clone(),
                og::NEXT,
                after.clone(),
                graph.clone(),
            ));
            plan.succession.push(Quad::new(
                after.clone(),
                og::PREVIOUS,
                before.clone(),
                graph.clone(),
            ));
        }
    }
    plan.remove.sort_by_key(ToString::to_string);
    plan.remove.dedup();
    plan.succession.sort_by_key(ToString::to_string);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{process_csv, process_text, Config};

    const BASE: &str = "https://w3id.org/officegraph/id/";

    fn store_of(records: &[crate::pipeline::ProcessedRecord]) -> Store {
        let store = Store::new().unwrap();
        for r in records {
            store.extend(r.quads.clone()).unwrap();
        }
        store
    }

    #[test]
    fn one_record_per_position_changes_nothing() {
        let seed = include_bytes!("../../data/records/000_e4a9c8e7bf582234.txt");
        let store = store_of(&[process_text("a", "a.txt", seed, &Config::default())]);
        assert_eq!(
            plan_succession(&store, BASE).unwrap(),
            SuccessionPlan::default()
        );
    }

    #[test]
    fn two_records_of_one_position_make_one_chain() {
        let a = "= Mayor of Q =\n\n| No. | Name | Took office | Left office |\n| 1 | A | 1950 | 1960 |\n| 3 | C | 1970 | 1980 |\n";
        let b = "position,name,start,end\nMayor of Q,B,1960,1970\n";
        let records = [
            process_text("a", "a.txt", a.as_bytes(), &Config::default()),
            process_csv("b", "b.csv", b.as_bytes(), &Config::default()),
        ];
        let plan = plan_succession(&store_of(&records), BASE).unwrap();
        assert_eq!(
            plan.remove.len(),
            2,
            "A→C and C←A leave record a: {:?}",
            plan.remove
        );
        let next: Vec<String> = plan
            .succession
            .iter()
            .filter(|q| q.predicate == og::NEXT)
            .map(|q| {
                format!("{} {}", q.subject, q.object)
                    .replace(&format!("{BASE}tenure/Mayor_of_Q/"), "")
            })
            .collect();
        assert_eq!(next, ["<1950/A> <1960/B>", "<1960/B> <1970/C>"]);
    }
}
