//! Foundation: writing RDF text, for every stage that writes it — store snapshots,
//! exports (all formats, streamed from a store or from sorted lines), validation
//! reports, CONSTRUCT results. One writer, so a name reads the same everywhere.
//!
//! [`nquads`] writes N-Quads/N-Triples lines (everyday and RDFC-1.0 canonical form);
//! the Turtle/TriG writer puts prefixed names where they are valid Turtle without
//! escapes and everything in a canonical order, so two writes of the same graph are
//! byte-identical. [`RdfWriter`] is the entry point:
//!
//! ```
//! use officegraph::rdf::{Format, RdfWriter};
//! use oxigraph::model::{vocab::rdf, Literal, NamedNode, Triple};
//!
//! let tenure = NamedNode::new("https://ex.org/id/tenure/t1")?;
//! let triples = [
//!     Triple::new(tenure.clone(), NamedNode::new("https://w3id.org/officegraph/ontology#start")?,
//!                 Literal::new_simple_literal("1945")),
//!     Triple::new(tenure.clone(), rdf::TYPE, NamedNode::new("https://w3id.org/officegraph/ontology#Tenure")?),
//! ];
//! let mut out = Vec::new();
//! RdfWriter::new(Format::Turtle)
//!     .with_prefixes(vec![("og", "https://w3id.org/officegraph/ontology#".into()),
//!                         ("tenure", "https://ex.org/id/tenure/".into())])
//!     .only_used_prefixes()
//!     .write_triples(&mut out, triples.iter().map(Triple::as_ref))?;
//! assert_eq!(String::from_utf8(out)?,
//!     "@prefix og: <https://w3id.org/officegraph/ontology#> .\n\
//!      @prefix tenure: <https://ex.org/id/tenure/> .\n\
//!      \n\
//!      tenure:t1 a og:Tenure ;\n    og:start \"1945\" .\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod nquads;
mod stream;
mod turtle;

pub(crate) use stream::in_order;
pub(crate) use turtle::{group, Writer as TurtleTerms};

use oxigraph::model::{NamedNode, Quad, TripleRef};
use oxigraph::store::{StorageError, Store};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The RDF syntaxes officegraph writes (`export::ExportFormat` is this type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Turtle,
    NTriples,
    NQuads,
    TriG,
}

impl Format {
    /// Every format, in the order `run` writes them.
    pub const ALL: [Format; 4] = [Self::Turtle, Self::NTriples, Self::NQuads, Self::TriG];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::NTriples => "nt",
            Self::NQuads => "nq",
            Self::TriG => "trig",
        }
    }

    /// The matching Oxigraph format, e.g. to parse an export back.
    pub fn rdf_format(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat;
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
        }
    }

    /// Whether the format keeps named graphs (N-Quads, TriG).
    pub fn has_graphs(self) -> bool {
        matches!(self, Self::NQuads | Self::TriG)
    }
}

/// Why writing a store stopped.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write the RDF")]
    Io(#[from] io::Error),
    #[error("cannot read the store")]
    Storage(#[from] StorageError),
}

/// Writes RDF in one [`Format`], sorted and byte-stable: N-Quads and N-Triples lines
/// sorted and distinct; Turtle/TriG subjects sorted with `rdf:type` first, then the
/// other predicates and all objects sorted, with the declared prefixes.
#[derive(Debug)]
pub struct RdfWriter {
    format: Format,
    terms: TurtleTerms,
    used_only: bool,
}

impl RdfWriter {
    /// A writer of `format` declaring no prefixes.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            terms: TurtleTerms::with_prefixes(Vec::new()),
            used_only: false,
        }
    }

    /// Declares `prefixes` (name, namespace), in that order (Turtle and TriG only).
    pub fn with_prefixes(mut self, prefixes: Vec<(&'static str, String)>) -> Self {
        self.terms = TurtleTerms::with_prefixes(prefixes);
        self
    }

    /// Declares only the prefixes the statements are written with (Turtle from
    /// [`write_triples`](Self::write_triples) and [`write_quads`](Self::write_quads)).
    pub fn only_used_prefixes(mut self) -> Self {
        self.used_only = true;
        self
    }

    /// The format written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes `quads` (graph names dropped for N-Triples and Turtle). Returns the
    /// number of statements written: quads for N-Quads, distinct triples for
    /// N-Triples and Turtle, triples per graph for TriG.
    pub fn write_quads(&self, out: &mut impl Write, quads: &[Quad]) -> io::Result<u64> {
        match self.format {
            Format::NQuads => {
                write_sorted_lines(out, quads.iter().map(|q| nquads::quad_line(q.as_ref())))
            }
            Format::TriG => self.terms.write_dataset(out, quads),
            Format::NTriples | Format::Turtle => {
                self.write_triples(out, quads.iter().map(|q| TripleRef::from(q.as_ref())))
            }
        }
    }

    /// Writes `triples` (in the default graph for N-Quads and TriG). Returns the number
    /// of distinct triples written.
    pub fn write_triples<'a>(
        &self,
        out: &mut impl Write,
        triples: impl Iterator<Item = TripleRef<'a>>,
    ) -> io::Result<u64> {
        match self.format {
            Format::NTriples | Format::NQuads => {
                write_sorted_lines(out, triples.map(nquads::triple_line))
            }
            Format::Turtle => self.terms.write_graph(out, &group(triples), self.used_only),
            Format::TriG => {
                self.terms.write_prefixes(out)?;
                let grouped = group(triples);
                if grouped.is_empty() {
                    return Ok(0);
                }
                self.terms.write_named(out, None, &grouped)
            }
        }
    }

    /// Writes the store (or only its named graph `graph`) without copying it whole:
    /// subject by subject (graph by graph for TriG), every core formatting lines.
    /// The bytes are those of [`write_quads`](Self::write_quads) on all its quads
    /// (all prefixes declared). Returns the number of statements, as it does.
    pub fn write_store(
        &self,
        store: &Store,
        graph: Option<&NamedNode>,
        out: &mut impl Write,
    ) -> Result<u64, WriteError> {
        match self.format {
            Format::NQuads => stream::write_lines(store, graph, false, out),
            Format::NTriples => stream::write_lines(store, graph, true, out),
            Format::Turtle => stream::write_turtle(store, graph, &self.terms, out),
            Format::TriG => stream::write_trig(store, graph, &self.terms, out),
        }
    }
}

/// Writes the lines sorted and without duplicates.
fn write_sorted_lines(
    out: &mut impl Write,
    lines: impl Iterator<Item = String>,
) -> io::Result<u64> {
    let lines: BTreeSet<String> = lines.collect();
    for line in &lines {
        out.write_all(line.as_bytes())?;
    }
    Ok(lines.len() as u64)
}
