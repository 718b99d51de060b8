//! Corpus generation: the infobox, from two lines to twenty, naming the incumbent
//! and the inaugural holder as the table does.

use super::dates::Precision;
use super::office::fill;
use super::record::RecordPlan;
use super::rng::Rng;
use std::fmt::Write;

const APPOINTERS: &[&str] = &[
    "Provincial People's Council",
    "Provincial Party Committee",
    "Prime Minister",
    "Ministry of Home Affairs",
];
const EXTRA_KEYS: &[(&str, &str)] = &[
    ("Flag", "Flag of {P}.svg"),
    ("Flagsize", "200px"),
    ("Insignia", "Emblem of {P}.svg"),
    ("Insigniasize", "100px"),
    ("Style", "Comrade"),
    ("Type", "Head of the provincial government"),
    ("Status", "Highest ranking official of {P}"),
    ("Seat", "{P} City"),
    ("Salary", "21,000,000₫ monthly"),
    ("Website", "www.example.gov.vn"),
    ("Constituting Instrument", "Law on Local Government"),
    ("Unofficial Names", "Head of {P}, Leader of {P}"),
];

/// Writes `Infobox` and its `- Key: Value` lines.
pub fn write_infobox(plan: &RecordPlan, rng: &mut Rng, out: &mut String) {
    let mut lines: Vec<(String, String)> = Vec::new();
    if rng.chance(0.85) {
        lines.push(("Post".into(), plan.office.post.into()));
    }
    if rng.chance(0.7) {
        lines.push(("Body".into(), fill(plan.office.body, &plan.place)));
    }
    if let Some(last) = plan.tenures.last().filter(|t| t.end.is_none()) {
        if rng.chance(0.85) {
            lines.push(("Incumbent".into(), last.name.clone()));
            if last.start_precision != Precision::Circa {
                lines.push((
                    "Incumbentsince".into(),
                    last.start.write(last.start_precision),
                ));
            }
        }
    }
    if rng.chance(0.5) {
        lines.push(("Appointer".into(), rng.pick(APPOINTERS).to_owned()));
    }
    if rng.chance(0.35) {
        lines.push(("Termlength".into(), "Five years, renewable".into()));
    }
    if let Some(first) = plan.tenures.first() {
        if rng.chance(0.4) && !first.acting {
            lines.push(("Inaugural".into(), first.name.clone()));
        }
        if rng.chance(0.3) {
            lines.push(("Formation".into(), first.start.write(Precision::Year)));
        }
    }
    let extras = rng.below(EXTRA_KEYS.len() as u64 + 1) as usize;
    let offset = rng.below(EXTRA_KEYS.len() as u64) as usize;
    for i in 0..extras {
        let (key, value) = EXTRA_KEYS[(offset + i) % EXTRA_KEYS.len()];
        lines.push((key.into(), fill(value, &plan.place)));
    }
    out.push_str("Infobox\n");
    for (key, value) in lines {
        let _ = writeln!(out, "- {key}: {value}");
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::plan;
    use super::*;

    #[test]
    fn the_incumbent_line_names_the_last_row() {
        let mut seen = 0;
        for index in 0..200 {
            let p = plan(5, index);
            let mut out = String::new();
            write_infobox(&p, &mut Rng::for_stream(5, index), &mut out);
            assert!(out.starts_with("Infobox\n"));
            if let Some(line) = out.lines().find(|l| l.starts_with("- Incumbent: ")) {
                let last = p.tenures.last().map(|t| t.name.as_str());
                assert_eq!(Some(&line["- Incumbent: ".len()..]), last);
                seen += 1;
            }
        }
        assert!(seen > 20);
    }

    #[test]
    fn infobox_sizes_vary() {
        let sizes: std::collections::BTreeSet<usize> = (0..200)
            .map(|index| {
                let p = plan(5, index);
                let mut out = String::new();
                write_infobox(&p, &mut Rng::for_stream(5, index), &mut out);
                out.lines().count()
            })
            .collect();
        assert!(sizes.len() > 8, "{sizes:?}");
    }
}
