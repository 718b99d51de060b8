//! officegraph turns encyclopedia-style records about public offices into a knowledge
//! graph of positions, tenures and succession.
//!
//! The pipeline, one module a stage (see `DESIGN.md`):
//! [`record`] (parse) → [`extract`] (triples, one named graph per record) →
//! [`reconcile`] (names, succession) → [`store`] → [`query`] → [`export`];
//! [`link`] reconciles the store with a Wikidata-style dataset; [`validate`] checks
//! the store against the SHACL shapes and data-quality checks.
//! [`corpus`] writes synthetic records for benchmarks; [`fidelity`] scores extraction
//! against tenures written by hand for real pages.
//! [`pipeline`] strings the first stages together for a file or a folder.
//! Foundation modules below every stage: [`vocab`], [`rdf`] (the one writer of RDF
//! text: N-Quads lines, Turtle/TriG) and [`escape`] (HTML/XML text).
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
pub mod escape;
pub mod export;
pub mod extract;
pub mod fidelity;
pub mod link;
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
