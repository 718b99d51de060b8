//! Validate stage: the typed model of a shapes graph — node and property shapes,
//! paths, severities and the constraints the engine implements.

use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, TermRef};

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// `sh:Violation`, `sh:Warning`, `sh:Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Violation,
    Warning,
    Info,
}

impl Severity {
    pub fn iri(self) -> NamedNode {
        sh(match self {
            Severity::Violation => "Violation",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        })
    }

    /// As printed in text output: `violation`, `warning`, `info`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Violation => "violation",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// `sh:nodeKind` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Iri,
    BlankNode,
    Literal,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

impl NodeKind {
    pub fn matches(self, term: TermRef<'_>) -> bool {
        let (iri, blank, literal) = match term {
            TermRef::NamedNode(_) => (true, false, false),
            TermRef::BlankNode(_) => (false, true, false),
            _ => (false, false, true),
        };
        match self {
            NodeKind::Iri => iri,
            NodeKind::BlankNode => blank,
            NodeKind::Literal => literal,
            NodeKind::BlankNodeOrIri => blank || iri,
            NodeKind::BlankNodeOrLiteral => blank || literal,
            NodeKind::IriOrLiteral => iri || literal,
        }
    }
}

/// A constraint on each value node (or, for counts, on the set of them).
#[derive(Debug, Clone)]
pub enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(NodeKind),
    In(Vec<Term>),
    Pattern(String),
    MinInclusive(Literal),
    MaxInclusive(Literal),
    HasValue(Term),
    LanguageIn(Vec<String>),
    /// Each value conforms to at least one of the shapes (each a list of constraints).
    Or(Vec<Vec<Constraint>>),
}

impl Constraint {
    /// The `sh:…ConstraintComponent` local name.
    pub fn component(&self) -> &'static str {
        match self {
            Constraint::MinCount(_) => "MinCountConstraintComponent",
            Constraint::MaxCount(_) => "MaxCountConstraintComponent",
            Constraint::Datatype(_) => "DatatypeConstraintComponent",
            Constraint::Class(_) => "ClassConstraintComponent",
            Constraint::NodeKind(_) => "NodeKindConstraintComponent",
            Constraint::In(_) => "InConstraintComponent",
            Constraint::Pattern(_) => "PatternConstraintComponent",
            Constraint::MinInclusive(_) => "MinInclusiveConstraintComponent",
            Constraint::MaxInclusive(_) => "MaxInclusiveConstraintComponent",
            Constraint::HasValue(_) => "HasValueConstraintComponent",
            Constraint::LanguageIn(_) => "LanguageInConstraintComponent",
            Constraint::Or(_) => "OrConstraintComponent",
        }
    }
}

/// `sh:path`: a predicate or `[ sh:inversePath p ]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    Predicate(NamedNode),
    Inverse(NamedNode),
}

/// A `sh:sparql` SELECT constraint, its prefixes already prepended.
#[derive(Debug, Clone)]
pub struct SparqlConstraint {
    pub query: String,
    pub message: Option<String>,
}

/// A property shape, given or reached through `sh:property`.
#[derive(Debug, Clone)]
pub struct PropertyShape {
    /// The shape's IRI, or a stable blank node `{node shape}-{path local name}-{n}`.
    pub id: NamedOrBlankNode,
    pub path: Path,
    pub severity: Severity,
    pub message: Option<String>,
    pub constraints: Vec<Constraint>,
}

/// A node shape with its targets.
#[derive(Debug, Clone)]
pub struct NodeShape {
    pub id: NamedOrBlankNode,
    pub target_classes: Vec<NamedNode>,
    pub severity: Severity,
    pub message: Option<String>,
    /// Constraints on the focus node itself (`sh:nodeKind`).
    pub constraints: Vec<Constraint>,
    pub properties: Vec<PropertyShape>,
    pub sparql: Vec<SparqlConstraint>,
}

/// Every node shape of a shapes graph.
#[derive(Debug, Clone)]
pub struct Shapes {
    pub node_shapes: Vec<NodeShape>,
}
