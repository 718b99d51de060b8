//! Serve stage (web view): server-rendered HTML pages over the store — `/` lists
//! positions and organizations, every entity IRI under the data base has a page at
//! `/id/{the IRI after the base}` (negotiated with its Turtle), and `/web/query` is a
//! SPARQL editor whose results are an HTML table.
//!
//! One concept a file: [`escape`] (HTML escaping), [`data`] (reading the store: labels,
//! IRIs ↔ paths), [`shell`] (the page around every body, the stylesheet), [`tenures`]
//! (the tenures table shared by position and person pages), [`index`], [`position`],
//! [`person`], [`entity`] (routing `/id/…`, Turtle, the generic page) and [`query`].
//! No scripts, nothing fetched from other hosts.

pub mod data;
pub mod entity;
pub mod escape;
pub mod index;
pub mod person;
pub mod position;
pub mod query;
pub mod shell;
pub mod statements;
pub mod tenures;

pub use escape::escape;

use super::Limits;
use crate::query::Catalog;
use oxigraph::store::Store;

/// The path under which entity IRIs are served: `{base}X` is at `/id/X`.
pub const ID_PREFIX: &str = "/id/";

/// What every page is drawn from.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub store: &'a Store,
    pub catalog: &'a Catalog,
    pub limits: Limits,
    /// The data base IRI (e.g. `https://w3id.org/officegraph/id/`).
    pub base: &'a str,
}

#[cfg(test)]
mod tests;
