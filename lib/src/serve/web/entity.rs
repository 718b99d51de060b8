//! Serve stage (web view): linked-data resolution of entity IRIs. `{base}X` is served
//! at `/id/X`; `Accept` (or `?format=html|turtle`) chooses its HTML page — a position,
//! person or organization page by its `rdf:type`, else a page of its statements — or
//! its Turtle: every triple with the entity as subject, in any graph (each once), under
//! the endpoint's timeout and row cap. An IRI that is the subject of nothing is 404.

use super::data::{self, select, term_html, Labels};
use super::shell::page;
use super::statements::statements_section;
use super::{person, position, Site};
use crate::serve::execute::{self, Job};
use crate::serve::negotiate::{self, Representation};
use crate::serve::protocol::decode_pairs;
use crate::serve::{Reply, ServeError};
use oxigraph::model::{NamedNode, Term};

const OG: &str = "https://w3id.org/officegraph/ontology#";

/// Answers `GET /id/{rest}?{query_string}`.
pub fn answer(
    site: &Site<'_>,
    rest: &str,
    query_string: &str,
    accept: Option<&str>,
) -> Result<Reply, ServeError> {
    let format = decode_pairs(query_string.as_bytes())
        .into_iter()
        .find(|(key, _)| key == "format")
        .map(|(_, value)| value);
    let representation = negotiate::choose_representation(accept, format.as_deref())?;
    let iri = data::entity_iri(site.base, rest)?;
    let types = types(site, &iri)?;
    if types.is_empty() {
        return Err(ServeError::NotFound(format!(
            "no entity <{}> in the store (nothing is said about it)",
            iri.as_str()
        )));
    }
    match representation {
        Representation::Turtle => turtle(site, &iri),
        Representation::Html => {
            let is = |local: &str| types.iter().any(|t| t == &format!("{OG}{local}"));
            if is("Position") {
                position::page(site, &iri)
            } else if is("Person") {
                person::page(site, &iri)
            } else {
                generic(site, &iri, is("Organization"))
            }
        }
    }
}

/// The entity's `rdf:type`s, with `""` standing for "described but untyped"; empty
/// when the store says nothing about it.
fn types(site: &Site<'_>, iri: &NamedNode) -> Result<Vec<String>, ServeError> {
    let rows = select(
        site.store,
        "SELECT DISTINCT ?type WHERE { ?entity ?p ?o OPTIONAL { ?entity rdf:type ?type } }",
        &[("entity", iri)],
    )?;
    Ok(rows
        .iter()
        .map(|row| match row.get("type") {
            Some(Term::NamedNode(t)) => t.as_str().to_owned(),
            _ => String::new(),
        })
        .collect())
}

/// Every triple with `iri` as subject, across graphs, as Turtle (`?entity` bound as a
/// stored-query parameter is).
fn turtle(site: &Site<'_>, iri: &NamedNode) -> Result<Reply, ServeError> {
    execute::run(
        site.store,
        Job {
            text: "CONSTRUCT { ?entity ?p ?o } WHERE { ?entity ?p ?o }".to_owned(),
            params: vec![("entity".to_owned(), format!("<{}>", iri.as_str()))],
            format: Some("turtle".to_owned()),
            ..Job::default()
        },
        site.limits,
    )
}

/// The page of an entity that is neither position nor person: its statements, and for
/// an organization the positions in it.
fn generic(site: &Site<'_>, iri: &NamedNode, organization: bool) -> Result<Reply, ServeError> {
    let (title, mut body) = statements_section(site, iri)?;
    if organization {
        body = format!("{}{body}", organization_positions(site, iri)?);
    }
    Ok(page(200, &title, &body))
}

/// The positions whose `og:organization` is `iri`, as a list of links.
fn organization_positions(site: &Site<'_>, iri: &NamedNode) -> Result<String, ServeError> {
    let bound = [("organization", iri)];
    let labels = Labels::read(
        site.store,
        "SELECT ?node ?label WHERE { ?node og:organization ?organization ; a og:Position . OPTIONAL { ?node rdfs:label ?label } }",
        &bound,
    )?;
    let rows = select(
        site.store,
        "SELECT DISTINCT ?node WHERE { ?node og:organization ?organization ; a og:Position } ORDER BY ?node",
        &bound,
    )?;
    let mut html = String::from("<h2>Positions</h2>\n");
    if rows.is_empty() {
        html.push_str("<p class=\"note\">No position names this organization.</p>\n");
        return Ok(html);
    }
    html.push_str("<ul class=\"positions\">\n");
    for row in rows {
        if let Some(term @ Term::NamedNode(_)) = row.get("node") {
            html.push_str(&format!(
                "<li>{}</li>\n",
                term_html(site.base, &labels, term)
            ));
        }
    }
    html.push_str("</ul>\n");
    Ok(html)
}
