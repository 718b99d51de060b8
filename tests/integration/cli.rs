//! The command line: runs the built `officegraph` in temporary folders and checks
//! exit codes, outputs and stability.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, Quad};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_officegraph");

const RECORD: &str = "= General Secretary of the Test Party =

Infobox
- Body: Central Committee of the Test Party
- Incumbent: Tô Lâm
- Incumbentsince: 3 August 2024

The General Secretary (Tổng Bí thư) leads the party.

== Officeholders ==
| No. | Name | Took office | Left office |
| 1 | Trần Phú | 27 October 1930 | 6 September 1931 † |
| 2 | Tô Lâm | 3 August 2024 | Incumbent |
";

pub(crate) fn officegraph(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the officegraph binary runs")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
pub(crate) fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// A temp folder with `records/test.txt`, ingested into `store/`.
fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("records")).unwrap();
    fs::write(dir.path().join("records/test.txt"), RECORD).unwrap();
    let out = officegraph(dir.path(), &["ingest", "records", "--store", "store"]);
    assert_exit(&out, 0);
    dir
}

fn parse(format: RdfFormat, bytes: &[u8]) -> Dataset {
    let mut dataset: Dataset = RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format} output does not parse: {e}\n{}", text(bytes)));
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
}

fn without_graphs(dataset: &Dataset) -> Dataset {
    let mut flat: Dataset = dataset
        .iter()
        .map(|q| {
            Quad::new(
                q.subject.into_owned(),
                q.predicate.into_owned(),
                q.object.into_owned(),
                GraphName::DefaultGraph,
            )
        })
        .collect();
    flat.canonicalize(CanonicalizationAlgorithm::Unstable);
    flat
}

/// A store folder with a hand-written snapshot of `n` quads in one record graph.
fn store_with_quads(dir: &Path, n: usize) -> PathBuf {
    let store = dir.join("handmade");
    fs::create_dir_all(&store).unwrap();
    let mut nq = String::new();
    for i in 0..n {
        nq.push_str(&format!(
            "<https://w3id.org/officegraph/id/person/P{i}> <http://www.w3.org/2000/01/rdf-schema#label> \"P \\\"{i}\\\"\\n\"@en <https://w3id.org/officegraph/id/record/hand> .\n"
        ));
    }
    fs::write(store.join("snapshot.nq"), nq).unwrap();
    store
}

#[test]
fn help_works_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    assert_exit(&officegraph(dir.path(), &["--help"]), 0);
    assert_exit(&officegraph(dir.path(), &["--version"]), 0);
    for command in ["run", "ingest", "query", "queries", "export"] {
        let out = officegraph(dir.path(), &[command, "--help"]);
        assert_exit(&out, 0);
        assert!(text(&out.stdout).contains("Usage"), "{command} --help");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_exit(
        &officegraph(
            dir.path(),
            &["export", "--store", "s", "--format", "rdfxml"],
        ),
        2,
    );
    assert_exit(&officegraph(dir.path(), &["ingest", "--store", "s"]), 2);
    assert_exit(&officegraph(dir.path(), &["no-such-command"]), 2);
    let out = officegraph(
        dir.path(),
        &[
            "ingest",
            "x.txt",
            "--store",
            "s",
            "--base",
            "https://example.org/no-slash",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--base"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_export_format_parses_and_agrees() {
    let dir = ingested();
    let mut exports = Vec::new();
    for format in ["ttl", "nt", "nq", "trig"] {
        let out = officegraph(
            dir.path(),
            &["export", "--store", "store", "--format", format],
        );
        assert_exit(&out, 0);
        let rdf_format = match format {
            "ttl" => RdfFormat::Turtle,
            "nt" => RdfFormat::NTriples,
            "nq" => RdfFormat::NQuads,
            _ => RdfFormat::TriG,
        };
        exports.push((format, parse(rdf_format, &out.stdout)));
    }
    let quads = &exports[2].1;
    assert_eq!(&exports[3].1, quads, "TriG and N-Quads hold the same quads");
    let triples = without_graphs(quads);
    assert_eq!(
        exports[0].1, triples,
        "Turtle holds the triples of every graph"
    );
    assert_eq!(
        exports[1].1, triples,
        "N-Triples holds the triples of every graph"
    );
}

#[test]
fn export_to_a_file_and_one_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_quads(dir.path(), 3);
    let store = store.to_str().unwrap();
    let graph = "https://w3id.org/officegraph/id/record/hand";
    let out = officegraph(
        dir.path(),
        &[
            "export", "--store", store, "--format", "trig", "-o", "g.trig", "--graph", graph,
        ],
    );
    assert_exit(&out, 0);
    assert!(out.stdout.is_empty());
    let dataset = parse(
        RdfFormat::TriG,
        &fs::read(dir.path().join("g.trig")).unwrap(),
    );
    assert_eq!(dataset.len(), 3);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let out = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            store,
            "--format",
            "nt",
            "--graph",
            "https://example.org/none",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("no such record graph"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn ingesting_twice_gives_byte_identical_nquads() {
    let dir = ingested();
    let export = |dir: &Path| {
        let out = officegraph(dir, &["export", "--store", "store", "--format", "nq"]);
        assert_exit(&out, 0);
        out.stdout
    };
    let first = export(dir.path());
    let first_snapshot = fs::read(dir.path().join("store/snapshot.nq")).unwrap();
    let first_manifest = fs::read(dir.path().join("store/manifest.json")).unwrap();
    assert_exit(
        &officegraph(dir.path(), &["ingest", "records", "--store", "store"]),
        0,
    );
    assert_eq!(export(dir.path()), first);
    assert_eq!(
        fs::read(dir.path().join("store/snapshot.nq")).unwrap(),
        first_snapshot
    );
    assert_eq!(
        fs::read(dir.path().join("store/manifest.json")).unwrap(),
        first_manifest
    );
}

#[test]
fn export_without_a_store_exits_2_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = officegraph(
        dir.path(),
        &["export", "--store", "nowhere", "--format", "nt"],
    );
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no store at nowhere"), "{stderr}");
    assert!(stderr.contains("officegraph ingest"), "{stderr}");
    assert!(
        !dir.path().join("nowhere").exists(),
        "export must not create a store"
    );
}

#[test]
fn a_corrupted_snapshot_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_quads(dir.path(), 2);
    let snapshot = store.join("snapshot.nq");
    let mut nq = fs::read_to_string(&snapshot).unwrap();
    nq.push_str("<https://a> <https://b> \"unterminated .\n");
    fs::write(&snapshot, nq).unwrap();
    let out = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "nq",
        ],
    );
    assert_exit(&out, 2);
    assert!(out.stdout.is_empty(), "no partial data");
    assert!(
        text(&out.stderr).contains("snapshot.nq:3:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_ends_export_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_quads(dir.path(), 20_000);
    let mut child = Command::new(BIN)
        .args([
            "export",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "ttl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 16`
    let out = child.wait_with_output().unwrap();
    assert_exit(&out, 0);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn an_unreadable_input_fails_alone() {
    let dir = ingested();
    let out = officegraph(
        dir.path(),
        &["ingest", "missing.txt", "records", "--store", "store2"],
    );
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(
        stderr.contains("ingested 1 records"),
        "the other file still loads: {stderr}"
    );
    assert!(dir.path().join("store2/snapshot.nq").exists());
}

#[test]
fn strict_exits_1_on_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = RECORD.as_bytes().to_vec();
    bytes.extend_from_slice(b"\nA stray byte: \xff here.\n");
    fs::write(dir.path().join("bad.txt"), bytes).unwrap();
    let out = officegraph(dir.path(), &["ingest", "bad.txt", "--store", "store"]);
    assert_exit(&out, 0);
    assert!(
        text(&out.stderr).contains("bad.txt:"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains(": warning: "),
        "{}",
        text(&out.stderr)
    );
    assert_exit(
        &officegraph(
            dir.path(),
            &["ingest", "bad.txt", "--store", "store", "--strict"],
        ),
        1,
    );
}

fn assert_run_outputs(out_dir: &Path) {
    for name in [
        "graph.ttl",
        "graph.nt",
        "graph.nq",
        "graph.trig",
        "store/snapshot.nq",
        "store/manifest.json",
    ] {
        assert!(out_dir.join(name).is_file(), "missing {name}");
    }
    assert!(out_dir.join("queries").is_dir());
    for entry in fs::read_dir(out_dir.join("queries")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv"),
            "{}",
            path.display()
        );
        assert!(
            fs::metadata(&path).unwrap().len() > 0,
            "{} has no header",
            path.display()
        );
    }
    let quads = parse(
        RdfFormat::NQuads,
        &fs::read(out_dir.join("graph.nq")).unwrap(),
    );
    assert_eq!(
        parse(
            RdfFormat::TriG,
            &fs::read(out_dir.join("graph.trig")).unwrap()
        ),
        quads
    );
    let triples = without_graphs(&quads);
    assert_eq!(
        parse(
            RdfFormat::Turtle,
            &fs::read(out_dir.join("graph.ttl")).unwrap()
        ),
        triples
    );
    assert_eq!(
        parse(
            RdfFormat::NTriples,
            &fs::read(out_dir.join("graph.nt")).unwrap()
        ),
        triples
    );
}

#[test]
fn run_with_a_records_folder_writes_everything() {
    let dir = ingested();
    let out = officegraph(
        dir.path(),
        &["run", "--records", "records", "--out", "result"],
    );
    assert_exit(&out, 0);
    assert_run_outputs(&dir.path().join("result"));
    let summary = text(&out.stdout);
    assert!(summary.contains("1 records"), "{summary}");
    assert!(summary.contains("result/graph.ttl"), "{summary}");
    let manifest = fs::read_to_string(dir.path().join("result/store/manifest.json")).unwrap();
    assert!(manifest.contains("record/test"), "{manifest}");

    // A second run is identical, and records gone from the folder are gone from the store.
    let first = fs::read(dir.path().join("result/graph.nq")).unwrap();
    assert_exit(
        &officegraph(
            dir.path(),
            &["run", "--records", "records", "--out", "result"],
        ),
        0,
    );
    assert_eq!(fs::read(dir.path().join("result/graph.nq")).unwrap(), first);
    fs::remove_file(dir.path().join("records/test.txt")).unwrap();
    fs::write(dir.path().join("records/other.txt"), RECORD).unwrap();
    assert_exit(
        &officegraph(
            dir.path(),
            &["run", "--records", "records", "--out", "result"],
        ),
        0,
    );
    let manifest = fs::read_to_string(dir.path().join("result/store/manifest.json")).unwrap();
    assert!(!manifest.contains("record/test"), "{manifest}");
}

#[test]
fn bare_officegraph_runs_on_the_embedded_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let out = officegraph(dir.path(), &[]);
    assert_exit(&out, 0);
    assert_run_outputs(&dir.path().join("out"));
    let seeds = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records"))
        .unwrap()
        .count();
    assert!(
        text(&out.stdout).contains(&format!("{seeds} records")),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn run_with_a_missing_records_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = officegraph(dir.path(), &["run", "--records", "nope"]);
    assert_exit(&out, 2);
    assert!(!dir.path().join("out").exists());
}

/// A temp folder whose `store/` holds the three seed records, ingested without a
/// warning.
pub(crate) fn seeds_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &["ingest", seeds.to_str().unwrap(), "--store", "store"],
    );
    assert_exit(&out, 0);
    assert!(
        !text(&out.stderr).contains(": warning:"),
        "{}",
        text(&out.stderr)
    );
    dir
}
