//! Query stage: parameter values — from the text a user typed to the RDF term bound to the variable.
//!
//! Values are never pasted into query text: they become terms that [`super::bind`]
//! joins into the parsed query, so `"} ; DROP ALL ; {"` is only ever a string literal.

use super::QueryError;
use crate::date::PartialDate;
use crate::vocab::{ext, og};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNodeRef, Term, TermRef};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;

/// Parameters that name an entity: a label given for them is resolved to the IRI of
/// the entity of that class with that `rdfs:label`.
const ENTITY_PARAMS: &[(&str, &str)] = &[
    ("position", og::POSITION.as_str()),
    ("holder", og::PERSON.as_str()),
    ("person", og::PERSON.as_str()),
    ("term", og::TERM.as_str()),
    ("organization", og::ORGANIZATION.as_str()),
];

/// The term a parameter value stands for.
///
/// - `<iri>`, or a bare `http://` / `https://` value: that IRI (it must parse);
/// - for `position`, `holder`/`person`, `term`, `organization`: otherwise a label,
///   resolved in `store` (exact, then case-insensitive), one match required;
/// - `YYYY-MM-DD`, `YYYY-MM`, `YYYY`: `xsd:date`, `xsd:gYearMonth`, `xsd:gYear`
///   (`date` takes nothing else, not even an IRI);
/// - anything else: a plain string literal.
pub fn term_for(store: &Store, name: &str, value: &str) -> Result<Term, QueryError> {
    let bad = |reason: String| QueryError::BadParam {
        name: name.to_owned(),
        value: value.to_owned(),
        reason,
    };
    if name == "date" {
        return match date_literal(value).map_err(&bad)? {
            Some(literal) => Ok(literal.into()),
            None => Err(bad(
                "expected a date: YYYY-MM-DD, YYYY-MM or YYYY".to_owned()
            )),
        };
    }
    if let Some(iri) = iri_like(value) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| bad(format!("not a valid IRI: {e}")));
    }
    if let Some((_, class)) = ENTITY_PARAMS.iter().find(|(p, _)| *p == name) {
        return resolve_label(store, name, value, class).map(Term::from);
    }
    if let Some(literal) = date_literal(value).map_err(&bad)? {
        return Ok(literal.into());
    }
    Ok(Literal::new_simple_literal(value).into())
}

/// The IRI inside `<…>`, or a bare `http(s)://…` value.
fn iri_like(value: &str) -> Option<&str> {
    if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return Some(inner);
    }
    (value.starts_with("http://") || value.starts_with("https://")).then_some(value)
}

/// `Ok(None)` when `value` does not look like a date; an error when it does but is
/// impossible (`1975-13`, `1975-02-30`).
fn date_literal(value: &str) -> Result<Option<Literal>, String> {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let shape_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !shape_ok {
        return Ok(None);
    }
    let num = |s: &str| s.parse::<u8>().ok();
    let year = parts[0].parse::<i32>().unwrap_or(0);
    let month = parts.get(1).and_then(|m| num(m));
    if let Some(month) = month.filter(|m| !(1..=12).contains(m)) {
        return Err(format!("month {month} does not exist"));
    }
    let day = parts.get(2).and_then(|d| num(d));
    let date = PartialDate { year, month, day };
    if !date.is_real() {
        let (month, day) = (month.unwrap_or(0), day.unwrap_or(0));
        return Err(format!("day {day} does not exist in {year}-{month:02}"));
    }
    Ok(Some(date.to_literal()))
}

/// The one entity of `class` labelled `label`: exact match first, then ignoring case
/// (both sides NFC-normalized).
fn resolve_label(
    store: &Store,
    param: &str,
    label: &str,
    class: &str,
) -> Result<NamedNode, QueryError> {
    let class = NamedNode::new_unchecked(class);
    let wanted = fold(label);
    let mut exact = BTreeSet::new();
    let mut folded = BTreeSet::new();
    for quad in store.quads_for_pattern(None, Some(ext::RDFS_LABEL), None, None) {
        let quad = quad?;
        let (NamedOrBlankNodeRef::NamedNode(subject), TermRef::Literal(text)) =
            (quad.subject.as_ref(), quad.object.as_ref())
        else {
            continue;
        };
        let is_exact = text.value() == label;
        if !is_exact && fold(text.value()) != wanted {
            continue;
        }
        let typed = store
            .quads_for_pattern(
                Some(subject.into()),
                Some(ext::RDF_TYPE),
                Some(class.as_ref().into()),
                None,
            )
            .next()
            .transpose()?
            .is_some();
        if typed {
            if is_exact {
                exact.insert(subject.into_owned());
            }
            folded.insert(subject.into_owned());
        }
    }
    let matches = if exact.is_empty() { folded } else { exact };
    let mut iter = matches.iter();
    match (iter.next(), iter.next()) {
        (Some(one), None) => Ok(one.clone()),
        (None, _) => Err(QueryError::NoSuchLabel {
            param: param.to_owned(),
            label: label.to_owned(),
            class: class.as_str().to_owned(),
        }),
        _ => Err(QueryError::AmbiguousLabel {
            param: param.to_owned(),
            label: label.to_owned(),
            candidates: matches
                .iter()
                .map(|n| format!("<{}>", n.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn fold(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::vocab::xsd;

    fn term(value: &str, name: &str) -> Result<Term, QueryError> {
        term_for(&Store::new().expect("store"), name, value)
    }

    #[test]
    fn values_become_typed_terms() {
        let iri = "https://w3id.org/officegraph/id/position/President";
        assert_eq!(
            term(iri, "x").ok(),
            Some(NamedNode::new_unchecked(iri).into())
        );
        assert_eq!(
            term(&format!("<{iri}>"), "x").ok(),
            Some(NamedNode::new_unchecked(iri).into())
        );
        let typed = |v: &str, dt| Some(Literal::new_typed_literal(v, dt).into());
        assert_eq!(
            term("1975-06-01", "date").ok(),
            typed("1975-06-01", xsd::DATE)
        );
        assert_eq!(
            term("1975-06", "date").ok(),
            typed("1975-06", xsd::G_YEAR_MONTH)
        );
        assert_eq!(term("1975", "x").ok(), typed("1975", xsd::G_YEAR));
        assert_eq!(
            term("Lê Duẩn", "x").ok(),
            Some(Literal::from("Lê Duẩn").into())
        );
    }

    #[test]
    fn bad_values_are_refused() {
        for (value, name) in [
            ("1975-13", "date"),
            ("1975-02-30", "date"),
            ("June 1975", "date"),
            ("<not an iri>", "x"),
            ("http://bad iri", "x"),
            ("http://example.org/1975", "date"),
        ] {
            assert!(
                matches!(term(value, name), Err(QueryError::BadParam { .. })),
                "{value}"
            );
        }
        assert!(term("2000-02-29", "date").is_ok());
        assert!(term("1900-02-29", "date").is_err());
    }

    #[test]
    fn an_unknown_label_is_an_error() {
        let err = term("Nobody", "position").expect_err("no such position");
        assert!(matches!(err, QueryError::NoSuchLabel { .. }), "{err}");
    }
}
