//! Parse stage: pipe tables — header rows, era headings, continuation rows, rowspan
//! realignment and inheritance — read into an [`OfficeTable`] of [`HolderRow`]s.

use super::cell::{
    clean_space, is_term_like, parse_date_cell, parse_name_cell, split_terms, strip_footnotes,
};
use super::columns::{
    cell_shape, fit, infer_kinds, is_header_row, kind_from_header, CellShape, ColumnKind,
};
use super::date::{parse_date, split_range};
use super::{Column, Diagnostics, HolderRow, Located, OfficeTable};

/// One `| a | b |` line, split into trimmed cells.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
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
    }
}

enum RowRole {
    Header,
    /// A single spanning cell: an era heading, or a term continuing the row above.
    Spanning(String),
    Blank,
    Data,
}

fn role(cells: &[String]) -> RowRole {
    let non_empty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    match non_empty.as_slice() {
        [] => RowRole::Blank,
        [only]
            if cells.len() > 2
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

/// Builds the typed table from its raw rows.
pub fn build_table(
    rows: Vec<RawRow>,
    caption: Option<Located<String>>,
    diagnostics: &mut Diagnostics,
) -> OfficeTable {
    let line = rows.first().map_or(0, |r| r.line);
    let header_at = rows
        .iter()
        .position(|r| matches!(role(&r.cells), RowRole::Header));
    let headers: Vec<String> = match header_at {
        Some(i) => merged_header(&rows[i..]),
        None => {
            diagnostics.warn(
                line,
                "table has no header row; columns are guessed from their content",
            );
            Vec::new()
        }
    };
    let width = if headers.is_empty() {
        rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    } else {
        headers.len()
    };

    let data_rows: Vec<&RawRow> = rows
        .iter()
        .filter(|r| matches!(role(&r.cells), RowRole::Data))
        .collect();
    let columns = type_columns(&headers, width, &data_rows);
    let is_officeholder_table = columns.iter().any(|c| {
        matches!(
            c.kind,
            ColumnKind::Start | ColumnKind::End | ColumnKind::Range
        )
    });

    let mut table = OfficeTable {
        line,
        caption,
        title: None,
        columns,
        eras: Vec::new(),
        rows: Vec::new(),
        is_officeholder_table,
    };
    let mut state = Segment::default();
    let mut seen: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    for (index, raw) in rows.iter().enumerate() {
        match role(&raw.cells) {
            RowRole::Blank => {
                diagnostics.warn(raw.line, "table row has no cell with text; ignored")
            }
            RowRole::Header => {
                state = Segment {
                    era: state.era.take(),
                    ..Segment::default()
                }
            }
            RowRole::Spanning(text) => {
                if is_term_like(&text) {
                    let terms = split_terms(&text);
                    let term_col = table
                        .columns
                        .iter()
                        .position(|c| c.kind == ColumnKind::Term);
                    if let (Some(previous), true) = (table.rows.last_mut(), state.has_rows) {
                        previous.terms.extend(terms.iter().map(|t| Located {
                            value: t.clone(),
                            line: raw.line,
                        }));
                    }
                    if let Some(col) = term_col {
                        state.inherited.retain(|(c, _)| *c != col);
                        state.inherited.push((
                            col,
                            Located {
                                value: text.clone(),
                                line: raw.line,
                            },
                        ));
                    }
                } else {
                    let era = Located {
                        value: text,
                        line: raw.line,
                    };
                    if header_at.is_some_and(|h| index < h) && table.title.is_none() {
                        table.title = Some(era.clone());
                    }
                    table.eras.push(era.clone());
                    state = Segment {
                        era: Some(era.value),
                        ..Segment::default()
                    };
                }
            }
            RowRole::Data => {
                let aligned = align(raw, &table.columns, diagnostics);
                let key: Vec<String> = aligned
                    .iter()
                    .map(|c| c.clone().unwrap_or_default())
                    .collect();
                if let Some(first) = seen.get(&key) {
                    diagnostics.warn(
                        raw.line,
                        format!("row repeats the row at line {first}; kept once"),
                    );
                    continue;
                }
                seen.insert(key, raw.line);
                let row = read_row(raw, &aligned, &table.columns, &mut state, diagnostics);
                state.has_rows = true;
                table.rows.push(row);
            }
        }
    }
    table
}

/// The header, merged with the header rows right below it: a wiki header `Term of
/// office` spanning two columns over `Took office | Left office` reads as the latter.
fn merged_header(rows: &[RawRow]) -> Vec<String> {
    let mut header = rows[0].cells.clone();
    for row in rows[1..].iter().take_while(|r| is_header_row(&r.cells)) {
        let sub: Vec<&String> = row.cells.iter().filter(|c| !c.is_empty()).collect();
        let spanning: Vec<usize> = (0..header.len())
            .filter(|i| kind_from_header(&header[*i]) == Some(ColumnKind::Range))
            .collect();
        if row.cells.len() < header.len() && sub.len() >= 2 && spanning.len() == 1 {
            // `| No. | Name | Term of office | Party |` over `| Took office | Left office |`:
            // the sub-row names the columns the spanning cell stands for.
            let at = spanning[0];
            header.splice(at..=at, sub.into_iter().cloned());
            continue;
        }
        if row.cells.len() > header.len() {
            header.resize(row.cells.len(), String::new());
        }
        for (i, cell) in row.cells.iter().enumerate() {
            if !cell.is_empty() {
                header[i] = cell.clone();
            }
        }
    }
    header
}

fn type_columns(headers: &[String], width: usize, data_rows: &[&RawRow]) -> Vec<Column> {
    let full: Vec<Vec<String>> = data_rows
        .iter()
        .filter(|r| r.cells.len() == width && r.cells.last().is_some_and(|c| !c.is_empty()))
        .map(|r| r.cells.clone())
        .collect();
    let sample = if full.is_empty() {
        data_rows
            .iter()
            .filter(|r| r.cells.len() == width)
            .map(|r| r.cells.clone())
            .collect()
    } else {
        full
    };
    // A named header that means nothing known is kept raw; only unnamed columns are
    // typed by their content (a `Province` column is not a birthplace).
    let known: Vec<Option<ColumnKind>> = (0..width)
        .map(|i| {
            let header = headers.get(i).map(|h| h.trim()).filter(|h| !h.is_empty());
            header.map(|h| kind_from_header(h).unwrap_or(ColumnKind::Other))
        })
        .collect();
    let mut kinds = infer_kinds(&known, &sample);
    // Content corrects what a header's wording suggests: a `Term` or unknown header
    // over cells like `5th Congress` means body terms; a `Tenure` column of `22 years`
    // is a duration, not dates.
    for (col, kind) in kinds.iter_mut().enumerate() {
        let count = |shapes: &[CellShape]| {
            sample
                .iter()
                .filter(|r| r.get(col).is_some_and(|c| shapes.contains(&cell_shape(c))))
                .count()
        };
        let filled = count(&[
            CellShape::Ordinal,
            CellShape::Year,
            CellShape::Date,
            CellShape::Incumbent,
            CellShape::Range,
            CellShape::DateLike,
            CellShape::Term,
            CellShape::Gender,
            CellShape::Place,
            CellShape::Text,
        ]);
        if matches!(*kind, ColumnKind::Range | ColumnKind::Other)
            && count(&[CellShape::Term]) * 2 > filled
            && filled > 0
        {
            *kind = ColumnKind::Term;
        } else if *kind == ColumnKind::Range
            && count(&[
                CellShape::Range,
                CellShape::Date,
                CellShape::Year,
                CellShape::DateLike,
            ]) * 2
                < filled
        {
            *kind = ColumnKind::Duration;
        }
    }
    // One column per meaning (terms aside): a second `Start` is kept raw.
    let mut used = Vec::new();
    for kind in kinds.iter_mut() {
        if matches!(
            *kind,
            ColumnKind::Term | ColumnKind::Other | ColumnKind::Portrait
        ) {
            continue;
        }
        if used.contains(kind) {
            *kind = ColumnKind::Other;
        } else {
            used.push(*kind);
        }
    }
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Column {
            header: headers
                .get(i)
                .map(|h| strip_footnotes(h))
                .unwrap_or_default(),
            kind,
        })
        .collect()
}

/// Tables wider than this are never realigned.
const MAX_REALIGNED_WIDTH: usize = 64;
/// At most this many cells are taken to be left out of one row by rowspans.
const MAX_LEFT_OUT_CELLS: usize = 6;

/// Places a row's cells in the table's columns. A flattened rowspan leaves a cell out
/// of the row, so the cells after it shift left and the row ends with an empty cell:
/// the best placement (by how well each cell's shape fits its column) undoes that.
fn align(raw: &RawRow, columns: &[Column], diagnostics: &mut Diagnostics) -> Vec<Option<String>> {
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
    // A full row, or a table too wide to be a list of officeholders, stays as it is
    // (the placement search is quadratic in the width).
    if (cells.len() == width && trailing_empty == 0) || width > MAX_REALIGNED_WIDTH {
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

#[derive(Default)]
struct Segment {
    era: Option<String>,
    /// The last value of each rowspan column, by column index.
    inherited: Vec<(usize, Located<String>)>,
    has_rows: bool,
}

fn read_row(
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
        read_cell(&mut row, column, col, value, diagnostics);
    }
    if let Some(extra) = raw.cells.get(columns.len()..) {
        for (i, cell) in extra.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            row.extra
                .push((format!("column{}", columns.len() + i + 1), cell.clone()));
        }
    }
    if let (Some(start), Some(end)) = (row.start, row.end) {
        if end < start && !end.agrees_with(&start) {
            diagnostics.warn(line, format!("end {end} is before start {start}"));
        }
    }
    row
}

fn raw_key(column: &Column, col: usize) -> String {
    if column.kind == ColumnKind::Ordinal && !column.header.chars().any(char::is_alphanumeric) {
        "No".to_owned() // `#` or an unnamed number column: `ogr:no`
    } else if column.header.is_empty() {
        format!("column{}", col + 1)
    } else {
        column.header.clone()
    }
}

pub(super) fn read_cell(
    row: &mut HolderRow,
    column: &Column,
    col: usize,
    value: Located<String>,
    diagnostics: &mut Diagnostics,
) {
    let text = value.value;
    let line = row.line;
    let mut keep_raw = |row: &mut HolderRow, why: Option<String>| {
        if let Some(why) = why {
            diagnostics.warn(
                line,
                format!("{}: {why}; kept as written", raw_key(column, col)),
            );
        }
        row.extra.push((raw_key(column, col), text.clone()));
    };
    match column.kind {
        ColumnKind::Portrait => {}
        ColumnKind::Ordinal => match strip_footnotes(&text).trim_end_matches('.').parse::<u64>() {
            Ok(n) => row.ordinal = Some(n),
            Err(_) => keep_raw(row, None),
        },
        ColumnKind::Name => {
            let cell = parse_name_cell(&text);
            row.name = cell.name;
            row.acting |= cell.acting;
            row.birth_year = row.birth_year.or(cell.birth_year);
        }
        ColumnKind::Start => match parse_date_cell(&text) {
            Ok(cell) => row.start = cell.date,
            Err(e) => keep_raw(row, Some(e.to_string())),
        },
        ColumnKind::End => match parse_date_cell(&text) {
            Ok(cell) => {
                row.end = cell.date;
                row.incumbent |= cell.incumbent;
                row.died_in_office |= cell.died_in_office;
            }
            Err(e) => keep_raw(row, Some(e.to_string())),
        },
        ColumnKind::Range => {
            let clean = strip_footnotes(&text);
            let parsed = split_range(&clean).map_or_else(
                || parse_date_cell(&clean).map(|c| (c, None)),
                |(a, b)| {
                    let start = parse_date_cell(a)?;
                    let end = if b.is_empty() {
                        None
                    } else {
                        Some(parse_date_cell(b)?)
                    };
                    Ok((start, end))
                },
            );
            match parsed {
                Ok((start, end)) => {
                    row.start = start.date;
                    if let Some(end) = end {
                        row.end = end.date;
                        row.incumbent |= end.incumbent;
                        row.died_in_office |= end.died_in_office;
                    }
                }
                Err(e) => keep_raw(row, Some(e.to_string())),
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
                Err(e) => keep_raw(row, Some(e.to_string())),
            }
        }
        ColumnKind::BirthPlace => row.birth_place = Some(strip_footnotes(&text)),
        ColumnKind::Gender => row.gender = Some(strip_footnotes(&text)),
        ColumnKind::Duration | ColumnKind::Party | ColumnKind::Other => keep_raw(row, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(lines: &[&str]) -> (OfficeTable, Vec<String>) {
        let mut d = Diagnostics::new("t.txt");
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, l)| split_row(i + 1, l, &mut d))
            .collect();
        let t = build_table(rows, None, &mut d);
        (t, d.items().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_row_shifted_by_a_rowspan_is_realigned() {
        let (t, warnings) = table(&[
            "| | Name | Took office | Left office | | | Gender |",
            "| 1 | A | 20 December 1976 | 31 March 1982 | 4th CC (1976–1982) | 1910 | Male |",
            "| 2 | B | 30 April 1980 | 31 March 1982 | 1911 | Female | |",
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let b = &t.rows[1];
        assert_eq!(b.birth_year, Some(1911));
        assert_eq!(b.gender.as_deref(), Some("Female"));
        assert_eq!(
            b.terms[0].value, "4th CC",
            "the skipped term cell inherits from above"
        );
        assert_eq!(b.terms[0].line, 2);
    }

    #[test]
    fn a_full_row_with_an_empty_last_cell_is_not_shifted() {
        let (t, _) = table(&[
            "| No. | Name | Took office | Left office | Central Committee |",
            "| 12 | A | 19 January 2011 | 19 July 2024† | 11th Central Committee |",
            "| 13 | B | 3 August 2024 | Incumbent | |",
        ]);
        let b = &t.rows[1];
        assert_eq!(
            (b.ordinal, b.name.as_deref(), b.incumbent),
            (Some(13), Some("B"), true)
        );
        assert_eq!(
            b.terms.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            vec!["11th Central Committee"]
        );
        assert!(t.rows[0].died_in_office);
    }

    #[test]
    fn eras_continuations_and_repeated_headers() {
        let (t, _) = table(&[
            "| Chairman of X | | | |",
            "| # | Officeholder | Term start | Term end |",
            "| 1 | A | 1945 | 1950 |",
            "| 2nd Congress | | | |",
            "| Premier of X | | | |",
            "| # | Officeholder | Term start | Term end |",
            "| 2 | B (acting)[a] | May 1950 | present |",
        ]);
        assert_eq!(
            t.title.as_ref().map(|t| t.value.as_str()),
            Some("Chairman of X")
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].era_title.as_deref(), Some("Chairman of X"));
        assert_eq!(t.rows[0].terms[0].value, "2nd Congress");
        let b = &t.rows[1];
        assert_eq!(
            (b.name.as_deref(), b.acting, b.incumbent),
            (Some("B"), true, true)
        );
        assert_eq!(b.era_title.as_deref(), Some("Premier of X"));
        assert_eq!(b.start.map(|d| d.to_string()).as_deref(), Some("1950-05"));
    }

    #[test]
    fn bad_rows_are_reported_and_kept() {
        let (t, warnings) = table(&[
            "| No. | Name | From | To |",
            "| 1 | A | c. 1955 | 31 February 1960 |",
            "| 1 | A | c. 1955 | 31 February 1960 |",
            "| 2 | B | 1960 | 1965 | surplus |",
            "| 3 | C | 1970 | 1965",
        ]);
        assert_eq!(t.rows.len(), 3, "the duplicate is kept once");
        assert!(t.rows[0].extra.contains(&("From".into(), "c. 1955".into())));
        assert!(t.rows[0]
            .extra
            .contains(&("To".into(), "31 February 1960".into())));
        assert!(t.rows[1]
            .extra
            .contains(&("column5".into(), "surplus".into())));
        let mut lines: Vec<&str> = warnings
            .iter()
            .map(|w| w.split(": warning").next().unwrap_or(""))
            .collect();
        lines.sort_unstable();
        assert_eq!(
            lines,
            vec!["t.txt:2", "t.txt:2", "t.txt:3", "t.txt:4", "t.txt:5", "t.txt:5"],
            "{warnings:#?}"
        );
    }

    #[test]
    fn a_two_row_wiki_header_is_merged() {
        let (t, warnings) = table(&[
            "| No. | Name | Term of office | | Political party |",
            "| | | Took office | Left office | |",
            "| 1 | A | 2 September 1945 | 2 September 1969† | Workers' Party |",
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ColumnKind::Ordinal,
                ColumnKind::Name,
                ColumnKind::Start,
                ColumnKind::End,
                ColumnKind::Party
            ]
        );
        assert_eq!(
            t.rows[0].end.map(|d| d.to_string()).as_deref(),
            Some("1969-09-02")
        );
        assert_eq!(
            t.rows[0].extra,
            vec![("Political party".to_owned(), "Workers' Party".to_owned())]
        );
    }

    #[test]
    fn a_bad_date_before_an_empty_last_cell_stays_in_its_column() {
        let (t, warnings) = table(&[
            "| No. | Name | Rank | From | To | Notes |",
            "| 1 | Chu Văn Tấn | Major General | September 1945 | March 1946 | x |",
            "| 3 | Carl Dunn | | 1960 | ? | |",
            "| 4 | Tạ Quang Bửu | | July 1947 | c. 1948 | |",
        ]);
        for row in &t.rows[1..] {
            assert!(
                row.start.is_some() && row.end.is_none() && row.rank.is_none(),
                "{row:?}"
            );
            assert!(row.extra.iter().any(|(k, _)| k == "To"), "{row:?}");
        }
        assert_eq!(t.rows[2].name.as_deref(), Some("Tạ Quang Bửu"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn a_spanning_term_of_office_header_over_a_short_sub_row() {
        let (t, warnings) = table(&[
            "| No. | Name | Term of office | Party |",
            "| Took office | Left office |",
            "| 1 | Nguyễn Tường Tam | 2 March 1946 | 5 May 1946 | Vietnamese Nationalist Party |",
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ColumnKind::Ordinal,
                ColumnKind::Name,
                ColumnKind::Start,
                ColumnKind::End,
                ColumnKind::Party
            ]
        );
        assert_eq!(t.rows[0].name.as_deref(), Some("Nguyễn Tường Tam"));
    }

    #[test]
    fn text_shifted_into_a_term_column_is_realigned() {
        let (t, _) = table(&[
            "| No. | Name | Took office | Left office | National Assembly | Notes |",
            "| 1 | A | 2 March 1946 | 8 November 1946 | 1st National Assembly | Head of the Standing Committee |",
            "| 2 | B | 8 November 1946 | 13 April 1955 | Head of the Standing Committee | |",
        ]);
        let b = &t.rows[1];
        assert_eq!(
            b.terms.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            ["1st National Assembly"]
        );
        assert_eq!(
            b.extra,
            [(
                "Notes".to_owned(),
                "Head of the Standing Committee".to_owned()
            )]
        );
    }

    #[test]
    fn content_corrects_header_wording() {
        let (t, warnings) = table(&[
            "| # | Name | From | To | Provincial Party Committee | Tenure |",
            "| 1 | A | 1960 | 1970 | 5th Congress 6th Congress | 10 years |",
            "| – | B | 1970 | 1971 | 7th Congress | 1 year |",
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(t.columns[4].kind, ColumnKind::Term);
        assert_eq!(t.columns[5].kind, ColumnKind::Duration);
        assert_eq!(t.rows[0].terms.len(), 2);
        assert!(
            t.rows[1].extra.contains(&("No".to_owned(), "–".to_owned())),
            "{:?}",
            t.rows[1].extra
        );
    }

    #[test]
    fn unknown_named_headers_stay_raw() {
        let (t, _) = table(&[
            "| No. | Name | From | To | Province |",
            "| 1 | A | 1945 | 1950 | Hà Nam province |",
        ]);
        assert_eq!(t.columns[4].kind, ColumnKind::Other);
        assert_eq!(t.rows[0].birth_place, None);
        assert_eq!(
            t.rows[0].extra,
            vec![("Province".to_owned(), "Hà Nam province".to_owned())]
        );
    }

    #[test]
    fn very_wide_rows_stay_linear() {
        let header = format!("| No. | Name | From | To |{}", " |".repeat(20_000));
        let row = format!("| 1 | A | 1945 | 1950 |{}", " |".repeat(30_000));
        let (t, warnings) = table(&[&header, &row]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].start.map(|d| d.year), Some(1945));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_table_without_header_is_guessed_and_reported() {
        let (t, warnings) = table(&["| 1 | A | 1945 | 1950 |", "| 2 | B | 1950 | 1955 |"]);
        assert!(
            t.is_officeholder_table,
            "its columns are typed by content: No., name, dates"
        );
        assert_eq!(t.rows[1].name.as_deref(), Some("B"));
        assert_eq!(t.rows[1].start.map(|d| d.year), Some(1950));
        assert_eq!(t.rows.len(), 2);
        assert!(warnings[0].contains("no header row"));
    }
}
