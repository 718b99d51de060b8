//! Store stage: Oxigraph wrapper — open a store folder, atomically replace a record's
//! graph, write a durable snapshot. Knows nothing of records beyond their quads.
//!
//! A store folder `DIR` holds `DIR/snapshot.nq` (every quad, N-Quads, sorted) and
//! `DIR/manifest.json` (format version, data base IRI, and per record graph its
//! source and quad count). Both are replaced atomically by [`GraphStore::save`]; the
//! snapshot is written first and is the authority: on open, quad counts are
//! recomputed from it and graphs missing from the manifest are listed with no source.

use crate::export::{self, ExportError, ExportFormat};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::store::{LoaderError, StorageError, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

pub mod atomic_file;
pub use atomic_file::write_atomically;

/// The snapshot's file name inside a store folder.
pub const SNAPSHOT_FILE: &str = "snapshot.nq";
/// The manifest's file name inside a store folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The store layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

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
    #[error("{}:{line}: invalid N-Quads, the store was not loaded: {message}", path.display())]
    Corrupt {
        path: PathBuf,
        line: u64,
        message: String,
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
        })
    }

    fn load(dir: &Path) -> Result<Self, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotADir {
                dir: dir.to_path_buf(),
            });
        }
        let mut this = Self::fresh(dir)?;
        let manifest_path = dir.join(MANIFEST_FILE);
        if let Some(manifest) = read_manifest(&manifest_path)? {
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
        load_snapshot(&this.store, &dir.join(SNAPSHOT_FILE))?;
        this.recount()?;
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
        let count = count_graph(&self.store, graph_ref)?;
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

    /// Writes the snapshot atomically (temp file, fsync, rename), then the manifest
    /// the same way.
    pub fn save(&self) -> Result<(), StoreError> {
        let path = self.dir.join(SNAPSHOT_FILE);
        write_atomically(&path, |w| {
            export::export(&self.store, ExportFormat::NQuads, None, &self.base, w).map(|_| ())
        })
        .map_err(|e| match e {
            ExportError::Io(source) => StoreError::Write {
                path: path.clone(),
                source,
            },
            ExportError::Storage(e) => StoreError::Storage(e),
        })?;
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            base: self.base.clone(),
            records: self.records.values().cloned().collect(),
        };
        let path = self.dir.join(MANIFEST_FILE);
        write_atomically(&path, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest).map_err(io::Error::from)?;
            io::Write::write_all(w, b"\n")
        })
        .map_err(|source| StoreError::Write { path, source })
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

fn read_manifest(path: &Path) -> Result<Option<Manifest>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    // Read the version alone first, so a newer layout gets a clear message.
    #[derive(Deserialize)]
    struct Version {
        format_version: u32,
    }
    let bad = |source| StoreError::BadManifest {
        path: path.to_path_buf(),
        source,
    };
    let version: Version = serde_json::from_slice(&bytes).map_err(bad)?;
    if version.format_version > FORMAT_VERSION {
        return Err(StoreError::NewerFormat {
            path: path.to_path_buf(),
            found: version.format_version,
        });
    }
    serde_json::from_slice(&bytes).map(Some).map_err(bad)
}

/// Loads the snapshot with the bulk loader into `store`, which the caller drops on
/// error, so a bad snapshot never yields a partly loaded store. Blank node labels are
/// kept as written (the loader's own parser would rename them), so a load/save cycle
/// leaves the snapshot byte-identical.
fn load_snapshot(store: &Store, path: &Path) -> Result<(), StoreError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let quads = RdfParser::from_format(RdfFormat::NQuads).for_reader(BufReader::new(file));
    let mut loader = store.bulk_loader().with_num_threads(1);
    let loaded: Result<(), LoaderError> = loader.load_ok_quads(quads);
    loaded.map_err(|e| loader_error(path, e))?;
    loader.commit()?;
    Ok(())
}

fn loader_error(path: &Path, error: LoaderError) -> StoreError {
    match error {
        LoaderError::Parsing(RdfParseError::Syntax(e)) => StoreError::Corrupt {
            path: path.to_path_buf(),
            line: e.location().map_or(0, |l| l.start.line + 1),
            message: e.to_string(),
        },
        LoaderError::Parsing(RdfParseError::Io(source)) => StoreError::Read {
            path: path.to_path_buf(),
            source,
        },
        LoaderError::Storage(e) => StoreError::Storage(e),
        other => StoreError::Read {
            path: path.to_path_buf(),
            source: io::Error::other(other),
        },
    }
}

#[cfg(test)]
mod tests;
