//! Store stage: which storage a store folder uses — `memory` (the whole store loaded
//! from `snapshot.nq` on every command) or `rocksdb` (Oxigraph's RocksDB store, opened
//! in place; needs the `rocksdb` cargo feature). Chosen when the store is created and
//! recorded in `manifest.json`; later commands open whatever the store has.

use super::{StoreError, FORMAT_VERSION, MANIFEST_FILE, SNAPSHOT_FILE};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs;
use std::io;
use std::path::Path;
use std::str::FromStr;

/// The folder of a rocksdb store's generations, inside the store folder.
pub const ROCKS_DIR: &str = "rocksdb";

/// A store's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// In memory, loaded from and saved to the checksummed `snapshot.nq`.
    #[default]
    Memory,
    /// Oxigraph's RocksDB store under `DIR/rocksdb/` (the `rocksdb` cargo feature).
    Rocksdb,
}

impl Backend {
    /// Its name, as `--backend` and `manifest.json` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Memory => "memory",
            Self::Rocksdb => "rocksdb",
        }
    }

    /// Whether this build can open stores of this backend.
    pub fn available(self) -> bool {
        match self {
            Self::Memory => true,
            Self::Rocksdb => cfg!(feature = "rocksdb"),
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown backend name.
#[derive(Debug, thiserror::Error)]
#[error("unknown store backend {0:?}: expected `memory` or `rocksdb`")]
pub struct UnknownBackend(String);

impl FromStr for Backend {
    type Err = UnknownBackend;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "memory" => Ok(Self::Memory),
            "rocksdb" => Ok(Self::Rocksdb),
            other => Err(UnknownBackend(other.to_owned())),
        }
    }
}

/// The backend the store in `dir` records, or `None` when `dir` holds no store.
/// A manifest without a `backend` field (every store before the field existed) is
/// a memory store; so is a bare `snapshot.nq`.
pub fn recorded(dir: &Path) -> Result<Option<Backend>, StoreError> {
    let path = dir.join(MANIFEST_FILE);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(dir.join(SNAPSHOT_FILE).exists().then_some(Backend::Memory))
        }
        Err(source) => return Err(StoreError::Read { path, source }),
    };
    #[derive(Deserialize)]
    struct Head {
        format_version: u32,
        #[serde(default)]
        backend: Backend,
    }
    let head: Head = serde_json::from_slice(&bytes).map_err(|source| StoreError::BadManifest {
        path: path.clone(),
        source,
    })?;
    if head.format_version > FORMAT_VERSION {
        return Err(StoreError::NewerFormat {
            path,
            found: head.format_version,
        });
    }
    Ok(Some(head.backend))
}

/// The backend to use for `dir`: the recorded one (which `asked`, when given, must
/// match) or, for a new store, `asked` (memory when not given). Fails clearly when
/// this build cannot open it.
pub fn choose(dir: &Path, asked: Option<Backend>) -> Result<Backend, StoreError> {
    let backend = match (recorded(dir)?, asked) {
        (Some(found), Some(asked)) if found != asked => {
            return Err(StoreError::BackendMismatch {
                dir: dir.to_path_buf(),
                found,
                asked,
            })
        }
        (Some(found), _) => found,
        (None, asked) => asked.unwrap_or_default(),
    };
    usable(dir, backend)
}

/// `backend` when this build can open it, else [`StoreError::BackendUnavailable`].
pub fn usable(dir: &Path, backend: Backend) -> Result<Backend, StoreError> {
    if backend.available() {
        Ok(backend)
    } else {
        Err(StoreError::BackendUnavailable {
            dir: dir.to_path_buf(),
            backend,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for backend in [Backend::Memory, Backend::Rocksdb] {
            assert_eq!(backend.name().parse::<Backend>().unwrap(), backend);
        }
        let err = "sled".parse::<Backend>().unwrap_err().to_string();
        assert!(err.contains("\"sled\"") && err.contains("rocksdb"), "{err}");
    }

    #[test]
    fn a_manifest_without_a_backend_is_a_memory_store() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(recorded(dir.path()).unwrap(), None);
        fs::write(dir.path().join(SNAPSHOT_FILE), "").unwrap();
        assert_eq!(recorded(dir.path()).unwrap(), Some(Backend::Memory));
        let manifest = r#"{"format_version": 2, "base": "http://x/", "records": []}"#;
        fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
        assert_eq!(recorded(dir.path()).unwrap(), Some(Backend::Memory));
    }

    #[test]
    fn asking_for_another_backend_than_the_stores_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = r#"{"format_version": 2, "backend": "rocksdb", "generation": 1}"#;
        fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
        let err = choose(dir.path(), Some(Backend::Memory)).unwrap_err();
        assert!(matches!(err, StoreError::BackendMismatch { .. }), "{err:?}");
        assert!(err.to_string().contains("rocksdb store"), "{err}");
    }

    #[test]
    fn a_rocksdb_store_without_the_feature_says_how_to_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = r#"{"format_version": 2, "backend": "rocksdb", "generation": 1}"#;
        fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
        let result = choose(dir.path(), None);
        if cfg!(feature = "rocksdb") {
            assert_eq!(result.unwrap(), Backend::Rocksdb);
        } else {
            let err = result.unwrap_err().to_string();
            assert!(err.contains("--features rocksdb"), "{err}");
        }
    }
}
