//! Store stage: `recover` — check `snapshot.nq`, and when it is damaged restore the
//! previous good snapshot (`snapshot.prev.nq`), moving the damaged file aside.

use super::{GraphStore, StoreError, DAMAGED_SNAPSHOT_FILE, PREV_SNAPSHOT_FILE, SNAPSHOT_FILE};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// What [`recover`] did.
#[derive(Debug)]
pub enum Recovered {
    /// `snapshot.nq` is good: nothing was changed.
    Intact { quads: usize, records: usize },
    /// `snapshot.nq` was damaged (why) and moved to `damaged`; the previous
    /// snapshot is the store again.
    Restored {
        problem: String,
        damaged: PathBuf,
        quads: usize,
        records: usize,
    },
}

impl fmt::Display for Recovered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Intact { quads, records } => write!(
                f,
                "{SNAPSHOT_FILE} is good ({records} graphs, {quads} quads); nothing to recover"
            ),
            Self::Restored {
                problem,
                damaged,
                quads,
                records,
            } => write!(
                f,
                "{SNAPSHOT_FILE} was damaged: {problem}\n\
                 moved it to {}\n\
                 restored {PREV_SNAPSHOT_FILE} ({records} graphs, {quads} quads) as {SNAPSHOT_FILE}",
                damaged.display()
            ),
        }
    }
}

/// Checks the store in `dir` and restores its previous snapshot when the current
/// one does not open. The caller holds the store's lock. Fails when neither opens.
pub fn recover(dir: &Path) -> Result<Recovered, StoreError> {
    let current = match GraphStore::open_existing(dir) {
        Ok(store) => {
            return Ok(Recovered::Intact {
                quads: store.len()?,
                records: store.record_graphs().count(),
            })
        }
        Err(e) => e,
    };
    let prev_path = dir.join(PREV_SNAPSHOT_FILE);
    if !prev_path.exists() {
        return Err(StoreError::Unrecoverable {
            dir: dir.to_path_buf(),
            current: chain(&current),
            previous: format!("{}: missing", prev_path.display()),
        });
    }
    let previous =
        GraphStore::load_from(dir, &prev_path).map_err(|e| StoreError::Unrecoverable {
            dir: dir.to_path_buf(),
            current: chain(&current),
            previous: chain(&e),
        })?;
    let damaged = dir.join(DAMAGED_SNAPSHOT_FILE);
    let snapshot = dir.join(SNAPSHOT_FILE);
    if snapshot.exists() {
        fs::rename(&snapshot, &damaged).map_err(|source| StoreError::Write {
            path: damaged.clone(),
            source,
        })?;
    }
    previous.save()?;
    Ok(Recovered::Restored {
        problem: chain(&current),
        damaged,
        quads: previous.len()?,
        records: previous.record_graphs().count(),
    })
}

fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(&format!(": {e}"));
        source = e.source();
    }
    text
}
