//! Pipeline (use cases): `ingest` into a new store — the bulk paths. For a memory
//! store, records are parsed, extracted and formatted as N-Quads lines on every core;
//! the quads the across-records succession pass reads are kept aside as terms; the
//! lines go straight into the snapshot ([`GraphStore::save_bulk`]). No store of the
//! whole graph is built: the next command loads the snapshot, as it would have anyway.
//! A rocksdb store is filled through Oxigraph's bulk loader.

use super::{finish, succession_graph_node, LoadError, Tally};
use crate::extract::Graph;
use crate::pipeline::{self, Config, Event, IngestReport, JobError, ProcessedGraph};
use crate::reconcile::{feeds_succession_ref, SuccessionInputs};
use crate::store::{BulkSnapshot, GraphStore, RecordLines, StoreError};
use std::path::PathBuf;

/// A record as the worker thread hands it over: its quads formatted as lines, and
/// only the quads the succession pass reads still held, as a compact graph. Its
/// quads are never held as owned values: extraction keeps each term once
/// ([`Graph`]), and the lines are formatted from borrowed quads.
struct Formatted {
    source: String,
    diagnostics: Vec<crate::record::Diagnostic>,
    quads: usize,
    lines: Result<RecordLines, StoreError>,
    succession: Graph,
}

impl Formatted {
    fn new(processed: ProcessedGraph) -> Self {
        let ProcessedGraph {
            source,
            mut graph,
            diagnostics,
        } = processed;
        let lines = RecordLines::from_quads(graph.name(), graph.quads());
        let quads = graph.len();
        graph.retain(feeds_succession_ref);
        Self {
            source,
            diagnostics,
            quads,
            lines,
            succession: graph,
        }
    }
}

/// Ingests `files` into `store`, which must be an empty memory store, and saves it.
pub(super) fn ingest(
    store: GraphStore,
    files: &[PathBuf],
    config: &Config,
    mut tally: Tally<'_>,
) -> Result<IngestReport, JobError> {
    let mut bulk = BulkSnapshot::new();
    let mut succession = SuccessionInputs::new();
    tally.event(Event::Started { total: files.len() });
    pipeline::process_graphs_then(
        files,
        config,
        pipeline::default_threads(),
        Formatted::new,
        |_, result| {
            match result {
                Ok(formatted) => load_lines(&mut tally, &mut bulk, &mut succession, formatted),
                Err(e) => tally.fail(&e),
            }
            tally.event(Event::Advanced);
        },
    );
    tally.event(Event::Finished);
    let base = &config.base;
    let plan = succession.plan(base);
    drop(succession);
    bulk.remove_quads(&plan.remove);
    let graph = succession_graph_node(base)?;
    if plan.succession.is_empty() {
        bulk.remove_graph(&graph);
    } else {
        let lines = RecordLines::new(&graph, &plan.succession)?;
        bulk.replace_graph(lines, "officegraph succession");
    }
    drop(plan);
    let records = bulk.record_count(&crate::names::record_graphs(base));
    let mut store = store;
    store.set_base(base);
    let saved = store.save_bulk(bulk)?;
    tally.report.store_records = records;
    tally.report.store_quads = saved.quads as usize;
    Ok(tally.report)
}

/// Reports the record's diagnostics and replaces its graph in `bulk` (and its
/// succession quads in `succession`).
fn load_lines(
    tally: &mut Tally<'_>,
    bulk: &mut BulkSnapshot,
    succession: &mut SuccessionInputs,
    formatted: Formatted,
) {
    let Formatted {
        source,
        diagnostics,
        quads,
        lines,
        succession: graph,
    } = formatted;
    tally.record_parts(graph.name(), &source, &diagnostics, quads);
    match lines {
        Ok(lines) => {
            bulk.replace_graph(lines, &source);
            succession.replace_graph(graph.name(), graph.quads());
        }
        Err(error) => {
            let error = LoadError {
                source_name: source,
                source: error,
            };
            tally.unload(quads, &error);
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
    config: &Config,
    mut tally: Tally<'_>,
) -> Result<IngestReport, JobError> {
    let mut later = Vec::new();
    let mut loader = store.record_loader()?;
    tally.event(Event::Started { total: files.len() });
    pipeline::process_files(files, config, pipeline::default_threads(), |_, result| {
        match result {
            Ok(record) => {
                tally.record(&record, record.quads.len());
                if loader.contains(&record.record_iri) {
                    later.push(record);
                } else {
                    let quads = record.quads.len();
                    let (graph, source_name) = (record.record_iri, record.source);
                    if let Err(source) = loader.add(&graph, record.quads, &source_name) {
                        tally.unload(
                            quads,
                            &LoadError {
                                source_name,
                                source,
                            },
                        );
                    }
                }
            }
            Err(e) => tally.fail(&e),
        }
        tally.event(Event::Advanced);
    });
    tally.event(Event::Finished);
    loader.finish()?;
    for record in later {
        if let Err(source) = store.replace_graph(&record.record_iri, &record.quads, &record.source)
        {
            let quads = record.quads.len();
            tally.unload(
                quads,
                &LoadError {
                    source_name: record.source,
                    source,
                },
            );
        }
    }
    finish(&mut store, config, tally)
}

#[cfg(test)]
mod tests;
