//! Parse stage: honorifics and ranks before a name (`data/honorifics.txt`), longest
//! first, taken off the front of a name cell.

use std::sync::LazyLock;

/// A listed honorific: its words, and whether it is a military rank (listed after
/// `[ranks]`), which needs two name words after it.
pub(super) struct Honorific {
    pub(super) words: Vec<&'static str>,
    rank: bool,
}

impl Honorific {
    /// How many words must follow it for it to come off.
    pub(super) fn min_rest(&self) -> usize {
        if self.rank {
            2
        } else {
            1
        }
    }
}

/// The honorifics of `data/honorifics.txt`, longest first.
pub(super) static HONORIFICS: LazyLock<Vec<Honorific>> = LazyLock::new(|| {
    let mut rank = false;
    let mut list = Vec::new();
    for line in include_str!("../../../../data/honorifics.txt")
        .lines()
        .map(str::trim)
    {
        if line == "[ranks]" {
            rank = true;
        } else if !line.is_empty() && !line.starts_with('#') {
            list.push(Honorific {
                words: line.split_whitespace().collect(),
                rank,
            });
        }
    }
    list.sort_by(|a, b| {
        (b.words.len().cmp(&a.words.len()))
            .then(b.words.join(" ").len().cmp(&a.words.join(" ").len()))
    });
    list
});

/// The honorifics read from `data/honorifics.txt`, as written there.
pub fn honorifics() -> Vec<String> {
    HONORIFICS.iter().map(|h| h.words.join(" ")).collect()
}

/// How many leading words are an honorific that comes off: the longest listed one
/// whose next word starts with an upper-case letter, with enough words after it.
pub(super) fn leading_honorific(words: &[String]) -> Option<usize> {
    HONORIFICS.iter().find_map(|h| {
        let n = h.words.len();
        let next = words.get(n)?;
        (words.len() >= n + h.min_rest()
            && words[..n].iter().zip(&h.words).all(|(w, h)| w == h)
            && next.starts_with(char::is_uppercase))
        .then_some(n)
    })
}

/// `Engr.Sikandar` → `Engr.` `Sikandar`: a one-word honorific ending in `.` glued to
/// an upper-case word.
pub(super) fn split_glued_honorific(words: &mut Vec<String>) {
    let Some(first) = words.first() else { return };
    let split = HONORIFICS.iter().find_map(|h| match h.words.as_slice() {
        [one] if one.ends_with('.') => first
            .strip_prefix(one)
            .filter(|rest| rest.starts_with(char::is_uppercase))
            .map(|_| one.len()),
        _ => None,
    });
    if let Some(at) = split {
        let rest = words[0].split_off(at);
        words.insert(1, rest);
    }
}
