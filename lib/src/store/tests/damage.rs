//! Store stage tests: damaged snapshots — checksum mismatch, torn file, missing
//! files, a format-1 store, the export fast path's check, `recover` — and a save
//! whose `manifest.json` cannot be written after the commit (a disk that fills).

use super::*;

/// A saved store in a temp folder with two records, saved twice (so that
/// `snapshot.prev.nq` holds the first state) — returns (folder, first, second).
fn two_saves() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = GraphStore::open(dir.path()).unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    let first = fs::read(dir.path().join(SNAPSHOT_FILE)).unwrap();
    store
        .replace_record(&record("b", &[("y", "p", "2"), ("z", "p", "3")]))
        .unwrap();
    store.save().unwrap();
    let second = fs::read(dir.path().join(SNAPSHOT_FILE)).unwrap();
    (dir, first, second)
}

fn open_err(dir: &Path) -> StoreError {
    GraphStore::open_existing(dir)
        .err()
        .expect("a damaged snapshot must not open")
}

#[test]
fn save_keeps_the_previous_snapshot() {
    let (dir, first, second) = two_saves();
    assert_ne!(first, second);
    assert_eq!(
        fs::read(dir.path().join(PREV_SNAPSHOT_FILE)).unwrap(),
        first
    );
    let text = String::from_utf8(second).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.starts_with(snapshot::TRAILER_PREFIX), "{last}");
    assert!(last.contains("\"sha256\""), "{last}");
}

#[test]
fn a_checksum_mismatch_is_refused_naming_the_file() {
    let (dir, _, second) = two_saves();
    let path = dir.path().join(SNAPSHOT_FILE);
    // Same length, one literal changed: still valid N-Quads, wrong checksum.
    let text = String::from_utf8(second)
        .unwrap()
        .replacen("\"2\"", "\"9\"", 1);
    fs::write(&path, text).unwrap();
    let err = open_err(dir.path());
    let message = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("SHA-256"), "{message}");
    assert!(message.contains("officegraph recover --store"), "{message}");
}

#[test]
fn a_torn_snapshot_is_refused_wherever_it_was_cut() {
    let (dir, _, second) = two_saves();
    let path = dir.path().join(SNAPSHOT_FILE);
    for cut in 1..second.len() {
        fs::write(&path, &second[..cut]).unwrap();
        let err = open_err(dir.path());
        assert!(
            matches!(err, StoreError::Damaged { .. } | StoreError::Corrupt { .. }),
            "cut at {cut}: {err:?}"
        );
        assert!(err.to_string().contains(&path.display().to_string()));
    }
    // An empty file with a format-2 manifest.json is damaged too.
    fs::write(&path, b"").unwrap();
    assert!(matches!(open_err(dir.path()), StoreError::Damaged { .. }));
}

#[test]
fn a_missing_snapshot_with_records_in_the_manifest_is_refused() {
    let (dir, _, _) = two_saves();
    fs::remove_file(dir.path().join(SNAPSHOT_FILE)).unwrap();
    assert!(matches!(open_err(dir.path()), StoreError::Damaged { .. }));
}

#[test]
fn a_format_1_store_still_opens_and_is_upgraded_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let nq = format!("<{BASE}x> <{BASE}p> \"1\" <{BASE}record/a> .\n");
    fs::write(dir.path().join(SNAPSHOT_FILE), &nq).unwrap();
    let manifest = format!(
        r#"{{"format_version": 1, "base": "{BASE}", "records": [{{"graph": "{BASE}record/a", "source": "a.txt", "quads": 1}}]}}"#
    );
    fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
    let mut store = GraphStore::open_existing(dir.path()).unwrap();
    assert_eq!(store.len().unwrap(), 1);
    assert_eq!(store.record_graphs().next().unwrap().source, "a.txt");
    store.save().unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join(PREV_SNAPSHOT_FILE)).unwrap(),
        nq
    );
    let saved = fs::read_to_string(dir.path().join(SNAPSHOT_FILE)).unwrap();
    assert!(saved.starts_with(&nq) && saved.contains(snapshot::TRAILER_PREFIX));
    assert_eq!(
        GraphStore::open_existing(dir.path())
            .unwrap()
            .len()
            .unwrap(),
        1
    );
}

#[test]
fn recover_restores_the_previous_snapshot_and_keeps_the_damaged_one() {
    let (dir, first, second) = two_saves();
    let path = dir.path().join(SNAPSHOT_FILE);
    assert!(matches!(
        recover(dir.path()).unwrap(),
        Recovered::Intact { quads: 3, .. }
    ));
    fs::write(&path, &second[..second.len() / 2]).unwrap();
    let report = recover(dir.path()).unwrap();
    assert!(
        matches!(report, Recovered::Restored { quads: 1, .. }),
        "{report:?}"
    );
    assert!(
        report.to_string().contains("restored snapshot.prev.nq"),
        "{report}"
    );
    assert_eq!(fs::read(&path).unwrap(), first);
    assert_eq!(
        fs::read(dir.path().join(DAMAGED_SNAPSHOT_FILE)).unwrap(),
        &second[..second.len() / 2]
    );
    assert_eq!(
        GraphStore::open_existing(dir.path())
            .unwrap()
            .len()
            .unwrap(),
        1
    );
}

#[test]
fn recover_fails_clearly_when_both_snapshots_are_damaged() {
    let (dir, _, _) = two_saves();
    fs::write(dir.path().join(SNAPSHOT_FILE), b"garbage").unwrap();
    fs::write(dir.path().join(PREV_SNAPSHOT_FILE), b"<a> <b\n").unwrap();
    let err = recover(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Unrecoverable { .. }), "{err:?}");
    assert!(err.to_string().contains("snapshot.prev.nq"), "{err}");
}

#[test]
fn the_export_fast_path_refuses_a_line_before_the_checksum_line_as_open_does() {
    let (dir, _, second) = two_saves();
    let path = dir.path().join(SNAPSHOT_FILE);
    let trailer = second[..second.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    let inserts: [&[u8]; 2] = [b"# a comment\n", b"<urn:a> <urn:b> <urn:c> .\n"];
    for insert in inserts {
        fs::write(
            &path,
            [&second[..trailer], insert, &second[trailer..]].concat(),
        )
        .unwrap();
        let opened = open_err(dir.path()).to_string();
        assert!(
            opened.contains("bytes of quads where the checksum line says"),
            "{opened}"
        );
        let streamed = snapshot_quads(dir.path())
            .err()
            .expect("the fast path must refuse it too");
        assert_eq!(streamed.to_string(), opened);
    }
}

/// Fails the manifest's write after the snapshot's rename, as a disk that fills at
/// that moment would: a folder holds the name of the manifest's temporary file.
fn block_manifest(dir: &Path) -> PathBuf {
    let blocker = dir.join(format!(".{MANIFEST_FILE}.{}.tmp", std::process::id()));
    fs::create_dir(&blocker).unwrap();
    blocker
}

#[test]
fn a_manifest_unwritable_after_the_commit_says_the_new_data_is_committed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = GraphStore::open(dir.path()).unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    store
        .replace_record(&record("b", &[("y", "p", "2")]))
        .unwrap();
    let blocker = block_manifest(dir.path());
    let err = store.save().expect_err("manifest.json cannot be written");
    assert!(matches!(err, StoreError::ManifestStale { .. }), "{err:?}");
    let message = err.to_string();
    for part in [
        "snapshot.nq: the new data is committed",
        "store opens with it",
        "manifest.json, a readable copy",
        "until the next save rewrites it",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    // And so it is: the store opens with both records; the next save heals it.
    let reopened = GraphStore::open_existing(dir.path()).unwrap();
    assert_eq!(reopened.record_graphs().count(), 2);
    fs::remove_dir(&blocker).unwrap();
    store.save().unwrap();
    let manifest = fs::read_to_string(dir.path().join(MANIFEST_FILE)).unwrap();
    assert!(manifest.contains("record/b"), "{manifest}");
}

#[test]
fn a_stale_manifest_naming_another_backend_says_the_old_data_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let manifest =
        r#"{"format_version": 2, "backend": "rocksdb", "base": "http://x/", "records": []}"#;
    fs::write(dir.path().join(MANIFEST_FILE), manifest).unwrap();
    let mut store = GraphStore::fresh(dir.path()).unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    block_manifest(dir.path());
    let err = store.save().expect_err("manifest.json cannot be written");
    assert!(
        matches!(err, StoreError::ManifestNamesOtherBackend { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("still names the rocksdb backend, so the store opens its previous data"),
        "{message}"
    );
}
