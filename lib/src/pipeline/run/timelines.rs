//! Pipeline (use cases): the `OUT/timelines/` folder of the main job — one SVG chart
//! per position, stale charts of an earlier run removed.

use crate::pipeline::run::write_file;
use crate::pipeline::JobError;
use crate::timeline::{self, TimelineOptions};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `dir/<stem>.svg` for every position of `store` (stems from
/// [`timeline::file_stem`], `-2`, `-3`… added when two positions share one, in IRI
/// order) and removes other `.svg` files left there by an earlier run. Returns the
/// number of charts written.
pub fn write_every_position(
    store: &Store,
    dir: &Path,
    options: &TimelineOptions,
) -> Result<usize, JobError> {
    fs::create_dir_all(dir).map_err(|source| JobError::Create {
        path: dir.to_owned(),
        source,
    })?;
    let mut positions = timeline::positions(store)?;
    positions.sort_by(|a, b| a.0.cmp(&b.0));
    let mut written: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stems: BTreeSet<String> = BTreeSet::new();
    for (position, _) in &positions {
        let stem = unique_stem(&timeline::file_stem(position), &stems);
        stems.insert(stem.to_lowercase());
        let path = dir.join(format!("{stem}.svg"));
        let svg = timeline::render_svg(store, std::slice::from_ref(position), options)?;
        write_file(&path, |w| Ok(w.write_all(svg.as_bytes())?))?;
        written.insert(path);
    }
    let read_error = |source| JobError::Read {
        path: dir.to_owned(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let stale = path.extension().is_some_and(|e| e == "svg") && !written.contains(&path);
        if stale && path.is_file() {
            fs::remove_file(&path).map_err(|source| JobError::Remove {
                path: path.clone(),
                source,
            })?;
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
}
