//! Pipeline (use cases): the one error type of the jobs (`ingest`, `run`, `convert`,
//! `export`). Problems with one input are events, not errors: a [`JobError`] stops
//! the whole job.

use crate::export::ExportError;
use crate::query::QueryError;
use crate::reconcile::AliasError;
use crate::record::lexicon::LexiconError;
use crate::store::{LockError, StoreError};
use crate::timeline::TimelineError;
use crate::validate::{ShapesError, ValidateError};
use std::io;
use std::path::PathBuf;

/// Why a job stopped.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("--base {base}: not a valid absolute IRI")]
    BaseNotIri {
        base: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
    #[error("--base {base}: must end with `/` or `#`")]
    BaseWithoutSeparator { base: String },
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot create {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot remove the stale {path}")]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}")]
    Columns {
        path: PathBuf,
        #[source]
        source: LexiconError,
    },
    #[error("--records {0}: no such folder or file")]
    NoRecords(PathBuf),
    #[error("--graph {text}: not a valid absolute IRI")]
    GraphNotIri {
        text: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
    #[error("--graph {graph}: no such record graph in the store at {dir}")]
    NoSuchGraph { graph: String, dir: PathBuf },
    #[error("cannot create the store folder {path}")]
    StoreFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the built-in shapes")]
    BuiltinShapes(#[source] ShapesError),
    #[error("the stored queries built into officegraph")]
    BuiltinQueries(#[source] QueryError),
    #[error("cannot open the store {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: StoreError,
    },
    #[error(transparent)]
    Aliases(#[from] AliasError),
    #[error(transparent)]
    Link(#[from] crate::link::LinkError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Validate(#[from] ValidateError),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Timeline(#[from] TimelineError),
    #[error("cannot write the output")]
    Output(#[source] io::Error),
    #[error("cannot read the store")]
    Storage(#[from] oxigraph::store::StorageError),
}

impl JobError {
    /// The reader of the output went away (`officegraph export … | head`): the job
    /// wrote all that was wanted, not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Self::Export(e) => e.is_broken_pipe(),
            Self::Output(e) => e.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}
