//! Parse stage: a holder's name cell read by a small grammar — footnotes, acting
//! marks, life dates, term notes, honorifics, post-nominals, a name in another script
//! and a reign — so that every way a table writes one person gives the same name.
//!
//! The grammar, applied to the cell as written (NFC, footnote markers dropped,
//! whitespace folded, which is [`NameCell::written`]):
//!
//! 1. `*` marks and `†` are dropped; so are 1–2 footnote digits after the last name
//!    word (`Harry Lawrence2`, `Jan Steytler 1`), never a Roman numeral.
//! 2. From the end, again and again (whichever applies): a trailing parenthesis that
//!    says acting (`(acting)`, `(ad interim)`, `(Acting President)`, `(OAG)`), gives
//!    life dates (`(1873–1960)`, `(born 1950)`, `(d. 1950)`), a term note (`(2nd
//!    term)`, `(first rule)`, `(inc.)`, `(14)`) or a name in another script; a trailing
//!    `ad interim`; a year range (`Rudolf I 1276–1286` → `reign`); a run of words in
//!    another script (`Sun Quan 孫權`); post-nominals (`, KCMG`, `, M.D.`, ` Ph.D.`); a
//!    comma tail that is a title phrase (`, Mom Luang`, `, Leader's Representative`).
//!    Any other parenthesis stays part of the name (`Nguyễn Văn A (Ba)`), and so do
//!    `Jr.`, `Sr.` and Roman numerals (`Theodore R. Britton, Jr.`).
//! 3. From the start, again and again: `Acting`/`Interim` (acting), a run of words in
//!    another script (`孫權 Sun Quan`: the Latin name is kept), and the longest
//!    honorific of `data/honorifics.txt` followed by an upper-case word.
//!
//! Nothing taken off is lost: it lands in a field of [`NameCell`], and `written` keeps
//! the whole cell. Kept simple on purpose: `Acting Prime Minister John Smith` gives
//! acting and the name `Prime Minister John Smith` (office words are not honorifics),
//! and a cell naming two people is not split.

use unicode_normalization::UnicodeNormalization;

use super::cell::{clean_space, parentheses, strip_footnotes};
use honorific::{leading_honorific, split_glued_honorific};
use script::{has_latin, is_other_script, trailing_other_script};
use tail::{comma_tail, spaced_post_nominal, Tail};

pub use honorific::honorifics;

mod honorific;
mod script;
mod tail;

/// What a name cell says, taken apart: `Sir John Smith, KCMG (acting)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameCell {
    /// The holder's name: the identity and `rdfs:label`. `None` when nothing remains.
    pub name: Option<String>,
    pub acting: bool,
    /// From life dates in parentheses.
    pub birth_year: Option<i32>,
    /// Honorifics, titles and ranks before the name, as written, joined by one space
    /// (`Air Commodore Dr`).
    pub honorific: Option<String>,
    /// A term note or title remark: `2nd term`, `first rule`, `inc.`, `Mom Luang`.
    pub note: Option<String>,
    /// A term ordinal written in the cell: `(14)`, `(2nd term)`, `(second reign)`.
    pub ordinal: Option<u64>,
    /// Post-nominal letters: `M.D.`, `KCMG, QC`.
    pub post_nominals: Option<String>,
    /// A name in another script beside the Latin one: `孫權`.
    pub other_name: Option<String>,
    /// The cell as written: NFC, footnote markers dropped, whitespace folded.
    pub written: String,
    /// A year range written in the cell, as text: `("1276", "1286")`.
    pub reign: Option<(String, String)>,
}

/// Reads a holder's name cell by the grammar of this module.
pub fn parse_name_cell(cell: &str) -> NameCell {
    let written = strip_footnotes(&cell.nfc().collect::<String>());
    let mut out = NameCell {
        written: written.clone(),
        ..NameCell::default()
    };
    let mut text = clean_space(&drop_marks(&written));
    // `Pedro Váldez ?`: a question mark after the name says the source is unsure.
    while let Some(rest) = text
        .strip_suffix(" ?")
        .or_else(|| text.strip_suffix(" (?)"))
    {
        text = rest.to_owned();
    }
    let mut notes: Vec<String> = Vec::new();
    let mut post: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();

    // 1. `Norodom Sihanouk (1922–2012) Prime Minister`: words after the life dates
    //    are a title or remark, not the name.
    if let Some(close) = life_dates_then_words(&text) {
        let tail = clean_space(&text[close + 1..]);
        if let Some(n) = parentheses(&tail)
            .into_iter()
            .find_map(|p| term_note(&p.to_lowercase()).flatten())
        {
            out.ordinal = Some(n);
        }
        notes.push(tail);
        text.truncate(close + 1);
    }

    // 2. The end, until nothing more comes off.
    loop {
        text = trim_tail(&text);
        if let Some(cut) = trailing_footnote_digits(&text) {
            text.truncate(cut);
            continue;
        }
        if let Some((open, inner)) = trailing_parenthesis(&text) {
            let lower = inner.trim().to_lowercase();
            let mut taken = true;
            if is_acting_note(&lower) {
                out.acting = true;
            } else if let Some(birth) = life_dates(&lower) {
                out.birth_year = out.birth_year.or(birth);
            } else if let Some(ordinal) = term_note(&lower) {
                notes.push(clean_space(inner));
                out.ordinal = out.ordinal.or(ordinal);
            } else if is_other_script(inner) {
                others.push(clean_space(inner));
            } else {
                taken = false;
            }
            if taken {
                text.truncate(open);
                continue;
            }
            break;
        }
        if let Some(cut) = trailing_ad_interim(&text) {
            out.acting = true;
            text.truncate(cut);
            continue;
        }
        if let Some((cut, from, to)) = trailing_year_range(&text) {
            out.reign = Some((from, to));
            text.truncate(cut);
            continue;
        }
        if let Some(cut) = trailing_other_script(&text) {
            others.push(text[cut..].trim().to_owned());
            text.truncate(cut);
            continue;
        }
        match comma_tail(&text) {
            Some((cut, Tail::PostNominals(p))) => {
                post.push(p);
                text.truncate(cut);
                continue;
            }
            Some((cut, Tail::Note(n))) => {
                notes.push(n);
                text.truncate(cut);
                continue;
            }
            None => {}
        }
        if let Some(cut) = spaced_post_nominal(&text) {
            post.push(text[cut..].trim().to_owned());
            text.truncate(cut);
            continue;
        }
        break;
    }

    // 3. The start, until nothing more comes off.
    let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let mut honorifics: Vec<String> = Vec::new();
    let mut lead_others: Vec<String> = Vec::new();
    loop {
        if words.len() >= 2 && matches!(words[0].to_lowercase().as_str(), "acting" | "interim") {
            out.acting = true;
            words.remove(0);
            continue;
        }
        let lead = words.iter().take_while(|w| is_other_script(w)).count();
        if lead > 0 && lead < words.len() && words[lead..].iter().any(|w| has_latin(w)) {
            lead_others.push(words.drain(..lead).collect::<Vec<_>>().join(" "));
            continue;
        }
        split_glued_honorific(&mut words);
        if let Some(n) = leading_honorific(&words) {
            honorifics.extend(words.drain(..n));
            continue;
        }
        break;
    }

    let name = clean_space(&words.join(" "));
    out.name = (!name.is_empty()).then_some(name);
    out.honorific = join_some(&honorifics, " ");
    notes.reverse();
    out.note = join_some(&notes, "; ");
    post.reverse();
    out.post_nominals = join_some(&post, ", ");
    others.reverse();
    lead_others.extend(others);
    out.other_name = join_some(&lead_others, " ");
    out
}

/// A name cell: the name and whether the holder was acting.
pub fn parse_name(cell: &str) -> (Option<String>, bool) {
    let c = parse_name_cell(cell);
    (c.name, c.acting)
}

fn join_some(parts: &[String], sep: &str) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join(sep))
}

/// Drops what never belongs to a name: `*` marks, `†`/`‡`, and brackets that
/// [`strip_footnotes`] kept (a long remark in brackets, a lone `[`).
fn drop_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '*' => {}
            '†' | '‡' => out.push(' '),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Where the `)` of a life-dates parenthesis ends, when a few words without digits
/// follow it: `Son Ngoc Thanh (1908–1977) Prime Minister`.
fn life_dates_then_words(s: &str) -> Option<usize> {
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    let inner = s[open + 1..close].to_lowercase();
    let tail = s[close + 1..].trim();
    let words = tail.split_whitespace().count();
    (open > 0
        && life_dates(inner.trim()).is_some()
        && (1..=12).contains(&words)
        && !tail.starts_with('('))
    .then_some(close)
}

/// Trailing commas, semicolons and spaces.
fn trim_tail(s: &str) -> String {
    s.trim_end_matches([',', ';', ' ']).to_owned()
}

/// Where 1–2 footnote digits start at the end of a name: glued to a word of letters
/// (`Harry Lawrence2`) or spaced after one (`Jan Steytler 1`).
fn trailing_footnote_digits(s: &str) -> Option<usize> {
    let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let cut = s.len() - digits;
    let before = &s[..cut];
    if let Some(rest) = before.strip_suffix(' ') {
        // Spaced: the rest ends in a letter.
        return rest
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            .then_some(cut);
    }
    // Glued: the word is at least two letters, and it is not the only word.
    let word = before.rsplit(' ').next().unwrap_or(before);
    let glued = word.chars().count() >= 2
        && word.chars().all(char::is_alphabetic)
        && before.len() > word.len();
    glued.then_some(cut)
}

/// The last top-level parenthesis when the text ends with it: (its `(` index, inner).
fn trailing_parenthesis(s: &str) -> Option<(usize, &str)> {
    if !s.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((i, &s[i + 1..s.len() - 1]));
                }
            }
            _ => {}
        }
    }
    None
}

/// `acting`, `interim`, `ad interim`, `Acting President`, `Officer Administering the
/// Government`, `OAG` (lower-cased).
fn is_acting_note(lower: &str) -> bool {
    matches!(
        lower,
        "acting"
            | "interim"
            | "ad interim"
            | "a.i."
            | "caretaker"
            | "oag"
            | "officer administering the government"
    ) || lower.starts_with("acting ")
        || lower.starts_with("interim ")
}

/// Life dates (lower-cased): `1873–1960`, `1950–`, `1950`, `born 1950`, `b. 1950`,
/// `born 5 May 1950` → `Some(Some(1873))`…; `d. 1950`, `died 1950` → `Some(None)`.
fn life_dates(lower: &str) -> Option<Option<i32>> {
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = lower
        .strip_prefix("d.")
        .or_else(|| lower.strip_prefix("died "))
    {
        return is_year(rest.split_whitespace().next_back()?).then_some(None);
    }
    if let Some(rest) = lower
        .strip_prefix("born ")
        .or_else(|| lower.strip_prefix("b."))
    {
        let last = rest.split_whitespace().next_back()?;
        return is_year(last).then(|| last.parse().ok());
    }
    let first = lower.split(['–', '—', '-']).next()?.trim();
    let rest = lower[first.len()..]
        .trim_start()
        .trim_start_matches(['–', '—', '-'])
        .trim();
    (is_year(first) && (rest.is_empty() || is_year(rest) || matches!(rest, "present" | "?" | "??")))
        .then(|| first.parse().ok())
}

/// Whether a (lower-cased) parenthesis is a term note, and its ordinal: `14` → 14,
/// `2nd term` → 2, `first rule` → 1, `inc.` → none.
fn term_note(lower: &str) -> Option<Option<u64>> {
    if matches!(lower, "inc." | "inc" | "incumbent") {
        return Some(None);
    }
    if (1..=3).contains(&lower.len()) && lower.bytes().all(|b| b.is_ascii_digit()) {
        return Some(lower.parse().ok());
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    let noun_ok = match rest {
        [] => true,
        [noun] => matches!(
            noun.trim_end_matches('.'),
            "term"
                | "time"
                | "rule"
                | "reign"
                | "tenure"
                | "period"
                | "mandate"
                | "stint"
                | "administration"
                | "ministry"
                | "government"
                | "cabinet"
        ),
        _ => false,
    };
    let n = ordinal_value(first)?;
    noun_ok.then_some(Some(n))
}

/// `2nd` → 2, `first` → 1 … `tenth` → 10.
fn ordinal_value(word: &str) -> Option<u64> {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as u64 + 1);
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    (!digits.is_empty()
        && digits.len() <= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th"))
    .then(|| digits.parse().ok())
    .flatten()
}

/// Where ` ad interim` (or `, ad interim`) starts at the end.
fn trailing_ad_interim(s: &str) -> Option<usize> {
    const TAIL: &str = " ad interim";
    let cut = s.len().checked_sub(TAIL.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(TAIL) && cut > 0)
        .then(|| s[..cut].trim_end_matches([',', ' ']).len())
        .filter(|&c| c > 0)
}

/// A year range at the end, after at least one word: `Rudolf I 1276–1286`, `Sun Quan
/// 222-252`, `X 1276 – 86` → (cut, from, to).
fn trailing_year_range(s: &str) -> Option<(usize, String, String)> {
    let to_len = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(2..=4).contains(&to_len) {
        return None;
    }
    let to = &s[s.len() - to_len..];
    let before = s[..s.len() - to_len].trim_end();
    let before = before.strip_suffix(['–', '—', '-'])?.trim_end();
    let from_len = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(3..=4).contains(&from_len) {
        return None;
    }
    let from = &before[before.len() - from_len..];
    let rest = &before[..before.len() - from_len];
    let cut = rest.trim_end().len();
    (rest.ends_with(' ') && cut > 0).then(|| (cut, from.to_owned(), to.to_owned()))
}

#[cfg(test)]
mod tests;
