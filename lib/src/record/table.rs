//! Parse stage: pipe tables — header rows, era headings, continuation rows, rowspan
//! realignment and inheritance — read into an [`OfficeTable`] of [`HolderRow`]s.

use super::cell::{is_term_like, split_terms};
use super::columns::ColumnKind;
use super::continuation::join_rows;
use super::date::DateError;
use super::holder::{not_a_person, NotAPerson};
use super::lexicon::Lexicon;
use super::realign::align;
use super::roles::{assign_roles, HeaderCell};
use super::rows::RawRow;
use super::{Column, Diagnostics, HolderRow, Located, OfficeTable};
use header::{find_header, merged_header, row_roles, RowRole};
use row::{raw_key, read_row, Segment};

pub(super) use row::read_cell;

mod header;
mod row;

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

#[cfg(test)]
mod tests;
