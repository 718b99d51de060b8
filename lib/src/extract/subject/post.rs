//! Extract stage: the infobox `Post` — its English label and its names in other
//! languages (another script, `Dutch: …` language markers).

use super::norm_key;
use crate::record::{strip_footnotes, Record};

/// An infobox `Post` (the infobox's title) as its English name and the names after it
/// in other languages: `Constitutional Court ศาลรัฐธรรมนูญ` (another script),
/// `Chamber of Representatives Dutch: Kamer van … French: Chambre …` (language
/// markers), `Italian Air Force Aeronautica Militare` (the record's title and more).
pub fn split_post(post: &str, title: &str) -> (String, Vec<String>) {
    let post = strip_footnotes(post);
    let post = post.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title.trim();
    let (english, rest) = if let Some(rest) = post
        .strip_prefix(title)
        .filter(|r| !title.is_empty() && r.starts_with(' '))
    {
        (title.to_owned(), rest.trim().to_owned())
    } else if let Some(at) = post
        .char_indices()
        .find_map(|(i, c)| (c.is_alphabetic() && !is_latin(c)).then_some(i))
    {
        (post[..at].trim().to_owned(), post[at..].trim().to_owned())
    } else if let Some(at) = language_marker(&post, 0) {
        (post[..at].trim().to_owned(), post[at..].trim().to_owned())
    } else {
        (post.clone(), String::new())
    };
    if english.is_empty() {
        return (post, Vec::new());
    }
    // `Dutch: A French: B` → A, B.
    let mut alternatives = Vec::new();
    let mut rest = rest.as_str();
    while !rest.is_empty() {
        let body = match language_marker(rest, 0).filter(|&i| i == 0) {
            Some(_) => rest.split_once(": ").map_or("", |(_, b)| b),
            None => rest,
        };
        let end = language_marker(body, 1).unwrap_or(body.len());
        let name = body[..end].trim();
        if !name.is_empty() {
            alternatives.push(name.to_owned());
        }
        rest = body[end..].trim();
    }
    (english, alternatives)
}

/// Latin script (with its accents), digits and punctuation.
fn is_latin(c: char) -> bool {
    (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Where a language marker (`Dutch: `, one capitalised word and a colon) starts in
/// `text`, at or after byte `from`.
fn language_marker(text: &str, from: usize) -> Option<usize> {
    let mut at = 0;
    for word in text.split(' ') {
        let start = at;
        at += word.len() + 1;
        if start < from {
            continue;
        }
        if let Some(name) = word.strip_suffix(':') {
            let mut chars = name.chars();
            if chars.next().is_some_and(char::is_uppercase)
                && name.len() > 2
                && chars.all(char::is_lowercase)
                && text[at.min(text.len())..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some()
            {
                return Some(start);
            }
        }
    }
    None
}

/// The infobox `Post` when it names an office: its English part, and its other names.
/// A `Post` the title extends (`Governor` in `Governor of Kestrel Island`) gives the
/// title, the more specific; a `Post` that is not an office (the subject is an
/// organization or a place) is not asked for here.
pub fn post_label(record: &Record, title: &str) -> Option<(String, Vec<String>, usize)> {
    let entry = record
        .infobox
        .iter()
        .find(|e| norm_key(&e.key) == "post" && !e.value.trim().is_empty())?;
    let (english, alternatives) = split_post(&entry.value, title);
    if english.is_empty() {
        return None;
    }
    let extends = title.to_lowercase().starts_with(&english.to_lowercase());
    let label = if extends { title.to_owned() } else { english };
    Some((label, alternatives, entry.line))
}
