//! Command line: `ingest`.
use super::{IngestArgs, Outcome};
pub fn run(_args: IngestArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
