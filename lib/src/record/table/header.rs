//! Parse stage: a table's header — the role of every row (header, era heading or
//! continuing term, blank, data), where the header row is, and the header merged with
//! the sub-header rows below it.

use super::super::cell::strip_footnotes;
use super::super::columns::{cell_shape, is_header_row, kind_from_header, CellShape, ColumnKind};
use super::super::roles::{header_cells, HeaderCell};
use super::super::rows::RawRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowRole {
    Header,
    /// A single spanning cell: an era heading, or a term continuing the row above.
    Spanning(String),
    Blank,
    Data,
}

fn role(row: &RawRow) -> RowRole {
    let cells = &row.cells;
    let non_empty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    if let Some(layout) = &row.layout {
        // The source says which cells are header cells and what spans the row.
        let own: Vec<usize> = (0..cells.len())
            .filter(|&i| !layout.covered.get(i).copied().unwrap_or(false) && !cells[i].is_empty())
            .collect();
        let spans_all = own.len() == 1
            && (0..cells.len())
                .all(|i| i == own[0] || layout.spanned.get(i).copied().unwrap_or(false));
        if non_empty.is_empty() {
            return RowRole::Blank;
        }
        if spans_all && cells.len() > 1 {
            return RowRole::Spanning(strip_footnotes(&cells[own[0]]));
        }
        let all_th = own.len() >= 2
            && own
                .iter()
                .all(|&i| layout.header.get(i).copied().unwrap_or(false));
        if all_th && !has_date_cell(cells) {
            return RowRole::Header;
        }
        return if is_header_row(cells) {
            RowRole::Header
        } else {
            RowRole::Data
        };
    }
    match non_empty.as_slice() {
        [] => RowRole::Blank,
        [only]
            if (cells.len() == 1 || cells.len() > 2)
                && matches!(
                    cell_shape(only),
                    CellShape::Text | CellShape::Term | CellShape::Place
                ) =>
        {
            RowRole::Spanning(strip_footnotes(only))
        }
        _ if is_header_row(cells) => RowRole::Header,
        _ => RowRole::Data,
    }
}

fn has_date_cell(cells: &[String]) -> bool {
    cells.iter().any(|c| {
        matches!(
            cell_shape(c),
            CellShape::Date | CellShape::Year | CellShape::Range
        )
    })
}

/// Where the header row is: a row that reads as one, else the first row of several
/// text cells and no date above rows that do have dates (a header whose words the
/// lexicon does not know).
pub(super) fn find_header(rows: &[RawRow], roles: &[RowRole]) -> Option<usize> {
    if let Some(at) = roles.iter().position(|r| *r == RowRole::Header) {
        return Some(at);
    }
    let first = roles.iter().position(|r| *r == RowRole::Data)?;
    let candidate = &rows[first];
    let texts = candidate
        .cells
        .iter()
        .filter(|c| !c.is_empty())
        .filter(|c| matches!(cell_shape(c), CellShape::Text | CellShape::Place))
        .count();
    let below_dated = rows[first + 1..]
        .iter()
        .filter(|r| has_date_cell(&r.cells))
        .count();
    (texts >= 2
        && !has_date_cell(&candidate.cells)
        && below_dated * 2 >= rows.len().saturating_sub(first + 1)
        && below_dated > 0)
        .then_some(first)
}

/// The role of every row. A row of header cells (`th`) after the first data row is a
/// repeated header only when its words read as one: a `Total votes` row of `th`
/// cells in the middle of a table is data.
pub(super) fn row_roles(rows: &[RawRow]) -> Vec<RowRole> {
    let mut seen_data = false;
    rows.iter()
        .map(|r| {
            let mut role = role(r);
            if role == RowRole::Header
                && seen_data
                && r.layout.is_some()
                && !is_header_row(&r.cells)
            {
                role = RowRole::Data;
            }
            seen_data |= role == RowRole::Data;
            role
        })
        .collect()
}

/// The header, merged with the header rows right below it: a wiki header `Term of
/// office` spanning two columns over `Took office | Left office` reads as the latter.
pub(super) fn merged_header(rows: &[RawRow]) -> Vec<HeaderCell> {
    let mut top = rows[0].cells.clone();
    let mut below: Vec<&[String]> = Vec::new();
    for row in &rows[1..] {
        let sub: Vec<&String> = row.cells.iter().filter(|c| !c.is_empty()).collect();
        let spanning: Vec<usize> = (0..top.len())
            .filter(|i| kind_from_header(&top[*i]) == Some(ColumnKind::Range))
            .collect();
        if row.layout.is_none()
            && row.cells.len() < top.len()
            && sub.len() >= 2
            && spanning.len() == 1
        {
            // `| No. | Name | Term of office | Party |` over `| Took office | Left office |`:
            // the sub-row names the columns the spanning cell stands for.
            let at = spanning[0];
            top.splice(at..=at, sub.into_iter().cloned());
            continue;
        }
        below.push(&row.cells);
    }
    let width = below
        .iter()
        .map(|r| r.len())
        .chain([top.len()])
        .max()
        .unwrap_or(0);
    let spanned = rows[0].layout.as_ref().map(|l| l.spanned.as_slice());
    header_cells(&top, spanned, &below, width)
}
