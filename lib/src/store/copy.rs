//! Store stage: a whole memory store's quads straight from its snapshot, for `export`
//! without loading the store. The snapshot's quads are, byte for byte, the sorted
//! N-Quads export of the store (the same writer made them), so once their checksum
//! holds they are copied (N-Quads) or regrouped (N-Triples and Turtle, see
//! `export::sorted`).

use super::snapshot::{self, HashingWriter, Trailer};
use super::{GraphStore, StoreError, FORMAT_VERSION, SNAPSHOT_FILE};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Writes the quads of `dir`'s snapshot to `out` once their checksum is verified, and
/// returns how many bytes that was; `None` when there is no checksummed snapshot to
/// copy (another backend, an old format) and the caller must export from the store.
/// A damaged snapshot is an error naming the file, as when opening the store.
pub fn copy_snapshot_quads(dir: &Path, out: &mut impl Write) -> Result<Option<u64>, StoreError> {
    let Some(mut quads) = snapshot_quads(dir)? else {
        return Ok(None);
    };
    let copied = io::copy(&mut quads.reader, out).map_err(|source| StoreError::Write {
        path: Path::new("-").to_path_buf(),
        source,
    })?;
    Ok(Some(copied))
}

/// The quads of a memory store's checked snapshot: sorted, distinct N-Quads lines.
pub struct SnapshotQuads {
    /// The data base IRI the store records.
    pub base: String,
    /// The lines, read from the file (only after their checksum held).
    pub reader: io::Take<BufReader<File>>,
}

/// The quads of `dir`'s snapshot, once their checksum is verified (a first pass over
/// the file); `None` when there is no checksummed snapshot (another backend, an old
/// format). A damaged snapshot is an error naming the file, as when opening the store.
pub fn snapshot_quads(dir: &Path) -> Result<Option<SnapshotQuads>, StoreError> {
    // Only a memory store's snapshot is the store (another backend's folder may still
    // hold an old one).
    if super::backend::recorded(dir)?.is_some_and(|b| b != super::Backend::Memory) {
        return Ok(None);
    }
    let path = dir.join(SNAPSHOT_FILE);
    let read_err = |source| StoreError::Read {
        path: path.clone(),
        source,
    };
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_err(e)),
    };
    let Some((trailer, start)) = read_trailer(&mut file).map_err(read_err)? else {
        return Ok(None);
    };
    // First pass: exactly what opening the store checks — every byte before the
    // trailer line (not only as many as it announces) against its length and
    // checksum, and the manifest it carries; only then are the lines handed out.
    let mut failed_read = None;
    let verified = trailer.verify(start, || {
        sha256_of_prefix(&mut file, start).unwrap_or_else(|e| {
            failed_read = Some(e);
            String::new()
        })
    });
    if let Some(e) = failed_read {
        return Err(read_err(e));
    }
    let manifest = &trailer.manifest;
    if verified.is_err()
        || manifest.format_version > FORMAT_VERSION
        || super::memory::first_bad_iri(manifest).is_some()
    {
        return Err(refused(dir, &path, verified.err()));
    }
    file.seek(SeekFrom::Start(0)).map_err(read_err)?;
    Ok(Some(SnapshotQuads {
        base: trailer.manifest.base,
        reader: BufReader::with_capacity(1 << 16, file).take(start),
    }))
}

/// The SHA-256 (hex) of the first `len` bytes of `file`.
fn sha256_of_prefix(file: &mut File, len: u64) -> io::Result<String> {
    file.seek(SeekFrom::Start(0))?;
    let mut hashing = HashingWriter::new(io::sink());
    io::copy(&mut BufReader::new(&mut *file).take(len), &mut hashing)?;
    Ok(hashing.finish().1)
}

/// The error opening the store gives for the snapshot `path` the first pass refused
/// (so `export` and every other command word it alike, syntax errors by line
/// included); `reason` when that open, against expectation, succeeds.
fn refused(dir: &Path, path: &Path, reason: Option<String>) -> StoreError {
    match GraphStore::load_from(dir, path) {
        Err(e) => e,
        Ok(_) => StoreError::Damaged {
            path: path.to_path_buf(),
            reason: reason.unwrap_or_else(|| "its checksum line does not hold".into()),
        },
    }
}

/// The trailer the snapshot's last line holds, if it has one, and the offset where
/// that line starts (the length of everything before it).
fn read_trailer(file: &mut File) -> io::Result<Option<(Trailer, u64)>> {
    let len = file.seek(SeekFrom::End(0))?;
    // Read backwards until the start of the last line is found.
    let mut tail: Vec<u8> = Vec::new();
    let mut pos = len;
    loop {
        let step = (1u64 << 16).min(pos);
        if step == 0 {
            break;
        }
        pos -= step;
        file.seek(SeekFrom::Start(pos))?;
        let mut chunk = vec![0; step as usize];
        file.read_exact(&mut chunk)?;
        chunk.extend_from_slice(&tail);
        tail = chunk;
        if tail.len() > 1 && tail[..tail.len() - 1].contains(&b'\n') {
            break;
        }
    }
    let body_end = tail.len().saturating_sub(1);
    let start = tail[..body_end]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Ok(snapshot::parse_trailer(&tail[start..]).map(|t| (t, pos + start as u64)))
}
