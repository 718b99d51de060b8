//! Serve stage (web view): reading the store for the pages — SPARQL on the union of the
//! graphs, labels chosen deterministically, entity IRIs turned into `/id/…` paths and
//! back, and terms written as HTML (links for entities under the base).

use super::{escape, ID_PREFIX};
use crate::percent;
use crate::query;
use crate::serve::{Limits, ServeError};
use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator,
};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use std::collections::BTreeMap;

/// Prefixes every page query starts with.
pub const PREFIXES: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
    PREFIX prov: <http://www.w3.org/ns/prov#>\n\
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n";

/// Runs a page's own SELECT (`PREFIXES` added) with the union of the named graphs as
/// default graph (named graphs stay available to `GRAPH`), each `(variable, IRI)` of
/// `bindings` bound by [`query::prepare_bound`] (never written into the text).
pub fn select(
    store: &Store,
    text: &str,
    bindings: &[(&str, &NamedNode)],
) -> Result<Vec<QuerySolution>, ServeError> {
    let internal = |e: String| ServeError::Internal(format!("page query failed: {e}"));
    let bindings: Vec<(&str, Term)> = bindings
        .iter()
        .map(|(name, iri)| (*name, Term::from((*iri).clone())))
        .collect();
    let prepared = query::prepare_bound(
        SparqlEvaluator::new(),
        &format!("{PREFIXES}{text}"),
        &bindings,
    )
    .map_err(|e| internal(e.to_string()))?;
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| internal(e.to_string()))?;
    match results {
        QueryResults::Solutions(rows) => rows
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| internal(e.to_string())),
        _ => Ok(Vec::new()),
    }
}

/// What a page's own queries run under: the token the endpoint's timeout cancels
/// (the page is built on an evaluation thread, see [`crate::serve::limits::within`])
/// and the endpoint's row cap, applied to each query's answer.
#[derive(Clone)]
pub struct Budget {
    pub token: CancellationToken,
    pub limits: Limits,
}

/// [`select`] under `budget`: cancelled at the timeout ([`ServeError::Timeout`]),
/// refused past the row cap ([`ServeError::TooManyRows`]) without keeping more rows.
pub fn select_bounded(
    store: &Store,
    text: &str,
    bindings: &[(&str, &NamedNode)],
    budget: &Budget,
) -> Result<Vec<QuerySolution>, ServeError> {
    let bindings: Vec<(&str, Term)> = bindings
        .iter()
        .map(|(name, iri)| (*name, Term::from((*iri).clone())))
        .collect();
    let evaluator = SparqlEvaluator::new().with_cancellation_token(budget.token.clone());
    let prepared = query::prepare_bound(evaluator, &format!("{PREFIXES}{text}"), &bindings)
        .map_err(|e| page_error(e.to_string()))?;
    collect(prepared.on_store(store).execute(), budget)
}

/// A plain `SELECT … WHERE { … }` (`PREFIXES` added) run once for a list of IRIs:
/// `variable` is joined in as a `VALUES` of one row per IRI, written into the parsed
/// algebra (never into the text), under `budget` as [`select_bounded`]. No IRIs, no
/// query and no rows.
pub fn select_values(
    store: &Store,
    text: &str,
    variable: &str,
    values: &[NamedNode],
    budget: &Budget,
) -> Result<Vec<QuerySolution>, ServeError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let mut parsed = spargebra::SparqlParser::new()
        .parse_query(&format!("{PREFIXES}{text}"))
        .map_err(|e| page_error(e.to_string()))?;
    let spargebra::Query::Select {
        pattern: GraphPattern::Project { inner, .. },
        ..
    } = &mut parsed
    else {
        return Err(page_error("not a plain SELECT".to_owned()));
    };
    let variable = Variable::new(variable).map_err(|e| page_error(e.to_string()))?;
    let rows = values
        .iter()
        .map(|iri| vec![Some(GroundTerm::NamedNode(iri.clone()))])
        .collect();
    let body = std::mem::replace(inner.as_mut(), GraphPattern::Bgp { patterns: vec![] });
    **inner = GraphPattern::Join {
        left: Box::new(GraphPattern::Values {
            variables: vec![variable],
            bindings: rows,
        }),
        right: Box::new(body),
    };
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(budget.token.clone())
        .for_query(parsed);
    prepared.dataset_mut().set_default_graph_as_union();
    collect(prepared.on_store(store).execute(), budget)
}

fn page_error(message: String) -> ServeError {
    ServeError::Internal(format!("page query failed: {message}"))
}

/// The rows of an answer, at most the row cap of them; a cancelled evaluation is the
/// timeout's.
fn collect(
    results: Result<QueryResults<'_>, QueryEvaluationError>,
    budget: &Budget,
) -> Result<Vec<QuerySolution>, ServeError> {
    let limits = budget.limits;
    let error = |e: QueryEvaluationError| match e {
        QueryEvaluationError::Cancelled => ServeError::Timeout(limits.timeout),
        other => page_error(other.to_string()),
    };
    let QueryResults::Solutions(solutions) = results.map_err(error)? else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for row in solutions {
        if rows.len() == limits.max_rows {
            return Err(ServeError::TooManyRows(limits.max_rows));
        }
        rows.push(row.map_err(error)?);
    }
    Ok(rows)
}

/// The server path of an entity IRI under `base` (`{base}X` → `/id/X`); `None` for an
/// IRI elsewhere (or the base itself).
pub fn entity_path(base: &str, iri: &str) -> Option<String> {
    iri.strip_prefix(base)
        .filter(|rest| !rest.is_empty())
        .map(|rest| format!("{ID_PREFIX}{rest}"))
}

/// The entity IRI of a path after `/id/`: `{base}{rest}`, exactly as the client sent
/// it (entity IRIs are percent-encoded ASCII, so they are also their own paths); raw
/// non-ASCII bytes a client did not encode are encoded as the IRIs are (`%C3%B4`).
pub fn entity_iri(base: &str, rest: &str) -> Result<NamedNode, ServeError> {
    let encoded = percent::encode(rest, percent::NON_ASCII);
    NamedNode::new(format!("{base}{encoded}")).map_err(|_| {
        ServeError::NotFound(format!(
            "no entity at {ID_PREFIX}{rest}: not the path of an IRI"
        ))
    })
}

/// A label choice: `@en` or untagged first, then the least text (so two runs agree).
#[derive(Default)]
pub struct Labels(BTreeMap<String, (u8, String)>);

impl Labels {
    /// Offers `label` (a literal; others are ignored) for `iri`.
    pub fn offer(&mut self, iri: &str, label: Option<&Term>) {
        let Some(Term::Literal(literal)) = label else {
            return;
        };
        let rank = match literal.language() {
            None | Some("en") => 0,
            Some(_) => 1,
        };
        let candidate = (rank, literal.value().to_owned());
        let entry = self.0.entry(iri.to_owned()).or_insert(candidate.clone());
        if candidate < *entry {
            *entry = candidate;
        }
    }

    pub fn get(&self, iri: &str) -> Option<&str> {
        self.0.get(iri).map(|(_, text)| text.as_str())
    }

    /// Reads `?node ?label` rows of `query` (with `bindings`, as [`select`]) into a
    /// label table.
    pub fn read(
        store: &Store,
        query: &str,
        bindings: &[(&str, &NamedNode)],
    ) -> Result<Labels, ServeError> {
        let mut labels = Labels::default();
        for row in select(store, query, bindings)? {
            if let Some(Term::NamedNode(node)) = row.get("node") {
                labels.offer(node.as_str(), row.get("label"));
            }
        }
        Ok(labels)
    }
}

/// The text after the base (or the whole IRI), percent-decoded: a readable name for an
/// entity with no label (`record/000_e4a9…`).
pub fn short_name(base: &str, iri: &str) -> String {
    let rest = iri.strip_prefix(base).unwrap_or(iri);
    percent::decode_lossy(rest)
}

/// A link to the entity `iri` showing `text` when it is under `base`, else the text
/// with the IRI as a tooltip. Everything escaped.
pub fn link(base: &str, iri: &str, text: &str) -> String {
    match entity_path(base, iri) {
        Some(path) => format!("<a href=\"{}\">{}</a>", escape(&path), escape(text)),
        None => format!(
            "<span class=\"iri\" title=\"{}\">{}</span>",
            escape(iri),
            escape(text)
        ),
    }
}

/// A term as HTML: IRIs as [`link`]s (labelled from `labels`, else their short name),
/// literals as their text with the language or datatype beside, blank nodes as `_:id`.
pub fn term_html(base: &str, labels: &Labels, term: &Term) -> String {
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            match labels.get(iri) {
                Some(label) => link(base, iri, label),
                None if iri.starts_with(base) => link(base, iri, &short_name(base, iri)),
                None => format!(
                    "<span class=\"iri\" title=\"{}\">{}</span>",
                    escape(iri),
                    escape(&compact(iri))
                ),
            }
        }
        Term::Literal(literal) => {
            let value = escape(literal.value());
            if let Some(language) = literal.language() {
                format!("{value} <span class=\"lang\">@{}</span>", escape(language))
            } else if literal.datatype().as_str() == "http://www.w3.org/2001/XMLSchema#string" {
                value
            } else {
                format!(
                    "{value} <span class=\"datatype\">{}</span>",
                    escape(&compact(literal.datatype().as_str()))
                )
            }
        }
        Term::BlankNode(node) => format!("_:{}", escape(node.as_str())),
        #[allow(unreachable_patterns)]
        other => escape(&other.to_string()),
    }
}

/// An IRI with a well-known namespace written as a prefixed name.
pub fn compact(iri: &str) -> String {
    const NAMESPACES: &[(&str, &str)] = &[
        ("og:", "https://w3id.org/officegraph/ontology#"),
        ("ogr:", "https://w3id.org/officegraph/raw#"),
        ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
        ("prov:", "http://www.w3.org/ns/prov#"),
        ("skos:", "http://www.w3.org/2004/02/skos/core#"),
        ("foaf:", "http://xmlns.com/foaf/0.1/"),
        ("schema:", "http://schema.org/"),
        ("owl:", "http://www.w3.org/2002/07/owl#"),
    ];
    NAMESPACES
        .iter()
        .find_map(|(prefix, ns)| iri.strip_prefix(ns).map(|local| format!("{prefix}{local}")))
        .unwrap_or_else(|| iri.to_owned())
}

/// A literal's text, or `None` for other terms.
pub fn literal(term: Option<&Term>) -> Option<String> {
    match term {
        Some(Term::Literal(literal)) => Some(literal.value().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://w3id.org/officegraph/id/";

    fn labelled(n: usize) -> (Store, Vec<NamedNode>) {
        let store = Store::new().expect("store");
        let graph = NamedNode::new_unchecked(format!("{BASE}record/r"));
        let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        let nodes: Vec<NamedNode> = (0..n)
            .map(|i| NamedNode::new_unchecked(format!("{BASE}person/P{i}")))
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            let quad = oxigraph::model::Quad::new(
                node.clone(),
                label.clone(),
                oxigraph::model::Literal::new_simple_literal(format!("P {i}")),
                graph.clone(),
            );
            store.insert(&quad).expect("insert");
        }
        (store, nodes)
    }

    fn budget(max_rows: usize) -> Budget {
        Budget {
            token: CancellationToken::new(),
            limits: Limits {
                max_rows,
                ..Limits::default()
            },
        }
    }

    #[test]
    fn values_bind_many_iris_and_the_row_cap_holds() {
        let (store, nodes) = labelled(5);
        let text = "SELECT ?node ?label WHERE { ?node rdfs:label ?label }";
        let some = [nodes[0].clone(), nodes[3].clone()];
        let rows = select_values(&store, text, "node", &some, &budget(10)).expect("runs");
        let mut labels: Vec<String> = rows
            .iter()
            .filter_map(|r| literal(r.get("label")))
            .collect();
        labels.sort();
        assert_eq!(labels, ["P 0", "P 3"]);
        assert!(select_values(&store, text, "node", &[], &budget(10))
            .expect("runs")
            .is_empty());
        let over = select_values(&store, text, "node", &nodes, &budget(4));
        assert!(matches!(over, Err(ServeError::TooManyRows(4))), "{over:?}");
        let capped = select_bounded(&store, text, &[], &budget(4));
        assert!(matches!(capped, Err(ServeError::TooManyRows(4))));
        assert_eq!(
            select_bounded(&store, text, &[], &budget(5))
                .expect("runs")
                .len(),
            5
        );
        let cancelled = budget(10);
        cancelled.token.cancel();
        let stopped = select_bounded(&store, text, &[], &cancelled);
        assert!(
            matches!(stopped, Err(ServeError::Timeout(_))),
            "{stopped:?}"
        );
    }

    #[test]
    fn paths_and_iris_map_both_ways() {
        let iri = format!("{BASE}person/T%C3%B4_L%C3%A2m");
        assert_eq!(
            entity_path(BASE, &iri).as_deref(),
            Some("/id/person/T%C3%B4_L%C3%A2m")
        );
        assert_eq!(entity_path(BASE, "http://example.org/x"), None);
        assert_eq!(entity_path(BASE, BASE), None);
        assert_eq!(
            entity_iri(BASE, "person/T%C3%B4_L%C3%A2m")
                .expect("iri")
                .as_str(),
            iri
        );
        assert_eq!(
            entity_iri(BASE, "person/Tô_Lâm").expect("iri").as_str(),
            iri
        );
        assert!(entity_iri(BASE, "a b").is_err());
        assert!(entity_iri(BASE, "a>b").is_err());
    }

    #[test]
    fn short_names_decode() {
        assert_eq!(
            short_name(BASE, &format!("{BASE}record/000%5Fe4")),
            "record/000_e4"
        );
        assert_eq!(short_name(BASE, "http://x/%zz"), "http://x/%zz");
    }

    #[test]
    fn links_escape_and_stay_on_the_server() {
        let html = link(BASE, &format!("{BASE}person/X"), "<b>\"A\"</b>");
        assert_eq!(
            html,
            "<a href=\"/id/person/X\">&lt;b&gt;&quot;A&quot;&lt;/b&gt;</a>"
        );
        assert!(link(BASE, "http://evil.example/\"onmouseover", "x").contains("&quot;onmouseover"));
    }
}
