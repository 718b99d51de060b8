//! Command line: `export`.
use super::{Outcome, ExportArgs};
pub fn run(_args: ExportArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
