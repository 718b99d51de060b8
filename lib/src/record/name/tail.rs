//! Parse stage: the tails that come off the end of a name — post-nominals (`, KCMG`,
//! ` Ph.D.`) and comma title phrases (`, Mom Luang`); `Jr.` and Roman numerals stay.

use super::honorific::HONORIFICS;

/// What a comma tail is, when it comes off.
pub(super) enum Tail {
    PostNominals(String),
    Note(String),
}

/// The last top-level `, ` of a text and what follows it, when that is post-nominals
/// (`, KCMG`, `, M.D.`) or a short title phrase after a name of two words or more
/// (`, Mom Luang`, `, Leader's Representative`). `Jr.`, `Sr.` and Roman numerals stay.
pub(super) fn comma_tail(s: &str) -> Option<(usize, Tail)> {
    let mut depth = 0i32;
    let mut comma = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => comma = Some(i),
            _ => {}
        }
    }
    let comma = comma?;
    let head = s[..comma].trim_end();
    let tail = s[comma + 1..].trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    if head.is_empty() || words.is_empty() || is_generational(tail) {
        return None;
    }
    let cut = head.len();
    if words.iter().all(|w| is_post_nominal(w)) {
        return Some((cut, Tail::PostNominals(tail.to_owned())));
    }
    let head_words = head.split_whitespace().count();
    let titled = HONORIFICS.iter().any(|h| h.words.iter().eq(words.iter()))
        || words.last().is_some_and(|w| {
            TITLE_NOUNS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
        });
    (words.len() <= 4 && head_words >= 2 && tail.starts_with(char::is_uppercase) && titled)
        .then(|| (cut, Tail::Note(tail.to_owned())))
}

/// Last words of a comma tail that make it a title remark rather than a name.
const TITLE_NOUNS: [&str; 30] = [
    "representative",
    "organizer",
    "organiser",
    "leader",
    "minister",
    "secretary",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "president",
    "vice-president",
    "governor",
    "deputy",
    "chief",
    "commissioner",
    "director",
    "speaker",
    "whip",
    "treasurer",
    "ambassador",
    "judge",
    "justice",
    "mayor",
    "administrator",
    "regent",
    "coordinator",
    "spokesperson",
    "spokesman",
    "member",
];

/// `Jr.`, `Sr.`, `II`, `III`, `IV` … (with or without dots).
fn is_generational(s: &str) -> bool {
    let t = s.trim_end_matches('.');
    matches!(t, "Jr" | "Sr" | "jr" | "sr" | "JR" | "SR") || is_regnal_numeral(t)
}

/// A Roman numeral as used after a name (`II`, `XVI`): only I, V, X, L.
fn is_regnal_numeral(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| "IVXL".contains(c))
}

/// Post-nominals that may follow a name without a comma (`John Smith Ph.D.`).
const DOTTED_POST_NOMINALS: [&str; 8] = [
    "M.D.", "Ph.D.", "D.Phil.", "Esq.", "LL.D.", "D.D.", "J.D.", "D.Sc.",
];

/// One post-nominal: from [`DOTTED_POST_NOMINALS`] or `PhD`, or made only of capital
/// letters and dots, two letters or more, not a Roman numeral (`KCMG`, `QC`, `M.D.`).
fn is_post_nominal(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    if DOTTED_POST_NOMINALS.contains(&w) || matches!(w, "PhD" | "DPhil" | "Esq" | "MSc" | "BSc") {
        return true;
    }
    let letters = w.chars().filter(|c| c.is_ascii_uppercase()).count();
    letters >= 2
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && !is_regnal_numeral(w.trim_end_matches('.'))
}

/// Where a dotted post-nominal without a comma starts (`John Smith Ph.D.`).
pub(super) fn spaced_post_nominal(s: &str) -> Option<usize> {
    let (head, last) = s.rsplit_once(' ')?;
    (DOTTED_POST_NOMINALS.contains(&last) && !head.trim().is_empty()).then(|| head.trim_end().len())
}
