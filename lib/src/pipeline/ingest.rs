//! Pipeline (use cases): `ingest` — parse, extract and load record files or folders
//! into a store, one atomic replace per record, the across-records succession pass,
//! one snapshot save at the end. A new store is filled by the bulk paths ([`bulk`]):
//! a memory store's snapshot is written without building the store, a rocksdb store
//! is filled through Oxigraph's bulk loader.

mod bulk;

use super::observer::{Event, Observer};
use super::tally::{IngestReport, LoadError, Tally};
use super::{process_csv, process_html, process_text, Config, JobError, ProcessedRecord};
use crate::reconcile::Aliases;
use crate::record::lexicon::Lexicon;
use crate::store::{Backend, GraphStore, StoreLock};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the records of a job come from.
#[derive(Debug, Clone, Copy)]
pub enum Records<'a> {
    /// Files and folders (folders walked for `.txt`, `.csv`, `.html` and `.htm`).
    Paths(&'a [PathBuf]),
    /// Records held in memory as (file name, bytes), e.g. built into a binary;
    /// diagnostics name them `folder/name`.
    InMemory {
        folder: &'a str,
        files: &'a [(&'a str, &'a [u8])],
    },
}

impl Config {
    /// The configuration for a data base IRI `base` (absolute, ending in `/` or `#`:
    /// data IRIs are made by appending to it), an alias table whose rows are added to
    /// the shipped one, and a column lexicon whose rows are tried before the shipped
    /// `data/columns.csv`.
    pub fn build(
        base: &str,
        aliases: Option<&Path>,
        columns: Option<&Path>,
    ) -> Result<Config, JobError> {
        oxigraph::model::NamedNode::new(base).map_err(|source| JobError::BaseNotIri {
            base: base.to_owned(),
            source,
        })?;
        if !base.ends_with(['/', '#']) {
            return Err(JobError::BaseWithoutSeparator {
                base: base.to_owned(),
            });
        }
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| JobError::Read {
                path: path.to_owned(),
                source,
            })
        };
        let mut table = Aliases::builtin();
        if let Some(path) = aliases {
            table.extend(Aliases::from_csv(
                &path.display().to_string(),
                &read(path)?,
            )?);
        }
        let mut lexicon = Lexicon::builtin();
        if let Some(path) = columns {
            let mine = Lexicon::parse(&read(path)?).map_err(|source| JobError::Columns {
                path: path.to_owned(),
                source,
            })?;
            lexicon = Arc::new(lexicon.extended_by(&mine));
        }
        Ok(Config {
            base: base.to_owned(),
            aliases: table,
            columns: lexicon,
        })
    }
}

/// Creates the store folder `dir` if needed and takes its lock for `command`; a stale
/// lock left by a process that is gone is taken over with a note.
pub fn lock_store(
    dir: &Path,
    command: &str,
    observer: &mut dyn Observer,
) -> Result<StoreLock, JobError> {
    std::fs::create_dir_all(dir).map_err(|source| JobError::StoreFolder {
        path: dir.to_owned(),
        source,
    })?;
    let lock = StoreLock::acquire(dir, command)?;
    if let Some((pid, holder)) = &lock.took_over {
        observer.on_event(Event::Note(&format!(
            "took over the lock of {} left by pid {pid} ({holder}), which is gone",
            dir.display()
        )));
    }
    Ok(lock)
}

/// Ingests the records named by `paths` into the store at `dir` (created with
/// `backend` if new, else opened as it is), holding the store's lock meanwhile.
/// A path that cannot be read, or a record that cannot be loaded, is reported to
/// `observer` and counted; the others are still loaded and saved.
pub fn ingest(
    dir: &Path,
    backend: Option<Backend>,
    paths: &[PathBuf],
    config: &Config,
    observer: &mut dyn Observer,
) -> Result<IngestReport, JobError> {
    let _lock = lock_store(dir, "officegraph ingest", observer)?;
    let store = GraphStore::open_with(dir, backend)?;
    let mut tally = Tally::new(observer);
    let files = collect(paths, &mut tally);
    if store.is_empty()? && store.record_graphs().count() == 0 {
        return match store.backend() {
            Backend::Memory => bulk::ingest(store, &files, config, tally),
            Backend::Rocksdb => bulk::ingest_loading(store, &files, config, tally),
        };
    }
    let mut store = store;
    load_files(&mut store, &files, config, &mut tally);
    finish(&mut store, config, tally)
}

/// Sets the base, runs the across-records pass, saves, and counts the store.
fn finish(
    store: &mut GraphStore,
    config: &Config,
    mut tally: Tally<'_>,
) -> Result<IngestReport, JobError> {
    store.set_base(&config.base);
    reconcile_across_records(store)?;
    store.save()?;
    let prefix = crate::names::record_graphs(store.base());
    tally.report.store_records = store
        .record_graphs()
        .filter(|g| g.graph.starts_with(&prefix))
        .count();
    tally.report.store_quads = store.len()?;
    Ok(tally.report)
}

/// Loads `records` into `store` (replacing graphs of the same records), then runs the
/// across-records pass and saves: the loading part of `run`, into a fresh store.
pub(crate) fn load(
    store: &mut GraphStore,
    records: Records<'_>,
    config: &Config,
    observer: &mut dyn Observer,
) -> Result<IngestReport, JobError> {
    let mut tally = Tally::new(observer);
    match records {
        Records::Paths(paths) => {
            let files = collect(paths, &mut tally);
            load_files(store, &files, config, &mut tally);
        }
        Records::InMemory { folder, files } => {
            tally.event(Event::Started { total: files.len() });
            for (name, bytes) in files {
                let source = format!("{folder}/{name}");
                let lower = name.to_ascii_lowercase();
                let record = if lower.ends_with(".csv") {
                    process_csv(&source, name, bytes, config)
                } else if lower.ends_with(".html") || lower.ends_with(".htm") {
                    process_html(&source, name, bytes, config)
                } else {
                    process_text(&source, name, bytes, config)
                };
                load_record(store, record, &mut tally);
                tally.event(Event::Advanced);
            }
            tally.event(Event::Finished);
        }
    }
    finish(store, config, tally)
}

/// The record files named by `paths` (each path on its own, so a missing one is
/// reported and the others still load), sorted and without duplicates.
pub(crate) fn collect(paths: &[PathBuf], tally: &mut Tally<'_>) -> Vec<PathBuf> {
    let mut files = BTreeSet::new();
    for path in paths {
        match super::collect_inputs_noting_links(std::slice::from_ref(path)) {
            Ok(walked) => {
                files.extend(walked.files);
                for (link, target) in walked.loops {
                    tally.count(crate::record::Severity::Warning);
                    tally.event(Event::SymlinkLoop {
                        link: &link,
                        target: &target,
                    });
                }
                for (path, problem) in walked.skipped {
                    tally.count(crate::record::Severity::Warning);
                    tally.event(Event::Skipped {
                        path: &path,
                        problem: &problem,
                    });
                }
            }
            Err(e) => tally.fail(&e),
        }
    }
    files.into_iter().collect()
}

/// Reads and processes `files` on worker threads and loads them in order; a file
/// that cannot be read is reported and counted, and does not stop the others.
fn load_files(store: &mut GraphStore, files: &[PathBuf], config: &Config, tally: &mut Tally<'_>) {
    tally.event(Event::Started { total: files.len() });
    super::process_files(files, config, super::default_threads(), |_, result| {
        match result {
            Ok(record) => load_record(store, record, tally),
            Err(e) => tally.fail(&e),
        }
        tally.event(Event::Advanced);
    });
    tally.event(Event::Finished);
}

/// Reports the record's diagnostics and replaces its graph in `store`.
fn load_record(store: &mut GraphStore, record: ProcessedRecord, tally: &mut Tally<'_>) {
    tally.record(&record, record.quads.len());
    if let Err(source) = store.replace_graph(&record.record_iri, &record.quads, &record.source) {
        let error = LoadError {
            source_name: record.source.clone(),
            source,
        };
        tally.unload(record.quads.len(), &error);
    }
}

/// Orders the tenures of positions that several records describe into one chain
/// (the `{base}succession` graph), replacing the records' partial chains.
pub fn reconcile_across_records(store: &mut GraphStore) -> Result<(), JobError> {
    let base = store.base().to_owned();
    let plan = crate::reconcile::plan_succession(store.oxigraph(), &base)?;
    let graph = succession_graph_node(&base)?;
    store.remove_quads(&plan.remove)?;
    if plan.succession.is_empty() {
        store.remove_record(&graph)?;
    } else {
        store.replace_graph(&graph, &plan.succession, "officegraph succession")?;
    }
    Ok(())
}

/// The `{base}succession` graph's name as a node.
fn succession_graph_node(base: &str) -> Result<oxigraph::model::NamedNode, JobError> {
    let iri = crate::names::succession_graph(base);
    oxigraph::model::NamedNode::new(&iri).map_err(|source| JobError::BaseNotIri {
        base: base.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Silent;

    #[test]
    fn base_must_be_an_absolute_iri_ending_in_a_separator() {
        assert!(Config::build("https://example.org/id/", None, None).is_ok());
        assert!(Config::build("https://example.org/id#", None, None).is_ok());
        assert!(Config::build("https://example.org/id", None, None).is_err());
        assert!(Config::build("not an iri/", None, None).is_err());
    }

    #[test]
    fn a_missing_path_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.txt");
        std::fs::write(&good, "= A =\n").unwrap();
        let mut observer = Silent;
        let mut tally = Tally::new(&mut observer);
        let files = collect(
            &[dir.path().join("missing.txt"), good.clone(), good.clone()],
            &mut tally,
        );
        assert_eq!(files, vec![good]);
        assert_eq!(tally.report.failed, 1);
    }

    #[test]
    fn ingest_reports_diagnostics_and_counts_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        std::fs::write(
            &input,
            "= Mayor of A =\n\n| Name | Took office |\n| Ann Lee | 1990 |\n",
        )
        .unwrap();
        let mut events = Vec::new();
        let mut observer = |event: Event<'_>| events.push(format!("{event:?}"));
        let report = ingest(
            &dir.path().join("store"),
            None,
            &[input],
            &Config::default(),
            &mut observer,
        )
        .unwrap();
        assert_eq!((report.records, report.failed), (1, 0));
        assert_eq!(report.store_records, 1);
        assert!(report.store_quads >= report.quads);
        assert!(events.iter().any(|e| e.starts_with("Started")));
    }
}
