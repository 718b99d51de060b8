//! Query stage: parameters joined in as a one-row `VALUES` at the start of the WHERE
//! pattern. Oxigraph's `substitute_variable` binds a parameter only when evaluation
//! starts, after the plan is made, so a plan that begins with `?t a og:Tenure` still
//! walks every tenure before it meets `og:position <P>`. Written into the algebra (never
//! into the query text) as the first element of the WHERE group, the value is a constant
//! the optimizer plans from, and the group sees exactly the binding the substitution
//! gives: `{ VALUES ?position { <P> } … }`.
//!
//! This is the one way a value gets into a query: stored-query parameters (CLI and
//! serve, through [`super::prepare_with`]), the web pages and the timeline (through
//! [`super::prepare_bound`]) all come here.

use super::QueryError;
use oxigraph::model::{Term, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::Query;

/// Joins `bindings` into `query`'s WHERE pattern as its first element, as terms of
/// the algebra (never as text, so no value can change the query). A blank node cannot
/// be written in `VALUES`: it is refused.
pub fn bind(query: &mut Query, bindings: &[(Variable, Term)]) -> Result<(), QueryError> {
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (variable, term) in bindings {
        let ground = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => {
                return Err(QueryError::BadParam {
                    name: variable.as_str().to_owned(),
                    value: other.to_string(),
                    reason: "a blank node cannot be bound".to_owned(),
                })
            }
        };
        variables.push(variable.clone());
        row.push(Some(ground));
    }
    if variables.is_empty() {
        return Ok(());
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
    Ok(())
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
        bind(&mut query, bindings).unwrap();
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
        // A blank node cannot be written in VALUES: refused.
        let b = (
            Variable::new_unchecked("position"),
            Term::from(oxigraph::model::BlankNode::default()),
        );
        let mut query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        let before = query.to_string();
        assert!(bind(&mut query, &[b]).is_err());
        assert_eq!(query.to_string(), before);
        // A sub-select keeps its own scope: the VALUES goes around it, not in it.
        let sub =
            "SELECT ?position WHERE { { SELECT ?position WHERE { ?t <http://x/p> ?position } } }";
        let out = bound(sub, &[p]);
        assert!(
            out.find("VALUES").unwrap() < out.rfind("SELECT").unwrap(),
            "{out}"
        );
    }

    #[test]
    fn a_hostile_value_cannot_change_the_query() {
        use oxigraph::model::{GraphName, Quad};
        use oxigraph::sparql::{QueryResults, SparqlEvaluator};
        use oxigraph::store::Store;
        let text = "SELECT ?s ?o WHERE { ?s <http://x/p> ?o }";
        let hostile = [
            Term::from(Literal::new_simple_literal(
                "x\" } ; DROP ALL ; INSERT DATA { <http://x/a> <http://x/a> 'b' } #\n> '''",
            )),
            Term::from(Literal::new_language_tagged_literal_unchecked(
                "}\n;\"", "en",
            )),
            // Unchecked, as no parser would let it through: still one IRI, not text.
            Term::from(NamedNode::new_unchecked(
                "http://x/s> } ; DELETE WHERE { ?s ?p ?o } ; SELECT * { <http://x/q",
            )),
        ];
        let s = NamedNode::new_unchecked("http://x/s");
        let p = NamedNode::new_unchecked("http://x/p");
        let g = GraphName::NamedNode(NamedNode::new_unchecked("http://x/g"));
        let plain_quad = Quad::new(s.clone(), p.clone(), Literal::from("plain"), g.clone());
        let store = Store::new().unwrap();
        store.insert(&plain_quad).unwrap();
        for value in &hostile {
            // The algebra: the query as parsed, its pattern joined with one VALUES row
            // holding exactly the value.
            let plain = spargebra::SparqlParser::new().parse_query(text).unwrap();
            let mut query = plain.clone();
            let o = Variable::new_unchecked("o");
            bind(&mut query, &[(o.clone(), value.clone())]).unwrap();
            let (
                Query::Select {
                    pattern: GraphPattern::Project { inner: before, .. },
                    ..
                },
                Query::Select {
                    pattern: GraphPattern::Project { inner: after, .. },
                    ..
                },
            ) = (&plain, &query)
            else {
                panic!("{query}")
            };
            let GraphPattern::Join { left, right } = after.as_ref() else {
                panic!("{query}")
            };
            assert_eq!(right, before, "{query}");
            let GraphPattern::Values {
                variables,
                bindings,
            } = left.as_ref()
            else {
                panic!("{query}")
            };
            assert_eq!(variables, &[o]);
            let ground = match value {
                Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
                Term::Literal(l) => GroundTerm::Literal(l.clone()),
                _ => unreachable!(),
            };
            assert_eq!(bindings, &[vec![Some(ground)]]);
            // Evaluated: only that exact value matches, and the store is untouched.
            let count = |store: &Store| {
                let bound = [("o", value.clone())];
                let prepared =
                    super::super::prepare_bound(SparqlEvaluator::new(), text, &bound).unwrap();
                let QueryResults::Solutions(rows) = prepared.on_store(store).execute().unwrap()
                else {
                    panic!("solutions")
                };
                let rows: Vec<_> = rows.map(Result::unwrap).collect();
                assert!(rows.iter().all(|r| r.get("o") == Some(value)));
                rows.len()
            };
            assert_eq!(count(&store), 0);
            assert_eq!(store.len().unwrap(), 1);
            let with_it = Store::new().unwrap();
            with_it.insert(&plain_quad).unwrap();
            with_it
                .insert(&Quad::new(s.clone(), p.clone(), value.clone(), g.clone()))
                .unwrap();
            assert_eq!(count(&with_it), 1);
            assert_eq!(with_it.len().unwrap(), 2);
        }
    }
}
