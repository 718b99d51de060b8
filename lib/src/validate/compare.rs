//! Validate stage: the SPARQL operators the core engine borrows (`REGEX` for
//! `sh:pattern`, `<=` for `sh:min/maxInclusive`, lexical forms for `sh:datatype`),
//! evaluated by Oxigraph on an empty store.

use super::ValidateError;
use crate::query;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// SPARQL's operators on single values, on an empty store.
pub struct Compare {
    empty: Store,
}

impl Compare {
    pub fn new() -> Result<Self, ValidateError> {
        Ok(Self {
            empty: Store::new().map_err(|e| ValidateError::Sparql(e.to_string()))?,
        })
    }

    /// `ASK { FILTER (filter) }` with each `?name` of `bindings` bound to its term by
    /// [`query::prepare_bound`] (never written into the text).
    fn ask(&self, filter: &str, bindings: &[(&str, Term)]) -> Result<bool, ValidateError> {
        let query = format!("ASK {{ FILTER ({filter}) }}");
        let results = query::prepare_bound(SparqlEvaluator::new(), &query, bindings)
            .map_err(|e| ValidateError::Sparql(format!("{e} in {query}")))?
            .on_store(&self.empty)
            .execute()
            .map_err(|e| ValidateError::Sparql(e.to_string()))?;
        match results {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(ValidateError::Sparql(format!("not an ASK query: {query}"))),
        }
    }

    /// `REGEX(text, pattern)`.
    pub fn regex(&self, text: &str, pattern: &str) -> Result<bool, ValidateError> {
        self.ask(
            "REGEX(?t, ?p)",
            &[
                ("t", Literal::new_simple_literal(text).into()),
                ("p", Literal::new_simple_literal(pattern).into()),
            ],
        )
    }

    /// `a <= b` (false when they do not compare).
    pub fn less_or_equal(&self, a: &Term, b: &Term) -> Result<bool, ValidateError> {
        self.ask("?a <= ?b", &[("a", a.clone()), ("b", b.clone())])
    }

    /// Whether a literal of a datatype the shapes use has a valid lexical form.
    pub fn well_formed(&self, literal: &Literal) -> Result<bool, ValidateError> {
        let v = literal.value();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year = |s: &str| {
            let s = s.strip_prefix('-').unwrap_or(s);
            s.len() >= 4 && digits(s)
        };
        let two = |s: &str, max: u32| {
            s.len() == 2 && digits(s) && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
        };
        let dt = literal.datatype();
        Ok(if dt == xsd::INTEGER {
            digits(v.strip_prefix(['-', '+']).unwrap_or(v))
        } else if dt == xsd::DECIMAL {
            let s = v.strip_prefix(['-', '+']).unwrap_or(v);
            let (i, f) = s.split_once('.').unwrap_or((s, ""));
            (digits(i) || i.is_empty())
                && (f.is_empty() || digits(f))
                && !(i.is_empty() && f.is_empty())
        } else if dt == xsd::BOOLEAN {
            matches!(v, "true" | "false" | "1" | "0")
        } else if dt == xsd::G_YEAR {
            year(v)
        } else if dt == xsd::G_YEAR_MONTH {
            v.rsplit_once('-')
                .is_some_and(|(y, m)| year(y) && two(m, 12))
        } else if dt == xsd::DATE {
            // A real calendar date: SPARQL's cast tells.
            let mut parts = v.rsplitn(3, '-');
            let (d, m, y) = (parts.next(), parts.next(), parts.next());
            matches!((y, m, d), (Some(y), Some(m), Some(d)) if year(y) && two(m, 12) && two(d, 31))
                && self.ask(
                    "isLiteral(<http://www.w3.org/2001/XMLSchema#date>(STR(?x)))",
                    &[("x", literal.clone().into())],
                )?
        } else {
            true
        })
    }
}
