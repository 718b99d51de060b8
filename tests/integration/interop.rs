//! Interoperability: every export of the seed records is re-read by independent
//! parsers — rapper (raptor2-utils), serdi and rdflib — which must count the same
//! statements we wrote. A missing tool is reported as SKIPPED on the terminal
//! (`scripts/install-checkers.sh` installs them; `.ci/run` calls it).

use crate::cli::{assert_exit, officegraph, text};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Says loudly, past the test harness's output capture, that a check was skipped.
fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {what} (run scripts/install-checkers.sh) ***"
    );
}

fn available(tool: &str, probe: &[&str]) -> bool {
    Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The number of non-blank lines of an N-Triples/N-Quads file: one statement each.
fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

fn seeds_exported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &["run", "--records", seeds.to_str().unwrap(), "--out", "out"],
    );
    assert_exit(&out, 0);
    dir
}

#[test]
fn rapper_serdi_and_rdflib_count_what_we_wrote() {
    let dir = seeds_exported();
    let out = dir.path().join("out");
    let triples = line_count(&out.join("graph.nt"));
    let quads = line_count(&out.join("graph.nq"));
    assert!(
        triples > 1000 && quads >= triples,
        "{triples} triples, {quads} quads"
    );
    // (file, rapper syntax, serdi syntax, rdflib format, expected statements)
    let files = [
        ("graph.ttl", "turtle", "turtle", "turtle", triples),
        ("graph.nt", "ntriples", "ntriples", "nt", triples),
        ("graph.nq", "nquads", "nquads", "nquads", quads),
        ("graph.trig", "trig", "trig", "trig", quads),
    ];
    let rdflib = "import sys, rdflib\n\
                  path, fmt = sys.argv[1], sys.argv[2]\n\
                  if fmt in ('nquads', 'trig'):\n\
                  \x20   d = rdflib.Dataset(); d.parse(path, format=fmt); print(len(set(d.quads())))\n\
                  else:\n\
                  \x20   g = rdflib.Graph(); g.parse(path, format=fmt); print(len(g))\n";
    let checkers: [(&str, &[&str], &str); 3] = [
        ("rapper", &["--version"], "rapper (raptor2-utils)"),
        ("serdi", &["-v"], "serdi"),
        ("python3", &["-c", "import rdflib"], "rdflib (PyPI)"),
    ];
    let mut ran = 0;
    for (index, (tool, probe, name)) in checkers.into_iter().enumerate() {
        if !available(tool, probe) {
            skipped(&format!("{name} is not installed"));
            continue;
        }
        for (file, rapper_syntax, serdi_syntax, rdflib_format, expected) in files {
            let path = out.join(file);
            let path = path.to_str().unwrap();
            let args: Vec<&str> = match index {
                0 => vec!["-q", "-i", rapper_syntax, "-o", "nquads", path],
                1 => vec!["-i", serdi_syntax, "-o", "nquads", path],
                _ => vec!["-c", rdflib, path, rdflib_format],
            };
            let o = Command::new(tool).args(&args).output().unwrap();
            assert!(o.status.success(), "{name} {file}: {}", text(&o.stderr));
            let stdout = text(&o.stdout);
            let count = if index == 2 {
                stdout.trim().parse().unwrap_or(usize::MAX)
            } else {
                stdout.lines().filter(|l| !l.trim().is_empty()).count()
            };
            assert_eq!(count, expected, "{name} counts {file}");
            ran += 1;
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "interop: {ran} of 12 independent parses ran"
    );
}
