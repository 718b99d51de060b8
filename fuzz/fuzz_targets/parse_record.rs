//! Fuzz target (parse stage): any bytes, read as a text record and as a CSV table,
//! never make the parser panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = officegraph::record::parse_text("fuzz.txt", "fuzz.txt", data);
    let _ = officegraph::record::parse_csv("fuzz.csv", "fuzz.csv", data);
});
