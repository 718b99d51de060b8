//! Query stage: the stored-query catalog (`queries/*.rq`), safe parameters, W3C result formats.
// STUB: replaced by the query branch. Only the API that `cli/run.rs` uses, so the
// `cli` branch compiles on its own; it runs no query.

use std::io::Write;

/// A stored query's parameter.
#[derive(Debug, Clone)]
pub struct QueryParam {
    pub name: String,
    pub default: Option<String>,
}

/// A stored query.
#[derive(Debug, Clone)]
pub struct StoredQuery {
    pub name: String,
    pub text: String,
    pub params: Vec<QueryParam>,
}

/// The stored queries.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    queries: Vec<StoredQuery>,
}

impl Catalog {
    /// The queries built into the binary (`queries/*.rq`, see `build.rs`).
    pub fn builtin() -> Result<Catalog, QueryError> {
        const EMBEDDED: &[(&str, &str)] =
            include!(concat!(env!("OUT_DIR"), "/embedded_queries.rs"));
        let queries = EMBEDDED
            .iter()
            .map(|(file, text)| StoredQuery {
                name: file.strip_suffix(".rq").unwrap_or(file).to_owned(),
                text: (*text).to_owned(),
                params: Vec::new(),
            })
            .collect();
        Ok(Catalog { queries })
    }

    pub fn iter(&self) -> impl Iterator<Item = &StoredQuery> {
        self.queries.iter()
    }
}

/// Result serializations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Csv,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("queries are not available in this build (query module stub)")]
    Stub,
}

/// Runs `query_text` on `store` with `params`, writing the results to `writer`.
pub fn run_to_writer(
    _store: &oxigraph::store::Store,
    _query_text: &str,
    _params: &[(String, String)],
    _format: ResultFormat,
    _writer: &mut dyn Write,
) -> Result<(), QueryError> {
    Err(QueryError::Stub)
}
