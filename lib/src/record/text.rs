//! Parse stage: bytes → text. Tolerates a byte order mark, CRLF line ends, invalid
//! UTF-8 and stray control characters (each with a warning), and normalizes to NFC so
//! a name typed decomposed is the same name.

use super::Diagnostics;
use unicode_normalization::UnicodeNormalization;

/// Per-line warnings of one kind reported before the rest are summed up in one line.
const MAX_LINE_WARNINGS: usize = 20;

/// Counts the lines with one kind of problem, warning for the first
/// [`MAX_LINE_WARNINGS`] and summing up the rest.
struct LineWarnings {
    message: &'static str,
    summary: &'static str,
    count: usize,
    last_line: usize,
}

impl LineWarnings {
    fn new(message: &'static str, summary: &'static str) -> Self {
        Self {
            message,
            summary,
            count: 0,
            last_line: 0,
        }
    }

    fn line(&mut self, line: usize, diagnostics: &mut Diagnostics) {
        self.count += 1;
        if self.count <= MAX_LINE_WARNINGS {
            diagnostics.warn(line, self.message);
        }
        self.last_line = line;
    }

    /// The `… and N more lines` warning, at the last such line.
    fn finish(&self, diagnostics: &mut Diagnostics) {
        if self.count > MAX_LINE_WARNINGS {
            let more = self.count - MAX_LINE_WARNINGS;
            diagnostics.warn(
                self.last_line,
                format!("… and {more} more lines {} (the last here)", self.summary),
            );
        }
    }
}

/// Decodes a record's bytes into NFC text with `\n` line ends, one output line per
/// input line (line numbers are preserved). A file with NUL bytes is binary: one
/// warning at the first NUL's line, and no text.
pub fn decode(bytes: &[u8], diagnostics: &mut Diagnostics) -> String {
    let mut bytes = bytes;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        diagnostics.warn(1, "empty file: nothing to read");
    }
    let first_nul = bytes.iter().position(|b| *b == 0);
    if let Some(at) = first_nul {
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
        diagnostics.warn(
            line,
            "binary content (NUL byte): not a text record; nothing read",
        );
        return String::new();
    }
    let mut invalid = LineWarnings::new("invalid UTF-8 replaced by U+FFFD", "with invalid UTF-8");
    let mut control = LineWarnings::new(
        "control characters replaced by spaces",
        "with control characters",
    );
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        diagnostics.warn(1, "UTF-8 byte order mark ignored");
        bytes = rest;
    }
    let mut out = String::with_capacity(bytes.len());
    let mut warned_crlf = false;
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line_no = index + 1;
        let raw = match raw.strip_suffix(b"\r") {
            Some(r) => {
                if !warned_crlf {
                    diagnostics.warn(line_no, "CRLF line ends read as LF");
                    warned_crlf = true;
                }
                r
            }
            None => raw,
        };
        let line = match std::str::from_utf8(raw) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => {
                invalid.line(line_no, diagnostics);
                String::from_utf8_lossy(raw)
            }
        };
        if index > 0 {
            out.push('\n');
        }
        if line.is_ascii() && !line.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            out.push_str(&line); // ASCII without controls is already NFC
        } else if line.chars().any(|c| c.is_control() && c != '\t') {
            control.line(line_no, diagnostics);
            out.extend(
                line.chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .nfc(),
            );
        } else {
            out.extend(line.nfc());
        }
    }
    invalid.finish(diagnostics);
    control.finish(diagnostics);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, Vec<String>) {
        let mut d = Diagnostics::new("t.txt");
        let text = decode(bytes, &mut d);
        (text, d.items().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn clean_text_passes_silently() {
        assert_eq!(run(b"a\nb"), ("a\nb".to_owned(), vec![]));
    }

    #[test]
    fn bom_crlf_and_bad_bytes_are_tolerated_with_warnings() {
        let (text, warnings) = run(b"\xEF\xBB\xBF= T =\r\nok\r\nbad \xFF byte\n");
        assert_eq!(text, "= T =\nok\nbad \u{FFFD} byte\n");
        assert_eq!(
            warnings,
            vec![
                "t.txt:1: warning: UTF-8 byte order mark ignored",
                "t.txt:1: warning: CRLF line ends read as LF",
                "t.txt:3: warning: invalid UTF-8 replaced by U+FFFD",
            ]
        );
    }

    #[test]
    fn decomposed_names_become_nfc() {
        let nfd = "To\u{0302} La\u{0302}m";
        assert_eq!(run(nfd.as_bytes()).0, "Tô Lâm");
    }

    #[test]
    fn repeated_line_warnings_are_capped_with_the_right_lines() {
        let bytes = b"\xFF\n".repeat(25);
        let (_, warnings) = run(&bytes);
        assert_eq!(warnings.len(), 21);
        assert_eq!(
            warnings[19],
            "t.txt:20: warning: invalid UTF-8 replaced by U+FFFD"
        );
        assert_eq!(
            warnings[20],
            "t.txt:25: warning: … and 5 more lines with invalid UTF-8 (the last here)"
        );
    }

    #[test]
    fn binary_content_is_one_warning() {
        let (text, warnings) = run(b"ab\n\xFF\x01\n\x00\xFE\n\x02");
        assert_eq!(text, "");
        assert_eq!(
            warnings,
            vec!["t.txt:3: warning: binary content (NUL byte): not a text record; nothing read"]
        );
    }

    #[test]
    fn empty_input_is_said_once() {
        assert_eq!(
            run(b"").1,
            vec!["t.txt:1: warning: empty file: nothing to read"]
        );
    }

    #[test]
    fn control_characters_are_replaced() {
        let (text, warnings) = run(b"a\x07b");
        assert_eq!(text, "a b");
        assert_eq!(warnings.len(), 1);
    }
}
