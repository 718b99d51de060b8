//! Validate stage: the SHACL Core constraint engine — targets, property paths and
//! the value constraints of [`Constraint`], evaluated over one data graph.

use super::compare::Compare;
use super::shapes::{Constraint, NodeShape, Path, PropertyShape, Severity};
use super::ValidateError;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef};

/// One SHACL validation result, before it is located in its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeResult {
    pub focus: Term,
    pub path: Option<Path>,
    pub value: Option<Term>,
    pub severity: Severity,
    pub source_shape: NamedOrBlankNode,
    /// The `sh:…ConstraintComponent` local name.
    pub component: &'static str,
    pub message: String,
}

/// The focus nodes of `shape` in `data` (instances of its target classes).
pub fn focus_nodes(shape: &NodeShape, data: &Graph) -> Vec<Term> {
    let mut nodes: Vec<Term> = shape
        .target_classes
        .iter()
        .flat_map(|class| data.subjects_for_predicate_object(rdf::TYPE, class))
        .map(|s| Term::from(s.into_owned()))
        .collect();
    nodes.sort_by_key(|t| t.to_string());
    nodes.dedup();
    nodes
}

/// The value nodes of `path` from `focus`.
pub fn values(data: &Graph, focus: &Term, path: &Path) -> Vec<Term> {
    let mut v: Vec<Term> = match (path, as_subject(focus)) {
        (Path::Predicate(p), Some(s)) => data
            .objects_for_subject_predicate(s, p)
            .map(TermRef::into_owned)
            .collect(),
        (Path::Inverse(p), _) => data
            .subjects_for_predicate_object(p, focus)
            .map(|s| Term::from(s.into_owned()))
            .collect(),
        (Path::Predicate(_), None) => Vec::new(),
    };
    v.sort_by_key(|t| t.to_string());
    v
}

fn as_subject(term: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        Term::NamedNode(n) => Some(n.into()),
        Term::BlankNode(b) => Some(b.into()),
        _ => None,
    }
}

/// Evaluates the node-level constraints and the property shapes of `shape` on `focus`.
pub fn check_node(
    shape: &NodeShape,
    focus: &Term,
    data: &Graph,
    cmp: &Compare,
    out: &mut Vec<ShapeResult>,
) -> Result<(), ValidateError> {
    for c in &shape.constraints {
        if !value_ok(c, focus, data, cmp)? {
            out.push(ShapeResult {
                focus: focus.clone(),
                path: None,
                value: Some(focus.clone()),
                severity: shape.severity,
                source_shape: shape.id.clone(),
                component: c.component(),
                message: shape
                    .message
                    .clone()
                    .unwrap_or_else(|| default_message(c, focus)),
            });
        }
    }
    for property in &shape.properties {
        check_property(property, focus, data, cmp, out)?;
    }
    Ok(())
}

fn check_property(
    shape: &PropertyShape,
    focus: &Term,
    data: &Graph,
    cmp: &Compare,
    out: &mut Vec<ShapeResult>,
) -> Result<(), ValidateError> {
    let values = values(data, focus, &shape.path);
    let result = |value: Option<Term>, c: &Constraint, default: String| ShapeResult {
        focus: focus.clone(),
        path: Some(shape.path.clone()),
        value,
        severity: shape.severity,
        source_shape: shape.id.clone(),
        component: c.component(),
        message: shape.message.clone().unwrap_or(default),
    };
    for c in &shape.constraints {
        match c {
            Constraint::MinCount(n) if (values.len() as u64) < *n => out.push(result(
                None,
                c,
                format!("at least {n} value(s) needed, {} found", values.len()),
            )),
            Constraint::MaxCount(n) if (values.len() as u64) > *n => out.push(result(
                None,
                c,
                format!("at most {n} value(s) allowed, {} found", values.len()),
            )),
            Constraint::HasValue(v) if !values.contains(v) => {
                out.push(result(None, c, format!("the value {v} is missing")))
            }
            Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => {}
            _ => {
                for v in &values {
                    if !value_ok(c, v, data, cmp)? {
                        out.push(result(Some(v.clone()), c, default_message(c, v)));
                    }
                }
            }
        }
    }
    Ok(())
}

fn default_message(c: &Constraint, value: &Term) -> String {
    format!(
        "{value} does not satisfy sh:{}",
        c.component().trim_end_matches("ConstraintComponent")
    )
}

/// Whether one value node satisfies a value-type constraint.
pub fn value_ok(
    c: &Constraint,
    value: &Term,
    data: &Graph,
    cmp: &Compare,
) -> Result<bool, ValidateError> {
    Ok(match c {
        Constraint::Datatype(dt) => match value {
            Term::Literal(l) => l.datatype() == dt.as_ref() && cmp.well_formed(l)?,
            _ => false,
        },
        Constraint::Class(class) => is_instance(data, value, class),
        Constraint::NodeKind(kind) => kind.matches(value.as_ref()),
        Constraint::In(list) => list.contains(value),
        Constraint::Pattern(pattern) => match value {
            Term::BlankNode(_) => false,
            Term::NamedNode(n) => cmp.regex(n.as_str(), pattern)?,
            Term::Literal(l) => cmp.regex(l.value(), pattern)?,
        },
        Constraint::MinInclusive(min) => cmp.less_or_equal(&Term::from(min.clone()), value)?,
        Constraint::MaxInclusive(max) => cmp.less_or_equal(value, &Term::from(max.clone()))?,
        Constraint::LanguageIn(langs) => match value {
            Term::Literal(l) => l.language().is_some_and(|tag| {
                langs.iter().any(|r| {
                    let (tag, r) = (tag.to_ascii_lowercase(), r.to_ascii_lowercase());
                    tag == r || tag.starts_with(&format!("{r}-"))
                })
            }),
            _ => false,
        },
        Constraint::Or(members) => {
            for member in members {
                let mut all = true;
                for m in member {
                    if !value_ok(m, value, data, cmp)? {
                        all = false;
                        break;
                    }
                }
                if all {
                    return Ok(true);
                }
            }
            false
        }
        Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => true,
    })
}

/// `value rdf:type/rdfs:subClassOf* class` in the data graph.
fn is_instance(data: &Graph, value: &Term, class: &NamedNode) -> bool {
    let Some(s) = as_subject(value) else {
        return false;
    };
    let subclass = oxigraph::model::vocab::rdfs::SUB_CLASS_OF;
    let mut todo: Vec<Term> = data
        .objects_for_subject_predicate(s, rdf::TYPE)
        .map(TermRef::into_owned)
        .collect();
    let mut seen = Vec::new();
    while let Some(t) = todo.pop() {
        if t == Term::from(class.clone()) {
            return true;
        }
        if seen.contains(&t) {
            continue;
        }
        if let Some(ts) = as_subject(&t) {
            todo.extend(
                data.objects_for_subject_predicate(ts, subclass)
                    .map(TermRef::into_owned),
            );
        }
        seen.push(t);
    }
    false
}
