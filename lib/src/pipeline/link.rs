//! Pipeline (use cases): `link` — reconcile a store folder with Wikidata-style
//! datasets under the store's lock, then save it.

use super::observer::{Event, Observer};
use super::{lock_store, JobError};
use crate::link::report::Report;
use crate::link::{self, DatasetFile};
use crate::store::GraphStore;
use std::path::Path;

/// Links the store at `dir` against `files` (each into its own dataset graph, the
/// links into the links graph) and saves it. Fails when `dir` holds no store.
pub fn link_store(
    dir: &Path,
    files: &[DatasetFile],
    observer: &mut dyn Observer,
) -> Result<Report, JobError> {
    let _lock = match dir.is_dir() {
        true => Some(lock_store(dir, "officegraph link", observer)?),
        false => None, // open_existing says there is no store
    };
    let mut store = GraphStore::open_existing(dir).map_err(|source| JobError::Open {
        path: dir.to_owned(),
        source,
    })?;
    observer.on_event(Event::Step("linking"));
    let report = link::link(&mut store, files)?;
    observer.on_event(Event::Step("saving the store"));
    store.save()?;
    observer.on_event(Event::Finished);
    Ok(report)
}
