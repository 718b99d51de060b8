//! Command line: `link --store DIR --with FILE... [--format F] [--strict]` — reconcile
//! the store with Wikidata-style datasets ([`pipeline::link_store`]), print the report.

use super::{LinkArgs, Outcome};
use anyhow::Context;
use officegraph::link::input::Format;
use officegraph::link::DatasetFile;
use officegraph::pipeline;
use std::io::Write;

pub fn run(args: LinkArgs) -> anyhow::Result<Outcome> {
    let format = match args.format.as_deref() {
        None | Some("auto") => None,
        Some(name) => Some(Format::from_name(name).with_context(|| {
            format!("--format {name}: expected auto, nt, ttl, entities, csv, tsv or sparql-json")
        })?),
    };
    let files = args
        .with
        .iter()
        .map(|path| DatasetFile::read(path, format))
        .collect::<Result<Vec<_>, _>>()?;
    let mut printer = super::printer::Printer::new("graphs");
    let report = pipeline::link_store(&args.store, &files, &mut printer)?;
    drop(printer);
    let mut out = std::io::stdout().lock();
    match write!(out, "{report}").and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).context("cannot write the report"),
    }
    Ok(if args.strict && report.ambiguous() > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}
