//! Serve stage: limits — a per-query timeout, a memory budget, a cap on result rows
//! and on evaluations at once. On an in-memory store on Linux ([`Limits::isolate`])
//! each evaluation runs in a forked child process (the query stage's
//! [`isolate::run`](crate::query::isolate::run)): past the timeout or the budget the
//! child is killed and its memory freed at once. Otherwise it runs on a thread of its
//! own (the query stage's [`within`]): the request's worker waits for it with a
//! deadline, then cancels it and answers at once, but the thread runs on until
//! Oxigraph's next cancellation check.

pub use crate::query::deadline::{within, Stopped, MAX_EVALUATIONS};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter};
use std::sync::Arc;
use std::time::Duration;

/// The limits every query runs under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Evaluation and serialization of one query, wall clock.
    pub timeout: Duration,
    /// Most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) one answer may hold;
    /// a query that yields more is stopped and answered with an error.
    pub max_rows: usize,
    /// How much one isolated evaluation's address space may grow, in bytes; past it
    /// the query is answered with an error (`--max-memory`).
    pub max_memory: u64,
    /// Evaluate in a forked child process (Linux): only for an in-memory store —
    /// RocksDB's background threads hold locks a fork would copy held. Off by default;
    /// `officegraph serve` turns it on for in-memory stores.
    pub isolate: bool,
    /// Most ad-hoc queries (`/sparql`, the query page) evaluated at once; past it they
    /// are answered 503 at once. Stored queries and the web pages count separately,
    /// against as many again, so ad-hoc queries never starve them.
    pub max_running: usize,
}

/// The default [`Limits::max_memory`]: 1 GiB.
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_memory: DEFAULT_MAX_MEMORY,
            isolate: false,
            max_running: 2 * cores,
        }
    }
}

/// `512 MiB`, `1 GiB`, `1.5 GiB`: a size as a person reads it.
pub fn bytes(size: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = size as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let value = (value * 10.0).round() / 10.0;
    format!("{value} {}", UNITS[unit])
}

/// `2`, `0.5`: a duration in seconds as a person writes it.
pub fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{}", duration.as_secs())
    } else {
        format!("{secs}")
    }
}

/// The error a capped iterator yields past its cap.
#[derive(Debug, thiserror::Error)]
#[error("more than {0} result rows")]
pub struct RowCapExceeded(pub usize);

/// `results`, yielding at most `max_rows` solutions or triples and then an error
/// ([`RowCapExceeded`] inside `QueryEvaluationError::Dataset`).
pub fn capped(results: QueryResults<'_>, max_rows: usize) -> QueryResults<'_> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables: Arc<[_]> = Arc::from(solutions.variables());
            QueryResults::Solutions(QuerySolutionIter::new(variables, cap(solutions, max_rows)))
        }
        QueryResults::Graph(triples) => {
            QueryResults::Graph(QueryTripleIter::new(cap(triples, max_rows)))
        }
        boolean => boolean,
    }
}

fn cap<'a, T: 'a>(
    iter: impl Iterator<Item = Result<T, QueryEvaluationError>> + 'a,
    max_rows: usize,
) -> impl Iterator<Item = Result<T, QueryEvaluationError>> + 'a {
    let mut seen = 0usize;
    let mut done = false;
    iter.map_while(move |item| {
        if done {
            return None;
        }
        if item.is_ok() {
            seen += 1;
        }
        if seen > max_rows {
            done = true;
            return Some(Err(QueryEvaluationError::Dataset(Box::new(
                RowCapExceeded(max_rows),
            ))));
        }
        Some(item)
    })
}

/// Whether `error` is the row cap's.
pub fn is_row_cap(error: &QueryEvaluationError) -> bool {
    matches!(error, QueryEvaluationError::Dataset(inner) if inner.is::<RowCapExceeded>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{NamedNode, Triple};

    #[test]
    fn the_cap_lets_n_rows_through_then_fails() {
        let n = NamedNode::new_unchecked("http://example.org/n");
        let triples = |count: usize| {
            let n = n.clone();
            QueryResults::Graph(QueryTripleIter::new(
                (0..count).map(move |_| Ok(Triple::new(n.clone(), n.clone(), n.clone()))),
            ))
        };
        let QueryResults::Graph(iter) = capped(triples(3), 3) else {
            panic!("graph")
        };
        assert_eq!(iter.filter(Result::is_ok).count(), 3);
        let QueryResults::Graph(iter) = capped(triples(4), 3) else {
            panic!("graph")
        };
        let items: Vec<_> = iter.collect();
        assert_eq!(items.len(), 4);
        assert!(items[3].as_ref().is_err_and(is_row_cap));
        assert!(!is_row_cap(&QueryEvaluationError::Cancelled));
    }

    #[test]
    fn seconds_read_as_written() {
        assert_eq!(seconds(Duration::from_secs(2)), "2");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5");
    }

    #[test]
    fn sizes_read_as_written() {
        assert_eq!(bytes(DEFAULT_MAX_MEMORY), "1 GiB");
        assert_eq!(bytes(512 << 20), "512 MiB");
        assert_eq!(bytes(3 << 29), "1.5 GiB");
        assert_eq!(bytes(100), "100 bytes");
    }
}
