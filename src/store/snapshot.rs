//! Store stage: the snapshot's self-checking trailer — the last line of `snapshot.nq`
//! is an N-Quads comment holding the manifest and the SHA-256 and byte length of
//! every byte before it, so one file (renamed into place in one step) is the commit.

use super::Manifest;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The trailer line starts with this (an N-Quads comment, ignored by every parser).
pub const TRAILER_PREFIX: &str = "# officegraph-snapshot ";

#[derive(Debug, Serialize, Deserialize)]
struct Trailer {
    #[serde(flatten)]
    manifest: Manifest,
    /// SHA-256 (hex) of the bytes before the trailer line.
    sha256: String,
    /// Length of the bytes before the trailer line.
    bytes: u64,
}

/// The trailer line (with its `\n`) for `quads`, the N-Quads bytes before it.
pub fn trailer(quads: &[u8], manifest: &Manifest) -> Result<Vec<u8>, serde_json::Error> {
    let trailer = Trailer {
        manifest: manifest.clone(),
        sha256: hex(&Sha256::digest(quads)),
        bytes: quads.len() as u64,
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
    if trailer.bytes != quads.len() as u64 {
        return Checked::Bad(format!(
            "{} bytes of quads where the checksum line says {}",
            quads.len(),
            trailer.bytes
        ));
    }
    let found = hex(&Sha256::digest(quads));
    if found != trailer.sha256 {
        return Checked::Bad(format!(
            "SHA-256 {found} where the checksum line says {}",
            trailer.sha256
        ));
    }
    Checked::Good(quads, trailer.manifest)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
