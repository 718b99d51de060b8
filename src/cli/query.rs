//! Command line: `query`.
use super::{Outcome, QueryArgs};
pub fn run(_args: QueryArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("not implemented yet")
}
