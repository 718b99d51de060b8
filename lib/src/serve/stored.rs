//! Serve stage: the stored-query routes — `/queries` lists the catalog as JSON,
//! `/queries/<name>?param=value…` runs one with the CLI's safe parameter binding.

use super::execute::{self, Job};
use super::protocol::decode_pairs;
use super::{Limits, Reply, ServeError};
use crate::query::{Catalog, QueryError};
use oxigraph::store::Store;
use serde_json::json;

/// Query-string names that are not query parameters.
const RESERVED: &[&str] = &["format", "output"];

/// The catalog as JSON: name, title, description, parameters, columns, and the path
/// to run each query at.
pub fn list(catalog: &Catalog) -> Reply {
    let queries: Vec<_> = catalog
        .iter()
        .map(|q| {
            json!({
                "name": q.name,
                "path": format!("/queries/{}", q.name),
                "title": q.title,
                "description": q.description,
                "params": q.params.iter().map(|p| json!({
                    "name": p.name,
                    "description": p.description,
                    "default": p.default,
                    "required": p.default.is_none(),
                })).collect::<Vec<_>>(),
                "columns": q.columns,
            })
        })
        .collect();
    let mut body = serde_json::to_vec_pretty(&json!({ "queries": queries })).unwrap_or_default();
    body.push(b'\n');
    Reply::new(200, "application/json".to_owned(), body)
}

/// Runs the stored query `name` with the parameters of `query_string` (`format` and
/// `output` choose the result format and are never parameters).
pub fn run(
    store: &Store,
    catalog: &Catalog,
    name: &str,
    query_string: &str,
    accept: Option<&str>,
    limits: Limits,
) -> Result<Reply, ServeError> {
    let stored = catalog.resolve(name).map_err(|e| match e {
        QueryError::InvalidName(_) | QueryError::UnknownQuery { .. } => {
            ServeError::NotFound(format!("{e}; GET /queries lists them"))
        }
        other => ServeError::Query(other),
    })?;
    let mut format = None;
    let mut params = Vec::new();
    for (key, value) in decode_pairs(query_string.as_bytes()) {
        if RESERVED.contains(&key.as_str()) {
            format.get_or_insert(value);
        } else {
            params.push((key, value));
        }
    }
    execute::run(
        store,
        Job {
            text: stored.text.clone(),
            params,
            accept: accept.map(str::to_owned),
            format,
            ..Job::default()
        },
        limits,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_every_stored_query() {
        let catalog = Catalog::builtin().expect("catalog");
        let reply = list(&catalog);
        let value: serde_json::Value = serde_json::from_slice(&reply.body).expect("json");
        let queries = value["queries"].as_array().expect("array");
        assert_eq!(queries.len(), catalog.len());
        let holders = queries
            .iter()
            .find(|q| q["name"] == "officeholders")
            .expect("officeholders");
        assert_eq!(holders["path"], "/queries/officeholders");
        assert!(holders["params"]
            .as_array()
            .expect("params")
            .iter()
            .any(|p| p["name"] == "position" && p["required"] == true));
    }

    #[test]
    fn names_and_parameters_are_checked() {
        let store = Store::new().expect("store");
        let catalog = Catalog::builtin().expect("catalog");
        let status = |name: &str, qs: &str| {
            run(&store, &catalog, name, qs, None, Limits::default())
                .map_or_else(|e| e.status(), |r| r.status)
        };
        assert_eq!(status("nope", ""), 404);
        assert_eq!(status("..%2Fincumbents", ""), 404);
        assert_eq!(status("incumbents", ""), 200);
        assert_eq!(status("incumbents", "format=csv"), 200);
        assert_eq!(status("incumbents", "nosuch=1"), 400);
        assert_eq!(status("officeholders", ""), 400);
        assert_eq!(status("officeholders", "position=Nobody"), 400);
        assert_eq!(
            status(
                "officeholders",
                "position=http%3A%2F%2Fexample.org%2Fp&position=http%3A%2F%2Fexample.org%2Fq"
            ),
            400
        );
        let err = run(
            &store,
            &catalog,
            "officeholders",
            "",
            None,
            Limits::default(),
        )
        .expect_err("missing");
        assert!(err.to_string().contains("position"), "{err}");
    }
}
