//! Reconcile stage (link): reconcile our persons, positions and organizations with a
//! Wikidata-style dataset and record the links.
//!
//! [`input`] reads the dataset (RDF, JSON entity lines, SPARQL results) into
//! Wikidata-shaped triples, [`model`] turns them into candidates, [`ours`] reads our
//! side from the record graphs, [`score`] decides (purely), [`graph`] writes the links
//! graph and [`report`] says what happened. [`link`] strings them together on a
//! store: each dataset goes into `{base}dataset/{slug(file name)}`, the links into
//! `{base}links`; both replace what an earlier run left there.

pub mod graph;
pub mod input;
pub mod model;
pub mod normalize;
pub mod ours;
pub mod report;
pub mod score;

use crate::names;
use crate::store::{GraphStore, StoreError};
use input::Format;
use model::{Candidates, Kind};
use oxigraph::model::{GraphName, NamedNode, Quad};
use report::{LoadedFile, Report};
use std::path::Path;

/// What can stop a `link` run.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("{file}:{line}: {message}")]
    Input {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: cannot tell the format from the file name (use --format)")]
    UnknownFormat { file: String },
    #[error("{file}: cannot read it")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{first} and {second} would share the dataset graph <{graph}>")]
    SameGraph {
        first: String,
        second: String,
        graph: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("store error")]
    Storage(#[from] oxigraph::store::StorageError),
}

/// One dataset file to link against.
#[derive(Debug, Clone)]
pub struct DatasetFile {
    /// As shown in messages.
    pub file: String,
    pub format: Format,
    pub content: String,
}

impl DatasetFile {
    /// Reads `path`; the format is `format` or, when `None`, detected.
    pub fn read(path: &Path, format: Option<Format>) -> Result<Self, LinkError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| LinkError::Read {
            file: file.clone(),
            source,
        })?;
        let content = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            LinkError::Input {
                file: file.clone(),
                line: u64::try_from(line).unwrap_or(u64::MAX),
                message: "invalid UTF-8".to_owned(),
            }
        })?;
        let format = match format.or_else(|| Format::detect(path, &content)) {
            Some(f) => f,
            None => return Err(LinkError::UnknownFormat { file }),
        };
        Ok(Self {
            file,
            format,
            content,
        })
    }

    /// The dataset graph: `{base}dataset/{slug(file name)}`.
    pub fn graph(&self, base: &str) -> NamedNode {
        let name = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |n| n.to_string_lossy().into_owned());
        names::dataset_graph(base, &name)
    }
}

/// Links the store's entities against `files`: loads each file into its dataset
/// graph, replaces the links graph, and returns the report. The store is changed only
/// when every file was read; the caller saves it.
pub fn link(store: &mut GraphStore, files: &[DatasetFile]) -> Result<Report, LinkError> {
    let base = store.base().to_owned();
    let mut candidates = Candidates::default();
    let mut datasets: Vec<(NamedNode, &DatasetFile, Vec<Quad>)> = Vec::new();
    for file in files {
        let graph = file.graph(&base);
        if let Some((_, first, _)) = datasets.iter().find(|(g, _, _)| *g == graph) {
            return Err(LinkError::SameGraph {
                first: first.file.clone(),
                second: file.file.clone(),
                graph: graph.into_string(),
            });
        }
        let triples = input::read(&file.file, &file.content, file.format, graph.as_str())?;
        candidates.add_triples(&triples, graph.as_str());
        let name = GraphName::NamedNode(graph.clone());
        let mut quads: Vec<Quad> = triples
            .into_iter()
            .map(|t| t.in_graph(name.clone()))
            .collect();
        quads.sort_by_cached_key(ToString::to_string);
        quads.dedup();
        datasets.push((graph, file, quads));
    }

    let ours = ours::read(store.oxigraph(), &names::record_graphs(&base))?;
    let unnamed = ours
        .of(Kind::Person)
        .iter()
        .filter(|p| p.labels.is_empty())
        .count();
    let outcomes = score::reconcile(&ours, &candidates);
    let links = NamedNode::new_unchecked(names::links_graph(&base));
    let link_quads = graph::links_quads(&base, &outcomes, &candidates);

    // Replace the previous run's dataset graphs and links graph.
    let dataset_prefix = names::dataset_graphs(&base);
    let old: Vec<NamedNode> = store
        .record_graphs()
        .filter(|g| g.graph.starts_with(&dataset_prefix) || g.graph == links.as_str())
        .filter_map(|g| NamedNode::new(&g.graph).ok())
        .collect();
    for graph in old {
        store.remove_record(&graph)?;
    }
    let mut loaded = Vec::new();
    for (graph, file, quads) in datasets {
        loaded.push(LoadedFile {
            file: file.file.clone(),
            format: file.format.name(),
            graph: graph.as_str().to_owned(),
            triples: quads.len(),
        });
        store.replace_graph(&graph, &quads, &file.file)?;
    }
    store.replace_graph(&links, &link_quads, "officegraph link")?;
    Ok(Report::new(
        loaded,
        links.into_string(),
        outcomes,
        unnamed,
        &candidates,
    ))
}
