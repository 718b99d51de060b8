//! Store stage: the bulk path into a new memory store. A memory store *is* its
//! snapshot (sorted N-Quads lines and a checksummed trailer), so filling an empty one
//! needs no Oxigraph store at all: each record's quads are formatted as N-Quads lines
//! on the worker thread that extracted them ([`RecordLines`]), and
//! [`GraphStore::save_bulk`] sorts every line on every core and streams them into the
//! snapshot. The bytes are exactly those [`GraphStore::save`] writes for the same
//! graphs (tested), so nothing downstream can tell the two paths apart.

use super::{GraphStore, Manifest, RecordEntry, StoreError, FORMAT_VERSION};
use crate::rdf::nquads::{push_quad_line, quad_line, Style};
use oxigraph::model::{GraphNameRef, NamedNode, Quad, QuadRef};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

/// One graph's quads as sorted, distinct N-Quads lines ([`quad_line`], the form the
/// snapshot and `export --format nq` use), kept in one buffer: the lines as they
/// were formatted, and where each starts in sorted order (a line ends at its `\n`,
/// which N-Quads never has inside a line). About the snapshot's own bytes and 8 more
/// per quad.
#[derive(Debug)]
pub struct RecordLines {
    graph: NamedNode,
    text: String,
    /// Where each distinct line starts in `text`, in sorted line order.
    starts: Vec<usize>,
}

impl RecordLines {
    /// Formats `quads`, all of which must sit in the named graph `graph`.
    pub fn new(graph: &NamedNode, quads: &[Quad]) -> Result<Self, StoreError> {
        super::check_in_graph(graph, quads)?;
        Self::from_quads(graph, quads.iter().map(Quad::as_ref))
    }

    /// Formats `quads` as they come (borrowed, so a caller holding a compact graph
    /// never makes owned quads), all of which must sit in the named graph `graph`.
    pub fn from_quads<'a>(
        graph: &NamedNode,
        quads: impl IntoIterator<Item = QuadRef<'a>>,
    ) -> Result<Self, StoreError> {
        // One buffer for every line, one offset per line: no allocation per line and
        // no second copy in sorted order.
        let quads = quads.into_iter();
        let expected = quads.size_hint().1.unwrap_or(0);
        let mut text = String::new();
        let mut starts: Vec<usize> = Vec::with_capacity(expected);
        for quad in quads {
            if quad.graph_name != GraphNameRef::NamedNode(graph.as_ref()) {
                return Err(StoreError::OutsideGraph {
                    record: graph.clone(),
                    graph: quad.graph_name.to_string(),
                });
            }
            if starts.len() == SAMPLE && expected > SAMPLE {
                // The buffer sized from the first lines, not doubled as it grows: a
                // doubling buffer holds up to twice the lines at its last step.
                let per_line = text.len().div_ceil(SAMPLE);
                text.reserve_exact((expected - SAMPLE) * per_line * 11 / 10);
            }
            starts.push(text.len());
            push_quad_line(&mut text, quad, Style::Plain);
        }
        text.shrink_to_fit();
        let line = |start: usize| line_at(&text, start);
        starts.sort_unstable_by(|a, b| line(*a).cmp(line(*b)));
        starts.dedup_by(|a, b| line(*a) == line(*b));
        starts.shrink_to_fit();
        Ok(Self {
            graph: graph.clone(),
            text,
            starts,
        })
    }

    /// The graph these lines belong to.
    pub fn graph(&self) -> &NamedNode {
        &self.graph
    }

    /// How many distinct quads.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the graph is empty.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The bytes of the formatted lines (what they add to the snapshot).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    fn line(&self, i: usize) -> &str {
        self.starts
            .get(i)
            .map_or("", |&start| line_at(&self.text, start))
    }

    fn lines(&self) -> impl Iterator<Item = &str> {
        (0..self.starts.len()).map(|i| self.line(i))
    }

    fn contains(&self, line: &str) -> bool {
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.line(mid).cmp(line) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// How many lines [`RecordLines::from_quads`] formats before it sizes its buffer.
const SAMPLE: usize = 1024;

/// The line of `text` that starts at `start`, its `\n` included.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    rest.find('\n').map_or(rest, |end| &rest[..=end])
}

/// The graphs of a new memory store, gathered before [`GraphStore::save_bulk`] writes
/// them; the same operations as on a [`GraphStore`], applied to lines.
#[derive(Debug, Default)]
pub struct BulkSnapshot {
    graphs: BTreeMap<String, (RecordEntry, RecordLines)>,
    /// Lines taken out of their graphs (by [`remove_quads`](Self::remove_quads)).
    removed: HashSet<String>,
}

impl BulkSnapshot {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the graph of `lines` (a later record with the same IRI replaces an
    /// earlier one, as [`GraphStore::replace_graph`] does); `source` goes into the
    /// manifest.
    pub fn replace_graph(&mut self, lines: RecordLines, source: &str) {
        let key = lines.graph.as_str().to_owned();
        if self.graphs.contains_key(&key) {
            // Removals applied to the old graph must not touch the new one.
            let prefix = format!(" {} .\n", lines.graph);
            self.removed.retain(|line| !line.ends_with(&prefix));
        }
        let entry = RecordEntry {
            graph: key.clone(),
            source: source.to_owned(),
            quads: lines.len(),
        };
        self.graphs.insert(key, (entry, lines));
    }

    /// Removes a graph; returns whether it was there.
    pub fn remove_graph(&mut self, graph: &NamedNode) -> bool {
        self.graphs.remove(graph.as_str()).is_some()
    }

    /// Removes these quads from their graphs.
    pub fn remove_quads(&mut self, quads: &[Quad]) {
        for quad in quads {
            let GraphNameRef::NamedNode(graph) = quad.graph_name.as_ref() else {
                continue;
            };
            let Some((entry, lines)) = self.graphs.get_mut(graph.as_str()) else {
                continue;
            };
            let line = quad_line(quad.as_ref());
            if lines.contains(&line) && self.removed.insert(line) {
                entry.quads -= 1;
            }
        }
    }

    /// How many graphs' IRIs start with `prefix`.
    pub fn record_count(&self, prefix: &str) -> usize {
        self.graphs.keys().filter(|g| g.starts_with(prefix)).count()
    }
}

/// What [`GraphStore::save_bulk`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkSaved {
    pub graphs: usize,
    pub quads: u64,
}

impl GraphStore {
    /// Writes `bulk` as this store's snapshot: the store must be an empty memory store
    /// (what `ingest` into a new store folder opens). The commit is the same as
    /// [`save`](Self::save)'s; this `GraphStore` stays empty, so it is consumed.
    pub fn save_bulk(self, bulk: BulkSnapshot) -> Result<BulkSaved, StoreError> {
        if self.backend() != super::Backend::Memory
            || !self.records.is_empty()
            || !self.store.is_empty()?
        {
            return Err(StoreError::NotEmpty {
                dir: self.dir.clone(),
            });
        }
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            base: self.base.clone(),
            records: bulk.graphs.values().map(|(e, _)| e.clone()).collect(),
        };
        let mut lines: Vec<&str> =
            Vec::with_capacity(bulk.graphs.values().map(|(_, l)| l.len()).sum());
        for (_, graph) in bulk.graphs.values() {
            lines.extend(
                graph
                    .lines()
                    .filter(|l| bulk.removed.is_empty() || !bulk.removed.contains(*l)),
            );
        }
        let runs = sort_in_runs(&mut lines);
        let mut quads = 0;
        self.commit_snapshot(&manifest, |w| {
            // Merging (comparisons) on one thread, checksum and write on this one.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
            std::thread::scope(|scope| {
                let merger = scope.spawn(|| {
                    let mut out = ChunkSender::new(tx);
                    let n = merge_runs(&runs, &mut out)?;
                    out.flush()?;
                    Ok::<u64, io::Error>(n)
                });
                let mut written = Ok(());
                for chunk in rx {
                    if written.is_ok() {
                        written = w.write_all(&chunk);
                    }
                }
                // The merger stops at its next chunk once this end is gone.
                let merged = merger
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("the merging thread panicked")));
                written?;
                quads = merged?;
                Ok(())
            })
        })?;
        Ok(BulkSaved {
            graphs: manifest.records.len(),
            quads,
        })
    }
}

/// Sorts `lines` as one sorted run per core (each on its own thread) and returns the
/// runs.
fn sort_in_runs<'a, 'b>(lines: &'b mut [&'a str]) -> Vec<&'b [&'a str]> {
    let threads = crate::parallel::threads();
    let size = lines.len().div_ceil(threads).max(1 << 14);
    let runs: Vec<&'b mut [&'a str]> = lines.chunks_mut(size).collect();
    let count = runs.len();
    crate::parallel::map_ordered(runs, count, |run| {
        run.sort_unstable();
        &*run
    })
    .into_iter()
    .map(|run| run.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    .collect()
}

/// A writer that hands its bytes, in chunks of about 1 MiB, to a channel.
struct ChunkSender {
    buffer: Vec<u8>,
    tx: std::sync::mpsc::SyncSender<Vec<u8>>,
}

impl ChunkSender {
    const CHUNK: usize = 1 << 20;

    fn new(tx: std::sync::mpsc::SyncSender<Vec<u8>>) -> Self {
        Self {
            buffer: Vec::with_capacity(Self::CHUNK + (1 << 12)),
            tx,
        }
    }
}

impl Write for ChunkSender {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        if self.buffer.len() >= Self::CHUNK {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(Self::CHUNK + (1 << 12)),
        );
        self.tx
            .send(chunk)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the snapshot writer stopped"))
    }
}

/// Writes the lines of the sorted `runs` in order, each distinct line once; returns
/// how many were written.
fn merge_runs(runs: &[&[&str]], out: &mut impl Write) -> io::Result<u64> {
    let mut heads = vec![0usize; runs.len()];
    let mut last: Option<&str> = None;
    let mut written = 0;
    loop {
        let mut best: Option<(usize, &str)> = None;
        for (r, run) in runs.iter().enumerate() {
            if let Some(&line) = run.get(heads[r]) {
                if best.is_none_or(|(_, b)| line < b) {
                    best = Some((r, line));
                }
            }
        }
        let Some((r, line)) = best else {
            return Ok(written);
        };
        heads[r] += 1;
        if last != Some(line) {
            out.write_all(line.as_bytes())?;
            written += 1;
            last = Some(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_into_one_sorted_distinct_sequence() {
        let mut lines: Vec<&str> = vec!["d\n", "a\n", "c\n", "a\n", "b\n", "e\n", "c\n"];
        let runs: Vec<&[&str]> = lines.chunks(3).collect();
        let mut sorted_runs: Vec<Vec<&str>> = runs
            .iter()
            .map(|r| {
                let mut r = r.to_vec();
                r.sort_unstable();
                r
            })
            .collect();
        sorted_runs.sort();
        let refs: Vec<&[&str]> = sorted_runs.iter().map(Vec::as_slice).collect();
        let mut out = Vec::new();
        assert_eq!(merge_runs(&refs, &mut out).unwrap(), 5);
        assert_eq!(out, b"a\nb\nc\nd\ne\n");
        let runs = sort_in_runs(&mut lines);
        let mut out = Vec::new();
        assert_eq!(merge_runs(&runs, &mut out).unwrap(), 5);
        assert_eq!(out, b"a\nb\nc\nd\ne\n");
    }
}
