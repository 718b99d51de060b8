//! Extract stage (within one record): applies prose clues to a position's tenures — a clue names an
//! unnamed holder only when it points at exactly one tenure and no other clue
//! disagrees; everything else is reported.

use super::draft::{succession_order, NameSource, TenureDraft};
use super::prose::{Anchor, Clue};
use crate::record::Diagnostics;
use std::collections::BTreeMap;

/// Names `position`'s unnamed holders from `clues`; reports clues that contradict the
/// table or each other, or that fit several tenures.
pub fn apply_prose(
    drafts: &mut [TenureDraft],
    position: &str,
    clues: &[Clue],
    diagnostics: &mut Diagnostics,
) {
    let order = succession_order(drafts, position);
    let mut proposals: BTreeMap<usize, Vec<&Clue>> = BTreeMap::new();
    for clue in clues {
        let targets = targets(drafts, position, &order, &clue.anchor);
        match targets.as_slice() {
            [] => {}
            [one] => proposals.entry(*one).or_default().push(clue),
            several => {
                if several.iter().any(|i| drafts[*i].row.name.is_none()) {
                    let lines: Vec<String> = several
                        .iter()
                        .map(|i| drafts[*i].row.line.to_string())
                        .collect();
                    diagnostics.warn(
                        clue.line,
                        format!(
                            "prose names {} but fits the rows at lines {}; left unnamed",
                            clue.name,
                            lines.join(", ")
                        ),
                    );
                }
            }
        }
    }
    for (index, clues) in proposals {
        let draft = &mut drafts[index];
        let mut names: Vec<&str> = clues.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        match (&draft.row.name, names.as_slice()) {
            (Some(written), _) => {
                for clue in clues.iter().filter(|c| c.name != *written) {
                    diagnostics.warn(
                        clue.line,
                        format!(
                            "prose names {} for the row at line {}, which names {written}; kept {written}",
                            clue.name, draft.row.line
                        ),
                    );
                }
            }
            (None, [name]) => {
                let first = clues[0];
                draft.row.name = Some((*name).to_owned());
                draft.name_line = Some(draft.name_line.map_or(first.line, |l| l.min(first.line)));
                draft.name_source = Some(NameSource {
                    line: first.line,
                    method: "prose".to_owned(),
                    quote: first.quote.clone(),
                });
            }
            (None, several) => diagnostics.warn(
                clues[0].line,
                format!(
                    "prose names {} for the row at line {}; left unnamed",
                    several.join(" and "),
                    draft.row.line
                ),
            ),
        }
    }
}

/// The drafts of `position` a clue points at.
fn targets(drafts: &[TenureDraft], position: &str, order: &[usize], anchor: &Anchor) -> Vec<usize> {
    let of_position = (0..drafts.len()).filter(|i| drafts[*i].position == position);
    match anchor {
        Anchor::EndsOn(date) => of_position
            .filter(|i| drafts[*i].row.end == Some(*date))
            .collect(),
        Anchor::StartsOn(date) => of_position
            .filter(|i| drafts[*i].row.start == Some(*date))
            .collect(),
        Anchor::After(name) | Anchor::Before(name) => {
            let held: Vec<usize> = order
                .iter()
                .copied()
                .filter(|i| drafts[*i].row.name.as_deref() == Some(name))
                .collect();
            let [only] = held.as_slice() else {
                return Vec::new();
            };
            let at = order.iter().position(|i| i == only).unwrap_or(0);
            let neighbour = match anchor {
                Anchor::After(_) => order.get(at + 1),
                _ => at.checked_sub(1).and_then(|j| order.get(j)),
            };
            neighbour.copied().into_iter().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prose::clues;
    use crate::record::date::parse_date;
    use crate::record::HolderRow;

    fn draft(line: usize, name: Option<&str>, start: &str, end: &str) -> TenureDraft {
        TenureDraft {
            position: "P".into(),
            row: HolderRow {
                line,
                name: name.map(Into::into),
                start: parse_date(start).ok(),
                end: parse_date(end).ok(),
                ..HolderRow::default()
            },
            name_line: None,
            name_source: None,
        }
    }

    #[test]
    fn the_seed_clue_names_only_the_predecessor() {
        let mut drafts = vec![
            draft(73, None, "6 March 2023", "16 May 2024"),
            draft(74, None, "16 May 2024", "25 October 2024"),
            draft(75, Some("Trần Cẩm Tú"), "25 October 2024", "?"),
        ];
        let p = "The current officeholder is Trần Cẩm Tú, who was appointed by a decision of the 13th Politburo on 25 October 2024 to replace Lương Cường, who was appointed as President of Vietnam, succeeding General Secretary Tô Lâm.";
        let mut d = Diagnostics::new("t");
        apply_prose(&mut drafts, "P", &clues(p, 25), &mut d);
        assert_eq!(drafts[1].row.name.as_deref(), Some("Lương Cường"));
        assert_eq!(drafts[1].name_source.as_ref().map(|s| s.line), Some(25));
        assert_eq!(drafts[0].row.name, None);
        assert!(d.items().is_empty(), "{:?}", d.items());
    }

    #[test]
    fn disagreeing_clues_leave_the_holder_unnamed_and_say_so() {
        let mut drafts = vec![
            draft(10, Some("A"), "1950", "1960"),
            draft(11, None, "1960", "1970"),
        ];
        let p = "A was succeeded by B. C succeeded A.";
        let mut d = Diagnostics::new("t");
        apply_prose(&mut drafts, "P", &clues(p, 4), &mut d);
        assert_eq!(drafts[1].row.name, None);
        assert!(d.items()[0].message.contains("B and C"), "{:?}", d.items());
    }

    #[test]
    fn a_clue_that_fits_two_unnamed_rows_is_reported() {
        let mut drafts = vec![
            draft(10, None, "1950", "1 May 1960"),
            draft(11, None, "1955", "1 May 1960"),
        ];
        let mut d = Diagnostics::new("t");
        apply_prose(
            &mut drafts,
            "P",
            &clues("X was appointed on 1 May 1960, replacing Y Z.", 4),
            &mut d,
        );
        assert!(drafts.iter().all(|d| d.row.name.is_none()));
        assert!(
            d.items()[0].message.contains("lines 10, 11"),
            "{:?}",
            d.items()
        );
    }
}
