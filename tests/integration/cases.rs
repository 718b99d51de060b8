//! Golden cases: every `tests/cases/<name>/` record must yield exactly the graph in
//! `expected.ttl` (compared as isomorphic graphs) and exactly the diagnostics listed
//! in `expected-warnings.txt` (line and message substring). See tests/cases/README.md.

use officegraph::pipeline::{self, Config};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, Triple};
use std::fs;
use std::path::{Path, PathBuf};

fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn expected_graph(dir: &Path) -> Graph {
    let text = fs::read(dir.join("expected.ttl")).expect("expected.ttl");
    let base = "https://w3id.org/officegraph/id/";
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(base)
        .expect("base iri");
    let mut graph = Graph::new();
    for quad in parser.for_slice(&text) {
        let quad = quad.unwrap_or_else(|e| panic!("{}: expected.ttl: {e}", dir.display()));
        graph.insert(&Triple::from(quad));
    }
    graph
}

/// Runs one case; returns a description of every difference.
fn run_case(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("case")
        .to_owned();
    let (input, is_csv) = if dir.join("input.csv").exists() {
        (dir.join("input.csv"), true)
    } else {
        (dir.join("input.txt"), false)
    };
    let bytes = fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let config = Config::default();
    let record = if is_csv {
        pipeline::process_csv(
            &format!("{name}.csv"),
            &format!("{name}.csv"),
            &bytes,
            &config,
        )
    } else {
        pipeline::process_text(
            &format!("{name}.txt"),
            &format!("{name}.txt"),
            &bytes,
            &config,
        )
    };
    let mut problems = Vec::new();

    let mut actual = Graph::new();
    for quad in &record.quads {
        assert_eq!(
            quad.graph_name.to_string(),
            format!("<{}>", record.record_iri.as_str()),
            "every quad sits in the record graph"
        );
        actual.insert(&Triple::from(quad.clone()));
    }
    let mut expected = expected_graph(dir);
    actual.canonicalize(CanonicalizationAlgorithm::Unstable);
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    if actual != expected {
        let mut missing: Vec<String> = expected
            .iter()
            .filter(|t| !actual.contains(*t))
            .map(|t| format!("  - {t} ."))
            .collect();
        let mut extra: Vec<String> = actual
            .iter()
            .filter(|t| !expected.contains(*t))
            .map(|t| format!("  + {t} ."))
            .collect();
        missing.sort();
        extra.sort();
        problems.push(format!(
            "{name}: graph differs (- expected only, + produced only):\n{}\n{}",
            missing.join("\n"),
            extra.join("\n")
        ));
    }

    let wanted = fs::read_to_string(dir.join("expected-warnings.txt")).unwrap_or_default();
    let mut unmatched: Vec<&officegraph::record::Diagnostic> = record.diagnostics.iter().collect();
    for line in wanted.lines().filter(|l| !l.trim().is_empty()) {
        let (number, text) = line.split_once('\t').unwrap_or((line, ""));
        let number: usize = number.trim().parse().unwrap_or(0);
        let text = text.trim().to_lowercase();
        match unmatched
            .iter()
            .position(|d| d.line == number && d.message.to_lowercase().contains(&text))
        {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!(
                "{name}: no diagnostic at line {number} containing `{text}`"
            )),
        }
    }
    for d in unmatched {
        problems.push(format!("{name}: unexpected diagnostic: {d}"));
    }
    problems
}

#[test]
fn every_golden_case_yields_its_expected_graph_and_diagnostics() {
    let dirs = case_dirs();
    assert!(dirs.len() >= 3, "the seed cases are there");
    let problems: Vec<String> = dirs.iter().flat_map(|d| run_case(d)).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn seeds_in_data_records_are_the_seed_cases() {
    for dir in case_dirs().iter().filter(|d| {
        d.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("00"))
    }) {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/records")
            .join(format!("{name}.txt"));
        assert_eq!(
            fs::read(&seed).ok(),
            fs::read(dir.join("input.txt")).ok(),
            "{name}"
        );
    }
}
