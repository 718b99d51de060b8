//! Command line: `timeline --store DIR --position IRI|LABEL… [-o FILE.svg]` — the
//! succession timeline of one or more positions as SVG; and the `out/timelines/`
//! folder the main job writes (one chart per position).

use super::{Outcome, TimelineArgs};
use officegraph::store::{write_atomically, GraphStore};
use officegraph::timeline::{self, TimelineOptions};
use anyhow::Context;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
pub(super) fn options(date: Option<&str>, width: Option<u32>) -> anyhow::Result<TimelineOptions> {
    let mut options = TimelineOptions::default();
    if let Some(date) = date {
        options.today = officegraph::record::date::parse_date(date)
            .ok()
            .filter(|d| d.precision() == officegraph::record::Precision::Day)
            .with_context(|| format!("--date {date}: expected YYYY-MM-DD"))?;
    }
    if let Some(width) = width {
        options.width = width;
    }
    Ok(options)
}

/// Writes `dir/<stem>.svg` for every position of `store` (stems from
/// [`timeline::file_stem`], `-2`, `-3`… added when two positions share one, in IRI
/// order) and removes other `.svg` files left there by an earlier run. Returns the
/// number of charts written.
pub(super) fn write_every_position(
    store: &Store,
    dir: &Path,
    options: &TimelineOptions,
) -> anyhow::Result<usize> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut positions = timeline::positions(store)?;
    positions.sort_by(|a, b| a.0.cmp(&b.0));
    let mut written: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stems: BTreeSet<String> = BTreeSet::new();
    for (position, _) in &positions {
        let stem = unique_stem(&timeline::file_stem(position), &stems);
        stems.insert(stem.to_lowercase());
        let path = dir.join(format!("{stem}.svg"));
        let svg = timeline::render_svg(store, std::slice::from_ref(position), options)?;
        write_atomically(&path, |w| w.write_all(svg.as_bytes()))
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.insert(path);
    }
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let stale = path.extension().is_some_and(|e| e == "svg") && !written.contains(&path);
        if stale && path.is_file() {
            fs::remove_file(&path)
                .with_context(|| format!("cannot remove the stale {}", path.display()))?;
        }
    }
    Ok(written.len())
}

/// `stem`, or `stem-2`, `stem-3`… when `taken` (lower-cased: case-insensitive file
/// systems) already has it.
fn unique_stem(stem: &str, taken: &BTreeSet<String>) -> String {
    let mut candidate = stem.to_owned();
    let mut n = 2;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_stems_get_a_number() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_stem("Mayor", &taken), "Mayor");
        taken.insert("mayor".to_owned());
        assert_eq!(unique_stem("MAYOR", &taken), "MAYOR-2");
        taken.insert("mayor-2".to_owned());
        assert_eq!(unique_stem("Mayor", &taken), "Mayor-3");
    }

    #[test]
    fn the_date_must_be_a_day() {
        assert!(options(Some("2026-01-01"), None).is_ok());
        assert!(options(Some("2026-01"), None).is_err());
        assert!(options(Some("yesterday"), None).is_err());
        assert_eq!(options(None, Some(800)).map(|o| o.width).ok(), Some(800));
    }
}
