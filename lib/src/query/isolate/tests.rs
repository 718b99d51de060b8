//! Query stage (tests): isolated evaluation — answers, timeouts, budgets, crashes,
//! and never a child left behind.

use super::*;
use std::time::Instant;

const GIB: u64 = 1 << 30;

/// Whether process `pid` is gone: reaped (a zombie still answers `kill(pid, 0)`).
fn gone(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    pid > 0 && unsafe { libc::kill(pid, 0) } == -1
}

/// Whether process `pid` is gone within 10 s (a killed child is reaped on a thread
/// of its own once the kernel has freed its memory).
pub(crate) fn gone_soon(pid: libc::pid_t) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if gone(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// This process's resident set, in bytes (`/proc/self/statm`, second field).
pub(crate) fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|f| f.parse().ok())
        .expect("rss");
    pages * 4096
}

#[test]
fn the_child_answers_with_its_bytes_even_large_ones() {
    let borrowed = String::from("borrowed, not moved");
    let answer = run(Duration::from_secs(10), GIB, || {
        borrowed.as_bytes().to_vec()
    });
    assert_eq!(answer.as_deref(), Ok(borrowed.as_bytes()));
    assert!(gone_soon(last_child()));
    // Larger than a pipe's buffer: the parent reads while the child writes.
    let big: Vec<u8> = (0..8 << 20).map(|i| (i % 251) as u8).collect();
    let answer = run(Duration::from_secs(10), GIB, || big.clone()).expect("answers");
    assert!(answer == big, "{} bytes back", answer.len());
    assert_eq!(run(Duration::from_secs(10), GIB, Vec::new), Ok(Vec::new()));
}

#[test]
fn a_child_past_its_deadline_is_killed_and_reaped() {
    let started = Instant::now();
    let outcome = run(Duration::from_millis(300), GIB, || loop {
        std::hint::spin_loop();
    });
    assert_eq!(outcome, Err(Isolated::TimedOut));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        gone_soon(last_child()),
        "child {} is still there",
        last_child()
    );
}

#[test]
fn an_abandoned_request_kills_its_child_long_before_the_deadline() {
    let flag = Arc::new(AtomicBool::new(false));
    let setter = {
        let flag = Arc::clone(&flag);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            flag.store(true, Ordering::SeqCst);
        })
    };
    let started = Instant::now();
    let outcome = abandoned_when(flag, || {
        run(Duration::from_secs(600), GIB, || loop {
            std::hint::spin_loop();
        })
    });
    assert_eq!(outcome, Err(Isolated::Abandoned));
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        gone_soon(last_child()),
        "child {} is still there",
        last_child()
    );
    setter.join().expect("setter");
    // The flag belonged to that request only: the next run on this thread answers.
    assert_eq!(
        run(Duration::from_secs(10), GIB, || b"ok".to_vec()),
        Ok(b"ok".to_vec())
    );
}

#[test]
fn a_child_over_its_budget_is_over_budget_and_the_parent_does_not_grow() {
    let before = rss();
    let outcome = run(Duration::from_secs(60), 64 << 20, || {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        loop {
            hoard.push(vec![1u8; 1 << 20]);
            std::hint::black_box(&hoard);
        }
    });
    assert_eq!(outcome, Err(Isolated::OverBudget));
    assert!(gone_soon(last_child()));
    let after = rss();
    assert!(
        after < before + (64 << 20),
        "the parent grew from {before} to {after} bytes"
    );
}

#[test]
fn a_crashing_child_is_a_crash_and_the_parent_goes_on() {
    let aborted = run(Duration::from_secs(10), GIB, || std::process::abort());
    assert_eq!(aborted, Err(Isolated::Crashed(libc::SIGABRT)));
    assert!(gone(last_child()));
    fn deeper(depth: u64) -> u64 {
        let frame = std::hint::black_box([depth; 64]);
        if frame[2] == u64::MAX {
            return 0;
        }
        deeper(frame[0] + 1) + frame[1]
    }
    let overflowed = run(Duration::from_secs(10), GIB, || {
        deeper(0).to_le_bytes().to_vec()
    });
    assert!(
        matches!(overflowed, Err(Isolated::Crashed(s)) if s == libc::SIGABRT || s == libc::SIGSEGV),
        "{overflowed:?}"
    );
    assert!(gone(last_child()));
    let panicked = run(Duration::from_secs(10), GIB, || panic!("in the child"));
    assert_eq!(panicked, Err(Isolated::Panicked));
    // The parent is fine and the next child answers.
    assert_eq!(run(Duration::from_secs(10), GIB, || vec![7]), Ok(vec![7]));
}
