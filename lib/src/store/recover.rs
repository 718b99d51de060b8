//! Store stage: `recover` — check `snapshot.nq`, and when it is damaged restore the
//! previous good snapshot (`snapshot.prev.nq`), moving the damaged file aside; for a
//! rocksdb store, fall back to the newest generation that reads whole.

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
    /// A rocksdb store: generation `generation` is current (and reads whole); when
    /// the one `manifest.json` named was damaged, why.
    Generation {
        generation: u64,
        problem: Option<String>,
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
            Self::Generation {
                generation,
                problem: None,
                quads,
                records,
            } => write!(
                f,
                "generation {generation} is good ({records} graphs, {quads} quads); nothing to recover"
            ),
            Self::Generation {
                generation,
                problem: Some(problem),
                quads,
                records,
            } => write!(
                f,
                "the current generation was damaged: {problem}
                 restored generation {generation} ({records} graphs, {quads} quads)"
            ),
        }
    }
}

/// Checks the store in `dir` and restores its previous snapshot when the current
/// one does not open. The caller holds the store's lock. Fails when neither opens.
pub fn recover(dir: &Path) -> Result<Recovered, StoreError> {
    #[cfg(feature = "rocksdb")]
    if super::backend::recorded(dir).ok().flatten() == Some(super::Backend::Rocksdb)
        || (!dir.join(SNAPSHOT_FILE).exists() && dir.join(super::ROCKS_DIR).is_dir())
    {
        return recover_rocks(dir);
    }
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
    let mut previous =
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

/// `recover` for a rocksdb store: the newest generation that reads whole becomes
/// the current one (the damaged ones stay on disk until a later save prunes them).
#[cfg(feature = "rocksdb")]
fn recover_rocks(dir: &Path) -> Result<Recovered, StoreError> {
    let (generation, problem) = super::rocks::recover(dir)?;
    let store = GraphStore::open_existing(dir)?;
    let (quads, records) = (store.len()?, store.record_graphs().count());
    Ok(Recovered::Generation {
        generation,
        problem,
        quads,
        records,
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
