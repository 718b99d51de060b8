//! The one integration-test binary: golden cases, the command line, canonical output, interoperability, timelines.

mod acceptance;
mod across;
mod bad_input;
mod bulk;
mod canonical;
mod cases;
mod cli;
mod convert;
mod crash;
mod gen_corpus;
mod interop;
mod link;
mod push;
mod queries;
mod realworld;
mod rocks;
mod roundtrip_props;
mod serve;
mod streaming;
mod timeline;
mod validate;
mod wikidata_profile;
