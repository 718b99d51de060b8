//! Foundation: escaping text for HTML and XML — the web pages of `serve` and the SVG
//! of `timeline` write every text and attribute value through here, so a hostile name
//! is shown, never run.
//!
//! Own code rather than a crate (`html-escape`, `quick-xml`): neither replaces the
//! characters XML forbids or writes the invisible bidi controls as references, and the
//! two profiles below are one match each.

use std::fmt::Write as _;

/// `text` for HTML element content and double- or single-quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` as character references (`&#39;`); control characters
/// other than tab and line breaks, which HTML cannot hold, as U+FFFD.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if !push_markup(&mut out, c, "&#39;") {
            match c {
                c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
    }
    out
}

/// `text` for XML content and attribute values: `& < > " '` escaped (`&apos;`);
/// characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) replaced by U+FFFD; tab
/// and line breaks, and the invisible bidi and format controls (RLM, LRE…), written as
/// character references so they survive attribute normalization and stay visible in
/// the source.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !push_markup(&mut out, c, "&apos;") {
            match c {
                '\t'
                | '\n'
                | '\r'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}' => {
                    let _ = write!(out, "&#x{:X};", u32::from(c));
                }
                '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
    }
    out
}

/// Pushes the reference for a markup character (`apostrophe` for `'`); false when
/// `c` is not one.
fn push_markup(out: &mut String, c: char, apostrophe: &str) -> bool {
    let reference = match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => apostrophe,
        _ => return false,
    };
    out.push_str(reference);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_markup_and_quotes_are_escaped() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("Tô Lâm"), "Tô Lâm");
        assert_eq!(html("a\u{0}b\u{7}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(html("\u{202E}rtl"), "\u{202E}rtl");
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            xml("A \"B\" <C> & D's"),
            "A &quot;B&quot; &lt;C&gt; &amp; D&apos;s"
        );
        assert_eq!(xml("\u{200F}عباس\u{202E}"), "&#x200F;عباس&#x202E;");
        assert_eq!(xml("a\u{0}b\u{1B}c\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(xml("Tô Lâm\tx\n"), "Tô Lâm&#x9;x&#xA;");
    }
}
