//! Push stage: a secret removed from a server's words before they are reported. A
//! server may echo the password as sent, percent-encoded (upper- or lower-case hex,
//! whole or in part), form-encoded (`+` for a space) or changed in case; every such
//! form is replaced by `***`.

/// `text` with every occurrence of `secret`, in any of the forms above, replaced by
/// `***`. An empty secret changes nothing.
pub fn scrub(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_owned();
    }
    // Lower- and upper-casing change non-ASCII letters too (`Ä`/`ä`), which the
    // byte-wise comparison below (ASCII case only) cannot see.
    let mut forms = vec![secret.to_owned()];
    for form in [secret.to_lowercase(), secret.to_uppercase()] {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    let mut text = text.to_owned();
    for form in &forms {
        text = scrub_form(&text, form.as_bytes());
    }
    text
}

/// `text` with every match of `secret` (see [`matches_at`]) replaced by `***`.
fn scrub_form(text: &str, secret: &[u8]) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match matches_at(&bytes[at..], secret) {
            Some(len) => {
                out.extend_from_slice(b"***");
                at += len;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    // A match starts at a literal byte equal to the secret's first (a character's
    // first byte) or at a `%`, and ends after a whole character: the rest is UTF-8.
    String::from_utf8_lossy(&out).into_owned()
}

/// The length of the text at the start of `text` that spells `secret`, each byte
/// either as itself (ASCII case ignored), as `%XX` (hex of either case, the byte's
/// ASCII case ignored) or, for a space, as `+`; `None` when it does not.
fn matches_at(text: &[u8], secret: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &want in secret {
        let got = *text.get(at)?;
        if got.eq_ignore_ascii_case(&want) {
            at += 1;
        } else if got == b'%'
            && percent_decoded(text.get(at + 1..at + 3)?)
                .is_some_and(|b| b.eq_ignore_ascii_case(&want))
        {
            at += 3;
        } else if got == b'+' && want == b' ' {
            at += 1;
        } else {
            return None;
        }
    }
    Some(at)
}

/// The byte two hex digits (either case) stand for.
fn percent_decoded(hex: &[u8]) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    match hex {
        [high, low] => Some((digit(*high)? * 16 + digit(*low)?) as u8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "Hunter 2/ä&x";

    #[test]
    fn the_password_as_sent_is_scrubbed() {
        assert_eq!(
            scrub("bad password Hunter 2/ä&x!", SECRET),
            "bad password ***!"
        );
    }

    #[test]
    fn percent_encoded_upper_and_lower_hex_is_scrubbed() {
        for echo in [
            "Hunter%202%2F%C3%A4%26x",
            "Hunter%202%2f%c3%a4%26x",
            "%48%75%6E%74%65%72%20%32%2F%C3%A4%26%78",
            "%48%75%6e%74%65%72%20%32%2f%c3%a4%26%78",
        ] {
            assert_eq!(
                scrub(&format!("got [{echo}]"), SECRET),
                "got [***]",
                "{echo}"
            );
        }
    }

    #[test]
    fn form_encoded_with_plus_for_space_is_scrubbed() {
        assert_eq!(scrub("p=Hunter+2%2F%C3%A4%26x", SECRET), "p=***");
    }

    #[test]
    fn any_case_is_scrubbed() {
        for echo in [
            "hunter 2/ä&x",
            "HUNTER 2/Ä&X",
            "hUnTeR 2/ä&X",
            "HUNTER+2%2F%C3%84%26X",
        ] {
            assert_eq!(scrub(&format!("<{echo}>"), SECRET), "<***>", "{echo}");
        }
    }

    #[test]
    fn other_text_is_left_alone() {
        let text = "401 Unauthorized: wrong user or password (100% sure) + ä";
        assert_eq!(scrub(text, SECRET), text);
        assert_eq!(scrub(text, ""), text);
        assert_eq!(scrub("%", "%"), "***");
        assert_eq!(scrub("50%2", "x"), "50%2");
    }
}
