//! Serve stage (web view): a position's page — its succession timeline (the SVG of
//! [`crate::timeline::render_svg`], inline), its organization, its tenures table with
//! links to the people and the sources, then its statements.

use super::data::{select, term_html, Labels};
use super::shell;
use super::statements::statements_section;
use super::tenures::{self, Of};
use super::Site;
use crate::serve::{Reply, ServeError};
use crate::timeline::{render_svg, TimelineOptions};
use oxigraph::model::NamedNode;

/// The page of the position `iri` (known to be an `og:Position`).
pub fn page_html(site: &Site<'_>, iri: &NamedNode) -> Result<(String, String), ServeError> {
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
    let (list, labels) = tenures::read(site.store, Of::Position(iri))?;
    body.push_str(&format!("<h2>Tenures ({})</h2>\n", list.len()));
    body.push_str(&tenures::table(
        site.base,
        Of::Position(iri),
        &list,
        &labels,
    ));
    body.push_str(&statements);
    Ok((title, body))
}

/// [`page_html`] as a reply.
pub fn page(site: &Site<'_>, iri: &NamedNode) -> Result<Reply, ServeError> {
    let (title, body) = page_html(site, iri)?;
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
