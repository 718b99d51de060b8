//! Parse stage: calendar dates as written in records, at day, month or year precision,
//! read into the shared [`PartialDate`] (`crate::date`, which owns the type, its XSD
//! forms and the calendar maths).
//!
//! Read: `27 October 1930`, `October 27, 1930`, `Sept. 16, 1928`, `Sep 16 1928`,
//! `16th September 1928`, `Oct. 1930`, `December 1986`, `1945`, `7/16/1921`,
//! `1930-10-27`, `1986-12`, Wikidata's `1930-10-27T00:00:00Z`, and years with an era:
//! `194 BC`, `194 BCE`, `AD 14`, `14 AD`, `14 CE`. Footnote markers (`[1]`, `[a]`), a
//! `*` before or after, and a final `.` are ignored. No day or month is ever invented.
//!
//! Years are astronomical, as in XSD 1.1 and Wikidata's RDF: 1 BC is year `0` (`0000`),
//! 194 BC is `-193` (`-0193`).
//!
//! Three readers, from strict to lenient:
//! - [`parse_date`] / [`parse_date_near`]: one exact date. A bare number is a year only
//!   with four digits (`12`, `222` may be a table's No.); a two-digit year (`1/17/99`)
//!   is read only near a known year ([`parse_date_near`]), never guessed.
//! - [`read_date`] / [`read_date_near`]: also an approximate date (`c. 1955`, `ca. April
//!   2008`, `1955?`, `circa 1955`, `about 1955`) as a [`DateReading`] with `circa` set.
//! - [`read_date_loose`]: for a cell known to hold a date (a start, end or range
//!   column): as [`read_date_near`], and a bare three-digit number is a year (`222`).
//!
//! A cell that says the date is not known (`?`, `??`, `—`, `unknown`, `N/A`) is
//! [`DateError::Unknown`]; an approximate date given to an exact reader is
//! [`DateError::Approximate`]; anything else that is not a date (`1970s`) is
//! [`DateError::Unparseable`], and a day that does not exist (`31 February 1950`) is
//! [`DateError::Impossible`]. [`split_range`] cuts a range cell (`1945–1953`,
//! `793-794`, `30 BC – AD 14`, `1990-present`) into its two sides.

use super::clean::strip_footnotes;
use crate::date::{digits as number, MONTH_NAMES};
pub use crate::date::{DateError, PartialDate, Precision};

/// A date cell's reading: the date at the precision written, and whether it was
/// marked approximate (`c. 1955`, `1955?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateReading {
    pub date: PartialDate,
    pub circa: bool,
}

/// A month's name or an abbreviation of three letters or more, with or without a
/// dot: `September`, `Sept.`, `Sep`, `Apr`.
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(&w)))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn day_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.']);
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    number(w, 2)
        .and_then(|n| u8::try_from(n).ok())
        .filter(|d| *d >= 1)
}

/// An era written with a year: `BC`/`BCE` or `AD`/`CE` (dots and case ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    BeforeCommon,
    Common,
}

fn era_of(word: &str) -> Option<Era> {
    let w: String = word.chars().filter(|c| *c != '.').collect();
    match w.to_ascii_uppercase().as_str() {
        "BC" | "BCE" => Some(Era::BeforeCommon),
        "AD" | "CE" => Some(Era::Common),
        _ => None,
    }
}

/// How many digits a year written without an era may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BareYears {
    /// Four digits alone; three (100–999) next to a month.
    Strict,
    /// Also three digits alone (a cell known to hold a date: `222`).
    Loose,
}

/// The astronomical year of a year word.
fn year_word(word: &str, era: Option<Era>, alone: bool, bare: BareYears) -> Option<i32> {
    let n = i32::try_from(number(word, 4)?).ok()?;
    match era {
        Some(Era::BeforeCommon) => (n >= 1).then_some(1 - n),
        Some(Era::Common) => (n >= 1).then_some(n),
        None if word.len() == 4 => Some(n),
        None if word.len() == 3 && n >= 100 && (!alone || bare == BareYears::Loose) => Some(n),
        None => None,
    }
}

/// The year of two digits closest to `pivot` (`99` near 2001 is 1999; near 1921, 1899).
fn resolve_two_digits(yy: i32, pivot: i32) -> i32 {
    let (yy, pivot) = (i64::from(yy), i64::from(pivot));
    let base = pivot.div_euclid(100) * 100;
    let best = [base - 100 + yy, base + yy, base + 100 + yy]
        .into_iter()
        .min_by_key(|y| ((y - pivot).abs(), *y))
        .unwrap_or(base + yy);
    i32::try_from(best).unwrap_or(i32::try_from(yy).unwrap_or(0))
}

/// Footnotes, whitespace, a `*` before or after, and a final `.` (kept after an era
/// abbreviation such as `B.C.` is harmless: eras ignore dots) removed.
fn clean(text: &str) -> String {
    let t = strip_footnotes(text);
    let t = t.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let t = t.strip_suffix('.').unwrap_or(t);
    t.trim().to_owned()
}

/// `?`, `??`, `—`, `–`, `-`, `unknown`, `N/A`, `n.a.`: the source does not know.
fn is_unknown(t: &str) -> bool {
    let lower = t.to_lowercase();
    (!t.is_empty() && t.chars().all(|c| c == '?'))
        || matches!(
            lower.trim_end_matches('.'),
            "—" | "–" | "-" | "unknown" | "n/a" | "n.a" | "not known" | "uncertain"
        )
}

/// Takes the marks of an approximate date off `t`: `c.`, `ca.`, `circa`, `about`,
/// `approx.`, `~` before, `?` or `(?)` after. `None` when there is none.
fn strip_circa(t: &str) -> Option<&str> {
    let lower = t.to_ascii_lowercase();
    for prefix in [
        "circa ",
        "approximately ",
        "approx. ",
        "approx ",
        "about ",
        "ca. ",
        "ca.",
        "ca ",
        "c. ",
        "c.",
        "c ",
        "~",
    ] {
        if lower.starts_with(prefix) {
            let rest = t[prefix.len()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                return Some(rest);
            }
        }
    }
    for suffix in ["(?)", "?"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            let rest = rest.trim_end();
            if rest.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
                return Some(rest);
            }
        }
    }
    None
}

/// Parses one exact date as written in a record cell or infobox value, with no
/// neighbouring year to resolve a two-digit year. Footnote markers, `*` and a final
/// `.` are ignored; `†` should already be taken off (it means died in office).
///
/// ```
/// use officegraph::record::date::{parse_date, DateError};
///
/// assert_eq!(parse_date("27 October 1930").unwrap().to_string(), "1930-10-27");
/// assert_eq!(parse_date("December 1986").unwrap().xsd_type(), "gYearMonth");
/// assert_eq!(parse_date("194 BC").unwrap().to_string(), "-0193");
/// assert!(matches!(parse_date("c. 1955"), Err(DateError::Approximate(_))));
/// assert!(matches!(parse_date("1/17/99"), Err(DateError::Unparseable(_))));
/// assert!(matches!(parse_date("31 February 1950"), Err(DateError::Impossible(_))));
/// ```
pub fn parse_date(text: &str) -> Result<PartialDate, DateError> {
    parse_date_near(text, None)
}

/// [`parse_date`], where a two-digit year (`1/17/99`) takes the century that puts it
/// closest to `pivot_year` (the year of a neighbouring row or of the other side of a
/// range). Without a pivot a two-digit year is [`DateError::Unparseable`].
pub fn parse_date_near(text: &str, pivot_year: Option<i32>) -> Result<PartialDate, DateError> {
    let reading = read(text, pivot_year, BareYears::Strict)?;
    if reading.circa {
        return Err(DateError::Approximate(clean(text)));
    }
    Ok(reading.date)
}

/// Reads a date that may be marked approximate: `c. 1955`, `c.1955`, `ca. 1955`,
/// `circa 1955`, `about 1955`, `1955?`, `1955 (?)`, `ca. April 2008`, `c. 194 BC`.
///
/// ```
/// use officegraph::record::date::read_date;
///
/// let r = read_date("ca. April 2008").unwrap();
/// assert!(r.circa && r.date.to_string() == "2008-04");
/// assert!(!read_date("April 2008").unwrap().circa);
/// ```
pub fn read_date(text: &str) -> Result<DateReading, DateError> {
    read_date_near(text, None)
}

/// [`read_date`] with a year to resolve two-digit years by (see [`parse_date_near`]).
pub fn read_date_near(text: &str, pivot_year: Option<i32>) -> Result<DateReading, DateError> {
    read(text, pivot_year, BareYears::Strict)
}

/// [`read_date_near`] for a cell known to hold a date (a start, end or range column):
/// a bare three-digit number is also a year (`222`, `793`). Not for cells whose
/// column is unknown: there `12` or `222` is more likely a No.
pub fn read_date_loose(text: &str, pivot_year: Option<i32>) -> Result<DateReading, DateError> {
    read(text, pivot_year, BareYears::Loose)
}

fn read(text: &str, pivot: Option<i32>, bare: BareYears) -> Result<DateReading, DateError> {
    let t = clean(text);
    if is_unknown(&t) {
        return Err(DateError::Unknown(t));
    }
    let (core, circa) = match strip_circa(&t) {
        Some(rest) => (rest, true),
        None => (t.as_str(), false),
    };
    let core = core.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let core = core.strip_suffix('.').unwrap_or(core);
    let date = exact(core, pivot, bare).map_err(|e| match e {
        DateError::Impossible(_) => DateError::Impossible(t.clone()),
        _ => DateError::Unparseable(t.clone()),
    })?;
    Ok(DateReading { date, circa })
}

fn exact(t: &str, pivot: Option<i32>, bare: BareYears) -> Result<PartialDate, DateError> {
    let unparseable = || DateError::Unparseable(t.to_owned());
    if let Some(read) = parse_iso(t) {
        return read.map_err(|_| DateError::Impossible(t.to_owned()));
    }
    if let Some(date) = parse_numeric(t, pivot) {
        return check(date?, t);
    }
    let mut words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut era = None;
    if let Some(e) = words.last().and_then(|w| era_of(w)) {
        era = Some(e);
        words.pop();
    } else if let Some(Era::Common) = words.first().and_then(|w| era_of(w)) {
        era = Some(Era::Common); // `AD 14`
        words.remove(0);
    }
    let year = |w: &str, alone: bool| year_word(w, era, alone, bare).ok_or_else(unparseable);
    let date = match words.as_slice() {
        [y] => PartialDate::year(year(y, true)?),
        [m, y] => PartialDate {
            year: year(y, false)?,
            month: Some(month_number(m).ok_or_else(unparseable)?),
            day: None,
        },
        [a, b, y] => {
            let year = year(y, false)?;
            let (day, month) = match (day_of(a), month_number(b)) {
                (Some(d), Some(m)) => (d, m),
                _ => (
                    day_of(b).ok_or_else(unparseable)?,
                    month_number(a).ok_or_else(unparseable)?,
                ),
            };
            PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            }
        }
        _ => return Err(unparseable()),
    };
    check(date, t)
}

/// `7/16/1921`, `1/17/99` (month/day/year, as written in American tables) and
/// `7/1921`; `None` when `t` is not of that shape. A two-digit year needs `pivot`.
fn parse_numeric(t: &str, pivot: Option<i32>) -> Option<Result<PartialDate, DateError>> {
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| number(p, 4).is_none()) {
        return None;
    }
    let unparseable = || Err(DateError::Unparseable(t.to_owned()));
    let y = parts[parts.len() - 1];
    let n = i32::try_from(number(y, 4)?).ok()?;
    let year = match (y.len(), pivot) {
        (4, _) => n,
        (2, Some(pivot)) if parts.len() == 3 => resolve_two_digits(n, pivot),
        _ => return Some(unparseable()),
    };
    let small = |p: &str| (p.len() <= 2).then(|| number(p, 2)).flatten();
    let month = small(parts[0]).and_then(|m| u8::try_from(m).ok());
    let day = match parts.len() {
        3 => match small(parts[1]).and_then(|d| u8::try_from(d).ok()) {
            Some(d) => Some(d),
            None => return Some(unparseable()),
        },
        _ => None,
    };
    let Some(month) = month else {
        return Some(unparseable());
    };
    Some(Ok(PartialDate {
        year,
        month: Some(month),
        day,
    }))
}

/// An ISO date (`1930-10-27`, `1986-12`, Wikidata's `+1930-10-27T00:00:00Z`) read by
/// the shared lexical reader; `None` when `t` is not of that shape (a bare year is read
/// by the word parser), an error when it is but the day does not exist.
fn parse_iso(t: &str) -> Option<Result<PartialDate, DateError>> {
    let t = t.strip_prefix('+').unwrap_or(t);
    let t = t.split_once('T').map_or(t, |(d, _)| d);
    let (y, rest) = t.split_once('-')?;
    if y.len() != 4 || number(y, 4).is_none() || rest.trim() != rest {
        return None;
    }
    match t.parse::<PartialDate>() {
        Err(DateError::Unparseable(_)) => None,
        read => Some(read),
    }
}

fn check(date: PartialDate, text: &str) -> Result<PartialDate, DateError> {
    if date.is_real() {
        Ok(date)
    } else {
        Err(DateError::Impossible(text.to_owned()))
    }
}

/// Splits a range cell into its two sides, or `None` when the text is not a range:
/// `1945–1953`, `1945—1953`, `1976 to 1982`, `1976 until 1982`, `1990–present`,
/// `1990-present`, `793-794`, `222-252`, `March 28, 1991 - January 20, 1993`,
/// `1 January 1901 – 24 September 1903`, `30 BC – AD 14`, `1945–` (an empty end).
/// An ISO date (`1930-10-27`, `1986-12`) is not a range. The sides are trimmed, not
/// parsed: read each with [`read_date_loose`] (the end with the start's year as pivot).
/// An era written only after the end (`194–180 BC`) applies to both sides:
/// [`start_era`] says so.
pub fn split_range(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    for sep in ["–", "—", " to ", " until ", " till ", " - "] {
        if let Some((a, b)) = text.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if !a.is_empty() {
                return Some((a, b));
            }
        }
    }
    // A bare hyphen: one only, not an ISO date, a year (or era) before it and a year
    // or a word after it.
    if text.matches('-').count() != 1 || parse_iso(text).is_some() {
        return None;
    }
    let (a, b) = text.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let ends_with_year = a
        .split([' ', ','])
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| {
            let w = w.trim_end_matches(['*', '?', ')', '.']);
            (w.len() >= 3 && number(w, 4).is_some()) || era_of(w).is_some()
        });
    let b_starts_well = b
        .split([' ', ','])
        .next()
        .is_some_and(|w| w.len() >= 3 || era_of(w).is_some());
    (ends_with_year && b_starts_well).then_some((a, b))
}

/// The era the start of a range takes from its end: `194–180 BC` is 194 BC to 180 BC,
/// so `start_era("194", "180 BC")` is `Some("BC")`, to append to the start before
/// reading it. `None` when the start has an era of its own or the end is not BC (an
/// AD end after a bare start, `30–14 AD`, is rare and ambiguous).
pub fn start_era(start: &str, end: &str) -> Option<&'static str> {
    let words = |s: &str| -> Vec<String> {
        clean(s)
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (start, end) = (words(start), words(end));
    let start_has = start.iter().any(|w| era_of(w).is_some());
    let end_bc = end.last().and_then(|w| era_of(w)) == Some(Era::BeforeCommon);
    (!start.is_empty() && !start_has && end_bc).then_some("BC")
}

#[cfg(test)]
mod tests;
