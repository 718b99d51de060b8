//! Command line: progress bars for long commands (`ingest`, `run`, `convert`,
//! `export`, `push`, `link`), drawn on stderr only when it is a terminal; with stderr
//! redirected (logs, CI, pipes) they draw nothing at all.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// A bar over `len` items (`what`: "records", "graphs"), hidden off a terminal.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), target());
    let template = format!("{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {what} ({{per_sec}}, eta {{eta}})");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// A spinner showing `message` and bytes written, hidden off a terminal.
pub fn bytes_spinner(message: &str) -> ProgressBar {
    let spinner = ProgressBar::with_draw_target(None, target());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {msg}: {bytes} ({bytes_per_sec})",
    ) {
        spinner.set_style(style);
    }
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(200));
    spinner
}

/// A spinner showing `message` while a step without a count runs.
pub fn spinner(message: &str) -> ProgressBar {
    let spinner = ProgressBar::with_draw_target(None, target());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
        spinner.set_style(style);
    }
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(200));
    spinner
}

fn target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

/// A writer that advances `bar` by the bytes it passes on.
pub struct Counting<W> {
    pub inner: W,
    pub bar: ProgressBar,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_a_terminal_nothing_is_drawn_and_bytes_pass_through() {
        let off_terminal = !std::io::stderr().is_terminal();
        let bar = bar(3, "records");
        assert_eq!(bar.is_hidden(), off_terminal);
        let mut out = Counting {
            inner: Vec::new(),
            bar: bytes_spinner("export"),
        };
        out.write_all(b"hello").unwrap();
        assert_eq!(out.inner, b"hello");
        assert_eq!(out.bar.position(), 5);
        assert_eq!(spinner("x").is_hidden(), off_terminal);
    }
}
