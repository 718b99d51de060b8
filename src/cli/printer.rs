//! Command line: the observer that prints a job's events — diagnostics, failed inputs
//! and notes on stderr, above a progress bar drawn only on a terminal.

use super::{progress, terminal};
use indicatif::ProgressBar;
use officegraph::pipeline::{error_chain, Event, Observer};
use std::io::{self, Write};

/// Prints every event of a job; `what` names the items the bar counts ("records").
pub struct Printer {
    what: &'static str,
    bar: Option<ProgressBar>,
}

impl Printer {
    pub fn new(what: &'static str) -> Self {
        Self { what, bar: None }
    }

    /// Writes `line` (control characters escaped: it holds file names and record
    /// text) and a newline to stderr, above the progress bar if one is drawn.
    fn say(&self, line: &str) {
        let text = format!("{}\n", terminal::safe(line));
        let write = || {
            let _ = io::stderr().lock().write_all(text.as_bytes());
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }
}

impl Observer for Printer {
    fn on_event(&mut self, event: Event<'_>) {
        match event {
            Event::Started { total } => self.bar = Some(progress::bar(total as u64, self.what)),
            Event::Step(message) => match &self.bar {
                Some(bar) => bar.set_message(message.to_owned()),
                None => self.bar = Some(progress::spinner(message)),
            },
            Event::Advanced => {
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
            }
            Event::Finished => {
                if let Some(bar) = self.bar.take() {
                    bar.finish_and_clear();
                }
            }
            Event::Diagnostic(d) => self.say(&d.to_string()),
            Event::SymlinkLoop { link, target } => self.say(&format!(
                "{}: warning: symlink loop back to {}; not followed",
                link.display(),
                target.display()
            )),
            Event::Skipped { path, problem } => {
                self.say(&format!("{}: warning: {problem}; skipped", path.display()))
            }
            Event::Failed(error) => {
                self.say(&format!("officegraph: error: {}", error_chain(error)))
            }
            Event::Note(text) => self.say(&format!("officegraph: note: {text}")),
        }
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
