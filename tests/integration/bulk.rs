//! `ingest` into a new memory store takes the bulk path (lines sorted straight into
//! the snapshot, no store built); into a store that holds data, the store path. Both
//! must leave the same store, byte for byte.

use crate::cli::{assert_exit, officegraph, text};
use std::fs;
use std::path::Path;

const GS: &str = "General Secretary of the Communist Party of Vietnam";

/// Seeds, a generated corpus, a record that joins a seed's position (so the
/// across-records succession graph is written and links leave a record graph), and
/// two files with the same stem (the later replaces the earlier).
fn records(dir: &Path) {
    let records = dir.join("records");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    fs::create_dir_all(records.join("seeds")).unwrap();
    for entry in fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, records.join("seeds").join(path.file_name().unwrap())).unwrap();
    }
    let out = officegraph(
        dir,
        &[
            "gen-corpus",
            "--records",
            "40",
            "--seed",
            "7",
            "records/generated",
        ],
    );
    assert_exit(&out, 0);
    fs::create_dir_all(records.join("x")).unwrap();
    fs::create_dir_all(records.join("y")).unwrap();
    fs::write(
        records.join("x/extra.csv"),
        format!("position,name,start,end\n{GS},Ann Extra,1947-01-01,1950-01-01\n"),
    )
    .unwrap();
    fs::write(
        records.join("y/extra.csv"),
        format!("position,name,start,end\n{GS},Bea Extra,1948-01-01,1950-01-01\n"),
    )
    .unwrap();
}

/// The closing line of an ingest, without the store folder's name.
fn summary(stderr: &[u8], store: &str) -> String {
    let all = text(stderr);
    let line = all
        .lines()
        .rev()
        .find(|l| l.starts_with("ingested "))
        .unwrap_or_else(|| panic!("no summary in {all}"));
    line.replace(store, "STORE")
}

#[test]
fn the_bulk_path_and_the_store_path_leave_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    records(dir.path());
    let bulk = officegraph(dir.path(), &["ingest", "records", "--store", "bulk"]);
    assert_exit(&bulk, 0);
    let stderr = text(&bulk.stderr);
    assert!(stderr.contains("same record IRI"), "{stderr}");
    // The store path: the same ingest into a store that already holds some records.
    assert_exit(
        &officegraph(
            dir.path(),
            &["ingest", "records/seeds", "--store", "stepwise"],
        ),
        0,
    );
    let stepwise = officegraph(dir.path(), &["ingest", "records", "--store", "stepwise"]);
    assert_exit(&stepwise, 0);
    assert_eq!(
        summary(&bulk.stderr, "bulk"),
        summary(&stepwise.stderr, "stepwise")
    );
    let snapshot = |store: &str| fs::read(dir.path().join(store).join("snapshot.nq")).unwrap();
    let (a, b) = (snapshot("bulk"), snapshot("stepwise"));
    assert!(a == b, "the two snapshots differ");
    let a = String::from_utf8(a).unwrap();
    assert!(
        a.contains("/id/succession> .\n"),
        "the succession graph is written"
    );
    assert!(
        a.contains("Bea Extra") && !a.contains("Ann Extra"),
        "y/extra.csv replaced x/extra.csv"
    );
    let manifest = |store: &str| fs::read(dir.path().join(store).join("manifest.json")).unwrap();
    assert_eq!(manifest("bulk"), manifest("stepwise"));
    // The bulk-made store opens and answers like any other.
    let out = officegraph(
        dir.path(),
        &["query", "incumbents", "--store", "bulk", "--format", "csv"],
    );
    assert_exit(&out, 0);
    assert!(
        text(&out.stdout).contains("Tô Lâm"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn exports_from_the_snapshot_equal_the_loaded_stores() {
    let dir = tempfile::tempdir().unwrap();
    records(dir.path());
    assert_exit(
        &officegraph(dir.path(), &["ingest", "records", "--store", "store"]),
        0,
    );
    for format in ["ttl", "nt", "nq"] {
        // From the snapshot (a whole memory store, og profile) ...
        let whole = officegraph(
            dir.path(),
            &["export", "--store", "store", "--format", format],
        );
        assert_exit(&whole, 0);
        // ... and from the loaded store: the wikidata profile always loads it, so
        // compare through a copy whose snapshot has no trailer (a format-1 store,
        // which is exported from the store).
        let legacy = dir.path().join(format!("legacy-{format}"));
        fs::create_dir_all(&legacy).unwrap();
        let snapshot = fs::read_to_string(dir.path().join("store/snapshot.nq")).unwrap();
        let body: String = snapshot
            .lines()
            .filter(|l| !l.starts_with("# officegraph-snapshot "))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(legacy.join("snapshot.nq"), body).unwrap();
        let loaded = officegraph(
            dir.path(),
            &[
                "export",
                "--store",
                legacy.to_str().unwrap(),
                "--format",
                format,
            ],
        );
        assert_exit(&loaded, 0);
        assert!(
            whole.stdout == loaded.stdout,
            "{format}: the export from the snapshot differs from the loaded store's"
        );
        assert!(!whole.stdout.is_empty());
    }
}

/// A new rocksdb store is filled through Oxigraph's bulk loader: the same graphs, the
/// same summary as the memory store's bulk path.
#[cfg(feature = "rocksdb")]
#[test]
fn the_rocksdb_bulk_load_leaves_the_same_graphs() {
    let dir = tempfile::tempdir().unwrap();
    records(dir.path());
    let memory = officegraph(dir.path(), &["ingest", "records", "--store", "memory"]);
    assert_exit(&memory, 0);
    let rocks = officegraph(
        dir.path(),
        &[
            "ingest",
            "records",
            "--store",
            "rocks",
            "--backend",
            "rocksdb",
        ],
    );
    assert_exit(&rocks, 0);
    assert_eq!(
        summary(&memory.stderr, "memory"),
        summary(&rocks.stderr, "rocks")
    );
    let export = |store: &str| {
        let out = officegraph(dir.path(), &["export", "--store", store, "--format", "nq"]);
        assert_exit(&out, 0);
        out.stdout
    };
    let (a, b) = (export("memory"), export("rocks"));
    assert!(!a.is_empty() && a == b, "the two stores' N-Quads differ");
    // Adding to it again takes the store path and changes nothing.
    let again = officegraph(dir.path(), &["ingest", "records", "--store", "rocks"]);
    assert_exit(&again, 0);
    assert!(export("rocks") == a);
}
