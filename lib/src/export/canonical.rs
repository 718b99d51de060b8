//! Export stage: canonical output — RDFC-1.0 canonical N-Quads and its SHA-256.
//!
//! [RDF Dataset Canonicalization](https://www.w3.org/TR/rdf-canon/) (RDFC-1.0, with
//! SHA-256) relabels blank nodes `_:c14n0`, `_:c14n1`, … from the shape of the data
//! alone (Oxigraph's `oxrdf`, feature `rdfc-10`); the dataset is then written in
//! canonical N-Quads form (RDFC-1.0 §4.8): one quad per line, terms separated by one
//! space, each line ending in ` .` and a single U+000A, lines sorted in Unicode code
//! point order (the byte order of UTF-8) and without duplicates. Terms are written here
//! rather than by a general serializer so that the escaping is exactly the canonical
//! one of RDF 1.2 N-Triples/N-Quads (see [`push_string`]).
//!
//! Two stores holding the same dataset, whatever the order its records were ingested
//! in and whatever their blank nodes were called, give the same bytes and therefore
//! the same `sha256:` digest.

use super::{read_quads, ExportError};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::Store;
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use oxrdf::{Dataset, GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef};
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
    match quad.subject {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(&mut line, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => push_blank(&mut line, b.as_str()),
    }
    line.push(' ');
    push_iri(&mut line, quad.predicate.as_str());
    line.push(' ');
    match quad.object {
        TermRef::NamedNode(n) => push_iri(&mut line, n.as_str()),
        TermRef::BlankNode(b) => push_blank(&mut line, b.as_str()),
        TermRef::Literal(l) => push_literal(&mut line, l),
    }
    match quad.graph_name {
        GraphNameRef::DefaultGraph => {}
        GraphNameRef::NamedNode(n) => {
            line.push(' ');
            push_iri(&mut line, n.as_str());
        }
        GraphNameRef::BlankNode(b) => {
            line.push(' ');
            push_blank(&mut line, b.as_str());
        }
    }
    line.push_str(" .\n");
    line
}

/// `<iri>`: a valid IRI has no character N-Quads would escape, so it is written as is
/// (canonical form never uses `\u` escapes in IRIs).
fn push_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

fn push_blank(out: &mut String, label: &str) {
    out.push_str("_:");
    out.push_str(label);
}

/// `"…"`, `"…"@lang` or `"…"^^<datatype>`; `xsd:string` literals never carry their
/// datatype.
fn push_literal(out: &mut String, literal: LiteralRef<'_>) {
    push_string(out, literal.value());
    if let Some(language) = literal.language() {
        out.push('@');
        out.push_str(language);
    } else if literal.datatype() != xsd::STRING {
        out.push_str("^^");
        push_iri(out, literal.datatype().as_str());
    }
}

/// A quoted string in canonical N-Triples/N-Quads form (RDF 1.2): `"` `\` and the
/// controls BS, HT, LF, FF, CR as `\"` `\\` `\b` `\t` `\n` `\f` `\r`; the other C0
/// controls and DEL as `\u00XX` (uppercase hex); every other character as itself.
fn push_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\0'..='\u{1F}' | '\u{7F}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
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
