//! Parse stage: rowspan realignment — a flattened row that lost a rowspanned cell has
//! its cells shifted left; the best placement of its cells in the columns, by how well
//! each cell's shape fits each column, undoes that.

use super::columns::{cell_shape, fit, CellShape, ColumnKind};
use super::rows::RawRow;
use super::{Column, Diagnostics};

/// Tables wider than this are never realigned.
const MAX_REALIGNED_WIDTH: usize = 64;
/// At most this many cells are taken to be left out of one row by rowspans.
const MAX_LEFT_OUT_CELLS: usize = 6;

/// Places a row's cells in the table's columns. A flattened rowspan leaves a cell out
/// of the row, so the cells after it shift left and the row ends with an empty cell:
/// the best placement (by how well each cell's shape fits its column) undoes that.
pub(super) fn align(
    raw: &RawRow,
    columns: &[Column],
    diagnostics: &mut Diagnostics,
) -> Vec<Option<String>> {
    let width = columns.len();
    let mut cells = raw.cells.clone();
    if cells.len() > width {
        let extra = cells.split_off(width);
        if extra.iter().any(|c| !c.is_empty()) {
            diagnostics.warn(
                raw.line,
                format!("row has more cells ({}) than the table has columns ({width}); the extra cells are kept as columnN", raw.cells.len()),
            );
        }
    }
    let trailing_empty = cells.iter().rev().take_while(|c| c.is_empty()).count();
    let identity = || {
        (0..width)
            .map(|i| cells.get(i).cloned())
            .collect::<Vec<_>>()
    };
    // A row whose layout the source states (HTML: spans expanded), a full row, or a
    // table too wide to be a list of officeholders, stays as it is (the placement
    // search is quadratic in the width).
    if raw.layout.is_some()
        || (cells.len() == width && trailing_empty == 0)
        || width > MAX_REALIGNED_WIDTH
    {
        return identity();
    }
    let shapes: Vec<CellShape> = cells.iter().map(|c| cell_shape(c)).collect();
    let mut best: Option<(i64, Vec<Option<usize>>)> = None;
    for drop in 0..=trailing_empty.min(MAX_LEFT_OUT_CELLS) {
        let m = cells.len() - drop;
        if let Some((score, placement)) = best_placement(&shapes[..m], columns) {
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, placement));
            }
        }
    }
    if raw.cells.len() < width && trailing_empty == 0 {
        diagnostics.warn(
            raw.line,
            format!(
                "row has {} cells but the table has {width} columns; realigned by content",
                raw.cells.len()
            ),
        );
    }
    match best {
        Some((_, placement)) => placement
            .into_iter()
            .map(|slot| slot.and_then(|i| cells.get(i).cloned()))
            .collect(),
        None => identity(),
    }
}

/// Dynamic programming over (cells placed, columns used): each cell goes, in order, to
/// a column; a column left without a cell costs a little (less for rowspan columns).
/// Returns the score and, per column, the index of the cell placed there.
fn best_placement(shapes: &[CellShape], columns: &[Column]) -> Option<(i64, Vec<Option<usize>>)> {
    let (m, n) = (shapes.len(), columns.len());
    if m > n {
        return None;
    }
    const NONE: i64 = i64::MIN / 4;
    let skip_cost = |c: &Column| {
        if c.kind.inherits() || c.kind == ColumnKind::Portrait {
            1
        } else {
            2
        }
    };
    // score[i][j]: best score with the first i cells in the first j columns.
    let mut score = vec![vec![NONE; n + 1]; m + 1];
    score[0][0] = 0;
    for j in 1..=n {
        for i in 0..=m.min(j) {
            let skip = if score[i][j - 1] > NONE {
                score[i][j - 1] - skip_cost(&columns[j - 1])
            } else {
                NONE
            };
            let place = if i > 0 && score[i - 1][j - 1] > NONE {
                score[i - 1][j - 1] + 4 * i64::from(fit(shapes[i - 1], columns[j - 1].kind))
            } else {
                NONE
            };
            score[i][j] = skip.max(place);
        }
    }
    // Walk back, preferring to place a cell over skipping (keeps rows unshifted on ties).
    let mut placement = vec![None; n];
    let (mut i, mut j) = (m, n);
    while j > 0 {
        let place = i > 0
            && score[i - 1][j - 1] > NONE
            && score[i][j]
                == score[i - 1][j - 1] + 4 * i64::from(fit(shapes[i - 1], columns[j - 1].kind));
        if place {
            placement[j - 1] = Some(i - 1);
            i -= 1;
        }
        j -= 1;
    }
    Some((score[m][n], placement))
}
