//! Fuzz target (parse → extract → serialize → reparse): whatever a record holds, the
//! N-Quads officegraph makes of it parse back, quad for quad.
#![no_main]

use libfuzzer_sys::fuzz_target;
use officegraph::pipeline::{process_text, Config};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};

fuzz_target!(|data: &[u8]| {
    let record = process_text("fuzz.txt", "fuzz.txt", data, &Config::default());
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in &record.quads {
        serializer.serialize_quad(quad).expect("writing to memory");
    }
    let bytes = serializer.finish().expect("writing to memory");
    let parsed: Vec<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("our own N-Quads do not parse: {e}"));
    assert_eq!(parsed.len(), record.quads.len());
});
