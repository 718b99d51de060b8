//! Fidelity harness: reads every real page of `tests/realworld/pages/` (text and HTML),
//! scores the tenures against the hand-written gold `tests/realworld/<page>.tsv`, and
//! writes `FIDELITY.md`. The totals go to `tests/realworld/ratchet.txt` only when none
//! fell (`cargo test` checks them); a fall is printed and the run fails.
//!
//! Run with `cargo bench --bench fidelity`. Not part of `cargo test`.
//! `cargo bench --bench fidelity -- DIR` scores another folder of the same shape
//! (`DIR/<page>.tsv`, `DIR/pages/<page>.{txt,html}`) and writes `DIR/FIDELITY.md`,
//! leaving the ratchet alone.

use officegraph::fidelity::{evaluate_folder, read_ratchet, InputKind};
use officegraph::pipeline::Config;
use std::path::Path;
use std::process::ExitCode;

const COMMAND: &str = "cargo bench --bench fidelity";

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let other = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(std::path::PathBuf::from);
    let gold = other
        .clone()
        .unwrap_or_else(|| root.join("tests/realworld"));
    let evaluation = match evaluate_folder(&gold, &gold.join("pages"), &Config::default()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("fidelity: {e}");
            return ExitCode::from(2);
        }
    };
    let report = match &other {
        Some(dir) => dir.join("FIDELITY.md"),
        None => root.join("FIDELITY.md"),
    };
    let command = match &other {
        Some(dir) => format!("{COMMAND} -- {}", dir.display()),
        None => COMMAND.to_owned(),
    };
    if let Err(e) = std::fs::write(&report, evaluation.markdown(&command, other.is_none())) {
        eprintln!("fidelity: cannot write FIDELITY.md: {e}");
        return ExitCode::from(2);
    }
    for kind in InputKind::ALL {
        let t = evaluation.total(kind);
        println!(
            "{:5} gold {} extracted {} matched {}  P {:.3} R {:.3} F1 {:.3}",
            kind.name(),
            t.gold,
            t.extracted,
            t.matched,
            t.precision(),
            t.recall(),
            t.f1()
        );
    }
    if other.is_some() {
        println!("wrote {}", report.display());
        return ExitCode::SUCCESS;
    }
    let ratchet = gold.join("ratchet.txt");
    let recorded = read_ratchet(&std::fs::read_to_string(&ratchet).unwrap_or_default());
    let mut fell = false;
    for (kind, g, e, m) in recorded {
        let Some(k) = InputKind::ALL.into_iter().find(|k| k.name() == kind) else {
            continue;
        };
        let now = evaluation.total(k);
        if g == 0 {
            continue; // nothing was recorded for this input yet
        }
        let then = officegraph::fidelity::Score {
            gold: g,
            extracted: e,
            matched: m,
            ..Default::default()
        };
        for (what, a, b) in [
            ("precision", now.precision(), then.precision()),
            ("recall", now.recall(), then.recall()),
        ] {
            if a + 1e-9 < b {
                eprintln!("fidelity: {kind} {what} fell from {b:.3} to {a:.3}");
                fell = true;
            }
        }
    }
    if fell {
        eprintln!("fidelity: {} not updated", ratchet.display());
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&ratchet, evaluation.ratchet_lines()) {
        eprintln!("fidelity: cannot write {}: {e}", ratchet.display());
        return ExitCode::from(2);
    }
    println!("wrote FIDELITY.md and {}", ratchet.display());
    ExitCode::SUCCESS
}
