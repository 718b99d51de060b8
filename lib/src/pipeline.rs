//! Pipeline (use cases): files and folders → records → extracted quads, one record at
//! a time ([`process_file`], [`process_files`]); and the jobs built on them, which the
//! command line, `serve`, the benches and a Rust user all call the same way:
//! [`ingest`], [`run`], [`convert`], [`export_store`]. A job reports diagnostics,
//! failed inputs and progress to an [`Observer`] and returns a report; it never prints.

mod convert;
mod error;
mod export;
mod ingest;
mod link;
mod observer;
mod parallel;
mod run;
mod seeds;
mod tally;

pub use convert::{convert, ConvertFormat};
pub use error::JobError;
pub use export::{export_canonical, export_store, ExportRequest, Profile};
pub use ingest::{ingest, lock_store, reconcile_across_records, Records};
pub use link::link_store;
pub use observer::{error_chain, Event, Observer, Silent};
pub use parallel::{default_threads, process_files, process_files_then, process_graphs_then};
pub use run::{run, QueryTally, RunConfig, RunReport};
pub use seeds::SEED_RECORDS;
pub use tally::IngestReport;

/// What the front stages need to know: the extract stage's configuration (one type).
pub use crate::extract::ExtractConfig as Config;
/// Parsing and extracting one record is the extract stage's; the pipeline adds files,
/// folders and threads.
pub use crate::extract::{
    process_csv, process_graph, process_html, process_text, ProcessedGraph, ProcessedRecord,
    RecordKind,
};

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Errors that stop a file from being read at all (content problems are diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: not a record file (expected .txt, .csv, .html or .htm)")]
    UnknownKind { path: PathBuf },
}

/// The input files named by `paths`: files as given, folders walked recursively for
/// `.txt`, `.csv`, `.html` and `.htm` files (symlinked folders are followed once; loops
/// are cut; entries that cannot be followed are skipped).
/// The result is sorted and without duplicates, so ingestion order is stable.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, PipelineError> {
    collect_inputs_noting_links(paths).map(|walked| walked.files)
}

/// A symlink not followed because it leads back to a folder already walked:
/// `(link, canonical target)`.
pub type SymlinkLoop = (PathBuf, PathBuf);

/// A folder entry skipped because it cannot be followed — a dangling symlink, a
/// loop of symlinks that never reaches a file, an entry that cannot be read:
/// `(path, what is wrong)`.
pub type SkippedEntry = (PathBuf, String);

/// What [`collect_inputs_noting_links`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The input files, sorted and without duplicates.
    pub files: Vec<PathBuf>,
    /// The symlink loops cut.
    pub loops: Vec<SymlinkLoop>,
    /// The entries skipped, in the order met.
    pub skipped: Vec<SkippedEntry>,
}

/// [`collect_inputs`], and the symlink loops it cut and the entries it skipped.
pub fn collect_inputs_noting_links(paths: &[PathBuf]) -> Result<Walked, PipelineError> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(|source| PipelineError::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk.dir(path)?;
        } else {
            walk.files.insert(path.clone());
        }
    }
    Ok(Walked {
        files: walk.files.into_iter().collect(),
        loops: walk.loops,
        skipped: walk.skipped,
    })
}

/// The state of one walk: files found, folders walked (canonical), loops cut,
/// entries skipped.
#[derive(Default)]
struct Walk {
    files: BTreeSet<PathBuf>,
    seen: BTreeSet<PathBuf>,
    loops: Vec<SymlinkLoop>,
    skipped: Vec<SkippedEntry>,
}

impl Walk {
    fn dir(&mut self, dir: &Path) -> Result<(), PipelineError> {
        let io_err = |source| PipelineError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let canonical = fs::canonicalize(dir).map_err(io_err)?;
        if self.seen.contains(&canonical) {
            // Already walked: a symlink loop (said) or a folder named twice (not).
            if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
                self.loops.push((dir.to_path_buf(), canonical));
            }
            return Ok(());
        }
        self.seen.insert(canonical);
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(io_err)? {
            entries.push(entry.map_err(io_err)?.path());
        }
        entries.sort();
        for path in entries {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path)?,
                Ok(_) if input_kind(&path).is_some() => {
                    self.files.insert(path);
                }
                Ok(_) => {}
                // Listed but not followable: said, whatever its name (a link named
                // `x.txt` may have been meant as a record, one named `sub` as a folder).
                Err(e) => {
                    let problem = unfollowable(&path, &e);
                    self.skipped.push((path, problem));
                }
            }
        }
        Ok(())
    }
}

/// Why the folder entry `path`, whose metadata gave `error`, cannot be followed.
fn unfollowable(path: &Path, error: &io::Error) -> String {
    let Ok(target) = fs::read_link(path) else {
        return format!("cannot be read ({error})");
    };
    if link_loops(path) {
        return format!(
            "symlink loop: the link to {} never reaches a file or folder",
            target.display()
        );
    }
    if error.kind() == io::ErrorKind::NotFound {
        return format!(
            "dangling symlink: its target {} does not exist",
            target.display()
        );
    }
    format!(
        "symlink to {} cannot be followed ({error})",
        target.display()
    )
}

/// Whether the symlink `link`, followed link after link, comes back to a link of its
/// chain (or goes on longer than any system follows).
fn link_loops(link: &Path) -> bool {
    let mut seen = BTreeSet::new();
    let mut at = link.to_path_buf();
    for _ in 0..64 {
        if !seen.insert(at.clone()) {
            return true;
        }
        match fs::read_link(&at) {
            Ok(target) => at = at.parent().unwrap_or(Path::new(".")).join(target),
            Err(_) => return false,
        }
    }
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Text,
    Csv,
    Html,
}

fn input_kind(path: &Path) -> Option<InputKind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" => Some(InputKind::Text),
        "csv" => Some(InputKind::Csv),
        "html" | "htm" => Some(InputKind::Html),
        _ => None,
    }
}

/// Reads, parses and extracts one file.
pub fn process_file(path: &Path, config: &Config) -> Result<ProcessedRecord, PipelineError> {
    process_file_graph(path, config).map(ProcessedGraph::into_record)
}

/// [`process_file`], the record's graph kept compact ([`ProcessedGraph`]).
pub fn process_file_graph(path: &Path, config: &Config) -> Result<ProcessedGraph, PipelineError> {
    let kind = input_kind(path).ok_or_else(|| PipelineError::UnknownKind {
        path: path.to_path_buf(),
    })?;
    let bytes = fs::read(path).map_err(|source| PipelineError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = path.display().to_string();
    let kind = match kind {
        InputKind::Text => RecordKind::Text,
        InputKind::Csv => RecordKind::Csv,
        InputKind::Html => RecordKind::Html,
    };
    Ok(process_graph(kind, &source, &file_name, &bytes, config))
}
