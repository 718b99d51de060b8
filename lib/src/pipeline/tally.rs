//! Pipeline (use cases): what loading records found — counts for the job's report,
//! every diagnostic and failure handed to the caller's [`Observer`] as it happens.

use super::observer::{Event, Observer};
use super::ProcessedRecord;
use crate::record::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::error::Error;

/// What an ingest (or `convert`, or the loading part of `run`) did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestReport {
    /// Records loaded by this job.
    pub records: usize,
    /// Quads of those records.
    pub quads: usize,
    /// Warnings reported (notes are not counted).
    pub warnings: usize,
    /// Errors reported in records (which were still loaded).
    pub errors: usize,
    /// Inputs that could not be read or loaded at all.
    pub failed: usize,
    /// Record graphs in the store after the job.
    pub store_records: usize,
    /// Quads in the store after the job.
    pub store_quads: usize,
}

impl IngestReport {
    /// Warnings and errors reported: what `--strict` turns into exit 1.
    pub fn problems(&self) -> usize {
        self.warnings + self.errors
    }
}

/// Counts what loading found and passes it on to the observer.
pub(crate) struct Tally<'o> {
    pub report: IngestReport,
    /// Record graphs loaded in this job → the source they came from.
    loaded: BTreeMap<String, String>,
    observer: &'o mut dyn Observer,
}

impl<'o> Tally<'o> {
    pub fn new(observer: &'o mut dyn Observer) -> Self {
        Self {
            report: IngestReport::default(),
            loaded: BTreeMap::new(),
            observer,
        }
    }

    pub fn event(&mut self, event: Event<'_>) {
        self.observer.on_event(event);
    }

    /// Reports the record's diagnostics (and a warning when its IRI repeats an earlier
    /// record's) and counts it with `quads` quads.
    pub fn record(&mut self, record: &ProcessedRecord, quads: usize) {
        self.record_parts(
            &record.record_iri,
            &record.source,
            &record.diagnostics,
            quads,
        );
    }

    /// [`record`](Self::record), given the record's parts: its graph's name, its
    /// source and its diagnostics.
    pub fn record_parts(
        &mut self,
        record_iri: &oxigraph::model::NamedNode,
        source: &str,
        diagnostics: &[Diagnostic],
        quads: usize,
    ) {
        for d in diagnostics {
            self.count(d.severity);
            self.observer.on_event(Event::Diagnostic(d));
        }
        let graph = record_iri.as_str().to_owned();
        if let Some(previous) = self.loaded.insert(graph, source.to_owned()) {
            let d = Diagnostic {
                severity: Severity::Warning,
                file: source.to_owned(),
                line: 1,
                message: format!("same record IRI {record_iri} as {previous}, which it replaces"),
            };
            self.count(d.severity);
            self.observer.on_event(Event::Diagnostic(&d));
        }
        self.report.records += 1;
        self.report.quads += quads;
    }

    /// A record counted by [`record`](Self::record) that could not be loaded after all.
    pub fn unload(&mut self, quads: usize, error: &(dyn Error + 'static)) {
        self.report.records -= 1;
        self.report.quads -= quads;
        self.fail(error);
    }

    pub fn count(&mut self, severity: Severity) {
        match severity {
            // A note says what was decided; it is reported, never counted as a problem.
            Severity::Info => {}
            Severity::Warning => self.report.warnings += 1,
            Severity::Error => self.report.errors += 1,
        }
    }

    pub fn fail(&mut self, error: &(dyn Error + 'static)) {
        self.report.failed += 1;
        self.observer.on_event(Event::Failed(error));
    }
}

/// A record that was read but could not be loaded into the store.
#[derive(Debug, thiserror::Error)]
#[error("cannot load {source_name}")]
pub struct LoadError {
    pub source_name: String,
    #[source]
    pub source: crate::store::StoreError,
}
