//! Store stage: reading a store folder's files — `manifest.json` (with a clear
//! error for a newer format) and N-Quads snapshot bytes into a scratch store, with
//! errors naming the file and line and pointing at `officegraph recover`.

use super::{Manifest, StoreError, FORMAT_VERSION};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::Quad;
use oxigraph::store::{LoaderError, Store};
use serde::Deserialize;
use std::fs;
use std::io;
use std::path::Path;

pub(super) fn read_manifest(path: &Path) -> Result<Option<Manifest>, StoreError> {
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

/// Loads the N-Quads `bytes` (read from `path`) with the bulk loader into `store`,
/// which the caller drops on error, so a bad snapshot never yields a partly loaded
/// store. Blank node labels are kept as written (the loader's own parser would
/// rename them), so a load/save cycle leaves the snapshot byte-identical.
pub(super) fn load_snapshot(
    store: &Store,
    path: &Path,
    bytes: &[u8],
    checked: bool,
) -> Result<(), StoreError> {
    // One thread parses while this one inserts (the in-memory loader inserts on the
    // calling thread only), batches handed over through a short queue.
    const BATCH: usize = 16_384;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Quad, RdfParseError>>>(4);
    let mut loader = store.bulk_loader().with_num_threads(1);
    let loaded: Result<(), LoaderError> = std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            // `checked`: the bytes matched their SHA-256, so they are the N-Quads
            // officegraph wrote, and IRIs need no second validation (`lenient`).
            let mut parser = RdfParser::from_format(RdfFormat::NQuads);
            if checked {
                parser = parser.lenient();
            }
            for quad in parser.for_reader(bytes) {
                let failed = quad.is_err();
                batch.push(quad);
                if failed || batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(full).is_err() || failed {
                        return;
                    }
                }
            }
            let _ = tx.send(batch);
        });
        let result = loader.load_ok_quads(rx.iter().flatten());
        // Dropping the receiver (on error) stops the parser at its next batch.
        drop(rx);
        result
    });
    loaded.map_err(|e| loader_error(path, e))?;
    loader.commit()?;
    Ok(())
}

/// `; run `officegraph recover --store DIR` …` for the store folder holding `path`.
pub(super) fn recover_hint(path: &Path) -> String {
    recover_dir_hint(path.parent().unwrap_or(Path::new(".")))
}

/// `; run `officegraph recover --store DIR` …` for the store folder `dir`.
pub(super) fn recover_dir_hint(dir: &Path) -> String {
    format!(
        "; run `officegraph recover --store {}` to restore the previous good snapshot",
        dir.display()
    )
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
