//! Timeline stage (layout) tests: lanes, eras and terms placed without overlap.

use super::*;
use crate::record::date::parse_date;
use crate::timeline::data::DateValue;
use oxigraph::model::NamedNode;

fn tenure(holder: &str, start: &str, end: Option<&str>) -> TenureFacts {
    TenureFacts {
        iri: format!("https://example.org/tenure/{holder}/{start}"),
        holder_iri: format!("https://example.org/person/{holder}"),
        holder_label: Some(holder.to_owned()),
        start: Some(DateValue::parse(start)),
        end: end.map(DateValue::parse),
        incumbent: end.is_none(),
        ..TenureFacts::default()
    }
}

fn position(label: &str, tenures: Vec<TenureFacts>) -> PositionFacts {
    PositionFacts {
        iri: NamedNode::new_unchecked(format!("https://example.org/position/{label}")),
        label: label.to_owned(),
        tenures,
    }
}

fn today() -> PartialDate {
    parse_date("2026-01-01").expect("a date")
}

#[test]
fn succession_shares_a_lane_and_overlaps_do_not() {
    let chart = layout(
        &[position(
            "Mayor",
            vec![
                tenure("A", "1900-01-01", Some("1930-01-01")),
                tenure("B", "1930-01-01", Some("1960-01-01")),
                // C overlaps B.
                tenure("C", "1950-01-01", Some("1970-01-01")),
            ],
        )],
        1200.0,
        &today(),
    );
    let lanes: Vec<usize> = chart.sections[0].bars.iter().map(|b| b.lane).collect();
    assert_eq!(lanes, vec![0, 0, 1]);
    assert_eq!(chart.sections[0].lanes, 2);
    // No two bars of one lane overlap, labels included.
    let bars = &chart.sections[0].bars;
    for a in bars {
        for b in bars {
            if a.tenure.iri < b.tenure.iri && a.lane == b.lane {
                let (ea, eb) = (extent(a), extent(b));
                assert!(ea.1 <= eb.0 || eb.1 <= ea.0, "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn a_label_longer_than_its_bar_pushes_the_next_bar_down() {
    let chart = layout(
        &[position(
            "Mayor",
            vec![
                tenure(
                    "A very long name indeed, longer than the bar",
                    "1986-07-14",
                    Some("1986-12-18"),
                ),
                tenure("B", "1986-12-18", Some("1991-06-28")),
            ],
        )],
        1200.0,
        &today(),
    );
    let bars = &chart.sections[0].bars;
    assert_ne!(bars[0].lane, bars[1].lane);
}

#[test]
fn an_open_bar_runs_to_today_and_marks_it() {
    let chart = layout(
        &[position(
            "Mayor",
            vec![tenure("Tô Lâm", "2024-08-03", None)],
        )],
        800.0,
        &today(),
    );
    let bar = &chart.sections[0].bars[0];
    assert_eq!(bar.geometry.end, Edge::Open);
    let today_x = chart.today_x.expect("today is marked");
    assert!((bar.geometry.x1 - today_x).abs() < 1e-9);
    assert!(today_x <= chart.axis.x1);
    // With no open bar, no today line and the axis ends with the data.
    let closed = layout(
        &[position("Mayor", vec![tenure("A", "1950", Some("1960"))])],
        800.0,
        &today(),
    );
    assert_eq!(closed.today_x, None);
    assert!(closed.axis.end_year <= 1970);
}

#[test]
fn labels_near_the_right_edge_end_at_their_bar() {
    let chart = layout(
        &[position(
            "Mayor",
            vec![
                tenure("A", "1900-01-01", Some("2020-01-01")),
                tenure("Somebody With A Long Name", "2025-06-01", None),
            ],
        )],
        600.0,
        &today(),
    );
    let last = &chart.sections[0].bars[1];
    assert!(last.label_anchor_end);
    assert!(last.label_x <= chart.width - MARGIN);
    assert!(last.label_x - text_width(&last.label, FONT_SIZE) >= MARGIN - 1e-9);
}

#[test]
fn eras_become_bands_over_consecutive_tenures() {
    let mut a = tenure("A", "1930", Some("1940"));
    let mut b = tenure("B", "1940", Some("1950"));
    let mut c = tenure("C", "1950", Some("1960"));
    let d = tenure("D", "1960", Some("1970"));
    a.title = Some("First Secretary".to_owned());
    b.title = Some("First Secretary".to_owned());
    c.title = Some("General Secretary".to_owned());
    let chart = layout(&[position("Leader", vec![a, b, c, d])], 1200.0, &today());
    let bands = &chart.sections[0].bands;
    let titles: Vec<&str> = bands.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, vec!["First Secretary", "General Secretary"]);
    let bars = &chart.sections[0].bars;
    assert_eq!(bands[0].x0, bars[0].geometry.x0);
    assert_eq!(bands[0].x1, bars[1].geometry.x1);
    assert!(bands[1].x1 < bars[3].geometry.x1);
}

#[test]
fn terms_tick_at_their_first_tenure_without_overlapping_labels() {
    let mut a = tenure("A", "1976-12-20", Some("1982-03-31"));
    let mut b = tenure("B", "1982-03-31", Some("1986-06-21"));
    let mut c = tenure("C", "1982-04-01", Some("1986-06-21"));
    a.terms = vec![("t:4".to_owned(), "4th Central Committee".to_owned())];
    b.terms = vec![
        ("t:4".to_owned(), "4th Central Committee".to_owned()),
        ("t:5".to_owned(), "5th Central Committee".to_owned()),
    ];
    c.terms = vec![("t:6".to_owned(), "6th Central Committee".to_owned())];
    let chart = layout(&[position("P", vec![a, b, c])], 1200.0, &today());
    let section = &chart.sections[0];
    let ticks: Vec<(&str, &str)> = section
        .terms
        .iter()
        .map(|t| (t.iri.as_str(), t.shown.as_str()))
        .collect();
    // t:6 is one day after t:5: its tick stays, its label would overlap.
    assert_eq!(ticks, vec![("t:4", "4th"), ("t:5", "5th"), ("t:6", "")]);
    assert_eq!(section.terms[0].x, section.bars[0].geometry.x0);
}

#[test]
fn positions_stack_on_one_axis() {
    let chart = layout(
        &[
            position("P", vec![tenure("A", "1950", Some("1960"))]),
            position("Q", vec![tenure("A", "1955", Some("1965"))]),
        ],
        1000.0,
        &today(),
    );
    let (p, q) = (&chart.sections[0], &chart.sections[1]);
    assert!(q.heading_y > p.bands_bottom);
    assert!(chart.axis_y > q.bands_bottom);
    assert!(chart.height > chart.axis_y);
    // One axis: the same year is the same x in both.
    assert!(q.bars[0].geometry.x0 > p.bars[0].geometry.x0);
    assert!(q.bars[0].geometry.x0 < p.bars[0].geometry.x1);
}

#[test]
fn no_dates_at_all_still_lays_out() {
    let mut undated = tenure("A", "?", Some("?"));
    undated.incumbent = false;
    let chart = layout(
        &[position("P", vec![undated]), position("Q", vec![])],
        500.0,
        &today(),
    );
    assert_eq!(chart.sections[0].bars.len(), 1);
    assert!(chart.sections[0].bars[0].geometry.width() > 0.0);
    assert_eq!(chart.sections[1].lanes, 0);
    assert!(chart.axis.first_year < chart.axis.end_year);
}

#[test]
fn text_is_measured_and_cut_by_characters() {
    assert_eq!(text_width("Tô Lâm", 10.0), text_width("To Lam", 10.0));
    // Decomposed marks take no room.
    assert_eq!(
        text_width("To\u{302} La\u{302}m", 10.0),
        text_width("To Lam", 10.0)
    );
    assert_eq!(text_width("\u{200F}", 10.0), 0.0);
    assert_eq!(fit("Short", 100.0, 10.0), "Short");
    let cut = fit("General Secretary of the Communist Party", 60.0, 10.0);
    assert!(
        cut.ends_with('…') && text_width(&cut, 10.0) <= 60.0,
        "{cut}"
    );
    assert_eq!(fit("General", 3.0, 10.0), "");
}

#[test]
fn a_long_position_label_is_cut_to_the_chart() {
    let long = "Permanent Member of the Communist Party of Vietnam Central Committee's Secretariat";
    let chart = layout(&[position(long, vec![])], 400.0, &today());
    let section = &chart.sections[0];
    assert_eq!(section.label, long);
    assert!(section.heading.ends_with('…'));
    assert!(text_width(&section.heading, HEADING_FONT_SIZE * 1.1) <= 400.0 - 2.0 * MARGIN);
}
