//! Store stage tests: the rocksdb backend's generations — readers keep the generation
//! they opened while a writer publishes, unsaved changes and dead writers' leftovers
//! leave no trace, `recover` falls back a generation, switching backends.

use super::*;

fn generations(dir: &Path) -> Vec<u64> {
    let mut found: Vec<u64> = fs::read_dir(dir.join(ROCKS_DIR))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_prefix("gen-")?.parse().ok()
        })
        .collect();
    found.sort_unstable();
    found
}

fn rocks_store(dir: &Path) -> GraphStore {
    open(dir, Backend::Rocksdb)
}

#[test]
fn a_reader_keeps_its_generation_while_a_writer_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = rocks_store(dir.path());
    writer
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    writer.save().unwrap();
    drop(writer);
    let first = dump(dir.path());

    let reader = GraphStore::open_existing(dir.path()).unwrap();
    assert_eq!(reader.backend(), Backend::Rocksdb);
    let mut writer = GraphStore::open(dir.path()).unwrap();
    writer
        .replace_record(&record("b", &[("y", "p", "2"), ("z", "p", "3")]))
        .unwrap();
    // Before the save, another reader still sees the published store.
    assert_eq!(dump(dir.path()), first);
    writer.save().unwrap();
    assert_eq!(reader.len().unwrap(), 1, "the reader keeps its generation");
    assert_eq!(
        GraphStore::open_existing(dir.path())
            .unwrap()
            .len()
            .unwrap(),
        3
    );
    // Two more saves: the reader's generation stays while it is open.
    writer.save().unwrap();
    writer.save().unwrap();
    assert!(
        generations(dir.path()).contains(&1),
        "{:?}",
        generations(dir.path())
    );
    assert_eq!(reader.len().unwrap(), 1);
    drop(reader);
    writer.save().unwrap();
    assert_eq!(
        generations(dir.path()),
        vec![4, 5],
        "current and previous kept"
    );
    drop(writer);
    assert!(
        fs::read_dir(dir.path().join(ROCKS_DIR).join("readers"))
            .unwrap()
            .next()
            .is_none(),
        "no reader marks left"
    );
}

#[test]
fn an_unsaved_change_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rocks_store(dir.path());
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    store
        .replace_record(&record("a", &[("x", "p", "changed")]))
        .unwrap();
    let work = dir
        .path()
        .join(ROCKS_DIR)
        .join(format!(".work.{}", std::process::id()));
    assert!(work.is_dir());
    drop(store);
    assert!(!work.exists(), "the working copy is removed");
    assert!(dump(dir.path()).contains("\"1\""));
    assert!(!dump(dir.path()).contains("changed"));
}

#[test]
fn a_dead_writers_leftovers_are_ignored_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rocks_store(dir.path());
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    drop(store);
    let before = dump(dir.path());
    // What a writer killed mid-save leaves: a working copy, a half-made generation,
    // and a whole generation renamed into place whose manifest never followed.
    let root = dir.path().join(ROCKS_DIR);
    let dead = 4_000_000_000u32; // above any pid_max
    fs::create_dir_all(root.join(format!(".work.{dead}"))).unwrap();
    fs::create_dir_all(root.join(format!(".gen-2.{dead}.tmp"))).unwrap();
    let mut store = rocks_store(dir.path());
    store
        .replace_record(&record("b", &[("y", "p", "2")]))
        .unwrap();
    let unpublished = root.join("gen-7");
    fs::create_dir_all(&unpublished).unwrap();
    drop(store);
    assert_eq!(
        dump(dir.path()),
        before,
        "the manifest's generation is read"
    );

    let mut store = rocks_store(dir.path());
    store
        .replace_record(&record("b", &[("y", "p", "2")]))
        .unwrap();
    store.save().unwrap();
    drop(store);
    assert_eq!(
        generations(dir.path()),
        vec![1, 8],
        "{:?}",
        generations(dir.path())
    );
    let names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains(&dead.to_string())),
        "{names:?}"
    );
    assert!(dump(dir.path()).contains("\"2\""));
}

#[test]
fn recover_falls_back_to_the_previous_generation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = rocks_store(dir.path());
    store
        .replace_record(&record("a", &[("x", "p", "1")]))
        .unwrap();
    store.save().unwrap();
    let first = dump(dir.path());
    store
        .replace_record(&record("b", &[("y", "p", "2")]))
        .unwrap();
    store.save().unwrap();
    drop(store);
    assert!(matches!(
        recover(dir.path()).unwrap(),
        Recovered::Generation {
            generation: 2,
            problem: None,
            quads: 2,
            ..
        }
    ));
    // Damage the current generation (its table files are shared with the previous
    // one through hard links, so it is the pointer to them that goes).
    fs::remove_file(dir.path().join(ROCKS_DIR).join("gen-2").join("CURRENT")).unwrap();
    let err = GraphStore::open_existing(dir.path())
        .err()
        .expect("a damaged generation must not open");
    let message = err.to_string();
    assert!(
        matches!(err, StoreError::DamagedGeneration { .. }),
        "{err:?}"
    );
    assert!(message.contains("gen-2"), "{message}");
    assert!(
        message.contains(&format!(
            "officegraph recover --store {}",
            dir.path().display()
        )),
        "{message}"
    );
    let report = recover(dir.path()).unwrap();
    assert!(
        matches!(
            report,
            Recovered::Generation {
                generation: 1,
                problem: Some(_),
                quads: 1,
                records: 1
            }
        ),
        "{report:?}"
    );
    assert_eq!(dump(dir.path()), first);
}

#[test]
fn a_rebuilt_store_can_switch_backends() {
    let dir = tempfile::tempdir().unwrap();
    let a = record("a", &[("x", "p", "1")]);
    let mut store = GraphStore::open(dir.path()).unwrap();
    store.replace_record(&a).unwrap();
    store.save().unwrap();
    drop(store);
    let memory = dump(dir.path());
    let err = GraphStore::open_with(dir.path(), Some(Backend::Rocksdb))
        .err()
        .expect("an existing store keeps its backend");
    assert!(matches!(err, StoreError::BackendMismatch { .. }), "{err:?}");

    let mut store = GraphStore::fresh_with(dir.path(), Some(Backend::Rocksdb)).unwrap();
    store.replace_record(&a).unwrap();
    store.save().unwrap();
    drop(store);
    assert_eq!(
        backend::recorded(dir.path()).unwrap(),
        Some(Backend::Rocksdb)
    );
    assert!(!dir.path().join(SNAPSHOT_FILE).exists());
    assert_eq!(dump(dir.path()), memory);
    // Without a backend, a rebuild keeps the store's own.
    let store = GraphStore::fresh_with(dir.path(), None).unwrap();
    assert_eq!(store.backend(), Backend::Rocksdb);
    drop(store);

    let mut store = GraphStore::fresh(dir.path()).unwrap();
    store.replace_record(&a).unwrap();
    store.save().unwrap();
    assert_eq!(
        backend::recorded(dir.path()).unwrap(),
        Some(Backend::Memory)
    );
    assert!(!dir.path().join(ROCKS_DIR).exists());
    assert_eq!(dump(dir.path()), memory);
}
