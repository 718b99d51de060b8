//! Parse stage: raw table rows — a row split into trimmed cells, with the layout the
//! source gives (HTML spans). Read by the table reader, realignment and the day-first
//! pass; made by the text lexer and the HTML grid.

use super::cell::clean_space;
use super::Diagnostics;

/// One table row, split into trimmed cells: a `| a | b |` line of the text format, or
/// a `<tr>` of HTML with its spans expanded.
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
    /// What the source says of the row's layout, when it says it (HTML); `None` for
    /// the text format, whose rows may have lost cells to rowspans (realigned by content).
    pub layout: Option<RowLayout>,
}

/// The exact layout of a row whose spans are known: one entry per cell of `cells`,
/// which then holds every column of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowLayout {
    /// The cell is covered by a `rowspan` from a row above; its text repeats that cell's.
    pub covered: Vec<bool>,
    /// The cell continues a `colspan` of the cell on its left (its text is empty).
    pub spanned: Vec<bool>,
    /// The cell is a header cell (`<th>`).
    pub header: Vec<bool>,
}

/// Splits a table line into cells; warns when the closing pipe is missing.
pub fn split_row(line_no: usize, text: &str, diagnostics: &mut Diagnostics) -> RawRow {
    let t = text.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = match inner.strip_suffix('|') {
        Some(s) => s,
        None => {
            diagnostics.warn(
                line_no,
                "table row has no closing `|`; read to the end of the line",
            );
            inner
        }
    };
    let cells = inner.split('|').map(clean_space).collect();
    RawRow {
        line: line_no,
        cells,
        layout: None,
    }
}
