//! Foundation: percent-encoding — the byte sets every encoder in the crate uses,
//! defined once here, and decoding; the work is the `percent-encoding` crate's
//! (uppercase hex, `%XX` per byte, UTF-8 for text).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// RFC 3986 unreserved characters stay (`A-Z a-z 0-9 - . _ ~`); every other byte is
/// encoded: a query value.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A name's slug segment: [`UNRESERVED`] with `_` encoded too, since a slug writes
/// spaces as `_` (so two different names never share a slug).
pub const SLUG: &AsciiSet = &UNRESERVED.add(b'_');

/// A path: [`UNRESERVED`] with `/` and `%` (an existing escape) kept.
pub const PATH: &AsciiSet = &UNRESERVED.remove(b'/').remove(b'%');

/// Only the bytes of non-ASCII characters are encoded (`ô` → `%C3%B4`); ASCII stays.
pub const NON_ASCII: &AsciiSet = &AsciiSet::EMPTY;

/// `text` (as UTF-8) with every byte of `set` written `%XX`.
pub fn encode(text: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(text, set).to_string()
}

/// `%XX` sequences decoded (nothing else: `+` stays a plus, as in a path; a `%` not
/// followed by two hex digits stays as it is); bytes that are not UTF-8 become U+FFFD.
pub fn decode_lossy(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written encoders these sets replaced: a byte stays when `keep` says so.
    fn by_hand(text: &str, keep: impl Fn(u8) -> bool) -> String {
        text.bytes()
            .map(|b| {
                if keep(b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    #[test]
    fn the_sets_encode_what_the_hand_written_loops_did() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let text = format!("{every_ascii} Tô Lâm 中国 \u{1F600}");
        let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        assert_eq!(encode(&text, UNRESERVED), by_hand(&text, unreserved));
        assert_eq!(
            encode(&text, SLUG),
            by_hand(&text, |b| unreserved(b) && b != b'_')
        );
        assert_eq!(
            encode(&text, PATH),
            by_hand(&text, |b| unreserved(b) || b == b'/' || b == b'%')
        );
        assert_eq!(encode(&text, NON_ASCII), by_hand(&text, |b| b.is_ascii()));
        assert_eq!(encode("Tô Lâm", SLUG), "T%C3%B4%20L%C3%A2m");
    }

    #[test]
    fn decoding_leaves_what_is_not_an_escape() {
        assert_eq!(decode_lossy("record/000%5Fe4"), "record/000_e4");
        assert_eq!(decode_lossy("T%C3%B4_L%C3%A2m"), "Tô_Lâm");
        assert_eq!(decode_lossy("http://x/%zz%4"), "http://x/%zz%4");
        assert_eq!(decode_lossy("a+b%2B"), "a+b+");
        assert_eq!(decode_lossy("%FF"), "\u{FFFD}");
    }
}
