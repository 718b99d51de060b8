//! Push stage: send the store's named graphs to a remote triple store with the SPARQL
//! 1.1 Graph Store HTTP Protocol, one `PUT` per graph, so pushing again replaces each
//! graph and never duplicates it.
//!
//! [`client`] makes the requests, [`retry`] decides what is worth another try and
//! how long to wait, [`report`] says what happened to each graph, `scrub` keeps the
//! password out of what a server answers. Request bodies are the graph's sorted
//! N-Triples from [`crate::export`].

pub mod client;
pub mod report;
pub mod retry;
mod scrub;

pub use client::{Credentials, EndpointError, GspClient, PutError};
pub use report::{GraphReport, PushReport};
pub use retry::RetryPolicy;

use crate::export::{self, ExportError, ExportFormat};
use crate::store::GraphStore;
use oxigraph::model::NamedNode;

/// Why a push could not start.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("--graph <{graph}>: no such graph in the store")]
    UnknownGraph { graph: String },
    #[error("cannot read the graph <{graph}> from the store")]
    Export {
        graph: String,
        #[source]
        source: ExportError,
    },
}

/// The graphs to push: every named graph of the store (record graphs, and the links
/// and dataset graphs that `link` writes), sorted by IRI; or only `only`, each of
/// which must be in the store.
pub fn select_graphs(store: &GraphStore, only: &[NamedNode]) -> Result<Vec<NamedNode>, PushError> {
    let all = store
        .record_graphs()
        .map(|entry| NamedNode::new_unchecked(entry.graph.clone()));
    if only.is_empty() {
        return Ok(all.collect());
    }
    for graph in only {
        if !store.has_record(graph) {
            return Err(PushError::UnknownGraph {
                graph: graph.as_str().to_owned(),
            });
        }
    }
    Ok(all.filter(|g| only.contains(g)).collect())
}

/// PUTs each of `graphs` to the endpoint of `client`, retrying by `policy`, and calls
/// `on_graph` as each one is done. A graph that fails does not stop the others.
pub fn push(
    store: &GraphStore,
    client: &GspClient,
    graphs: &[NamedNode],
    policy: RetryPolicy,
    mut on_graph: impl FnMut(&GraphReport),
) -> Result<PushReport, PushError> {
    let mut report = PushReport {
        endpoint: client.endpoint().to_owned(),
        graphs: Vec::with_capacity(graphs.len()),
    };
    for graph in graphs {
        let mut body = Vec::new();
        let triples = export::export(
            store.oxigraph(),
            ExportFormat::NTriples,
            Some(graph),
            store.base(),
            &mut body,
        )
        .map_err(|source| PushError::Export {
            graph: graph.as_str().to_owned(),
            source,
        })?;
        let (result, attempts) = retry::with_retries(policy, std::thread::sleep, || {
            client.put(graph.as_str(), &body)
        });
        let done = GraphReport {
            graph: graph.as_str().to_owned(),
            triples,
            attempts,
            result,
        };
        on_graph(&done);
        report.graphs.push(done);
    }
    Ok(report)
}
