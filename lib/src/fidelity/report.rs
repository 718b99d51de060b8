//! Evaluation: every page of a folder read as text and as HTML, scored against its
//! gold file, and the result as the Markdown of `FIDELITY.md` and as the totals
//! `cargo test` ratchets.

use super::{read_gold, score, tenures_in, Score, TenureFact};
use crate::pipeline::{process_file, Config};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The two ways a page is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// The record text format (`<page>.txt`).
    Text,
    /// The article's rendered HTML (`<page>.html`).
    Html,
}

impl InputKind {
    pub const ALL: [InputKind; 2] = [InputKind::Text, InputKind::Html];

    pub fn name(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            InputKind::Text => "txt",
            InputKind::Html => "html",
        }
    }
}

/// One page's scores, for each input that exists.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub name: String,
    pub text: Option<Score>,
    pub html: Option<Score>,
    /// Warnings and errors extraction reported, by input.
    pub diagnostics: [usize; 2],
    /// The tenures extracted, by input (text, HTML).
    pub extracted: [Vec<TenureFact>; 2],
}

impl PageResult {
    pub fn get(&self, kind: InputKind) -> Option<&Score> {
        match kind {
            InputKind::Text => self.text.as_ref(),
            InputKind::Html => self.html.as_ref(),
        }
    }
}

/// Every page of a folder.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub pages: Vec<PageResult>,
}

/// What stopped an evaluation.
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{source}")]
    Gold {
        path: PathBuf,
        #[source]
        source: super::GoldError,
    },
    #[error(transparent)]
    Pipeline(#[from] crate::pipeline::PipelineError),
}

/// Scores every `<page>.tsv` of `gold_dir` against `<page>.txt` and `<page>.html` of
/// `pages_dir` (an input that does not exist is left out).
pub fn evaluate_folder(
    gold_dir: &Path,
    pages_dir: &Path,
    config: &Config,
) -> Result<Evaluation, EvaluationError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvaluationError::Io { path, source }
    };
    let mut gold_files: Vec<PathBuf> = fs::read_dir(gold_dir)
        .map_err(io(gold_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    gold_files.sort();
    let mut pages = Vec::new();
    for gold_path in gold_files {
        let text = fs::read_to_string(&gold_path).map_err(io(&gold_path))?;
        let gold = read_gold(&text).map_err(|source| EvaluationError::Gold {
            path: gold_path.clone(),
            source,
        })?;
        let name = gold_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut result = PageResult {
            name: name.clone(),
            text: None,
            html: None,
            diagnostics: [0, 0],
            extracted: [Vec::new(), Vec::new()],
        };
        for (i, kind) in InputKind::ALL.into_iter().enumerate() {
            let page = pages_dir.join(format!("{name}.{}", kind.extension()));
            if !page.exists() {
                continue;
            }
            let processed = match process_file(&page, config) {
                Ok(p) => p,
                // A kind this build cannot read is left out, like a missing page.
                Err(crate::pipeline::PipelineError::UnknownKind { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            result.diagnostics[i] = processed.diagnostics.len();
            let tenures = tenures_in(&processed.quads);
            let s = score(&gold, &tenures);
            result.extracted[i] = tenures;
            match kind {
                InputKind::Text => result.text = Some(s),
                InputKind::Html => result.html = Some(s),
            }
        }
        pages.push(result);
    }
    Ok(Evaluation { pages })
}

impl Evaluation {
    /// The counts summed over every page that has this input (micro averages).
    pub fn total(&self, kind: InputKind) -> Score {
        let mut total = Score::default();
        for s in self.pages.iter().filter_map(|p| p.get(kind)) {
            total.add_counts(s);
        }
        total
    }

    /// The totals as `input gold extracted matched` lines, as the ratchet file keeps them.
    pub fn ratchet_lines(&self) -> String {
        let mut out = String::from("# input\tgold\textracted\tmatched\n");
        for kind in InputKind::ALL {
            let t = self.total(kind);
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                kind.name(),
                t.gold,
                t.extracted,
                t.matched
            );
        }
        out
    }

    /// Per page with both inputs, the tenures (by holder and start) only the text gave
    /// and only the HTML gave.
    pub fn disagreements(&self) -> Vec<(String, Vec<TenureFact>, Vec<TenureFact>)> {
        let only = |a: &[TenureFact], b: &[TenureFact]| -> Vec<TenureFact> { score(b, a).spurious };
        self.pages
            .iter()
            .filter(|p| p.text.is_some() && p.html.is_some())
            .map(|p| {
                (
                    p.name.clone(),
                    only(&p.extracted[0], &p.extracted[1]),
                    only(&p.extracted[1], &p.extracted[0]),
                )
            })
            .filter(|(_, t, h)| !t.is_empty() || !h.is_empty())
            .collect()
    }

    /// `FIDELITY.md`: totals, a table per page, and every miss.
    pub fn markdown(&self, command: &str, ratcheted: bool) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Fidelity on real pages\n");
        let _ = writeln!(
            md,
            "How faithfully officegraph reads real Wikipedia officeholder articles: for each \
page of `tests/realworld/pages/` (the article's rendered HTML and the same page flattened \
into the record format), the tenures extracted against the tenures written by hand by \
reading the article (`tests/realworld/<page>.tsv`). A tenure matches when the holder \
names are equal after NFC, case folding and whitespace folding, and the starts are \
equal; each matches at most once. Precision is matched / extracted, recall matched / \
gold; totals are micro averages.\n\nGenerated by `{command}`.{}\n",
            if ratcheted {
                " `cargo test` fails when a total falls below `tests/realworld/ratchet.txt`. \
Twenty more pages, kept apart while the table model was built, are scored the same way \
in [`tests/realworld/heldout/FIDELITY.md`](tests/realworld/heldout/FIDELITY.md)."
            } else {
                ""
            }
        );
        let _ = writeln!(md, "## Totals\n");
        let _ = writeln!(
            md,
            "| input | gold | extracted | matched | precision | recall | F1 |"
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
        for kind in InputKind::ALL {
            let t = self.total(kind);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
                kind.name(),
                t.gold,
                t.extracted,
                t.matched,
                t.precision(),
                t.recall(),
                t.f1()
            );
        }
        let _ = writeln!(md, "\n## Per page\n");
        let _ = writeln!(
            md,
            "| page | gold | text: extracted | matched | P | R | F1 | html: extracted | matched | P | R | F1 |"
        );
        let _ = writeln!(
            md,
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for page in &self.pages {
            let gold = page
                .text
                .as_ref()
                .or(page.html.as_ref())
                .map_or(0, |s| s.gold);
            let cells = |s: Option<&Score>| match s {
                Some(s) => format!(
                    "{} | {} | {:.2} | {:.2} | {:.2}",
                    s.extracted,
                    s.matched,
                    s.precision(),
                    s.recall(),
                    s.f1()
                ),
                None => "– | – | – | – | –".to_owned(),
            };
            let _ = writeln!(
                md,
                "| {} | {gold} | {} | {} |",
                page.name,
                cells(page.text.as_ref()),
                cells(page.html.as_ref())
            );
        }
        let _ = writeln!(
            md,
            "\n## Where the text and the HTML of one page disagree\n"
        );
        let _ = writeln!(
            md,
            "Tenures (by holder and start) that one input gives and the other does not; \
`tests/realworld/text-html.txt` says why each is expected.\n"
        );
        let disagreements = self.disagreements();
        if disagreements.is_empty() {
            let _ = writeln!(md, "None.");
        }
        for (page, text, html) in &disagreements {
            for t in text {
                let _ = writeln!(md, "- {page}: only text (line {}): {}", t.line, describe(t));
            }
            for t in html {
                let _ = writeln!(md, "- {page}: only HTML (line {}): {}", t.line, describe(t));
            }
        }
        let _ = writeln!(md, "\n## Every miss\n");
        let _ = writeln!(
            md,
            "*missed*: a gold tenure nothing matched (gold-file line); *extra*: an extracted \
tenure that matches no gold one (source line).\n"
        );
        for page in &self.pages {
            for kind in InputKind::ALL {
                let Some(s) = page.get(kind) else { continue };
                if s.missed.is_empty() && s.spurious.is_empty() {
                    continue;
                }
                let _ = writeln!(md, "### {} ({})\n", page.name, kind.name());
                for m in &s.missed {
                    let _ = writeln!(md, "- missed (line {}): {}", m.line, describe(m));
                }
                for e in &s.spurious {
                    let _ = writeln!(md, "- extra (line {}): {}", e.line, describe(e));
                }
                let _ = writeln!(md);
            }
        }
        md
    }
}

fn describe(t: &TenureFact) -> String {
    let holder = if t.holder.is_empty() {
        "(unnamed)"
    } else {
        t.holder.as_str()
    };
    let or_q = |s: &str| {
        if s.is_empty() {
            "?".to_owned()
        } else {
            s.to_owned()
        }
    };
    let mut marks = Vec::new();
    if t.acting {
        marks.push("acting");
    }
    if t.died_in_office {
        marks.push("died in office");
    }
    if t.incumbent {
        marks.push("incumbent");
    }
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" ({})", marks.join(", "))
    };
    format!(
        "{holder}, {}, {} to {}{marks}",
        or_q(&t.position),
        or_q(&t.start),
        or_q(&t.end)
    )
}

/// Reads a ratchet file back: `(input, gold, extracted, matched)` per line.
pub fn read_ratchet(text: &str) -> Vec<(String, usize, usize, usize)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            match c.as_slice() {
                [kind, g, e, m] => Some((
                    (*kind).to_owned(),
                    g.parse().ok()?,
                    e.parse().ok()?,
                    m.parse().ok()?,
                )),
                _ => None,
            }
        })
        .collect()
}
