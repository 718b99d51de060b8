//! `validate`: the seeds pass, the faulty fixture's planted faults are all found with
//! their lines, the Turtle report parses back, and pySHACL agrees per record graph.

use crate::cli::{assert_exit, officegraph, text};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, Term, TermRef, Triple};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const SH: &str = "http://www.w3.org/ns/shacl#";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// A temp folder with `store/` holding the ingested `paths` (relative to the crate).
fn ingested(paths: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["ingest".to_owned()];
    args.extend(paths.iter().map(|p| root().join(p).display().to_string()));
    args.extend(["--store".to_owned(), "store".to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_exit(&officegraph(dir.path(), &args), 0);
    dir
}

fn validate(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["validate", "--store", "store"];
    args.extend_from_slice(extra);
    officegraph(dir, &args)
}

#[test]
fn the_seeds_pass() {
    let dir = ingested(&["data/records"]);
    let out = validate(dir.path(), &[]);
    assert_exit(&out, 0);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("3 graphs validated: 0 violations"),
        "{stdout}"
    );
    assert!(!stdout.contains(": violation:"), "{stdout}");
}

#[test]
fn the_links_graph_is_validated_and_dataset_graphs_are_skipped() {
    let dir = ingested(&["data/records"]);
    let world = root().join("tests/fixtures/wikidata/world.ttl");
    let link = officegraph(
        dir.path(),
        &[
            "link",
            "--store",
            "store",
            "--with",
            world.to_str().unwrap(),
        ],
    );
    assert_exit(&link, 0);
    let out = validate(dir.path(), &[]);
    assert_exit(&out, 0);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("4 graphs validated: 0 violations"),
        "{stdout}"
    );
}

/// `(line, severity, what)` of each text finding; `what` names the fault by a phrase
/// of its message.
fn faults(stdout: &str) -> BTreeSet<(u64, String, &'static str)> {
    const KINDS: [(&str, &str); 5] = [
        ("is before og:start", "end before start"),
        ("Another incumbent tenure", "two incumbents"),
        ("overlaps", "overlap"),
        ("Incumbentsince", "infobox contradicts"),
        ("in succession order", "ordinal backwards"),
    ];
    let mut found = BTreeSet::new();
    for line in stdout.lines().filter(|l| l.starts_with("faulty.txt:")) {
        let mut parts = line.splitn(4, ':');
        let (_, n, severity, message) = (parts.next(), parts.next(), parts.next(), parts.next());
        let kind = KINDS
            .iter()
            .find(|(phrase, _)| message.unwrap_or_default().contains(phrase))
            .map_or("gap", |(_, kind)| *kind);
        found.insert((
            n.unwrap_or_default().parse().unwrap(),
            severity.unwrap_or_default().trim().to_owned(),
            kind,
        ));
    }
    found
}

#[test]
fn every_planted_fault_is_found_with_its_line() {
    let dir = ingested(&["tests/fixtures/faulty/faulty.txt"]);
    let out = validate(dir.path(), &[]);
    assert_exit(&out, 1);
    let stdout = text(&out.stdout);
    let expected: BTreeSet<(u64, String, &str)> = [
        (13, "violation", "end before start"),
        (13, "warning", "gap"),
        (15, "warning", "overlap"),
        (17, "warning", "ordinal backwards"),
        (18, "violation", "two incumbents"),
        (19, "violation", "two incumbents"),
        (19, "warning", "overlap"),
        (19, "warning", "infobox contradicts"),
    ]
    .into_iter()
    .map(|(n, s, k)| (n, s.to_owned(), k))
    .collect();
    assert_eq!(faults(&stdout), expected, "{stdout}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("faulty.txt:"))
            .count(),
        8
    );
    let wide = text(&validate(dir.path(), &["--max-gap-days", "2000"]).stdout);
    assert!(!faults(&wide).iter().any(|f| f.2 == "gap"), "{wide}");
    assert_exit(
        &officegraph(dir.path(), &["validate", "--store", "missing"]),
        2,
    );
    // The same contradiction is an ingest warning too.
    let ingest = officegraph(
        dir.path(),
        &[
            "ingest",
            root()
                .join("tests/fixtures/faulty/faulty.txt")
                .to_str()
                .unwrap(),
            "--store",
            "again",
        ],
    );
    assert!(text(&ingest.stderr)
        .contains("Incumbentsince 2019-03-01 contradicts the incumbent row's start 2018-03-01"));
}

fn parse_report(bytes: &[u8]) -> Graph {
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(bytes) {
        graph.insert(&Triple::from(quad.expect("the report is valid Turtle")));
    }
    graph
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

fn conforms(report: &Graph) -> bool {
    let values: Vec<String> = report
        .triples_for_predicate(&sh("conforms"))
        .map(|t| match t.object {
            TermRef::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect();
    assert_eq!(values.len(), 1, "one sh:conforms");
    values[0] == "true"
}

#[test]
fn the_turtle_report_parses_back_and_says_whether_it_conforms() {
    for (input, code) in [("data/records", 0), ("tests/fixtures/faulty/faulty.txt", 1)] {
        let dir = ingested(&[input]);
        let out = validate(dir.path(), &["--format", "ttl"]);
        assert_exit(&out, code);
        let report = parse_report(&out.stdout);
        assert_eq!(conforms(&report), code == 0, "{input}");
        let results = report.triples_for_predicate(&sh("result")).count();
        let text_lines = text(&validate(dir.path(), &[]).stdout).lines().count() - 1;
        assert_eq!(results, text_lines, "{input}: one result per text finding");
        for t in report.triples_for_predicate(&sh("result")) {
            let r = t.object;
            for p in [
                "focusNode",
                "resultSeverity",
                "sourceShape",
                "resultMessage",
            ] {
                let TermRef::BlankNode(b) = r else {
                    panic!("results are blank nodes")
                };
                assert!(
                    report.object_for_subject_predicate(b, &sh(p)).is_some(),
                    "{p}"
                );
            }
        }
        assert_eq!(
            out.stdout,
            validate(dir.path(), &["--format", "ttl"]).stdout,
            "byte-stable"
        );
    }
}

/// Said loudly, past the harness's output capture.
fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {what} (run scripts/install-checkers.sh) ***"
    );
}

const PYSHACL: &str = r#"
import sys, pyshacl, rdflib
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
shapes = rdflib.Graph().parse(sys.argv[1], format="turtle")
data = rdflib.Graph().parse(sys.argv[2], format="turtle")
strict, _, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
lenient, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
severities = [str(report.value(r, SH.resultSeverity)) for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)]
print(lenient, strict, severities.count(str(SH.Violation)), severities.count(str(SH.Warning)))
results = sorted(
    str(report.value(r, SH.resultSeverity)).split('#')[1] + ' ' + str(report.value(r, SH.focusNode))
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult))
for line in results:
    print(line)
"#;

/// Per record graph of our report, the results of the shapes (not of the
/// data-quality checks) as `Severity focus` lines.
fn ours(report: &Graph) -> BTreeMap<String, Vec<String>> {
    let derived = NamedNode::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");
    let mut by_graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in report.triples_for_predicate(&sh("result")) {
        let TermRef::BlankNode(r) = t.object else {
            continue;
        };
        let get = |p: NamedNodeRef<'_>| {
            report
                .object_for_subject_predicate(r, p)
                .map(TermRef::into_owned)
        };
        let component = get(sh("sourceConstraintComponent").as_ref()).unwrap();
        if component.to_string().contains("DataQualityCheck") {
            continue;
        }
        let Some(Term::NamedNode(graph)) = get(derived.as_ref()) else {
            panic!("result without a record")
        };
        let Some(Term::NamedNode(severity)) = get(sh("resultSeverity").as_ref()) else {
            panic!("result without a severity")
        };
        let focus = match get(sh("focusNode").as_ref()) {
            Some(Term::NamedNode(n)) => n.as_str().to_owned(),
            other => format!("{other:?}"),
        };
        let severity = severity.as_str().trim_start_matches(SH).to_owned();
        by_graph
            .entry(graph.as_str().to_owned())
            .or_default()
            .push(format!("{severity} {focus}"));
    }
    by_graph
}

/// What the pySHACL script prints for `results`: `conforms strictly violations
/// warnings` (conforms allowing warnings, conforms strictly), then the sorted results.
fn summary(results: &[String]) -> String {
    let count = |s: &str| results.iter().filter(|r| r.starts_with(s)).count();
    let (v, w) = (count("Violation "), count("Warning "));
    let py = |b: bool| if b { "True" } else { "False" };
    let mut sorted = results.to_vec();
    sorted.sort();
    let mut out = format!("{} {} {v} {w}", py(v == 0), py(v + w == 0));
    for line in sorted {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

#[test]
fn pyshacl_agrees_on_the_seeds_and_the_faulty_fixture() {
    let probe = Command::new("python3")
        .args(["-c", "import pyshacl"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        skipped("pySHACL is not importable; validate was not compared with it");
        return;
    }
    let shapes = root().join("ontology/shapes.ttl");
    for input in ["data/records", "tests/fixtures/faulty/faulty.txt"] {
        let dir = ingested(&[input]);
        let report = parse_report(&validate(dir.path(), &["--format", "ttl"]).stdout);
        let ours = ours(&report);
        let nq = officegraph(
            dir.path(),
            &["export", "--store", "store", "--format", "nq"],
        );
        let graphs: BTreeSet<String> = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(&nq.stdout)
            .map(|q| q.unwrap().graph_name.to_string())
            .filter(|g| g.contains("/record/"))
            .map(|g| g.trim_matches(['<', '>']).to_owned())
            .collect();
        assert!(!graphs.is_empty());
        for graph in graphs {
            let file = dir.path().join("graph.ttl");
            let out = officegraph(
                dir.path(),
                &[
                    "export",
                    "--store",
                    "store",
                    "--graph",
                    &graph,
                    "--format",
                    "ttl",
                    "-o",
                    "graph.ttl",
                ],
            );
            assert_exit(&out, 0);
            let py = Command::new("python3")
                .args([
                    "-c",
                    PYSHACL,
                    shapes.to_str().unwrap(),
                    file.to_str().unwrap(),
                ])
                .output()
                .unwrap();
            assert!(py.status.success(), "{}", text(&py.stderr));
            let theirs = text(&py.stdout).trim().to_owned();
            let mine = summary(ours.get(&graph).map_or(&[][..], Vec::as_slice));
            assert_eq!(
                theirs, mine,
                "{graph}: pySHACL (conforms, strictly, violations, warnings; results) vs validate"
            );
        }
    }
}

#[test]
fn a_csv_table_without_a_subject_passes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mayors.csv"),
        "position,name,start,end,ordinal\nMayor of Q,Ann Bee,1990,1995,1\nMayor of Q,Cy Dee,1995,,2\n",
    )
    .unwrap();
    assert_exit(
        &officegraph(dir.path(), &["ingest", "mayors.csv", "--store", "store"]),
        0,
    );
    let out = validate(dir.path(), &[]);
    assert_exit(&out, 0);
    assert!(
        !text(&out.stdout).contains(": violation:"),
        "{}",
        text(&out.stdout)
    );
}
