//! Extract stage (within one record): tenure drafts before they become triples — the
//! infobox names holders the table leaves unnamed or adds tenures it lacks, and each
//! position's drafts get their succession order. (Succession across records is
//! `reconcile`.)

use crate::date::PartialDate;
use crate::record::{Diagnostics, HolderRow};

/// A tenure before it becomes triples: the position it belongs to and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct TenureDraft {
    /// The position's label (its identity).
    pub position: String,
    pub row: HolderRow,
    /// An earlier line that names the holder (an infobox entry), if any.
    pub name_line: Option<usize>,
    /// Where the holder's name came from when the table left it out.
    pub name_source: Option<NameSource>,
}

/// The evidence for a holder's name that the table did not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSource {
    pub line: usize,
    /// `infobox Incumbent`, `infobox Inaugural`, `prose`.
    pub method: String,
    /// The words it came from.
    pub quote: String,
}

/// What the infobox says about the subject position's holders.
#[derive(Debug, Clone, Default)]
pub struct InfoboxHolders {
    /// `Incumbent` (name, line) and `Incumbentsince`.
    pub incumbent: Option<(String, usize)>,
    pub incumbent_since: Option<PartialDate>,
    /// `Inaugural` (name, line).
    pub inaugural: Option<(String, usize)>,
}

/// Names the subject position's rows from the infobox, or adds tenures the table
/// lacks. `drafts` are all the record's drafts; only those of `position` are touched.
pub fn apply_infobox(
    drafts: &mut Vec<TenureDraft>,
    position: &str,
    infobox: &InfoboxHolders,
    diagnostics: &mut Diagnostics,
) {
    let of_position: Vec<usize> = (0..drafts.len())
        .filter(|i| drafts[*i].position == position)
        .collect();
    if let Some((name, line)) = &infobox.incumbent {
        // `Incumbentsince: April 2019` matches a row that starts 25 April 2019; when
        // several rows fit a coarse date, the one marked incumbent decides.
        let by_start = infobox.incumbent_since.and_then(|since| {
            let fits: Vec<usize> = of_position
                .iter()
                .copied()
                .filter(|i| drafts[*i].row.start.is_some_and(|s| since.contains(&s)))
                .collect();
            match fits.as_slice() {
                [one] => Some(*one),
                several => several.iter().copied().find(|i| drafts[*i].row.incumbent),
            }
        });
        let by_flag = || {
            of_position
                .iter()
                .copied()
                .rfind(|i| drafts[*i].row.incumbent)
        };
        if let (None, Some(since), Some(i)) = (by_start, infobox.incumbent_since, by_flag()) {
            if let Some(start) = drafts[i].row.start.filter(|s| !since.agrees_with(s)) {
                diagnostics.warn(
                    *line,
                    format!(
                        "Incumbentsince {} contradicts the incumbent row's start {} (line {})",
                        since, start, drafts[i].row.line
                    ),
                );
            }
        }
        match by_start.or_else(by_flag) {
            Some(i) => give_name(&mut drafts[i], name, *line, "Incumbent", diagnostics),
            None => drafts.push(TenureDraft {
                position: position.to_owned(),
                row: HolderRow {
                    line: *line,
                    name: Some(name.clone()),
                    start: infobox.incumbent_since,
                    incumbent: true,
                    ..HolderRow::default()
                },
                name_line: None,
                name_source: None,
            }),
        }
    }
    if let Some((name, line)) = &infobox.inaugural {
        let by_ordinal = of_position
            .iter()
            .copied()
            .find(|i| drafts[*i].row.ordinal == Some(1));
        let earliest = || {
            of_position
                .iter()
                .copied()
                .filter(|i| drafts[*i].row.start.is_some())
                .min_by_key(|i| drafts[*i].row.start)
        };
        match by_ordinal.or_else(earliest) {
            Some(i) => give_name(&mut drafts[i], name, *line, "Inaugural", diagnostics),
            None => {
                let same_as_incumbent = drafts.iter_mut().find(|d| {
                    d.position == position
                        && d.row.name.as_deref() == Some(name.as_str())
                        && d.row.line == infobox.incumbent.as_ref().map_or(0, |i| i.1)
                });
                match same_as_incumbent {
                    Some(draft) => draft.row.ordinal = Some(1),
                    None => drafts.push(TenureDraft {
                        position: position.to_owned(),
                        row: HolderRow {
                            line: *line,
                            name: Some(name.clone()),
                            ordinal: Some(1),
                            ..HolderRow::default()
                        },
                        name_line: None,
                        name_source: None,
                    }),
                }
            }
        }
    }
}

fn give_name(
    draft: &mut TenureDraft,
    name: &str,
    line: usize,
    key: &str,
    diagnostics: &mut Diagnostics,
) {
    let row = &mut draft.row;
    match &row.name {
        None => {
            row.name = Some(name.to_owned());
            draft.name_source = Some(NameSource {
                line,
                method: format!("infobox {key}"),
                quote: format!("{key}: {name}"),
            });
        }
        Some(written) if written == name => {}
        Some(written) => {
            diagnostics.warn(
                line,
                format!("infobox {key} `{name}` contradicts the table row at line {} (`{written}`); the table wins", row.line),
            );
            return;
        }
    }
    draft.name_line = Some(draft.name_line.map_or(line, |l| l.min(line)));
}

/// The succession order of one position's drafts: indices of the drafts with a start,
/// sorted by (start, ordinal with none last, holder name with unnamed first, line).
pub fn succession_order(drafts: &[TenureDraft], position: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|i| drafts[*i].position == position && drafts[*i].row.start.is_some())
        .collect();
    order.sort_by(|a, b| {
        let (a, b) = (&drafts[*a].row, &drafts[*b].row);
        a.start
            .cmp(&b.start)
            .then(a.ordinal.is_none().cmp(&b.ordinal.is_none()))
            .then(a.ordinal.cmp(&b.ordinal))
            .then(a.name.cmp(&b.name))
            .then(a.line.cmp(&b.line))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::date::parse_date;

    fn draft(
        line: usize,
        ordinal: u64,
        name: Option<&str>,
        start: &str,
        incumbent: bool,
    ) -> TenureDraft {
        TenureDraft {
            position: "P".into(),
            row: HolderRow {
                line,
                ordinal: Some(ordinal),
                name: name.map(Into::into),
                start: parse_date(start).ok(),
                incumbent,
                ..HolderRow::default()
            },
            name_line: None,
            name_source: None,
        }
    }

    #[test]
    fn infobox_names_the_incumbent_and_inaugural_rows() {
        let mut drafts = vec![
            draft(10, 1, None, "1976", false),
            draft(11, 2, None, "1980", false),
            draft(12, 3, None, "25 October 2024", true),
        ];
        let infobox = InfoboxHolders {
            incumbent: Some(("Trần Cẩm Tú".into(), 3)),
            incumbent_since: parse_date("25 October 2024").ok(),
            inaugural: Some(("Nguyễn Duy Trinh".into(), 4)),
        };
        let mut d = Diagnostics::new("t");
        apply_infobox(&mut drafts, "P", &infobox, &mut d);
        assert_eq!(drafts[2].row.name.as_deref(), Some("Trần Cẩm Tú"));
        assert_eq!(drafts[0].row.name.as_deref(), Some("Nguyễn Duy Trinh"));
        assert_eq!(drafts[1].row.name, None);
        assert!(d.items().is_empty());
    }

    #[test]
    fn a_coarser_incumbentsince_names_the_row_it_contains() {
        let mut drafts = vec![
            draft(10, 1, Some("A"), "2010", false),
            draft(11, 2, None, "25 April 2019", true),
        ];
        let infobox = InfoboxHolders {
            incumbent: Some(("B".into(), 3)),
            incumbent_since: parse_date("April 2019").ok(),
            ..InfoboxHolders::default()
        };
        apply_infobox(&mut drafts, "P", &infobox, &mut Diagnostics::new("t"));
        assert_eq!(drafts.len(), 2, "no second tenure");
        assert_eq!(drafts[1].row.name.as_deref(), Some("B"));
    }

    #[test]
    fn a_contradiction_is_reported_and_the_table_wins() {
        let mut drafts = vec![draft(10, 1, Some("A"), "1976", true)];
        let infobox = InfoboxHolders {
            incumbent: Some(("B".into(), 3)),
            ..InfoboxHolders::default()
        };
        let mut d = Diagnostics::new("t");
        apply_infobox(&mut drafts, "P", &infobox, &mut d);
        assert_eq!(drafts[0].row.name.as_deref(), Some("A"));
        assert_eq!(d.items()[0].line, 3);
    }

    #[test]
    fn an_incumbentsince_that_contradicts_the_incumbent_row_is_reported() {
        let mut drafts = vec![draft(10, 1, Some("A"), "1 March 2018", true)];
        let infobox = InfoboxHolders {
            incumbent: Some(("A".into(), 3)),
            incumbent_since: parse_date("1 March 2019").ok(),
            ..InfoboxHolders::default()
        };
        let mut d = Diagnostics::new("t");
        apply_infobox(&mut drafts, "P", &infobox, &mut d);
        assert_eq!(d.items().len(), 1);
        assert_eq!(d.items()[0].line, 3);
        assert!(d.items()[0]
            .message
            .contains("contradicts the incumbent row's start 2018-03-01"));
        assert_eq!(drafts.len(), 1, "the row is still the incumbent's");
    }

    #[test]
    fn without_a_table_the_infobox_makes_the_tenure() {
        let mut drafts = Vec::new();
        let infobox = InfoboxHolders {
            incumbent: Some(("X".into(), 3)),
            incumbent_since: parse_date("2020").ok(),
            inaugural: Some(("Y".into(), 5)),
        };
        apply_infobox(&mut drafts, "P", &infobox, &mut Diagnostics::new("t"));
        assert_eq!(drafts.len(), 2);
        assert!(drafts[0].row.incumbent && drafts[1].row.ordinal == Some(1));
    }

    #[test]
    fn succession_follows_start_dates_not_table_order() {
        let drafts = vec![
            draft(1, 2, Some("b"), "1950", false),
            draft(2, 1, Some("a"), "1940", false),
            draft(3, 3, Some("c"), "?", false),
        ];
        assert_eq!(succession_order(&drafts, "P"), vec![1, 0]);
    }
}
