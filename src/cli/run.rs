//! Command line: `run` — the main job ([`pipeline::run`]): the records (a folder,
//! `data/records`, or the seeds built into the binary) into `OUT/store`, the graph,
//! validation, stored-query results and timelines into `OUT/`, and a summary.

use super::ingest::outcome;
use super::printer::Printer;
use super::{Outcome, RunArgs};
use anyhow::Context;
use officegraph::pipeline::{self, Config, Records, RunConfig};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The records folder `run` uses when it exists in the current folder.
const DEFAULT_RECORDS: &str = "data/records";

pub fn run(args: RunArgs) -> anyhow::Result<Outcome> {
    // Like the records, the alias table defaults to the one in ./data when there is one.
    let local_aliases = Path::new("data/aliases.csv");
    let aliases = args
        .aliases
        .as_deref()
        .or_else(|| local_aliases.is_file().then_some(local_aliases));
    let config = Config::build(&args.base, aliases, args.columns.as_deref())?;
    let folder = match args.records {
        Some(dir) if dir.exists() => Some(dir),
        Some(dir) => anyhow::bail!("--records {}: no such folder or file", dir.display()),
        None => Some(PathBuf::from(DEFAULT_RECORDS)).filter(|d| d.is_dir()),
    };
    let date = args.date.as_deref().map(super::parse_day).transpose()?;
    let paths = folder.iter().cloned().collect::<Vec<_>>();
    let (records, source) = match &folder {
        Some(dir) => (Records::Paths(&paths), dir.display().to_string()),
        None => (
            Records::InMemory {
                folder: DEFAULT_RECORDS,
                files: pipeline::SEED_RECORDS,
            },
            "the seed records built into officegraph".to_owned(),
        ),
    };
    let job = RunConfig {
        out: args.out.clone(),
        records,
        backend: args.backend,
        date,
        config,
    };
    let mut printer = Printer::new("records");
    let report = pipeline::run(&job, &mut printer)?;
    drop(printer);

    let loaded = &report.ingest;
    let exports: Vec<String> = report
        .exports
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut summary = format!(
        "officegraph: {} records from {source}, {} triples, {} warnings, {} errors\n",
        loaded.records, report.triples, loaded.warnings, loaded.errors
    );
    summary.push_str(&format!("  store:   {}\n", report.store.display()));
    summary.push_str(&format!("  graph:   {}\n", exports.join(" ")));
    summary.push_str(&format!(
        "  checks:  {} ({} violations, {} warnings)\n",
        report.validation.display(),
        report.violations,
        report.validation_warnings
    ));
    summary.push_str(&format!(
        "  queries: {} ({} results, {} skipped, {} failed)\n",
        report.queries_dir.display(),
        report.queries.written,
        report.queries.skipped,
        report.queries.failed
    ));
    summary.push_str(&format!(
        "  timelines: {} ({} SVGs, one per position)\n",
        report.timelines_dir.display(),
        report.timelines
    ));
    match io::stdout().lock().write_all(summary.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(e).context("cannot write to stdout")
        }
        _ => {}
    }
    if report.queries.failed > 0 {
        anyhow::bail!("{} stored queries failed", report.queries.failed);
    }
    if !report.conforms() {
        return Ok(Outcome::Problems);
    }
    outcome(loaded, args.strict)
}
