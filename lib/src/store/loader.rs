//! Store stage: whole record graphs into an empty store through Oxigraph's bulk loader,
//! how `ingest` fills a new rocksdb store: quads are written in large sorted batches
//! instead of one transaction per record. The bookkeeping is the same as
//! [`GraphStore::replace_graph`]'s, so the saved store cannot tell the paths apart.

use super::{GraphStore, RecordEntry, StoreError};
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::BulkLoader;
use std::collections::BTreeMap;

/// Quads handed to Oxigraph's loader per call (it sorts and writes each call's quads
/// in batches of its own; fewer, larger calls make fewer, larger table files).
const BATCH: usize = 1 << 19;

/// Adds record graphs to an empty store; see [`GraphStore::record_loader`].
pub struct RecordLoader<'a> {
    loader: BulkLoader<'a>,
    records: &'a mut BTreeMap<String, RecordEntry>,
    pending: Vec<Quad>,
}

impl GraphStore {
    /// A bulk loader of whole record graphs into this store, which must hold nothing
    /// yet. Nothing is visible to this `GraphStore` before [`RecordLoader::finish`];
    /// nothing is saved before [`save`](Self::save).
    pub fn record_loader(&mut self) -> Result<RecordLoader<'_>, StoreError> {
        if !self.records.is_empty() || !self.store.is_empty()? {
            return Err(StoreError::NotEmpty {
                dir: self.dir.clone(),
            });
        }
        self.writable()?;
        Ok(RecordLoader {
            loader: self.store.bulk_loader(),
            records: &mut self.records,
            pending: Vec::new(),
        })
    }
}

impl RecordLoader<'_> {
    /// Whether the graph `graph` was already added.
    pub fn contains(&self, graph: &NamedNode) -> bool {
        self.records.contains_key(graph.as_str())
    }

    /// Adds the graph `graph` with `quads` (all of which must sit in it); `source` goes
    /// into the manifest. A graph already added is not touched: returns `false` (the
    /// caller replaces it once the load is finished).
    pub fn add(
        &mut self,
        graph: &NamedNode,
        quads: Vec<Quad>,
        source: &str,
    ) -> Result<bool, StoreError> {
        if self.contains(graph) {
            return Ok(false);
        }
        super::check_in_graph(graph, &quads)?;
        let (key, entry) = RecordEntry::of(graph, &quads, source);
        self.records.insert(key, entry);
        self.pending.extend(quads);
        if self.pending.len() >= BATCH {
            self.loader.load_quads(self.pending.drain(..))?;
        }
        Ok(true)
    }

    /// Writes what is left and commits the load.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.loader.load_quads(self.pending.drain(..))?;
        self.loader.commit()?;
        Ok(())
    }
}
