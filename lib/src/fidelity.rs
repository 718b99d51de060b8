//! Evaluation (after extract): how faithfully the tenures of real pages were read,
//! against expected tenures written by hand (`tests/realworld/<page>.tsv`).
//!
//! A gold file is tab-separated, `#` lines are comments, and its first line names the
//! columns `position holder start end acting died_in_office incumbent`. An extracted
//! tenure matches a gold one when the holder names are equal after NFC, case folding
//! and whitespace folding, and the starts are equal (both empty counts as equal);
//! each tenure matches at most once.
//!
//! ```
//! use officegraph::fidelity::{read_gold, score, tenures_in};
//! use officegraph::pipeline::{process_text, Config};
//!
//! let gold = read_gold("position\tholder\tstart\tend\tacting\tdied_in_office\tincumbent\n\
//!                       Mayor of X\tAnn Lee\t2016-05\t\t\t\ttrue\n").unwrap();
//! let record = "= Mayor of X =\n\n| No. | Name | Took office | Left office |\n\
//!               | 1 | ann  LEE | May 2016 | Incumbent |\n";
//! let out = process_text("x.txt", "x.txt", record.as_bytes(), &Config::default());
//! let s = score(&gold, &tenures_in(&out.quads));
//! assert_eq!((s.gold, s.extracted, s.matched), (1, 1, 1));
//! ```

mod report;

pub use report::{
    evaluate_folder, read_ratchet, Evaluation, EvaluationError, InputKind, PageResult,
};

use crate::vocab::{ext, og};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// One tenure, as gold states it or as extraction produced it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenureFact {
    pub position: String,
    pub holder: String,
    /// ISO 8601 at the precision given (`1921-07-16`, `1921-07`, `1921`), or empty.
    pub start: String,
    pub end: String,
    pub acting: bool,
    pub died_in_office: bool,
    pub incumbent: bool,
    /// The source line (extracted) or gold-file line (gold).
    pub line: usize,
}

impl TenureFact {
    /// What two tenures must share to match: the folded holder name and the start.
    pub fn key(&self) -> (String, String) {
        (fold_name(&self.holder), self.start.trim().to_owned())
    }
}

/// NFC, case folding (Unicode lower case) and whitespace folding.
pub fn fold_name(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A gold file that cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct GoldError {
    pub line: usize,
    pub message: String,
}

const GOLD_COLUMNS: [&str; 7] = [
    "position",
    "holder",
    "start",
    "end",
    "acting",
    "died_in_office",
    "incumbent",
];

/// Reads a gold file (see the module documentation).
pub fn read_gold(text: &str) -> Result<Vec<TenureFact>, GoldError> {
    let mut rows = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let header = rows.next().ok_or(GoldError {
        line: 1,
        message: "no header line".into(),
    })?;
    let names: Vec<&str> = header.1.split('\t').map(str::trim).collect();
    if names != GOLD_COLUMNS {
        return Err(GoldError {
            line: header.0,
            message: format!("the header must be `{}`", GOLD_COLUMNS.join("\\t")),
        });
    }
    let flag = |line: usize, v: &str| match v.trim() {
        "" | "false" => Ok(false),
        "true" => Ok(true),
        other => Err(GoldError {
            line,
            message: format!("`{other}` is not `true`, `false` or empty"),
        }),
    };
    rows.map(|(line, l)| {
        let mut cells: Vec<&str> = l.split('\t').collect();
        if cells.len() > GOLD_COLUMNS.len() {
            return Err(GoldError {
                line,
                message: format!("{} cells, expected {}", cells.len(), GOLD_COLUMNS.len()),
            });
        }
        cells.resize(GOLD_COLUMNS.len(), "");
        Ok(TenureFact {
            position: cells[0].trim().to_owned(),
            holder: cells[1].trim().to_owned(),
            start: cells[2].trim().to_owned(),
            end: cells[3].trim().to_owned(),
            acting: flag(line, cells[4])?,
            died_in_office: flag(line, cells[5])?,
            incumbent: flag(line, cells[6])?,
            line,
        })
    })
    .collect()
}

/// Every `og:Tenure` of a record's quads, with its holder's and position's labels
/// (an unnamed holder has an empty name).
pub fn tenures_in(quads: &[Quad]) -> Vec<TenureFact> {
    let mut by_subject: HashMap<&NamedOrBlankNode, Vec<&Quad>> = HashMap::new();
    for quad in quads {
        by_subject.entry(&quad.subject).or_default().push(quad);
    }
    let object = |subject: &NamedOrBlankNode, predicate| -> Option<&Term> {
        by_subject
            .get(subject)?
            .iter()
            .find(|q| q.predicate.as_ref() == predicate)
            .map(|q| &q.object)
    };
    let text = |term: Option<&Term>| match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        _ => String::new(),
    };
    let label_of = |term: Option<&Term>| match term {
        Some(Term::NamedNode(n)) => text(object(&n.clone().into(), ext::RDFS_LABEL)),
        _ => String::new(),
    };
    let mut out: Vec<TenureFact> = by_subject
        .iter()
        .filter(|(_, qs)| {
            qs.iter().any(|q| {
                q.predicate.as_ref() == ext::RDF_TYPE
                    && matches!(&q.object, Term::NamedNode(n) if n.as_ref() == og::TENURE)
            })
        })
        .map(|(subject, _)| {
            let subject: &NamedOrBlankNode = subject;
            let is_true = |p| text(object(subject, p)) == "true";
            TenureFact {
                position: label_of(object(subject, og::POSITION_PROP)),
                holder: label_of(object(subject, og::HOLDER)),
                start: text(object(subject, og::START)),
                end: text(object(subject, og::END)),
                acting: is_true(og::ACTING),
                died_in_office: is_true(og::DIED_IN_OFFICE),
                incumbent: is_true(og::INCUMBENT),
                line: text(object(subject, og::SOURCE_LINE)).parse().unwrap_or(0),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.line, &a.holder, &a.start).cmp(&(b.line, &b.holder, &b.start)));
    out
}

/// Gold against extraction on one page (or summed over pages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub extracted: usize,
    pub matched: usize,
    /// Gold tenures nothing matched.
    pub missed: Vec<TenureFact>,
    /// Extracted tenures that match no gold one.
    pub spurious: Vec<TenureFact>,
}

impl Score {
    /// Matched over extracted (1 when nothing was extracted).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.extracted)
    }

    /// Matched over gold (1 when the gold is empty).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another page's counts (the lists of misses are not summed).
    pub fn add_counts(&mut self, other: &Score) {
        self.gold += other.gold;
        self.extracted += other.extracted;
        self.matched += other.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Matches extracted tenures to gold ones, one to one, by [`TenureFact::key`].
pub fn score(gold: &[TenureFact], extracted: &[TenureFact]) -> Score {
    let mut open: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, g) in gold.iter().enumerate() {
        open.entry(g.key()).or_default().push(i);
    }
    let mut matched_gold = vec![false; gold.len()];
    let mut spurious = Vec::new();
    for e in extracted {
        match open
            .get_mut(&e.key())
            .and_then(|v| (!v.is_empty()).then(|| v.remove(0)))
        {
            Some(i) => matched_gold[i] = true,
            None => spurious.push(e.clone()),
        }
    }
    let missed: Vec<TenureFact> = gold
        .iter()
        .zip(&matched_gold)
        .filter(|(_, m)| !**m)
        .map(|(g, _)| g.clone())
        .collect();
    Score {
        gold: gold.len(),
        extracted: extracted.len(),
        matched: gold.len() - missed.len(),
        missed,
        spurious,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "position\tholder\tstart\tend\tacting\tdied_in_office\tincumbent\n";

    fn fact(holder: &str, start: &str) -> TenureFact {
        TenureFact {
            holder: holder.into(),
            start: start.into(),
            ..TenureFact::default()
        }
    }

    #[test]
    fn gold_reads_comments_flags_and_short_rows() {
        let text = format!(
            "# a note\n{HEADER}# why\nP\tA B\t1921\t1923\ttrue\n\nP\tC\t\t\t\t\ttrue\nP\tD\n"
        );
        let gold = read_gold(&text).unwrap();
        assert_eq!(gold.len(), 3);
        assert!(gold[0].acting && !gold[0].incumbent && gold[0].line == 4);
        assert!(gold[1].incumbent && gold[1].start.is_empty());
        assert_eq!(gold[2].holder, "D");
    }

    #[test]
    fn gold_errors_name_the_line() {
        assert_eq!(read_gold("").unwrap_err().line, 1);
        assert_eq!(read_gold("a\tb\n").unwrap_err().line, 1);
        let bad = format!("{HEADER}P\tA\t1\t2\tyes\n");
        assert_eq!(read_gold(&bad).unwrap_err().line, 2);
        let wide = format!("{HEADER}P\tA\t1\t2\t\t\t\textra\n");
        assert!(read_gold(&wide).unwrap_err().message.contains("8 cells"));
    }

    #[test]
    fn names_fold_case_space_and_normalization() {
        assert_eq!(
            fold_name("  To\u{0302} \t LA\u{0302}M "),
            fold_name("Tô Lâm")
        );
        assert_ne!(fold_name("Tô Lâm"), fold_name("To Lam"));
    }

    #[test]
    fn matching_is_one_to_one_on_holder_and_start() {
        let gold = [fact("Ann", "1990"), fact("Ann", "1990"), fact("Bo", "2000")];
        let extracted = [
            fact("ann", "1990"),
            fact("Bo", "2000-01"),
            fact("Bo", "2000"),
            fact("Bo", "2000"),
        ];
        let s = score(&gold, &extracted);
        assert_eq!((s.gold, s.extracted, s.matched), (3, 4, 2));
        assert_eq!(s.missed, vec![fact("Ann", "1990")]);
        assert_eq!(s.spurious.len(), 2);
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.f1() - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn empty_sides_score_as_perfect_not_as_nan() {
        let s = score(&[], &[]);
        assert_eq!((s.precision(), s.recall(), s.f1()), (1.0, 1.0, 1.0));
        let s = score(&[fact("A", "1")], &[]);
        assert_eq!((s.precision(), s.recall(), s.f1()), (1.0, 0.0, 0.0));
    }
}
