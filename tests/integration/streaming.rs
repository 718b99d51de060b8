//! Query stage: large results stream. A cross product of the seed store has about 1.4
//! billion rows; a reader takes the first lines and hangs up. Were the results held in
//! memory before being written, no line would ever arrive.

use crate::cli::{seeds_store, text};
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_officegraph");

const CROSS_PRODUCT: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
const CROSS_CONSTRUCT: &str = "CONSTRUCT { ?a ?b ?g } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// Long enough for any machine to print a few lines; a liveness guard, not a speed target.
const GUARD: Duration = Duration::from_secs(300);

fn spawn_query(dir: &std::path::Path, query: &str, format: &str) -> Child {
    std::fs::write(dir.join("big.rq"), query).unwrap();
    Command::new(BIN)
        .args(["query", "big.rq", "--store", "store", "--format", format])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the officegraph binary runs")
}

/// Reads until `lines` lines or [`MAX_READ`] bytes have come (JSON and XML results
/// are not line-broken), hangs up, and checks the process ends on its own with exit 0
/// (a broken pipe is not an error). Returns the text read.
fn read_then_hang_up(mut child: Child, lines: usize) -> String {
    let mut stdout = child.stdout.take().expect("piped");
    let mut got = Vec::new();
    let mut chunk = [0u8; 8192];
    while got.iter().filter(|b| **b == b'\n').count() < lines && got.len() < MAX_READ {
        let n = stdout.read(&mut chunk).expect("read");
        if n == 0 {
            break;
        }
        got.extend_from_slice(&chunk[..n]);
    }
    drop(stdout);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > GUARD {
            let _ = child.kill();
            panic!("the query did not end after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).unwrap();
    }
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "a broken pipe is reported: {stderr}");
    assert!(
        got.len() >= MAX_READ || got.iter().filter(|b| **b == b'\n').count() >= lines,
        "the result ended early: {}",
        text(&got)
    );
    text(&got)
}

/// Far less than the whole result (tens of gigabytes), far more than one buffer.
const MAX_READ: usize = 4 << 20;

#[test]
fn select_results_stream_in_every_format() {
    let dir = seeds_store();
    for (format, first) in [
        ("csv", "a,b,c,d,e,f,g,h,i"),
        ("tsv", "?a\t?b\t?c\t?d\t?e\t?f\t?g\t?h\t?i"),
        ("json", "{\"head\":{\"vars\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]},\"results\":{\"bindings\":["),
        ("xml", "<?xml version=\"1.0\"?>"),
    ] {
        let child = spawn_query(dir.path(), CROSS_PRODUCT, format);
        let got = read_then_hang_up(child, 50);
        assert!(got.starts_with(first), "{format}: {}", got.chars().take(200).collect::<String>());
    }
}

#[test]
fn the_table_sizes_its_columns_then_streams() {
    let dir = seeds_store();
    let sizing = officegraph::query::TABLE_SIZING_ROWS;
    let child = spawn_query(dir.path(), CROSS_PRODUCT, "table");
    // header, rule, the sizing rows, then rows written one by one.
    let got = read_then_hang_up(child, sizing + 50);
    let lines: Vec<&str> = got.lines().collect();
    assert!(lines.len() > sizing + 2, "{} lines", lines.len());
    assert!(lines[0].starts_with('a'), "{}", lines[0]);
    assert!(lines[1].starts_with("---"), "{}", lines[1]);
    assert!(
        lines.iter().all(|l| !l.starts_with('(')),
        "no row count yet"
    );
}

#[test]
fn graph_results_stream_outside_the_table_format() {
    let dir = seeds_store();
    let child = spawn_query(dir.path(), CROSS_CONSTRUCT, "csv");
    let got = read_then_hang_up(child, 50);
    for line in got.lines().take(50) {
        assert!(line.ends_with(" ."), "not N-Triples: {line}");
    }
}

#[test]
fn a_small_table_still_counts_its_rows() {
    let dir = seeds_store();
    let out = crate::cli::officegraph(dir.path(), &["query", "incumbents", "--store", "store"]);
    crate::cli::assert_exit(&out, 0);
    assert!(text(&out.stdout).trim_end().ends_with("(3 rows)"));
}
