//! Serve stage (web view): HTML escaping — every text and attribute value a page
//! writes goes through [`escape`], so a hostile name is shown, never run.

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by their character references:
/// safe as element content and as a double- or single-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (other than tab and newlines) cannot be written in
            // HTML; they are shown as the replacement character.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` percent-encoded for a URL query value (`application/x-www-form-urlencoded`).
pub fn query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("Tô Lâm"), "Tô Lâm");
        assert_eq!(escape("a\u{0}b\u{7}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(escape("\u{202E}rtl"), "\u{202E}rtl");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            query_value("SELECT * {?s ?p ?o}"),
            "SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D"
        );
        assert_eq!(query_value("a&b=c"), "a%26b%3Dc");
    }
}
