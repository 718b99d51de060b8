//! Timeline stage (layout): the whole chart — one section per position stacked on one
//! shared time axis; inside a section the tenure bars packed into lanes so that no bar
//! or label overlaps another, era titles as bands behind them, body terms as ticks.

use super::axis::Axis;
use super::bars::{self, BarGeometry, Edge};
use super::data::{PositionFacts, TenureFacts};
use crate::date::{civil_from_days, days_from_civil, DaySpan, PartialDate};
use std::collections::BTreeMap;

pub const MARGIN: f64 = 16.0;
pub const FONT_SIZE: f64 = 12.0;
pub const SMALL_FONT_SIZE: f64 = 10.0;
/// The position's name above its bars (bold: measured a tenth wider).
pub const HEADING_FONT_SIZE: f64 = 14.0;
pub const BAR_HEIGHT: f64 = 18.0;
pub const LANE_GAP: f64 = 6.0;
/// Room right of the plot for an open bar's arrow.
pub const ARROW: f64 = 9.0;
const HEADING_HEIGHT: f64 = 22.0;
const ERA_HEIGHT: f64 = 16.0;
const TERM_HEIGHT: f64 = 20.0;
const SECTION_GAP: f64 = 14.0;
const AXIS_HEIGHT: f64 = 36.0;
/// Space between the bar's edge and its label, and between two items of a lane.
const PAD: f64 = 4.0;
const ITEM_GAP: f64 = 6.0;

/// The whole chart, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub axis: Axis,
    /// The y of the axis line; grid lines run from `MARGIN` to here.
    pub axis_y: f64,
    /// The x of today, when some bar is open (runs to today).
    pub today_x: Option<f64>,
    pub today: String,
    pub sections: Vec<Section>,
}

/// One position.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub iri: String,
    pub label: String,
    /// The label cut to the chart's width.
    pub heading: String,
    pub heading_y: f64,
    /// The y span behind the bars that the era bands fill, and the line of their titles.
    pub bands_top: f64,
    pub bands_bottom: f64,
    pub bands: Vec<Band>,
    pub bars: Vec<Bar>,
    pub lanes: usize,
    /// The y of the term ticks' row, and the ticks.
    pub terms_y: f64,
    pub terms: Vec<TermTick>,
}

/// A run of consecutive tenures (by start) under one title.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub x0: f64,
    pub x1: f64,
    pub title: String,
    /// The title cut (with `…`) to fit the band; empty when not even that fits.
    pub shown: String,
}

/// One tenure.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub tenure: TenureFacts,
    pub geometry: BarGeometry,
    pub lane: usize,
    pub y: f64,
    /// The visible label: holder, ` (acting)`, ` †`.
    pub label: String,
    pub label_x: f64,
    /// The label ends at `label_x` (text-anchor end) rather than starting there.
    pub label_anchor_end: bool,
}

/// A body term, at the earliest start of a tenure of the position that spans it.
#[derive(Debug, Clone, PartialEq)]
pub struct TermTick {
    pub x: f64,
    pub iri: String,
    pub label: String,
    /// The short label shown (`4th`), or empty when it would overlap the one before.
    pub shown: String,
}

/// Estimated width of `text` at `size` px in a sans-serif font: combining marks and
/// format characters (bidi marks) take no room, wide (CJK) characters a whole em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if unicode_normalization::char::is_combining_mark(c)
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
            {
                0.0
            } else if matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' | '\u{20000}'..='\u{3FFFD}')
            {
                size
            } else {
                size * 0.62
            }
        })
        .sum()
}

/// `text` cut to at most `room` px, with `…` when cut; empty when not one character fits.
pub fn fit(text: &str, room: f64, size: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let mut cut = String::new();
    for c in text.chars() {
        cut.push(c);
        if text_width(&cut, size) + text_width("…", size) > room {
            cut.pop();
            break;
        }
    }
    let cut = cut.trim_end();
    if cut.is_empty() {
        String::new()
    } else {
        format!("{cut}…")
    }
}

/// The visible label of a tenure.
pub fn bar_label(tenure: &TenureFacts) -> String {
    let mut label = tenure
        .holder_label
        .clone()
        .unwrap_or_else(|| "unnamed holder".to_owned());
    if tenure.acting {
        label.push_str(" (acting)");
    }
    if tenure.died_in_office {
        label.push_str(" †");
    }
    label
}

/// Lays out `positions` on a chart `width` px wide, open bars running to `today`.
pub fn layout(positions: &[PositionFacts], width: f64, today: &PartialDate) -> Chart {
    let today_span = DaySpan::of(today);
    let today_day = today_span.first;
    let (first_day, end_day) = domain(positions, today_day);
    let axis = Axis::covering(first_day, end_day, MARGIN, width - MARGIN - ARROW);
    let mut y = MARGIN;
    let mut sections = Vec::new();
    let mut any_open = false;
    for position in positions {
        let section = lay_out_section(position, &axis, today_day, width, &mut y);
        any_open |= section.bars.iter().any(|b| b.geometry.end == Edge::Open);
        sections.push(section);
    }
    let axis_y = y;
    Chart {
        width,
        height: axis_y + AXIS_HEIGHT + MARGIN,
        today_x: any_open.then(|| axis.x(today_day)),
        today: today.to_string(),
        axis,
        axis_y,
        sections,
    }
}

/// The days every known date covers (today too when a bar is open); ten years up to
/// today when no tenure has a readable date.
fn domain(positions: &[PositionFacts], today: i64) -> (i64, i64) {
    let mut first = i64::MAX;
    let mut end = i64::MIN;
    for tenure in positions.iter().flat_map(|p| &p.tenures) {
        for date in [&tenure.start, &tenure.end].into_iter().flatten() {
            if let Some(d) = &date.date {
                let span = DaySpan::of(d);
                first = first.min(span.first);
                end = end.max(span.end);
            }
        }
        if tenure.incumbent && tenure.end.is_none() {
            first = first.min(today);
            end = end.max(today + 1);
        }
    }
    if first > end {
        let year = civil_from_days(today).year;
        (days_from_civil(year.saturating_sub(10), 1, 1), today + 1)
    } else {
        (first, end)
    }
}

fn lay_out_section(
    position: &PositionFacts,
    axis: &Axis,
    today: i64,
    width: f64,
    y: &mut f64,
) -> Section {
    let heading_y = *y + 15.0;
    *y += HEADING_HEIGHT;
    let mut bars: Vec<Bar> = position
        .tenures
        .iter()
        .map(|tenure| {
            let geometry = bars::geometry(
                tenure.start.as_ref(),
                tenure.end.as_ref(),
                tenure.incumbent,
                today,
                axis,
            );
            let label = bar_label(tenure);
            let (label_x, label_anchor_end) = place_label(&geometry, &label, width);
            Bar {
                tenure: tenure.clone(),
                geometry,
                lane: 0,
                y: 0.0,
                label,
                label_x,
                label_anchor_end,
            }
        })
        .collect();
    let bands = era_bands(&bars);
    let bands_top = *y;
    if !bands.is_empty() {
        *y += ERA_HEIGHT;
    }
    let lanes = pack_lanes(&mut bars);
    let lanes_top = *y;
    for bar in &mut bars {
        bar.y = lanes_top + bar.lane as f64 * (BAR_HEIGHT + LANE_GAP);
    }
    *y += lanes.max(1) as f64 * (BAR_HEIGHT + LANE_GAP);
    let bands_bottom = *y;
    let terms = term_ticks(&bars);
    let terms_y = *y;
    if !terms.is_empty() {
        *y += TERM_HEIGHT;
    }
    *y += SECTION_GAP;
    Section {
        iri: position.iri.as_str().to_owned(),
        label: position.label.clone(),
        heading: fit(
            &position.label,
            width - 2.0 * MARGIN,
            HEADING_FONT_SIZE * 1.1,
        ),
        heading_y,
        bands_top,
        bands_bottom,
        bands,
        bars,
        lanes,
        terms_y,
        terms,
    }
}

/// The label starts just inside the bar; where it would run off the chart it ends at
/// the bar's end instead.
fn place_label(geometry: &BarGeometry, label: &str, width: f64) -> (f64, bool) {
    let text = text_width(label, FONT_SIZE);
    let start = geometry.x0 + PAD;
    if start + text <= width - MARGIN {
        (start, false)
    } else {
        let end = geometry.x1.min(width - MARGIN) - PAD;
        (end.max(MARGIN + text), true)
    }
}

/// The x span a bar and its label take.
fn extent(bar: &Bar) -> (f64, f64) {
    let text = text_width(&bar.label, FONT_SIZE);
    let (label0, label1) = if bar.label_anchor_end {
        (bar.label_x - text, bar.label_x)
    } else {
        (bar.label_x, bar.label_x + text)
    };
    let arrow = if bar.geometry.end == Edge::Open {
        ARROW
    } else {
        0.0
    };
    // Bars may abut (one holder succeeds another on the day); labels keep a gap.
    (
        bar.geometry.x0.min(label0),
        (bar.geometry.x1 + arrow).max(label1 + ITEM_GAP),
    )
}

/// Puts each bar in the first lane that is free where it begins (bars taken by where
/// they and their labels begin); returns the number of lanes.
pub fn pack_lanes(bars: &mut [Bar]) -> usize {
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (extent(&bars[a]), extent(&bars[b]));
        ea.0.total_cmp(&eb.0)
            .then(ea.1.total_cmp(&eb.1))
            .then_with(|| bars[a].tenure.iri.cmp(&bars[b].tenure.iri))
    });
    let mut lane_ends: Vec<f64> = Vec::new();
    for index in order {
        let (x0, x1) = extent(&bars[index]);
        let lane = match lane_ends.iter().position(|end| *end <= x0) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = x1;
        bars[index].lane = lane;
    }
    lane_ends.len()
}

/// Runs of consecutive bars (in start order) with the same title. Bars with no title or
/// no known start (a stub) neither join nor break a run.
fn era_bands(bars: &[Bar]) -> Vec<Band> {
    let mut order: Vec<&Bar> = bars
        .iter()
        .filter(|b| b.tenure.title.is_some() && b.geometry.start != Edge::Unknown)
        .collect();
    order.sort_by(|a, b| {
        a.geometry
            .x0
            .total_cmp(&b.geometry.x0)
            .then_with(|| a.tenure.iri.cmp(&b.tenure.iri))
    });
    let mut bands: Vec<Band> = Vec::new();
    let mut open: Option<Band> = None;
    for bar in order {
        match (&mut open, &bar.tenure.title) {
            (Some(band), Some(title)) if *title == band.title => {
                band.x0 = band.x0.min(bar.geometry.x0);
                band.x1 = band.x1.max(bar.geometry.x1);
            }
            (_, title) => {
                bands.extend(open.take());
                open = title.as_ref().map(|title| Band {
                    x0: bar.geometry.x0,
                    x1: bar.geometry.x1,
                    title: title.clone(),
                    shown: String::new(),
                });
            }
        }
    }
    bands.extend(open);
    for band in &mut bands {
        band.shown = fit(&band.title, band.x1 - band.x0 - 2.0 * PAD, SMALL_FONT_SIZE);
    }
    bands
}

/// One tick per term, at the earliest start of a bar that spans it; the short label
/// (`4th` of `4th Central Committee`) only where it does not overlap the one before.
fn term_ticks(bars: &[Bar]) -> Vec<TermTick> {
    let mut first: BTreeMap<&str, (f64, &str)> = BTreeMap::new();
    for bar in bars {
        for (iri, label) in &bar.tenure.terms {
            let entry = first
                .entry(iri.as_str())
                .or_insert((bar.geometry.x0, label.as_str()));
            if bar.geometry.x0 < entry.0 {
                entry.0 = bar.geometry.x0;
            }
        }
    }
    let mut ticks: Vec<TermTick> = first
        .into_iter()
        .map(|(iri, (x, label))| TermTick {
            x,
            iri: iri.to_owned(),
            label: label.to_owned(),
            shown: String::new(),
        })
        .collect();
    ticks.sort_by(|a, b| {
        a.x.total_cmp(&b.x)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.iri.cmp(&b.iri))
    });
    let mut free_from = f64::NEG_INFINITY;
    for tick in &mut ticks {
        let short = short_term(&tick.label);
        if tick.x >= free_from {
            free_from = tick.x + text_width(&short, SMALL_FONT_SIZE) + PAD;
            tick.shown = short;
        }
    }
    ticks
}

/// `4th Central Committee` → `4th`; a label without a number keeps its first word.
fn short_term(label: &str) -> String {
    label.split_whitespace().next().unwrap_or(label).to_owned()
}

#[cfg(test)]
mod tests;
