//! Command line: `timeline --store DIR --position IRI|LABEL… [-o FILE.svg]` — the
//! succession timeline of one or more positions as SVG; and the `out/timelines/`
//! folder the main job writes (one chart per position).

use super::{Outcome, TimelineArgs};
use anyhow::Context;
use officegraph::store::{write_atomically, GraphStore};
use officegraph::timeline::{self, TimelineOptions};
use std::io::{self, Write};

pub fn run(args: TimelineArgs) -> anyhow::Result<Outcome> {
    let store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let mut positions = Vec::new();
    for value in &args.positions {
        let position = timeline::resolve_position(store.oxigraph(), value)
            .with_context(|| format!("--position {value}"))?;
        positions.push(position);
    }
    let options = options(args.date.as_deref(), Some(args.width))?;
    let svg = timeline::render_svg(store.oxigraph(), &positions, &options)?;
    match &args.output {
        Some(path) => write_atomically(path, |w| w.write_all(svg.as_bytes()))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => match io::stdout().lock().write_all(svg.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                return Err(e).context("cannot write to stdout")
            }
            _ => {}
        },
    }
    Ok(Outcome::Ok)
}

/// Chart options from `--date` (a `YYYY-MM-DD`, default today) and `--width`.
fn options(date: Option<&str>, width: Option<u32>) -> anyhow::Result<TimelineOptions> {
    let mut options = TimelineOptions::default();
    if let Some(date) = date {
        options.today = super::parse_day(date)?;
    }
    if let Some(width) = width {
        options.width = width;
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_must_be_a_day() {
        assert!(options(Some("2026-01-01"), None).is_ok());
        assert!(options(Some("2026-01"), None).is_err());
        assert!(options(Some("yesterday"), None).is_err());
        assert_eq!(options(None, Some(800)).map(|o| o.width).ok(), Some(800));
    }
}
