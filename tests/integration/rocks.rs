//! Stores on the rocksdb backend through the command line: the same answers as the
//! memory backend, SIGKILLed ingests leave the old or the new store, readers during
//! a writer see whole stores; and a build without the feature says how to rebuild.

use crate::cli::{assert_exit, officegraph, text};
use std::path::Path;

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records")
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn a_build_without_the_feature_says_to_rebuild_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let out = officegraph(
        dir.path(),
        &[
            "ingest",
            seeds.to_str().unwrap(),
            "--store",
            "store",
            "--backend",
            "rocksdb",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--features rocksdb"),
        "{}",
        text(&out.stderr)
    );
    // A rocksdb store made elsewhere: readers say the same.
    std::fs::write(
        dir.path().join("store/manifest.json"),
        r#"{"format_version": 2, "backend": "rocksdb", "generation": 1}"#,
    )
    .unwrap();
    let out = officegraph(dir.path(), &["query", "positions", "--store", "store"]);
    assert_exit(&out, 2);
    let message = text(&out.stderr);
    assert!(message.contains("rocksdb backend"), "{message}");
    assert!(message.contains("--features rocksdb"), "{message}");
}

#[cfg(feature = "rocksdb")]
mod with_the_feature {
    use super::*;
    use crate::crash::{canonical, canonical_export, more_records, seed, Rng};
    use std::fs;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    const BIN: &str = env!("CARGO_BIN_EXE_officegraph");
    const KILLS: usize = 30;

    fn ingest(dir: &Path, records: &Path) -> Child {
        Command::new(BIN)
            .args(["ingest", records.to_str().unwrap(), "--store", "store"])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// A temp folder with the seeds in a rocksdb `store/`.
    fn rocks_seeds_store() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let seeds = seeds();
        let out = officegraph(
            dir.path(),
            &[
                "ingest",
                seeds.to_str().unwrap(),
                "--store",
                "store",
                "--backend",
                "rocksdb",
            ],
        );
        assert_exit(&out, 0);
        dir
    }

    fn copy_tree(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_tree(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn reset(dir: &Path, pristine: &Path) {
        let _ = fs::remove_dir_all(dir.join("store"));
        copy_tree(pristine, &dir.join("store"));
    }

    #[test]
    fn both_backends_give_the_same_answers_and_a_store_keeps_its_backend() {
        let memory = crate::cli::seeds_store();
        let rocks = rocks_seeds_store();
        assert_eq!(canonical(memory.path()), canonical(rocks.path()));
        for query in ["positions", "succession", "incumbents"] {
            let args = ["query", query, "--store", "store", "--format", "csv"];
            let (a, b) = (
                officegraph(memory.path(), &args),
                officegraph(rocks.path(), &args),
            );
            assert_exit(&a, 0);
            assert_exit(&b, 0);
            assert_eq!(text(&a.stdout), text(&b.stdout), "{query}");
        }
        let manifest = fs::read_to_string(rocks.path().join("store/manifest.json")).unwrap();
        assert!(manifest.contains("\"rocksdb\""), "{manifest}");
        // Later commands open it as it is; asking for another backend is an error.
        let seeds = seeds();
        let out = officegraph(
            rocks.path(),
            &[
                "ingest",
                seeds.to_str().unwrap(),
                "--store",
                "store",
                "--backend",
                "memory",
            ],
        );
        assert_exit(&out, 2);
        assert!(
            text(&out.stderr).contains("is a rocksdb store"),
            "{}",
            text(&out.stderr)
        );
        let out = officegraph(rocks.path(), &["recover", "--store", "store"]);
        assert_exit(&out, 0);
        assert!(
            text(&out.stdout).contains("nothing to recover"),
            "{}",
            text(&out.stdout)
        );
    }

    #[test]
    fn a_rocksdb_ingest_killed_at_random_moments_leaves_the_old_or_the_new_store() {
        let holder = rocks_seeds_store();
        let dir = holder.path();
        let pristine = dir.join("pristine");
        copy_tree(&dir.join("store"), &pristine);
        let more = more_records(dir);
        let before = canonical(dir);
        let start = Instant::now();
        assert!(ingest(dir, &more).wait().unwrap().success());
        let window = start.elapsed().as_micros() as u64 + 1;
        let after = canonical(dir);
        assert_ne!(before, after);
        let seed = seed();
        let mut rng = Rng(seed);
        let (mut kills, mut rounds, mut old, mut new) = (0, 0, 0, 0);
        while kills < KILLS {
            assert!(
                rounds < 4 * KILLS,
                "seed {seed}: the kills keep coming too late"
            );
            rounds += 1;
            reset(dir, &pristine);
            let mut child = ingest(dir, &more);
            std::thread::sleep(Duration::from_micros(rng.next() % window));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL
                kills += 1;
            }
            child.wait().unwrap();
            let out = canonical_export(dir);
            assert!(
                out.status.success(),
                "round {rounds} (seed {seed}): the store does not open: {}",
                text(&out.stderr)
            );
            if out.stdout == before {
                old += 1;
            } else if out.stdout == after {
                new += 1;
            } else {
                panic!("round {rounds} (seed {seed}): neither the old nor the new store");
            }
        }
        eprintln!(
            "rocks crash: {kills} kills in {rounds} rounds (seed {seed}): {old} old, {new} new"
        );
        // The next writer takes over whatever the kills left and finishes.
        assert!(ingest(dir, &more).wait().unwrap().success());
        assert_eq!(canonical(dir), after);
        assert!(!dir.join("store/LOCK").exists());
    }

    #[test]
    fn readers_during_a_rocksdb_ingest_see_whole_stores_and_a_second_writer_is_refused() {
        let holder = rocks_seeds_store();
        let dir = holder.path();
        let more = more_records(dir);
        let before = canonical(dir);
        let mut writer = ingest(dir, &more);
        let (mut reads, mut refused) = (Vec::new(), None);
        while writer.try_wait().unwrap().is_none() || reads.is_empty() {
            reads.push(canonical(dir));
            if refused.is_none() && dir.join("store/LOCK").exists() {
                let second =
                    officegraph(dir, &["ingest", more.to_str().unwrap(), "--store", "store"]);
                refused = Some(second);
            }
        }
        assert!(writer.wait().unwrap().success());
        let after = canonical(dir);
        assert_ne!(before, after);
        let olds = reads.iter().filter(|r| **r == before).count();
        let news = reads.iter().filter(|r| **r == after).count();
        assert_eq!(olds + news, reads.len(), "a reader saw a mixture");
        eprintln!(
            "rocks readers: {} reads during one ingest: {olds} old, {news} new",
            reads.len()
        );
        // A second writer while the first held the lock waited for nothing: refused.
        if let Some(second) = refused {
            if second.status.code() == Some(2) {
                let message = text(&second.stderr);
                assert!(message.contains("is locked by pid"), "{message}");
            } else {
                assert_exit(&second, 0); // the first had finished in between
            }
        }
    }
}
