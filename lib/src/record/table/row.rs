//! Parse stage: one data row of a table read into a [`HolderRow`] — rowspan values
//! inherited from above, and every cell read by its column's role (names, dates, ranges,
//! terms, raw keys).

use super::super::cell::{
    read_date_cell_with_remark, read_range_cell, split_terms, strip_footnotes, EndCell, RangeCell,
};
use super::super::columns::ColumnKind;
use super::super::date::parse_date;
use super::super::date::DateError;
use super::super::name::parse_name_cell;
use super::super::rows::RawRow;
use super::super::{Column, Diagnostics, HolderRow, Located};

#[derive(Default)]
pub(super) struct Segment {
    pub(super) era: Option<String>,
    /// The last value of each rowspan column, by column index.
    pub(super) inherited: Vec<(usize, Located<String>)>,
    pub(super) has_rows: bool,
    /// The year of the latest dated row: the pivot for two-digit years.
    pub(super) last_year: Option<i32>,
}

pub(super) fn read_row(
    raw: &RawRow,
    aligned: &[Option<String>],
    columns: &[Column],
    state: &mut Segment,
    diagnostics: &mut Diagnostics,
) -> HolderRow {
    let line = raw.line;
    let mut row = HolderRow {
        line,
        era_title: state.era.clone(),
        ..HolderRow::default()
    };
    for (col, column) in columns.iter().enumerate() {
        let written = aligned
            .get(col)
            .cloned()
            .flatten()
            .filter(|c| !c.is_empty());
        let value = match written {
            Some(text) => {
                if column.kind.inherits() {
                    state.inherited.retain(|(c, _)| *c != col);
                    state.inherited.push((
                        col,
                        Located {
                            value: text.clone(),
                            line,
                        },
                    ));
                }
                Located { value: text, line }
            }
            // An empty rowspan cell takes the latest value above; after a cell that
            // lists several terms, only the last of them.
            None if column.kind.inherits() => match state.inherited.iter().find(|(c, _)| *c == col)
            {
                Some((_, v)) if column.kind == ColumnKind::Term => {
                    match split_terms(&v.value).pop() {
                        Some(last) => Located {
                            value: last,
                            line: v.line,
                        },
                        None => continue,
                    }
                }
                Some((_, v)) => v.clone(),
                None => continue,
            },
            None => continue,
        };
        read_cell(&mut row, column, col, value, state.last_year, diagnostics);
    }
    if let Some(extra) = raw.cells.get(columns.len()..) {
        for (i, cell) in extra.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            row.extra
                .push((format!("column{}", columns.len() + i + 1), cell.clone()));
        }
    }
    state.last_year = row.start.or(row.end).map(|d| d.year).or(state.last_year);
    if let (Some(start), Some(end)) = (row.start, row.end) {
        if end < start && !end.agrees_with(&start) {
            diagnostics.warn(line, format!("end {end} is before start {start}"));
        }
    }
    row
}

/// Whether a title cell says the holder was acting: `Chargé d'Affaires ad interim`,
/// `Acting Ambassador`, `Interim Director`, `Officer Administering the Government`.
pub(super) fn is_acting_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.contains("ad interim")
        || lower.starts_with("acting ")
        || lower.starts_with("interim ")
        || lower.contains("(acting)")
        || lower.contains("(interim)")
        || lower.contains("officer administering")
}

pub(super) fn raw_key(column: &Column, col: usize) -> String {
    if column.kind == ColumnKind::Ordinal && !column.header.chars().any(char::is_alphanumeric) {
        "No".to_owned() // `#` or an unnamed number column: `ogr:no`
    } else if column.header.is_empty() {
        format!("column{}", col + 1)
    } else {
        column.header.clone()
    }
}

fn set_end(row: &mut HolderRow, cell: &EndCell) {
    row.end = cell.date;
    row.end_circa = cell.circa;
    row.incumbent |= cell.incumbent;
    row.died_in_office |= cell.died_in_office;
}

fn set_range(row: &mut HolderRow, range: RangeCell) {
    if let Ok(start) = range.start {
        row.start = start.date;
        row.start_circa = start.circa;
    }
    if let Some(Ok(end)) = range.end {
        set_end(row, &end);
    }
}

/// `1899–1903 1905–1924`, `1863–1867, 1873–1877`: several whole terms in one cell,
/// each read as a range; `None` unless there are at least two and all read.
fn several_ranges(text: &str, pivot: Option<i32>) -> Option<Vec<RangeCell>> {
    let clean = strip_footnotes(text);
    let chunks: Vec<&str> = clean
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty() && *c != "and")
        .collect();
    if chunks.len() < 2 || !chunks.iter().all(|c| c.contains(['–', '—', '-'])) {
        return None;
    }
    let ranges: Vec<RangeCell> = chunks.iter().map(|c| read_range_cell(c, pivot)).collect();
    ranges
        .iter()
        .all(|r| {
            r.start.as_ref().is_ok_and(|s| s.date.is_some())
                && r.end.as_ref().is_none_or(|e| e.is_ok())
        })
        .then_some(ranges)
}

/// Reads one cell into the row. `pivot` is a neighbouring row's year, which resolves
/// two-digit years (`1/17/99`).
pub(in crate::record) fn read_cell(
    row: &mut HolderRow,
    column: &Column,
    col: usize,
    value: Located<String>,
    pivot: Option<i32>,
    diagnostics: &mut Diagnostics,
) {
    let text = value.value;
    let line = row.line;
    // Keeps the cell as written; `why` is a warning, except for a date the cell says
    // is unknown (`?`), which is only noted.
    let mut keep_raw = |row: &mut HolderRow, why: Option<DateError>| {
        if let Some(why) = why {
            let message = format!("{}: {why}; kept as written", raw_key(column, col));
            if matches!(why, DateError::Unknown(_)) {
                diagnostics.note(line, message);
            } else {
                diagnostics.warn(line, message);
            }
        }
        row.extra.push((raw_key(column, col), text.clone()));
    };
    match column.kind {
        ColumnKind::Portrait => {}
        ColumnKind::Ordinal => match strip_footnotes(&text).trim_end_matches('.').parse::<u64>() {
            Ok(n) => row.ordinal = Some(n),
            Err(_) => {
                // `(Acting)` in the number column: the holder was acting.
                let lower = text.to_lowercase();
                row.acting |= lower.contains("acting") || lower.contains("interim");
                keep_raw(row, None)
            }
        },
        ColumnKind::Name => {
            let cell = parse_name_cell(&text);
            row.name_as_written = match &cell.name {
                Some(n) if *n != cell.written => Some(cell.written.clone()),
                _ => None,
            };
            row.honorific = cell.honorific.clone();
            row.name = cell.name;
            row.acting |= cell.acting;
            row.birth_year = row.birth_year.or(cell.birth_year);
            row.ordinal = row.ordinal.or(cell.ordinal);
            if let (Some((a, b)), None) = (&cell.reign, &row.start) {
                // `Rudolf I 1276–1286`: the reign written in the name cell.
                let range = read_range_cell(&format!("{a}–{b}"), pivot);
                set_range(row, range);
            }
        }
        ColumnKind::Start => match read_date_cell_with_remark(&text, pivot) {
            Ok(cell) => {
                row.start = cell.date;
                row.start_circa = cell.circa;
                row.incumbent |= cell.incumbent && cell.date.is_none();
                if cell.remark.is_some() {
                    keep_raw(row, None);
                }
            }
            Err(e) => keep_raw(row, Some(e)),
        },
        ColumnKind::End => {
            match read_date_cell_with_remark(&text, row.start.map(|d| d.year).or(pivot)) {
                Ok(cell) => {
                    set_end(row, &cell);
                    if cell.remark.is_some() {
                        keep_raw(row, None);
                    }
                }
                Err(e) => keep_raw(row, Some(e)),
            }
        }
        ColumnKind::Range if several_ranges(&text, pivot).is_some() => {
            let mut ranges = several_ranges(&text, pivot).unwrap_or_default().into_iter();
            if let Some(first) = ranges.next() {
                set_range(row, first);
            }
            for later in ranges {
                let mut r = HolderRow::default();
                set_range(&mut r, later);
                row.later_terms.push((r.start, r.end, r.incumbent));
            }
        }
        ColumnKind::Range => {
            let range = read_range_cell(&text, pivot);
            let failed = [
                range.start.as_ref().err(),
                range.end.as_ref().and_then(|e| e.as_ref().err()),
            ];
            let why = failed
                .into_iter()
                .flatten()
                .min_by_key(|e| matches!(e, DateError::Unknown(_)))
                .cloned();
            let any_failed = failed.iter().any(Option::is_some);
            set_range(row, range);
            if any_failed {
                keep_raw(row, why);
            }
        }
        ColumnKind::Rank => row.rank = Some(strip_footnotes(&text)),
        ColumnKind::Term => {
            for term in split_terms(&text) {
                if !row.terms.iter().any(|t| t.value == term) {
                    row.terms.push(Located {
                        value: term,
                        line: value.line,
                    });
                }
            }
        }
        ColumnKind::BirthYear | ColumnKind::PartyJoinYear => {
            match parse_date(&strip_footnotes(&text)) {
                Ok(date) if column.kind == ColumnKind::BirthYear => {
                    row.birth_year = Some(date.year)
                }
                Ok(date) => row.party_join_year = Some(date.year),
                Err(e) => keep_raw(row, Some(e)),
            }
        }
        ColumnKind::BirthPlace => row.birth_place = Some(strip_footnotes(&text)),
        ColumnKind::Gender => row.gender = Some(strip_footnotes(&text)),
        ColumnKind::Title => {
            let title = strip_footnotes(&text);
            row.acting |= is_acting_title(&title);
            row.era_title = Some(title);
        }
        ColumnKind::Duration
        | ColumnKind::Party
        | ColumnKind::Other
        | ColumnKind::Age
        | ColumnKind::Death
        | ColumnKind::Government
        | ColumnKind::Appointer
        | ColumnKind::Country
        | ColumnKind::Election
        | ColumnKind::Notes
        | ColumnKind::OtherDate => keep_raw(row, None),
    }
}
