//! Store stage: Oxigraph wrapper — open a store folder, atomically replace a record's
//! graph, write a durable, self-checking snapshot. Knows nothing of records beyond
//! their quads.
//!
//! A store has a [`Backend`], chosen when it is created and recorded in
//! `manifest.json`: `memory` (described here; the default) or `rocksdb` (Oxigraph's
//! RocksDB store, opened in place instead of reloaded; the `rocksdb` cargo feature;
//! its layout and crash safety are in `src/store/rocks.rs`). The rest of officegraph
//! sees the same [`GraphStore`] either way.
//!
//! A memory store folder `DIR` holds:
//! - `DIR/snapshot.nq`: every quad (N-Quads, sorted), then one trailer line, an
//!   N-Quads comment `# officegraph-snapshot {json}` holding the manifest (format
//!   version, base IRI, per record graph its source and quad count) and the SHA-256
//!   and byte length of everything before it. This file alone is the store.
//! - `DIR/snapshot.prev.nq`: the snapshot before the last save (same shape), kept for
//!   `officegraph recover`.
//! - `DIR/manifest.json`: a readable copy of the manifest, written after the
//!   snapshot; only consulted for a format-1 snapshot (no trailer).
//! - `DIR/LOCK` while a writer works (see [`lock`]).
//!
//! **Crash safety.** [`GraphStore::save`] (1) hard-links the current, checked
//! snapshot as `snapshot.prev.nq` (link to a temp name, then rename), (2) writes the
//! new snapshot to a temp file, fsyncs it and renames it over `snapshot.nq` — the
//! one atomic step that moves the store from the old state to the new — then
//! fsyncs the folder, (3) rewrites `manifest.json`. A kill before the rename of (2)
//! leaves the old store, after it the new one; never a mixture, because data and
//! manifest travel in the same file (a failure in (3) says the data is committed). Readers open `snapshot.nq` once and read it
//! whole, so they see one state or the other.
//!
//! **Checking on open.** The trailer's checksum and length must match; a missing
//! trailer (a file cut at a line end) while `manifest.json` says format 2, a
//! checksum mismatch or an N-Quads syntax error is an error naming the file and
//! suggesting `officegraph recover --store DIR`; nothing is loaded partially.
//! A format-1 store (no trailer, `manifest.json` format 1 or absent) still opens
//! unchecked, as before; its next save writes format 2.

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub mod atomic_file;
pub mod backend;
mod bulk;
mod copy;
mod files;
mod loader;
pub mod lock;
mod memory;
mod recover;
#[cfg(feature = "rocksdb")]
mod rocks;
mod snapshot;

pub use atomic_file::write_atomically;
pub use backend::Backend;
use backend::ROCKS_DIR;
pub use bulk::{BulkSaved, BulkSnapshot, RecordLines};
pub use copy::{copy_snapshot_quads, snapshot_quads, SnapshotQuads};
use files::{recover_dir_hint, recover_hint};
pub use loader::RecordLoader;
pub use lock::{LockError, StoreLock};
pub use recover::{recover, Recovered};

/// The snapshot's file name inside a store folder.
pub const SNAPSHOT_FILE: &str = "snapshot.nq";
/// The manifest's file name inside a store folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The store layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 2;
/// The previous good snapshot, kept by [`GraphStore::save`] for `recover`.
pub const PREV_SNAPSHOT_FILE: &str = "snapshot.prev.nq";
/// Where `recover` moves a damaged snapshot aside.
pub const DAMAGED_SNAPSHOT_FILE: &str = "snapshot.damaged.nq";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at {}: run `officegraph ingest` first", dir.display())]
    Missing { dir: PathBuf },
    #[error("{}: the bulk path only fills an empty memory store", dir.display())]
    NotEmpty { dir: PathBuf },
    #[error("{}: not a store folder", dir.display())]
    NotADir { dir: PathBuf },
    #[error("cannot create the store folder {}", dir.display())]
    CreateDir {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}:{line}: invalid N-Quads, the store was not loaded: {message}{}", path.display(), recover_hint(path))]
    Corrupt {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{}: damaged snapshot ({reason}); it was not loaded{}", path.display(), recover_hint(path))]
    Damaged { path: PathBuf, reason: String },
    #[error("cannot recover the store {}: the current snapshot fails ({current}) and so does the previous one ({previous})", dir.display())]
    Unrecoverable {
        dir: PathBuf,
        current: String,
        previous: String,
    },
    #[error("{}: invalid manifest", path.display())]
    BadManifest {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}: invalid IRI {value:?}", path.display())]
    BadIri { path: PathBuf, value: String },
    #[error("{}: store format version {found} is newer than this officegraph supports ({FORMAT_VERSION})", path.display())]
    NewerFormat { path: PathBuf, found: u32 },
    #[error("record {record} has a quad outside its graph (in {graph})")]
    OutsideGraph { record: NamedNode, graph: String },
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    // The two below: the snapshot was committed, only manifest.json failed after.
    #[error("{}: the new data is committed (the snapshot is written and in place, and the store opens with it); only {}, a readable copy of what the snapshot records, is out of date until the next save rewrites it. Writing it failed", snapshot.display(), path.display())]
    ManifestStale {
        snapshot: PathBuf,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: the new data is written and in place, but {} could not be rewritten and still names the {backend} backend, so the store opens its previous data; free some space and save again (rerun the command). Writing it failed", snapshot.display(), path.display())]
    ManifestNamesOtherBackend {
        snapshot: PathBuf,
        path: PathBuf,
        backend: Backend,
        #[source]
        source: io::Error,
    },
    #[error("{}: damaged store generation ({reason}); it was not opened{}", path.display(), recover_dir_hint(dir))]
    DamagedGeneration {
        dir: PathBuf,
        path: PathBuf,
        reason: String,
    },
    #[error("the store {} uses the {backend} backend, which this officegraph was built without; rebuild it with `cargo build --release --features {backend}`", dir.display())]
    BackendUnavailable { dir: PathBuf, backend: Backend },
    #[error("{} is a {found} store; `--backend {asked}` only applies when a store is created", dir.display())]
    BackendMismatch {
        dir: PathBuf,
        found: Backend,
        asked: Backend,
    },
    #[error("store error")]
    Storage(#[from] StorageError),
}

/// What the manifest says about one record graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEntry {
    /// The record's graph IRI.
    pub graph: String,
    /// Where the record was read from (empty when unknown).
    pub source: String,
    /// Quads in the graph.
    pub quads: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    format_version: u32,
    base: String,
    records: Vec<RecordEntry>,
}

/// An officegraph store folder, opened on its backend (see [`Backend`]).
pub struct GraphStore {
    /// Declared before `rocks`, so it is closed before the working copy is removed.
    store: Store,
    dir: PathBuf,
    base: String,
    /// Record graphs by IRI.
    records: BTreeMap<String, RecordEntry>,
    /// Loaded from a format-1 snapshot (no trailer) that parsed whole: keep it as
    /// the previous snapshot at the next save.
    legacy: bool,
    /// The generations of a rocksdb store (`None` for a memory store).
    #[cfg(feature = "rocksdb")]
    rocks: Option<rocks::Rocks>,
}

impl GraphStore {
    /// Opens (or creates, as a memory store) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, None)
    }

    /// Opens the store in `dir`, creating it with `backend` (memory when `None`)
    /// when missing. Asking for another backend than an existing store's is an error.
    pub fn open_with(dir: &Path, backend: Option<Backend>) -> Result<Self, StoreError> {
        create_dir(dir)?;
        let backend = backend::choose(dir, backend)?;
        Self::load(dir, backend)
    }

    /// Opens the store in `dir`, which must exist (for commands that only read).
    pub fn open_existing(dir: &Path) -> Result<Self, StoreError> {
        if !dir.join(SNAPSHOT_FILE).exists() && !dir.join(MANIFEST_FILE).exists() {
            return Err(StoreError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        let backend = backend::choose(dir, None)?;
        Self::load(dir, backend)
    }

    /// An empty memory store for `dir` (created when missing) that ignores what
    /// `dir` holds; the next [`save`](Self::save) replaces it. For rebuilding a
    /// store from scratch.
    pub fn fresh(dir: &Path) -> Result<Self, StoreError> {
        Self::fresh_with(dir, Some(Backend::Memory))
    }

    /// Like [`fresh`](Self::fresh), on `backend` (when `None`: the one `dir`'s store
    /// has, else memory).
    pub fn fresh_with(dir: &Path, backend: Option<Backend>) -> Result<Self, StoreError> {
        let backend = match backend {
            Some(b) => b,
            None => backend::recorded(dir).ok().flatten().unwrap_or_default(),
        };
        let backend = backend::usable(dir, backend)?;
        #[allow(unused_mut)]
        let mut this = Self::empty(dir)?;
        #[cfg(feature = "rocksdb")]
        if backend == Backend::Rocksdb {
            this.rocks = Some(rocks::Rocks::unpublished(dir));
        }
        let _ = backend;
        Ok(this)
    }

    /// An empty memory store for `dir` (created when missing).
    fn empty(dir: &Path) -> Result<Self, StoreError> {
        create_dir(dir)?;
        Ok(Self {
            store: Store::new()?,
            dir: dir.to_path_buf(),
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            records: BTreeMap::new(),
            legacy: false,
            #[cfg(feature = "rocksdb")]
            rocks: None,
        })
    }

    fn load(dir: &Path, backend: Backend) -> Result<Self, StoreError> {
        match backend {
            Backend::Memory => Self::load_from(dir, &dir.join(SNAPSHOT_FILE)),
            #[cfg(feature = "rocksdb")]
            Backend::Rocksdb => Self::load_rocks(dir),
            #[cfg(not(feature = "rocksdb"))]
            Backend::Rocksdb => Err(StoreError::BackendUnavailable {
                dir: dir.to_path_buf(),
                backend,
            }),
        }
    }

    /// Opens the current generation of a rocksdb store read-only, with its
    /// bookkeeping (no quads are loaded, nothing is recounted).
    #[cfg(feature = "rocksdb")]
    fn load_rocks(dir: &Path) -> Result<Self, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotADir {
                dir: dir.to_path_buf(),
            });
        }
        let (store, bookkeeping, rocks) = rocks::Rocks::open(dir)?;
        let mut this = Self::empty(dir)?;
        this.store = store;
        this.rocks = Some(rocks);
        if let Some(b) = bookkeeping {
            this.base = b.base;
            this.records = b
                .records
                .into_iter()
                .map(|r| (r.graph.clone(), r))
                .collect();
        }
        Ok(this)
    }

    /// Before a change: a rocksdb store switches to its private working copy.
    fn writable(&mut self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if let Some(rocks) = &mut self.rocks {
            if let Some(work) = rocks.writable()? {
                self.store = work;
            }
        }
        Ok(())
    }

    /// The backend this store uses.
    pub fn backend(&self) -> Backend {
        #[cfg(feature = "rocksdb")]
        if self.rocks.is_some() {
            return Backend::Rocksdb;
        }
        Backend::Memory
    }

    /// Saves the store: a memory store writes its snapshot (see the module docs), a
    /// rocksdb store publishes its next generation (see [`rocks`]). Either way one
    /// rename commits it, and afterwards files of the other backend are removed.
    pub fn save(&mut self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if self.rocks.is_some() {
            self.writable()?;
            let bookkeeping = rocks::Bookkeeping {
                base: self.base.clone(),
                records: self.records.values().cloned().collect(),
            };
            if let Some(rocks) = &mut self.rocks {
                rocks.publish(&self.store, &bookkeeping)?;
            }
            for name in [SNAPSHOT_FILE, PREV_SNAPSHOT_FILE] {
                let _ = fs::remove_file(self.dir.join(name));
            }
            return Ok(());
        }
        self.save_snapshot()?;
        let _ = fs::remove_dir_all(self.dir.join(ROCKS_DIR));
        Ok(())
    }

    /// Makes the record list agree with the quads: counts from the store, and every
    /// named graph listed (a crash between the two renames of `save` loses nothing).
    fn recount(&mut self) -> Result<(), StoreError> {
        for graph in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(g) = graph? {
                let key = g.into_string();
                self.records.entry(key.clone()).or_insert(RecordEntry {
                    graph: key,
                    source: String::new(),
                    quads: 0,
                });
            }
        }
        for entry in self.records.values_mut() {
            let graph = NamedNodeRef::new_unchecked(&entry.graph);
            entry.quads = count_graph(&self.store, graph)?;
        }
        Ok(())
    }

    /// Replaces the named graph `graph` (atomically) with `quads`, all of which must
    /// sit in that graph: the old graph is removed and the new quads inserted in one
    /// Oxigraph transaction. `source` is remembered in the manifest.
    pub fn replace_graph(
        &mut self,
        graph: &NamedNode,
        quads: &[Quad],
        source: &str,
    ) -> Result<(), StoreError> {
        let graph_ref = graph.as_ref();
        check_in_graph(graph, quads)?;
        self.writable()?;
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph_ref)?;
        transaction.extend(quads);
        transaction.commit()?;
        // The graph holds exactly the distinct quads given: no need to scan it.
        let (key, entry) = RecordEntry::of(graph, quads, source);
        self.records.insert(key, entry);
        Ok(())
    }

    /// Removes these quads (in one transaction), wherever they are.
    pub fn remove_quads(&mut self, quads: &[Quad]) -> Result<(), StoreError> {
        self.writable()?;
        let mut transaction = self.store.start_transaction()?;
        for quad in quads {
            transaction.remove(quad);
        }
        transaction.commit()?;
        // Only the graphs a removed quad sat in changed (recounting every record
        // graph scanned the whole store).
        let touched: std::collections::BTreeSet<&str> = quads
            .iter()
            .filter_map(|q| match q.graph_name.as_ref() {
                GraphNameRef::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        for entry in self.records.values_mut() {
            if touched.contains(entry.graph.as_str()) {
                let graph = NamedNode::new_unchecked(entry.graph.clone());
                entry.quads = count_graph(&self.store, graph.as_ref())?;
            }
        }
        Ok(())
    }

    /// Removes a record's graph; returns whether it was there.
    pub fn remove_record(&mut self, graph: &NamedNode) -> Result<bool, StoreError> {
        self.writable()?;
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph.as_ref())?;
        transaction.commit()?;
        Ok(self.records.remove(graph.as_str()).is_some())
    }

    /// The record graphs, sorted by IRI.
    pub fn record_graphs(&self) -> impl Iterator<Item = &RecordEntry> {
        self.records.values()
    }

    /// Whether the store has a record graph named `graph`.
    pub fn has_record(&self, graph: &NamedNode) -> bool {
        self.records.contains_key(graph.as_str())
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quads.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// The data base IRI recorded by the last ingest (for export prefixes).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Records the data base IRI, saved in the manifest.
    pub fn set_base(&mut self, base: &str) {
        base.clone_into(&mut self.base);
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The Oxigraph store, for queries and exports.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }
}

fn create_dir(dir: &Path) -> Result<(), StoreError> {
    fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
        dir: dir.to_path_buf(),
        source,
    })
}

/// An error unless every quad of `quads` sits in the named graph `graph`.
fn check_in_graph(graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
    match quads
        .iter()
        .find(|q| q.graph_name.as_ref() != GraphNameRef::NamedNode(graph.as_ref()))
    {
        Some(q) => Err(StoreError::OutsideGraph {
            record: graph.clone(),
            graph: q.graph_name.to_string(),
        }),
        None => Ok(()),
    }
}

impl RecordEntry {
    /// The manifest entry (keyed by graph IRI) of `graph` holding `quads`.
    fn of(graph: &NamedNode, quads: &[Quad], source: &str) -> (String, Self) {
        let key = graph.as_str().to_owned();
        let entry = Self {
            graph: key.clone(),
            source: source.to_owned(),
            quads: quads.iter().collect::<std::collections::HashSet<_>>().len(),
        };
        (key, entry)
    }
}

fn count_graph(store: &Store, graph: NamedNodeRef<'_>) -> Result<usize, StorageError> {
    let mut n = 0;
    for quad in store.quads_for_pattern(None, None, None, Some(graph.into())) {
        quad?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests;
