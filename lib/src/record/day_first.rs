//! Parse stage: numeric dates in one table are read in one order. `06/04/2006` is 6
//! April in a table where another cell says `29/10/2004` (day first) and June 4th where
//! one says `7/16/1921` (month first); with no such witness the month comes first, as
//! in the US tables these dates mostly come from.

use super::cell::strip_footnotes;
use super::rows::RawRow;
use super::Diagnostics;

/// `(a, b, year, separator)` of a cell that is exactly `a/b/year` (or `a.b.year`,
/// `a-b-year`), the numbers as written.
fn numeric_date(cell: &str) -> Option<(&str, &str, &str, char)> {
    let t = cell.trim();
    let sep = ['/', '.', '-']
        .into_iter()
        .find(|s| t.matches(*s).count() == 2)?;
    let mut parts = t.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let small = |s: &str| s.len() <= 2 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year = (y.len() == 2 || y.len() == 4) && y.bytes().all(|b| b.is_ascii_digit());
    if !(small(a) && small(b) && year) {
        return None;
    }
    Some((a, b, y, sep))
}

/// Rewrites the table's day-first numeric dates month first (what the date reader
/// takes), when a cell proves the table writes the day first; says so with a note.
pub fn normalize(rows: &mut [RawRow], diagnostics: &mut Diagnostics) {
    let mut witness: Option<(usize, String)> = None;
    let mut month_first = false;
    for row in rows.iter() {
        for cell in &row.cells {
            let clean = strip_footnotes(cell);
            if let Some((a, b, _, _)) = numeric_date(&clean) {
                let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                if a > 12 && b <= 12 && witness.is_none() {
                    witness = Some((row.line, clean.clone()));
                }
                if b > 12 && a <= 12 {
                    month_first = true;
                }
            }
        }
    }
    let Some((line, cell)) = witness else { return };
    if month_first {
        diagnostics.warn(
            line,
            format!("numeric dates in this table are written both day first (`{cell}`) and month first; read month first"),
        );
        return;
    }
    diagnostics.note(
        line,
        format!("numeric dates in this table are read day first (DD/MM/YYYY), as `{cell}` shows"),
    );
    for row in rows.iter_mut() {
        for cell in &mut row.cells {
            let clean = strip_footnotes(cell);
            if let Some((a, b, y, sep)) = numeric_date(&clean) {
                *cell = format!("{b}{sep}{a}{sep}{y}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&str]) -> Vec<RawRow> {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| RawRow {
                line: i + 1,
                cells: vec![(*c).to_owned()],
                layout: None,
            })
            .collect()
    }

    #[test]
    fn a_day_above_twelve_makes_the_table_day_first() {
        let mut r = rows(&["06/04/2006", "29/10/2004", "1959"]);
        let mut d = Diagnostics::new("t");
        normalize(&mut r, &mut d);
        assert_eq!(r[0].cells[0], "04/06/2006");
        assert_eq!(r[1].cells[0], "10/29/2004");
        assert_eq!(r[2].cells[0], "1959");
        assert_eq!(d.items().len(), 1);
    }

    #[test]
    fn month_first_tables_and_tables_without_a_witness_stay() {
        for cells in [
            &["7/16/1921", "06/04/2006"][..],
            &["06/04/2006", "01/02/2003"][..],
        ] {
            let mut r = rows(cells);
            let mut d = Diagnostics::new("t");
            normalize(&mut r, &mut d);
            assert_eq!(r[0].cells[0], cells[0]);
            assert!(d.items().is_empty());
        }
        let mut r = rows(&["29/10/2004", "7/16/1921"]);
        let mut d = Diagnostics::new("t");
        normalize(&mut r, &mut d);
        assert_eq!((r[0].cells[0].as_str(), d.items().len()), ("29/10/2004", 1));
    }
}
