//! Command line: `recover` — check the store's snapshot and restore the previous
//! good one when it is damaged (store stage's [`officegraph::store::recover`]).

use super::{Outcome, RecoverArgs};
use anyhow::Context;
use officegraph::store;
use std::io::Write;

pub fn run(args: RecoverArgs) -> anyhow::Result<Outcome> {
    if !args.store.is_dir() {
        anyhow::bail!("no store at {}", args.store.display());
    }
    let _lock = super::lock_store(&args.store, "officegraph recover")?;
    let report = store::recover(&args.store)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}: {report}", args.store.display()).context("cannot write the report")?;
    Ok(Outcome::Ok)
}
