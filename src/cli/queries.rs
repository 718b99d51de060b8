//! Command line: `queries`.
use super::Outcome;
pub fn run() -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
