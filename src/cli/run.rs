//! Command line: `run`.
use super::{Outcome, RunArgs};
pub fn run(_args: RunArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
