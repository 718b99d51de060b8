//! Pipeline (use cases): `run` — the main job. Ingests the records into a fresh
//! `OUT/store`, writes `OUT/graph.{ttl,nt,nq,trig}`, validates into
//! `OUT/validation.txt`, runs every stored query into `OUT/queries/<name>.csv` and
//! draws every position's timeline into `OUT/timelines/<position>.svg`.

mod queries;
mod timelines;

pub use queries::QueryTally;

use super::ingest::{self, Records};
use super::observer::Observer;
use super::tally::IngestReport;
use super::{Config, JobError};
use crate::export::{export, ExportFormat};
use crate::query::Catalog;
use crate::record::PartialDate;
use crate::store::{write_atomically, Backend, GraphStore};
use crate::timeline::TimelineOptions;
use crate::validate::{self, report, Severity, Shapes};
use std::fs;
use std::path::{Path, PathBuf};

/// What the main job is asked to do.
#[derive(Debug, Clone)]
pub struct RunConfig<'a> {
    /// The output folder (created if missing); the store is `OUT/store`.
    pub out: PathBuf,
    /// The records to ingest.
    pub records: Records<'a>,
    /// The store's backend (default: memory).
    pub backend: Option<Backend>,
    /// The day queries about "now" and the timelines' incumbent bars use (default:
    /// today, UTC).
    pub date: Option<PartialDate>,
    /// The front stages' configuration.
    pub config: Config,
}

/// What the main job did: where each output is and what it counted.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// The loading part.
    pub ingest: IngestReport,
    /// The store folder.
    pub store: PathBuf,
    /// Triples of the whole graph (as N-Triples).
    pub triples: u64,
    /// The exported graph files, one per format.
    pub exports: Vec<PathBuf>,
    /// The validation report file.
    pub validation: PathBuf,
    /// SHACL violations and warnings found.
    pub violations: usize,
    pub validation_warnings: usize,
    /// The folder of stored-query results and how the queries went.
    pub queries_dir: PathBuf,
    pub queries: QueryTally,
    /// The folder of timelines and the number of charts drawn.
    pub timelines_dir: PathBuf,
    pub timelines: usize,
}

impl RunReport {
    /// Whether the store conforms to the shapes (no violation).
    pub fn conforms(&self) -> bool {
        self.violations == 0
    }
}

/// Runs the main job; diagnostics, failed inputs and queries, and notes go to
/// `observer`. A stored query that fails is reported and counted, not an error.
pub fn run(job: &RunConfig<'_>, observer: &mut dyn Observer) -> Result<RunReport, JobError> {
    let out = &job.out;
    fs::create_dir_all(out).map_err(|source| JobError::Create {
        path: out.clone(),
        source,
    })?;
    // A fresh store: records removed from the folder must not linger from an earlier run.
    let store_dir = out.join("store");
    let _lock = ingest::lock_store(&store_dir, "officegraph run", observer)?;
    let mut store = GraphStore::fresh_with(&store_dir, job.backend)?;
    let loaded = ingest::load(&mut store, job.records, &job.config, observer)?;

    let mut triples = 0;
    let mut exports = Vec::new();
    for format in ExportFormat::ALL {
        let path = out.join(format!("graph.{}", format.extension()));
        write_file(&path, |w| {
            let n = export(store.oxigraph(), format, None, &job.config.base, w)?;
            if format == ExportFormat::NTriples {
                triples = n;
            }
            Ok(())
        })?;
        exports.push(path);
    }

    // Validate (the main job validates): the report goes to a file, the counts into
    // the summary; a violation makes the job end with exit 1.
    let shapes = Shapes::builtin().map_err(JobError::BuiltinShapes)?;
    let validation = validate::validate(&store, &shapes, &validate::Options::default())?;
    let validation_path = out.join("validation.txt");
    write_file(&validation_path, |w| {
        report::write_text(w, &validation)?;
        Ok(())
    })?;

    let queries_dir = out.join("queries");
    let catalog = Catalog::builtin().map_err(JobError::BuiltinQueries)?;
    let today = job.date.unwrap_or_else(crate::timeline::today_utc);
    let date = today.to_string();
    let queries = queries::run_all(store.oxigraph(), &catalog, &queries_dir, &date, observer)?;
    let timelines_dir = out.join("timelines");
    let options = TimelineOptions {
        today,
        ..TimelineOptions::default()
    };
    let timelines = timelines::write_every_position(store.oxigraph(), &timelines_dir, &options)?;

    Ok(RunReport {
        ingest: loaded,
        store: store.dir().to_path_buf(),
        triples,
        exports,
        validation: validation_path,
        violations: validation.count(Severity::Violation),
        validation_warnings: validation.count(Severity::Warning),
        queries_dir,
        queries,
        timelines_dir,
        timelines,
    })
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Writes `path` atomically with `write`; any failure is "cannot write `path`".
pub(crate) fn write_file(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> Result<(), BoxError>,
) -> Result<(), JobError> {
    write_atomically(path, |w| write(w).map_err(Boxed)).map_err(|Boxed(source)| JobError::Write {
        path: path.to_owned(),
        source,
    })
}

/// A boxed error that `write_atomically` can also make from an I/O error.
struct Boxed(BoxError);

impl From<std::io::Error> for Boxed {
    fn from(e: std::io::Error) -> Self {
        Boxed(Box::new(e))
    }
}
