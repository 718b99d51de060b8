//! Command line: `ingest` — parse, extract and load record files or folders into a
//! store, one atomic replace per record, one snapshot save at the end.
//!
//! The loading loop ([`Tally`]) is shared with `run`. A new store is filled by the
//! bulk paths ([`bulk`]): a memory store's snapshot is written without building the
//! store, a rocksdb store is filled through Oxigraph's bulk loader.

use super::{IngestArgs, Outcome};
use officegraph::record::lexicon::Lexicon;

mod bulk;

use officegraph::pipeline::{self, Config, ProcessedRecord};
use officegraph::reconcile::Aliases;
use officegraph::record::{Diagnostic, Severity};
use officegraph::store::{Backend, GraphStore};
use anyhow::Context;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn run(args: IngestArgs) -> anyhow::Result<Outcome> {
    let config = config(&args.base, args.aliases.as_deref(), args.columns.as_deref())?;
    let _lock = super::lock_store(&args.store, "officegraph ingest")?;
    let mut store = GraphStore::open_with(&args.store, args.backend)?;
    let mut tally = Tally::default();
    let files = tally.collect(&args.paths);
    if store.is_empty()? && store.record_graphs().count() == 0 {
        return match store.backend() {
            Backend::Memory => bulk::ingest(store, &files, config, tally, args.strict),
            Backend::Rocksdb => bulk::ingest_loading(store, &files, config, tally, args.strict),
        };
    }
    tally.process_files(&mut store, &files, &config);
    store.set_base(&config.base);
    reconcile_across_records(&mut store)?;
    store.save()?;
    tally.summary_of(&store)?;
    tally.outcome(args.strict)
}

/// Orders the tenures of positions that several records describe into one chain
/// (the `{base}succession` graph), replacing the records' partial chains.
pub(super) fn reconcile_across_records(store: &mut GraphStore) -> anyhow::Result<()> {
    let base = store.base().to_owned();
    let plan = officegraph::reconcile::plan_succession(store.oxigraph(), &base)?;
    let graph = oxigraph::model::NamedNode::new(officegraph::reconcile::succession_graph(&base))?;
    store.remove_quads(&plan.remove)?;
    if plan.succession.is_empty() {
        store.remove_record(&graph)?;
    } else {
        store.replace_graph(&graph, &plan.succession, "officegraph succession")?;
    }
    Ok(())
}

/// The pipeline configuration for `--base`, which must be an absolute IRI ending in
/// `/` or `#` (data IRIs are made by appending to it), `--aliases`, a table whose
/// rows are added to the shipped one, and `--columns`, a column lexicon whose rows are
/// tried before the shipped `data/columns.csv`.
pub(super) fn config(
    base: &str,
    aliases: Option<&Path>,
    columns: Option<&Path>,
) -> anyhow::Result<Config> {
    oxigraph::model::NamedNode::new(base)
        .with_context(|| format!("--base {base}: not a valid absolute IRI"))?;
    if !base.ends_with(['/', '#']) {
        anyhow::bail!("--base {base}: must end with `/` or `#`");
    }
    let mut table = Aliases::builtin();
    if let Some(path) = aliases {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        table.extend(Aliases::from_csv(&path.display().to_string(), &text)?);
    }
    let mut lexicon = Lexicon::builtin();
    if let Some(path) = columns {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mine = Lexicon::parse(&text).with_context(|| format!("{}", path.display()))?;
        lexicon = std::sync::Arc::new(lexicon.extended_by(&mine));
    }
    Ok(Config {
        base: base.to_owned(),
        aliases: table,
        columns: lexicon,
    })
}

/// What loading records found; prints every diagnostic and file error as it goes.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub records: usize,
    pub quads: usize,
    pub warnings: usize,
    pub errors: usize,
    /// Inputs that could not be read or loaded at all.
    pub failed: usize,
    /// Record graphs loaded in this run → the source they came from.
    loaded: BTreeMap<String, String>,
    /// The progress bar diagnostics are printed above, while files are processed.
    bar: Option<indicatif::ProgressBar>,
}

impl Tally {
    /// The record files named by `paths` (each path on its own, so a missing one is
    /// reported and the others still load), sorted and without duplicates.
    pub fn collect(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut files = BTreeSet::new();
        for path in paths {
            match pipeline::collect_inputs_noting_loops(std::slice::from_ref(path)) {
                Ok((found, loops)) => {
                    files.extend(found);
                    for (link, target) in loops {
                        self.warnings += 1;
                        let _ = writeln!(
                            io::stderr().lock(),
                            "{}: warning: symlink loop back to {}; not followed",
                            link.display(),
                            target.display()
                        );
                    }
                }
                Err(e) => self.fail(anyhow::Error::from(e)),
            }
        }
        files.into_iter().collect()
    }

    /// Reads and processes `files` on worker threads and loads them in order; a file
    /// that cannot be read is reported and counted, and does not stop the others.
    pub fn process_files(&mut self, store: &mut GraphStore, files: &[PathBuf], config: &Config) {
        self.with_bar(files.len(), |tally| {
            pipeline::process_files(files, config, pipeline::default_threads(), |_, result| {
                match result {
                    Ok(record) => tally.load(store, record),
                    Err(e) => tally.fail(anyhow::Error::from(e)),
                }
                tally.tick();
            });
        });
    }

    /// Runs `work` with a progress bar over `files` files (drawn only on a terminal).
    pub fn with_bar(&mut self, files: usize, work: impl FnOnce(&mut Self)) {
        self.bar = Some(super::progress::bar(files as u64, "records"));
        work(self);
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    /// One more file done.
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Writes `text` to stderr, above the progress bar if one is drawn.
    fn say(&self, text: &str) {
        let write = || {
            let _ = io::stderr().lock().write_all(text.as_bytes());
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Prints the record's diagnostics and replaces its graph in `store`.
    pub fn load(&mut self, store: &mut GraphStore, record: ProcessedRecord) {
        self.report(&record);
        match store.replace_graph(&record.record_iri, &record.quads, &record.source) {
            Ok(()) => {}
            Err(e) => {
                self.records -= 1;
                self.quads -= record.quads.len();
                self.fail(anyhow::Error::from(e).context(format!("cannot load {}", record.source)))
            }
        }
    }

    /// The closing line of `ingest`.
    pub fn summary(&self, dir: &Path, records: usize, quads: usize) {
        let _ = writeln!(
            io::stderr().lock(),
            "ingested {} records ({} quads, {} warnings, {} errors) into {}; the store holds {records} records, {quads} quads",
            self.records,
            self.quads,
            self.warnings,
            self.errors,
            dir.display(),
        );
    }

    /// The closing line of `ingest` for `store` as saved.
    pub fn summary_of(&self, store: &GraphStore) -> anyhow::Result<()> {
        let prefix = format!("{}record/", store.base());
        let records = store
            .record_graphs()
            .filter(|g| g.graph.starts_with(&prefix))
            .count();
        self.summary(store.dir(), records, store.len()?);
        Ok(())
    }

    /// Prints the record's diagnostics (and a note when its IRI repeats an earlier
    /// record's) and counts it.
    pub fn report(&mut self, record: &ProcessedRecord) {
        self.report_counting(record, record.quads.len());
    }

    /// [`report`](Self::report), for a record whose `quads` were already taken away.
    pub fn report_counting(&mut self, record: &ProcessedRecord, quads: usize) {
        let mut text = String::new();
        for d in &record.diagnostics {
            self.count(d.severity);
            text.push_str(&format!("{d}\n"));
        }
        let graph = record.record_iri.as_str().to_owned();
        if let Some(previous) = self.loaded.insert(graph, record.source.clone()) {
            let d = Diagnostic {
                severity: Severity::Warning,
                file: record.source.clone(),
                line: 1,
                message: format!(
                    "same record IRI {} as {previous}, which it replaces",
                    record.record_iri
                ),
            };
            self.count(d.severity);
            text.push_str(&format!("{d}\n"));
        }
        if !text.is_empty() {
            self.say(&text);
        }
        self.records += 1;
        self.quads += quads;
    }

    fn count(&mut self, severity: Severity) {
        match severity {
            // A note says what was decided; it is printed, never counted as a problem.
            Severity::Info => {}
            Severity::Warning => self.warnings += 1,
            Severity::Error => self.errors += 1,
        }
    }

    pub fn fail(&mut self, error: anyhow::Error) {
        self.failed += 1;
        self.say(&format!("officegraph: error: {error:#}\n"));
    }

    /// Exit status: an error when some input failed (after the others were saved),
    /// problems when `strict` and anything was reported, else ok.
    pub fn outcome(&self, strict: bool) -> anyhow::Result<Outcome> {
        if self.failed > 0 {
            anyhow::bail!(
                "{} input(s) could not be loaded; the others were",
                self.failed
            );
        }
        Ok(if strict && self.warnings + self.errors > 0 {
            Outcome::Problems
        } else {
            Outcome::Ok
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_be_an_absolute_iri_ending_in_a_separator() {
        assert!(config("https://example.org/id/", None, None).is_ok());
        assert!(config("https://example.org/id#", None, None).is_ok());
        assert!(config("https://example.org/id", None, None).is_err());
        assert!(config("not an iri/", None, None).is_err());
    }

    #[test]
    fn a_missing_path_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.txt");
        std::fs::write(&good, "= A =\n").unwrap();
        let mut tally = Tally::default();
        let files = tally.collect(&[dir.path().join("missing.txt"), good.clone(), good.clone()]);
        assert_eq!(files, vec![good]);
        assert_eq!(tally.failed, 1);
        assert!(tally.outcome(false).is_err());
    }

    #[test]
    fn strict_turns_warnings_into_problems() {
        let mut tally = Tally::default();
        assert_eq!(tally.outcome(true).unwrap(), Outcome::Ok);
        tally.count(Severity::Warning);
        assert_eq!(tally.outcome(false).unwrap(), Outcome::Ok);
        assert_eq!(tally.outcome(true).unwrap(), Outcome::Problems);
    }
}
