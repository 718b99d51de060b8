//! Parse stage (HTML): a `<table>` read into a full rectangular grid of [`RawRow`]s with
//! their exact [`RowLayout`] — every rowspan and colspan expanded, so no row needs the
//! text format's realignment.

use super::super::rows::{RawRow, RowLayout};
use super::super::{Diagnostics, Located};
use super::sink::Lines;
use super::text::{text, Skip};
use scraper::ElementRef;

/// A rowspan above this is read as this many rows (and warned about).
pub(super) const MAX_ROWSPAN: usize = 1000;
/// A colspan above this is read as this many columns (and warned about).
pub(super) const MAX_COLSPAN: usize = 256;
/// Columns past this are dropped (with a warning): no real table is this wide, and
/// every row holds one cell per column.
pub(super) const MAX_WIDTH: usize = 512;

/// The rows of `table` itself (directly or in its `thead`/`tbody`/`tfoot`), not those
/// of tables nested in its cells.
pub(super) fn rows_of(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut rows = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|r| r.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

/// The `th`/`td` cells of a row.
pub(super) fn cells_of(row: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    row.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| matches!(c.value().name(), "th" | "td"))
        .collect()
}

/// The table's `<caption>`, if any, as the table's caption.
pub(super) fn caption_of(table: ElementRef<'_>, lines: &Lines) -> Option<Located<String>> {
    let caption = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "caption")?;
    let value = text(caption, Skip::Nothing);
    (!value.is_empty()).then(|| Located {
        value,
        line: lines.of(caption.id()).unwrap_or(1),
    })
}

/// A `rowspan`/`colspan` value as browsers read it: leading digits; absent, 0 (for
/// colspan) or not a number means 1; too large is capped, with a warning.
fn span(
    cell: ElementRef<'_>,
    attr: &str,
    max: usize,
    line: usize,
    diagnostics: &mut Diagnostics,
) -> usize {
    let Some(raw) = cell.value().attr(attr) else {
        return 1;
    };
    let digits: String = raw
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        diagnostics.warn(line, format!("{attr}=\"{raw}\" is not a number; read as 1"));
        return 1;
    }
    match digits.parse::<usize>() {
        Ok(0) if attr == "rowspan" => max, // "to the end of the table section"
        Ok(0) => 1,
        Ok(n) if n <= max => n,
        _ => {
            diagnostics.warn(
                line,
                format!("{attr}=\"{raw}\" is more than {max}; read as {max}"),
            );
            max
        }
    }
}

/// One slot of the grid.
#[derive(Clone)]
struct Slot {
    text: String,
    covered: bool,
    spanned: bool,
    header: bool,
}

/// A cell reaching down into later rows: what it puts in each of them.
#[derive(Clone)]
struct Pending {
    text: String,
    spanned: bool,
    header: bool,
    rows_left: usize,
}

/// Expands the table's rows into a rectangular grid of raw rows.
pub(super) fn grid(
    table: ElementRef<'_>,
    lines: &Lines,
    fallback_line: usize,
    diagnostics: &mut Diagnostics,
) -> Vec<RawRow> {
    let mut pending: Vec<Option<Pending>> = Vec::new();
    let mut grid: Vec<(usize, Vec<Option<Slot>>)> = Vec::new();
    let mut warned_width = false;
    let mut last_line = fallback_line;
    for tr in rows_of(table) {
        let line = lines.of(tr.id()).unwrap_or(last_line);
        last_line = line;
        let mut slots: Vec<Option<Slot>> = Vec::new();
        // Cells reaching down from rows above come first, in their columns.
        for (col, p) in pending.iter_mut().enumerate() {
            if let Some(p_in) = p {
                if slots.len() <= col {
                    slots.resize(col + 1, None);
                }
                slots[col] = Some(Slot {
                    text: p_in.text.clone(),
                    covered: true,
                    spanned: p_in.spanned,
                    header: p_in.header,
                });
                p_in.rows_left -= 1;
                if p_in.rows_left == 0 {
                    *p = None;
                }
            }
        }
        let mut col = 0;
        for cell in cells_of(tr) {
            let cell_line = lines.of(cell.id()).unwrap_or(line);
            let colspan = span(cell, "colspan", MAX_COLSPAN, cell_line, diagnostics);
            let rowspan = span(cell, "rowspan", MAX_ROWSPAN, cell_line, diagnostics);
            while slots.get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            if col + colspan > MAX_WIDTH {
                if !warned_width {
                    diagnostics.warn(
                        cell_line,
                        format!("table is wider than {MAX_WIDTH} columns; the cells past that are dropped"),
                    );
                    warned_width = true;
                }
                if col >= MAX_WIDTH {
                    break;
                }
            }
            let header = cell.value().name() == "th";
            let content = text(cell, Skip::Nothing);
            let end = (col + colspan).min(MAX_WIDTH);
            if slots.len() < end {
                slots.resize(end, None);
            }
            if pending.len() < end {
                pending.resize(end, None);
            }
            for at in col..end {
                let spanned = at > col;
                let text = if spanned {
                    String::new()
                } else {
                    content.clone()
                };
                // A cell overlapping a rowspan from above (a malformed table) wins.
                pending[at] = (rowspan > 1).then(|| Pending {
                    text: text.clone(),
                    spanned,
                    header,
                    rows_left: rowspan - 1,
                });
                slots[at] = Some(Slot {
                    text,
                    covered: false,
                    spanned,
                    header,
                });
            }
            col = end;
        }
        grid.push((line, slots));
    }
    let width = grid.iter().map(|(_, s)| s.len()).max().unwrap_or(0);
    grid.into_iter()
        .map(|(line, slots)| {
            let mut row = RawRow {
                line,
                cells: Vec::with_capacity(width),
                layout: Some(RowLayout::default()),
            };
            let mut layout = RowLayout::default();
            for i in 0..width {
                let slot = slots.get(i).cloned().flatten().unwrap_or(Slot {
                    text: String::new(),
                    covered: false,
                    spanned: false,
                    header: false,
                });
                row.cells.push(slot.text);
                layout.covered.push(slot.covered);
                layout.spanned.push(slot.spanned);
                layout.header.push(slot.header);
            }
            row.layout = Some(layout);
            row
        })
        .collect()
}
