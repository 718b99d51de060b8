//! Pipeline (use cases): `convert` — records to N-Quads or N-Triples with no store.
//! Files are processed on worker threads and written in input order as soon as their
//! turn comes, so memory stays bounded by the records in flight, not the corpus.
//! What needs every record at once (succession across records, the `{base}succession`
//! graph) is left to `ingest`.

use super::ingest::collect;
use super::observer::{Event, Observer};
use super::tally::{IngestReport, Tally};
use super::{Config, JobError};
use crate::rdf::nquads::{push_quad_line, push_triple_line, Style};
use oxigraph::model::TripleRef;
use std::io::{self, Write};
use std::path::PathBuf;

/// The line formats `convert` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvertFormat {
    /// N-Quads: every record's quads in its own graph.
    NQuads,
    /// N-Triples: the graphs dropped.
    NTriples,
}

/// Converts the records named by `paths` to `format` on `writer`, record after record
/// in input order. An input that cannot be read is reported and counted; a write
/// error stops the job ([`JobError::Output`]; see [`JobError::is_broken_pipe`]).
pub fn convert(
    paths: &[PathBuf],
    format: ConvertFormat,
    config: &Config,
    writer: &mut dyn Write,
    observer: &mut dyn Observer,
) -> Result<IngestReport, JobError> {
    let mut tally = Tally::new(observer);
    let files = collect(paths, &mut tally);
    let mut out = io::BufWriter::with_capacity(1 << 16, writer);
    let mut write_error: Option<io::Error> = None;
    let mut line = String::new();
    tally.event(Event::Started { total: files.len() });
    super::process_files(&files, config, super::default_threads(), |_, result| {
        tally.event(Event::Advanced);
        let record = match result {
            Ok(record) => record,
            Err(e) => return tally.fail(&e),
        };
        tally.record(&record, record.quads.len());
        if write_error.is_some() {
            return;
        }
        for quad in &record.quads {
            line.clear();
            match format {
                ConvertFormat::NQuads => push_quad_line(&mut line, quad.as_ref(), Style::Plain),
                ConvertFormat::NTriples => {
                    push_triple_line(&mut line, TripleRef::from(quad.as_ref()), Style::Plain)
                }
            }
            if let Err(e) = out.write_all(line.as_bytes()) {
                write_error = Some(e);
                break;
            }
        }
    });
    tally.event(Event::Finished);
    write_error
        .map_or_else(|| out.flush(), Err)
        .map_err(JobError::Output)?;
    Ok(tally.report)
}
