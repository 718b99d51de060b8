//! Export stage: Turtle, N-Triples, N-Quads, TriG; sorted and byte-stable.
//!
//! Every format is written in a canonical order so that two exports of the same
//! graph are byte-identical and diffs between versions stay small: N-Quads and
//! N-Triples lines sorted, Turtle/TriG subjects sorted with `rdf:type` first, then
//! the other predicates and all objects sorted. Prefixed names are only written where
//! they are valid Turtle; anything else is written as a full IRI. The writing itself
//! is [`crate::rdf`]'s, shared with the store's snapshots and every other stage.

pub mod canonical;
mod sorted;
pub mod wikidata;

pub use crate::rdf::Format as ExportFormat;
pub use sorted::export_sorted_quads;

use crate::rdf::{RdfWriter, WriteError};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::store::{StorageError, Store};
use std::io::{self, BufWriter, Write};

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export")]
    Io(#[from] io::Error),
    #[error("cannot read the store")]
    Storage(#[from] StorageError),
    #[error("cannot read the quads to export: {0}")]
    Input(String),
}

impl From<WriteError> for ExportError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Io(e) => Self::Io(e),
            WriteError::Storage(e) => Self::Storage(e),
        }
    }
}

impl ExportError {
    /// The reader went away (`officegraph export … | head`): not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// The writer of every export in `format`, with the prefixes derived from the data
/// base IRI `base`.
pub fn rdf_writer(format: ExportFormat, base: &str) -> RdfWriter {
    RdfWriter::new(format).with_prefixes(crate::vocab::prefixes(base))
}

/// Writes the store (or only `graph`) to `writer` in `format`, prefixes derived from
/// the data base IRI `base`. Returns the number of statements written (quads for
/// N-Quads, distinct triples for N-Triples and Turtle, triples per graph for TriG).
pub fn export(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    base: &str,
    writer: impl Write,
) -> Result<u64, ExportError> {
    let mut out = BufWriter::with_capacity(1 << 16, writer);
    let count = rdf_writer(format, base).write_store(store, graph, &mut out)?;
    out.flush()?;
    Ok(count)
}

fn read_quads(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<Quad>, StorageError> {
    let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    store.quads_for_pattern(None, None, None, graph).collect()
}

#[cfg(test)]
mod tests;
