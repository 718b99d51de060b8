//! Validate stage: the SHACL shapes of `ontology/shapes.ttl` and the data-quality
//! checks, run over each record graph of a store on its own.
//!
//! - [`shapes`] reads the shapes graph into [`model`]; [`core`] evaluates SHACL Core constraints;
//!   [`sparql`] the `sh:sparql` constraints; [`quality`] the checks SHACL expresses
//!   poorly; [`report`] writes text and a `sh:ValidationReport` in Turtle.
//! - Each record graph (`{base}record/…`) is one data graph, as the shapes say; the
//!   links graph (`{base}links`, written by `link`) is validated on its own against the
//!   same shapes (only `og:Link` targets it); dataset graphs (`{base}dataset/…`) hold
//!   someone else's data and are skipped.

pub mod compare;
pub mod core;
pub mod model;
pub mod quality;
pub mod report;
pub mod shapes;
pub mod sparql;
#[cfg(test)]
mod tests;
mod validator;

use crate::store::GraphStore;
use crate::vocab::og;
use oxigraph::model::{Graph, GraphNameRef, NamedNode, NamedOrBlankNode, Term, TermRef};
use oxigraph::store::Store;
pub use shapes::{Severity, Shapes, ShapesError};
pub use validator::Validator;

/// Why validation could not run.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error(transparent)]
    Shapes(#[from] ShapesError),
    #[error("SPARQL: {0}")]
    Sparql(String),
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
}

/// Options of a validation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The longest gap, in days, between a post's holders before it is a warning.
    pub max_gap_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Self { max_gap_days: 365 }
    }
}

/// One finding, located in its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The data graph (record IRI or the links graph).
    pub graph: NamedNode,
    /// The record's file name (`og:fileName`), else the graph IRI.
    pub file: String,
    /// `og:sourceLine` of the focus node in that graph (the smallest, if several).
    pub line: Option<u64>,
    pub result: core::ShapeResult,
}

/// All findings of a run, sorted by file, line, severity and message.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// How many data graphs were validated.
    pub graphs: usize,
}

impl Report {
    /// Whether nothing has severity `sh:Violation` (the exit code and `sh:conforms`).
    pub fn conforms(&self) -> bool {
        self.count(Severity::Violation) == 0
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.result.severity == severity)
            .count()
    }
}

/// Validates every record graph of `store` (and its links graph) against `shapes`.
pub fn validate(
    store: &GraphStore,
    shapes: &Shapes,
    options: &Options,
) -> Result<Report, ValidateError> {
    // The manifest also lists the links and dataset graphs: take the records only.
    let records = crate::names::record_graphs(store.base());
    let mut graphs: Vec<NamedNode> = store
        .record_graphs()
        .filter(|r| r.graph.starts_with(&records))
        .map(|r| NamedNode::new_unchecked(r.graph.clone()))
        .collect();
    let links = NamedNode::new_unchecked(crate::names::links_graph(store.base()));
    if store.oxigraph().contains_named_graph(&links)? {
        graphs.push(links.clone());
    }
    let mut report = Report::default();
    for graph in &graphs {
        let data = read_graph(store.oxigraph(), graph)?;
        let quality = *graph != links;
        report.findings.extend(validate_graph(
            store.oxigraph(),
            graph,
            &data,
            shapes,
            options,
            quality,
        )?);
        report.graphs += 1;
    }
    report.findings.sort_by_key(sort_key);
    Ok(report)
}

fn sort_key(f: &Finding) -> (String, u64, Severity, String, String, String) {
    (
        f.file.clone(),
        f.line.unwrap_or(0),
        f.result.severity,
        f.result.message.clone(),
        f.result.focus.to_string(),
        f.result.source_shape.to_string(),
    )
}

/// The triples of one named graph.
pub fn read_graph(store: &Store, graph: &NamedNode) -> Result<Graph, ValidateError> {
    let mut data = Graph::new();
    for quad in store.quads_for_pattern(
        None,
        None,
        None,
        Some(GraphNameRef::NamedNode(graph.as_ref())),
    ) {
        let quad = quad?;
        data.insert(&oxigraph::model::Triple::from(quad));
    }
    Ok(data)
}

/// Validates one data graph (`graph` in `store`, its triples in `data`).
pub fn validate_graph(
    store: &Store,
    graph: &NamedNode,
    data: &Graph,
    shapes: &Shapes,
    options: &Options,
    quality: bool,
) -> Result<Vec<Finding>, ValidateError> {
    let cmp = compare::Compare::new()?;
    let mut results = Vec::new();
    for shape in &shapes.node_shapes {
        for focus in core::focus_nodes(shape, data) {
            core::check_node(shape, &focus, data, &cmp, &mut results)?;
            sparql::check_sparql(shape, &focus, store, graph, &mut results)?;
        }
    }
    if quality {
        results.extend(quality::check(data, options.max_gap_days));
    }
    let file = file_name(data).unwrap_or_else(|| graph.as_str().to_owned());
    Ok(results
        .into_iter()
        .map(|result| Finding {
            graph: graph.clone(),
            file: file.clone(),
            line: source_line(data, &result.focus),
            result,
        })
        .collect())
}

fn file_name(data: &Graph) -> Option<String> {
    data.triples_for_predicate(og::FILE_NAME)
        .find_map(|t| match t.object {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
}

fn source_line(data: &Graph, focus: &Term) -> Option<u64> {
    let subject = match focus {
        Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
        Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
        _ => return None,
    };
    data.objects_for_subject_predicate(&subject, og::SOURCE_LINE)
        .filter_map(|t| match t {
            TermRef::Literal(l) => l.value().parse().ok(),
            _ => None,
        })
        .min()
}
