//! Query stage: the stored-query catalog (`queries/*.rq`), safe parameters, W3C result formats.
//!
//! Every query runs with the union of the store's named graphs as its default graph
//! (one graph per record), unless the query names its own dataset (`FROM`).
//! Values are bound one way: joined into the parsed algebra as a first `VALUES`
//! ([`bind`]), never by editing the query text, so the plan starts from them. Stored-query
//! parameters ([`prepare`]) are also handed to Oxigraph's `substitute_variable`, which
//! keeps its contract: the variable a parameter binds must be projected by a SELECT
//! query. Queries of the library's own (web pages, timeline) use [`prepare_bound`].

mod catalog;
pub mod deadline;
mod format;
mod inline;
pub mod isolate;
mod nesting;
mod params;
#[cfg(test)]
mod tests;

pub use catalog::{check_name, Catalog, Header, QueryParam, StoredQuery};
pub use deadline::{within, Stopped};
pub use format::{width, write_results, ResultFormat, TABLE_SIZING_ROWS};
pub use inline::bind;
pub use nesting::{check_nesting, MAX_NESTING};
pub use params::term_for;

use oxigraph::model::Term;
use oxigraph::sparql::{
    PreparedSparqlQuery, QueryEvaluationError, SparqlEvaluator, SparqlSyntaxError, Variable,
};
use oxigraph::store::{StorageError, Store};
use std::collections::BTreeSet;
use std::io::Write;

/// What can go wrong loading, preparing or running a query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{origin}:{line}: {message}")]
    Header {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid query name `{0}`: a stored query name is letters, digits, `-` and `_`, never a path")]
    InvalidName(String),
    #[error("no stored query named `{name}` (stored: {known})")]
    UnknownQuery { name: String, known: String },
    #[error("the query nests brackets more than {max} levels deep (line {line}, column {column}); no real query needs that many")]
    TooDeep {
        max: usize,
        line: usize,
        column: usize,
    },
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("this is a SPARQL update: officegraph queries are read-only; the store changes only through `officegraph ingest`")]
    Update,
    #[error("the query is empty")]
    Empty,
    #[error("too large: the query has more than {max} bytes")]
    TooLarge { max: usize },
    #[error("SERVICE <{0}> is refused: officegraph never reaches the network; to join another dataset, add it to the store (`officegraph link --with FILE`) and query both")]
    Service(String),
    #[error("unknown parameter `{name}` (this query takes: {known})")]
    UnknownParam { name: String, known: String },
    #[error("parameter `{0}` given twice")]
    DuplicateParam(String),
    #[error("missing required parameter{}: {}", if missing.len() == 1 { "" } else { "s" }, missing.join(", "))]
    MissingParams { missing: Vec<String> },
    #[error("parameter `{name}`: `{value}`: {reason}")]
    BadParam {
        name: String,
        value: String,
        reason: String,
    },
    #[error("parameter `{param}`: no <{class}> has the label `{label}`")]
    NoSuchLabel {
        param: String,
        label: String,
        class: String,
    },
    #[error("parameter `{param}`: the label `{label}` names several entities ({candidates}); give an IRI")]
    AmbiguousLabel {
        param: String,
        label: String,
        candidates: String,
    },
    #[error("parameter `{0}` binds a variable the query does not project: add ?{0} to its SELECT clause")]
    NotProjected(String),
    #[error("query evaluation failed: {0}")]
    Evaluation(QueryEvaluationError),
    #[error("store error: {0}")]
    Store(#[from] StorageError),
    #[error("cannot write results: {0}")]
    Output(#[from] std::io::Error),
}

impl From<QueryEvaluationError> for QueryError {
    fn from(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::NotExistingSubstitutedVariable(v) => {
                QueryError::NotProjected(v.as_str().to_owned())
            }
            QueryEvaluationError::UnsupportedService(service) => {
                QueryError::Service(service.as_str().to_owned())
            }
            other => QueryError::Evaluation(other),
        }
    }
}

impl QueryError {
    /// Whether this is only the reader going away (`| head`): not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, QueryError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// The largest query text read (a file, stdin, a request): 1 MiB, far above any real
/// query, far below what would hurt the process.
pub const MAX_QUERY_BYTES: usize = 1 << 20;

/// Parses `query_text` as a SPARQL query; an update is refused as such
/// ([`QueryError::Update`]), an empty text as [`QueryError::Empty`], a text over
/// [`MAX_QUERY_BYTES`] as [`QueryError::TooLarge`].
pub fn parse(query_text: &str) -> Result<spargebra::Query, QueryError> {
    if query_text.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLarge {
            max: MAX_QUERY_BYTES,
        });
    }
    match spargebra::SparqlParser::new().parse_query(query_text) {
        Ok(query) => Ok(query),
        Err(error) => match spargebra::SparqlParser::new().parse_update(query_text) {
            Ok(update) if update.operations.is_empty() => Err(QueryError::Empty),
            Ok(_) => Err(QueryError::Update),
            Err(_) => Err(QueryError::Syntax(error)),
        },
    }
}

/// Reads a query text from `reader`, at most [`MAX_QUERY_BYTES`]; `origin` names it
/// in errors (a path, `stdin`).
pub fn read_text(reader: impl std::io::Read, origin: &str) -> Result<String, QueryError> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    reader
        .take(MAX_QUERY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| QueryError::Io {
            path: origin.to_owned(),
            source,
        })?;
    if bytes.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLarge {
            max: MAX_QUERY_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|_| QueryError::Io {
        path: origin.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "the query is not UTF-8"),
    })
}

/// Parses `query_text`, checks `params` against the parameters its header declares
/// (or, with no `# param:` lines, against the variables it uses), binds each value with
/// [`bind`] and `substitute_variable` (see [`term_for`](params::term_for) for how values
/// are typed; `position` labels are resolved in `store`) and sets the union default graph.
pub fn prepare(
    store: &Store,
    query_text: &str,
    params: &[(String, String)],
) -> Result<PreparedSparqlQuery, QueryError> {
    prepare_with(SparqlEvaluator::new(), store, query_text, params)
}

/// [`prepare`] with a configured evaluator (e.g. one with a cancellation token).
pub fn prepare_with(
    evaluator: SparqlEvaluator,
    store: &Store,
    query_text: &str,
    params: &[(String, String)],
) -> Result<PreparedSparqlQuery, QueryError> {
    check_nesting(query_text, MAX_NESTING)?;
    let header = Header::parse_lenient(query_text, "query")?;
    let mut query = parse(query_text)?;
    let declared = !header.params.is_empty();
    // In declaration order, so an error lists them as the header does.
    let known: Vec<String> = if declared {
        header.params.iter().map(|p| p.name.clone()).collect()
    } else {
        catalog::variables_in(query_text).into_iter().collect()
    };
    let mut given = BTreeSet::new();
    for (name, _) in params {
        if !known.contains(name) {
            let known = if known.is_empty() {
                "no parameters".to_owned()
            } else {
                known.join(", ")
            };
            return Err(QueryError::UnknownParam {
                name: name.clone(),
                known,
            });
        }
        if !given.insert(name.as_str()) {
            return Err(QueryError::DuplicateParam(name.clone()));
        }
    }
    let missing: Vec<String> = header
        .params
        .iter()
        .filter(|p| p.default.is_none() && !given.contains(p.name.as_str()))
        .map(|p| p.name.clone())
        .collect();
    if !missing.is_empty() {
        return Err(QueryError::MissingParams { missing });
    }
    let defaults = header
        .params
        .iter()
        .filter(|p| !given.contains(p.name.as_str()))
        .filter_map(|p| Some((p.name.clone(), p.default.clone()?)));
    let mut bindings = Vec::new();
    for (name, value) in params.iter().cloned().chain(defaults) {
        let term = params::term_for(store, &name, &value)?;
        let variable = Variable::new(name.as_str()).map_err(|e| QueryError::BadParam {
            name: name.clone(),
            value: value.clone(),
            reason: e.to_string(),
        })?;
        bindings.push((variable, term));
    }
    // Both: the substitution keeps Oxigraph's contract (the variable must be projected),
    // the inline VALUES lets the plan start from the value.
    inline::bind(&mut query, &bindings)?;
    let mut prepared = evaluator.for_query(query);
    for (variable, term) in bindings {
        prepared = prepared.substitute_variable(variable, term);
    }
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Parses `query_text` (which must declare its own prefixes), joins each `(name, term)`
/// of `bindings` into it as a first `VALUES` ([`bind`]) and sets the union default graph
/// (unless the query names its dataset): how the library's own queries (web pages,
/// timeline) take values. Unlike [`prepare`], a bound variable need not be projected.
pub fn prepare_bound(
    evaluator: SparqlEvaluator,
    query_text: &str,
    bindings: &[(&str, Term)],
) -> Result<PreparedSparqlQuery, QueryError> {
    let mut query = spargebra::SparqlParser::new().parse_query(query_text)?;
    let bindings = bindings
        .iter()
        .map(|(name, term)| {
            let variable = Variable::new(*name).map_err(|e| QueryError::BadParam {
                name: (*name).to_owned(),
                value: term.to_string(),
                reason: e.to_string(),
            })?;
            Ok((variable, term.clone()))
        })
        .collect::<Result<Vec<_>, QueryError>>()?;
    inline::bind(&mut query, &bindings)?;
    let mut prepared = evaluator.for_query(query);
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Runs `query_text` on `store` with `params` and writes the results to `writer` in
/// `format` (see [`ResultFormat`] for what each format gives per query form). A
/// parameter is joined into the parsed query as a `VALUES` row ([`bind`]), never
/// spliced into its text, so no value can change the query.
///
/// ```
/// use officegraph::pipeline::{process_text, Config};
/// use officegraph::query::{self, Catalog, ResultFormat};
///
/// let record = "= Mayor of A =\n\n| Name | Took office | Left office |\n| Ann Lee | 1990 | 1994 |\n";
/// let store = oxigraph::store::Store::new()?;
/// store.extend(process_text("a.txt", "a.txt", record.as_bytes(), &Config::default()).quads)?;
/// let catalog = Catalog::builtin()?;
/// let officeholders = &catalog.resolve("officeholders")?.text;
/// let params = [("position".to_owned(), "Mayor of A".to_owned())];
/// let mut csv = Vec::new();
/// query::run_to_writer(&store, officeholders, &params, ResultFormat::Csv, &mut csv)?;
/// assert!(String::from_utf8(csv)?.contains("Ann Lee"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_to_writer(
    store: &Store,
    query_text: &str,
    params: &[(String, String)],
    format: ResultFormat,
    writer: &mut dyn Write,
) -> Result<(), QueryError> {
    let results = prepare(store, query_text, params)?
        .on_store(store)
        .execute()?;
    format::write_results(results, format, writer)
}

/// [`run_to_writer`] under the library's one timeout ([`within`]): past `timeout` the
/// evaluation is cancelled and this returns at once with [`Stopped::TimedOut`]. The
/// inner result is the query's own.
pub fn run_within(
    store: &Store,
    query_text: String,
    params: Vec<(String, String)>,
    format: ResultFormat,
    timeout: std::time::Duration,
    mut writer: impl Write + Send + 'static,
) -> Result<Result<(), QueryError>, Stopped> {
    let store = store.clone();
    within(timeout, move |token| {
        let evaluator = SparqlEvaluator::new().with_cancellation_token(token);
        let results = prepare_with(evaluator, &store, &query_text, &params)?
            .on_store(&store)
            .execute()?;
        format::write_results(results, format, &mut writer)
    })
}
