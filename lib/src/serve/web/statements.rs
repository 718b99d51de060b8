//! Serve stage (web view): the statements section at the foot of every entity page —
//! the entity's label and every statement about it. Used by the entity, person and
//! position pages.

use super::data::{self, select, term_html, Labels};
use super::{escape, Site, ID_PREFIX};
use crate::serve::ServeError;
use oxigraph::model::{NamedNode, Term};

/// The entity's label (its short name when it has none) and a section listing every
/// statement about it, each once whatever the number of graphs, with a link to its
/// Turtle. Used at the foot of every entity page.
pub fn statements_section(
    site: &Site<'_>,
    iri: &NamedNode,
) -> Result<(String, String), ServeError> {
    let bound = [("entity", iri)];
    let rows = select(
        site.store,
        "SELECT DISTINCT ?p ?o WHERE { ?entity ?p ?o } ORDER BY ?p ?o",
        &bound,
    )?;
    // The second branch names ?entity itself, so the bound value is in its scope.
    let mut labels = Labels::read(
        site.store,
        "SELECT ?node ?label WHERE { { ?entity ?p ?node } UNION { ?entity rdfs:label ?own BIND(?entity AS ?node) } ?node rdfs:label ?label }",
        &bound,
    )?;
    let title = labels
        .get(iri.as_str())
        .map_or_else(|| data::short_name(site.base, iri.as_str()), str::to_owned);
    // The entity's own row shows its IRI, not its label.
    labels = Labels::read(
        site.store,
        "SELECT ?node ?label WHERE { ?entity ?p ?node . ?node rdfs:label ?label }",
        &bound,
    )?;
    let path = data::entity_path(site.base, iri.as_str()).unwrap_or_else(|| ID_PREFIX.to_owned());
    let mut html = format!(
        "<p class=\"iri\">{}</p>\n<p><a href=\"{}?format=turtle\">Turtle</a></p>\n\
         <h2>Statements</h2>\n<table class=\"statements\">\n<thead><tr><th>Property</th><th>Value</th></tr></thead>\n<tbody>\n",
        escape(iri.as_str()),
        escape(&path),
    );
    for row in &rows {
        let (Some(Term::NamedNode(p)), Some(o)) = (row.get("p"), row.get("o")) else {
            continue;
        };
        html.push_str(&format!(
            "<tr><td title=\"{}\">{}</td><td>{}</td></tr>\n",
            escape(p.as_str()),
            escape(&data::compact(p.as_str())),
            term_html(site.base, &labels, o)
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    Ok((title, html))
}
