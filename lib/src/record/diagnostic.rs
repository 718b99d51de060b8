//! Parse stage: diagnostics — every problem found in a record, with `file:line`.

use std::fmt;

/// How bad a problem is. Notes say what was decided and need no action (a table that
/// is not a list of tenures, a row that continues the holding above); warnings never
/// stop a record; errors lose the element they name (a row, an entry) but never the
/// rest of the record. `--strict` fails on warnings and errors, not on notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One problem, located at a 1-based line of a named source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Info => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {level}: {}", self.file, self.line, self.message)
    }
}

/// Collects the diagnostics of one source.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            items: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// A decision worth telling (`file:line: note: …`), not a problem.
    pub fn note(&mut self, line: usize, message: impl Into<String>) {
        self.push(Severity::Info, line, message.into());
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.push(Severity::Warning, line, message.into());
    }

    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.push(Severity::Error, line, message.into());
    }

    fn push(&mut self, severity: Severity, line: usize, message: String) {
        let file = self.file.clone();
        self.items.push(Diagnostic {
            severity,
            file,
            line,
            message,
        });
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_file_line_level_message() {
        let mut d = Diagnostics::new("a.txt");
        d.warn(3, "bad date `31 February 1950`");
        assert_eq!(
            d.items()[0].to_string(),
            "a.txt:3: warning: bad date `31 February 1950`"
        );
    }
}
