//! Validate stage: the shapes graph (`ontology/shapes.ttl`) read into a typed model.
//!
//! Only the SHACL Core subset the shapes use is understood, plus SPARQL-based
//! constraints (`sh:sparql` with `sh:select`, `sh:prefixes`, `sh:message`). Any other
//! `sh:` term on a shape is an error ([`ShapesError::Unsupported`]), so the engine
//! cannot silently drift from the shapes.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    BlankNode, Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
};

/// The shapes officegraph ships, compiled in.
pub const SHAPES_TTL: &str = include_str!("../../../ontology/shapes.ttl");

pub use super::model::{
    Constraint, NodeKind, NodeShape, Path, PropertyShape, Severity, Shapes, SparqlConstraint, SH,
};

/// Why the shapes cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    #[error("the shapes are not valid Turtle: {0}")]
    Syntax(String),
    #[error(
        "shape {shape}: unsupported SHACL term {term} (the validate engine does not implement it)"
    )]
    Unsupported { shape: String, term: String },
    #[error("shape {shape}: {message}")]
    Malformed { shape: String, message: String },
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

const NODE_TERMS: &[&str] = &[
    "targetClass",
    "severity",
    "message",
    "property",
    "sparql",
    "nodeKind",
];
const PROPERTY_TERMS: &[&str] = &[
    "path",
    "severity",
    "message",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "nodeKind",
    "in",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "hasValue",
    "languageIn",
    "or",
];
const OR_MEMBER_TERMS: &[&str] = &["datatype", "class", "nodeKind"];
const SPARQL_TERMS: &[&str] = &["message", "prefixes", "select"];

impl Shapes {
    /// The shapes officegraph ships.
    pub fn builtin() -> Result<Self, ShapesError> {
        Self::parse(SHAPES_TTL)
    }

    /// Reads a shapes graph in Turtle.
    pub fn parse(turtle: &str) -> Result<Self, ShapesError> {
        let mut graph = Graph::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            let quad = quad.map_err(|e| ShapesError::Syntax(e.to_string()))?;
            graph.insert(quad.as_ref());
        }
        Reader { graph: &graph }.read()
    }
}

struct Reader<'a> {
    graph: &'a Graph,
}

impl Reader<'_> {
    fn read(&self) -> Result<Shapes, ShapesError> {
        let node_shape = sh("NodeShape");
        let mut ids: Vec<NamedOrBlankNode> = self
            .graph
            .subjects_for_predicate_object(rdf::TYPE, &node_shape)
            .map(NamedOrBlankNodeRef::into_owned)
            .collect();
        ids.sort_by_key(|id| id.to_string());
        // A shape with targets that is not declared a sh:NodeShape would be ignored.
        for triple in self.graph.iter() {
            let p = triple.predicate.as_str();
            let subject = triple.subject.into_owned();
            if p.strip_prefix(SH).is_some_and(|l| l.starts_with("target"))
                && !ids.contains(&subject)
            {
                return Err(ShapesError::Unsupported {
                    shape: Self::name(subject.as_ref()),
                    term: format!("sh:{} on a node that is not a sh:NodeShape", &p[SH.len()..]),
                });
            }
        }
        let mut node_shapes = Vec::new();
        for id in ids {
            node_shapes.push(self.node_shape(&id)?);
        }
        Ok(Shapes { node_shapes })
    }

    fn name(id: NamedOrBlankNodeRef<'_>) -> String {
        match id {
            NamedOrBlankNodeRef::NamedNode(n) => n
                .as_str()
                .rsplit(['#', '/'])
                .next()
                .unwrap_or_default()
                .to_owned(),
            NamedOrBlankNodeRef::BlankNode(b) => b.as_str().to_owned(),
        }
    }

    /// Every `sh:` predicate on `id` must be one of `allowed`.
    fn check_terms(
        &self,
        id: NamedOrBlankNodeRef<'_>,
        allowed: &[&str],
    ) -> Result<(), ShapesError> {
        for triple in self.graph.triples_for_subject(id) {
            if let Some(local) = triple.predicate.as_str().strip_prefix(SH) {
                if !allowed.contains(&local) {
                    return Err(ShapesError::Unsupported {
                        shape: Self::name(id),
                        term: format!("sh:{local}"),
                    });
                }
            }
        }
        Ok(())
    }

    fn objects(&self, id: NamedOrBlankNodeRef<'_>, local: &str) -> Vec<Term> {
        let p = sh(local);
        let mut v: Vec<Term> = self
            .graph
            .objects_for_subject_predicate(id, &p)
            .map(TermRef::into_owned)
            .collect();
        v.sort_by_key(|t| t.to_string());
        v
    }

    fn one(&self, id: NamedOrBlankNodeRef<'_>, local: &str) -> Result<Option<Term>, ShapesError> {
        let mut v = self.objects(id, local);
        match v.len() {
            0 => Ok(None),
            1 => Ok(v.pop()),
            _ => Err(self.malformed(id, format!("more than one sh:{local}"))),
        }
    }

    fn malformed(&self, id: NamedOrBlankNodeRef<'_>, message: String) -> ShapesError {
        ShapesError::Malformed {
            shape: Self::name(id),
            message,
        }
    }

    fn iri(
        &self,
        id: NamedOrBlankNodeRef<'_>,
        term: Term,
        what: &str,
    ) -> Result<NamedNode, ShapesError> {
        match term {
            Term::NamedNode(n) => Ok(n),
            other => Err(self.malformed(id, format!("{what} must be an IRI, not {other}"))),
        }
    }

    fn message(&self, id: NamedOrBlankNodeRef<'_>) -> Result<Option<String>, ShapesError> {
        Ok(self.one(id, "message")?.map(|t| match t {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        }))
    }

    fn severity(&self, id: NamedOrBlankNodeRef<'_>) -> Result<Severity, ShapesError> {
        match self.one(id, "severity")? {
            None => Ok(Severity::Violation),
            Some(Term::NamedNode(n)) if n == sh("Violation") => Ok(Severity::Violation),
            Some(Term::NamedNode(n)) if n == sh("Warning") => Ok(Severity::Warning),
            Some(Term::NamedNode(n)) if n == sh("Info") => Ok(Severity::Info),
            Some(other) => Err(self.malformed(id, format!("unknown sh:severity {other}"))),
        }
    }

    /// The members of an RDF list.
    fn list(&self, id: NamedOrBlankNodeRef<'_>, head: Term) -> Result<Vec<Term>, ShapesError> {
        let mut items = Vec::new();
        let mut node = head;
        for _ in 0..10_000 {
            let n = match &node {
                Term::NamedNode(n) if n.as_ref() == rdf::NIL => return Ok(items),
                Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
                _ => break,
            };
            let first = self.graph.object_for_subject_predicate(&n, rdf::FIRST);
            let rest = self.graph.object_for_subject_predicate(&n, rdf::REST);
            match (first, rest) {
                (Some(f), Some(r)) => {
                    items.push(f.into_owned());
                    node = r.into_owned();
                }
                _ => break,
            }
        }
        Err(self.malformed(id, "a malformed RDF list".to_owned()))
    }

    fn node_shape(&self, id: &NamedOrBlankNode) -> Result<NodeShape, ShapesError> {
        let r = id.as_ref();
        self.check_terms(r, NODE_TERMS)?;
        let name = Self::name(r);
        let target_classes = self
            .objects(r, "targetClass")
            .into_iter()
            .map(|t| self.iri(r, t, "sh:targetClass"))
            .collect::<Result<_, _>>()?;
        let mut constraints = Vec::new();
        if let Some(kind) = self.one(r, "nodeKind")? {
            constraints.push(Constraint::NodeKind(self.node_kind(r, kind)?));
        }
        let mut properties = Vec::new();
        for term in self.objects(r, "property") {
            properties.push(self.property_shape(&name, term)?);
        }
        // Blank property shapes get stable names: `{shape}-{path}-{n}`, numbered in
        // an order that depends on their content only (parsed blank ids are random).
        properties.sort_by_cached_key(|p| {
            (
                p.id.to_string(),
                format!("{:?}", p.constraints),
                p.message.clone(),
            )
        });
        let mut seen: Vec<String> = Vec::new();
        for p in &mut properties {
            if let NamedOrBlankNode::BlankNode(b) = &p.id {
                let stem = b.as_str().to_owned();
                seen.push(stem.clone());
                let n = seen.iter().filter(|s| **s == stem).count();
                p.id = BlankNode::new(format!("{stem}-{n}"))
                    .map_err(|e| self.malformed(r, e.to_string()))?
                    .into();
            }
        }
        let mut sparql = Vec::new();
        for term in self.objects(r, "sparql") {
            sparql.push(self.sparql(r, term)?);
        }
        Ok(NodeShape {
            id: id.clone(),
            target_classes,
            severity: self.severity(r)?,
            message: self.message(r)?,
            constraints,
            properties,
            sparql,
        })
    }

    fn node_kind(&self, id: NamedOrBlankNodeRef<'_>, term: Term) -> Result<NodeKind, ShapesError> {
        let iri = self.iri(id, term, "sh:nodeKind")?;
        let local = iri.as_str().strip_prefix(SH).unwrap_or_default();
        Ok(match local {
            "IRI" => NodeKind::Iri,
            "BlankNode" => NodeKind::BlankNode,
            "Literal" => NodeKind::Literal,
            "BlankNodeOrIRI" => NodeKind::BlankNodeOrIri,
            "BlankNodeOrLiteral" => NodeKind::BlankNodeOrLiteral,
            "IRIOrLiteral" => NodeKind::IriOrLiteral,
            _ => return Err(self.malformed(id, format!("unknown sh:nodeKind {iri}"))),
        })
    }

    fn subject(
        &self,
        owner: NamedOrBlankNodeRef<'_>,
        term: Term,
        what: &str,
    ) -> Result<NamedOrBlankNode, ShapesError> {
        match term {
            Term::NamedNode(n) => Ok(n.into()),
            Term::BlankNode(b) => Ok(b.into()),
            other => Err(self.malformed(owner, format!("{what} must be a node, not {other}"))),
        }
    }

    fn property_shape(&self, owner: &str, term: Term) -> Result<PropertyShape, ShapesError> {
        let node = self.subject(sh("property").as_ref().into(), term, "sh:property")?;
        let r = node.as_ref();
        self.check_terms(r, PROPERTY_TERMS)?;
        let path_term = self
            .one(r, "path")?
            .ok_or_else(|| self.malformed(r, "a property shape without sh:path".to_owned()))?;
        let path = match path_term {
            Term::NamedNode(p) => Path::Predicate(p),
            Term::BlankNode(b) => {
                let b = NamedOrBlankNode::from(b);
                self.check_terms(b.as_ref(), &["inversePath"])?;
                let inverse = self
                    .one(b.as_ref(), "inversePath")?
                    .ok_or_else(|| self.malformed(r, "unsupported sh:path".to_owned()))?;
                Path::Inverse(self.iri(r, inverse, "sh:inversePath")?)
            }
            other => return Err(self.malformed(r, format!("bad sh:path {other}"))),
        };
        let id = match &node {
            NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
            NamedOrBlankNode::BlankNode(_) => {
                let p = match &path {
                    Path::Predicate(p) => local(p.as_ref()),
                    Path::Inverse(p) => format!("inverse-{}", local(p.as_ref())),
                };
                BlankNode::new(format!("{owner}-{p}"))
                    .map_err(|e| self.malformed(r, e.to_string()))?
                    .into()
            }
        };
        Ok(PropertyShape {
            id,
            path,
            severity: self.severity(r)?,
            message: self.message(r)?,
            constraints: self.value_constraints(r, PROPERTY_TERMS)?,
        })
    }

    /// The constraints of `id` in a fixed order.
    fn value_constraints(
        &self,
        id: NamedOrBlankNodeRef<'_>,
        allowed: &[&str],
    ) -> Result<Vec<Constraint>, ShapesError> {
        let mut out = Vec::new();
        for local in allowed {
            for term in self.objects(id, local) {
                let c = match *local {
                    "minCount" | "maxCount" => {
                        let n = match &term {
                            Term::Literal(l) => l.value().parse::<u64>().ok(),
                            _ => None,
                        }
                        .ok_or_else(|| self.malformed(id, format!("sh:{local} {term}")))?;
                        if *local == "minCount" {
                            Constraint::MinCount(n)
                        } else {
                            Constraint::MaxCount(n)
                        }
                    }
                    "datatype" => Constraint::Datatype(self.iri(id, term, "sh:datatype")?),
                    "class" => Constraint::Class(self.iri(id, term, "sh:class")?),
                    "nodeKind" => Constraint::NodeKind(self.node_kind(id, term)?),
                    "in" => Constraint::In(self.list(id, term)?),
                    "hasValue" => Constraint::HasValue(term),
                    "pattern" | "minInclusive" | "maxInclusive" => {
                        let Term::Literal(l) = term else {
                            return Err(self.malformed(id, format!("sh:{local} needs a literal")));
                        };
                        match *local {
                            "pattern" => Constraint::Pattern(l.value().to_owned()),
                            "minInclusive" => Constraint::MinInclusive(l),
                            _ => Constraint::MaxInclusive(l),
                        }
                    }
                    "languageIn" => Constraint::LanguageIn(
                        self.list(id, term)?
                            .into_iter()
                            .map(|t| match t {
                                Term::Literal(l) => l.value().to_owned(),
                                other => other.to_string(),
                            })
                            .collect(),
                    ),
                    "or" => {
                        let mut members = Vec::new();
                        for member in self.list(id, term)? {
                            let m = self.subject(id, member, "a sh:or member")?;
                            self.check_terms(m.as_ref(), OR_MEMBER_TERMS)?;
                            members.push(self.value_constraints(m.as_ref(), OR_MEMBER_TERMS)?);
                        }
                        Constraint::Or(members)
                    }
                    _ => continue,
                };
                out.push(c);
            }
        }
        Ok(out)
    }

    fn sparql(
        &self,
        owner: NamedOrBlankNodeRef<'_>,
        term: Term,
    ) -> Result<SparqlConstraint, ShapesError> {
        let node = self.subject(owner, term, "sh:sparql")?;
        let r = node.as_ref();
        self.check_terms(r, SPARQL_TERMS)?;
        let select = match self.one(r, "select")? {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => return Err(self.malformed(owner, "sh:sparql without one sh:select".to_owned())),
        };
        let mut prologue = String::new();
        for prefixes in self.objects(r, "prefixes") {
            let p = self.subject(owner, prefixes, "sh:prefixes")?;
            for decl in self.objects(p.as_ref(), "declare") {
                let d = self.subject(owner, decl, "sh:declare")?;
                self.check_terms(d.as_ref(), &["prefix", "namespace"])?;
                let (Some(Term::Literal(prefix)), Some(Term::Literal(ns))) = (
                    self.one(d.as_ref(), "prefix")?,
                    self.one(d.as_ref(), "namespace")?,
                ) else {
                    return Err(self.malformed(
                        owner,
                        "sh:declare needs sh:prefix and sh:namespace literals".to_owned(),
                    ));
                };
                prologue.push_str(&format!("PREFIX {}: <{}>\n", prefix.value(), ns.value()));
            }
        }
        Ok(SparqlConstraint {
            query: format!("{prologue}{select}"),
            message: self.message(r)?,
        })
    }
}

/// The local name of an IRI (after the last `#` or `/`).
pub fn local(iri: NamedNodeRef<'_>) -> String {
    iri.as_str()
        .rsplit(['#', '/'])
        .next()
        .unwrap_or_default()
        .to_owned()
}
