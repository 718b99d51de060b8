//! Parse stage: what a table column means, from its header wording and its content.
//!
//! Columns are recognised by meaning (`Took office`, `Term start`, `From`, `Assumed
//! office` are all a start) and, for unnamed or unknown headers, by the kind of cells
//! they hold in full rows. Never by position.

use super::cell::{is_incumbent_marker, is_term_like, strip_footnotes};
use super::date::{parse_date, split_range};
/// The column kinds are the lexicon's vocabulary; named here too, where they are read.
pub use super::lexicon::ColumnKind;
use super::lexicon::{HeaderRole, Lexicon};

/// The meaning a header names in the built-in lexicon (`data/columns.csv`), or `None`
/// when it is empty or unknown. A header naming the post reads as the holder here;
/// [`super::roles`] decides between holder and appointer with the whole table in view.
pub fn kind_from_header(header: &str) -> Option<ColumnKind> {
    role_kind(Lexicon::builtin().role(header)?)
}

/// The plain kind of a header role.
pub fn role_kind(role: HeaderRole) -> Option<ColumnKind> {
    Some(match role {
        HeaderRole::Kind(k) => k,
        HeaderRole::Post => ColumnKind::Name,
        HeaderRole::WeakStart => ColumnKind::Start,
    })
}

/// Whether a cell is a name followed by a reign (`Rudolf I 1276–1286`): the name must
/// not be a month (`March 1990–1995` is a range of dates).
pub fn is_reign_cell(t: &str) -> bool {
    if !t.starts_with(char::is_uppercase) {
        return false;
    }
    let cell = super::name::parse_name_cell(t);
    match (cell.reign, cell.name) {
        (Some(_), Some(name)) => {
            name.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && super::date::parse_date(&format!("{name} 2000")).is_err()
                && super::date::parse_date(&format!("1 {name} 2000")).is_err()
        }
        _ => false,
    }
}

/// What a single non-empty cell looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellShape {
    Empty,
    /// A small number or `*`.
    Ordinal,
    /// A four-digit year.
    Year,
    /// A date with a month or a day.
    Date,
    /// `Incumbent`, `present`.
    Incumbent,
    /// Two dates with a dash between them.
    Range,
    /// Something meant as a date that cannot be read as one: `?`, `c. 1955`,
    /// `1970s`, `31 February 1968`.
    DateLike,
    /// `5th Central Committee`.
    Term,
    Gender,
    Place,
    Text,
}

const PLACE_WORDS: [&str; 14] = [
    "province",
    "city",
    "district",
    "commune",
    "town",
    "village",
    "prefecture",
    "county",
    "state",
    "region",
    "municipality",
    "oblast",
    "governorate",
    "department",
];

/// The shape of a cell's text.
pub fn cell_shape(cell: &str) -> CellShape {
    let text = strip_footnotes(cell).replace('†', "");
    let t = text.trim();
    if t.is_empty() {
        return CellShape::Empty;
    }
    if t == "*" || (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())) {
        return CellShape::Ordinal;
    }
    if is_incumbent_marker(t) {
        return CellShape::Incumbent;
    }
    if let Ok(d) = parse_date(t) {
        return if d.month.is_some() {
            CellShape::Date
        } else {
            CellShape::Year
        };
    }
    // `Rudolf I 1276–1286`: a name with its reign is text, not a date.
    if is_reign_cell(t) {
        return CellShape::Text;
    }
    if let Some((a, b)) = split_range(t) {
        if parse_date(a).is_ok()
            && (parse_date(b).is_ok() || is_incumbent_marker(b) || b.is_empty())
        {
            return CellShape::Range;
        }
        // `222-252`, `194–180 BC`, `c. 1955 – 1960`: a range of years as term cells
        // read them (three-digit and BCE years, approximate sides).
        let range = super::cell::read_range_cell(t, None);
        if range.start.is_ok_and(|s| s.date.is_some()) && range.end.is_none_or(|e| e.is_ok()) {
            return CellShape::Range;
        }
    }
    if is_term_like(t) {
        return CellShape::Term;
    }
    // `Left post, Jun 22, 1948`: a short remark before a date is a date cell.
    if t.contains(", ")
        && t.bytes().any(|b| b.is_ascii_digit())
        && super::cell::read_date_cell_with_remark(t, None).is_ok_and(|c| c.date.is_some())
    {
        return CellShape::Date;
    }
    if looks_like_a_date(t) {
        return CellShape::DateLike;
    }
    let lower = t.to_lowercase();
    if matches!(
        lower.as_str(),
        "male" | "female" | "m" | "f" | "man" | "woman" | "nam" | "nữ"
    ) {
        return CellShape::Gender;
    }
    if lower.split_whitespace().any(|w| PLACE_WORDS.contains(&w)) {
        return CellShape::Place;
    }
    CellShape::Text
}

/// Whether a cell that is not a date was meant as one: `?`, an approximate or
/// decade date, or a date with a day or month that does not exist.
fn looks_like_a_date(t: &str) -> bool {
    let lower = t.to_lowercase();
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4);
    let approximate = [
        "c.", "ca.", "circa", "before", "after", "early", "late", "mid",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    matches!(t, "?" | "??" | "unknown" | "—" | "–")
        || (has_year
            && t.len() <= 24
            && (approximate || lower.ends_with('s') || parse_date(t).is_err()))
}

/// How well a cell of `shape` fits a column of `kind`: positive fits, negative
/// clashes, zero says nothing. Used to realign rows whose cells shifted left.
pub fn fit(shape: CellShape, kind: ColumnKind) -> i32 {
    use CellShape as S;
    use ColumnKind as K;
    match (shape, kind) {
        (S::Empty, _) => 0,
        (_, K::Other | K::Portrait | K::Duration | K::Notes | K::Age) => 0,
        (S::Text | S::Place, K::Title | K::Government | K::Appointer | K::Country) => 1,
        (S::Year | S::Date | S::Range | S::DateLike, K::Death | K::Election | K::OtherDate) => 2,
        (S::Ordinal, K::Ordinal | K::Rank) => 2,
        (S::Year | S::Date, K::Start | K::End) => 2,
        (S::Incumbent, K::End) => 2,
        (S::Range, K::Range) => 2,
        (S::Year, K::BirthYear | K::PartyJoinYear) => 2,
        (S::Date, K::BirthYear | K::PartyJoinYear) => 1,
        (S::Term, K::Term) => 2,
        (S::Gender, K::Gender) => 2,
        (S::Place, K::BirthPlace) => 2,
        (S::DateLike, K::Start | K::End | K::Range) => 1,
        (S::Text, K::BirthPlace | K::Party | K::Rank) => 1,
        // A term column holds numbered terms: plain text there hints at a shifted row.
        (S::Text, K::Term) => -1,
        (S::Text | S::Place, K::Name) => 1,
        _ => -2,
    }
}

/// Infers the kinds of columns whose header said nothing, from the shapes of their
/// cells in full rows. `known` holds the header-derived kinds (`None` = unknown).
pub fn infer_kinds(known: &[Option<ColumnKind>], rows: &[Vec<String>]) -> Vec<ColumnKind> {
    use ColumnKind as K;
    let mut kinds: Vec<Option<ColumnKind>> = known.to_vec();
    let has = |kinds: &[Option<ColumnKind>], k: ColumnKind| kinds.contains(&Some(k));
    let majority = |col: usize| -> Option<CellShape> {
        let mut counts: Vec<(CellShape, usize)> = Vec::new();
        for row in rows {
            let shape = row.get(col).map_or(CellShape::Empty, |c| cell_shape(c));
            if shape == CellShape::Empty {
                continue;
            }
            match counts.iter_mut().find(|(s, _)| *s == shape) {
                Some((_, n)) => *n += 1,
                None => counts.push((shape, 1)),
            }
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
    };
    let mut year_columns = Vec::new();
    for col in 0..kinds.len() {
        if kinds[col].is_some() {
            continue;
        }
        let kind = match majority(col) {
            None => None,
            Some(CellShape::Ordinal) if !has(&kinds, K::Ordinal) => Some(K::Ordinal),
            Some(CellShape::Date | CellShape::Incumbent) if !has(&kinds, K::Start) => {
                Some(K::Start)
            }
            Some(CellShape::Date | CellShape::Incumbent) if !has(&kinds, K::End) => Some(K::End),
            Some(CellShape::Year) if !has(&kinds, K::Start) && !has(&kinds, K::Range) => {
                Some(K::Start)
            }
            Some(CellShape::Year) if !has(&kinds, K::End) && !has(&kinds, K::Range) => Some(K::End),
            Some(CellShape::Year) => {
                year_columns.push(col);
                None
            }
            Some(CellShape::Range) if !has(&kinds, K::Range) => Some(K::Range),
            Some(CellShape::Term) => Some(K::Term),
            Some(CellShape::Gender) if !has(&kinds, K::Gender) => Some(K::Gender),
            Some(CellShape::Place) if !has(&kinds, K::BirthPlace) => Some(K::BirthPlace),
            Some(CellShape::Text) if !has(&kinds, K::Name) => Some(K::Name),
            Some(_) => None,
        };
        kinds[col] = kind;
    }
    // Unnamed year columns beside the dates: a birth year, then a party-joining year
    // (one is born before joining anything: the column with the smaller years).
    let mean = |col: usize| -> f64 {
        let years: Vec<f64> = rows
            .iter()
            .filter_map(|r| {
                r.get(col)
                    .and_then(|c| parse_date(&strip_footnotes(c)).ok())
            })
            .map(|d| f64::from(d.year))
            .collect();
        if years.is_empty() {
            f64::MAX
        } else {
            years.iter().sum::<f64>() / years.len() as f64
        }
    };
    year_columns.sort_by(|a, b| mean(*a).total_cmp(&mean(*b)).then(a.cmp(b)));
    for col in year_columns {
        kinds[col] = if !has(&kinds, K::BirthYear) {
            Some(K::BirthYear)
        } else if !has(&kinds, K::PartyJoinYear) {
            Some(K::PartyJoinYear)
        } else {
            None
        };
    }
    kinds.into_iter().map(|k| k.unwrap_or(K::Other)).collect()
}

/// Whether a row reads as a header row: most non-empty cells name a known column and
/// none is a date.
pub fn is_header_row(cells: &[String]) -> bool {
    // A header row is a few cells wide; a row of thousands of cells is data.
    let non_empty: Vec<&String> = cells
        .iter()
        .filter(|c| !c.trim().is_empty())
        .take(65)
        .collect();
    if non_empty.len() < 2 || non_empty.len() > 64 {
        return false;
    }
    // A dated cell settles it, and data rows have one: check that first (cheaper).
    let dated = non_empty.iter().any(|c| {
        matches!(
            cell_shape(c),
            CellShape::Date | CellShape::Year | CellShape::Range
        )
    });
    if dated {
        return false;
    }
    let named = non_empty
        .iter()
        .filter(|c| kind_from_header(c).is_some())
        .count();
    named * 2 >= non_empty.len() && named >= 2
}

#[cfg(test)]
mod tests;
