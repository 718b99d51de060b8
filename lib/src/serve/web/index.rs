//! Serve stage (web view): the home page `/` — every position (with its number of
//! tenures) and every organization of the store, linked to their pages, and how to
//! reach the SPARQL endpoint.

use super::data::{self, link, select, Labels};
use super::shell;
use super::{escape, Site};
use crate::serve::{Reply, ServeError};
use oxigraph::model::Term;
use std::collections::BTreeMap;

/// What the SPARQL side of the server offers, shown at the foot of `/`.
pub const ENDPOINT_HELP: &str = "GET  /sparql?query=...            a SPARQL query (also /query); default-graph-uri, named-graph-uri
POST /sparql                      application/sparql-query body, or a form with query=...
GET  /queries                     the stored queries (JSON)
GET  /queries/NAME?PARAM=VALUE    run a stored query with its parameters
GET  /id/...                      an entity: its page (Accept: text/html) or Turtle (Accept: text/turtle)

Results: Accept or format= json (default) | xml | csv | tsv; CONSTRUCT and DESCRIBE:
turtle (default) | nt | rdfxml | jsonld. The default graph is the union of the record
graphs. Updates are refused (403).";

/// The home page.
pub fn page(site: &Site<'_>) -> Result<Reply, ServeError> {
    let positions = crate::timeline::positions(site.store)
        .map_err(|e| ServeError::Internal(format!("cannot list the positions: {e}")))?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in select(
        site.store,
        "SELECT ?position (COUNT(DISTINCT ?tenure) AS ?n) WHERE { ?tenure a og:Tenure ; og:position ?position } GROUP BY ?position",
        &[],
    )? {
        if let Some(Term::NamedNode(position)) = row.get("position") {
            let n = data::literal(row.get("n")).and_then(|n| n.parse().ok());
            counts.insert(position.as_str().to_owned(), n.unwrap_or(0));
        }
    }
    let mut body = format!("<h2>Positions ({})</h2>\n", positions.len());
    if positions.is_empty() {
        body.push_str("<p class=\"note\">The store holds no positions.</p>\n");
    } else {
        body.push_str("<ul class=\"positions columns\">\n");
        for (iri, label) in &positions {
            let n = counts.get(iri.as_str()).copied().unwrap_or(0);
            let tenures = if n == 1 { "tenure" } else { "tenures" };
            body.push_str(&format!(
                "<li>{} <span class=\"note\">{n} {tenures}</span></li>\n",
                link(site.base, iri.as_str(), label)
            ));
        }
        body.push_str("</ul>\n");
    }
    let labels = Labels::read(
        site.store,
        "SELECT ?node ?label WHERE { ?node a og:Organization ; rdfs:label ?label }",
        &[],
    )?;
    let mut organizations: Vec<(String, String)> = select(
        site.store,
        "SELECT DISTINCT ?node WHERE { ?node a og:Organization }",
        &[],
    )?
    .iter()
    .filter_map(|row| match row.get("node") {
        Some(Term::NamedNode(node)) => {
            let iri = node.as_str().to_owned();
            let label = labels
                .get(&iri)
                .map_or_else(|| data::short_name(site.base, &iri), str::to_owned);
            Some((label, iri))
        }
        _ => None,
    })
    .collect();
    organizations.sort();
    body.push_str(&format!(
        "<h2>Organizations ({})</h2>\n",
        organizations.len()
    ));
    if organizations.is_empty() {
        body.push_str("<p class=\"note\">The store holds no organizations.</p>\n");
    } else {
        body.push_str("<ul class=\"organizations columns\">\n");
        for (label, iri) in &organizations {
            body.push_str(&format!("<li>{}</li>\n", link(site.base, iri, label)));
        }
        body.push_str("</ul>\n");
    }
    body.push_str(&format!(
        "<h2>Query</h2>\n<p><a href=\"/web/query\">Write a SPARQL query</a> or use the endpoint:</p>\n<pre>{}</pre>\n",
        escape(ENDPOINT_HELP)
    ));
    Ok(shell::page(200, "Positions and organizations", &body))
}
