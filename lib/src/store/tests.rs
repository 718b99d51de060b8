//! Store stage tests: idempotent ingest, atomic replace, snapshot round trip, corruption.
//! (Checksums, torn files, format 1 and recovery: `tests/damage.rs`; the rocksdb
//! backend's generations: `tests/rocks.rs`.) The tests that hold for every backend
//! take the backend as an argument and run once per backend (`memory::…`, and
//! `rocksdb::…` in a build with the feature).

use super::*;
use crate::extract::ProcessedRecord;
use oxigraph::model::{Literal, Quad};

/// The tests load whole processed records; the store itself only knows graphs.
trait ReplaceRecord {
    fn replace_record(&mut self, record: &ProcessedRecord) -> Result<(), StoreError>;
}

impl ReplaceRecord for GraphStore {
    fn replace_record(&mut self, record: &ProcessedRecord) -> Result<(), StoreError> {
        self.replace_graph(&record.record_iri, &record.quads, &record.source)
    }
}

const BASE: &str = "https://w3id.org/officegraph/id/";

fn iri(s: &str) -> NamedNode {
    NamedNode::new(format!("{BASE}{s}")).unwrap()
}

fn record(name: &str, triples: &[(&str, &str, &str)]) -> ProcessedRecord {
    let graph = iri(&format!("record/{name}"));
    let quads = triples
        .iter()
        .map(|(s, p, o)| {
            Quad::new(
                iri(s),
                iri(p),
                Literal::new_simple_literal(*o),
                graph.clone(),
            )
        })
        .collect();
    ProcessedRecord {
        record_iri: graph,
        source: format!("{name}.txt"),
        quads,
        diagnostics: Vec::new(),
    }
}

fn snapshot(dir: &Path) -> String {
    fs::read_to_string(dir.join(SNAPSHOT_FILE)).unwrap()
}

/// Opens (or creates) the store in `dir` on `backend`.
fn open(dir: &Path, backend: Backend) -> GraphStore {
    GraphStore::open_with(dir, Some(backend)).unwrap()
}

/// The store in `dir` as sorted N-Quads, read back by a fresh reader.
fn dump(dir: &Path) -> String {
    let store = GraphStore::open_existing(dir).unwrap();
    let mut out = Vec::new();
    crate::rdf::RdfWriter::new(crate::rdf::Format::NQuads)
        .write_store(store.oxigraph(), None, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// Runs each listed `fn(Backend)` as a test per backend this build has.
macro_rules! on_each_backend {
    ($($test:ident),* $(,)?) => {
        mod memory {
            $( #[test] fn $test() { super::$test(super::Backend::Memory) } )*
        }
        #[cfg(feature = "rocksdb")]
        mod rocksdb {
            $( #[test] fn $test() { super::$test(super::Backend::Rocksdb) } )*
        }
    };
}

on_each_backend!(
    ingesting_twice_gives_the_same_store,
    replacing_a_record_removes_its_stale_quads_only,
    a_quad_outside_the_record_graph_is_refused_and_nothing_changes,
    save_then_open_round_trips,
    a_missing_store_is_reported_for_readers_and_created_for_writers,
    removing_a_record_drops_its_graph,
    a_newer_manifest_is_refused,
);

fn ingesting_twice_gives_the_same_store(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let a = record("a", &[("x", "p", "1"), ("y", "p", "2")]);
    let b = record("b", &[("x", "p", "1"), ("z", "q", "é \"quoted\"\n")]);
    let mut store = open(dir.path(), backend);
    store.replace_record(&a).unwrap();
    store.replace_record(&b).unwrap();
    store.save().unwrap();
    let records: Vec<_> = store.record_graphs().cloned().collect();
    drop(store);
    let first = dump(dir.path());
    let first_manifest = fs::read(dir.path().join(MANIFEST_FILE)).unwrap();
    let first_snapshot = (backend == Backend::Memory).then(|| snapshot(dir.path()));

    let mut store = GraphStore::open(dir.path()).unwrap();
    assert_eq!(store.backend(), backend, "the store keeps its backend");
    store.replace_record(&a).unwrap();
    store.replace_record(&b).unwrap();
    store.save().unwrap();
    assert_eq!(store.len().unwrap(), 4);
    assert_eq!(store.record_graphs().cloned().collect::<Vec<_>>(), records);
    drop(store);
    assert_eq!(dump(dir.path()), first);
    if let Some(first_snapshot) = first_snapshot {
        assert_eq!(snapshot(dir.path()), first_snapshot);
        assert_eq!(
            fs::read(dir.path().join(MANIFEST_FILE)).unwrap(),
            first_manifest
        );
    }
}

fn replacing_a_record_removes_its_stale_quads_only(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path(), backend);
    store
        .replace_record(&record("a", &[("x", "p", "old"), ("y", "p", "kept?")]))
        .unwrap();
    store
        .replace_record(&record("b", &[("x", "p", "old")]))
        .unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "new")]))
        .unwrap();
    let nq = {
        store.save().unwrap();
        dump(dir.path())
    };
    assert!(nq.contains("\"new\""));
    assert!(!nq.contains("kept?"));
    assert_eq!(
        nq.matches("\"old\"").count(),
        1,
        "record b keeps its own quad:\n{nq}"
    );
    let entries: Vec<_> = store
        .record_graphs()
        .map(|r| (r.graph.clone(), r.quads))
        .collect();
    assert_eq!(
        entries,
        vec![
            (format!("{BASE}record/a"), 1),
            (format!("{BASE}record/b"), 1)
        ]
    );
}

fn a_quad_outside_the_record_graph_is_refused_and_nothing_changes(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path(), backend);
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    let mut bad = record("a", &[("x", "p", "2")]);
    bad.quads[0].graph_name = iri("record/other").into();
    assert!(matches!(
        store.replace_record(&bad),
        Err(StoreError::OutsideGraph { .. })
    ));
    assert_eq!(store.len().unwrap(), 1);
}

fn save_then_open_round_trips(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path(), backend);
    store.set_base("http://example.org/data/");
    store
        .replace_record(&record("a", &[("x", "p", "line\nbreak \\ \u{200F}rtl")]))
        .unwrap();
    store.replace_record(&record("empty", &[])).unwrap();
    store.save().unwrap();

    let reopened = GraphStore::open_existing(dir.path()).unwrap();
    assert_eq!(reopened.backend(), backend);
    assert_eq!(reopened.len().unwrap(), 1);
    assert_eq!(reopened.base(), "http://example.org/data/");
    let entries: Vec<_> = reopened.record_graphs().cloned().collect();
    assert_eq!(entries, store.record_graphs().cloned().collect::<Vec<_>>());
    assert_eq!(entries[0].source, "a.txt");
    let before: Vec<_> = store.oxigraph().iter().collect::<Result<_, _>>().unwrap();
    for quad in before {
        assert!(reopened.oxigraph().contains(&quad).unwrap());
    }
}

#[test]
fn a_corrupted_snapshot_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = GraphStore::open(dir.path()).unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "1"), ("y", "p", "2")]))
        .unwrap();
    store.save().unwrap();
    let path = dir.path().join(SNAPSHOT_FILE);
    let mut text = snapshot(dir.path());
    text.push_str("<broken> <quad\n");
    fs::write(&path, text).unwrap();

    let err = GraphStore::open(dir.path())
        .err()
        .expect("a corrupted snapshot must not open");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    // Two quads and the checksum line, then the broken line.
    assert!(
        matches!(err, StoreError::Corrupt { line: 4, .. }),
        "{err:?}"
    );
    assert!(message.contains("officegraph recover --store"), "{message}");
}

fn a_missing_store_is_reported_for_readers_and_created_for_writers(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let err = GraphStore::open_existing(&missing).err().expect("no store");
    assert!(
        err.to_string().contains("run `officegraph ingest` first"),
        "{err}"
    );
    assert!(!missing.exists());
    let store = open(&missing, backend);
    assert!(store.is_empty().unwrap());
    assert!(missing.is_dir());
}

#[test]
fn a_missing_manifest_json_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = GraphStore::open(dir.path()).unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    fs::remove_file(dir.path().join(MANIFEST_FILE)).unwrap();
    let reopened = GraphStore::open_existing(dir.path()).unwrap();
    let entries: Vec<_> = reopened.record_graphs().cloned().collect();
    assert_eq!(
        entries,
        vec![RecordEntry {
            graph: format!("{BASE}record/a"),
            source: "a.txt".into(),
            quads: 1
        }]
    );
}

fn a_newer_manifest_is_refused(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let manifest = format!(r#"{{"format_version": 99, "backend": "{backend}"}}"#);
    fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
    let err = GraphStore::open(dir.path()).err().expect("newer format");
    assert!(
        matches!(err, StoreError::NewerFormat { found: 99, .. }),
        "{err:?}"
    );
}

fn removing_a_record_drops_its_graph(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path(), backend);
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    assert!(store.remove_record(&iri("record/a")).unwrap());
    assert!(store.is_empty().unwrap());
    assert_eq!(store.record_graphs().count(), 0);
    store.save().unwrap();
    let reopened = GraphStore::open_existing(dir.path()).unwrap();
    assert!(reopened.is_empty().unwrap());
    assert_eq!(reopened.record_graphs().count(), 0);
}

#[test]
fn a_manifest_with_an_invalid_graph_iri_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = r#"{"format_version": 1, "base": "http://x/", "records": [{"graph": "not an iri", "source": "", "quads": 0}]}"#;
    fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
    let err = GraphStore::open(dir.path())
        .err()
        .expect("invalid graph IRI");
    assert!(matches!(err, StoreError::BadIri { .. }), "{err:?}");
    assert!(err.to_string().contains("manifest.json"), "{err}");
}

mod damage;

#[cfg(feature = "rocksdb")]
mod rocks;
