//! Command line: `validate --store DIR [--format text|ttl] [--max-gap-days N]` — the
//! SHACL shapes and data-quality checks over each record graph; exit 1 on a violation.

use super::{Outcome, ValidateArgs, ValidateFormatArg};
use anyhow::Context;
use officegraph::store::GraphStore;
use officegraph::validate::{self, report, Options, Shapes};
use std::io::Write;

pub fn run(args: ValidateArgs) -> anyhow::Result<Outcome> {
    let store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let shapes = Shapes::builtin().context("the built-in shapes")?;
    let options = Options {
        max_gap_days: args.max_gap_days,
    };
    let result = validate::validate(&store, &shapes, &options)?;
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ValidateFormatArg::Text => report::write_text(&mut out, &result),
        ValidateFormatArg::Ttl => report::write_turtle(&mut out, &result, store.base()),
    }
    .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).context("cannot write the report"),
    }
    Ok(if result.conforms() {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}
