//! Extract stage: a parsed record → the quads of its named graph (DESIGN §3).

use crate::record::{Diagnostics, Record};
use oxigraph::model::{NamedNode, Quad};

/// What extraction needs to know.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    pub base: String,
}

/// The graph of one record.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub record_iri: NamedNode,
    pub quads: Vec<Quad>,
}

pub fn extract(
    record: &Record,
    config: &ExtractConfig,
    _diagnostics: &mut Diagnostics,
) -> Extracted {
    let stem = record
        .file_name
        .rsplit_once('.')
        .map_or(record.file_name.as_str(), |(s, _)| s);
    Extracted {
        record_iri: NamedNode::new_unchecked(format!("{}record/{}", config.base, stem)),
        quads: Vec::new(),
    }
}
