//! Command line: text made safe for a terminal before it is printed. File names and
//! record text are the user's data: a newline in a file name must not forge a second
//! `file:line: error:` line, and an ESC must not reach the terminal as a control
//! sequence. Control characters are shown escaped (`\n`, `\r`, `\t`, `\x1b`, `\u{85}`).

use std::borrow::Cow;

/// `text` with every control character escaped; unchanged (and not copied) when it has
/// none.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert!(matches!(
            safe("records/a.txt:3: warning: x"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            safe("a\nb.txt:1: error: forged"),
            "a\\nb.txt:1: error: forged"
        );
        assert_eq!(safe("\u{1b}[31mred\u{7}"), "\\x1b[31mred\\x07");
        assert_eq!(safe("tab\there\r\u{85}"), "tab\\there\\r\\u{85}");
        assert_eq!(safe("Tô Lâm “quoted” \\"), "Tô Lâm “quoted” \\");
    }
}
