//! Command line: `ingest` — [`pipeline::ingest`] of record files or folders into a
//! store, its events printed, its report as the closing line.

use super::printer::Printer;
use super::{IngestArgs, Outcome};
use officegraph::pipeline::{self, Config, IngestReport};
use std::io::{self, Write};
use std::path::Path;

pub fn run(args: IngestArgs) -> anyhow::Result<Outcome> {
    let config = Config::build(&args.base, args.aliases.as_deref(), args.columns.as_deref())?;
    let mut printer = Printer::new("records");
    let report = pipeline::ingest(
        &args.store,
        args.backend,
        &args.paths,
        &config,
        &mut printer,
    )?;
    drop(printer);
    summary(&report, &args.store);
    outcome(&report, args.strict)
}

/// The closing line of `ingest`.
fn summary(report: &IngestReport, dir: &Path) {
    let _ = writeln!(
        io::stderr().lock(),
        "ingested {} records ({} quads, {} warnings, {} errors) into {}; the store holds {} records, {} quads",
        report.records,
        report.quads,
        report.warnings,
        report.errors,
        dir.display(),
        report.store_records,
        report.store_quads,
    );
}

/// Exit status: an error when some input failed (after the others were saved),
/// problems when `strict` and anything was reported, else ok.
pub(super) fn outcome(report: &IngestReport, strict: bool) -> anyhow::Result<Outcome> {
    if report.failed > 0 {
        anyhow::bail!(
            "{} input(s) could not be loaded; the others were",
            report.failed
        );
    }
    Ok(if strict && report.problems() > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_turns_warnings_into_problems() {
        let mut report = IngestReport::default();
        assert_eq!(outcome(&report, true).unwrap(), Outcome::Ok);
        report.warnings = 1;
        assert_eq!(outcome(&report, false).unwrap(), Outcome::Ok);
        assert_eq!(outcome(&report, true).unwrap(), Outcome::Problems);
        report.failed = 1;
        assert!(outcome(&report, false).is_err());
    }
}
