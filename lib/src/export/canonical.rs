//! Export stage: canonical output — RDFC-1.0 canonical N-Quads and its SHA-256.
//!
//! [RDF Dataset Canonicalization](https://www.w3.org/TR/rdf-canon/) (RDFC-1.0, with
//! SHA-256) relabels blank nodes `_:c14n0`, `_:c14n1`, … from the shape of the data
//! alone (Oxigraph's `oxrdf`, feature `rdfc-10`); the dataset is then written in
//! canonical N-Quads form (RDFC-1.0 §4.8): one quad per line, terms separated by one
//! space, each line ending in ` .` and a single U+000A, lines sorted in Unicode code
//! point order (the byte order of UTF-8) and without duplicates. Terms are written by
//! the shared line writer in its canonical style ([`Style::Canonical`]), so that the
//! escaping is exactly the canonical one of RDF 1.2 N-Triples/N-Quads.
//!
//! Two stores holding the same dataset, whatever the order its records were ingested
//! in and whatever their blank nodes were called, give the same bytes and therefore
//! the same `sha256:` digest.

use super::{read_quads, ExportError};
use crate::rdf::nquads::{push_quad_line, Style};
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::Store;
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use oxrdf::{Dataset, QuadRef};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// A dataset in canonical N-Quads, with its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical N-Quads document: exactly the bytes to write.
    pub nquads: String,
    /// The number of quads (lines) in `nquads`.
    pub quads: u64,
    /// The lowercase hexadecimal SHA-256 of `nquads`.
    pub sha256: String,
}

impl Canonical {
    /// Canonicalizes `quads` (duplicates count once).
    pub fn of<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Self {
        let mut dataset = Dataset::new();
        for quad in quads {
            dataset.insert(quad);
        }
        dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
            hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
        });
        let mut lines: Vec<String> = dataset.iter().map(quad_line).collect();
        // `str` order is byte order, which for UTF-8 is Unicode code point order.
        lines.sort_unstable();
        lines.dedup();
        let nquads = lines.concat();
        let sha256 = hex(&Sha256::digest(nquads.as_bytes()));
        Self {
            quads: lines.len() as u64,
            nquads,
            sha256,
        }
    }

    /// `sha256:<hex>`, the line `export --canonical` prints.
    pub fn digest_line(&self) -> String {
        format!("sha256:{}", self.sha256)
    }
}

/// The canonical form of the whole store, or of the record `graph` only (its quads
/// keep their graph name).
pub fn canonical_export(
    store: &Store,
    graph: Option<&NamedNode>,
) -> Result<Canonical, ExportError> {
    let quads: Vec<Quad> = read_quads(store, graph)?;
    Ok(Canonical::of(quads.iter().map(Quad::as_ref)))
}

/// One quad in canonical N-Quads form, newline included.
fn quad_line(quad: QuadRef<'_>) -> String {
    let mut line = String::new();
    push_quad_line(&mut line, quad, Style::Canonical);
    line
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests;
