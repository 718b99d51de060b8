//! Push stage: the per-graph report — one status line per graph
//! (`PUT <graph> 204 (1103 triples, 1 attempt)`) and the summary.

use super::client::PutError;
use std::fmt;

/// What happened to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphReport {
    /// The graph IRI.
    pub graph: String,
    /// Triples sent.
    pub triples: u64,
    /// Requests made (1 when the first succeeded or failed for good).
    pub attempts: u32,
    /// The 2xx status, or why the last attempt failed.
    pub result: Result<u16, PutError>,
}

impl GraphReport {
    pub fn ok(&self) -> bool {
        self.result.is_ok()
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for GraphReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = format!(
            "{}, {}",
            plural(self.triples, "triple", "triples"),
            plural(u64::from(self.attempts), "attempt", "attempts")
        );
        match &self.result {
            Ok(status) => write!(f, "PUT <{}> {status} ({counts})", self.graph),
            Err(e) => write!(f, "PUT <{}> failed: {e} ({counts})", self.graph),
        }
    }
}

/// Every graph's outcome, in push order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushReport {
    /// The Graph Store endpoint (never carries credentials).
    pub endpoint: String,
    pub graphs: Vec<GraphReport>,
}

impl PushReport {
    /// Graphs that could not be stored.
    pub fn failed(&self) -> usize {
        self.graphs.iter().filter(|g| !g.ok()).count()
    }

    /// Triples in the graphs that were stored.
    pub fn triples_pushed(&self) -> u64 {
        self.graphs
            .iter()
            .filter(|g| g.ok())
            .map(|g| g.triples)
            .sum()
    }
}

/// The summary line.
impl fmt::Display for PushReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.graphs.len();
        write!(
            f,
            "pushed {} of {} to {} ({}); {} failed",
            total - self.failed(),
            plural(total as u64, "graph", "graphs"),
            self.endpoint,
            plural(self.triples_pushed(), "triple", "triples"),
            self.failed()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(result: Result<u16, PutError>, attempts: u32) -> GraphReport {
        GraphReport {
            graph: "https://example.org/g".into(),
            triples: 1103,
            attempts,
            result,
        }
    }

    #[test]
    fn status_lines() {
        assert_eq!(
            graph(Ok(204), 1).to_string(),
            "PUT <https://example.org/g> 204 (1103 triples, 1 attempt)"
        );
        let failed = graph(
            Err(PutError::Status {
                status: 503,
                reason: " Service Unavailable".into(),
                detail: ": busy".into(),
            }),
            4,
        );
        assert_eq!(
            failed.to_string(),
            "PUT <https://example.org/g> failed: 503 Service Unavailable: busy (1103 triples, 4 attempts)"
        );
        let report = PushReport {
            endpoint: "http://h/gsp".into(),
            graphs: vec![graph(Ok(201), 2), failed],
        };
        assert_eq!(report.failed(), 1);
        assert_eq!(
            report.to_string(),
            "pushed 1 of 2 graphs to http://h/gsp (1103 triples); 1 failed"
        );
    }
}
