//! Store stage: Oxigraph wrapper — open a store folder, atomically replace a record's
//! graph, write a durable, self-checking snapshot. Knows nothing of records beyond
//! their quads.
//!
//! A store folder `DIR` holds:
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
//! manifest travel in the same file. Readers open `snapshot.nq` once and read it
//! whole, so they see one state or the other.
//!
//! **Checking on open.** The trailer's checksum and length must match; a missing
//! trailer (a file cut at a line end) while `manifest.json` says format 2, a
//! checksum mismatch or an N-Quads syntax error is an error naming the file and
//! suggesting `officegraph recover --store DIR`; nothing is loaded partially.
//! A format-1 store (no trailer, `manifest.json` format 1 or absent) still opens
//! unchecked, as before; its next save writes format 2.

use crate::export::{self, ExportError, ExportFormat};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub mod atomic_file;
mod copy;
mod files;
pub mod lock;
mod recover;
mod snapshot;

pub use atomic_file::write_atomically;
pub use copy::copy_snapshot_quads;
use files::{load_snapshot, read_manifest, recover_hint};
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

/// An officegraph store folder, loaded in memory.
pub struct GraphStore {
    store: Store,
    dir: PathBuf,
    base: String,
    /// Record graphs by IRI.
    records: BTreeMap<String, RecordEntry>,
    /// Loaded from a format-1 snapshot (no trailer) that parsed whole: keep it as
    /// the previous snapshot at the next save.
    legacy: bool,
}

impl GraphStore {
    /// Opens (or creates) the store in `dir`, loading its snapshot.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
        Self::load(dir)
    }

    /// Opens the store in `dir`, which must exist (for commands that only read).
    pub fn open_existing(dir: &Path) -> Result<Self, StoreError> {
        if !dir.join(SNAPSHOT_FILE).exists() && !dir.join(MANIFEST_FILE).exists() {
            return Err(StoreError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        Self::load(dir)
    }

    /// An empty store for `dir` (created when missing) that ignores what `dir` holds;
    /// the next [`save`](Self::save) replaces it. For rebuilding a store from scratch.
    pub fn fresh(dir: &Path) -> Result<Self, StoreError> {
        fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
        Ok(Self {
            store: Store::new()?,
            dir: dir.to_path_buf(),
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            records: BTreeMap::new(),
            legacy: false,
        })
    }

    fn load(dir: &Path) -> Result<Self, StoreError> {
        Self::load_from(dir, &dir.join(SNAPSHOT_FILE))
    }

    /// Loads the store of `dir` from the snapshot file `path` (checked as described
    /// in the module docs); the store's folder stays `dir`.
    fn load_from(dir: &Path, path: &Path) -> Result<Self, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotADir {
                dir: dir.to_path_buf(),
            });
        }
        let mut this = Self::fresh(dir)?;
        let manifest_path = dir.join(MANIFEST_FILE);
        let bytes = match fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let mut checked = false;
        let manifest = match bytes.as_deref().map(snapshot::check) {
            Some(snapshot::Checked::Good(quads, manifest)) => {
                checked = true;
                if manifest.format_version > FORMAT_VERSION {
                    return Err(StoreError::NewerFormat {
                        path: path.to_path_buf(),
                        found: manifest.format_version,
                    });
                }
                load_snapshot(&this.store, path, quads, true)?;
                Some(manifest)
            }
            Some(snapshot::Checked::Bad(reason)) => {
                // A syntax error names its line; otherwise the checksum is the news.
                load_snapshot(
                    &Store::new()?,
                    path,
                    bytes.as_deref().unwrap_or_default(),
                    false,
                )?;
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    reason,
                });
            }
            Some(snapshot::Checked::NoTrailer) => {
                load_snapshot(
                    &this.store,
                    path,
                    bytes.as_deref().unwrap_or_default(),
                    false,
                )?;
                let manifest = read_manifest(&manifest_path)?;
                if manifest.as_ref().is_some_and(|m| m.format_version >= 2) {
                    return Err(StoreError::Damaged {
                        path: path.to_path_buf(),
                        reason: "no checksum line: the file was cut short".into(),
                    });
                }
                this.legacy = true;
                manifest
            }
            None => {
                let manifest = read_manifest(&manifest_path)?;
                if manifest
                    .as_ref()
                    .is_some_and(|m| m.format_version >= 2 && !m.records.is_empty())
                {
                    return Err(StoreError::Damaged {
                        path: path.to_path_buf(),
                        reason: format!("missing, but {MANIFEST_FILE} lists records"),
                    });
                }
                manifest
            }
        };
        if let Some(manifest) = manifest {
            let mut iris =
                std::iter::once(&manifest.base).chain(manifest.records.iter().map(|r| &r.graph));
            if let Some(bad) = iris.find(|iri| NamedNode::new(iri.as_str()).is_err()) {
                return Err(StoreError::BadIri {
                    path: manifest_path,
                    value: bad.clone(),
                });
            }
            this.base = manifest.base;
            this.records = manifest
                .records
                .into_iter()
                .map(|r| (r.graph.clone(), r))
                .collect();
        }
        // A checked snapshot carries its own manifest, written with the quads in one
        // file: its counts hold. Anything else is counted from the quads.
        if !checked || this.records.values().any(|r| r.quads == 0) {
            this.recount()?;
        }
        Ok(this)
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
        if let Some(q) = quads
            .iter()
            .find(|q| q.graph_name.as_ref() != GraphNameRef::NamedNode(graph_ref))
        {
            return Err(StoreError::OutsideGraph {
                record: graph.clone(),
                graph: q.graph_name.to_string(),
            });
        }
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph_ref)?;
        transaction.extend(quads);
        transaction.commit()?;
        let key = graph.as_str().to_owned();
        // The graph holds exactly the distinct quads given: no need to scan it.
        let count = quads.iter().collect::<std::collections::HashSet<_>>().len();
        self.records.insert(
            key.clone(),
            RecordEntry {
                graph: key,
                source: source.to_owned(),
                quads: count,
            },
        );
        Ok(())
    }

    /// Removes these quads (in one transaction), wherever they are.
    pub fn remove_quads(&mut self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        for quad in quads {
            transaction.remove(quad);
        }
        transaction.commit()?;
        for entry in self.records.values_mut() {
            let graph = NamedNode::new_unchecked(entry.graph.clone());
            entry.quads = count_graph(&self.store, graph.as_ref())?;
        }
        Ok(())
    }

    /// Removes a record's graph; returns whether it was there.
    pub fn remove_record(&mut self, graph: &NamedNode) -> Result<bool, StoreError> {
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph.as_ref())?;
        transaction.commit()?;
        Ok(self.records.remove(graph.as_str()).is_some())
    }

    /// Saves the store (see the module docs): keeps the current good snapshot as
    /// `snapshot.prev.nq`, renames the new self-checking snapshot over
    /// `snapshot.nq` (the commit), then rewrites `manifest.json`.
    pub fn save(&self) -> Result<(), StoreError> {
        let path = self.dir.join(SNAPSHOT_FILE);
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            base: self.base.clone(),
            records: self.records.values().cloned().collect(),
        };
        self.keep_previous()?;
        // Streamed: the quads go through the checksum on their way to the file, so the
        // snapshot is never held in memory.
        let mut failure = None;
        write_atomically(&path, |w| {
            let mut hashing = snapshot::HashingWriter::new(w);
            if let Err(e) = export::export(
                &self.store,
                ExportFormat::NQuads,
                None,
                &self.base,
                &mut hashing,
            ) {
                let io = match e {
                    ExportError::Io(source) => source,
                    ExportError::Storage(e) => {
                        let message = e.to_string();
                        failure = Some(e);
                        io::Error::other(message)
                    }
                };
                return Err(io);
            }
            let (w, sha256, bytes) = hashing.finish();
            let trailer = snapshot::trailer(&sha256, bytes, &manifest).map_err(io::Error::from)?;
            io::Write::write_all(w, &trailer)
        })
        .map_err(|source| match failure.take() {
            Some(e) => StoreError::Storage(e),
            None => StoreError::Write {
                path: path.clone(),
                source,
            },
        })?;
        let path = self.dir.join(MANIFEST_FILE);
        write_atomically(&path, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest).map_err(io::Error::from)?;
            io::Write::write_all(w, b"\n")
        })
        .map_err(|source| StoreError::Write { path, source })
    }

    /// Hard-links `snapshot.nq`, when its checksum holds (or it is the format-1
    /// snapshot this store was loaded from), as `snapshot.prev.nq`, atomically.
    fn keep_previous(&self) -> Result<(), StoreError> {
        let current = self.dir.join(SNAPSHOT_FILE);
        let good = match fs::read(&current) {
            Ok(bytes) => match snapshot::check(&bytes) {
                snapshot::Checked::Good(..) => true,
                snapshot::Checked::NoTrailer => self.legacy,
                snapshot::Checked::Bad(_) => false,
            },
            Err(_) => false,
        };
        if !good {
            return Ok(());
        }
        let prev = self.dir.join(PREV_SNAPSHOT_FILE);
        let tmp = self
            .dir
            .join(format!(".{PREV_SNAPSHOT_FILE}.{}.tmp", std::process::id()));
        let _ = fs::remove_file(&tmp);
        fs::hard_link(&current, &tmp)
            .and_then(|()| fs::rename(&tmp, &prev))
            .map_err(|source| {
                let _ = fs::remove_file(&tmp);
                StoreError::Write { path: prev, source }
            })
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
