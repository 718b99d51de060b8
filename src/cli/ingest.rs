//! Command line: `ingest`.
use super::{Outcome, IngestArgs};
pub fn run(_args: IngestArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
