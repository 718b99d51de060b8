//! Extract stage: one record from its bytes — parse (text, CSV or HTML) and extract,
//! with every diagnostic in line order. The pipeline runs this over files and folders.

use super::{extract_graph, ExtractConfig, Graph};
use crate::record::{self, Diagnostic};
use oxigraph::model::{NamedNode, Quad};

/// One record after parse, extraction and reconciliation.
#[derive(Debug, Clone)]
pub struct ProcessedRecord {
    /// The record's IRI, which is also its graph's name.
    pub record_iri: NamedNode,
    /// Where it came from, as shown in diagnostics.
    pub source: String,
    /// Every quad of the record's graph (all in the graph `record_iri`), sorted, unique.
    pub quads: Vec<Quad>,
    /// Everything worth telling the user, in line order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One record after parse and extraction, its graph kept compact ([`Graph`]: each
/// term once): what the bulk path of `ingest` formats straight into lines, with no
/// quad ever held as owned strings.
#[derive(Debug, Clone)]
pub struct ProcessedGraph {
    /// Where it came from, as shown in diagnostics.
    pub source: String,
    /// The record's graph, named by the record's IRI.
    pub graph: Graph,
    /// Everything worth telling the user, in line order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ProcessedGraph {
    /// The record with its quads as owned values.
    pub fn into_record(self) -> ProcessedRecord {
        ProcessedRecord {
            record_iri: self.graph.name().clone(),
            source: self.source,
            quads: self.graph.into_quads(),
            diagnostics: self.diagnostics,
        }
    }
}

/// The input formats of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// The record text format (docs/design.md §2).
    Text,
    /// A CSV file of officeholders (one per row).
    Csv,
    /// Rendered article HTML (`action=render`).
    Html,
}

/// Parses and extracts a record of `kind`, keeping its graph compact.
pub fn process_graph(
    kind: RecordKind,
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedGraph {
    let (record, mut diagnostics) = match kind {
        RecordKind::Text => record::parse_text_with(source, file_name, bytes, &config.columns),
        RecordKind::Csv => record::parse_csv(source, file_name, bytes),
        RecordKind::Html => record::parse_html_with(source, file_name, bytes, &config.columns),
    };
    let graph = extract_graph(&record, config, &mut diagnostics);
    let mut diagnostics = diagnostics.into_vec();
    diagnostics.sort_by_key(|d| d.line);
    ProcessedGraph {
        source: record.source,
        graph,
        diagnostics,
    }
}

/// Parses and extracts a record given as bytes in the record text format.
pub fn process_text(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    process_graph(RecordKind::Text, source, file_name, bytes, config).into_record()
}

/// Parses and extracts a CSV file of officeholders (one per row).
pub fn process_csv(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    process_graph(RecordKind::Csv, source, file_name, bytes, config).into_record()
}

/// Parses and extracts a record given as rendered article HTML (`action=render`).
pub fn process_html(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    process_graph(RecordKind::Html, source, file_name, bytes, config).into_record()
}
