//! Store crash safety and locking: SIGKILL a real `officegraph ingest` at random
//! moments and check the store is always the old or the new graph (canonical
//! N-Quads); two writers at once; a reader during a writer.

use crate::cli::{assert_exit, officegraph, text};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_officegraph");
const KILLS: usize = 50;
/// Copies of the seeds in the second record set.
const COPIES: usize = 1;

/// xorshift64*: a small seeded PRNG, so a failing run can be replayed
/// (`OFFICEGRAPH_KILL_SEED=N`).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

pub(crate) fn seed() -> u64 {
    std::env::var("OFFICEGRAPH_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        })
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records")
}

/// A second record set: the seeds again under other titles and file names, so
/// one ingest of it takes a few hundred milliseconds and changes the store.
pub(crate) fn more_records(dir: &Path) -> PathBuf {
    let more = dir.join("more");
    fs::create_dir_all(&more).unwrap();
    for copy in 1..=COPIES {
        for entry in fs::read_dir(seeds()).unwrap() {
            let path = entry.unwrap().path();
            let body = fs::read_to_string(&path).unwrap();
            let (title, rest) = body.split_once('\n').unwrap();
            let title = title.trim_end().trim_end_matches('=').trim_end();
            let stem = path.file_stem().unwrap().to_string_lossy();
            fs::write(
                more.join(format!("{stem}_copy{copy}.txt")),
                format!("{title} (copy {copy}) =\n{rest}"),
            )
            .unwrap();
        }
    }
    more
}

/// `export --canonical` of `dir/store`, whatever its exit.
pub(crate) fn canonical_export(dir: &Path) -> std::process::Output {
    officegraph(
        dir,
        &[
            "export",
            "--store",
            "store",
            "--format",
            "nq",
            "--canonical",
        ],
    )
}

pub(crate) fn canonical(dir: &Path) -> Vec<u8> {
    let out = canonical_export(dir);
    assert_exit(&out, 0);
    out.stdout
}

fn ingest(dir: &Path, records: &Path) -> std::process::Child {
    Command::new(BIN)
        .args(["ingest", records.to_str().unwrap(), "--store", "store"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The seeds store, a copy of its files as they were, the second record set, and
/// the canonical N-Quads before and after ingesting it (plus how long that took).
struct Setup {
    dir: tempfile::TempDir,
    pristine: PathBuf,
    more: PathBuf,
    before: Vec<u8>,
    after: Vec<u8>,
    ingest_time: Duration,
}

fn setup() -> Setup {
    let dir = crate::cli::seeds_store();
    let pristine = dir.path().join("pristine");
    fs::create_dir_all(&pristine).unwrap();
    for name in ["snapshot.nq", "manifest.json"] {
        fs::copy(dir.path().join("store").join(name), pristine.join(name)).unwrap();
    }
    let more = more_records(dir.path());
    let before = canonical(dir.path());
    // Timed twice (the first run pays for a cold start); the faster one counts.
    let mut ingest_time = Duration::MAX;
    for _ in 0..2 {
        reset(dir.path(), &pristine);
        let start = Instant::now();
        let status = ingest(dir.path(), &more).wait().unwrap();
        ingest_time = ingest_time.min(start.elapsed());
        assert!(status.success());
    }
    let after = canonical(dir.path());
    assert_ne!(before, after);
    reset(dir.path(), &pristine);
    Setup {
        dir,
        pristine,
        more,
        before,
        after,
        ingest_time,
    }
}

/// Puts the store back to the seeds (LOCK and snapshot.prev.nq left as they are).
fn reset(dir: &Path, pristine: &Path) {
    for name in ["snapshot.nq", "manifest.json"] {
        fs::copy(pristine.join(name), dir.join("store").join(name)).unwrap();
    }
}

#[test]
fn an_ingest_killed_at_random_moments_leaves_the_old_or_the_new_store() {
    let s = setup();
    let dir = s.dir.path();
    let seed = seed();
    let mut rng = Rng(seed);
    let mut window = s.ingest_time.as_micros() as u64 + 1;
    let (mut old, mut new, mut finished, mut mid_write) = (0, 0, 0, 0);
    let mut commit = window * 9 / 10;
    let start = Instant::now();
    // Until KILLS SIGKILLs have hit a running ingest (runs that ended before their
    // kill are counted apart and do not count as kills).
    let mut kill = 0;
    while kill < KILLS {
        assert!(
            kill + finished < 4 * KILLS,
            "seed {seed}: the kills keep coming too late"
        );
        let mut child = ingest(dir, &s.more);
        // Even rounds: anywhere in the ingest; odd rounds: around the moment the
        // store changes (estimated from the outcomes so far), to hit the save.
        let delay = if (kill + finished) % 2 == 0 {
            rng.next() % window
        } else {
            (commit + rng.next() % (window / 5)).saturating_sub(window / 10)
        };
        std::thread::sleep(Duration::from_micros(delay));
        if child.try_wait().unwrap().is_some() {
            finished += 1;
            window = window * 9 / 10; // ingests run faster than the timed one
        } else {
            child.kill().unwrap(); // SIGKILL
            kill += 1;
        }
        child.wait().unwrap();
        // A temp file of this ingest left behind: the kill landed inside the save.
        let temp = format!(".{}.tmp", child.id());
        let mut in_save = false;
        for entry in fs::read_dir(dir.join("store")).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(&temp) {
                fs::remove_file(path).unwrap();
                in_save = true;
            }
        }
        mid_write += usize::from(in_save);
        let out = canonical_export(dir);
        assert!(
            out.status.success(),
            "kill {kill} (seed {seed}): the store does not open: {}",
            text(&out.stderr)
        );
        if out.stdout == s.before {
            old += 1;
            commit = (commit + window / 20).min(window);
        } else if out.stdout == s.after {
            new += 1;
            commit = commit.saturating_sub(window / 20);
            reset(dir, &s.pristine);
        } else {
            panic!("kill {kill} (seed {seed}): the store is neither the old nor the new graph");
        }
    }
    eprintln!(
        "crash: {KILLS} kills ({} rounds) in {:.1} s (one ingest {} ms, seed {seed}): {old} rounds left the old store, \
         {new} the new; {mid_write} landed inside the save (temp files left), \
         {finished} rounds ended before their kill",
        KILLS + finished,
        start.elapsed().as_secs_f64(),
        s.ingest_time.as_millis()
    );
    // Whatever LOCK the kills left behind, the next ingest takes it over.
    let out = officegraph(
        dir,
        &["ingest", s.more.to_str().unwrap(), "--store", "store"],
    );
    assert_exit(&out, 0);
    assert_eq!(canonical(dir), s.after);
    assert!(!dir.join("store/LOCK").exists());
}

#[test]
fn a_second_writer_is_refused_with_the_holders_pid_and_readers_see_whole_stores() {
    let s = setup();
    let dir = s.dir.path();
    let mut refused = false;
    let mut reads = 0;
    for _attempt in 0..20 {
        reset(dir, &s.pristine);
        let mut writer = ingest(dir, &s.more);
        while !dir.join("store/LOCK").exists() && writer.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let second = officegraph(
            dir,
            &["ingest", s.more.to_str().unwrap(), "--store", "store"],
        );
        // A reader during the write: the old or the new store, never a mixture.
        let read = canonical(dir);
        assert!(
            read == s.before || read == s.after,
            "a reader saw a mixture"
        );
        reads += 1;
        let still_running = writer.try_wait().unwrap().is_none();
        assert!(writer.wait().unwrap().success());
        if second.status.code() == Some(2) {
            let message = text(&second.stderr);
            assert!(
                message.contains(&format!(
                    "is locked by pid {} (officegraph ingest); wait for it or remove",
                    writer.id()
                )),
                "{message}"
            );
            refused = true;
            if still_running {
                break;
            }
        } else {
            assert_exit(&second, 0); // the first writer had finished already
        }
    }
    assert!(refused, "the second ingest never met the first one's lock");
    assert!(reads > 0);
    assert_eq!(canonical(dir), s.after);
}

#[test]
fn a_damaged_snapshot_is_refused_and_recover_restores_the_previous_one() {
    let dir = crate::cli::seeds_store();
    let dir = dir.path();
    let before = canonical(dir);
    let more = more_records(dir);
    assert_exit(
        &officegraph(dir, &["ingest", more.to_str().unwrap(), "--store", "store"]),
        0,
    );
    // Cut the snapshot in half, as a torn write or a bad disk would.
    let snapshot = dir.join("store/snapshot.nq");
    let bytes = fs::read(&snapshot).unwrap();
    fs::write(&snapshot, &bytes[..bytes.len() / 2]).unwrap();
    let out = officegraph(dir, &["export", "--store", "store", "--format", "nq"]);
    assert_exit(&out, 2);
    assert!(out.stdout.is_empty(), "no partial data");
    let message = text(&out.stderr);
    assert!(message.contains("snapshot.nq"), "{message}");
    assert!(
        message.contains("officegraph recover --store store"),
        "{message}"
    );

    let out = officegraph(dir, &["recover", "--store", "store"]);
    assert_exit(&out, 0);
    let report = text(&out.stdout);
    assert!(report.contains("restored snapshot.prev.nq"), "{report}");
    assert_eq!(canonical(dir), before);
    let out = officegraph(dir, &["recover", "--store", "store"]);
    assert_exit(&out, 0);
    assert!(text(&out.stdout).contains("nothing to recover"));
}

/// `export --format nq|nt|ttl` of the whole store streams the snapshot without
/// loading it; a line inserted before the checksum line (the quads the trailer
/// announces still intact) is refused there as by every other command, in the same
/// words (issue 14, item 9).
#[test]
fn export_refuses_a_line_inserted_before_the_checksum_line_like_every_command() {
    let dir = crate::cli::seeds_store();
    let dir = dir.path();
    let snapshot = dir.join("store/snapshot.nq");
    let good = fs::read(&snapshot).unwrap();
    let trailer = good[..good.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    let first_quad = good.split_inclusive(|&b| b == b'\n').next().unwrap();
    let inserts: [&[u8]; 3] = [b"# a comment\n", first_quad, b"not N-Quads\n"];
    for insert in inserts {
        let damaged = [&good[..trailer], insert, &good[trailer..]].concat();
        fs::write(&snapshot, &damaged).unwrap();
        // TriG and a query open the store the ordinary way.
        let reference = officegraph(dir, &["export", "--store", "store", "--format", "trig"]);
        assert_exit(&reference, 2);
        let expected = text(&reference.stderr);
        assert!(
            expected.contains("store/snapshot.nq")
                && expected.contains("officegraph recover --store store"),
            "{expected}"
        );
        let query = officegraph(dir, &["query", "positions", "--store", "store"]);
        assert_exit(&query, 2);
        let store_error = &expected[expected.find("store/snapshot.nq").unwrap()..];
        assert!(
            text(&query.stderr).ends_with(store_error),
            "{}\nvs\n{expected}",
            text(&query.stderr)
        );
        for format in ["nq", "nt", "ttl"] {
            let out = officegraph(dir, &["export", "--store", "store", "--format", format]);
            assert_exit(&out, 2);
            assert!(out.stdout.is_empty(), "--format {format}: no partial data");
            assert_eq!(text(&out.stderr), expected, "--format {format}");
        }
    }
    // The intact snapshot still takes the fast path: its quads, byte for byte.
    fs::write(&snapshot, &good).unwrap();
    let out = officegraph(dir, &["export", "--store", "store", "--format", "nq"]);
    assert_exit(&out, 0);
    assert_eq!(out.stdout, &good[..trailer]);
}
