//! Command line: `convert` — [`pipeline::convert`] of records to N-Quads or
//! N-Triples on stdout, with no store.

use super::ingest::outcome;
use super::printer::Printer;
use super::{ConvertArgs, ConvertFormatArg, Outcome};
use officegraph::pipeline::{self, Config, ConvertFormat, JobError};
use std::io::{self, Write};

pub fn run(args: ConvertArgs) -> anyhow::Result<Outcome> {
    let config = Config::build(&args.base, args.aliases.as_deref(), args.columns.as_deref())?;
    let format = match args.format {
        ConvertFormatArg::Nq => ConvertFormat::NQuads,
        ConvertFormatArg::Nt => ConvertFormat::NTriples,
    };
    let mut printer = Printer::new("records");
    let stdout = io::stdout();
    let result = pipeline::convert(
        &args.paths,
        format,
        &config,
        &mut stdout.lock(),
        &mut printer,
    );
    drop(printer);
    let report = match result {
        Ok(report) => report,
        Err(e) if e.is_broken_pipe() => return Ok(Outcome::Ok),
        Err(JobError::Output(e)) => {
            return Err(anyhow::Error::from(e).context("cannot write to stdout"))
        }
        Err(e) => return Err(e.into()),
    };
    let _ = writeln!(
        io::stderr().lock(),
        "converted {} records ({} quads, {} warnings, {} errors)",
        report.records,
        report.quads,
        report.warnings,
        report.errors,
    );
    outcome(&report, args.strict)
}
