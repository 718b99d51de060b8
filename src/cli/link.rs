//! Command line: `link --store DIR --with FILE... [--format F] [--strict]` — reconcile
//! the store with Wikidata-style datasets, print the report, save the store.

use super::{LinkArgs, Outcome};
use anyhow::Context;
use officegraph::link::input::Format;
use officegraph::link::{self, DatasetFile};
use officegraph::store::GraphStore;
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
    let _lock = match args.store.is_dir() {
        true => Some(super::lock_store(&args.store, "officegraph link")?),
        false => None, // open_existing says there is no store
    };
    let mut store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let spinner = super::progress::spinner("linking");
    let report = link::link(&mut store, &files)?;
    spinner.set_message("saving the store");
    store.save()?;
    spinner.finish_and_clear();
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
