//! Command line: `export`.
use super::{ExportArgs, Outcome};
pub fn run(_args: ExportArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
