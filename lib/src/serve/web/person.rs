//! Serve stage (web view): a person's page — every tenure they held, across positions,
//! with its sources (record and line), a page of [`tenures::PAGE_SIZE`] at a time
//! (`?page=N`), then their statements.

use super::data::{self, Budget};
use super::shell;
use super::statements::statements_section;
use super::tenures::{self, Of};
use super::Site;
use crate::serve::{Reply, ServeError};
use oxigraph::model::NamedNode;

/// Page `number` (1-based) of the person `iri` (known to be an `og:Person`): their
/// tenures read under `budget`, a page at a time.
pub fn page(
    site: &Site<'_>,
    iri: &NamedNode,
    number: usize,
    budget: &Budget,
) -> Result<Reply, ServeError> {
    let (title, statements) = statements_section(site, iri)?;
    let size = tenures::PAGE_SIZE;
    let page = tenures::read(site.store, Of::Holder(iri), number, size, budget)?;
    let path = data::entity_path(site.base, iri.as_str()).unwrap_or_default();
    let mut body = tenures::section(site.base, &path, Of::Holder(iri), &page, size);
    body.push_str(&statements);
    Ok(shell::page(200, &title, &body))
}
