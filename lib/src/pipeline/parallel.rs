//! Pipeline: parse and extract many files on worker threads while the caller loads the
//! results, handed over in input order (so diagnostics, stores and exports are the
//! same whatever the thread count).

use super::{process_file_graph, Config, PipelineError, ProcessedGraph, ProcessedRecord};
use crate::parallel;
use std::path::{Path, PathBuf};

/// How many files may be processed ahead of the one the caller waits for, per thread;
/// bounds the memory held by finished records waiting their turn.
const AHEAD_PER_THREAD: usize = 8;

/// The worker threads to use: one per core.
pub fn default_threads() -> usize {
    parallel::threads()
}

/// Runs [`process_file`](super::process_file) on every path on `threads` worker threads and calls `sink`
/// with each path and its result, in the order of `paths`, on the calling thread.
/// With `threads <= 1` everything happens on the calling thread.
pub fn process_files(
    paths: &[PathBuf],
    config: &Config,
    threads: usize,
    sink: impl FnMut(&Path, Result<ProcessedRecord, PipelineError>),
) {
    process_files_then(paths, config, threads, |record| record, sink);
}

/// Like [`process_files`], with `then` applied to each record on the worker thread
/// that made it (work that should run on every core, not only the caller's), before
/// `sink` gets the result.
pub fn process_files_then<T: Send>(
    paths: &[PathBuf],
    config: &Config,
    threads: usize,
    then: impl Fn(ProcessedRecord) -> T + Sync,
    sink: impl FnMut(&Path, Result<T, PipelineError>),
) {
    process_graphs_then(
        paths,
        config,
        threads,
        |graph| then(graph.into_record()),
        sink,
    );
}

/// Like [`process_files_then`], with each record's graph kept compact
/// ([`ProcessedGraph`]) when `then` gets it: the bulk path of `ingest` formats it
/// into lines without ever holding its quads as owned values.
pub fn process_graphs_then<T: Send>(
    paths: &[PathBuf],
    config: &Config,
    threads: usize,
    then: impl Fn(ProcessedGraph) -> T + Sync,
    mut sink: impl FnMut(&Path, Result<T, PipelineError>),
) {
    parallel::for_each_ordered(
        paths.iter().collect(),
        threads,
        threads * AHEAD_PER_THREAD,
        |path: &PathBuf| process_file_graph(path, config).map(&then),
        // A panic while processing a file is the caller's, as on one thread.
        |index, result| {
            sink(
                &paths[index],
                result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut paths = Vec::new();
        for i in 0..40 {
            let path = dir.path().join(format!("r{i:02}.txt"));
            // Records of very different sizes, so workers finish out of order.
            let rows: String = (0..(i % 7) * 30)
                .map(|n| {
                    format!(
                        "| {n} | Person {n} | 1 May 19{:02} | 2 May 19{:02} |\n",
                        n % 90,
                        n % 90 + 1
                    )
                })
                .collect();
            let text = format!("= Office {i} =\n\n== Holders ==\n| No. | Name | Took office | Left office |\n{rows}");
            std::fs::write(&path, text).expect("write");
            paths.push(path);
        }
        paths.push(dir.path().join("missing.txt"));
        let config = Config::default();
        let run = |threads| {
            let mut seen = Vec::new();
            process_files(&paths, &config, threads, |path, result| {
                let quads = result.map(|r| r.quads.len()).unwrap_or(usize::MAX);
                seen.push((path.to_path_buf(), quads));
            });
            seen
        };
        let one = run(1);
        assert_eq!(one.len(), paths.len());
        assert_eq!(
            one.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(),
            paths
        );
        assert_eq!(
            one.last().map(|(_, q)| *q),
            Some(usize::MAX),
            "the missing file fails alone"
        );
        for threads in [2, 3, 8] {
            assert_eq!(run(threads), one, "{threads} threads");
        }
    }
}
