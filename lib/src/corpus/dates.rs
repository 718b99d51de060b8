//! Corpus generation: calendar dates written at day, month or year precision, and
//! the fuzzy forms (`c. 1955`, `?`) real tables hold. The calendar is `crate::date`'s.

use crate::date::{self, civil_from_days, days_from_civil, PartialDate, MONTH_NAMES};

/// A calendar day, counted in days from 1 January 1900 for arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// `27 October 1930`.
    Day,
    /// `December 1986`.
    Month,
    /// `1945`.
    Year,
    /// `c. 1955`: circa, not parseable, warned by the parser.
    Circa,
    /// `?`: unknown, warned by the parser.
    Unknown,
}

/// Day 0 of [`Day::ordinal`]: 1 January 1900, as a [`days_from_civil`] number.
fn epoch() -> i64 {
    days_from_civil(1900, 1, 1)
}

impl Day {
    /// The day `n` days after 1 January 1900.
    pub fn from_ordinal(n: i64) -> Day {
        let date = civil_from_days(epoch() + n);
        Day {
            year: date.year,
            month: date.month.map_or(1, u32::from),
            day: date.day.map_or(1, u32::from),
        }
    }

    /// Days since 1 January 1900.
    pub fn ordinal(self) -> i64 {
        self.date(Precision::Day).map_or(0, |d| d.first_day()) - epoch()
    }

    /// The date at `precision` (`None` for a fuzzy one).
    pub fn date(self, precision: Precision) -> Option<PartialDate> {
        let month = u8::try_from(self.month).ok();
        let day = u8::try_from(self.day).ok();
        let date = PartialDate {
            year: self.year,
            month,
            day: month.and(day),
        };
        match precision {
            Precision::Day => Some(date),
            Precision::Month => Some(date.truncated(date::Precision::Month)),
            Precision::Year => Some(date.truncated(date::Precision::Year)),
            Precision::Circa | Precision::Unknown => None,
        }
    }

    /// The date written at `precision`.
    pub fn write(self, precision: Precision) -> String {
        let month = MONTH_NAMES[(self.month as usize).saturating_sub(1) % 12];
        match precision {
            Precision::Day => format!("{} {month} {}", self.day, self.year),
            Precision::Month => format!("{month} {}", self.year),
            Precision::Year => self.year.to_string(),
            Precision::Circa => format!("c. {}", self.year),
            Precision::Unknown => "?".to_owned(),
        }
    }

    /// The ISO form at `precision` as the extractor types it (`xsd:date`,
    /// `xsd:gYearMonth`, `xsd:gYear`), or `None` for a fuzzy date.
    pub fn iso(self, precision: Precision) -> Option<String> {
        self.date(precision).map(|d| d.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_round_trips_over_a_century() {
        for n in (0..45_000).step_by(7) {
            assert_eq!(Day::from_ordinal(n).ordinal(), n);
        }
        assert_eq!(
            Day::from_ordinal(0),
            Day {
                year: 1900,
                month: 1,
                day: 1
            }
        );
    }

    #[test]
    fn writes_every_precision() {
        let d = Day {
            year: 1930,
            month: 10,
            day: 27,
        };
        assert_eq!(d.write(Precision::Day), "27 October 1930");
        assert_eq!(d.write(Precision::Month), "October 1930");
        assert_eq!(d.write(Precision::Year), "1930");
        assert_eq!(d.write(Precision::Circa), "c. 1930");
        assert_eq!(d.write(Precision::Unknown), "?");
        assert_eq!(d.iso(Precision::Day).as_deref(), Some("1930-10-27"));
        assert_eq!(d.iso(Precision::Circa), None);
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        let feb29 = Day {
            year: 2000,
            month: 2,
            day: 29,
        };
        assert_eq!(Day::from_ordinal(feb29.ordinal()), feb29);
        assert_eq!(Day::from_ordinal(59).month, 3, "1900 is not a leap year");
    }
}
