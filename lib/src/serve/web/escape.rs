//! Serve stage (web view): HTML escaping — every text and attribute value a page
//! writes goes through [`escape`] (the crate's [`crate::escape::html`]), so a hostile
//! name is shown, never run; and query values for links.

/// HTML escaping, shared with the rest of the crate ([`crate::escape::html`]).
pub use crate::escape::html as escape;

/// `text` percent-encoded for a URL query value (`application/x-www-form-urlencoded`).
pub fn query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            query_value("SELECT * {?s ?p ?o}"),
            "SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D"
        );
        assert_eq!(query_value("a&b=c"), "a%26b%3Dc");
    }
}
