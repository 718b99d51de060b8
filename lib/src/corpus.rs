//! Corpus generation (a benchmark input, outside the pipeline): deterministic
//! synthetic records in the record format, with the variety of real ones, and a
//! ground-truth summary (`corpus.json`) to check what ingest extracts.
//!
//! Record `i` depends only on `(seed, i)`, so the output is byte-for-byte the same
//! on every machine and a corpus of N records is the prefix of any larger one with
//! the same seed. Records are written one at a time: memory does not grow with N.
//!
//! Planted warnings, on purpose: a first row's start written `c. 1955` and an end
//! written `?` (both unparseable dates); their counts are in `corpus.json`. Nothing
//! else a generated record holds should make the parser warn.

pub mod dates;
pub mod infobox;
pub mod names;
pub mod office;
pub mod prose;
pub mod record;
pub mod rng;
pub mod table;
pub mod truth;
pub mod write;

pub use truth::Summary;
pub use write::{generate, record_text, CorpusError, RECORDS_PER_FOLDER};
