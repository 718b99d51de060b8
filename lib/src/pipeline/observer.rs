//! Pipeline (use cases): how a long job tells its caller what happens while it runs —
//! diagnostics, inputs that failed, notes and progress — as Oxigraph's bulk loader
//! does with `on_progress` and `on_parse_error`. The library never prints; the caller's
//! observer decides how (the command line draws a bar and writes to stderr).

use crate::record::Diagnostic;
use std::error::Error;
use std::path::Path;

/// One thing a job reports while it runs.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// Work on `total` inputs begins (a caller may draw a progress bar).
    Started { total: usize },
    /// One more input is done: loaded, or reported as failed.
    Advanced,
    /// A step of the job without a count begins ("linking", "saving the store"); a
    /// caller may show it on a spinner until the next step or [`Event::Finished`].
    Step(&'a str),
    /// Work on the inputs is over (before the job's last steps: saving, exports…).
    Finished,
    /// A problem or remark about a record, with `file:line`.
    Diagnostic(&'a Diagnostic),
    /// A symlink inside a folder that leads back to a folder already walked: not
    /// followed (counted as a warning).
    SymlinkLoop { link: &'a Path, target: &'a Path },
    /// An entry inside a folder that cannot be followed — a dangling symlink, a loop
    /// of symlinks, an entry that cannot be read — and what is wrong: skipped (counted
    /// as a warning; the walk goes on).
    Skipped { path: &'a Path, problem: &'a str },
    /// An input, a stored query or another unit of the job that could not be done; the
    /// others go on. Its `source()` chain says why.
    Failed(&'a (dyn Error + 'static)),
    /// A remark about the job itself (a stored query skipped, a stale lock taken over).
    Note(&'a str),
}

/// Receives a job's [`Event`]s. Any `FnMut(Event)` closure is one.
///
/// ```
/// use officegraph::pipeline::{Event, Observer};
///
/// let mut failures = 0;
/// let mut observer = |event: Event<'_>| {
///     if let Event::Failed(_) = event {
///         failures += 1;
///     }
/// };
/// observer.on_event(Event::Started { total: 1 });
/// assert_eq!(failures, 0);
/// ```
pub trait Observer {
    fn on_event(&mut self, event: Event<'_>);
}

impl<F: FnMut(Event<'_>)> Observer for F {
    fn on_event(&mut self, event: Event<'_>) {
        self(event)
    }
}

/// An observer that ignores everything (the job's report still counts it all).
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Observer for Silent {
    fn on_event(&mut self, _: Event<'_>) {}
}

/// An error and its causes as one line, `outer: cause: root cause`, the way the
/// command line prints errors.
pub fn error_chain(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot load a.txt")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn chains_join_every_cause() {
        let error = Outer(std::io::Error::other("disk full"));
        assert_eq!(error_chain(&error), "cannot load a.txt: disk full");
    }
}
