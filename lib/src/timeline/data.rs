//! Timeline stage (data): what a chart shows, read from the store by SPARQL on the union
//! of the record graphs — positions with their labels, and each position's tenures with
//! holder, dates (as precise as stored), title, flags and terms.
//!
//! A node may carry several values when two records describe it; the choice is
//! deterministic (an `@en` or plain label first, then the least by code point).

use super::TimelineError;
use crate::date::PartialDate;
use crate::query::{self, QueryError};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::BTreeMap;

/// One position as the chart draws it: its label and its tenures.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionFacts {
    pub iri: NamedNode,
    pub label: String,
    pub tenures: Vec<TenureFacts>,
}

/// One tenure: who, when (as precise as stored), under which title, with which flags.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TenureFacts {
    pub iri: String,
    pub holder_iri: String,
    /// `None` for an unnamed holder.
    pub holder_label: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub title: Option<String>,
    pub acting: bool,
    pub died_in_office: bool,
    pub incumbent: bool,
    pub ordinal: Option<i64>,
    /// The body terms the tenure spans: (IRI, label), by IRI.
    pub terms: Vec<(String, String)>,
}

/// A stored `og:start`/`og:end`: its lexical form, and the date it denotes when it is
/// an `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` this parser reads.
#[derive(Debug, Clone, PartialEq)]
pub struct DateValue {
    pub lexical: String,
    pub date: Option<PartialDate>,
}

impl DateValue {
    /// Reads a stored lexical form; a timezone (`Z`, `+07:00`) is ignored, as a
    /// day-precision chart cannot show it.
    pub fn parse(lexical: &str) -> DateValue {
        DateValue {
            lexical: lexical.to_owned(),
            date: PartialDate::from_xsd(lexical).ok(),
        }
    }
}

const PREFIXES: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
                        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

const POSITIONS: &str = "SELECT ?position ?label WHERE {
  ?position a og:Position .
  OPTIONAL { ?position rdfs:label ?label }
}";

const TENURES: &str = "SELECT ?position ?tenure ?holder ?holderLabel ?start ?end ?title
       ?acting ?diedInOffice ?incumbent ?ordinal
WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
  OPTIONAL { ?holder rdfs:label ?holderLabel }
  OPTIONAL { ?tenure og:start ?start }
  OPTIONAL { ?tenure og:end ?end }
  OPTIONAL { ?tenure og:title ?title }
  OPTIONAL { ?tenure og:acting ?acting }
  OPTIONAL { ?tenure og:diedInOffice ?diedInOffice }
  OPTIONAL { ?tenure og:incumbent ?incumbent }
  OPTIONAL { ?tenure og:ordinal ?ordinal }
}";

const TERMS: &str = "SELECT ?position ?tenure ?term ?termLabel WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:term ?term .
  OPTIONAL { ?term rdfs:label ?termLabel }
}";

/// Every position of the store with its label (the IRI when it has none), by label
/// then IRI.
pub fn positions(store: &Store) -> Result<Vec<(NamedNode, String)>, TimelineError> {
    let mut labels: BTreeMap<NamedNode, Option<Label>> = BTreeMap::new();
    for row in select(store, POSITIONS, None)? {
        let Some(Term::NamedNode(position)) = row.get("position") else {
            continue;
        };
        let label = row.get("label").and_then(Label::of);
        let best = labels.entry(position.clone()).or_default();
        *best = Label::better(best.take(), label);
    }
    let mut list: Vec<(NamedNode, String)> = labels
        .into_iter()
        .map(|(iri, label)| {
            let text = label.map_or_else(|| iri.as_str().to_owned(), |l| l.text);
            (iri, text)
        })
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    Ok(list)
}

/// The facts of one position, or [`TimelineError::UnknownPosition`] when the store
/// has no `og:Position` with that IRI. `known` is the list [`positions`] returned.
pub fn position_facts(
    store: &Store,
    known: &[(NamedNode, String)],
    position: &NamedNode,
) -> Result<PositionFacts, TimelineError> {
    let label = known
        .iter()
        .find(|(iri, _)| iri == position)
        .map(|(_, label)| label.clone())
        .ok_or_else(|| TimelineError::UnknownPosition(position.as_str().to_owned()))?;
    let mut tenures: BTreeMap<String, TenureFacts> = BTreeMap::new();
    let mut holder_labels: BTreeMap<String, Option<Label>> = BTreeMap::new();
    for row in select(store, TENURES, Some(position))? {
        let (Some(Term::NamedNode(tenure)), Some(holder)) = (row.get("tenure"), row.get("holder"))
        else {
            continue;
        };
        let facts = tenures
            .entry(tenure.as_str().to_owned())
            .or_insert_with(|| TenureFacts {
                iri: tenure.as_str().to_owned(),
                holder_iri: term_text(holder),
                ..TenureFacts::default()
            });
        // Several holders (two records disagreeing) would be a validation error; keep the least.
        facts.holder_iri = facts.holder_iri.clone().min(term_text(holder));
        let label = holder_labels.entry(tenure.as_str().to_owned()).or_default();
        *label = Label::better(label.take(), row.get("holderLabel").and_then(Label::of));
        merge_least(
            &mut facts.start,
            literal(&row, "start").map(|s| DateValue::parse(&s)),
            |d| d.lexical.clone(),
        );
        merge_least(
            &mut facts.end,
            literal(&row, "end").map(|s| DateValue::parse(&s)),
            |d| d.lexical.clone(),
        );
        merge_least(&mut facts.title, literal(&row, "title"), Clone::clone);
        merge_least(
            &mut facts.ordinal,
            literal(&row, "ordinal").and_then(|o| o.parse().ok()),
            |o| *o,
        );
        facts.acting |= is_true(&row, "acting");
        facts.died_in_office |= is_true(&row, "diedInOffice");
        facts.incumbent |= is_true(&row, "incumbent");
    }
    for (tenure, label) in holder_labels {
        if let Some(facts) = tenures.get_mut(&tenure) {
            facts.holder_label = label.map(|l| l.text);
        }
    }
    let mut term_labels: BTreeMap<(String, String), Option<Label>> = BTreeMap::new();
    for row in select(store, TERMS, Some(position))? {
        let (Some(Term::NamedNode(tenure)), Some(Term::NamedNode(term))) =
            (row.get("tenure"), row.get("term"))
        else {
            continue;
        };
        let key = (tenure.as_str().to_owned(), term.as_str().to_owned());
        let label = term_labels.entry(key).or_default();
        *label = Label::better(label.take(), row.get("termLabel").and_then(Label::of));
    }
    for ((tenure, term), label) in term_labels {
        if let Some(facts) = tenures.get_mut(&tenure) {
            let text = label.map_or_else(|| term.clone(), |l| l.text);
            facts.terms.push((term, text));
        }
    }
    let mut tenures: Vec<TenureFacts> = tenures.into_values().collect();
    tenures.sort_by(|a, b| {
        let key = |t: &TenureFacts| {
            (
                t.start.as_ref().and_then(|d| d.date).is_none(),
                t.start.as_ref().and_then(|d| d.date),
                t.ordinal,
                t.holder_label.clone(),
                t.iri.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Ok(PositionFacts {
        iri: position.clone(),
        label,
        tenures,
    })
}

/// A label and whether it is English (`@en`) or plain, which is preferred.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Label {
    not_english: bool,
    text: String,
}

impl Label {
    fn of(term: &Term) -> Option<Label> {
        let Term::Literal(literal) = term else {
            return None;
        };
        let not_english = literal
            .language()
            .is_some_and(|lang| !lang.eq_ignore_ascii_case("en") && !lang.starts_with("en-"));
        Some(Label {
            not_english,
            text: literal.value().to_owned(),
        })
    }

    fn better(a: Option<Label>, b: Option<Label>) -> Option<Label> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Keeps the value with the least key in `slot`.
fn merge_least<T, K: Ord>(slot: &mut Option<T>, new: Option<T>, key: impl Fn(&T) -> K) {
    if let Some(new) = new {
        match slot {
            Some(old) if key(old) <= key(&new) => {}
            _ => *slot = Some(new),
        }
    }
}

fn literal(row: &QuerySolution, name: &str) -> Option<String> {
    match row.get(name) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn is_true(row: &QuerySolution, name: &str) -> bool {
    literal(row, name).is_some_and(|v| v == "true" || v == "1")
}

fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Runs one of the queries above on the union of the named graphs, `?position` bound
/// to `position` when given (by [`query::prepare_bound`]).
fn select(
    store: &Store,
    query: &str,
    position: Option<&NamedNode>,
) -> Result<Vec<QuerySolution>, TimelineError> {
    let bound: Vec<(&str, Term)> = position
        .map(|p| ("position", Term::from(p.clone())))
        .into_iter()
        .collect();
    let text = format!("{PREFIXES}{query}");
    let prepared =
        query::prepare_bound(SparqlEvaluator::new(), &text, &bound).map_err(|e| match e {
            QueryError::Syntax(e) => TimelineError::Syntax(e),
            other => TimelineError::Label(other),
        })?;
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? else {
        return Ok(Vec::new());
    };
    solutions
        .collect::<Result<Vec<_>, _>>()
        .map_err(TimelineError::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{process_text, ExtractConfig as Config};

    const RECORD: &str = "= Mayor of Hải Phòng =\n\nInfobox\n- Incumbent: Lê Văn Thành\n\n\
        | No. | Name | Took office | Left office |\n\
        | 1 | Trần Văn A (acting) | 1945 | December 1950† |\n\
        | 2 | Lê Văn Thành | May 2016 | Incumbent |\n";

    fn store() -> Store {
        let out = process_text("m.txt", "m.txt", RECORD.as_bytes(), &Config::default());
        let store = Store::new().expect("store");
        store.extend(out.quads).expect("load");
        store
    }

    #[test]
    fn facts_keep_precision_and_flags() {
        let store = store();
        let known = positions(&store).expect("positions");
        assert_eq!(known.len(), 1, "{known:?}");
        assert_eq!(known[0].1, "Mayor of Hải Phòng");
        let facts = position_facts(&store, &known, &known[0].0).expect("facts");
        assert_eq!(facts.tenures.len(), 2);
        let first = &facts.tenures[0];
        assert_eq!(first.holder_label.as_deref(), Some("Trần Văn A"));
        assert_eq!(
            first.start.as_ref().map(|d| d.lexical.as_str()),
            Some("1945")
        );
        assert_eq!(
            first.end.as_ref().map(|d| d.lexical.as_str()),
            Some("1950-12")
        );
        assert!(first.acting && first.died_in_office && !first.incumbent);
        let second = &facts.tenures[1];
        assert!(second.incumbent && second.end.is_none());
    }

    #[test]
    fn a_date_value_keeps_what_was_stored() {
        // The time-zone forms themselves are tested in `crate::date`.
        let zoned = DateValue::parse("1930-10-27+07:00");
        assert_eq!(zoned.lexical, "1930-10-27+07:00");
        assert_eq!(
            zoned.date.map(|d| d.to_string()).as_deref(),
            Some("1930-10-27")
        );
        let fuzzy = DateValue::parse("c. 1955");
        assert_eq!((fuzzy.lexical.as_str(), fuzzy.date), ("c. 1955", None));
    }

    #[test]
    fn an_unknown_position_is_an_error() {
        let store = store();
        let known = positions(&store).expect("positions");
        let nowhere = NamedNode::new_unchecked("https://example.org/position/Nowhere");
        assert!(matches!(
            position_facts(&store, &known, &nowhere),
            Err(TimelineError::UnknownPosition(_))
        ));
    }
}
