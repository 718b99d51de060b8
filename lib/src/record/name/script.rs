//! Parse stage: names in another script beside a Latin one (`Sun Quan 孫權`) — telling
//! Latin letters from other scripts in a name cell.

/// Whether a letter is Latin script (ASCII, Latin-1, Latin Extended, IPA, Latin
/// Extended Additional).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c) && c != '×' && c != '÷'
        || ('\u{0250}'..='\u{02AF}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2C60}'..='\u{2C7F}').contains(&c)
        || ('\u{A720}'..='\u{A7FF}').contains(&c)
}

pub(super) fn has_latin(s: &str) -> bool {
    s.chars().any(is_latin)
}

/// Text in another script: letters, none of them Latin (`孫權`, `อักขราทร`).
pub(super) fn is_other_script(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !has_latin(s)
}

/// Where a trailing run of words in another script starts, after a Latin name.
pub(super) fn trailing_other_script(s: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let tail = words
        .iter()
        .rev()
        .take_while(|(_, w)| is_other_script(w) || w.chars().all(|c| !c.is_alphanumeric()))
        .count();
    let first = words.len().checked_sub(tail)?;
    if tail == 0 || first == 0 || !words[first..].iter().any(|(_, w)| is_other_script(w)) {
        return None;
    }
    let cut = s[..words[first].0].trim_end().len();
    has_latin(&s[..cut]).then_some(cut)
}
