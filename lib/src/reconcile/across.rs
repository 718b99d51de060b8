//! Reconcile stage, across records: succession per position over every record of the
//! store. When two records describe one position, each record's own chain is only a
//! piece; this pass orders all the position's tenures by start date and makes that
//! the one chain, in the graph `{base}succession`, taking the pieces out of the
//! record graphs so a tenure never has two `og:next`.

use crate::names::{record_graphs, succession_graph};
use crate::record::date::parse_date;
use crate::vocab::og;
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef,
};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the pass changes: links to take out of record graphs, and the new contents of
/// the succession graph (empty when no position spans two records).
#[derive(Debug, Default, PartialEq)]
pub struct SuccessionPlan {
    pub remove: Vec<Quad>,
    pub succession: Vec<Quad>,
}

#[derive(Debug)]
struct Tenure<'a> {
    iri: NamedNodeRef<'a>,
    start: Option<crate::date::PartialDate>,
    ordinal: Option<i64>,
    graphs: BTreeSet<&'a str>,
}

/// The predicates [`plan_succession`] reads.
const FEEDS: [oxigraph::model::NamedNodeRef<'static>; 5] = [
    og::POSITION_PROP,
    og::START,
    og::ORDINAL,
    og::NEXT,
    og::PREVIOUS,
];

/// Whether [`plan_succession`] reads `quad`: these quads alone give the same plan as
/// the whole store ([`plan_succession_of`], how the bulk path of `ingest` plans
/// without a store).
pub fn feeds_succession(quad: &Quad) -> bool {
    feeds_succession_ref(quad.as_ref())
}

/// [`feeds_succession`] for a borrowed quad.
pub fn feeds_succession_ref(quad: QuadRef<'_>) -> bool {
    FEEDS.contains(&quad.predicate)
}

/// The quads [`plan_succession`] reads, per record graph, with every distinct term
/// held once: how the bulk path of `ingest` keeps them while the records stream by
/// (a few hundred bytes per tenure rather than a few per quad).
#[derive(Debug, Default)]
pub struct SuccessionInputs {
    /// Every distinct term, held once, with its id.
    ids: HashMap<Term, u32>,
    /// Graph id → its (subject, predicate, object) ids.
    graphs: HashMap<u32, Vec<[u32; 3]>>,
}

impl SuccessionInputs {
    pub fn new() -> Self {
        Self::default()
    }

    fn id(&mut self, term: Term) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(term, id);
        id
    }

    /// Replaces what `graph` contributes with those of `quads` that [feed the
    /// pass](feeds_succession) (a record read again replaces the earlier one).
    pub fn replace_graph<'q>(
        &mut self,
        graph: &NamedNode,
        quads: impl IntoIterator<Item = QuadRef<'q>>,
    ) {
        let g = self.id(graph.clone().into());
        let mut triples = Vec::new();
        for quad in quads.into_iter().filter(|q| FEEDS.contains(&q.predicate)) {
            triples.push([
                self.id(quad.subject.into_owned().into()),
                self.id(quad.predicate.into_owned().into()),
                self.id(quad.object.into_owned()),
            ]);
        }
        triples.shrink_to_fit();
        self.graphs.insert(g, triples);
    }

    /// The plan for these quads (see [`plan_succession`]).
    pub fn plan(&self, base: &str) -> SuccessionPlan {
        let mut terms: Vec<Option<&Term>> = vec![None; self.ids.len()];
        for (term, &id) in &self.ids {
            if let Some(slot) = terms.get_mut(id as usize) {
                *slot = Some(term);
            }
        }
        let terms = &terms;
        let term = move |id: u32| terms.get(id as usize).copied().flatten();
        // Only tenures of positions that two or more graphs describe can change; the
        // others (every tenure of a store of one large record) are not handed on.
        let position = self.ids.get(&Term::from(og::POSITION_PROP.into_owned()));
        let mut graphs_of: HashMap<u32, BTreeSet<u32>> = HashMap::new();
        for (&g, triples) in &self.graphs {
            for &[_, p, o] in triples {
                if Some(&p) == position {
                    graphs_of.entry(o).or_default().insert(g);
                }
            }
        }
        let mut shared: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for triples in self.graphs.values() {
            for &[s, p, o] in triples {
                if Some(&p) == position && graphs_of.get(&o).is_some_and(|g| g.len() > 1) {
                    shared.insert(s);
                }
            }
        }
        drop(graphs_of);
        let shared = &shared;
        let quads = self.graphs.iter().flat_map(|(&g, triples)| {
            triples.iter().filter_map(move |&[s, p, o]| {
                if !shared.contains(&s) {
                    return None;
                }
                let subject = match term(s)? {
                    Term::NamedNode(n) => NamedOrBlankNodeRef::NamedNode(n.as_ref()),
                    Term::BlankNode(b) => NamedOrBlankNodeRef::BlankNode(b.as_ref()),
                    _ => return None,
                };
                let (Term::NamedNode(predicate), Term::NamedNode(graph)) = (term(p)?, term(g)?)
                else {
                    return None;
                };
                Some(QuadRef::new(
                    subject,
                    predicate.as_ref(),
                    term(o)?.as_ref(),
                    graph.as_ref(),
                ))
            })
        });
        plan_succession_of(quads, base)
    }
}

/// Plans the store-wide succession of every position whose tenures come from two or
/// more record graphs (`{base}record/…`).
pub fn plan_succession(store: &Store, base: &str) -> Result<SuccessionPlan, StorageError> {
    let mut quads = Vec::new();
    for predicate in FEEDS {
        for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
            quads.push(quad?);
        }
    }
    Ok(plan_succession_of(quads.iter().map(Quad::as_ref), base))
}

/// [`plan_succession`] over `quads` (in any order; those not [feeding
/// it](feeds_succession) are ignored).
pub fn plan_succession_of<'a>(
    quads: impl IntoIterator<Item = QuadRef<'a>>,
    base: &str,
) -> SuccessionPlan {
    let records = record_graphs(base);
    let in_record = |g: GraphNameRef<'_>| matches!(g, GraphNameRef::NamedNode(n) if n.as_str().starts_with(&records));
    // position → tenure IRI → what we know of it
    let mut positions: BTreeMap<NamedNodeRef<'a>, BTreeMap<NamedNodeRef<'a>, Tenure<'a>>> =
        BTreeMap::new();
    // tenure → its start, ordinal and succession links, in record graphs
    let mut by_subject: HashMap<NamedOrBlankNodeRef<'a>, Vec<QuadRef<'a>>> = HashMap::new();
    for quad in quads {
        if !in_record(quad.graph_name) {
            continue;
        }
        if quad.predicate != og::POSITION_PROP {
            if FEEDS.contains(&quad.predicate) {
                by_subject.entry(quad.subject).or_default().push(quad);
            }
            continue;
        }
        let (NamedOrBlankNodeRef::NamedNode(tenure), TermRef::NamedNode(position)) =
            (quad.subject, quad.object)
        else {
            continue;
        };
        let GraphNameRef::NamedNode(graph) = quad.graph_name else {
            continue;
        };
        let entry = positions
            .entry(position)
            .or_default()
            .entry(tenure)
            .or_insert_with(|| Tenure {
                iri: tenure,
                start: None,
                ordinal: None,
                graphs: BTreeSet::new(),
            });
        entry.graphs.insert(graph.as_str());
    }
    let mut plan = SuccessionPlan::default();
    let graph = NamedNode::new_unchecked(succession_graph(base));
    for tenures in positions.values_mut() {
        let graphs: BTreeSet<&str> = tenures
            .values()
            .flat_map(|t| t.graphs.iter().copied())
            .collect();
        if graphs.len() < 2 {
            continue; // one record: its own chain is the whole chain
        }
        for tenure in tenures.values_mut() {
            let subject = NamedOrBlankNodeRef::NamedNode(tenure.iri);
            for &quad in by_subject.get(&subject).into_iter().flatten() {
                // Where records disagree, the earliest start and lowest ordinal win
                // (whatever order the quads came in).
                if quad.predicate == og::START {
                    if let TermRef::Literal(l) = quad.object {
                        if let Ok(date) = parse_date(l.value()) {
                            tenure.start = Some(tenure.start.map_or(date, |d| d.min(date)));
                        }
                    }
                } else if quad.predicate == og::ORDINAL {
                    if let TermRef::Literal(l) = quad.object {
                        if let Ok(n) = l.value().parse::<i64>() {
                            tenure.ordinal = Some(tenure.ordinal.map_or(n, |o| o.min(n)));
                        }
                    }
                } else if quad.predicate == og::NEXT || quad.predicate == og::PREVIOUS {
                    plan.remove.push(quad.into_owned());
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
            let (before, after) = (pair[0].iri, pair[1].iri);
            plan.succession
                .push(Quad::new(before, og::NEXT, after, graph.clone()));
            plan.succession
                .push(Quad::new(after, og::PREVIOUS, before, graph.clone()));
        }
    }
    plan.remove.sort_by_key(ToString::to_string);
    plan.remove.dedup();
    plan.succession.sort_by_key(ToString::to_string);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{process_csv, process_text, ExtractConfig as Config};

    const BASE: &str = "https://w3id.org/officegraph/id/";

    fn store_of(records: &[crate::extract::ProcessedRecord]) -> Store {
        let store = Store::new().unwrap();
        for r in records {
            store.extend(r.quads.clone()).unwrap();
        }
        store
    }

    #[test]
    fn one_record_per_position_changes_nothing() {
        let seed = include_bytes!("../../../data/records/000_e4a9c8e7bf582234.txt");
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
        // A position of one record alongside: its chain is its own.
        let c = "= Mayor of R =\n\n| No. | Name | Took office | Left office |\n| 1 | D | 1950 | 1960 |\n| 2 | E | 1960 | 1965 |\n";
        let records = [
            process_text("a", "a.txt", a.as_bytes(), &Config::default()),
            process_csv("b", "b.csv", b.as_bytes(), &Config::default()),
            process_text("c", "c.txt", c.as_bytes(), &Config::default()),
        ];
        let plan = plan_succession(&store_of(&records), BASE).unwrap();
        let inputs = Store::new().unwrap();
        for r in &records {
            inputs
                .extend(r.quads.iter().filter(|q| feeds_succession(q)).cloned())
                .unwrap();
        }
        assert!(inputs.len().unwrap() < store_of(&records).len().unwrap());
        assert_eq!(
            plan_succession(&inputs, BASE).unwrap(),
            plan,
            "the quads that feed the pass are enough to plan it"
        );
        let mut interned = SuccessionInputs::new();
        // A graph given twice: the second replaces the first.
        interned.replace_graph(
            &records[0].record_iri,
            records[1].quads.iter().map(Quad::as_ref),
        );
        for r in &records {
            interned.replace_graph(&r.record_iri, r.quads.iter().map(Quad::as_ref));
        }
        assert_eq!(interned.plan(BASE), plan, "interned, the same plan");
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
