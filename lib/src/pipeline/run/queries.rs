//! Pipeline (use cases): the `OUT/queries/` folder of the main job — every stored
//! query run with its parameters' defaults, each into `<name>.csv`.

use crate::pipeline::observer::{Event, Observer};
use crate::pipeline::JobError;
use crate::query::{self, Catalog, ResultFormat};
use crate::store::write_atomically;
use crate::vocab;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How the stored queries went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct QueryTally {
    /// Result files written.
    pub written: usize,
    /// Queries skipped (a required parameter without a default; a name that is not a
    /// file name).
    pub skipped: usize,
    /// Queries that failed (each reported).
    pub failed: usize,
}

/// A stored query of the main job that failed.
#[derive(Debug, thiserror::Error)]
#[error("query {name}")]
pub struct QueryFailed {
    pub name: String,
    #[source]
    pub source: BoxError,
}

/// Runs every stored query with its parameters' defaults, each into `dir/<name>.csv`
/// (written atomically). A query whose required parameters are `position` (and
/// `date`) runs once per position, on `date`; a query with another required parameter
/// without a default is skipped with a note; a failing query is reported and counted.
pub(super) fn run_all(
    store: &Store,
    catalog: &Catalog,
    dir: &Path,
    date: &str,
    observer: &mut dyn Observer,
) -> Result<QueryTally, JobError> {
    fs::create_dir_all(dir).map_err(|source| JobError::Create {
        path: dir.to_owned(),
        source,
    })?;
    let mut tally = QueryTally::default();
    for stored in catalog.iter() {
        if !is_safe_file_stem(&stored.name) {
            observer.on_event(Event::Note(&format!(
                "query {:?} skipped: its name is not a file name",
                stored.name
            )));
            tally.skipped += 1;
            continue;
        }
        let missing: Vec<&str> = stored
            .params
            .iter()
            .filter(|p| p.default.is_none())
            .map(|p| p.name.as_str())
            .collect();
        let path = dir.join(format!("{}.csv", stored.name));
        let result =
            if !missing.is_empty() && missing.iter().all(|p| matches!(*p, "position" | "date")) {
                // A query about one position (and a date) runs for every position.
                write_atomically(&path, |w| {
                    for_every_position(store, &stored.text, &missing, date, w).map_err(Boxed)
                })
            } else if !missing.is_empty() {
                observer.on_event(Event::Note(&format!(
                    "query {} skipped: it needs --param {} (try `officegraph query {} --param …`)",
                    stored.name,
                    missing.join(", --param "),
                    stored.name
                )));
                tally.skipped += 1;
                continue;
            } else {
                let params: Vec<(String, String)> = stored
                    .params
                    .iter()
                    .filter_map(|p| Some((p.name.clone(), p.default.clone()?)))
                    .collect();
                write_atomically(&path, |w| {
                    query::run_to_writer(store, &stored.text, &params, ResultFormat::Csv, w)
                        .map_err(|e| Boxed(Box::new(e)))
                })
            };
        match result {
            Ok(()) => tally.written += 1,
            Err(Boxed(source)) => {
                let error = QueryFailed {
                    name: stored.name.clone(),
                    source,
                };
                observer.on_event(Event::Failed(&error));
                tally.failed += 1;
            }
        }
    }
    Ok(tally)
}

/// An error of a query run; `write_atomically` can also make it from an I/O error.
struct Boxed(BoxError);

impl From<std::io::Error> for Boxed {
    fn from(e: std::io::Error) -> Self {
        Boxed(Box::new(e))
    }
}

/// Runs a query once per position of the store (its `date` parameter, if any, set to
/// `date`), as one CSV: the header once, then every position's rows, in IRI order.
fn for_every_position(
    store: &Store,
    text: &str,
    params: &[&str],
    date: &str,
    writer: &mut dyn Write,
) -> Result<(), BoxError> {
    let mut positions = BTreeSet::new();
    for quad in store.quads_for_pattern(
        None,
        Some(vocab::ext::RDF_TYPE),
        Some(vocab::og::POSITION.into()),
        None,
    ) {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(node) = quad?.subject {
            positions.insert(node.into_string());
        }
    }
    let mut wrote_header = false;
    for position in positions {
        let values: Vec<(String, String)> = params
            .iter()
            .map(|p| {
                let value = if *p == "date" { date } else { &position };
                (p.to_string(), value.to_owned())
            })
            .collect();
        let mut buffer = Vec::new();
        query::run_to_writer(store, text, &values, ResultFormat::Csv, &mut buffer)?;
        let body = match buffer.iter().position(|b| *b == b'\n') {
            Some(end) if wrote_header => &buffer[end + 1..],
            _ => &buffer[..],
        };
        writer.write_all(body)?;
        wrote_header = true;
    }
    Ok(())
}

/// Letters, digits, `-`, `_`, `.`, not starting with `.`: safe as `<name>.csv`.
fn is_safe_file_stem(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Silent;

    #[test]
    fn query_names_become_file_names_only_when_safe() {
        assert!(is_safe_file_stem("tenures-by-person"));
        assert!(is_safe_file_stem("q_1.v2"));
        for bad in ["", ".hidden", "../x", "a/b", "a b", "ä"] {
            assert!(!is_safe_file_stem(bad), "{bad}");
        }
    }

    #[test]
    fn the_builtin_catalog_runs_into_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new().unwrap();
        let queries = dir.path().join("queries");
        let catalog = Catalog::builtin().unwrap();
        let tally = run_all(&store, &catalog, &queries, "2024-01-01", &mut Silent).unwrap();
        assert!(queries.is_dir());
        let csvs = fs::read_dir(&queries).unwrap().count();
        assert_eq!(csvs, tally.written);
        assert_eq!(
            tally.written + tally.skipped + tally.failed,
            catalog.iter().count()
        );
    }
}
