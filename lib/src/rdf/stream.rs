//! Foundation (RDF writer): the streaming writers of a whole store (behind
//! [`RdfWriter::write_store`](super::RdfWriter::write_store)). The store is
//! never copied whole: N-Quads, N-Triples and Turtle walk the subjects in the order of
//! their N-Triples form and write each subject's statements (read from the store's
//! subject index, sorted) before the next; TriG walks the graphs the same way. Memory
//! is bounded by the subject list and the largest subject or graph, and the bytes are
//! exactly those of sorting every line of the export.

use super::nquads::{push_quad_line, push_triple_line, Style};
use super::turtle::{group, Writer};
use super::WriteError;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, TripleRef};
use oxigraph::store::Store;
use std::collections::HashSet;
use std::io::Write;

/// Every subject of `graph` (or of the whole store) with its N-Triples form, sorted by
/// that form: lines that start with it then sort as whole lines do, because no
/// N-Triples subject is a prefix of another one followed by more than a space.
fn sorted_subjects(
    store: &Store,
    graph: Option<GraphNameRef<'_>>,
) -> Result<Vec<(String, NamedOrBlankNode)>, WriteError> {
    let mut seen = HashSet::new();
    for quad in store.quads_for_pattern(None, None, None, graph) {
        let quad = quad?;
        if !seen.contains(&quad.subject) {
            seen.insert(quad.subject);
        }
    }
    let mut subjects: Vec<(String, NamedOrBlankNode)> =
        seen.into_iter().map(|s| (s.to_string(), s)).collect();
    subjects.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(subjects)
}

/// Subjects per chunk that one thread formats while the others format theirs.
const CHUNK: usize = 2048;

/// Sorted, duplicate-free N-Quads (`triples_only`: N-Triples, graphs merged). The
/// subjects are cut into chunks formatted on one thread per core; the chunks are
/// written in order, so the bytes do not depend on the thread count.
pub(super) fn write_lines(
    store: &Store,
    graph: Option<&NamedNode>,
    triples_only: bool,
    out: &mut impl Write,
) -> Result<u64, WriteError> {
    let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    let subjects = sorted_subjects(store, graph)?;
    let threads = crate::parallel::threads();
    let mut count = 0;
    for round in subjects.chunks(CHUNK * threads) {
        let chunks: Vec<&[(String, NamedOrBlankNode)]> = round.chunks(CHUNK).collect();
        let formatted = in_order(&chunks, |chunk| {
            format_chunk(store, graph, triples_only, chunk)
        });
        for result in formatted {
            let (bytes, n) = result?;
            out.write_all(&bytes)?;
            count += n;
        }
    }
    Ok(count)
}

/// `work` on each of `items`, each on a thread of its own (a single item on this
/// one), and the results in the order of `items`: formatting on every core while the
/// output stays in order.
pub(crate) fn in_order<I: Sync, T: Send, E: Send + From<std::io::Error>>(
    items: &[I],
    work: impl Fn(&I) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    crate::parallel::map_ordered(items.iter().collect(), items.len(), work)
        .into_iter()
        .map(|result| {
            result
                .unwrap_or_else(|_| Err(std::io::Error::other("a writing thread panicked").into()))
        })
        .collect()
}

/// The sorted, duplicate-free lines of `subjects`, and how many there are.
fn format_chunk(
    store: &Store,
    graph: Option<GraphNameRef<'_>>,
    triples_only: bool,
    subjects: &[(String, NamedOrBlankNode)],
) -> Result<(Vec<u8>, u64), WriteError> {
    let mut bytes = Vec::new();
    let mut count = 0;
    let mut lines: Vec<String> = Vec::new();
    for (_, subject) in subjects {
        lines.clear();
        for quad in store.quads_for_pattern(Some(subject.as_ref()), None, None, graph) {
            let quad = quad?;
            let mut line = String::new();
            if triples_only {
                push_triple_line(&mut line, TripleRef::from(quad.as_ref()), Style::Plain);
            } else {
                push_quad_line(&mut line, quad.as_ref(), Style::Plain);
            }
            lines.push(line);
        }
        lines.sort_unstable();
        lines.dedup();
        for line in &lines {
            bytes.extend_from_slice(line.as_bytes());
        }
        count += lines.len() as u64;
    }
    Ok((bytes, count))
}

/// Turtle of the whole store (graphs merged) or of `graph`.
pub(super) fn write_turtle(
    store: &Store,
    graph: Option<&NamedNode>,
    writer: &Writer,
    out: &mut impl Write,
) -> Result<u64, WriteError> {
    writer.write_prefixes(out)?;
    let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    let mut count = 0;
    for (_, subject) in sorted_subjects(store, graph)? {
        let quads = store
            .quads_for_pattern(Some(subject.as_ref()), None, None, graph)
            .collect::<Result<Vec<_>, _>>()?;
        let grouped = group(quads.iter().map(|q| TripleRef::from(q.as_ref())));
        out.write_all(b"\n")?;
        count += writer.write_triples(out, &grouped, "")?;
    }
    Ok(count)
}

/// TriG: the default graph first (unwrapped), then each named graph in the order of
/// its N-Quads form, each read and written on its own.
pub(super) fn write_trig(
    store: &Store,
    graph: Option<&NamedNode>,
    writer: &Writer,
    out: &mut impl Write,
) -> Result<u64, WriteError> {
    writer.write_prefixes(out)?;
    let graphs: Vec<(String, GraphName)> = match graph {
        Some(g) => vec![(g.to_string(), GraphName::NamedNode(g.clone()))],
        None => {
            let mut graphs = Vec::new();
            if store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .next()
                .is_some()
            {
                graphs.push((String::new(), GraphName::DefaultGraph));
            }
            for name in store.named_graphs() {
                let name = GraphName::from(name?);
                graphs.push((name.to_string(), name));
            }
            graphs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            graphs
        }
    };
    let mut count = 0;
    for (_, name) in graphs {
        let quads = store
            .quads_for_pattern(None, None, None, Some(name.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        if quads.is_empty() {
            continue;
        }
        let triples = group(quads.iter().map(|q| TripleRef::from(q.as_ref())));
        let name = match name.as_ref() {
            GraphNameRef::DefaultGraph => None,
            GraphNameRef::NamedNode(n) => Some(n.into()),
            GraphNameRef::BlankNode(b) => Some(b.into()),
        };
        count += writer.write_named(out, name, &triples)?;
    }
    Ok(count)
}
