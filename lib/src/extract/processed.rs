//! Extract stage: one record from its bytes — parse (text, CSV or HTML) and extract,
//! with every diagnostic in line order. The pipeline runs this over files and folders.

use super::{extract, ExtractConfig};
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

/// Parses and extracts a record given as bytes in the record text format.
pub fn process_text(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    let (record, diagnostics) = record::parse_text_with(source, file_name, bytes, &config.columns);
    finish(record, diagnostics, config)
}

/// Parses and extracts a CSV file of officeholders (one per row).
pub fn process_csv(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    let (record, diagnostics) = record::parse_csv(source, file_name, bytes);
    finish(record, diagnostics, config)
}

/// Parses and extracts a record given as rendered article HTML (`action=render`).
pub fn process_html(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    config: &ExtractConfig,
) -> ProcessedRecord {
    let (record, diagnostics) = record::parse_html_with(source, file_name, bytes, &config.columns);
    finish(record, diagnostics, config)
}

fn finish(
    record: record::Record,
    mut diagnostics: record::Diagnostics,
    config: &ExtractConfig,
) -> ProcessedRecord {
    let extracted = extract(&record, config, &mut diagnostics);
    let mut diagnostics = diagnostics.into_vec();
    diagnostics.sort_by_key(|d| d.line);
    ProcessedRecord {
        record_iri: extracted.record_iri,
        source: record.source,
        quads: extracted.quads,
        diagnostics,
    }
}
