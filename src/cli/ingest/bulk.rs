//! Command line: `ingest` into a new memory store — the bulk path. Records are parsed,
//! extracted and formatted as N-Quads lines on every core; the quads the
//! across-records succession pass reads are kept aside as terms; the lines go
//! straight into the snapshot ([`GraphStore::save_bulk`]). No store of the whole
//! graph is built: the next command loads the snapshot, as it would have anyway.

use super::{Outcome, Tally};
use officegraph::pipeline::{self, Config, ProcessedRecord};
use officegraph::reconcile::{feeds_succession, succession_graph, SuccessionInputs};
use officegraph::store::{BulkSnapshot, GraphStore, RecordLines, StoreError};
use oxigraph::model::NamedNode;
use std::path::PathBuf;

/// A record as the worker thread hands it over: its quads formatted, and only the
/// quads the succession pass reads still held as terms.
struct Formatted {
    record: ProcessedRecord,
    quads: usize,
    lines: Result<RecordLines, StoreError>,
}

impl Formatted {
    fn new(mut record: ProcessedRecord) -> Self {
        let lines = RecordLines::new(&record.record_iri, &record.quads);
        let quads = record.quads.len();
        record.quads.retain(feeds_succession);
        record.quads.shrink_to_fit();
        Self {
            record,
            quads,
            lines,
        }
    }
}

/// Ingests `files` into `store`, which must be an empty memory store, and saves it.
pub(super) fn ingest(
    store: GraphStore,
    files: &[PathBuf],
    config: Config,
    mut tally: Tally,
    strict: bool,
) -> anyhow::Result<Outcome> {
    let mut bulk = BulkSnapshot::new();
    let mut succession = SuccessionInputs::new();
    tally.with_bar(files.len(), |tally| {
        pipeline::process_files_then(
            files,
            &config,
            pipeline::default_threads(),
            Formatted::new,
            |_, result| {
                match result {
                    Ok(formatted) => tally.load_lines(&mut bulk, &mut succession, formatted),
                    Err(e) => tally.fail(anyhow::Error::from(e)),
                }
                tally.tick();
            },
        );
    });
    let base = config.base;
    let plan = succession.plan(&base);
    drop(succession);
    bulk.remove_quads(&plan.remove);
    let graph = NamedNode::new(succession_graph(&base))?;
    if plan.succession.is_empty() {
        bulk.remove_graph(&graph);
    } else {
        let lines = RecordLines::new(&graph, &plan.succession)?;
        bulk.replace_graph(lines, "officegraph succession");
    }
    drop(plan);
    let records = bulk.record_count(&format!("{base}record/"));
    let mut store = store;
    store.set_base(&base);
    let dir = store.dir().to_path_buf();
    let saved = store.save_bulk(bulk)?;
    tally.summary(&dir, records, saved.quads as usize);
    tally.outcome(strict)
}

impl Tally {
    /// Prints the record's diagnostics and replaces its graph in `bulk` (and its
    /// succession quads in `succession`).
    fn load_lines(
        &mut self,
        bulk: &mut BulkSnapshot,
        succession: &mut SuccessionInputs,
        formatted: Formatted,
    ) {
        let Formatted {
            record,
            quads,
            lines,
        } = formatted;
        self.report_counting(&record, quads);
        match lines {
            Ok(lines) => {
                bulk.replace_graph(lines, &record.source);
                succession.replace_graph(&record.record_iri, &record.quads);
            }
            Err(e) => {
                self.records -= 1;
                self.quads -= quads;
                self.fail(anyhow::Error::from(e).context(format!("cannot load {}", record.source)));
            }
        }
    }
}

/// Ingests `files` into `store`, an empty store of another backend than memory
/// (rocksdb), through Oxigraph's bulk loader, then reconciles and saves it as the
/// store path does. A record whose IRI repeats an earlier one's replaces it after the
/// load, as it would have during it.
pub(super) fn ingest_loading(
    mut store: GraphStore,
    files: &[PathBuf],
    config: Config,
    mut tally: Tally,
    strict: bool,
) -> anyhow::Result<Outcome> {
    let mut later = Vec::new();
    let mut loader = store.record_loader()?;
    tally.with_bar(files.len(), |tally| {
        pipeline::process_files(files, &config, pipeline::default_threads(), |_, result| {
            match result {
                Ok(record) => {
                    tally.report(&record);
                    if loader.contains(&record.record_iri) {
                        later.push(record);
                    } else {
                        let quads = record.quads.len();
                        let (graph, source) = (record.record_iri, record.source);
                        if let Err(e) = loader.add(&graph, record.quads, &source) {
                            tally.records -= 1;
                            tally.quads -= quads;
                            tally.fail(
                                anyhow::Error::from(e).context(format!("cannot load {source}")),
                            );
                        }
                    }
                }
                Err(e) => tally.fail(anyhow::Error::from(e)),
            }
            tally.tick();
        });
    });
    loader.finish()?;
    for record in later {
        if let Err(e) = store.replace_graph(&record.record_iri, &record.quads, &record.source) {
            tally.records -= 1;
            tally.quads -= record.quads.len();
            tally.fail(anyhow::Error::from(e).context(format!("cannot load {}", record.source)));
        }
    }
    store.set_base(&config.base);
    super::reconcile_across_records(&mut store)?;
    store.save()?;
    tally.summary_of(&store)?;
    tally.outcome(strict)
}
