//! Query stage: evaluation in a forked child process — the way `serve` keeps a
//! runaway query from hurting the server. [`run`] forks; the child lowers its CPU
//! priority, caps its address space at its size now plus a budget, runs the work,
//! writes the bytes it returns to a pipe and `_exit`s. The parent reads the pipe
//! with a deadline; at the deadline it kills the child (`SIGKILL`: its memory is
//! freed at once, whatever join or sort it was in) and reaps it. A child that dies
//! becomes an error: an allocation refused under the cap is [`Isolated::OverBudget`],
//! any other signal [`Isolated::Crashed`]. Every child is reaped: no zombies; and a
//! child dies with its server (`PR_SET_PDEATHSIG`): no orphans left evaluating.
//!
//! Linux only ([`AVAILABLE`]): the child's size is read from `/proc/self/statm` and
//! its inherited descriptors are closed with `close_range`. Elsewhere, and for stores
//! with threads of their own (RocksDB's background threads hold locks a fork would
//! copy held), callers use the thread-based [`super::deadline::within`].
//!
//! # Why the child cannot deadlock the server, nor itself (in practice)
//!
//! A forked child has one thread, the one that called `fork`; every lock another
//! thread held at that instant stays held, forever, in the child. So the child must
//! take no lock another thread may hold:
//! - **malloc:** glibc's `fork` takes every arena lock before forking and resets them
//!   in the child, so the child allocates freely.
//! - **the store** (Oxigraph 0.5.13's in-memory storage, `storage/memory.rs`): `serve`
//!   never writes, so nobody holds the transaction lock or a write lock. Readers take
//!   read locks only — the `DashMap` shards' and `last_quad`'s `RwLock` — and a read
//!   lock held by another thread at the fork stays counted in the child but never
//!   blocks the child's own reads (no writer is ever waiting). The one exclusive lock
//!   a reader takes is a quad's `range` mutex, for a few instructions while it checks
//!   the quad's version; if another thread was inside that window at the fork, the
//!   child would block on that quad — and is killed at the deadline like any slow
//!   query (a 503, never a hang of the server).
//! - **the child's own code:** it never logs, never prints (stdout and stderr are the
//!   pipes), never spawns a thread, never runs destructors of process state (`_exit`,
//!   not `exit`) and never returns into the caller's stack. A panic is caught and
//!   becomes [`Isolated::Panicked`]; the child's panic hook is a silent one (setting
//!   it takes std's hook lock, held in the parent only while a thread is panicking;
//!   the child would then wait for its deadline), and the default hook of an
//!   allocation failure writes to the stderr pipe without locking.
//!
//! The parent never blocks on a live child: it waits (`waitpid`) only for one whose
//! pipes have closed (it died); one that was killed, or that has answered but not yet
//! ended, is reaped by a thread of its own — freeing gigabytes at nice +10 can take
//! seconds on a busy machine, which the answer need not wait for.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

thread_local! {
    /// The abandonment flag of the request this thread is answering, if any.
    static ABANDONED: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Runs `answer` with `flag` as the abandonment flag of every [`run`] it makes on
/// this thread: once `flag` is set (the HTTP layer sets it when the client goes
/// away), the running child is killed at once and [`run`] answers
/// [`Isolated::Abandoned`], instead of evaluating for nobody until the deadline.
pub fn abandoned_when<T>(flag: Arc<AtomicBool>, answer: impl FnOnce() -> T) -> T {
    struct Reset(Option<Arc<AtomicBool>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            ABANDONED.with(|current| *current.borrow_mut() = previous);
        }
    }
    let previous = ABANDONED.with(|current| current.borrow_mut().replace(flag));
    let _reset = Reset(previous);
    answer()
}

/// This thread's abandonment flag (see [`abandoned_when`]).
fn abandonment() -> Option<Arc<AtomicBool>> {
    ABANDONED.with(|current| current.borrow().clone())
}

/// Whether [`run`] can fork here (Linux); elsewhere it answers [`Isolated::Io`].
pub const AVAILABLE: bool = cfg!(target_os = "linux");

/// Most children running at once; past it [`run`] answers [`Isolated::Busy`].
pub const MAX_CHILDREN: usize = 64;

static CHILDREN: AtomicUsize = AtomicUsize::new(0);

/// Why [`run`] gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Isolated {
    /// The time ran out; the child was killed and reaped.
    #[error("the time ran out")]
    TimedOut,
    /// The child needed more memory than its budget.
    #[error("the evaluation exceeded its memory budget")]
    OverBudget,
    /// The child died of this signal (a stack overflow aborts: `SIGABRT`).
    #[error("the evaluation crashed (signal {0})")]
    Crashed(i32),
    /// The work panicked in the child.
    #[error("the evaluation panicked")]
    Panicked,
    /// The request the evaluation was for was abandoned (its client went away, see
    /// [`abandoned_when`]); the child was killed and reaped.
    #[error("the client went away")]
    Abandoned,
    /// Too many children are running (see [`MAX_CHILDREN`]).
    #[error("too many evaluations are running")]
    Busy,
    /// No child could be started or heard (or this platform cannot fork).
    #[error("cannot run the evaluation in a child process: {0}")]
    Io(String),
}

/// Runs `work` in a forked child process whose address space may grow by at most
/// `budget` bytes, waits at most `timeout` for the bytes it returns, and kills it
/// past that. `work` runs on a copy of this process's memory, so it may borrow
/// anything; nothing it does (but the bytes it returns) reaches this process.
pub fn run(
    timeout: Duration,
    budget: u64,
    work: impl FnOnce() -> Vec<u8>,
) -> Result<Vec<u8>, Isolated> {
    if CHILDREN.fetch_add(1, Ordering::SeqCst) >= MAX_CHILDREN {
        CHILDREN.fetch_sub(1, Ordering::SeqCst);
        return Err(Isolated::Busy);
    }
    let _counted = Counted;
    #[cfg(target_os = "linux")]
    return linux::run(timeout, budget, abandonment().as_deref(), work);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (timeout, budget, work, abandonment());
        Err(Isolated::Io(
            "isolated evaluation needs Linux; use the thread-based deadline".to_owned(),
        ))
    }
}

/// Counts a child while [`run`] lives.
struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        CHILDREN.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(target_os = "linux")]
mod linux;

#[cfg(all(test, target_os = "linux"))]
pub(crate) use linux::last_child;

#[cfg(all(test, target_os = "linux"))]
pub(crate) mod tests;
