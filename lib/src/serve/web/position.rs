//! Serve stage (web view): a position's page — its succession timeline (the SVG of
//! [`crate::timeline::render_svg`], inline), its organization, its tenures table with
//! links to the people and the sources (a page of [`tenures::PAGE_SIZE`] at a time,
//! `?page=N`), then its statements.

use super::data::{self, select, term_html, Budget, Labels};
use super::shell;
use super::statements::statements_section;
use super::tenures::{self, Of};
use super::Site;
use crate::serve::{Reply, ServeError};
use crate::timeline::{render_svg, TimelineOptions};
use oxigraph::model::NamedNode;

/// Page `number` (1-based) of the position `iri` (known to be an `og:Position`): its
/// tenures read under `budget`, a page at a time.
pub fn page_html(
    site: &Site<'_>,
    iri: &NamedNode,
    number: usize,
    budget: &Budget,
) -> Result<(String, String), ServeError> {
    let (title, statements) = statements_section(site, iri)?;
    let options = TimelineOptions {
        id_prefix: "tl".to_owned(),
        ..TimelineOptions::default()
    };
    let svg = render_svg(site.store, std::slice::from_ref(iri), &options)
        .map_err(|e| ServeError::Internal(format!("cannot draw the timeline: {e}")))?;
    // Inline in HTML, the SVG element goes without its XML declaration.
    let svg = svg.find("<svg").map_or(svg.as_str(), |at| &svg[at..]);
    let mut body = format!(
        "{}<h2>Timeline</h2>\n<div class=\"timeline\">\n{svg}</div>\n",
        organizations(site, iri)?
    );
    let page = tenures::read(
        site.store,
        Of::Position(iri),
        number,
        tenures::PAGE_SIZE,
        budget,
    )?;
    let path = data::entity_path(site.base, iri.as_str()).unwrap_or_default();
    body.push_str(&tenures::section(
        site.base,
        &path,
        Of::Position(iri),
        &page,
        tenures::PAGE_SIZE,
    ));
    body.push_str(&statements);
    Ok((title, body))
}

/// [`page_html`] as a reply.
pub fn page(
    site: &Site<'_>,
    iri: &NamedNode,
    number: usize,
    budget: &Budget,
) -> Result<Reply, ServeError> {
    let (title, body) = page_html(site, iri, number, budget)?;
    Ok(shell::page(200, &title, &body))
}

/// "Organization: …" for each `og:organization` of the position.
fn organizations(site: &Site<'_>, iri: &NamedNode) -> Result<String, ServeError> {
    let query = "SELECT DISTINCT ?node ?label WHERE { ?position og:organization ?node OPTIONAL { ?node rdfs:label ?label } } ORDER BY ?node";
    let bound = [("position", iri)];
    let labels = Labels::read(site.store, query, &bound)?;
    let mut seen = Vec::new();
    for row in select(site.store, query, &bound)? {
        if let Some(node) = row.get("node") {
            if !seen.contains(node) {
                seen.push(node.clone());
            }
        }
    }
    Ok(seen
        .iter()
        .map(|node| {
            format!(
                "<p>Organization: {}</p>\n",
                term_html(site.base, &labels, node)
            )
        })
        .collect())
}
