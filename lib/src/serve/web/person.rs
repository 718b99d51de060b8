//! Serve stage (web view): a person's page — every tenure they held, across positions,
//! with its sources (record and line), then their statements.

use super::shell;
use super::statements::statements_section;
use super::tenures::{self, Of};
use super::Site;
use crate::serve::{Reply, ServeError};
use oxigraph::model::NamedNode;

/// The page of the person `iri` (known to be an `og:Person`).
pub fn page(site: &Site<'_>, iri: &NamedNode) -> Result<Reply, ServeError> {
    let (title, statements) = statements_section(site, iri)?;
    let (list, labels) = tenures::read(site.store, Of::Holder(iri))?;
    let mut body = format!("<h2>Tenures ({})</h2>\n", list.len());
    body.push_str(&tenures::table(site.base, Of::Holder(iri), &list, &labels));
    body.push_str(&statements);
    Ok(shell::page(200, &title, &body))
}
