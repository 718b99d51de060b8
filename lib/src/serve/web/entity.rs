//! Serve stage (web view): linked-data resolution of entity IRIs. `{base}X` is served
//! at `/id/X`; `Accept` (or `?format=html|turtle`) chooses its HTML page — a position,
//! person or organization page by its `rdf:type`, else a page of its statements — or
//! its Turtle: every triple with the entity as subject, in any graph (each once), under
//! the endpoint's timeout and row cap. An IRI that is the subject of nothing is 404.
//! Position and person pages show their tenures a page at a time (`?page=N`, from 1)
//! and are built on an evaluation thread under the endpoint's timeout and row cap.

use super::data::{self, select, term_html, Budget, Labels};
use super::shell::page;
use super::statements::statements_section;
use super::{person, position, Site};
use crate::serve::execute::{self, Job};
use crate::serve::limits::{self, Stopped};
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
    let pairs = decode_pairs(query_string.as_bytes());
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let format = value("format");
    let number = page_number(value("page").as_deref())?;
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
                under_deadline(site, move |site, budget| {
                    position::page(site, &iri, number, budget)
                })
            } else if is("Person") {
                under_deadline(site, move |site, budget| {
                    person::page(site, &iri, number, budget)
                })
            } else {
                generic(site, &iri, is("Organization"))
            }
        }
    }
}

/// `?page=N`: a whole number from 1; 1 when absent.
fn page_number(value: Option<&str>) -> Result<usize, ServeError> {
    let Some(value) = value else { return Ok(1) };
    match value.parse::<usize>() {
        Ok(number) if number >= 1 => Ok(number),
        _ => Err(ServeError::BadRequest(format!(
            "page `{value}` is not a page number: pages are numbered 1, 2, 3…"
        ))),
    }
}

/// Builds a page on an evaluation thread of its own within the endpoint's timeout, as
/// a query is: past it the page's queries are cancelled and the answer is
/// [`ServeError::Timeout`], at once. `work` gets the site and the [`Budget`] its
/// queries run under.
fn under_deadline(
    site: &Site<'_>,
    work: impl FnOnce(&Site<'_>, &Budget) -> Result<Reply, ServeError> + Send + 'static,
) -> Result<Reply, ServeError> {
    let store = site.store.clone();
    let catalog = site.catalog.clone();
    let base = site.base.to_owned();
    let site_limits = site.limits;
    let outcome = limits::within(site_limits.timeout, move |token| {
        let site = Site {
            store: &store,
            catalog: &catalog,
            limits: site_limits,
            base: &base,
        };
        let budget = Budget {
            token,
            limits: site_limits,
        };
        work(&site, &budget)
    });
    match outcome {
        Ok(reply) => reply,
        Err(Stopped::TimedOut) => Err(ServeError::Timeout(site_limits.timeout)),
        Err(Stopped::Busy) => Err(ServeError::Busy),
        Err(Stopped::NoThread(message)) => Err(ServeError::Internal(message)),
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
