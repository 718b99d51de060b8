//! Parse stage: reading single cells and values — footnotes, `†`, `Incumbent`, body
//! terms, Vietnamese names, comma lists. Name cells are read in [`super::name`].

/// Cleaning cell text is below dates (which read footnoted text); named here too.
pub use super::clean::{clean_space, strip_footnotes};
use super::date::{read_date_loose, split_range, start_era, DateError, PartialDate};

/// What a date cell (start or end) says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndCell {
    pub date: Option<PartialDate>,
    /// The date is marked approximate (`c. 1955`, `1955?`): `HolderRow.start_circa` /
    /// `end_circa`. Only [`read_date_cell`] and [`read_range_cell`] set it.
    pub circa: bool,
    pub incumbent: bool,
    pub died_in_office: bool,
    /// Words before the date that the cell also says (`Left post` of `Left post, Jun
    /// 22, 1948`), kept by the caller as written.
    pub remark: Option<String>,
}

/// Whether a cell says the holder is still in office.
pub fn is_incumbent_marker(s: &str) -> bool {
    let lower = strip_footnotes(s).to_lowercase();
    let lower = lower.trim_end_matches(['.', ')']).trim();
    matches!(
        lower,
        "incumbent" | "present" | "current" | "in office" | "to date" | "now"
    ) || lower.starts_with("incumbent")
}

/// Reads a date cell (start or end) as an exact date: `6 September 1931†`,
/// `Incumbent`, `present`, `222`. An approximate date (`c. 1955`) is
/// [`DateError::Approximate`]; prefer [`read_date_cell`], which reads it.
pub fn parse_date_cell(cell: &str) -> Result<EndCell, DateError> {
    let read = read_date_cell(cell, None)?;
    if read.circa {
        return Err(DateError::Approximate(strip_footnotes(cell)));
    }
    Ok(read)
}

/// Reads a date cell (start or end) of a column known to hold dates: `6 September
/// 1931†` (died in office), `Incumbent`, `present`, `c. 1955` (circa), `1955?`,
/// `7/16/1921`, `194 BC`, and a bare three-digit year (`222`). A two-digit year
/// (`1/17/99`) takes the century closest to `pivot_year` (the year of the row above,
/// or of the other side of a range); without one it is an error. `?`, `unknown`, `—`
/// are [`DateError::Unknown`] (say "unknown", or nothing; not a parse failure).
pub fn read_date_cell(cell: &str, pivot_year: Option<i32>) -> Result<EndCell, DateError> {
    let text = strip_footnotes(cell);
    let died = text.contains('†');
    let text = clean_space(&text.replace('†', " "));
    if is_incumbent_marker(&text) {
        return Ok(EndCell {
            incumbent: true,
            died_in_office: died,
            ..EndCell::default()
        });
    }
    let reading = read_date_loose(&text, pivot_year)?;
    Ok(EndCell {
        date: Some(reading.date),
        circa: reading.circa,
        incumbent: false,
        died_in_office: died,
        remark: None,
    })
}

/// [`read_date_cell`] for a start or end column's cell, which may also carry a short
/// remark before its date (`Left post, Jun 22, 1948`); the remark is returned too.
pub fn read_date_cell_with_remark(
    cell: &str,
    pivot_year: Option<i32>,
) -> Result<EndCell, DateError> {
    read_date_cell(cell, pivot_year).or_else(|e| {
        let text = clean_space(&strip_footnotes(cell).replace('†', " "));
        let (reading, remark) = remark_then_date(&text, pivot_year).ok_or(e)?;
        Ok(EndCell {
            date: Some(reading.date),
            circa: reading.circa,
            died_in_office: cell.contains('†'),
            remark,
            ..EndCell::default()
        })
    })
}

/// `Left post, Jun 22, 1948`, `Left post Apr 25, 2001`, `Died in office, 5 May 1960`:
/// a short remark (at most four words, no digits), then a date.
fn remark_then_date(
    text: &str,
    pivot_year: Option<i32>,
) -> Option<(super::date::DateReading, Option<String>)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // `1966 ?` (unsure), `1892 by-election`: the date first, then a short remark.
    if let Some(found) = (1..words.len()).find_map(|k| {
        let remark = words[k..].join(" ");
        if words.len() - k > 3 || remark.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut reading = read_date_loose(&words[..k].join(" "), pivot_year).ok()?;
        if remark == "?" {
            reading.circa = true;
            return Some((reading, None));
        }
        Some((reading, Some(remark)))
    }) {
        return Some(found);
    }
    (1..=words.len().saturating_sub(1).min(4)).find_map(|k| {
        let remark = words[..k].join(" ");
        let remark = remark.trim_end_matches([',', ':', ';']);
        if remark.chars().any(|c| c.is_ascii_digit()) || !remark.chars().any(char::is_alphabetic) {
            return None;
        }
        let reading = read_date_loose(&words[k..].join(" "), pivot_year).ok()?;
        Some((reading, Some(remark.to_owned())))
    })
}

/// What a term-range cell says: its start, and its end when the cell is a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeCell {
    pub start: Result<EndCell, DateError>,
    /// `None` when the cell is a single date or the range's end is empty (`1945–`).
    pub end: Option<Result<EndCell, DateError>>,
}

/// Reads a term-range cell: `1945–1953`, `1990-present`, `793-794`, `c. 1955 – 1960`,
/// `194–180 BC` (the era of the end applies to a bare start), `30 BC – AD 14`,
/// `1945–53` (a two-digit end takes the start's century, or the next one if that
/// would put it before the start), `March 28, 1991 - January 20, 1993`, or a single
/// date. Each side is read by [`read_date_cell`]; the end's pivot is the start's year.
/// The sides fail separately, so `? – 1955` still gives the end.
pub fn read_range_cell(cell: &str, pivot_year: Option<i32>) -> RangeCell {
    let text = strip_footnotes(cell);
    let Some((a, b)) = split_range(&text) else {
        return RangeCell {
            start: read_date_cell(&text, pivot_year),
            end: None,
        };
    };
    let start = match start_era(a, b) {
        Some(era) => read_date_cell(&format!("{a} {era}"), pivot_year),
        None => read_date_cell(a, pivot_year),
    };
    let start_year = start.as_ref().ok().and_then(|c| c.date).map(|d| d.year);
    let end = (!b.is_empty()).then(|| {
        let end_year = clean_space(&b.replace('†', " "));
        let end_year = end_year.trim_end_matches(['*', '?']);
        match (start_year, end_year.len(), end_year.parse::<i32>()) {
            (Some(from), 2, Ok(yy)) if end_year.bytes().all(|c| c.is_ascii_digit()) => {
                // `1945–53`: the first year ending in `53` that is not before 1945.
                let century = from.div_euclid(100) * 100;
                let year = if century + yy >= from {
                    century + yy
                } else {
                    century + 100 + yy
                };
                let marks = &b[b.find(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 2)..];
                read_date_cell(&format!("{year:04}{marks}"), Some(from))
            }
            _ => read_date_cell(b, start_year.or(pivot_year)),
        }
    });
    RangeCell { start, end }
}

/// Whether a text reads as a numbered body term: `5th Central Committee`, `14th
/// National Assembly`, `4th CC (1976–1982)`, `XII Congress`.
pub fn is_term_like(s: &str) -> bool {
    let s = s.trim();
    let first = s.split_whitespace().next().unwrap_or("");
    let rest = s[first.len()..].trim();
    if rest.is_empty() || !rest.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let lower = first.to_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    let ordinal_number = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.len() <= 3
        && matches!(suffix, "st" | "nd" | "rd" | "th");
    // A Roman numeral before a body's name (`XII Congress`), not initials (`C. D. Ray`).
    let body_word = rest
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().count() >= 4);
    ordinal_number
        || (first.len() <= 6
            && first.chars().all(|c| "IVXLC".contains(c))
            && !first.is_empty()
            && body_word)
}

/// Splits a term cell that lists several terms (`2nd Central Committee 3rd Central
/// Committee`, or separated by `,`/`;`) and normalizes each label (a trailing
/// parenthesis such as `(1976–1982)` is dropped).
pub fn split_terms(cell: &str) -> Vec<String> {
    let text = strip_footnotes(cell);
    let mut pieces: Vec<String> = Vec::new();
    for part in text.split([',', ';']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut current: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let starts_term =
                !current.is_empty() && is_term_like(&words[i..].join(" ")) && is_ordinal_word(w);
            if starts_term {
                pieces.push(current.join(" "));
                current.clear();
            }
            current.push(w);
        }
        if !current.is_empty() {
            pieces.push(current.join(" "));
        }
    }
    pieces
        .iter()
        .map(|p| term_label(p))
        .filter(|p| !p.is_empty())
        .collect()
}

fn is_ordinal_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// A term's label: footnotes and a trailing parenthesis removed.
pub fn term_label(s: &str) -> String {
    let s = strip_footnotes(s);
    let s = match (s.rfind('('), s.ends_with(')')) {
        (Some(open), true) if open > 0 => s[..open].trim_end().to_owned(),
        _ => s,
    };
    clean_space(&s)
}

/// Whether a text is Vietnamese by its letters: đ ơ ư ă, a tone-marked Latin letter
/// (U+1EA0–U+1EF9), or another precomposed letter with two diacritics.
pub fn is_vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
        ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    })
}

/// The Vietnamese names given in parentheses in a paragraph or list item: each
/// parenthesis split at `;` and `,`, abbreviations (no lower-case letter) dropped, a
/// leading `Vietnamese:` dropped.
pub fn vietnamese_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for inner in parentheses(text) {
        for piece in inner.split([';', ',']) {
            let piece = piece.trim();
            let piece = piece
                .strip_prefix("Vietnamese:")
                .or_else(|| piece.strip_prefix("vi:"))
                .unwrap_or(piece)
                .trim();
            let piece = clean_space(piece);
            if piece.chars().any(char::is_lowercase)
                && is_vietnamese(&piece)
                && !is_english_phrase(&piece)
                && !names.contains(&piece)
            {
                names.push(piece);
            }
        }
    }
    names
}

/// Whether a parenthesis reads as an English remark that merely mentions a
/// Vietnamese name (`born 1957 in Hà Tĩnh`) rather than being one.
fn is_english_phrase(piece: &str) -> bool {
    piece.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "born"
                | "died"
                | "in"
                | "of"
                | "the"
                | "and"
                | "since"
                | "until"
                | "from"
                | "b."
                | "d."
        )
    })
}

/// The contents of top-level parentheses, in order.
pub fn parentheses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&text[start..i]);
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits an infobox value into items: at `, `, and the last item of a comma list at
/// ` and ` (`Central Committee, Political Bureau and the Secretariat`). Text inside
/// parentheses is never split.
pub fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth <= 0 && chars.peek().is_none_or(|n| n.is_whitespace()) {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    let mut items: Vec<String> = items
        .iter()
        .map(|s| strip_footnotes(s))
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() >= 2 {
        if let Some(last) = items.pop() {
            match last.split_once(" and ") {
                Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                    items.push(a.trim().to_owned());
                    items.push(b.trim().to_owned());
                }
                _ => items.push(last),
            }
        }
    }
    items
}

/// Drops a leading article from an organization name (`the Party Central Committee`).
pub fn strip_article(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
        .trim()
}

#[cfg(test)]
mod tests;
