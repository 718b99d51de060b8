//! Parse stage: pipe tables — header rows, era headings, continuation rows, rowspan
//! realignment and inheritance — read into an [`OfficeTable`] of [`HolderRow`]s.

use super::cell::{
    is_term_like, read_date_cell_with_remark, read_range_cell, split_terms, strip_footnotes,
    EndCell, RangeCell,
};
use super::columns::{cell_shape, is_header_row, kind_from_header, CellShape, ColumnKind};
use super::continuation::join_rows;
use super::date::parse_date;
use super::date::DateError;
use super::holder::{not_a_person, NotAPerson};
use super::lexicon::Lexicon;
use super::name::parse_name_cell;
use super::realign::align;
use super::roles::{assign_roles, header_cells, HeaderCell};
use super::rows::RawRow;
use super::{Column, Diagnostics, HolderRow, Located, OfficeTable};

#[derive(Debug, Clone, PartialEq, Eq)]
enum RowRole {
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
fn find_header(rows: &[RawRow], roles: &[RowRole]) -> Option<usize> {
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
fn row_roles(rows: &[RawRow]) -> Vec<RowRole> {
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

/// Builds the typed table from its raw rows.
pub fn build_table(
    mut rows: Vec<RawRow>,
    caption: Option<Located<String>>,
    lexicon: &Lexicon,
    diagnostics: &mut Diagnostics,
) -> OfficeTable {
    super::day_first::normalize(&mut rows, diagnostics);
    let line = rows.first().map_or(0, |r| r.line);
    let roles = row_roles(&rows);
    let header_at = find_header(&rows, &roles);
    let sub_headers = header_at.map_or(0, |h| {
        roles[h + 1..]
            .iter()
            .take_while(|r| **r == RowRole::Header)
            .count()
    });
    let headers: Vec<HeaderCell> = match header_at {
        Some(i) => merged_header(&rows[i..=i + sub_headers]),
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
        .enumerate()
        .filter(|(i, _)| {
            !header_at.is_some_and(|h| (h..=h + sub_headers).contains(i))
                && roles[*i] == RowRole::Data
        })
        .map(|(_, r)| r)
        .collect();
    let columns = type_columns(&headers, width, &data_rows, lexicon, line, diagnostics);
    // A list of tenures has a holder column and term dates; anything else (election
    // results, statistics, a list of living former holders) is kept out of the graph.
    let is_officeholder_table = columns.iter().any(|c| c.kind == ColumnKind::Name)
        && columns
            .iter()
            .any(|c| matches!(c.kind, ColumnKind::Start | ColumnKind::Range));

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
    // The rows since the last header or era heading, joined when the stretch ends.
    let mut stretch: Vec<HolderRow> = Vec::new();
    let mut seen: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    for (index, raw) in rows.iter().enumerate() {
        let row_role = match roles[index].clone() {
            // The first row read as the header even though its words are unknown.
            RowRole::Data if Some(index) == header_at => RowRole::Header,
            other => other,
        };
        match row_role {
            RowRole::Blank => {
                diagnostics.warn(raw.line, "table row has no cell with text; ignored")
            }
            RowRole::Header => {
                table
                    .rows
                    .extend(join_rows(std::mem::take(&mut stretch), diagnostics));
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
                    if let (Some(previous), true) = (stretch.last_mut(), state.has_rows) {
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
                    table
                        .rows
                        .extend(join_rows(std::mem::take(&mut stretch), diagnostics));
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
                match row.name.as_deref().and_then(|n| not_a_person(n, lexicon)) {
                    None => stretch.push(row),
                    Some(NotAPerson::Nobody) => diagnostics.note(
                        raw.line,
                        format!("holder cell `{}` says nobody held the post; no tenure", row.name.unwrap_or_default()),
                    ),
                    Some(NotAPerson::NotAName) => diagnostics.warn(
                        raw.line,
                        format!("holder cell `{}` does not name a person; the row is not read as a tenure", row.name.unwrap_or_default()),
                    ),
                }
            }
        }
    }
    table.rows.extend(join_rows(stretch, diagnostics));
    // In a list of tenures whose rows are dated, a row with no date at all (`(N/A)`,
    // a title given after death) is no tenure.
    // (A date written but not understood — `1970s`, `31 February` — still dates the row.)
    let date_keys: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c.kind,
                ColumnKind::Start | ColumnKind::End | ColumnKind::Range
            )
        })
        .map(|(i, c)| raw_key(c, i))
        .collect();
    let dated = |r: &HolderRow| {
        r.start.is_some()
            || r.end.is_some()
            || r.incumbent
            || r.extra.iter().any(|(k, v)| {
                date_keys.contains(k)
                    && !matches!(
                        super::date::read_date(v.trim().trim_matches(['(', ')'])),
                        Err(DateError::Unknown(_))
                    )
            })
    };
    if table.is_officeholder_table
        && table.rows.iter().filter(|r| dated(r)).count() * 2 > table.rows.len()
    {
        table.rows.retain(|r| {
            if !dated(r) {
                diagnostics.warn(
                    r.line,
                    format!(
                        "row of {} has no term date where the other rows have one; not read as a tenure",
                        r.name.as_deref().unwrap_or("an unnamed holder")
                    ),
                );
            }
            dated(r)
        });
    }
    // A list whose reigns sit in the holder cells (`Rudolf I 1276–1286`) and that has
    // no date column is a list of tenures too.
    if !table.is_officeholder_table
        && table.columns.iter().any(|c| c.kind == ColumnKind::Name)
        && table.rows.len() >= 2
        && table.rows.iter().filter(|r| r.start.is_some()).count() * 2 >= table.rows.len()
    {
        table.is_officeholder_table = true;
    }
    table
}

/// The header, merged with the header rows right below it: a wiki header `Term of
/// office` spanning two columns over `Took office | Left office` reads as the latter.
fn merged_header(rows: &[RawRow]) -> Vec<HeaderCell> {
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

fn type_columns(
    headers: &[HeaderCell],
    width: usize,
    data_rows: &[&RawRow],
    lexicon: &Lexicon,
    line: usize,
    diagnostics: &mut Diagnostics,
) -> Vec<Column> {
    let full: Vec<Vec<String>> = data_rows
        .iter()
        .filter(|r| r.cells.len() == width && r.cells.last().is_some_and(|c| !c.is_empty()))
        .map(|r| r.cells.clone())
        .collect();
    // Full rows (a text row that lost a cell to a rowspan has shifted cells and ends
    // empty); when there are none, the rows of the table's width.
    let sample: Vec<Vec<String>> = if !full.is_empty() {
        full
    } else {
        data_rows
            .iter()
            .filter(|r| r.cells.len() == width)
            .map(|r| r.cells.clone())
            .collect()
    };
    assign_roles(headers, width, &sample, lexicon, line, diagnostics)
}

#[derive(Default)]
struct Segment {
    era: Option<String>,
    /// The last value of each rowspan column, by column index.
    inherited: Vec<(usize, Located<String>)>,
    has_rows: bool,
    /// The year of the latest dated row: the pivot for two-digit years.
    last_year: Option<i32>,
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

fn raw_key(column: &Column, col: usize) -> String {
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
pub(super) fn read_cell(
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

#[cfg(test)]
mod tests;
