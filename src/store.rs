//! Store stage: Oxigraph wrapper — open a store folder, atomically replace a record's
//! graph, write a durable snapshot. Knows nothing of records beyond their quads.

use crate::pipeline::ProcessedRecord;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not implemented yet")]
    Todo,
}

/// An officegraph store folder, loaded in memory.
pub struct GraphStore {
    store: oxigraph::store::Store,
    dir: PathBuf,
}

impl GraphStore {
    /// Opens (or creates) the store in `dir`, loading its snapshot.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let _ = (&dir, Self::todo());
        Err(StoreError::Todo)
    }

    fn todo() {}

    /// Replaces the graph of `record` (atomically) with its quads.
    pub fn replace_record(&mut self, record: &ProcessedRecord) -> Result<(), StoreError> {
        let _ = (record, &self.dir);
        Err(StoreError::Todo)
    }

    /// Writes the snapshot atomically (temp file, fsync, rename).
    pub fn save(&self) -> Result<(), StoreError> {
        Err(StoreError::Todo)
    }

    /// The Oxigraph store, for queries and exports.
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.store
    }
}
