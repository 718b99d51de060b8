//! The one integration-test binary: golden cases, the command line, interoperability.

mod acceptance;
mod cases;
mod cli;
mod interop;
mod link;
mod push;
mod queries;
mod wikidata_profile;
