//! Parse stage: bytes → text. Tolerates a byte order mark, CRLF line ends, invalid
//! UTF-8 and stray control characters (each with a warning), and normalizes to NFC so
//! a name typed decomposed is the same name.

use super::Diagnostics;
use unicode_normalization::UnicodeNormalization;

/// Decodes a record's bytes into NFC text with `\n` line ends, one output line per
/// input line (line numbers are preserved).
pub fn decode(bytes: &[u8], diagnostics: &mut Diagnostics) -> String {
    let mut bytes = bytes;
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
                diagnostics.warn(line_no, "invalid UTF-8 replaced by U+FFFD");
                String::from_utf8_lossy(raw)
            }
        };
        if index > 0 {
            out.push('\n');
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            diagnostics.warn(line_no, "control characters replaced by spaces");
            out.extend(
                line.chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .nfc(),
            );
        } else {
            out.extend(line.nfc());
        }
    }
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
    fn control_characters_are_replaced() {
        let (text, warnings) = run(b"a\x07b");
        assert_eq!(text, "a b");
        assert_eq!(warnings.len(), 1);
    }
}
