//! Parse stage: dates at day, month or year precision, as written in records.
//!
//! `27 October 1930`, `October 27, 1930`, `Oct. 1930`, `December 1986`, `1945`,
//! `1930-10-27`, `1986-12` and Wikidata's `1930-10-27T00:00:00Z` are read; anything
//! else (`c. 1955`, `?`, `1970s`) is [`DateError::Unparseable`], and a day that does
//! not exist (`31 February 1950`) is [`DateError::Impossible`]. No day or month is
//! ever invented.

use std::cmp::Ordering;
use std::fmt;

/// How precise a date is, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to a year, a month or a day; never a day that was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date this parser understands")]
    Unparseable(String),
    #[error("`{0}` is not a real date")]
    Impossible(String),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The XSD datatype local name for this precision: `date`, `gYearMonth`, `gYear`.
    pub fn xsd_type(&self) -> &'static str {
        match self.precision() {
            Precision::Day => "date",
            Precision::Month => "gYearMonth",
            Precision::Year => "gYear",
        }
    }

    /// Whether `other` lies within the span this date denotes (1945 contains 1945-03-02).
    pub fn contains(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && self.month.is_none_or(|m| other.month == Some(m))
            && self.day.is_none_or(|d| other.day == Some(d))
    }

    /// Equal at the precision both share (1986-12 and 1986-12-18 agree; 1986-11 does not).
    pub fn agrees_with(&self, other: &PartialDate) -> bool {
        self.contains(other) || other.contains(self)
    }

    fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl Ord for PartialDate {
    /// Chronological, a less precise date first among those it contains.
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    /// The XSD lexical form: `1930-10-27`, `1986-12`, `1945`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -i64::from(self.year))?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn number(word: &str, max_len: usize) -> Option<u32> {
    if word.is_empty() || word.len() > max_len || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

fn year_of(word: &str) -> Option<i32> {
    let n = number(word, 4)?;
    (word.len() >= 3 && n >= 100)
        .then(|| i32::try_from(n).ok())
        .flatten()
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

/// Parses one date as written in a record cell or infobox value. The text should
/// already be free of footnotes and of `†`.
///
/// ```
/// use officegraph::record::date::{parse_date, DateError};
///
/// assert_eq!(parse_date("27 October 1930").unwrap().to_string(), "1930-10-27");
/// assert_eq!(parse_date("December 1986").unwrap().xsd_type(), "gYearMonth");
/// assert!(matches!(parse_date("c. 1955"), Err(DateError::Unparseable(_))));
/// assert!(matches!(parse_date("31 February 1950"), Err(DateError::Impossible(_))));
/// ```
pub fn parse_date(text: &str) -> Result<PartialDate, DateError> {
    let t = text.trim();
    let unparseable = || DateError::Unparseable(t.to_owned());
    if let Some(date) = parse_iso(t) {
        return check(date, t);
    }
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let date = match words.as_slice() {
        [y] => PartialDate::year(year_of(y).ok_or_else(unparseable)?),
        [m, y] => {
            let month = month_number(m).ok_or_else(unparseable)?;
            PartialDate {
                year: year_of(y).ok_or_else(unparseable)?,
                month: Some(month),
                day: None,
            }
        }
        [a, b, y] => {
            let year = year_of(y).ok_or_else(unparseable)?;
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

fn parse_iso(t: &str) -> Option<PartialDate> {
    // Wikidata's `+1930-10-27T00:00:00Z` / `1930-10-27T00:00:00Z`: keep the date part.
    let t = t.strip_prefix('+').unwrap_or(t);
    let t = t.split_once('T').map_or(t, |(d, _)| d);
    let mut parts = t.split('-');
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(y, 4)?).ok()?;
    let month = parts
        .next()
        .map(|m| (m.len() == 2).then(|| number(m, 2)).flatten());
    let day = parts
        .next()
        .map(|d| (d.len() == 2).then(|| number(d, 2)).flatten());
    if parts.next().is_some() {
        return None;
    }
    let month = match month {
        None => return None, // a bare year is read by the word parser
        Some(m) => Some(u8::try_from(m?).ok()?),
    };
    let day = match day {
        None => None,
        Some(d) => Some(u8::try_from(d?).ok()?),
    };
    Some(PartialDate { year, month, day })
}

fn check(date: PartialDate, text: &str) -> Result<PartialDate, DateError> {
    if let Some(m) = date.month {
        if !(1..=12).contains(&m) {
            return Err(DateError::Impossible(text.to_owned()));
        }
        if let Some(d) = date.day {
            if d == 0 || d > days_in_month(date.year, m) {
                return Err(DateError::Impossible(text.to_owned()));
            }
        }
    }
    Ok(date)
}

/// Splits a range cell such as `1945–1953`, `March 1938 – 1940` or `1976 to 1982`
/// into its two sides, or `None` when the text is not a range.
pub fn split_range(text: &str) -> Option<(&str, &str)> {
    for sep in ["–", "—", " to ", " - ", "-"] {
        if let Some((a, b)) = text.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if sep == "-" && (a.len() != 4 || a.contains(' ') || b.contains('-') || b.len() < 4) {
                continue; // `1930-10-27` and `1986-12` are dates, not ranges
            }
            if !a.is_empty() {
                return Some((a, b));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        parse_date(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn keeps_the_precision_written() {
        assert_eq!(d("27 October 1930"), "1930-10-27");
        assert_eq!(d("October 27, 1930"), "1930-10-27");
        assert_eq!(d("December 1986"), "1986-12");
        assert_eq!(d("Dec. 1986"), "1986-12");
        assert_eq!(d("Sept 1986"), "1986-09");
        assert_eq!(d("1945"), "1945");
        assert_eq!(d("1930-10-27"), "1930-10-27");
        assert_eq!(d("1986-12"), "1986-12");
        assert_eq!(d("+1930-10-27T00:00:00Z"), "1930-10-27");
        assert_eq!(d(" 3 August 2024 "), "2024-08-03");
        assert_eq!(d("3rd August 2024"), "2024-08-03");
    }

    #[test]
    fn types_follow_precision() {
        assert_eq!(parse_date("1945").map(|d| d.xsd_type()), Ok("gYear"));
        assert_eq!(
            parse_date("May 1945").map(|d| d.xsd_type()),
            Ok("gYearMonth")
        );
        assert_eq!(parse_date("2 May 1945").map(|d| d.xsd_type()), Ok("date"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for s in [
            "c. 1955",
            "?",
            "1970s",
            "",
            "Incumbent",
            "12",
            "May",
            "32 May 1950",
            "1 Smarch 1950",
            "1950-13",
        ] {
            assert!(parse_date(s).is_err(), "{s:?} parsed");
        }
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        assert_eq!(
            parse_date("31 February 1950"),
            Err(DateError::Impossible("31 February 1950".into()))
        );
        assert!(matches!(
            parse_date("29 February 1900"),
            Err(DateError::Impossible(_))
        ));
        assert_eq!(d("29 February 2000"), "2000-02-29");
        assert!(matches!(
            parse_date("1950-02-30"),
            Err(DateError::Impossible(_))
        ));
    }

    #[test]
    fn orders_chronologically_with_coarse_dates_first() {
        let a = parse_date("1986").unwrap();
        let b = parse_date("December 1986").unwrap();
        let c = parse_date("18 December 1986").unwrap();
        assert!(a < b && b < c);
        assert!(a.contains(&c) && b.contains(&c) && !c.contains(&b));
        assert!(c.agrees_with(&b) && !parse_date("1986-11").unwrap().agrees_with(&c));
    }

    #[test]
    fn splits_ranges_but_not_iso_dates() {
        assert_eq!(split_range("1945–1953"), Some(("1945", "1953")));
        assert_eq!(
            split_range("March 1938 – 1940"),
            Some(("March 1938", "1940"))
        );
        assert_eq!(split_range("1976 to present"), Some(("1976", "present")));
        assert_eq!(split_range("1930-10-27"), None);
        assert_eq!(split_range("1945-1953"), Some(("1945", "1953")));
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(s in "\\PC{0,40}") {
                let _ = parse_date(&s);
                let _ = split_range(&s);
            }

            #[test]
            fn lexical_form_round_trips(y in 1000i32..2100, m in 1u8..=12, day in 1u8..=28) {
                let date = PartialDate { year: y, month: Some(m), day: Some(day) };
                prop_assert_eq!(parse_date(&date.to_string()), Ok(date));
            }
        }
    }
}
