//! Command line: `gen-corpus` — write a deterministic synthetic corpus of records
//! (the benchmark input; [`officegraph::corpus`]).

use super::{GenCorpusArgs, Outcome};
use anyhow::Context;
use std::io::Write;

pub fn run(args: GenCorpusArgs) -> anyhow::Result<Outcome> {
    let summary = officegraph::corpus::generate(args.records, args.seed, &args.out_dir)?;
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "{}: {} records, {} tenures, {} people ({} in several records), {:.1} MB; \
         planted warnings: {} `c. YEAR` starts, {} `?` ends; ground truth in corpus.json",
        args.out_dir.display(),
        summary.records,
        summary.tenures,
        summary.people,
        summary.people_in_several_records,
        summary.bytes as f64 / 1e6,
        summary.circa_starts,
        summary.unknown_ends,
    )
    .context("cannot write the summary")?;
    Ok(Outcome::Ok)
}
