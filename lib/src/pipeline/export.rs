//! Pipeline (use cases): `export` — a store folder written as Turtle, N-Triples,
//! N-Quads or TriG (og or Wikidata profile), or as RDFC-1.0 canonical N-Quads. The
//! whole store in the og profile is written from its checked snapshot without loading
//! it (the same bytes the loaded store would give).

use super::JobError;
use crate::export::canonical::{canonical_export, Canonical};
use crate::export::wikidata::export_wikidata;
use crate::export::{export, export_sorted_quads, ExportFormat};
use crate::store::{GraphStore, SnapshotQuads};
use oxigraph::model::NamedNode;
use std::io::{self, Write};
use std::path::Path;

/// Which vocabulary the export speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// officegraph's own ontology, as stored.
    #[default]
    Og,
    /// Wikidata's statement model (`p:`/`ps:`/`pq:`).
    Wikidata,
}

/// What to export from a store folder.
#[derive(Debug, Clone, Copy)]
pub struct ExportRequest<'a> {
    /// The store folder.
    pub store: &'a Path,
    pub format: ExportFormat,
    /// One record graph (`IRI` or `<IRI>`) instead of the whole store.
    pub graph: Option<&'a str>,
    pub profile: Profile,
}

/// Writes what `request` asks for to `writer`.
///
/// ```
/// use officegraph::export::ExportFormat;
/// use officegraph::pipeline::{self, Config, ExportRequest, Profile, Silent};
///
/// let dir = tempfile::tempdir()?;
/// let record = dir.path().join("mayor.txt");
/// std::fs::write(&record, "= Mayor of A =\n\n| Name | Took office |\n| Ann Lee | 1990 |\n")?;
/// let store = dir.path().join("store");
/// pipeline::ingest(&store, None, &[record], &Config::default(), &mut Silent)?;
/// let request = ExportRequest { store: &store, format: ExportFormat::NTriples, graph: None, profile: Profile::Og };
/// let mut out = Vec::new();
/// pipeline::export_store(&request, &mut out)?;
/// assert!(String::from_utf8(out)?.contains("\"Ann Lee\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_store(request: &ExportRequest<'_>, writer: &mut dyn Write) -> Result<(), JobError> {
    let whole = request.graph.is_none() && request.profile == Profile::Og;
    if whole && request.format != ExportFormat::TriG && from_snapshot(request, writer)? {
        return Ok(());
    }
    let store = GraphStore::open_existing(request.store)?;
    let graph = match request.graph {
        Some(text) => Some(record_graph(&store, text)?),
        None => None,
    };
    let (oxigraph, base) = (store.oxigraph(), store.base());
    match request.profile {
        Profile::Og => export(oxigraph, request.format, graph.as_ref(), base, writer)?,
        Profile::Wikidata => {
            export_wikidata(oxigraph, request.format, graph.as_ref(), base, writer)?
        }
    };
    Ok(())
}

/// The canonical N-Quads (RDFC-1.0) of the store folder `store`, or of one of its
/// record graphs, with their SHA-256.
pub fn export_canonical(store: &Path, graph: Option<&str>) -> Result<Canonical, JobError> {
    let store = GraphStore::open_existing(store)?;
    let graph = match graph {
        Some(text) => Some(record_graph(&store, text)?),
        None => None,
    };
    Ok(canonical_export(store.oxigraph(), graph.as_ref())?)
}

/// The whole store as N-Quads (copied), N-Triples or Turtle (regrouped) from its
/// checked snapshot. `false` when the store has no such snapshot (another backend,
/// an old format).
fn from_snapshot(request: &ExportRequest<'_>, writer: &mut dyn Write) -> Result<bool, JobError> {
    let Some(quads) = crate::store::snapshot_quads(request.store)? else {
        return Ok(false);
    };
    let SnapshotQuads { base, mut reader } = quads;
    match request.format {
        ExportFormat::NQuads => {
            io::copy(&mut reader, writer).map_err(crate::export::ExportError::from)?;
        }
        format => {
            export_sorted_quads(reader, format, &base, &mut *writer)?;
        }
    }
    writer.flush().map_err(crate::export::ExportError::from)?;
    Ok(true)
}

/// `IRI` or `<IRI>`, which must name a record graph of `store`.
fn record_graph(store: &GraphStore, text: &str) -> Result<NamedNode, JobError> {
    let iri = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    let graph = NamedNode::new(iri).map_err(|source| JobError::GraphNotIri {
        text: text.to_owned(),
        source,
    })?;
    if !store.has_record(&graph) {
        return Err(JobError::NoSuchGraph {
            graph: graph.to_string(),
            dir: store.dir().to_owned(),
        });
    }
    Ok(graph)
}
