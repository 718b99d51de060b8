//! Parse stage: the role of every table column, decided from its header words (the
//! column lexicon, `data/columns.csv`) together with the content of all its cells.
//!
//! The rules, in order:
//! 1. a header the lexicon knows gives the role, if the cells agree (a `Took office`
//!    column of names is kept raw, with a warning);
//! 2. the holder is the best column of names among those headed as names, else among
//!    those headed by the post itself ("Governor", "Representative"); a header that
//!    spans unnamed columns ("Member" over a colour swatch and the name) lends its role
//!    to the column of names under it; post-headed columns left over are appointers;
//! 3. a term header spanning two columns of single dates means start and end;
//! 4. a weak start ("Appointment") gives way to a plain one ("Credentials presented");
//! 5. columns without a header are typed by their content;
//! 6. one column per meaning: a second start is kept raw.

use super::cell::strip_footnotes;
use super::columns::{cell_shape, infer_kinds, CellShape, ColumnKind};
use super::lexicon::{HeaderRole, Lexicon};
use super::{Column, Diagnostics};

/// A column's header: its own words, and the words of the header cell spanning it
/// (the same text when nothing spans it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderCell {
    pub text: String,
    pub group: String,
    /// Index of the first column of the spanning header (itself when none).
    pub group_start: usize,
}

/// What all the cells of one column look like.
#[derive(Debug, Clone, Copy, Default)]
struct Profile {
    filled: usize,
    dates: usize,
    single_dates: usize,
    names: usize,
}

impl Profile {
    fn of(rows: &[Vec<String>], col: usize) -> Profile {
        let mut p = Profile::default();
        for cell in rows.iter().filter_map(|r| r.get(col)) {
            let shape = cell_shape(cell);
            if shape == CellShape::Empty {
                continue;
            }
            p.filled += 1;
            match shape {
                CellShape::Date | CellShape::Year | CellShape::Incumbent => {
                    p.dates += 1;
                    p.single_dates += 1;
                }
                CellShape::Range | CellShape::DateLike => p.dates += 1,
                CellShape::Text | CellShape::Place if holds_a_name(cell) => p.names += 1,
                _ => {}
            }
        }
        p
    }

    fn share(n: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            n as f64 / of as f64
        }
    }

    fn names_share(&self) -> f64 {
        Self::share(self.names, self.filled)
    }

    fn dated(&self) -> bool {
        self.filled == 0 || Self::share(self.dates, self.filled) >= 0.5
    }
}

/// Whether a holder cell, once its life dates, reign, notes and marks are read off,
/// leaves a name.
fn holds_a_name(cell: &str) -> bool {
    super::name::parse_name_cell(cell)
        .name
        .is_some_and(|n| is_name_like(&n))
}

/// Whether a cell reads as a person's name: letters, a few words, hardly any digits.
pub fn is_name_like(cell: &str) -> bool {
    let text = strip_footnotes(cell);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let words = text.split_whitespace().count();
    letters >= 1 && digits * 4 <= letters && (1..=14).contains(&words)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    /// The header names this role.
    Role(HeaderRole),
    /// No words of its own the lexicon knows; the header spanning it names this role.
    Under(HeaderRole),
    /// A header the lexicon does not know: kept raw.
    Unknown,
    /// No header words at all: typed by content.
    Unnamed,
}

/// The columns of a table, typed. `sample` holds full data rows (one cell a column).
pub fn assign_roles(
    headers: &[HeaderCell],
    width: usize,
    sample: &[Vec<String>],
    lexicon: &Lexicon,
    line: usize,
    diagnostics: &mut Diagnostics,
) -> Vec<Column> {
    let header = |i: usize| headers.get(i).cloned().unwrap_or_default();
    let declared: Vec<Declared> = (0..width)
        .map(|i| {
            let h = header(i);
            let own = lexicon.role(&h.text);
            let spanning = (h.group != h.text || h.group_start != i)
                .then(|| lexicon.role(&h.group))
                .flatten();
            match (own, h.text.trim().is_empty(), spanning) {
                (Some(role), _, _) => Declared::Role(role),
                (None, _, Some(role)) => Declared::Under(role),
                (None, true, None) => Declared::Unnamed,
                (None, false, None) => Declared::Unknown,
            }
        })
        .collect();
    let profiles: Vec<Profile> = (0..width).map(|i| Profile::of(sample, i)).collect();
    let label = |i: usize| {
        let h = header(i);
        if h.text.trim().is_empty() {
            format!("column {}", i + 1)
        } else {
            format!("column `{}`", strip_footnotes(&h.text))
        }
    };
    let mut kinds: Vec<Option<ColumnKind>> = vec![None; width];

    // Rule 2: the holder.
    let is_role =
        |d: Declared, r: HeaderRole| matches!(d, Declared::Role(x) | Declared::Under(x) if x == r);
    let name_role = HeaderRole::Kind(ColumnKind::Name);
    // The leftmost column of names headed so (or spanned so): the first one is the
    // table's subject, the later ones whom it served under or beside.
    let best_of = |role: HeaderRole| -> Option<usize> {
        (0..width)
            .filter(|&i| is_role(declared[i], role))
            .find(|&i| profiles[i].filled > 0 && profiles[i].names_share() >= 0.5)
    };
    // A name column left empty (seed 001: the infobox and prose name the holders)
    // is still the holder's column.
    let empty_name_column = || {
        (0..width).find(|&i| declared[i] == Declared::Role(name_role) && profiles[i].filled == 0)
    };
    let holder = best_of(name_role)
        .or_else(|| best_of(HeaderRole::Post))
        .or_else(empty_name_column);
    if let Some(h) = holder {
        kinds[h] = Some(ColumnKind::Name);
    }
    for i in 0..width {
        if Some(i) == holder {
            continue;
        }
        match declared[i] {
            Declared::Role(HeaderRole::Kind(ColumnKind::Name)) => {
                if profiles[i].filled > 0 {
                    let why = match holder {
                        Some(h) => format!("{} is read as the holder", label(h)),
                        None => "its cells are not names".to_owned(),
                    };
                    diagnostics.warn(
                        line,
                        format!(
                            "table {} is headed like a name column, but {why}; kept as written",
                            label(i)
                        ),
                    );
                }
                kinds[i] = Some(ColumnKind::Other);
            }
            Declared::Role(HeaderRole::Post) => {
                if let (Some(h), true) = (holder, profiles[i].filled > 0) {
                    diagnostics.note(
                        line,
                        format!(
                            "table {} also names a post; {} is read as the holder, {} as whom the holder served under or beside",
                            label(i),
                            label(h),
                            label(i)
                        ),
                    );
                }
                kinds[i] = Some(if holder.is_some() {
                    ColumnKind::Appointer
                } else {
                    ColumnKind::Other
                });
            }
            // A column of names under the holder's header that is not the holder (a name
            // in another script) is kept raw; anything else there is typed by content.
            Declared::Under(HeaderRole::Kind(ColumnKind::Name) | HeaderRole::Post)
                if profiles[i].names_share() >= 0.5 =>
            {
                kinds[i] = Some(ColumnKind::Other);
            }
            _ => {}
        }
    }

    // Rules 1, 3, 4: dates and every other declared role.
    let has_plain_start = declared.contains(&Declared::Role(HeaderRole::Kind(ColumnKind::Start)));
    for i in 0..width {
        if kinds[i].is_some() {
            continue;
        }
        let kind = match declared[i] {
            Declared::Role(HeaderRole::WeakStart) if has_plain_start => Some(ColumnKind::OtherDate),
            Declared::Role(HeaderRole::WeakStart) => Some(ColumnKind::Start),
            Declared::Role(HeaderRole::Kind(k)) => Some(k),
            Declared::Unknown => Some(ColumnKind::Other),
            Declared::Under(HeaderRole::Kind(ColumnKind::Range)) => None,
            Declared::Under(_) | Declared::Unnamed => None,
            Declared::Role(HeaderRole::Post) => Some(ColumnKind::Other),
        };
        kinds[i] = kind;
    }
    // A term header over two columns of single dates: start and end.
    for i in 0..width.saturating_sub(1) {
        let next = i + 1;
        let spans_next = header(next).group_start == i
            && matches!(
                declared[next],
                Declared::Under(HeaderRole::Kind(ColumnKind::Range)) | Declared::Unnamed
            );
        if kinds[i] == Some(ColumnKind::Range)
            && spans_next
            && kinds[next].is_none()
            && profiles[i].single_dates * 2 > profiles[i].filled
            && profiles[next].dated()
        {
            kinds[i] = Some(ColumnKind::Start);
            kinds[next] = Some(ColumnKind::End);
        }
    }
    for i in 0..width {
        let Some(kind) = kinds[i] else { continue };
        // (A range header over `22 years` is a duration: content corrects it below.)
        if matches!(kind, ColumnKind::Start | ColumnKind::End)
            && !profiles[i].dated()
            && !matches!(declared[i], Declared::Unnamed)
        {
            diagnostics.warn(
                line,
                format!(
                    "table {} is headed as a term {} but most of its cells are not dates; kept as written",
                    label(i),
                    match kind {
                        ColumnKind::Start => "start",
                        ColumnKind::End => "end",
                        _ => "range",
                    }
                ),
            );
            kinds[i] = Some(ColumnKind::Other);
        }
    }

    // Rule 5: what is still open is typed by content.
    let mut inferred = infer_kinds(&kinds, sample);
    if holder.is_none() {
        if let Some(h) = inferred.iter().position(|k| *k == ColumnKind::Name) {
            // The holder read from content alone: say so, with the other columns of
            // text it could have been.
            let others: Vec<String> = (0..width)
                .filter(|&i| i != h && profiles[i].names_share() >= 0.5)
                .map(label)
                .collect();
            let alternatives = if others.is_empty() {
                String::new()
            } else {
                format!(" (other columns of text: {})", others.join(", "))
            };
            diagnostics.warn(
                line,
                format!(
                    "table {} has no header naming it; read as the holder from its content{alternatives}",
                    label(h)
                ),
            );
        }
    }
    // Content corrects what a header's wording suggests: a `Term` or unknown header
    // over cells like `5th Congress` means body terms; a `Tenure` column of `22 years`
    // is a duration, not dates.
    for (col, kind) in inferred.iter_mut().enumerate() {
        let count = |shapes: &[CellShape]| {
            sample
                .iter()
                .filter(|r| r.get(col).is_some_and(|c| shapes.contains(&cell_shape(c))))
                .count()
        };
        let filled = profiles[col].filled;
        if matches!(
            *kind,
            ColumnKind::Range | ColumnKind::Other | ColumnKind::Party
        ) && count(&[CellShape::Term]) * 2 > filled
            && filled > 0
        {
            *kind = ColumnKind::Term;
        } else if *kind == ColumnKind::Range && !profiles[col].dated() {
            *kind = ColumnKind::Duration;
        }
    }
    // A raw column of dates stays raw, but rows are realigned knowing it holds dates.
    for (i, kind) in inferred.iter_mut().enumerate() {
        if *kind == ColumnKind::Other && profiles[i].filled > 0 && profiles[i].dated() {
            *kind = ColumnKind::OtherDate;
        }
    }
    // An election column is the start of each holding only in a list of holders that
    // has no term dates at all (`Election | Member | Party` of a constituency).
    let has_term_dates = inferred
        .iter()
        .any(|k| matches!(k, ColumnKind::Start | ColumnKind::Range));
    if !has_term_dates && inferred.contains(&ColumnKind::Name) {
        if let Some(e) = (0..width).find(|&i| {
            inferred[i] == ColumnKind::Election && profiles[i].filled > 0 && profiles[i].dated()
        }) {
            diagnostics.note(
                line,
                format!(
                    "table {} (an election) is read as the start of each holding: the table has no other term dates",
                    label(e)
                ),
            );
            inferred[e] = ColumnKind::Start;
        }
    }
    // Rule 6: one column per meaning (terms and raw columns aside).
    let mut used = Vec::new();
    for (i, kind) in inferred.iter_mut().enumerate() {
        if matches!(
            *kind,
            ColumnKind::Term
                | ColumnKind::Other
                | ColumnKind::OtherDate
                | ColumnKind::Portrait
                | ColumnKind::Notes
        ) {
            continue;
        }
        if used.contains(kind) {
            if matches!(
                *kind,
                ColumnKind::Start | ColumnKind::End | ColumnKind::Range
            ) {
                diagnostics.warn(
                    line,
                    format!(
                        "table {} is a second term {} column; kept as written",
                        label(i),
                        match kind {
                            ColumnKind::Start => "start",
                            ColumnKind::End => "end",
                            _ => "range",
                        }
                    ),
                );
            }
            *kind = ColumnKind::Other;
        } else {
            used.push(*kind);
        }
    }
    inferred
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Column {
            header: strip_footnotes(&header(i).text),
            kind,
        })
        .collect()
}

/// The header cells of a table: the first header row's cells spread over the columns
/// they span (an empty cell after a named one continues it, as a flattened `colspan`
/// does; `spanned` says so exactly where the source knows), with the words of the
/// header rows below it taking their place.
pub fn header_cells(
    top: &[String],
    spanned: Option<&[bool]>,
    below: &[&[String]],
    width: usize,
) -> Vec<HeaderCell> {
    let mut cells: Vec<HeaderCell> = Vec::with_capacity(width);
    for i in 0..width {
        let text = top.get(i).cloned().unwrap_or_default();
        let continues = match spanned {
            Some(s) => s.get(i).copied().unwrap_or(false),
            None => text.trim().is_empty() && !below.is_empty(),
        };
        let (group, group_start) = match (continues, cells.last()) {
            (true, Some(prev)) => (prev.group.clone(), prev.group_start),
            _ => (text.clone(), i),
        };
        cells.push(HeaderCell {
            text,
            group,
            group_start,
        });
    }
    // Unnamed columns right after a named header in a one-row header: a flattened
    // colspan or a column of its own; they join the group only as `Unnamed` columns.
    if below.is_empty() && spanned.is_none() {
        for i in 1..width {
            if cells[i].text.trim().is_empty() {
                let (g, s) = (cells[i - 1].group.clone(), cells[i - 1].group_start);
                cells[i].group = g;
                cells[i].group_start = s;
            }
        }
    }
    for row in below {
        for (i, cell) in row.iter().enumerate().take(width) {
            if !cell.trim().is_empty() {
                cells[i].text = cell.clone();
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests;
