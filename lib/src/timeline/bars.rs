//! Timeline stage (layout): the geometry of one tenure bar on the time axis — where it
//! starts and ends, and which part of it is uncertain.
//!
//! A bar's *outer* edges hold every day the tenure may have covered; its *inner* edges
//! the days it surely did. Between them the bar fades (a gradient over the uncertain
//! span): `1945` fades in over 1945, `December 1986` fades out over December 1986. A day
//! is exact. A tenure with no end that is incumbent runs to `today` and stays open; a
//! date that is missing altogether is a short fading stub, never an invented date.

use super::axis::Axis;
use super::data::DateValue;
use crate::date::DaySpan;

/// How a bar's edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Known to the day: a crisp edge.
    Exact,
    /// Known to a month or a year: a gradient over that month or year.
    Fuzzy,
    /// No end yet (incumbent): the bar runs to today and ends in an arrow.
    Open,
    /// Not known at all: a short stub that fades out.
    Unknown,
}

/// Where a bar lies, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarGeometry {
    /// The outer edges: every day the tenure may have covered.
    pub x0: f64,
    pub x1: f64,
    /// Fractions of the width `x1 - x0` where the bar is fully opaque: from `fade_in`
    /// to `fade_out` (0 and 1 for a bar with crisp edges).
    pub fade_in: f64,
    pub fade_out: f64,
    pub start: Edge,
    pub end: Edge,
}

impl BarGeometry {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Whether some edge fades (and the bar needs a gradient).
    pub fn fades(&self) -> bool {
        self.fade_in > 0.0 || self.fade_out < 1.0
    }
}

/// The width, in pixels, of the stub drawn for a date that is not known.
pub const STUB: f64 = 24.0;
/// The least width of a bar, so a tenure of a day stays visible on a century.
pub const MIN_WIDTH: f64 = 2.0;

/// The days of a stored date, when it is one this parser reads.
fn span(date: Option<&DateValue>) -> Option<DaySpan> {
    date.and_then(|d| d.date.as_ref()).map(DaySpan::of)
}

/// Lays out one tenure: `start`/`end` as stored, `incumbent` for a tenure with no end
/// yet, `today` the day an open bar runs to.
pub fn geometry(
    start: Option<&DateValue>,
    end: Option<&DateValue>,
    incumbent: bool,
    today: i64,
    axis: &Axis,
) -> BarGeometry {
    // (outer, inner, edge) of each side; `None` when the side is unknown.
    let start_side = span(start).map(|s| {
        if s.is_exact() {
            (axis.x(s.first), axis.x(s.first), Edge::Exact)
        } else {
            (axis.x(s.first), axis.x(s.end), Edge::Fuzzy)
        }
    });
    let end_side = match span(end) {
        Some(s) if s.is_exact() => Some((axis.x(s.first), axis.x(s.first), Edge::Exact)),
        Some(s) => Some((axis.x(s.end), axis.x(s.first), Edge::Fuzzy)),
        // An end that is stored but unreadable is unknown, not open.
        None if incumbent && end.is_none() => Some((axis.x(today), axis.x(today), Edge::Open)),
        None => None,
    };
    let (x0, in0, start_edge, x1, in1, end_edge) = match (start_side, end_side) {
        (Some((x0, in0, e0)), Some((x1, in1, e1))) => (x0, in0, e0, x1, in1, e1),
        (Some((x0, in0, e0)), None) => (x0, in0, e0, in0.max(x0) + STUB, in0, Edge::Unknown),
        (None, Some((x1, in1, e1))) => {
            let x0 = (in1.min(x1) - STUB).max(axis.x0.min(in1));
            (x0, in1, Edge::Unknown, x1, in1, e1)
        }
        (None, None) => {
            let mid = axis.x0 + STUB / 2.0;
            (
                axis.x0,
                mid,
                Edge::Unknown,
                axis.x0 + STUB,
                mid,
                Edge::Unknown,
            )
        }
    };
    // An end before the start (contradictory data) collapses onto the start.
    let x1 = x1.max(x0);
    let (x1, in1) = if x1 - x0 < MIN_WIDTH {
        let wider = x0 + MIN_WIDTH;
        let inner = if matches!(end_edge, Edge::Exact | Edge::Open) {
            wider
        } else {
            in1
        };
        (wider, inner)
    } else {
        (x1, in1)
    };
    let width = x1 - x0;
    let fraction = |x: f64| ((x - x0) / width).clamp(0.0, 1.0);
    let mut fade_in = if start_edge == Edge::Exact {
        0.0
    } else {
        fraction(in0)
    };
    let mut fade_out = if matches!(end_edge, Edge::Exact | Edge::Open) {
        1.0
    } else {
        fraction(in1)
    };
    if fade_in > fade_out {
        // The uncertain spans overlap (`1986` to `1986-05-02`): opaque only in the middle.
        let middle = (fade_in + fade_out) / 2.0;
        fade_in = middle;
        fade_out = middle;
    }
    BarGeometry {
        x0,
        x1,
        fade_in,
        fade_out,
        start: start_edge,
        end: end_edge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::days_from_civil;

    /// 1900 to 2000 on 0..1000 px: 10 px a year.
    fn axis() -> Axis {
        Axis::covering(
            days_from_civil(1900, 1, 1),
            days_from_civil(1999, 12, 31),
            0.0,
            1000.0,
        )
    }

    fn date(text: &str) -> DateValue {
        DateValue::parse(text)
    }

    fn today() -> i64 {
        days_from_civil(1990, 1, 1)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.05
    }

    #[test]
    fn days_are_crisp() {
        let g = geometry(
            Some(&date("1930-10-27")),
            Some(&date("1931-09-06")),
            false,
            today(),
            &axis(),
        );
        assert_eq!((g.start, g.end), (Edge::Exact, Edge::Exact));
        assert!(!g.fades());
        let axis = axis();
        assert!(close(g.x0, axis.x(days_from_civil(1930, 10, 27))));
        assert!(close(g.x1, axis.x(days_from_civil(1931, 9, 6))));
    }

    #[test]
    fn a_year_fades_in_over_the_whole_year() {
        let g = geometry(
            Some(&date("1945")),
            Some(&date("1955-06-01")),
            false,
            today(),
            &axis(),
        );
        assert_eq!((g.start, g.end), (Edge::Fuzzy, Edge::Exact));
        assert!(close(g.x0, 450.0), "{g:?}");
        // Opaque from 1946-01-01 (460 px) on: one year of ~10.4 years is uncertain.
        assert!(close(g.x0 + g.fade_in * g.width(), 460.0), "{g:?}");
        assert_eq!(g.fade_out, 1.0);
    }

    #[test]
    fn a_month_fades_out_over_that_month() {
        let axis = axis();
        let g = geometry(
            Some(&date("1980-01-01")),
            Some(&date("1986-12")),
            false,
            today(),
            &axis,
        );
        assert_eq!(g.end, Edge::Fuzzy);
        assert!(close(g.x1, axis.x(days_from_civil(1987, 1, 1))));
        let opaque_until = g.x0 + g.fade_out * g.width();
        assert!(close(opaque_until, axis.x(days_from_civil(1986, 12, 1))));
        assert_eq!(g.fade_in, 0.0);
    }

    #[test]
    fn overlapping_uncertain_spans_meet_in_the_middle() {
        // Started some time in 1986, ended 1986-05-02: the spans overlap.
        let g = geometry(
            Some(&date("1986")),
            Some(&date("1986-05-02")),
            false,
            today(),
            &axis(),
        );
        assert!(g.fade_in <= g.fade_out);
        assert!(close(g.fade_in, g.fade_out));
        assert!(g.x1 > g.x0);
    }

    #[test]
    fn an_incumbent_runs_open_to_today() {
        let axis = axis();
        let g = geometry(Some(&date("1980-04-30")), None, true, today(), &axis);
        assert_eq!(g.end, Edge::Open);
        assert!(close(g.x1, axis.x(today())));
        assert_eq!(g.fade_out, 1.0);
        // Without the incumbent flag a missing end is unknown: a stub, not "until today".
        let g = geometry(Some(&date("1980-04-30")), None, false, today(), &axis);
        assert_eq!(g.end, Edge::Unknown);
        assert!(close(g.width(), STUB));
        assert!(g.fade_out < 1.0);
    }

    #[test]
    fn missing_and_unreadable_dates_are_stubs() {
        let axis = axis();
        let g = geometry(None, None, true, today(), &axis);
        assert_eq!((g.start, g.end), (Edge::Unknown, Edge::Open));
        assert!(close(g.x1, axis.x(today())) && close(g.width(), STUB));
        assert_eq!(g.fade_in, 1.0);
        let g = geometry(Some(&date("c. 1955")), None, false, today(), &axis);
        assert_eq!((g.start, g.end), (Edge::Unknown, Edge::Unknown));
        assert!(g.fades() && g.x0 >= axis.x0);
        // A stored but unreadable end of an incumbent stays unknown.
        let g = geometry(Some(&date("1950")), Some(&date("?")), true, today(), &axis);
        assert_eq!(g.end, Edge::Unknown);
    }

    #[test]
    fn short_and_reversed_tenures_stay_visible() {
        let axis = axis();
        let g = geometry(
            Some(&date("1950-01-01")),
            Some(&date("1950-01-02")),
            false,
            today(),
            &axis,
        );
        assert!(close(g.width(), MIN_WIDTH));
        let g = geometry(
            Some(&date("1960-01-01")),
            Some(&date("1950-01-01")),
            false,
            today(),
            &axis,
        );
        assert!(close(g.width(), MIN_WIDTH) && g.x0 > 590.0);
    }
}
