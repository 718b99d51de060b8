//! Store stage: the `memory` backend — the whole store loaded from the checksummed
//! `snapshot.nq` on open and written back whole, atomically, on save (the layout and
//! its crash safety are described in [`super`]'s module docs).

use super::files::{load_snapshot, read_manifest};
use super::{
    snapshot, write_atomically, GraphStore, Manifest, StoreError, FORMAT_VERSION, MANIFEST_FILE,
    PREV_SNAPSHOT_FILE, SNAPSHOT_FILE,
};
use crate::rdf::{Format, RdfWriter, WriteError};
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use std::fs;
use std::io;
use std::path::Path;

/// The first of `manifest`'s base and record graph IRIs that is not a valid IRI.
pub(super) fn first_bad_iri(manifest: &Manifest) -> Option<&String> {
    std::iter::once(&manifest.base)
        .chain(manifest.records.iter().map(|r| &r.graph))
        .find(|iri| NamedNode::new(iri.as_str()).is_err())
}

impl GraphStore {
    /// Loads the store of `dir` from the snapshot file `path` (checked as described
    /// in the module docs); the store's folder stays `dir`.
    pub(super) fn load_from(dir: &Path, path: &Path) -> Result<Self, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotADir {
                dir: dir.to_path_buf(),
            });
        }
        let mut this = Self::empty(dir)?;
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
            if let Some(bad) = first_bad_iri(&manifest) {
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

    /// Saves a memory store (see the module docs of [`super`]): keeps the current
    /// good snapshot as `snapshot.prev.nq`, renames the new self-checking snapshot
    /// over `snapshot.nq` (the commit), then rewrites `manifest.json`.
    pub(super) fn save_snapshot(&self) -> Result<(), StoreError> {
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            base: self.base.clone(),
            records: self.records.values().cloned().collect(),
        };
        let mut failure = None;
        self.commit_snapshot(&manifest, |w| {
            let mut out = io::BufWriter::with_capacity(1 << 16, w);
            RdfWriter::new(Format::NQuads)
                .write_store(&self.store, None, &mut out)
                .map_err(|e| match e {
                    WriteError::Io(source) => source,
                    WriteError::Storage(e) => {
                        let message = e.to_string();
                        failure = Some(e);
                        io::Error::other(message)
                    }
                })?;
            io::Write::flush(&mut out)
        })
        .map_err(|e| match (failure.take(), e) {
            (Some(storage), StoreError::Write { .. }) => StoreError::Storage(storage),
            (_, e) => e,
        })
    }

    /// The commit of a memory store's save: keeps the previous good snapshot, writes
    /// the quads `write_quads` writes (the sorted N-Quads lines, streamed through the
    /// checksum, so the snapshot is never held in memory) and `manifest` as the new
    /// snapshot's trailer, renames it into place, then rewrites `manifest.json`.
    pub(super) fn commit_snapshot(
        &self,
        manifest: &Manifest,
        write_quads: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        let path = self.dir.join(SNAPSHOT_FILE);
        self.keep_previous()?;
        write_atomically(&path, |w| {
            let mut hashing = snapshot::HashingWriter::new(w);
            write_quads(&mut hashing)?;
            let (w, sha256, bytes) = hashing.finish();
            let trailer = snapshot::trailer(&sha256, bytes, manifest).map_err(io::Error::from)?;
            io::Write::write_all(w, &trailer)
        })
        .map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        // The rename above was the commit: from here on a failure (a disk that fills
        // now) must not read as if the save had not happened.
        let manifest_path = self.dir.join(MANIFEST_FILE);
        write_atomically(&manifest_path, |w| {
            serde_json::to_writer_pretty(&mut *w, manifest).map_err(io::Error::from)?;
            io::Write::write_all(w, b"\n")
        })
        .map_err(|source| match super::backend::recorded(&self.dir) {
            // The stale manifest.json still sends readers to the other backend.
            Ok(Some(backend)) if backend != super::Backend::Memory => {
                StoreError::ManifestNamesOtherBackend {
                    snapshot: path,
                    path: manifest_path,
                    backend,
                    source,
                }
            }
            _ => StoreError::ManifestStale {
                snapshot: path,
                path: manifest_path,
                source,
            },
        })
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
}
