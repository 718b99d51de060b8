//! `convert`: records straight to N-Quads / N-Triples with no store. Each record's
//! graph must be exactly what `ingest` stores for it.

use crate::cli::{assert_exit, officegraph, text};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Dataset, GraphNameRef, Quad};
use std::fs;
use std::path::Path;

const RECORD_A: &str = "= Minister of Tests =

Infobox
- Body: Government of Testland
- Incumbent: Lê Văn Ba

== Officeholders ==
| No. | Name | Took office | Left office |
| 1 | Trần Một | 1 May 1950 | 2 June 1960 |
| 2 | Lê Văn Ba | 2 June 1960 | Incumbent |
";

const RECORD_B: &str = "= Governor of Nowhere =

== Holders ==
| No. | Name | From | To |
| 1 | Ngô Hai \"Q\" <x> | 1970 | March 1975 |
| 2 | Đỗ Bốn | March 1975 | ? |
";

fn quads(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .expect("the output parses")
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("records/sub")).unwrap();
    fs::write(dir.path().join("records/a.txt"), RECORD_A).unwrap();
    fs::write(dir.path().join("records/sub/b.txt"), RECORD_B).unwrap();
    dir
}

fn graph_of(dataset: &Dataset, graph: GraphNameRef<'_>) -> Vec<String> {
    let mut lines: Vec<String> = dataset
        .iter()
        .filter(|q| q.graph_name == graph)
        .map(|q| q.to_string())
        .collect();
    lines.sort();
    lines
}

#[test]
fn convert_gives_each_record_the_graph_ingest_stores() {
    let dir = setup();
    let out = officegraph(dir.path(), &["convert", "records"]);
    assert_exit(&out, 0);
    assert!(
        text(&out.stderr).contains("converted 2 records"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("b.txt:6: note: To: `?`"),
        "{}",
        text(&out.stderr)
    );
    let converted: Dataset = quads(&out.stdout, RdfFormat::NQuads).into_iter().collect();

    let ingest = officegraph(dir.path(), &["ingest", "records", "--store", "store"]);
    assert_exit(&ingest, 0);
    let export = officegraph(
        dir.path(),
        &["export", "--store", "store", "--format", "nq"],
    );
    assert_exit(&export, 0);
    let stored: Dataset = quads(&export.stdout, RdfFormat::NQuads)
        .into_iter()
        .collect();

    let graphs: std::collections::HashSet<_> = converted
        .iter()
        .map(|q| q.graph_name.into_owned())
        .collect();
    assert_eq!(graphs.len(), 2, "one graph per record");
    for graph in &graphs {
        let got = graph_of(&converted, graph.as_ref());
        assert!(!got.is_empty());
        assert_eq!(got, graph_of(&stored, graph.as_ref()), "graph {graph}");
    }
}

#[test]
fn convert_to_n_triples_and_the_same_bytes_every_time() {
    let dir = setup();
    let first = officegraph(dir.path(), &["convert", "records", "--format", "nt"]);
    assert_exit(&first, 0);
    let triples = quads(&first.stdout, RdfFormat::NTriples);
    assert!(triples
        .iter()
        .any(|q| q.to_string().contains("Ngô Hai \\\"Q\\\" <x>")));
    let again = officegraph(dir.path(), &["convert", "records", "--format", "nt"]);
    assert_eq!(first.stdout, again.stdout);
}

#[test]
fn a_missing_input_fails_alone_and_strict_counts_warnings() {
    let dir = setup();
    let out = officegraph(dir.path(), &["convert", "records/a.txt", "nope.txt"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("nope.txt"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !quads(&out.stdout, RdfFormat::NQuads).is_empty(),
        "a.txt still converted"
    );
    let strict = officegraph(dir.path(), &["convert", "records/sub", "--strict"]);
    assert_exit(&strict, 1);
    assert!(Path::new(dir.path()).join("records").exists());
}
