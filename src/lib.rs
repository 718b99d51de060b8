//! officegraph turns encyclopedia-style records about public offices into a knowledge
//! graph of positions, tenures and succession.
//!
//! The pipeline, one module a stage (see `DESIGN.md`):
//! [`record`] (parse) → [`extract`] (triples, one named graph per record) →
//! [`reconcile`] (names, succession) → [`store`] → [`query`] → [`export`].
//! [`pipeline`] strings the first stages together for a file or a folder.

pub mod cli;
pub mod export;
pub mod extract;
pub mod pipeline;
pub mod query;
pub mod reconcile;
pub mod record;
pub mod store;
pub mod vocab;
