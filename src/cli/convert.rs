//! Command line: `convert` — records to N-Quads or N-Triples on stdout, with no store.
//! Files are processed on worker threads and written in input order as soon as their
//! turn comes, so memory stays bounded by the records in flight, not the corpus.
//! What needs every record at once (succession across records, the `{base}succession`
//! graph) is left to `ingest`.

use super::ingest::{config, Tally};
use super::{ConvertArgs, ConvertFormatArg, Outcome};
use officegraph::pipeline;
use anyhow::Context;
use oxigraph::model::TripleRef;
use std::io::{self, BufWriter, Write};

pub fn run(args: ConvertArgs) -> anyhow::Result<Outcome> {
    let config = config(&args.base, args.aliases.as_deref(), args.columns.as_deref())?;
    let mut tally = Tally::default();
    let files = tally.collect(&args.paths);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut write_error: Option<io::Error> = None;
    let mut line = String::new();
    tally.with_bar(files.len(), |tally| {
        pipeline::process_files(&files, &config, pipeline::default_threads(), |_, result| {
            tally.tick();
            let record = match result {
                Ok(record) => record,
                Err(e) => return tally.fail(anyhow::Error::from(e)),
            };
            tally.report(&record);
            if write_error.is_some() {
                return;
            }
            let mut written = Ok(());
            for quad in &record.quads {
                line.clear();
                match args.format {
                    ConvertFormatArg::Nq => line.push_str(&quad.to_string()),
                    ConvertFormatArg::Nt => {
                        line.push_str(&TripleRef::from(quad.as_ref()).to_string())
                    }
                }
                line.push_str(" .\n");
                written = out.write_all(line.as_bytes());
                if written.is_err() {
                    break;
                }
            }
            if let Err(e) = written {
                write_error = Some(e);
            }
        });
    });
    match write_error.map_or_else(|| out.flush(), Err) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(Outcome::Ok),
        Err(e) => return Err(e).context("cannot write to stdout"),
    }
    let _ = writeln!(
        io::stderr().lock(),
        "converted {} records ({} quads, {} warnings, {} errors)",
        tally.records,
        tally.quads,
        tally.warnings,
        tally.errors,
    );
    tally.outcome(args.strict)
}
