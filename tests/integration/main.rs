//! The one integration-test binary: golden cases, the command line, canonical output, interoperability.

mod acceptance;
mod across;
mod bad_input;
mod canonical;
mod cases;
mod cli;
mod crash;
mod interop;
mod link;
mod push;
mod queries;
mod rocks;
mod roundtrip_props;
mod serve;
mod validate;
mod wikidata_profile;
