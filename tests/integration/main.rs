//! The one integration-test binary: golden cases, the command line, interoperability.

mod acceptance;
mod cases;
mod cli;
mod interop;
mod link;
mod queries;
mod validate;
mod wikidata_profile;
