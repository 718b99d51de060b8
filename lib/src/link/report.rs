//! Reconcile stage (link): the report — per type matched / unmatched / ambiguous,
//! then every ambiguous case with its candidates, in a deterministic order.

use super::graph::score_text;
use super::model::{Candidates, Kind};
use super::score::{Decision, Outcome};
use std::fmt;

/// One loaded dataset file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub file: String,
    pub format: &'static str,
    pub graph: String,
    pub triples: usize,
}

/// Counts for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub matched: usize,
    pub unmatched: usize,
    pub ambiguous: usize,
}

/// What a `link` run did.
#[derive(Debug, Clone)]
pub struct Report {
    pub files: Vec<LoadedFile>,
    pub items: usize,
    pub links_graph: String,
    pub outcomes: Vec<Outcome>,
    /// Our persons without a name, which cannot be matched.
    pub unnamed_persons: usize,
    /// Labels of the candidates, for listing ambiguous cases.
    pub labels: std::collections::BTreeMap<String, String>,
}

impl Report {
    pub fn new(
        files: Vec<LoadedFile>,
        links_graph: String,
        outcomes: Vec<Outcome>,
        unnamed_persons: usize,
        candidates: &Candidates,
    ) -> Self {
        let labels = candidates
            .items
            .values()
            .map(|i| (i.iri.clone(), i.display_label().to_owned()))
            .collect();
        Self {
            files,
            items: candidates.items.len(),
            links_graph,
            outcomes,
            unnamed_persons,
            labels,
        }
    }

    pub fn counts(&self, kind: Kind) -> Counts {
        let mut c = Counts::default();
        for o in self.outcomes.iter().filter(|o| o.kind == kind) {
            match o.decision {
                Decision::Matched(_) => c.matched += 1,
                Decision::Unmatched => c.unmatched += 1,
                Decision::Ambiguous(_) => c.ambiguous += 1,
            }
        }
        c
    }

    pub fn ambiguous(&self) -> usize {
        Kind::ALL.iter().map(|k| self.counts(*k).ambiguous).sum()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            writeln!(
                f,
                "loaded {} ({}, {} triples) into <{}>",
                file.file, file.format, file.triples, file.graph
            )?;
        }
        let links: usize = Kind::ALL.iter().map(|k| self.counts(*k).matched).sum();
        writeln!(
            f,
            "{} items in the dataset; {links} links in <{}>",
            self.items, self.links_graph
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<14}{:>9}{:>11}{:>11}",
            "type", "matched", "unmatched", "ambiguous"
        )?;
        for kind in Kind::ALL {
            let c = self.counts(kind);
            writeln!(
                f,
                "{:<14}{:>9}{:>11}{:>11}",
                kind.name(),
                c.matched,
                c.unmatched,
                c.ambiguous
            )?;
        }
        if self.unnamed_persons > 0 {
            writeln!(
                f,
                "({} persons without a name were not matched)",
                self.unnamed_persons
            )?;
        }
        let ambiguous: Vec<&Outcome> = self
            .outcomes
            .iter()
            .filter(|o| matches!(o.decision, Decision::Ambiguous(_)))
            .collect();
        if !ambiguous.is_empty() {
            writeln!(f)?;
            writeln!(f, "ambiguous (nothing linked):")?;
        }
        for o in ambiguous {
            writeln!(f, "  {} {} <{}>", o.kind.name(), o.label, o.ours)?;
            if let Decision::Ambiguous(candidates) = &o.decision {
                for c in candidates {
                    let label = self.labels.get(&c.item).map_or("", String::as_str);
                    writeln!(
                        f,
                        "    {:<5} <{}> {label:?} ({})",
                        score_text(c.score),
                        c.item,
                        c.evidence.join("; ")
                    )?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::score::Scored;

    #[test]
    fn counts_and_lists_ambiguous_cases() {
        let scored = |item: &str| Scored {
            item: item.into(),
            score: 50,
            evidence: vec!["label".into()],
        };
        let outcomes = vec![
            Outcome {
                kind: Kind::Person,
                ours: "http://b/person/A".into(),
                label: "A".into(),
                decision: Decision::Ambiguous(vec![scored("http://w/Q1"), scored("http://w/Q2")]),
            },
            Outcome {
                kind: Kind::Person,
                ours: "http://b/person/B".into(),
                label: "B".into(),
                decision: Decision::Matched(scored("http://w/Q3")),
            },
            Outcome {
                kind: Kind::Organization,
                ours: "http://b/organization/C".into(),
                label: "C".into(),
                decision: Decision::Unmatched,
            },
        ];
        let report = Report::new(
            vec![],
            "http://b/links".into(),
            outcomes,
            2,
            &Candidates::default(),
        );
        assert_eq!(
            report.counts(Kind::Person),
            Counts {
                matched: 1,
                unmatched: 0,
                ambiguous: 1
            }
        );
        assert_eq!(report.ambiguous(), 1);
        let text = report.to_string();
        assert!(
            text.contains("person                1          0          1"),
            "{text}"
        );
        assert!(
            text.contains("organization          0          1          0"),
            "{text}"
        );
        assert!(
            text.contains("  person A <http://b/person/A>\n    0.5   <http://w/Q1> \"\" (label)\n"),
            "{text}"
        );
        assert!(
            text.contains("(2 persons without a name were not matched)"),
            "{text}"
        );
    }
}
