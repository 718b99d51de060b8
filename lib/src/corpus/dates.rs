//! Corpus generation: calendar dates written at day, month or year precision, and
//! the fuzzy forms (`c. 1955`, `?`) real tables hold.

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

const MONTHS: [&str; 12] = [
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

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    /// The day `n` days after 1 January 1900 (n ≥ 0).
    pub fn from_ordinal(mut n: i64) -> Day {
        let mut year = 1900;
        loop {
            let len = if is_leap(year) { 366 } else { 365 };
            if n < len {
                break;
            }
            n -= len;
            year += 1;
        }
        let mut month = 1;
        loop {
            let len = i64::from(days_in_month(year, month));
            if n < len || month == 12 {
                break;
            }
            n -= len;
            month += 1;
        }
        Day {
            year,
            month,
            day: n as u32 + 1,
        }
    }

    /// Days since 1 January 1900.
    pub fn ordinal(self) -> i64 {
        let years: i64 = (1900..self.year)
            .map(|y| if is_leap(y) { 366 } else { 365 })
            .sum();
        let months: i64 = (1..self.month)
            .map(|m| i64::from(days_in_month(self.year, m)))
            .sum();
        years + months + i64::from(self.day) - 1
    }

    /// The date written at `precision`.
    pub fn write(self, precision: Precision) -> String {
        let month = MONTHS[(self.month as usize).saturating_sub(1) % 12];
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
        match precision {
            Precision::Day => Some(format!(
                "{:04}-{:02}-{:02}",
                self.year, self.month, self.day
            )),
            Precision::Month => Some(format!("{:04}-{:02}", self.year, self.month)),
            Precision::Year => Some(format!("{:04}", self.year)),
            Precision::Circa | Precision::Unknown => None,
        }
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
        assert_eq!(days_in_month(1900, 2), 28);
    }
}
