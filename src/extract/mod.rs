//! Extract stage: a parsed record → the quads of its named graph (DESIGN §3,
//! `docs/mapping.md`). Knows nothing of files or stores.

mod graph;
mod iri;
mod structure;
mod subject;
mod tenures;

pub use graph::raw_property;
pub use iri::{date_key, slug, Minter};

use crate::record::{Block, Diagnostics, Record};
use crate::vocab::{ext, og};
use graph::GraphBuilder;
use oxigraph::model::{Literal, NamedNode, Quad};

/// What extraction needs to know.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Base of the data IRIs.
    pub base: String,
}

/// The graph of one record.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The record's IRI, also the name of its graph.
    pub record_iri: NamedNode,
    /// The graph's quads, sorted and unique.
    pub quads: Vec<Quad>,
}

/// Whether the record is about a position or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Position,
    Organization,
}

/// Shared state while one record is extracted.
pub(crate) struct Context<'r> {
    pub record: &'r Record,
    pub minter: Minter,
    pub out: GraphBuilder,
    pub subject: NamedNode,
    pub subject_label: String,
    pub subject_kind: SubjectKind,
    /// Positions made so far (label, IRI), the subject first when it is one.
    pub positions: Vec<(String, NamedNode)>,
}

/// Extracts the graph of a record. Problems become diagnostics.
pub fn extract(
    record: &Record,
    config: &ExtractConfig,
    diagnostics: &mut Diagnostics,
) -> Extracted {
    let minter = Minter::new(&config.base);
    let stem = record
        .file_name
        .rsplit_once('.')
        .map_or(record.file_name.as_str(), |(s, _)| s);
    let record_iri = minter.record(stem);
    let subject_label = record
        .title
        .as_ref()
        .map_or_else(|| stem.to_owned(), |t| t.value.clone());
    let subject_kind = subject::kind(record);
    let subject = match subject_kind {
        SubjectKind::Position => minter.position(&subject_label),
        SubjectKind::Organization => minter.organization(&subject_label),
    };
    let mut out = GraphBuilder::new(record_iri.clone());
    out.add(&record_iri, ext::RDF_TYPE, og::RECORD.into_owned());
    out.label(&record_iri, &subject_label);
    out.add(
        &record_iri,
        og::FILE_NAME,
        Literal::new_simple_literal(&record.file_name),
    );
    if !record.is_table_file {
        out.add(&record_iri, ext::FOAF_PRIMARY_TOPIC, subject.clone());
    }

    let positions = match subject_kind {
        SubjectKind::Position => vec![(subject_label.clone(), subject.clone())],
        SubjectKind::Organization => Vec::new(),
    };
    let mut cx = Context {
        record,
        minter,
        out,
        subject,
        subject_label,
        subject_kind,
        positions,
    };
    // A table file (CSV) has no subject: its rows name their positions.
    let holders = if record.is_table_file {
        Default::default()
    } else {
        subject::extract_subject(&mut cx, diagnostics)
    };
    tenures::extract_tenures(&mut cx, &holders, diagnostics);
    structure::extract_structure(&mut cx);
    Extracted {
        record_iri,
        quads: cx.out.finish(),
    }
}

/// The record's first prose paragraph, if any.
pub(crate) fn first_paragraph(record: &Record) -> Option<&str> {
    record.blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, .. } => Some(text.as_str()),
        _ => None,
    })
}

impl Context<'_> {
    /// Declares a position (type, label, line) and remembers it.
    pub fn position(&mut self, label: &str, line: usize) -> NamedNode {
        let iri = self.minter.position(label);
        self.out.node(&iri, og::POSITION, line);
        self.out.label(&iri, label);
        if !self.positions.iter().any(|(_, p)| *p == iri) {
            self.positions.push((label.to_owned(), iri.clone()));
        }
        iri
    }

    /// Declares an organization (type, label, line).
    pub fn organization(&mut self, label: &str, line: usize) -> NamedNode {
        let iri = self.minter.organization(label);
        self.out.node(&iri, og::ORGANIZATION, line);
        self.out.label(&iri, label);
        iri
    }
}
