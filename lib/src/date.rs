//! Foundation: the one calendar date type — a date known to a year, a month or a day
//! ([`PartialDate`]), its XSD lexical forms and literals both ways, and day arithmetic.
//!
//! Not `chrono` or `time`: neither has a date known only to its year or month, nor
//! XSD 1.1's year 0 and `gYear`/`gYearMonth` forms; the calendar maths is 40 lines.
//!
//! Years are astronomical, as in XSD 1.1 and Wikidata's RDF: 1 BC is year `0`
//! (`0000`), 194 BC is `-193` (`-0193`). The calendar is the proleptic Gregorian one.
//! Day numbers ([`days_from_civil`]) count days from 1970-01-01.
//!
//! Reading dates as records write them (`27 October 1930`, `c. 1955`, `194 BC`) is the
//! parse stage's: see `record::date`. This module reads and writes only the exact forms
//! a graph stores.
//!
//! ```
//! use officegraph::date::{PartialDate, Precision};
//!
//! let date: PartialDate = "-0043-03-15".parse().unwrap(); // 15 March 44 BC
//! assert_eq!((date.year, date.precision()), (-43, Precision::Day));
//! assert_eq!(date.to_literal().to_string(),
//!            "\"-0043-03-15\"^^<http://www.w3.org/2001/XMLSchema#date>");
//! let month = PartialDate::from_literal(
//!     PartialDate { year: 1986, month: Some(12), day: None }.to_literal().as_ref());
//! assert_eq!(month.map(|d| d.to_string()).as_deref(), Some("1986-12"));
//! ```

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, LiteralRef, NamedNodeRef};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// How precise a date is, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    /// The precision of a Wikibase time value: 9 a year, 10 a month, 11 (or finer) a
    /// day; `None` for a decade or coarser (0–8).
    pub fn from_wikibase(precision: u64) -> Option<Precision> {
        match precision {
            0..=8 => None,
            9 => Some(Precision::Year),
            10 => Some(Precision::Month),
            _ => Some(Precision::Day),
        }
    }

    /// The Wikibase time precision: 9 a year, 10 a month, 11 a day.
    pub fn wikibase(self) -> u8 {
        match self {
            Precision::Year => 9,
            Precision::Month => 10,
            Precision::Day => 11,
        }
    }
}

/// A date known to a year, a month or a day; never a day that was not written.
/// `year` is astronomical: 0 is 1 BC, -193 is 194 BC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a text is not a date. The lexical readers here give [`DateError::Unparseable`]
/// and [`DateError::Impossible`]; the record readers (`record::date`) all four.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date this parser understands")]
    Unparseable(String),
    #[error("`{0}` is not a real date")]
    Impossible(String),
    /// `?`, `unknown`, `—`, `N/A`: the source says it does not know the date.
    #[error("`{0}` says the date is unknown")]
    Unknown(String),
    /// `c. 1955`, `1955?` given to an exact reader (`record::date::parse_date`);
    /// `record::date::read_date` reads it.
    #[error("`{0}` is an approximate date, not an exact one")]
    Approximate(String),
}

/// The months' English names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` (astronomical) is a leap year: 2000 and 0 (1 BC) are, 1900 is not.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1–12) in `year`; 31 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil (proleptic Gregorian) date; H. Hinnant's
/// days-from-civil, exact for any `i32` year. A month or day out of range is clamped
/// (to 1–12, 1–31).
///
/// ```
/// use officegraph::date::{civil_from_days, days_from_civil, PartialDate};
///
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)).to_string(), "2024-02-29");
/// // A month spans its days: February 2024 has 29, and March starts the day after.
/// let february = PartialDate { year: 2024, month: Some(2), day: None };
/// let span = february.day_span();
/// assert_eq!(span.end - span.first, 29);
/// assert!(february.touches(&"2024-03-01".parse().unwrap()));
/// ```
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let month = i64::from(month.clamp(1, 12));
    let day = i64::from(day.clamp(1, 31));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (the inverse of [`days_from_civil`]), at day
/// precision.
pub fn civil_from_days(days: i64) -> PartialDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    PartialDate {
        year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
        month: u8::try_from(month).ok(),
        day: u8::try_from(day).ok(),
    }
}

/// Today (UTC) from the system clock, at day precision.
pub fn today_utc() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The days a date denotes, as [`days_from_civil`] numbers: `first` (inclusive) to
/// `end` (exclusive). A day is one day long, a month its month, a year its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub first: i64,
    pub end: i64,
}

impl DaySpan {
    /// The span of `date` at its precision: `1945` is 1945-01-01 to 1946-01-01.
    pub fn of(date: &PartialDate) -> DaySpan {
        DaySpan {
            first: date.first_day(),
            end: date.last_day() + 1,
        }
    }

    /// Whether the date is exact to the day (its span is one day).
    pub fn is_exact(&self) -> bool {
        self.end - self.first <= 1
    }
}

/// The number of a word of ASCII digits, at most `max_len` of them.
pub(crate) fn digits(word: &str, max_len: usize) -> Option<u32> {
    if word.is_empty() || word.len() > max_len || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

impl PartialDate {
    /// A date known to its year only.
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

    /// The date known no better than `precision`: 1986-12-18 at a month is 1986-12.
    pub fn truncated(&self, precision: Precision) -> PartialDate {
        match precision {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate { day: None, ..*self },
            Precision::Day => *self,
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

    /// The XSD datatype for this precision: `xsd:date`, `xsd:gYearMonth`, `xsd:gYear`.
    pub fn xsd_datatype(&self) -> NamedNodeRef<'static> {
        match self.precision() {
            Precision::Day => xsd::DATE,
            Precision::Month => xsd::G_YEAR_MONTH,
            Precision::Year => xsd::G_YEAR,
        }
    }

    /// Whether the date exists: a month of 1–12, a day within its month (29 February
    /// only in a leap year).
    pub fn is_real(&self) -> bool {
        match self.month {
            None => true,
            Some(m) => {
                (1..=12).contains(&m)
                    && self
                        .day
                        .is_none_or(|d| d != 0 && d <= days_in_month(self.year, m))
            }
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

    /// The first day (a [`days_from_civil`] number) this date may mean: 1945 → 1945-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may mean: 1945 → 1945-12-31, 2024-02 → 2024-02-29.
    pub fn last_day(&self) -> i64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d),
            (Some(m), None) => days_from_civil(self.year, m, days_in_month(self.year, m)),
            _ => days_from_civil(self.year, 12, 31),
        }
    }

    /// The days this date denotes at its precision.
    pub fn day_span(&self) -> DaySpan {
        DaySpan::of(self)
    }

    /// Whether `next` starts where this date ends: the same day or the next, or
    /// spans that overlap at their precision (`1973` and `1973-06-01`).
    pub fn touches(&self, next: &PartialDate) -> bool {
        next.first_day() <= self.last_day() + 1 && self.first_day() <= next.last_day() + 1
    }

    /// The typed literal at the date's own precision: `"1986-12"^^xsd:gYearMonth`.
    pub fn to_literal(&self) -> Literal {
        Literal::new_typed_literal(self.to_string(), self.xsd_datatype())
    }

    /// The date of a literal exactly as [`to_literal`](Self::to_literal) writes it: an
    /// `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` of the date's precision, in its
    /// canonical form (no time zone, no extra zero or space); `None` for anything else.
    /// For a stored lexical form that may carry a time zone, see [`from_xsd`](Self::from_xsd).
    pub fn from_literal(literal: LiteralRef<'_>) -> Option<PartialDate> {
        let date: PartialDate = literal.value().parse().ok()?;
        (date.to_literal().as_ref() == literal).then_some(date)
    }

    /// An XSD lexical form as [`FromStr`] reads it, a time zone after it (`Z`,
    /// `+07:00`, `-05:00`) ignored: `1930-10-27Z` is 1930-10-27.
    pub fn from_xsd(lexical: &str) -> Result<PartialDate, DateError> {
        without_timezone(lexical).parse()
    }

    /// A date as Wikidata and its query results write it: `1986-12-18`,
    /// `+1986-12-18T00:00:00Z`, `1986-12`, `1986`, and the JSON dump's `+1904-00-00T…`
    /// (a zero month or day means the date is only known to the year or month). A BCE
    /// time (`-0193-…`) is not read.
    ///
    /// ```
    /// use officegraph::date::{PartialDate, Precision};
    ///
    /// let born = PartialDate::from_wikidata("+1904-00-00T00:00:00Z").unwrap();
    /// assert_eq!((born.to_string().as_str(), born.xsd_type()), ("1904", "gYear"));
    /// // A JSON dump's time value says its precision apart: 10 is a month.
    /// let time = PartialDate::from_wikidata("+1986-12-18T00:00:00Z").unwrap();
    /// let month = time.truncated(Precision::from_wikibase(10).unwrap());
    /// assert_eq!(month.to_string(), "1986-12");
    /// ```
    pub fn from_wikidata(lexical: &str) -> Option<PartialDate> {
        let t = lexical.trim();
        let t = t.strip_prefix('+').unwrap_or(t);
        let t = t.split_once('T').map_or(t, |(d, _)| d);
        let mut parts = t.split('-');
        let year: i32 = parts.next().filter(|y| y.len() >= 4)?.parse().ok()?;
        let month: Option<u8> = match parts.next() {
            None => None,
            Some(m) => Some(m.parse().ok()?).filter(|m| *m != 0),
        };
        let day: Option<u8> = match parts.next() {
            None => None,
            Some(d) => Some(d.parse().ok()?).filter(|d| *d != 0),
        };
        if parts.next().is_some() {
            return None;
        }
        let date = PartialDate {
            year,
            month,
            day: month.and(day),
        };
        // Through the lexical reader: no impossible days, no year of ten digits.
        date.to_string().parse::<PartialDate>().ok()
    }

    fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

/// `1930-10-27` of `1930-10-27Z` or `1930-10-27+07:00`.
fn without_timezone(lexical: &str) -> &str {
    if let Some(date) = lexical.strip_suffix('Z') {
        return date;
    }
    let bytes = lexical.as_bytes();
    let n = bytes.len();
    let is_offset = n > 6
        && matches!(bytes[n - 6], b'+' | b'-')
        && bytes[n - 3] == b':'
        && [n - 5, n - 4, n - 2, n - 1]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    if is_offset {
        &lexical[..n - 6]
    } else {
        lexical
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
    /// The XSD 1.1 lexical form: `1930-10-27`, `1986-12`, `1945`, `0000` (1 BC),
    /// `-0193` (194 BC).
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

impl FromStr for PartialDate {
    type Err = DateError;

    /// The XSD lexical form [`Display`](fmt::Display) writes, negative years included
    /// (`-0193`, `-0193-03-15`): a year of four to nine digits, then `-MM` or `-MM-DD`.
    /// A shape that is not this is [`DateError::Unparseable`], a day that does not
    /// exist [`DateError::Impossible`]. Use this, not `record::date::parse_date`, to
    /// read a stored literal: a record's `-1945` is more likely a range with its start
    /// missing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (negative, unsigned) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let mut parts = unsigned.split('-');
        let y = parts.next().unwrap_or("");
        let year = (y.len() >= 4)
            .then(|| digits(y, 9))
            .flatten()
            .and_then(|n| i32::try_from(n).ok())
            .map(|n| if negative { -n } else { n })
            .ok_or_else(|| DateError::Unparseable(t.to_owned()))?;
        let two = |s: &str| {
            (s.len() == 2)
                .then(|| digits(s, 2))
                .flatten()
                .and_then(|n| u8::try_from(n).ok())
        };
        let rest: Vec<&str> = parts.collect();
        let date = match rest.as_slice() {
            [] => Some(PartialDate::year(year)),
            [m] => two(m).map(|m| PartialDate {
                year,
                month: Some(m),
                day: None,
            }),
            [m, d] => two(m).zip(two(d)).map(|(m, d)| PartialDate {
                year,
                month: Some(m),
                day: Some(d),
            }),
            _ => None,
        }
        .ok_or_else(|| DateError::Unparseable(t.to_owned()))?;
        if date.is_real() {
            Ok(date)
        } else {
            Err(DateError::Impossible(t.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests;
