//! Query stage: the one query timeout — the evaluation runs on a thread of its own;
//! the caller waits for it with a deadline, then cancels it through Oxigraph's
//! cancellation token and goes on at once. Used by `serve` (per request) and by
//! `officegraph query --timeout`.

use oxigraph::sparql::CancellationToken;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Most evaluations running at once, counting cancelled ones that have not yet
/// reached a cancellation check (Oxigraph checks the token when it reads the store,
/// not inside a join that is already materialized). Past it, [`within`] refuses.
pub const MAX_EVALUATIONS: usize = 32;

/// The stack of an evaluation thread: Oxigraph's parser and evaluator recurse once
/// per nesting level, so a query under [`crate::query::MAX_NESTING`] needs far less;
/// the rest is only reserved address space.
pub const EVALUATION_STACK: usize = 64 << 20;

static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Why [`within`] gave up.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Stopped {
    /// The time ran out; the work's token was cancelled.
    #[error("the time ran out")]
    TimedOut,
    /// Too many evaluations are running (see [`MAX_EVALUATIONS`]).
    #[error("too many evaluations are running")]
    Busy,
    /// No thread could be started.
    #[error("no evaluation thread: {0}")]
    NoThread(String),
}

/// Runs `work` on an evaluation thread of its own and waits at most `timeout` for
/// it. When the time is up, the token `work` was given is cancelled and
/// `Stopped::TimedOut` returned at once; the thread ends at its next check.
pub fn within<T: Send + 'static>(
    timeout: Duration,
    work: impl FnOnce(CancellationToken) -> T + Send + 'static,
) -> Result<T, Stopped> {
    if RUNNING.fetch_add(1, Ordering::SeqCst) >= MAX_EVALUATIONS {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        return Err(Stopped::Busy);
    }
    let token = CancellationToken::new();
    let (done, result) = mpsc::channel();
    let spawned = {
        let token = token.clone();
        std::thread::Builder::new()
            .name("officegraph query evaluation".to_owned())
            .stack_size(EVALUATION_STACK)
            .spawn(move || {
                let _running = Running;
                let _ = done.send(work(token));
            })
    };
    if let Err(e) = spawned {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        return Err(Stopped::NoThread(e.to_string()));
    }
    match result.recv_timeout(timeout) {
        Ok(value) => Ok(value),
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(Stopped::TimedOut)
        }
        Err(RecvTimeoutError::Disconnected) => Err(Stopped::NoThread(
            "the evaluation thread ended without an answer".to_owned(),
        )),
    }
}

/// Counts an evaluation thread while it lives.
struct Running;

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn within_answers_or_times_out_and_cancels() {
        assert_eq!(within(Duration::from_secs(5), |_| 42), Ok(42));
        let (seen, cancelled) = mpsc::channel();
        let started = Instant::now();
        let outcome = within(Duration::from_millis(100), move |token| {
            // A loop that, like a materialized join, checks its token only now and then.
            while !token.is_cancelled() {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = seen.send(());
        });
        assert_eq!(outcome, Err(Stopped::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(cancelled.recv_timeout(Duration::from_secs(2)).is_ok());
    }
}
