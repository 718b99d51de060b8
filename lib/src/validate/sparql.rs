//! Validate stage: SPARQL-based constraints (`sh:sparql` SELECT with `$this`
//! pre-bound, messages with `{?var}`). The SPARQL operators the core engine borrows
//! are in `compare.rs`.

use super::core::ShapeResult;
use super::shapes::{NodeShape, SparqlConstraint};
use super::ValidateError;
use oxigraph::model::{GraphName, NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;

/// Runs `query` (with `bindings` substituted) on `store` with `graph` (or an empty
/// default graph) as its default graph.
fn select(
    store: &Store,
    graph: Option<&NamedNode>,
    query: &str,
    bindings: &[(&str, Term)],
) -> Result<Vec<Vec<(String, Term)>>, ValidateError> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| ValidateError::Sparql(format!("{e} in {query}")))?;
    for (name, term) in bindings {
        let var = Variable::new(*name).map_err(|e| ValidateError::Sparql(e.to_string()))?;
        prepared = prepared.substitute_variable(var, term.clone());
    }
    if let Some(g) = graph {
        prepared
            .dataset_mut()
            .set_default_graph(vec![GraphName::NamedNode(g.clone())]);
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| ValidateError::Sparql(e.to_string()))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(ValidateError::Sparql(format!(
            "not a SELECT query: {query}"
        )));
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| ValidateError::Sparql(e.to_string()))?;
        rows.push(
            solution
                .iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                .collect(),
        );
    }
    Ok(rows)
}

/// Evaluates the `sh:sparql` constraints of `shape` on `focus` in `graph` of `store`.
pub fn check_sparql(
    shape: &NodeShape,
    focus: &Term,
    store: &Store,
    graph: &NamedNode,
    out: &mut Vec<ShapeResult>,
) -> Result<(), ValidateError> {
    for constraint in &shape.sparql {
        for row in select(
            store,
            Some(graph),
            &constraint.query,
            &[("this", focus.clone())],
        )? {
            let get = |name: &str| row.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone());
            out.push(ShapeResult {
                focus: focus.clone(),
                path: None,
                value: get("value"),
                severity: shape.severity,
                source_shape: shape.id.clone(),
                component: "SPARQLConstraintComponent",
                message: message(constraint, shape, &row),
            });
        }
    }
    Ok(())
}

/// `sh:message` with `{?var}` / `{$var}` replaced by the row's values (lexical form
/// for literals, as pySHACL writes them).
fn message(constraint: &SparqlConstraint, shape: &NodeShape, row: &[(String, Term)]) -> String {
    let mut text = constraint
        .message
        .clone()
        .or_else(|| shape.message.clone())
        .unwrap_or_else(|| "SPARQL constraint not satisfied".to_owned());
    for (name, term) in row {
        let shown = match term {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        for sigil in ['?', '$'] {
            text = text.replace(&format!("{{{sigil}{name}}}"), &shown);
        }
    }
    text
}
