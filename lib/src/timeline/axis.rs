//! Timeline stage (layout): the shared time axis — days → x, and the year ticks.
//!
//! A date is never narrowed: `1945` is the whole of 1945 (its [`crate::date::DaySpan`],
//! `[1945-01-01, 1946-01-01)`), `1986-12` the whole of December 1986, and the chart
//! draws that span as uncertain.

use crate::date::{civil_from_days, days_from_civil};

/// The time axis shared by every position of a chart: whole years from `first_year`
/// to `end_year` (exclusive) mapped linearly onto `[x0, x1]`, with a year tick every
/// `step` years.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub first_year: i32,
    pub end_year: i32,
    pub step: i32,
    pub x0: f64,
    pub x1: f64,
    first_day: i64,
    end_day: i64,
}

/// Year steps the axis may tick at.
const STEPS: [i32; 12] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000];
/// The least room, in pixels, between two year labels.
const MIN_TICK_SPACING: f64 = 56.0;

impl Axis {
    /// An axis covering the days `[first_day, end_day)` on `[x0, x1]`, widened to
    /// whole years that are multiples of the tick step.
    pub fn covering(first_day: i64, end_day: i64, x0: f64, x1: f64) -> Axis {
        let end_day = end_day.max(first_day + 1);
        let first = civil_from_days(first_day).year;
        let last = civil_from_days(end_day - 1).year;
        let years = i64::from(last) - i64::from(first) + 1;
        let room = ((x1 - x0) / MIN_TICK_SPACING).floor().max(1.0);
        let step = STEPS
            .iter()
            .copied()
            .find(|s| (years as f64 / f64::from(*s)) <= room)
            .unwrap_or(STEPS[STEPS.len() - 1]);
        let first_year = first.div_euclid(step).saturating_mul(step);
        let end_year = last
            .saturating_add(1)
            .saturating_add(step - 1)
            .div_euclid(step)
            .saturating_mul(step)
            .max(first_year.saturating_add(step));
        Axis {
            first_year,
            end_year,
            step,
            x0,
            x1,
            first_day: days_from_civil(first_year, 1, 1),
            end_day: days_from_civil(end_year, 1, 1),
        }
    }

    /// The x of the start of day `day`.
    pub fn x(&self, day: i64) -> f64 {
        let span = (self.end_day - self.first_day).max(1) as f64;
        self.x0 + (day - self.first_day) as f64 / span * (self.x1 - self.x0)
    }

    /// The labelled year ticks: (year, x), every `step` years from `first_year` to
    /// `end_year` inclusive.
    pub fn ticks(&self) -> Vec<(i32, f64)> {
        let mut ticks = Vec::new();
        let mut year = self.first_year;
        while year <= self.end_year {
            ticks.push((year, self.x(days_from_civil(year, 1, 1))));
            match year.checked_add(self.step) {
                Some(next) => year = next,
                None => break,
            }
        }
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_covers_whole_years_at_a_readable_step() {
        let axis = Axis::covering(
            days_from_civil(1930, 10, 27),
            days_from_civil(2026, 11, 24),
            0.0,
            1000.0,
        );
        assert_eq!(axis.step, 10);
        assert_eq!((axis.first_year, axis.end_year), (1930, 2030));
        assert_eq!(axis.x(days_from_civil(1930, 1, 1)), 0.0);
        assert!((axis.x(days_from_civil(2030, 1, 1)) - 1000.0).abs() < 1e-9);
        let ticks = axis.ticks();
        assert_eq!(ticks.first().map(|t| t.0), Some(1930));
        assert_eq!(ticks.last().map(|t| t.0), Some(2030));
        assert!(ticks
            .windows(2)
            .all(|w| w[1].1 - w[0].1 >= MIN_TICK_SPACING));
    }

    #[test]
    fn a_single_day_still_gets_a_year_of_axis() {
        let day = days_from_civil(2001, 4, 22);
        let axis = Axis::covering(day, day, 10.0, 500.0);
        assert_eq!((axis.first_year, axis.end_year), (2001, 2002));
        assert!(axis.x(day) > 10.0 && axis.x(day) < 500.0);
    }
}
