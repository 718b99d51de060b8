//! Corpus generation: writing the officeholder table as flattened wiki markup, with
//! era headings, repeated headers, rowspan-shifted rows and one-cell continuation
//! rows, as real scraped tables have them.

use super::dates::Precision;
use super::office::parties;
use super::record::{RecordPlan, Tenure};
use super::rng::Rng;

fn header(plan: &RecordPlan) -> Vec<String> {
    let l = &plan.layout;
    let mut cells = vec![l.ordinal.to_owned()];
    if l.portrait {
        cells.push("Portrait".to_owned());
    }
    cells.extend([l.name.to_owned(), l.start.to_owned(), l.end.to_owned()]);
    if l.term {
        cells.push("Term".to_owned());
    }
    if l.party {
        cells.push("Party".to_owned());
    }
    if l.notes {
        cells.push("Notes".to_owned());
    }
    cells
}

fn push_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c);
        out.push_str(" |");
    }
    out.push('\n');
}

/// A row whose single non-empty cell spans the table.
fn push_spanning(out: &mut String, text: &str, width: usize) {
    let mut cells = vec![text.to_owned()];
    cells.resize(width, String::new());
    push_row(out, &cells);
}

fn start_cell(t: &Tenure) -> String {
    let mut s = t.start.write(t.start_precision);
    if let Some(note) = t.start_note {
        s.push_str(note);
    }
    s
}

fn end_cell(t: &Tenure, rng: &mut Rng) -> String {
    match t.end {
        None => rng.pick(&["Incumbent", "Incumbent", "present"]).to_owned(),
        Some(day) => {
            let mut s = day.write(t.end_precision);
            if t.died_in_office {
                s.push_str(rng.pick(&["†", "†", " †"]));
            }
            s
        }
    }
}

/// Writes the table of `plan`; `rng` draws only the cosmetic choices (marker
/// spellings, shifted or empty inherited cells).
pub fn write_table(plan: &RecordPlan, rng: &mut Rng, out: &mut String) {
    let header = header(plan);
    let width = header.len();
    let many_eras = plan.eras.len() > 1;
    let party_names = parties(plan.script);
    // What a rowspan column holds at this point of the segment (None: nothing yet).
    let mut term_above: Option<u32> = None;
    let mut party_above: Option<usize> = None;
    let mut era = usize::MAX;
    for t in &plan.tenures {
        if t.era != era {
            if many_eras {
                push_spanning(out, &plan.eras[t.era], width);
            }
            if era == usize::MAX || rng.chance(0.6) {
                push_row(out, &header);
                term_above = None;
                party_above = None;
            }
            era = t.era;
        }
        let mut cells = vec![t.ordinal.map(|n| n.to_string()).unwrap_or_default()];
        if plan.layout.portrait {
            cells.push(String::new());
        }
        let mut name = t.name.clone();
        if t.acting {
            name.push_str(" (acting)");
        }
        if let Some(note) = t.name_note {
            name.push_str(note);
        }
        cells.extend([name, start_cell(t), end_cell(t, rng)]);
        let mut shifted = false;
        if plan.layout.term {
            let (first_term, _) = t.terms;
            if term_above == Some(first_term) && !rng.chance(0.3) {
                // Covered by the rowspan of the cell above: left empty, or missing
                // altogether (cells shift left and the row ends with an empty cell)
                // when a column follows it.
                if plan.layout.party && rng.chance(0.5) {
                    shifted = true;
                } else {
                    cells.push(String::new());
                }
            } else {
                cells.push(plan.term_label(first_term));
            }
        }
        if plan.layout.party {
            if party_above == Some(t.party) && rng.chance(0.5) {
                cells.push(String::new());
            } else {
                cells.push(party_names[t.party % party_names.len()].to_owned());
            }
            party_above = Some(t.party);
        }
        if plan.layout.notes {
            let note = if t.acting {
                "Acting"
            } else if t.start_precision == Precision::Circa {
                "Date uncertain"
            } else {
                ""
            };
            cells.push(note.to_owned());
        }
        if shifted {
            cells.push(String::new());
        }
        push_row(out, &cells);
        // One-cell continuation rows: the tenure also spans the later terms.
        let (first_term, last_term) = t.terms;
        for term in first_term + 1..=last_term {
            if plan.layout.term {
                push_spanning(out, &plan.term_label(term), width);
            }
        }
        term_above = Some(last_term);
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::plan;
    use super::*;

    fn table_of(index: u64) -> (RecordPlan, String) {
        let p = plan(11, index);
        let mut out = String::new();
        write_table(&p, &mut Rng::for_stream(11, index), &mut out);
        (p, out)
    }

    #[test]
    fn every_row_has_the_header_width() {
        for index in 0..200 {
            let (p, table) = table_of(index);
            let width = header(&p).len();
            for line in table.lines() {
                assert!(line.starts_with("| ") && line.ends_with(" |"), "{line}");
                assert_eq!(line.matches(" |").count(), width, "{line}");
            }
        }
    }

    #[test]
    fn tables_show_shifts_continuations_and_eras() {
        let tables: Vec<(RecordPlan, String)> = (0..200).map(table_of).collect();
        // A shifted row: the term cell is missing, so the party sits where the term
        // was and the row ends with an empty cell.
        assert!(tables.iter().any(|(p, t)| p.layout.term
            && p.layout.party
            && t.lines()
                .any(|l| l.ends_with("|  |") && !l.contains(p.office.term_body))));
        assert!(tables.iter().any(|(p, t)| t
            .lines()
            .any(|l| l.starts_with(&format!("| {}", p.term_label(2))))));
        assert!(tables.iter().any(|(p, t)| p.eras.len() > 1
            && t.lines()
                .any(|l| l.starts_with(&format!("| {} |", p.eras[0])))));
        assert!(tables.iter().any(|(_, t)| t.contains(" (acting)")));
        assert!(tables.iter().any(|(_, t)| t.contains('†')));
    }
}
