//! Reconcile stage (link): input readers — a Wikidata-style dataset file, in any of
//! the supported formats, to Wikidata-shaped triples.
//!
//! RDF (N-Triples, Turtle) is read as is; JSON entity lines and SPARQL results
//! (CSV, TSV, JSON) are converted by [`build::Builder`] to the same shape:
//! `rdfs:label`, `skos:altLabel`, `wdt:P31`, `wdt:P569`, `wdt:P39` and
//! `p:P39`/`ps:P39`/`pq:P580`/`pq:P582` statement nodes with deterministic IRIs.
//! Blank nodes become IRIs under the dataset graph (`…/bnode/N`, numbered in order of
//! appearance), so loading a file twice gives the same quads.

pub mod build;
mod entities;
mod rdf;
mod sparql;

use super::LinkError;
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::HashMap;
use std::path::Path;

/// The formats `link --with` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    NTriples,
    Turtle,
    /// The Wikidata JSON dump: one entity per line (inside `[` … `]` or not).
    EntityLines,
    SparqlCsv,
    SparqlTsv,
    SparqlJson,
}

impl Format {
    /// The format named on the command line.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "nt" | "ntriples" => Format::NTriples,
            "ttl" | "turtle" => Format::Turtle,
            "entities" | "ndjson" | "jsonl" => Format::EntityLines,
            "csv" => Format::SparqlCsv,
            "tsv" => Format::SparqlTsv,
            "sparql-json" | "srj" => Format::SparqlJson,
            _ => return None,
        })
    }

    /// The format of a file, from its extension and, for `.json`/`.ndjson`/`.jsonl`,
    /// its content: a JSON object with a `head` is a SPARQL result, else entity lines.
    pub fn detect(path: &Path, content: &str) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "nt" => Format::NTriples,
            "ttl" => Format::Turtle,
            "csv" => Format::SparqlCsv,
            "tsv" => Format::SparqlTsv,
            "srj" => Format::SparqlJson,
            "json" | "ndjson" | "jsonl" => {
                if sparql::looks_like_sparql_json(content) {
                    Format::SparqlJson
                } else {
                    Format::EntityLines
                }
            }
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::NTriples => "N-Triples",
            Format::Turtle => "Turtle",
            Format::EntityLines => "JSON entity lines",
            Format::SparqlCsv => "SPARQL results CSV",
            Format::SparqlTsv => "SPARQL results TSV",
            Format::SparqlJson => "SPARQL results JSON",
        }
    }
}

/// Reads `content` (the text of `file`) as `format`; `graph` is the dataset graph IRI,
/// under which statement and blank nodes get their IRIs.
pub fn read(
    file: &str,
    content: &str,
    format: Format,
    graph: &str,
) -> Result<Vec<Triple>, LinkError> {
    let triples = match format {
        Format::NTriples | Format::Turtle => rdf::read(file, content, format)?,
        Format::EntityLines => entities::read(file, content, graph)?,
        Format::SparqlCsv => sparql::read_csv(file, content, graph)?,
        Format::SparqlTsv => sparql::read_tsv(file, content, graph)?,
        Format::SparqlJson => sparql::read_json(file, content, graph)?,
    };
    Ok(skolemize(triples, graph))
}

/// Replaces blank nodes by `{graph}/bnode/{n}`, numbered in order of first appearance.
fn skolemize(triples: Vec<Triple>, graph: &str) -> Vec<Triple> {
    let mut names: HashMap<BlankNode, NamedNode> = HashMap::new();
    let mut name = |b: BlankNode| -> NamedNode {
        let n = names.len() + 1;
        names
            .entry(b)
            .or_insert_with(|| NamedNode::new_unchecked(format!("{graph}/bnode/{n}")))
            .clone()
    };
    triples
        .into_iter()
        .map(|t| {
            let subject = match t.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::NamedNode(name(b)),
                other => other,
            };
            let object = match t.object {
                Term::BlankNode(b) => Term::NamedNode(name(b)),
                other => other,
            };
            Triple::new(subject, t.predicate, object)
        })
        .collect()
}

/// An input error at `file:line`.
pub(crate) fn bad(file: &str, line: u64, message: impl Into<String>) -> LinkError {
    LinkError::Input {
        file: file.to_owned(),
        line,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_content() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(Format::detect(&p("a.nt"), ""), Some(Format::NTriples));
        assert_eq!(Format::detect(&p("a.TTL"), ""), Some(Format::Turtle));
        assert_eq!(Format::detect(&p("a.tsv"), ""), Some(Format::SparqlTsv));
        let results = r#"{ "head": { "vars": ["item"] }, "results": { "bindings": [] } }"#;
        assert_eq!(
            Format::detect(&p("a.json"), results),
            Some(Format::SparqlJson)
        );
        let entity = "[\n{\"type\":\"item\",\"id\":\"Q1\"},\n]";
        assert_eq!(
            Format::detect(&p("a.json"), entity),
            Some(Format::EntityLines)
        );
        assert_eq!(Format::detect(&p("a.xml"), ""), None);
        assert_eq!(Format::from_name("tsv"), Some(Format::SparqlTsv));
    }

    #[test]
    fn blank_nodes_become_stable_iris() {
        let ttl = "<http://x/a> <http://x/p> [ <http://x/q> [] ] .";
        let a = read("f.ttl", ttl, Format::Turtle, "http://g").unwrap();
        let b = read("f.ttl", ttl, Format::Turtle, "http://g").unwrap();
        assert_eq!(a, b);
        assert!(a
            .iter()
            .any(|t| t.object.to_string() == "<http://g/bnode/1>"));
    }
}
