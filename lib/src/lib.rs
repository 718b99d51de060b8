//! officegraph turns encyclopedia-style records about public offices into a knowledge
//! graph of positions, tenures and succession.
//!
//! The pipeline, one module a stage (`docs/design.md`; what may import what is in
//! `docs/architecture.md`), on foundation modules: [`vocab`] (the ontology's terms),
//! [`names`] (every IRI and graph name), [`date`] (the one date type), [`rdf`] (the one
//! writer of RDF text: N-Quads lines, Turtle/TriG), [`escape`] (HTML/XML text),
//! [`percent`], [`parallel`]. Then [`record`] (parse) → [`extract`] (triples, one named graph per
//! record) → [`reconcile`] (succession across records) → [`store`] → [`query`] →
//! [`export`]; [`validate`] checks the store against the SHACL shapes and data-quality
//! checks; [`link`] reconciles it with a Wikidata-style dataset; [`timeline`] draws
//! succession charts; [`serve`] and [`push`] put it on the web.
//!
//! On top, [`pipeline`] holds the use cases the command line calls — [`pipeline::ingest`],
//! [`pipeline::run`], [`pipeline::convert`], [`pipeline::export_store`],
//! [`pipeline::link_store`] — each reporting to a [`pipeline::Observer`] and returning a
//! report; the library never prints. [`corpus`] writes synthetic records for
//! benchmarks; [`fidelity`] scores extraction against tenures written by hand for real
//! pages.
//!
//! ```
//! use officegraph::pipeline::{process_text, Config};
//!
//! let record = "= Mayor of Hải Phòng =\n\nInfobox\n- Incumbent: Lê Văn Thành\n\n\
//!               | No. | Name | Took office | Left office |\n\
//!               | 1 | Lê Văn Thành | May 2016 | Incumbent |\n";
//! let out = process_text("mayor.txt", "mayor.txt", record.as_bytes(), &Config::default());
//! assert!(out.diagnostics.is_empty());
//! assert_eq!(out.record_iri.as_str(), "https://w3id.org/officegraph/id/record/mayor");
//! let start = out.quads.iter().find(|q| q.predicate.as_str().ends_with("#start")).unwrap();
//! assert_eq!(start.object.to_string(), "\"2016-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>");
//! ```

pub mod corpus;
pub mod date;
pub mod escape;
pub mod export;
pub mod extract;
pub mod fidelity;
#[cfg(test)]
mod layers;
pub mod link;
pub mod names;
pub mod parallel;
pub mod percent;
pub mod pipeline;
pub mod push;
pub mod query;
pub mod rdf;
pub mod reconcile;
pub mod record;
pub mod serve;
pub mod store;
pub mod timeline;
pub mod validate;
pub mod vocab;
