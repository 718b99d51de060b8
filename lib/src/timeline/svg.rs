//! Timeline stage (output): a laid-out [`Chart`] as a standalone SVG document — real
//! `<text>`, every tenure a `<g class="tenure" data-…>` that tests and scripts can read,
//! no external references, the same bytes for the same chart.

use super::bars::Edge;
use super::layout::{
    Bar, Chart, Section, ARROW, BAR_HEIGHT, FONT_SIZE, HEADING_FONT_SIZE, MARGIN, SMALL_FONT_SIZE,
};
use crate::date::Precision;
use crate::escape::xml as escape;
use crate::timeline::data::DateValue;
use std::fmt::Write;

/// Fonts tried in order; each covers Vietnamese (Latin Extended Additional).
const FONTS: &str =
    "'Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
/// Pale fills for the sections in turn, and the stripe of an acting bar on each.
const FILLS: [(&str, &str); 4] = [
    ("#a6cbe8", "#3b6e99"),
    ("#f5c48f", "#a3611c"),
    ("#a9d8a0", "#3f7d35"),
    ("#cdb8e3", "#6a4b8f"),
];
const BAND_FILLS: [&str; 2] = ["#eef1f5", "#f7f3ea"];
const TEXT: &str = "#1a1a1a";
const MUTED: &str = "#5a5f66";

/// Writes `chart` as SVG; `id` prefixes every id (gradients, masks, the hatch pattern)
/// so that two charts can share one HTML page.
pub fn write(chart: &Chart, id: &str) -> String {
    let mut defs = String::new();
    let mut body = String::new();
    // `write!` to a String cannot fail.
    let _ = write_hatches(&mut defs, id);
    let _ = write_grid(&mut body, chart);
    for (index, section) in chart.sections.iter().enumerate() {
        let _ = write_section(&mut defs, &mut body, section, index, id);
    }
    let _ = write_axis(&mut body, chart);
    let mut out = String::new();
    let title = chart
        .sections
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"officegraph-timeline\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         font-family=\"{FONTS}\" font-size=\"{FONT_SIZE}\" data-today=\"{today}\">\n\
         <title>{title}</title>\n\
         <desc>Succession timeline written by officegraph: one bar per tenure; a faded edge is a date known only to the month or year; a hatched bar an acting holder; † died in office; an arrow a tenure still running on {today}.</desc>\n\
         <defs>\n{defs}</defs>\n\
         <rect class=\"background\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n\
         {body}</svg>\n",
        w = num(chart.width),
        h = num(chart.height),
        today = escape(&chart.today),
        title = escape(&format!("Timeline: {title}")),
    );
    out
}

fn write_hatches(defs: &mut String, id: &str) -> std::fmt::Result {
    for (index, (fill, stripe)) in FILLS.iter().enumerate() {
        writeln!(
            defs,
            "<pattern id=\"{id}-hatch-{index}\" class=\"acting-hatch\" patternUnits=\"userSpaceOnUse\" \
             width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">\
             <rect width=\"6\" height=\"6\" fill=\"{fill}\"/>\
             <rect width=\"2.5\" height=\"6\" fill=\"{stripe}\"/></pattern>"
        )?;
    }
    Ok(())
}

fn write_grid(body: &mut String, chart: &Chart) -> std::fmt::Result {
    body.push_str("<g class=\"grid\" stroke=\"#e3e6ea\" stroke-width=\"1\">\n");
    for (_, x) in chart.axis.ticks() {
        writeln!(
            body,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\"/>",
            x = num(x),
            top = num(MARGIN),
            bottom = num(chart.axis_y)
        )?;
    }
    body.push_str("</g>\n");
    Ok(())
}

fn write_section(
    defs: &mut String,
    body: &mut String,
    section: &Section,
    index: usize,
    id: &str,
) -> std::fmt::Result {
    writeln!(
        body,
        "<g class=\"position\" data-position=\"{}\" data-label=\"{label}\" data-tenures=\"{}\"><title>{label}</title>",
        escape(&section.iri),
        section.bars.len(),
        label = escape(&section.label),
    )?;
    writeln!(
        body,
        "<text class=\"position-label\" x=\"{}\" y=\"{}\" font-size=\"{HEADING_FONT_SIZE}\" font-weight=\"bold\" fill=\"{TEXT}\">{}</text>",
        num(MARGIN),
        num(section.heading_y),
        escape(&section.heading)
    )?;
    for (band_index, band) in section.bands.iter().enumerate() {
        writeln!(
            body,
            "<g class=\"era\" data-title=\"{title}\"><title>{title}</title>\
             <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" font-size=\"{SMALL_FONT_SIZE}\" fill=\"{MUTED}\">{shown}</text></g>",
            title = escape(&band.title),
            x = num(band.x0),
            y = num(section.bands_top),
            w = num(band.x1 - band.x0),
            h = num(section.bands_bottom - section.bands_top),
            fill = BAND_FILLS[band_index % BAND_FILLS.len()],
            tx = num(band.x0 + 4.0),
            ty = num(section.bands_top + 11.0),
            shown = escape(&band.shown),
        )?;
    }
    if section.bars.is_empty() {
        writeln!(
            body,
            "<text class=\"empty\" x=\"{}\" y=\"{}\" fill=\"{MUTED}\">no tenures recorded</text>",
            num(MARGIN),
            num(section.bands_top + 13.0)
        )?;
    }
    let (fill, _) = FILLS[index % FILLS.len()];
    for (bar_index, bar) in section.bars.iter().enumerate() {
        let fade_id = format!("{id}-fade-{index}-{bar_index}");
        write_bar(
            defs,
            body,
            bar,
            &section.iri,
            fill,
            &format!("{id}-hatch-{}", index % FILLS.len()),
            &fade_id,
        )?;
    }
    for tick in &section.terms {
        writeln!(
            body,
            "<g class=\"term\" data-term=\"{iri}\" data-label=\"{label}\"><title>{label}</title>\
             <line x1=\"{x}\" y1=\"{y0}\" x2=\"{x}\" y2=\"{y1}\" stroke=\"{MUTED}\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{ty}\" font-size=\"{SMALL_FONT_SIZE}\" fill=\"{MUTED}\">{shown}</text></g>",
            iri = escape(&tick.iri),
            label = escape(&tick.label),
            x = num(tick.x),
            y0 = num(section.terms_y),
            y1 = num(section.terms_y + 6.0),
            tx = num(tick.x + 1.0),
            ty = num(section.terms_y + 16.0),
            shown = escape(&tick.shown),
        )?;
    }
    body.push_str("</g>\n");
    Ok(())
}

fn write_bar(
    defs: &mut String,
    body: &mut String,
    bar: &Bar,
    position: &str,
    fill: &str,
    hatch: &str,
    fade_id: &str,
) -> std::fmt::Result {
    let t = &bar.tenure;
    let g = &bar.geometry;
    let mut classes = vec!["tenure"];
    if t.acting {
        classes.push("acting");
    }
    if t.died_in_office {
        classes.push("died-in-office");
    }
    if g.end == Edge::Open {
        classes.push("open");
    }
    write!(
        body,
        "<g class=\"{}\" data-tenure=\"{}\" data-position=\"{}\" data-holder=\"{}\" data-holder-iri=\"{}\"",
        classes.join(" "),
        escape(&t.iri),
        escape(position),
        escape(t.holder_label.as_deref().unwrap_or("")),
        escape(&t.holder_iri),
    )?;
    for (name, date) in [("start", &t.start), ("end", &t.end)] {
        write!(
            body,
            " data-{name}=\"{}\" data-{name}-precision=\"{}\"",
            escape(date.as_ref().map_or("", |d| d.lexical.as_str())),
            precision(date.as_ref())
        )?;
    }
    for (flag, on) in [
        ("acting", t.acting),
        ("died-in-office", t.died_in_office),
        ("open", g.end == Edge::Open),
    ] {
        if on {
            write!(body, " data-{flag}=\"true\"")?;
        }
    }
    if let Some(title) = &t.title {
        write!(body, " data-title=\"{}\"", escape(title))?;
    }
    writeln!(body, " data-lane=\"{}\">", bar.lane)?;
    writeln!(body, "<title>{}</title>", escape(&tooltip(bar)))?;

    let (x, y, w, h) = (num(g.x0), num(bar.y), num(g.width()), num(BAR_HEIGHT));
    if g.fades() {
        write_fade(
            defs, fade_id, &x, &y, &w, &h, g.fade_in, g.fade_out, g.start, g.end,
        )?;
        write!(body, "<g class=\"fill\" mask=\"url(#{fade_id}-mask)\">")?;
    } else {
        body.push_str("<g class=\"fill\">");
    }
    let paint = if t.acting {
        format!("url(#{hatch})")
    } else {
        fill.to_owned()
    };
    writeln!(
        body,
        "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{paint}\" stroke=\"#ffffff\" stroke-width=\"1\"/></g>"
    )?;
    if g.end == Edge::Open {
        let (x1, top, mid, bottom) = (g.x1, bar.y, bar.y + BAR_HEIGHT / 2.0, bar.y + BAR_HEIGHT);
        writeln!(
            body,
            "<path class=\"open-end\" d=\"M{} {} L{} {} L{} {} Z\" fill=\"{fill}\"/>",
            num(x1 - 1.0),
            num(top),
            num(x1 + ARROW),
            num(mid),
            num(x1 - 1.0),
            num(bottom)
        )?;
    }
    let anchor = if bar.label_anchor_end {
        " text-anchor=\"end\""
    } else {
        ""
    };
    let name = t.holder_label.as_deref().unwrap_or("unnamed holder");
    let suffix = &bar.label[bar.label.len().min(name.len())..];
    let style = if t.holder_label.is_none() {
        " font-style=\"italic\""
    } else {
        ""
    };
    writeln!(
        body,
        "<text class=\"holder\" x=\"{}\" y=\"{}\"{anchor}{style} fill=\"{TEXT}\" \
         stroke=\"#ffffff\" stroke-opacity=\"0.8\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"><tspan unicode-bidi=\"isolate\">{}</tspan>{}</text>",
        num(bar.label_x),
        num(bar.y + 13.0),
        escape(name),
        escape(suffix),
    )?;
    body.push_str("</g>\n");
    Ok(())
}

/// A gradient from transparent to opaque over the uncertain spans, used as the bar's
/// mask (so the acting hatch fades with it).
#[allow(clippy::too_many_arguments)]
fn write_fade(
    defs: &mut String,
    id: &str,
    x: &str,
    y: &str,
    w: &str,
    h: &str,
    fade_in: f64,
    fade_out: f64,
    start: Edge,
    end: Edge,
) -> std::fmt::Result {
    write!(
        defs,
        "<linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">"
    )?;
    let opaque_start = start == Edge::Exact;
    let opaque_end = matches!(end, Edge::Exact | Edge::Open);
    let stops = [
        (0.0, opaque_start),
        (fade_in, true),
        (fade_out, true),
        (1.0, opaque_end),
    ];
    for (offset, opaque) in stops {
        write!(
            defs,
            "<stop offset=\"{}\" stop-color=\"#ffffff\" stop-opacity=\"{}\"/>",
            num(offset.clamp(0.0, 1.0)),
            if opaque { 1 } else { 0 }
        )?;
    }
    writeln!(
        defs,
        "</linearGradient>\n<mask id=\"{id}-mask\" maskUnits=\"userSpaceOnUse\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\">\
         <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"url(#{id})\"/></mask>"
    )
}

fn write_axis(body: &mut String, chart: &Chart) -> std::fmt::Result {
    let y = chart.axis_y;
    writeln!(
        body,
        "<g class=\"axis\" data-first-year=\"{}\" data-end-year=\"{}\" fill=\"{MUTED}\" font-size=\"{SMALL_FONT_SIZE}\">\
         <line x1=\"{}\" y1=\"{y0}\" x2=\"{}\" y2=\"{y0}\" stroke=\"{MUTED}\" stroke-width=\"1\"/>",
        chart.axis.first_year,
        chart.axis.end_year,
        num(chart.axis.x0),
        num(chart.axis.x1),
        y0 = num(y),
    )?;
    for (year, x) in chart.axis.ticks() {
        writeln!(
            body,
            "<g class=\"year\" data-year=\"{year}\"><line x1=\"{x}\" y1=\"{y0}\" x2=\"{x}\" y2=\"{y1}\" stroke=\"{MUTED}\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\">{year}</text></g>",
            x = num(x),
            y0 = num(y),
            y1 = num(y + 5.0),
            ty = num(y + 17.0),
        )?;
    }
    body.push_str("</g>\n");
    if let Some(x) = chart.today_x {
        writeln!(
            body,
            "<g class=\"today\" data-date=\"{today}\"><line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{y0}\" \
             stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"{SMALL_FONT_SIZE}\" fill=\"#c0392b\">{today}</text></g>",
            today = escape(&chart.today),
            x = num(x),
            top = num(MARGIN),
            y0 = num(y),
            ty = num(y + 31.0),
        )?;
    }
    Ok(())
}

/// The tooltip of a bar: holder, dates as stored, flags, title, terms.
fn tooltip(bar: &Bar) -> String {
    let t = &bar.tenure;
    let date = |d: &Option<DateValue>| d.as_ref().map_or("?", |d| d.lexical.as_str()).to_owned();
    let end = if bar.geometry.end == Edge::Open {
        "present".to_owned()
    } else {
        date(&t.end)
    };
    let mut text = format!("{}: {} to {}", bar.label, date(&t.start), end);
    if t.died_in_office {
        text.push_str(" (died in office)");
    }
    if let Some(title) = &t.title {
        text.push_str(&format!("; {title}"));
    }
    if !t.terms.is_empty() {
        let terms: Vec<&str> = t.terms.iter().map(|(_, l)| l.as_str()).collect();
        text.push_str(&format!("; {}", terms.join(", ")));
    }
    text
}

fn precision(date: Option<&DateValue>) -> &'static str {
    match date.and_then(|d| d.date.as_ref()).map(|d| d.precision()) {
        Some(Precision::Day) => "day",
        Some(Precision::Month) => "month",
        Some(Precision::Year) => "year",
        None if date.is_some() => "unreadable",
        None => "none",
    }
}

/// A coordinate with at most two decimals, no `-0`, never `NaN`.
pub fn num(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.2}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.346), "12.35");
        assert_eq!(num(0.1), "0.1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
    }
}
