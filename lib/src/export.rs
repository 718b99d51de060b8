//! Export stage: Turtle, N-Triples, N-Quads, TriG; sorted and byte-stable.
//!
//! Every format is written in a canonical order so that two exports of the same
//! graph are byte-identical and diffs between versions stay small: N-Quads and
//! N-Triples lines sorted, Turtle/TriG subjects sorted with `rdf:type` first, then
//! the other predicates and all objects sorted. Prefixed names are only written where
//! they are valid Turtle (see [`turtle`]); anything else is written as a full IRI.

pub mod canonical;
mod sorted;
mod stream;
mod turtle;
pub mod wikidata;

pub use sorted::export_sorted_quads;

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, TripleRef};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufWriter, Write};

/// The linked-data formats officegraph writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
}

impl ExportFormat {
    /// Every format, in the order `run` writes them.
    pub const ALL: [ExportFormat; 4] = [Self::Turtle, Self::NTriples, Self::NQuads, Self::TriG];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::NTriples => "nt",
            Self::NQuads => "nq",
            Self::TriG => "trig",
        }
    }

    /// The matching Oxigraph format, e.g. to parse an export back.
    pub fn rdf_format(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat;
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
        }
    }

    /// Whether the format keeps named graphs (N-Quads, TriG).
    pub fn has_graphs(self) -> bool {
        matches!(self, Self::NQuads | Self::TriG)
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export")]
    Io(#[from] io::Error),
    #[error("cannot read the store")]
    Storage(#[from] StorageError),
    #[error("cannot read the quads to export: {0}")]
    Input(String),
}

impl ExportError {
    /// The reader went away (`officegraph export … | head`): not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Writes the store (or only `graph`) to `writer` in `format`, prefixes derived from
/// the data base IRI `base`. Returns the number of statements written (quads for
/// N-Quads, distinct triples for N-Triples and Turtle, triples per graph for TriG).
pub fn export(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    base: &str,
    writer: impl Write,
) -> Result<u64, ExportError> {
    let mut out = BufWriter::with_capacity(1 << 16, writer);
    let writer = turtle::Writer::new(base);
    let count = match format {
        ExportFormat::NQuads => stream::write_lines(store, graph, false, &mut out)?,
        ExportFormat::NTriples => stream::write_lines(store, graph, true, &mut out)?,
        ExportFormat::Turtle => stream::write_turtle(store, graph, &writer, &mut out)?,
        ExportFormat::TriG => stream::write_trig(store, graph, &writer, &mut out)?,
    };
    out.flush()?;
    Ok(count)
}

/// Writes `quads` in `format` in the canonical order, with the prefixes of `writer`
/// (Turtle/TriG); shared by every export profile.
fn write_quads(
    out: &mut impl Write,
    format: ExportFormat,
    quads: &[Quad],
    writer: &turtle::Writer,
) -> io::Result<u64> {
    Ok(match format {
        ExportFormat::NQuads => write_lines(out, quads.iter().map(|q| format!("{q} .\n")))?,
        ExportFormat::NTriples => write_lines(
            out,
            quads
                .iter()
                .map(|q| format!("{} .\n", TripleRef::from(q.as_ref()))),
        )?,
        ExportFormat::Turtle => {
            writer.write_prefixes(out)?;
            let triples = group(quads.iter().map(|q| TripleRef::from(q.as_ref())));
            if !triples.is_empty() {
                out.write_all(b"\n")?;
            }
            writer.write_triples(out, &triples, "")?
        }
        ExportFormat::TriG => write_trig(out, quads, writer)?,
    })
}

fn read_quads(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<Quad>, StorageError> {
    let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    store.quads_for_pattern(None, None, None, graph).collect()
}

/// Writes the lines sorted and without duplicates.
fn write_lines(out: &mut impl Write, lines: impl Iterator<Item = String>) -> io::Result<u64> {
    let lines: BTreeSet<String> = lines.collect();
    for line in &lines {
        out.write_all(line.as_bytes())?;
    }
    Ok(lines.len() as u64)
}

fn write_trig(out: &mut impl Write, quads: &[Quad], writer: &turtle::Writer) -> io::Result<u64> {
    writer.write_prefixes(out)?;
    // Graphs sorted by their N-Quads form; the default graph (if any) first, unwrapped.
    let mut graphs: BTreeMap<String, (Option<NamedOrBlankNode>, Vec<TripleRef<'_>>)> =
        BTreeMap::new();
    for quad in quads {
        let (key, name) = match quad.graph_name.as_ref() {
            GraphNameRef::DefaultGraph => (String::new(), None),
            GraphNameRef::NamedNode(n) => (n.to_string(), Some(n.into_owned().into())),
            GraphNameRef::BlankNode(b) => (b.to_string(), Some(b.into_owned().into())),
        };
        graphs
            .entry(key)
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(TripleRef::from(quad.as_ref()));
    }
    let mut count = 0;
    for (name, triples) in graphs.values() {
        let triples = group(triples.iter().copied());
        match name {
            None => {
                out.write_all(b"\n")?;
                count += writer.write_triples(out, &triples, "")?;
            }
            Some(name) => {
                write!(out, "\n{} {{\n", writer.subject(name.as_ref()))?;
                count += writer.write_triples(out, &triples, "    ")?;
                out.write_all(b"}\n")?;
            }
        }
    }
    Ok(count)
}

/// Triples grouped for Turtle: subject → predicate → objects, each level keyed by its
/// sort key so iteration is the canonical order.
type Grouped = BTreeMap<
    String,
    (
        NamedOrBlankNode,
        BTreeMap<(bool, String), (NamedNode, BTreeMap<String, Term>)>,
    ),
>;

fn group<'a>(triples: impl Iterator<Item = TripleRef<'a>>) -> Grouped {
    let mut grouped = Grouped::new();
    for t in triples {
        let (_, predicates) = grouped
            .entry(t.subject.to_string())
            .or_insert_with(|| (t.subject.into_owned(), BTreeMap::new()));
        // `false` sorts first: rdf:type before every other predicate.
        let key = (
            t.predicate != oxigraph::model::vocab::rdf::TYPE,
            t.predicate.as_str().to_owned(),
        );
        let (_, objects) = predicates
            .entry(key)
            .or_insert_with(|| (t.predicate.into_owned(), BTreeMap::new()));
        objects
            .entry(t.object.to_string())
            .or_insert_with(|| t.object.into_owned());
    }
    grouped
}

/// Writes `triples` as sorted, byte-stable Turtle declaring `prefixes`, for the
/// reports of other stages (`validate --format ttl`). Returns the triples written.
pub fn write_turtle<'a>(
    out: &mut impl Write,
    triples: impl Iterator<Item = TripleRef<'a>>,
    prefixes: Vec<(&'static str, String)>,
) -> io::Result<u64> {
    let writer = turtle::Writer::with_prefixes(prefixes);
    writer.write_prefixes(out)?;
    let grouped = group(triples);
    if !grouped.is_empty() {
        out.write_all(b"\n")?;
    }
    writer.write_triples(out, &grouped, "")
}

#[cfg(test)]
mod tests;
