//! Query stage: parameters joined in as a one-row `VALUES` at the start of the WHERE
//! pattern. Oxigraph's `substitute_variable` binds a parameter only when evaluation
//! starts, after the plan is made, so a plan that begins with `?t a og:Tenure` still
//! walks every tenure before it meets `og:position <P>`. Written into the algebra (never
//! into the query text) as the first element of the WHERE group, the value is a constant
//! the optimizer plans from, and the group sees exactly the binding the substitution
//! gives: `{ VALUES ?position { <P> } … }`.

use oxigraph::model::{Term, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::Query;

/// Joins `bindings` into `query`'s WHERE pattern as its first element. Values that
/// cannot be written in `VALUES` (blank nodes) are left to the substitution alone.
pub fn bind_inline(query: &mut Query, bindings: &[(Variable, Term)]) {
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (variable, term) in bindings {
        let ground = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            _ => continue,
        };
        variables.push(variable.clone());
        row.push(Some(ground));
    }
    if variables.is_empty() {
        return;
    }
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    let first = first_of_group(solution_body(pattern));
    let leaf = std::mem::replace(first, GraphPattern::Bgp { patterns: vec![] });
    *first = GraphPattern::Join {
        left: Box::new(GraphPattern::Values {
            variables,
            bindings: vec![row],
        }),
        right: Box::new(leaf),
    };
}

/// Below the solution modifiers of the query itself (slice, distinct, the one
/// projection, order, select expressions, HAVING, grouping): the WHERE pattern. A
/// second projection is a sub-select, with a scope of its own: not entered.
fn solution_body(pattern: &mut GraphPattern) -> &mut GraphPattern {
    let mut pattern = match pattern {
        GraphPattern::Slice { inner, .. } => inner.as_mut(),
        other => other,
    };
    pattern = match pattern {
        GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } => inner.as_mut(),
        other => other,
    };
    pattern = match pattern {
        GraphPattern::Project { inner, .. } => inner.as_mut(),
        other => other,
    };
    below_modifiers(pattern)
}

fn below_modifiers(pattern: &mut GraphPattern) -> &mut GraphPattern {
    match pattern {
        GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => below_modifiers(inner),
        other => other,
    }
}

/// The first element of a group: down the left side of its joins, optionals, minus,
/// BINDs and FILTERs, stopping at anything that opens a scope of its own (a sub-select,
/// a union, GRAPH, SERVICE) or is a leaf.
fn first_of_group(pattern: &mut GraphPattern) -> &mut GraphPattern {
    match pattern {
        GraphPattern::Join { left, .. }
        | GraphPattern::LeftJoin { left, .. }
        | GraphPattern::Minus { left, .. } => first_of_group(left),
        GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. } => {
            first_of_group(inner)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn bound(text: &str, bindings: &[(Variable, Term)]) -> String {
        let mut query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        bind_inline(&mut query, bindings);
        query.to_string()
    }

    #[test]
    fn values_come_first_in_the_where_group() {
        let p = (
            Variable::new_unchecked("position"),
            Term::from(NamedNode::new_unchecked("http://x/P")),
        );
        let d = (
            Variable::new_unchecked("date"),
            Term::from(Literal::new_simple_literal("1975")),
        );
        let text = "SELECT DISTINCT ?position ?t WHERE { ?t <http://x/p> ?position OPTIONAL { ?t <http://x/e> ?e } BIND(STR(?date) AS ?d) FILTER(?d != \"\") } ORDER BY ?t LIMIT 3";
        let out = bound(text, &[p.clone(), d]);
        let values = out.find("VALUES").expect(&out);
        assert!(values < out.find("<http://x/p>").unwrap(), "{out}");
        assert!(
            out.contains("<http://x/P>") && out.contains("\"1975\""),
            "{out}"
        );
        // A blank node cannot be written in VALUES: left alone.
        let b = (
            Variable::new_unchecked("position"),
            Term::from(oxigraph::model::BlankNode::default()),
        );
        assert!(!bound(text, &[b]).contains("VALUES"));
        // A sub-select keeps its own scope: the VALUES goes around it, not in it.
        let sub =
            "SELECT ?position WHERE { { SELECT ?position WHERE { ?t <http://x/p> ?position } } }";
        let out = bound(sub, &[p]);
        assert!(
            out.find("VALUES").unwrap() < out.rfind("SELECT").unwrap(),
            "{out}"
        );
    }
}
