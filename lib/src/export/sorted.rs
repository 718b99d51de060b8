//! Export stage: N-Triples and Turtle of a whole store from its sorted N-Quads lines
//! (a memory store's snapshot), with no store loaded. Lines sorted as whole lines are
//! grouped by subject, and within a subject the quads of one triple are adjacent (no
//! N-Quads term is a prefix of another followed by a character below the space), so
//! each subject's triples are read, merged across graphs and written before the next:
//! the bytes are those [`export`](super::export) writes from the loaded store (tested).
//! Blocks of whole subjects are parsed and formatted on every core, written in order.

use super::{ExportError, ExportFormat};
use crate::rdf::nquads::{push_triple_line, Style};
use crate::rdf::{group, in_order, TurtleTerms};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, TripleRef};
use std::io::{Read, Write};

/// Bytes read per block before it is cut at a subject boundary.
pub(super) const BLOCK: usize = 4 << 20;

/// Writes the graphs-merged `format` (N-Triples or Turtle, with prefixes derived from
/// the data base IRI `base`) of `input`: N-Quads lines sorted as whole lines, each
/// distinct, as `export --format nq` writes them. Returns the triples written.
pub fn export_sorted_quads(
    mut input: impl Read,
    format: ExportFormat,
    base: &str,
    out: impl Write,
) -> Result<u64, ExportError> {
    if !matches!(format, ExportFormat::NTriples | ExportFormat::Turtle) {
        return Err(ExportError::Input(format!(
            "{format:?} cannot be written from sorted lines"
        )));
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let writer = TurtleTerms::new(base);
    if format == ExportFormat::Turtle {
        writer.write_prefixes(&mut out)?;
    }
    let threads = crate::parallel::threads();
    let mut pending: Vec<u8> = Vec::new();
    let mut count = 0;
    let mut done = false;
    while !done {
        // One round: up to `threads` blocks of whole subjects.
        let mut blocks: Vec<Vec<u8>> = Vec::with_capacity(threads);
        while blocks.len() < threads && !done {
            let mut block = std::mem::take(&mut pending);
            let want = block.len() + BLOCK;
            let read = (&mut input)
                .take((want - block.len()) as u64)
                .read_to_end(&mut block)?;
            if read == 0 {
                done = true;
                if !block.is_empty() {
                    blocks.push(block);
                }
                break;
            }
            match subject_boundary(&block) {
                Some(cut) => {
                    pending = block.split_off(cut);
                    blocks.push(block);
                }
                None => pending = block, // one subject so far: read on
            }
        }
        let results = in_order(&blocks, |b| format_block(b, format, &writer));
        for result in results {
            let (bytes, n) = result?;
            out.write_all(&bytes)?;
            count += n;
        }
    }
    out.flush()?;
    Ok(count)
}

/// Where the last subject of `block`'s complete lines starts (so everything before it
/// is whole subjects), or `None` when the complete lines hold one subject only.
fn subject_boundary(block: &[u8]) -> Option<usize> {
    let end = block.iter().rposition(|&b| b == b'\n')? + 1;
    let line_start = |at: usize| block[..at].iter().rposition(|&b| b == b'\n').map(|i| i + 1);
    let mut start = line_start(end - 1).unwrap_or(0);
    let subject = subject_of(&block[start..end]);
    while start > 0 {
        let previous = line_start(start - 1).unwrap_or(0);
        if subject_of(&block[previous..start]) != subject {
            return Some(start);
        }
        start = previous;
    }
    None
}

/// The subject term of an N-Quads line: everything before the first space (IRIs and
/// blank node labels hold none).
fn subject_of(line: &[u8]) -> &[u8] {
    let end = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
    &line[..end]
}

/// The N-Triples lines or Turtle blocks of `block`'s whole subjects, and how many
/// triples that is.
fn format_block(
    block: &[u8],
    format: ExportFormat,
    writer: &TurtleTerms,
) -> Result<(Vec<u8>, u64), ExportError> {
    // The bytes are officegraph's own (their checksum held): no second IRI check.
    let mut quads = RdfParser::from_format(RdfFormat::NQuads)
        .lenient()
        .for_slice(block)
        .map(|q| q.map_err(|e| ExportError::Input(e.to_string())));
    let mut bytes = Vec::with_capacity(block.len() / 4);
    let mut count = 0;
    match format {
        ExportFormat::NTriples => {
            let mut last = String::new();
            let mut line = String::new();
            for quad in quads {
                let quad = quad?;
                line.clear();
                push_triple_line(&mut line, TripleRef::from(quad.as_ref()), Style::Plain);
                if line != last {
                    bytes.extend_from_slice(line.as_bytes());
                    count += 1;
                    std::mem::swap(&mut line, &mut last);
                }
            }
        }
        _ => {
            let mut subject: Vec<Quad> = Vec::new();
            let flush =
                |subject: &mut Vec<Quad>, bytes: &mut Vec<u8>| -> Result<u64, ExportError> {
                    if subject.is_empty() {
                        return Ok(0);
                    }
                    let grouped = group(subject.iter().map(|q| TripleRef::from(q.as_ref())));
                    bytes.push(b'\n');
                    let n = writer.write_triples(bytes, &grouped, "")?;
                    subject.clear();
                    Ok(n)
                };
            for quad in quads.by_ref() {
                let quad = quad?;
                if subject.first().is_some_and(|q| q.subject != quad.subject) {
                    count += flush(&mut subject, &mut bytes)?;
                }
                subject.push(quad);
            }
            count += flush(&mut subject, &mut bytes)?;
        }
    }
    Ok((bytes, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_cut_where_a_subject_starts() {
        let block = b"<a> <p> <o> .\n<b> <p> <o> .\n<b> <q> <o> .\n<b> <r>";
        assert_eq!(subject_boundary(block), Some(14));
        assert_eq!(subject_boundary(b"<b> <p> <o> .\n<b> <q> <o> .\n"), None);
        assert_eq!(subject_boundary(b"<b> <p>"), None);
    }
}
