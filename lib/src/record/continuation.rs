//! Parse stage: rows that continue the holding above — one tenure split over several
//! rows (a member's cell spanning one row per parliament, a title that changed under
//! one name) — and cells that name several holders at once.
//!
//! Within one stretch of a table (between era headings), in a table that names its
//! holders (most rows have a name):
//! - a row with dates but no name, right under a named row, is that holder's: the same
//!   holding when its dates touch the row above (the rows merge), else the holder's
//!   next stint;
//! - a row with the same holder as the row above whose dates touch it merges into it;
//! - a holder cell listing several people (`A, B and C`) gives one row each.
//!
//! Every merge and every borrowed name is a note with the row's line.

use super::name::parse_name_cell;
use super::roles::is_name_like;
use super::{Diagnostics, HolderRow};

/// Applies the rules above to one stretch of rows (table order).
pub fn join_rows(rows: Vec<HolderRow>, diagnostics: &mut Diagnostics) -> Vec<HolderRow> {
    let rows: Vec<HolderRow> = rows
        .into_iter()
        .flat_map(|row| split_terms(row, diagnostics))
        .collect();
    let rows: Vec<HolderRow> = rows
        .into_iter()
        .flat_map(|row| split_holders(row, diagnostics))
        .collect();
    // A stretch that names its holders starts with a name; one whose names are all
    // left out (seed 001: the infobox and prose name them) is left as it is.
    if rows.first().is_none_or(|r| r.name.is_none()) {
        return rows;
    }
    let mut out: Vec<HolderRow> = Vec::with_capacity(rows.len());
    for mut row in rows {
        let dated = row.start.is_some() || row.end.is_some() || row.incumbent;
        let Some(prev) = out.last_mut() else {
            out.push(row);
            continue;
        };
        let Some(prev_name) = prev.name.clone() else {
            out.push(row);
            continue;
        };
        let same = match &row.name {
            None => dated,
            Some(n) => *n == prev_name,
        };
        if !same {
            out.push(row);
            continue;
        }
        if touches(prev, &row) {
            diagnostics.note(
                row.line,
                format!(
                    "row continues the holding of {prev_name} from line {} (one tenure over several rows)",
                    prev.line
                ),
            );
            merge(prev, row);
        } else {
            if row.name.is_none() {
                diagnostics.note(
                    row.line,
                    format!(
                        "row has dates but no name: read as a later stint of {prev_name} (line {})",
                        prev.line
                    ),
                );
                row.name = Some(prev_name);
                row.honorific = prev.honorific.clone();
            }
            out.push(row);
        }
    }
    out
}

/// Whether `next` begins where `prev` ends (or `prev`'s end is unknown).
fn touches(prev: &HolderRow, next: &HolderRow) -> bool {
    if prev.incumbent {
        return false;
    }
    match (prev.end, next.start) {
        (Some(end), Some(start)) => end.touches(&start),
        (None, Some(start)) => prev.start.is_none_or(|s| s <= start),
        (_, None) => true,
    }
}

/// The later row's end, marks and terms go to the earlier row.
fn merge(into: &mut HolderRow, row: HolderRow) {
    if row.end.is_some() || row.incumbent {
        into.end = row.end;
        into.end_circa = row.end_circa;
    }
    into.incumbent = row.incumbent;
    into.died_in_office |= row.died_in_office;
    into.acting &= row.acting;
    for term in row.terms {
        if !into.terms.iter().any(|t| t.value == term.value) {
            into.terms.push(term);
        }
    }
}

/// `1899–1903 1905–1924` in one term cell: one row per holding.
fn split_terms(mut row: HolderRow, diagnostics: &mut Diagnostics) -> Vec<HolderRow> {
    if row.later_terms.is_empty() {
        return vec![row];
    }
    let later = std::mem::take(&mut row.later_terms);
    diagnostics.note(
        row.line,
        format!(
            "term cell holds {} holdings; one tenure each",
            later.len() + 1
        ),
    );
    let mut out = vec![row.clone()];
    for (start, end, incumbent) in later {
        out.push(HolderRow {
            start,
            end,
            incumbent,
            start_circa: false,
            end_circa: false,
            ..row.clone()
        });
    }
    out
}

/// `Zach de Beer, Denis Worrall and Wynand Malan`: one row per person, when every
/// part reads as a name of at least two words.
fn split_holders(row: HolderRow, diagnostics: &mut Diagnostics) -> Vec<HolderRow> {
    let Some(name) = row.name.as_deref() else {
        return vec![row];
    };
    let parts: Vec<&str> = name
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .collect();
    let is_person = |p: &&str| {
        p.split_whitespace().count() >= 2
            && is_name_like(p)
            && p.split_whitespace()
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    if parts.len() < 2 || !parts.iter().all(is_person) {
        return vec![row];
    }
    diagnostics.note(
        row.line,
        format!("holder cell names {} people; one tenure each", parts.len()),
    );
    parts
        .into_iter()
        .map(|part| {
            let cell = parse_name_cell(part);
            HolderRow {
                name: cell.name,
                honorific: cell.honorific,
                name_as_written: row.name_as_written.clone().or_else(|| row.name.clone()),
                ..row.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::date::parse_date;

    fn row(line: usize, name: Option<&str>, start: &str, end: &str) -> HolderRow {
        HolderRow {
            line,
            name: name.map(str::to_owned),
            start: parse_date(start).ok(),
            end: parse_date(end).ok(),
            ..HolderRow::default()
        }
    }

    fn joined(rows: Vec<HolderRow>) -> (Vec<(Option<String>, String, String)>, usize) {
        let mut d = Diagnostics::new("t");
        let out = join_rows(rows, &mut d);
        let show =
            |d: Option<crate::record::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        (
            out.iter()
                .map(|r| (r.name.clone(), show(r.start), show(r.end)))
                .collect(),
            d.items().len(),
        )
    }

    #[test]
    fn an_unnamed_row_whose_dates_touch_continues_the_holding() {
        let (rows, notes) = joined(vec![
            row(1, Some("Russell Paulley"), "1969", "1973"),
            row(2, None, "1973", "1977"),
            row(3, Some("Wilson Parasiuk"), "1977", "1981"),
            row(4, None, "1981", "1986"),
            row(5, None, "1986", "1988"),
        ]);
        assert_eq!(
            rows,
            vec![
                (Some("Russell Paulley".into()), "1969".into(), "1977".into()),
                (Some("Wilson Parasiuk".into()), "1977".into(), "1988".into()),
            ]
        );
        assert_eq!(notes, 3);
    }

    #[test]
    fn an_unnamed_row_after_a_gap_is_a_later_stint() {
        let (rows, _) = joined(vec![
            row(1, Some("Ann Lee"), "1990", "1992"),
            row(2, None, "1995", "1999"),
        ]);
        assert_eq!(
            rows[1],
            (Some("Ann Lee".into()), "1995".into(), "1999".into())
        );
    }

    #[test]
    fn the_same_holder_twice_merges_only_when_the_dates_touch() {
        let (rows, _) = joined(vec![
            row(1, Some("Ann Lee"), "1 March 1990", "3 March 1992"),
            row(2, Some("Ann Lee"), "4 March 1992", "1995"),
            row(3, Some("Bo Chan"), "1995", "1997"),
            row(4, Some("Ann Lee"), "1997", "1999"),
        ]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].2, "1995");
    }

    #[test]
    fn tables_that_do_not_name_holders_are_left_alone() {
        let (rows, notes) = joined(vec![
            row(1, None, "1990", "1992"),
            row(2, None, "1992", "1995"),
            row(3, Some("Ann Lee"), "1995", "1997"),
            row(4, None, "1997", "1999"),
        ]);
        assert_eq!((rows.len(), notes), (4, 0));
    }

    #[test]
    fn a_cell_naming_several_people_gives_a_row_each() {
        let (rows, notes) = joined(vec![row(
            1,
            Some("Zach de Beer, Denis Worrall and Wynand Malan"),
            "1989",
            "1994",
        )]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].0.as_deref(), Some("Wynand Malan"));
        assert_eq!(notes, 1);
        let (rows, _) = joined(vec![row(
            1,
            Some("Theodore R. Britton, Jr."),
            "1975",
            "1977",
        )]);
        assert_eq!(rows.len(), 1);
        let (rows, _) = joined(vec![row(1, Some("Smith and Sons"), "1975", "1977")]);
        assert_eq!(rows.len(), 1);
    }
}
