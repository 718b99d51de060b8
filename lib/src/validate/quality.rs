//! Validate stage: data-quality checks SHACL expresses poorly, in Rust over one
//! record graph — overlapping non-acting tenures, gaps in a post's holding, ordinals
//! that go backwards along `og:next`, and an infobox `Incumbentsince` that
//! contradicts the incumbent row. All are warnings.

use super::core::ShapeResult;
use super::shapes::Severity;
use crate::date::PartialDate;
use crate::record::date::parse_date;
use crate::record::strip_footnotes;
use crate::vocab::{og, OGR};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef};
use std::collections::BTreeMap;

/// The shapes graph namespace; the checks are named `ogsh:…Check`.
pub const OGSH: &str = "https://w3id.org/officegraph/shapes#";

/// One tenure as the checks see it.
#[derive(Debug, Clone)]
struct Tenure {
    node: NamedNode,
    /// `rdfs:label` ("holder, position, start to end"), else the IRI.
    name: String,
    position: Option<NamedNode>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    acting: bool,
    incumbent: bool,
    ordinal: Option<i64>,
    next: Option<NamedNode>,
}

impl Tenure {
    /// An end before the start (reported by the shapes; the interval means nothing).
    fn broken(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if before(&e, &s))
    }
}

/// `a` is before `b` at the precision both share (1986 is not before 1986-12-18).
pub fn before(a: &PartialDate, b: &PartialDate) -> bool {
    !a.agrees_with(b) && a < b
}

/// A literal's date at its precision (`1986`, `1986-12`, `1986-12-18`), its datatype
/// not looked at; an ill-formed one (`1986-13`, `1950-02-30`) is left to the shapes.
/// BCE dates are left out too, as these checks have always done.
pub fn lexical_date(term: TermRef<'_>) -> Option<PartialDate> {
    let TermRef::Literal(l) = term else {
        return None;
    };
    l.value()
        .parse::<PartialDate>()
        .ok()
        .filter(|d| d.year >= 0)
}

fn read_tenures(data: &Graph) -> Vec<Tenure> {
    let one = |s: &NamedNode, p: NamedNodeRef<'_>| data.object_for_subject_predicate(s, p);
    let iri = |t: Option<TermRef<'_>>| match t {
        Some(TermRef::NamedNode(n)) => Some(n.into_owned()),
        _ => None,
    };
    let yes =
        |t: Option<TermRef<'_>>| matches!(t, Some(TermRef::Literal(l)) if l.value() == "true");
    let mut tenures: Vec<Tenure> = data
        .subjects_for_predicate_object(rdf::TYPE, og::TENURE)
        .filter_map(|s| match s {
            oxigraph::model::NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
            _ => None,
        })
        .map(|node| Tenure {
            name: match one(&node, oxigraph::model::vocab::rdfs::LABEL) {
                Some(TermRef::Literal(l)) => l.value().to_owned(),
                _ => format!("<{}>", node.as_str()),
            },
            position: iri(one(&node, og::POSITION_PROP)),
            start: one(&node, og::START).and_then(lexical_date),
            end: one(&node, og::END).and_then(lexical_date),
            acting: yes(one(&node, og::ACTING)),
            incumbent: yes(one(&node, og::INCUMBENT)),
            ordinal: match one(&node, og::ORDINAL) {
                Some(TermRef::Literal(l)) => l.value().parse().ok(),
                _ => None,
            },
            next: iri(one(&node, og::NEXT)),
            node,
        })
        .collect();
    tenures.sort_by(|a, b| {
        (a.start, a.ordinal, a.node.as_str()).cmp(&(b.start, b.ordinal, b.node.as_str()))
    });
    tenures
}

fn finding(check: &str, focus: &NamedNode, value: Option<Term>, message: String) -> ShapeResult {
    ShapeResult {
        focus: focus.clone().into(),
        path: None,
        value,
        severity: Severity::Warning,
        source_shape: NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(format!(
            "{OGSH}{check}"
        ))),
        component: "DataQualityCheck",
        message,
    }
}

fn show(d: Option<&PartialDate>) -> String {
    d.map_or_else(|| "present".to_owned(), ToString::to_string)
}

/// Runs every data-quality check on one record graph.
pub fn check(data: &Graph, max_gap_days: i64) -> Vec<ShapeResult> {
    let tenures = read_tenures(data);
    let mut by_position: BTreeMap<&str, Vec<&Tenure>> = BTreeMap::new();
    for t in &tenures {
        if let Some(p) = &t.position {
            by_position.entry(p.as_str()).or_default().push(t);
        }
    }
    let mut out = Vec::new();
    for list in by_position.values() {
        overlaps(list, &mut out);
        gaps(list, max_gap_days, &mut out);
    }
    ordinals(&tenures, &mut out);
    infobox(data, &tenures, &mut out);
    out
}

/// Two non-acting tenures of one position that overlap (touching ends do not).
fn overlaps(list: &[&Tenure], out: &mut Vec<ShapeResult>) {
    let dated: Vec<&Tenure> = list
        .iter()
        .copied()
        .filter(|t| {
            !t.acting && t.start.is_some() && !t.broken() && (t.end.is_some() || t.incumbent)
        })
        .collect();
    for (i, a) in dated.iter().enumerate() {
        for b in &dated[i + 1..] {
            // `a` starts no later than `b` (sorted); they overlap when `b` starts
            // before `a` ends.
            let overlap = match (a.end, b.start) {
                (None, _) => true,
                (Some(end), Some(start)) => before(&start, &end),
                _ => false,
            };
            if overlap {
                out.push(finding(
                    "OverlapCheck",
                    &b.node,
                    Some(a.node.clone().into()),
                    format!(
                        "this tenure ({} to {}) overlaps \"{}\" of the same position; neither is acting",
                        show(b.start.as_ref()),
                        show(b.end.as_ref()),
                        a.name,
                    ),
                ));
            }
        }
    }
}

/// A tenure that starts more than `max` days after every earlier tenure of the
/// position ended (measured from the last day the end may mean to the first day the
/// start may mean).
fn gaps(list: &[&Tenure], max: i64, out: &mut Vec<ShapeResult>) {
    // Latest end so far: Some(Some(day)), open (Some(None)), or unknown (None).
    let mut covered: Option<Option<(i64, PartialDate)>> = None;
    for t in list.iter().filter(|t| t.start.is_some()) {
        let Some(start) = t.start else { continue };
        if let Some(Some((until, end))) = covered {
            let gap = start.first_day() - until;
            if gap > max {
                out.push(finding(
                    "GapCheck",
                    &t.node,
                    None,
                    format!(
                        "this tenure starts {start}, {gap} days after the position was last held (until {end}); more than {max} days"
                    ),
                ));
            }
        }
        let mine = if t.broken() {
            None
        } else if let Some(end) = t.end {
            Some(Some((end.last_day(), end)))
        } else if t.incumbent {
            Some(None)
        } else {
            None
        };
        covered = match (covered, mine) {
            (Some(None), _) | (_, Some(None)) => Some(None),
            (Some(Some(a)), Some(Some(b))) => Some(Some(if b.0 > a.0 { b } else { a })),
            (_, other) => other,
        };
    }
}

/// Along `og:next`, an ordinal lower than the one before.
fn ordinals(tenures: &[Tenure], out: &mut Vec<ShapeResult>) {
    for t in tenures {
        let Some(next) = t
            .next
            .as_ref()
            .and_then(|n| tenures.iter().find(|x| &x.node == n))
        else {
            continue;
        };
        if let (Some(a), Some(b)) = (t.ordinal, next.ordinal) {
            if b < a {
                out.push(finding(
                    "OrdinalOrderCheck",
                    &next.node,
                    Some(t.node.clone().into()),
                    format!(
                        "ordinal {b} comes after ordinal {a} (\"{}\") in succession order",
                        t.name
                    ),
                ));
            }
        }
    }
}

/// The infobox's `Incumbentsince` (kept as `ogr:incumbentsince`) against the start of
/// the position's incumbent tenure (the latest-starting one when there are several).
fn infobox(data: &Graph, tenures: &[Tenure], out: &mut Vec<ShapeResult>) {
    let claim = NamedNode::new_unchecked(format!("{OGR}incumbentsince"));
    for triple in data.triples_for_predicate(&claim) {
        let TermRef::Literal(raw) = triple.object else {
            continue;
        };
        let Ok(since) = parse_date(&strip_footnotes(raw.value())) else {
            continue;
        };
        let Term::NamedNode(position) = Term::from(triple.subject.into_owned()) else {
            continue;
        };
        let incumbents: Vec<&Tenure> = tenures
            .iter()
            .filter(|t| t.incumbent && t.position.as_ref() == Some(&position) && t.start.is_some())
            .collect();
        if incumbents
            .iter()
            .any(|t| t.start.is_some_and(|s| since.agrees_with(&s)))
        {
            continue;
        }
        if let Some(t) = incumbents.last() {
            out.push(finding(
                "InfoboxIncumbentCheck",
                &t.node,
                Some(raw.into_owned().into()),
                format!(
                    "the infobox says Incumbentsince {} but the incumbent row starts {}",
                    raw.value(),
                    show(t.start.as_ref())
                ),
            ));
        }
    }
}
