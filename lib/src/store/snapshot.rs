//! Store stage: the snapshot's self-checking trailer — the last line of `snapshot.nq`
//! is an N-Quads comment holding the manifest and the SHA-256 and byte length of
//! every byte before it, so one file (renamed into place in one step) is the commit.

use super::Manifest;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The trailer line starts with this (an N-Quads comment, ignored by every parser).
pub const TRAILER_PREFIX: &str = "# officegraph-snapshot ";

#[derive(Debug, Serialize, Deserialize)]
pub struct Trailer {
    #[serde(flatten)]
    pub manifest: Manifest,
    /// SHA-256 (hex) of the bytes before the trailer line.
    pub sha256: String,
    /// Length of the bytes before the trailer line.
    pub bytes: u64,
}

impl Trailer {
    /// Whether the quads before this trailer — `len` bytes with the SHA-256 `found`
    /// (hex, computed only when the length holds) — are the ones it records; if not,
    /// why. The one test every reader of a snapshot applies (whole-file load and the
    /// streaming export alike), so they refuse the same files with the same words.
    pub fn verify(&self, len: u64, found: impl FnOnce() -> String) -> Result<(), String> {
        if self.bytes != len {
            return Err(format!(
                "{len} bytes of quads where the checksum line says {}",
                self.bytes
            ));
        }
        let found = found();
        if found != self.sha256 {
            return Err(format!(
                "SHA-256 {found} where the checksum line says {}",
                self.sha256
            ));
        }
        Ok(())
    }
}

/// A writer that passes bytes through and keeps their SHA-256 and length.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: std::io::Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// The inner writer, the SHA-256 (hex) and the length of what went through.
    pub fn finish(self) -> (W, String, u64) {
        (self.inner, hex(&self.hasher.finalize()), self.bytes)
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The trailer line (with its `\n`) for quads whose bytes have the SHA-256 `sha256`
/// (hex) and length `bytes`.
pub fn trailer(
    sha256: &str,
    bytes: u64,
    manifest: &Manifest,
) -> Result<Vec<u8>, serde_json::Error> {
    let trailer = Trailer {
        manifest: manifest.clone(),
        sha256: sha256.to_owned(),
        bytes,
    };
    let mut line = TRAILER_PREFIX.as_bytes().to_vec();
    serde_json::to_writer(&mut line, &trailer)?;
    line.push(b'\n');
    Ok(line)
}

/// What checking a snapshot's bytes found.
#[derive(Debug)]
pub enum Checked<'a> {
    /// A trailer whose checksum and length match: the quads and the manifest.
    Good(&'a [u8], Manifest),
    /// No trailer line at all (a format-1 snapshot, or one cut before its end).
    NoTrailer,
    /// A trailer that does not match the bytes before it (why).
    Bad(String),
}

/// Checks `bytes`, a whole snapshot file, against its trailer.
pub fn check(bytes: &[u8]) -> Checked<'_> {
    if bytes.is_empty() {
        return Checked::NoTrailer;
    }
    if !bytes.ends_with(b"\n") {
        return Checked::Bad("the file does not end with a complete line (cut short?)".into());
    }
    let body = &bytes[..bytes.len() - 1];
    let start = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let Some(json) = body[start..].strip_prefix(TRAILER_PREFIX.as_bytes()) else {
        return Checked::NoTrailer;
    };
    let trailer: Trailer = match serde_json::from_slice(json) {
        Ok(t) => t,
        Err(e) => return Checked::Bad(format!("unreadable checksum line: {e}")),
    };
    let quads = &bytes[..start];
    if let Err(reason) = trailer.verify(quads.len() as u64, || hex(&Sha256::digest(quads))) {
        return Checked::Bad(reason);
    }
    Checked::Good(quads, trailer.manifest)
}

/// The trailer `line` holds, a snapshot's last line (with its `\n`); `None` when it
/// is not a readable trailer.
pub fn parse_trailer(line: &[u8]) -> Option<Trailer> {
    let json = line
        .strip_suffix(b"\n")?
        .strip_prefix(TRAILER_PREFIX.as_bytes())?;
    serde_json::from_slice(json).ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
