//! Serve stage (web view): the query page `/web/query` — a plain form with a SPARQL
//! `<textarea>` (GET `?query=` or a POSTed form), the stored queries offered as
//! examples (`?example=NAME` loads one), and the answer as an HTML table. The query
//! runs exactly as on `/sparql`: the same timeout, row cap and refusal of updates.

use super::data::{self, Labels};
use super::shell;
use super::{escape, Site};
use crate::serve::execute::{self, Job};
use crate::serve::protocol::{decode_pairs, media_type};
use crate::serve::{Reply, Request, ServeError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, Term};
use serde_json::Value;

/// The query shown when the page is opened empty.
const DEFAULT_EXAMPLE: &str = "incumbents";

/// What the page asks the endpoint for: SPARQL JSON for SELECT/ASK, N-Triples for
/// CONSTRUCT/DESCRIBE.
const ACCEPT: &str = "application/sparql-results+json, application/n-triples;q=0.9";

/// Answers `GET /web/query?…` or `POST /web/query` (a form).
pub fn answer(
    site: &Site<'_>,
    request: &Request<'_>,
    query_string: &str,
) -> Result<Reply, ServeError> {
    let pairs = match request.method {
        "GET" => decode_pairs(query_string.as_bytes()),
        "POST" => {
            let media = request.content_type.map(media_type).unwrap_or_default();
            if media != "application/x-www-form-urlencoded" {
                return Err(ServeError::UnsupportedMediaType(format!(
                    "the query page takes a form (application/x-www-form-urlencoded), not `{media}`"
                )));
            }
            decode_pairs(request.body)
        }
        other => {
            return Err(ServeError::MethodNotAllowed(format!(
                "{other} is not supported here: use GET or POST"
            )))
        }
    };
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let query = value("query").filter(|q| !q.trim().is_empty());
    let (text, status, results) = match query {
        Some(text) => {
            let (status, results) = match run(site, &text) {
                Ok(html) => (200, html),
                Err(error) => (
                    error.status(),
                    format!(
                        "<p class=\"error\" id=\"query-error\">{}</p>\n",
                        escape(&error.to_string())
                    ),
                ),
            };
            (text, status, results)
        }
        None => {
            let name = value("example").unwrap_or_else(|| DEFAULT_EXAMPLE.to_owned());
            let text = site
                .catalog
                .get(&name)
                .map(|q| q.text.clone())
                .ok_or_else(|| ServeError::NotFound(format!("no stored query `{name}`")))?;
            (text, 200, String::new())
        }
    };
    let mut body = format!(
        "<form method=\"post\" action=\"/web/query\" id=\"query-form\">\n\
         <textarea name=\"query\" id=\"query\" rows=\"16\" cols=\"100\" spellcheck=\"false\">{}</textarea>\n\
         <p><button type=\"submit\" id=\"run\">Run</button> \
         <span class=\"note\">Read-only; at most {} s and {} rows, as on /sparql.</span></p>\n</form>\n",
        escape(&text),
        crate::serve::limits::seconds(site.limits.timeout),
        site.limits.max_rows,
    );
    if !results.is_empty() {
        body.push_str("<h2>Results</h2>\n");
        body.push_str(&results);
    }
    body.push_str("<h2>Examples: the stored queries</h2>\n<ul class=\"examples\">\n");
    for stored in site.catalog.iter() {
        body.push_str(&format!(
            "<li><a href=\"/web/query?example={}\">{}</a> — {}</li>\n",
            super::escape::query_value(&stored.name),
            escape(&stored.name),
            escape(&stored.title),
        ));
    }
    body.push_str("</ul>\n");
    Ok(shell::page(status, "SPARQL query", &body))
}

/// Runs `text` as `/sparql` would and writes the answer as HTML.
fn run(site: &Site<'_>, text: &str) -> Result<String, ServeError> {
    let reply = execute::run(
        site.store,
        Job {
            text: text.to_owned(),
            accept: Some(ACCEPT.to_owned()),
            pool: execute::Pool::AdHoc,
            ..Job::default()
        },
        site.limits,
    )?;
    let labels = Labels::default();
    if reply.content_type.starts_with("application/n-triples") {
        let mut html = table_head(&["subject", "predicate", "object"]);
        let mut n = 0;
        for triple in RdfParser::from_format(RdfFormat::NTriples).for_slice(&reply.body) {
            let triple =
                triple.map_err(|e| ServeError::Internal(format!("cannot read the answer: {e}")))?;
            let cells = [
                Term::from(triple.subject),
                Term::from(triple.predicate),
                triple.object,
            ];
            html.push_str(&row(&cells
                .iter()
                .map(|t| data::term_html(site.base, &labels, t))
                .collect::<Vec<_>>()));
            n += 1;
        }
        return Ok(table_end(html, n));
    }
    let json: Value = serde_json::from_slice(&reply.body)
        .map_err(|e| ServeError::Internal(format!("cannot read the answer: {e}")))?;
    if let Some(answer) = json.get("boolean").and_then(Value::as_bool) {
        return Ok(format!(
            "<p id=\"ask\">ASK: <strong>{answer}</strong></p>\n"
        ));
    }
    let vars: Vec<String> = json["head"]["vars"]
        .as_array()
        .map(|vars| {
            vars.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let mut html = table_head(&vars.iter().map(String::as_str).collect::<Vec<_>>());
    let bindings = json["results"]["bindings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for binding in &bindings {
        let cells: Vec<String> = vars
            .iter()
            .map(|var| {
                binding
                    .get(var)
                    .map_or_else(String::new, |b| cell(site.base, b))
            })
            .collect();
        html.push_str(&row(&cells));
    }
    Ok(table_end(html, bindings.len()))
}

/// One SPARQL JSON binding as HTML.
fn cell(base: &str, binding: &Value) -> String {
    let value = binding["value"].as_str().unwrap_or_default();
    let term = match binding["type"].as_str() {
        Some("uri") => NamedNode::new(value).ok().map(Term::from),
        Some("literal") | Some("typed-literal") => {
            if let Some(language) = binding["xml:lang"].as_str() {
                Literal::new_language_tagged_literal(value, language)
                    .ok()
                    .map(Term::from)
            } else if let Some(datatype) = binding["datatype"].as_str() {
                NamedNode::new(datatype)
                    .ok()
                    .map(|d| Term::from(Literal::new_typed_literal(value, d)))
            } else {
                Some(Term::from(Literal::new_simple_literal(value)))
            }
        }
        _ => None,
    };
    match term {
        Some(term) => data::term_html(base, &Labels::default(), &term),
        None => escape(&format!("_:{value}")),
    }
}

fn table_head(columns: &[&str]) -> String {
    let mut html = String::from("<table id=\"results\">\n<thead><tr>");
    for column in columns {
        html.push_str(&format!("<th>{}</th>", escape(column)));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    html
}

fn row(cells: &[String]) -> String {
    let mut html = String::from("<tr>");
    for cell in cells {
        html.push_str(&format!("<td>{cell}</td>"));
    }
    html.push_str("</tr>\n");
    html
}

fn table_end(mut html: String, rows: usize) -> String {
    html.push_str("</tbody>\n</table>\n");
    let noun = if rows == 1 { "row" } else { "rows" };
    html.push_str(&format!(
        "<p class=\"note\" id=\"row-count\">{rows} {noun}</p>\n"
    ));
    html
}
