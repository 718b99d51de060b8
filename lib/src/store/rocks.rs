//! Store stage: the `rocksdb` backend — the store lives in Oxigraph's RocksDB store,
//! published as immutable generations and opened in place (no snapshot to reload).
//!
//! A rocksdb store folder `DIR` holds:
//! - `DIR/manifest.json`: `{"format_version", "backend": "rocksdb", "generation": N}`,
//!   the pointer to the current generation. Renaming a new one into place is the
//!   one atomic step that commits a save.
//! - `DIR/rocksdb/gen-N/`: a RocksDB checkpoint, never written after it is published,
//!   plus `officegraph-records.json` (the base IRI and the record list) inside it, so
//!   the bookkeeping travels with the data it describes and cannot disagree with it.
//!   The current and the previous generation are kept (`officegraph recover` falls
//!   back to the previous one), older ones are removed once no reader uses them.
//! - `DIR/rocksdb/readers/PID.N.K`: a reader's mark on generation `N` while it runs.
//! - `DIR/rocksdb/.work.PID/`: a writer's private working copy (hard links of the
//!   current generation's table files) while it changes the store.
//!
//! **Writing.** The first change clones the current generation into `.work.PID` and
//! opens it read-write; each record replace is one RocksDB transaction there. `save`
//! checkpoints the working copy into `.gen-N.PID.tmp`, writes the bookkeeping into
//! it, fsyncs it, renames it to `gen-N`, then renames the new `manifest.json` into
//! place. A kill at any moment leaves `manifest.json` naming a whole generation,
//! the old or the new; leftovers of a dead writer are removed by the next one.
//!
//! **Reading.** Readers open the current generation read-only. It is immutable, so
//! RocksDB's read-only mode is safe while a writer works (Oxigraph documents opening
//! read-only a database another process *writes* as undefined behaviour, which this
//! layout never does), and a reader sees one generation whole.

use super::atomic_file::{sync_dir, write_atomically};
use super::backend::{Backend, ROCKS_DIR};
use super::{lock, RecordEntry, StoreError, FORMAT_VERSION, MANIFEST_FILE};
use oxigraph::store::Store;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The bookkeeping file inside each generation.
const RECORDS_FILE: &str = "officegraph-records.json";
const READERS_DIR: &str = "readers";
/// How often a reader retries when writers keep publishing while it opens.
const OPEN_ATTEMPTS: usize = 20;

/// `manifest.json` of a rocksdb store.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    format_version: u32,
    backend: Backend,
    generation: u64,
}

/// What a generation says about itself (its `officegraph-records.json`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Bookkeeping {
    pub base: String,
    pub records: Vec<RecordEntry>,
}

/// A rocksdb store as one process holds it.
#[derive(Debug)]
pub(super) struct Rocks {
    root: PathBuf,
    manifest: PathBuf,
    /// The published generation read from (0: none yet).
    generation: u64,
    /// The working copy, once the store was changed.
    work: Option<PathBuf>,
    /// This process's reader mark, removed on drop.
    mark: Option<PathBuf>,
}

impl Rocks {
    /// Opens the current generation of the store in `dir` read-only (an empty store
    /// when none is published yet): the store, its bookkeeping and the handle.
    pub fn open(dir: &Path) -> Result<(Store, Option<Bookkeeping>, Self), StoreError> {
        let mut this = Self::unpublished(dir);
        for _ in 0..OPEN_ATTEMPTS {
            let generation = this.current()?;
            if generation == 0 {
                return Ok((Store::new()?, None, this));
            }
            let mark = this.mark(generation)?;
            // Marked before a writer published anything newer: no writer removes it.
            if this.current()? != generation {
                let _ = fs::remove_file(&mark);
                continue;
            }
            this.generation = generation;
            this.mark = Some(mark);
            let path = this.generation_dir(generation);
            let store = Store::open_read_only(&path).map_err(|e| damaged(dir, &path, &e))?;
            let bookkeeping = read_bookkeeping(&path)?;
            return Ok((store, Some(bookkeeping), this));
        }
        Err(StoreError::Damaged {
            path: this.manifest.clone(),
            reason: format!("it changed {OPEN_ATTEMPTS} times while opening the store"),
        })
    }

    /// A handle for a store that ignores what `dir` holds (its first save publishes
    /// over it).
    pub fn unpublished(dir: &Path) -> Self {
        Self {
            root: dir.join(ROCKS_DIR),
            manifest: dir.join(MANIFEST_FILE),
            generation: 0,
            work: None,
            mark: None,
        }
    }

    /// The read-write working copy to change, cloned from `current` (this process's
    /// view of the published generation) on the first call.
    pub fn writable(&mut self) -> Result<Option<Store>, StoreError> {
        if self.work.is_some() {
            return Ok(None);
        }
        fs::create_dir_all(&self.root).map_err(|source| write_err(&self.root, source))?;
        self.remove_leftovers();
        let work = self.root.join(format!(".work.{}", std::process::id()));
        remove_dir(&work)?;
        if self.generation > 0 {
            clone_generation(&self.generation_dir(self.generation), &work)?;
        }
        let store = Store::open(&work).map_err(|e| write_err(&work, io::Error::other(e)))?;
        self.work = Some(work);
        // The writer reads its working copy from now on: the generation may go.
        if let Some(mark) = self.mark.take() {
            let _ = fs::remove_file(mark);
        }
        Ok(Some(store))
    }

    /// Publishes the working copy `store` (from [`writable`](Self::writable)) with
    /// its bookkeeping as the next generation and commits it (see the module docs).
    pub fn publish(&mut self, store: &Store, bookkeeping: &Bookkeeping) -> Result<(), StoreError> {
        store.flush()?;
        let next = self.newest_on_disk()?.max(self.generation) + 1;
        let tmp = self
            .root
            .join(format!(".gen-{next}.{}.tmp", std::process::id()));
        remove_dir(&tmp)?;
        store.backup(&tmp)?;
        let records = tmp.join(RECORDS_FILE);
        fs::write(
            &records,
            serde_json::to_vec(bookkeeping)
                .map_err(io::Error::from)
                .map_err(|e| write_err(&records, e))?,
        )
        .map_err(|e| write_err(&records, e))?;
        sync_tree(&tmp).map_err(|e| write_err(&tmp, e))?;
        let target = self.generation_dir(next);
        fs::rename(&tmp, &target).map_err(|e| write_err(&target, e))?;
        sync_dir(&self.root).map_err(|e| write_err(&self.root, e))?;
        let head = Head {
            format_version: FORMAT_VERSION,
            backend: Backend::Rocksdb,
            generation: next,
        };
        write_atomically(&self.manifest, |w| {
            serde_json::to_writer_pretty(&mut *w, &head).map_err(io::Error::from)?;
            io::Write::write_all(w, b"\n")
        })
        .map_err(|e| write_err(&self.manifest, e))?;
        let previous = std::mem::replace(&mut self.generation, next);
        self.prune(previous);
        Ok(())
    }

    /// The generation `manifest.json` names (0 when there is none).
    fn current(&self) -> Result<u64, StoreError> {
        let bytes = match fs::read(&self.manifest) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(source) => {
                return Err(StoreError::Read {
                    path: self.manifest.clone(),
                    source,
                })
            }
        };
        let head: Head =
            serde_json::from_slice(&bytes).map_err(|source| StoreError::BadManifest {
                path: self.manifest.clone(),
                source,
            })?;
        Ok(if head.backend == Backend::Rocksdb {
            head.generation
        } else {
            0
        })
    }

    fn generation_dir(&self, generation: u64) -> PathBuf {
        generation_dir(&self.root, generation)
    }

    /// Writes this process's reader mark on `generation`.
    fn mark(&self, generation: u64) -> Result<PathBuf, StoreError> {
        let readers = self.root.join(READERS_DIR);
        // One process may hold several readers of one generation: each has its own.
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mark = readers.join(format!("{}.{generation}.{n}", std::process::id()));
        fs::create_dir_all(&readers)
            .and_then(|()| fs::write(&mark, b""))
            .map_err(|e| write_err(&mark, e))?;
        Ok(mark)
    }

    /// The newest `gen-N` folder present (a kill between its rename and the
    /// manifest's can leave one newer than the manifest names).
    fn newest_on_disk(&self) -> Result<u64, StoreError> {
        Ok(generations(&self.root)?.into_iter().max().unwrap_or(0))
    }

    /// Removes generations other than `keep` and the current one that no live
    /// reader marks, and dead readers' marks. Best effort: a failure only leaves
    /// files for the next writer.
    fn prune(&self, keep: u64) {
        let mut in_use = vec![self.generation, keep];
        if let Ok(entries) = fs::read_dir(self.root.join(READERS_DIR)) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let mut parts = name.split('.');
                match parts
                    .next()
                    .zip(parts.next())
                    .and_then(|(pid, g)| Some((pid.parse::<u32>().ok()?, g.parse::<u64>().ok()?)))
                {
                    Some((pid, generation)) if lock::alive(pid) => in_use.push(generation),
                    _ => {
                        let _ = fs::remove_file(entry.path());
                    }
                }
            }
        }
        for generation in generations(&self.root).unwrap_or_default() {
            if !in_use.contains(&generation) {
                let _ = fs::remove_dir_all(self.generation_dir(generation));
            }
        }
    }

    /// Removes working copies and half-published generations of dead processes.
    fn remove_leftovers(&self) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix(".work.")
                .or_else(|| name.strip_suffix(".tmp").and_then(|n| n.rsplit('.').next()))
                .and_then(|pid| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| pid != std::process::id() && !lock::alive(pid)) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

impl Drop for Rocks {
    fn drop(&mut self) {
        // The store itself is dropped first (it is declared before this handle).
        if let Some(work) = &self.work {
            let _ = fs::remove_dir_all(work);
        }
        if let Some(mark) = &self.mark {
            let _ = fs::remove_file(mark);
        }
    }
}

/// Checks the rocksdb store in `dir` and, when its current generation does not
/// open or read whole, points `manifest.json` at the newest older one that does.
/// Returns (the generation in use, what was wrong with the current one).
pub fn recover(dir: &Path) -> Result<(u64, Option<String>), StoreError> {
    let rocks = Rocks::unpublished(dir);
    let current = rocks.current().unwrap_or(0);
    let mut candidates = generations(&rocks.root)?;
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    let mut problem = None;
    if current == 0 {
        problem = Some(format!("{} names no generation", rocks.manifest.display()));
    }
    for generation in candidates {
        if generation > current && current != 0 {
            continue;
        }
        match check_generation(&rocks.generation_dir(generation)) {
            Ok(()) if generation == current => return Ok((generation, None)),
            Ok(()) => {
                let head = Head {
                    format_version: FORMAT_VERSION,
                    backend: Backend::Rocksdb,
                    generation,
                };
                write_atomically(&rocks.manifest, |w| {
                    serde_json::to_writer_pretty(&mut *w, &head).map_err(io::Error::from)?;
                    io::Write::write_all(w, b"\n")
                })
                .map_err(|e| write_err(&rocks.manifest, e))?;
                return Ok((generation, problem));
            }
            Err(e) => {
                if problem.is_none() {
                    problem = Some(e);
                }
            }
        }
    }
    Err(StoreError::Unrecoverable {
        dir: dir.to_path_buf(),
        current: problem.unwrap_or_else(|| "no generation".into()),
        previous: "no older generation opens either".into(),
    })
}

/// Opens a generation read-only and reads every quad and its bookkeeping.
fn check_generation(path: &Path) -> Result<(), String> {
    let store = Store::open_read_only(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for quad in store.iter() {
        quad.map_err(|e| format!("{}: {e}", path.display()))?;
    }
    read_bookkeeping(path).map_err(|e| e.to_string())?;
    Ok(())
}

fn read_bookkeeping(generation: &Path) -> Result<Bookkeeping, StoreError> {
    let path = generation.join(RECORDS_FILE);
    let bytes = fs::read(&path).map_err(|source| StoreError::Read {
        path: path.clone(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| StoreError::BadManifest { path, source })
}

fn generation_dir(root: &Path, generation: u64) -> PathBuf {
    root.join(format!("gen-{generation}"))
}

/// The published generation numbers under `root`.
fn generations(root: &Path) -> Result<Vec<u64>, StoreError> {
    let entries = match fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Read {
                path: root.to_path_buf(),
                source,
            })
        }
    };
    Ok(entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix("gen-")?.parse().ok()
        })
        .collect())
}

/// Clones a published generation for writing: table and blob files (never changed
/// in place by RocksDB) are hard-linked, the small metadata files copied; RocksDB's
/// own lock and logs are left out.
fn clone_generation(from: &Path, to: &Path) -> Result<(), StoreError> {
    let copy = || -> io::Result<()> {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "LOCK" || name.starts_with("LOG") || !entry.file_type()?.is_file() {
                continue;
            }
            let target = to.join(&name);
            if name.ends_with(".sst") || name.ends_with(".blob") {
                fs::hard_link(entry.path(), &target)?;
            } else {
                fs::copy(entry.path(), &target)?;
            }
        }
        Ok(())
    };
    copy().map_err(|e| write_err(to, e))
}

/// Fsyncs every file in `dir` and then `dir` itself.
fn sync_tree(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            File::open(entry.path())?.sync_all()?;
        }
    }
    sync_dir(dir)
}

fn remove_dir(path: &Path) -> Result<(), StoreError> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(write_err(path, e)),
        _ => Ok(()),
    }
}

fn write_err(path: &Path, source: io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn damaged(dir: &Path, path: &Path, error: &oxigraph::store::StorageError) -> StoreError {
    StoreError::DamagedGeneration {
        dir: dir.to_path_buf(),
        path: path.to_path_buf(),
        reason: error.to_string(),
    }
}
