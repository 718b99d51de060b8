//! Real Wikipedia pages (`tests/realworld/pages/`) against the tenures written by hand:
//! the totals of `FIDELITY.md` may not fall below `tests/realworld/ratchet.txt`, and no
//! header word, date or number becomes a person.

use officegraph::fidelity::{evaluate_folder, read_ratchet, tenures_in, InputKind, Score};
use officegraph::pipeline::{process_file, Config};
use std::path::{Path, PathBuf};

fn realworld() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

#[test]
fn fidelity_totals_do_not_fall_below_the_ratchet() {
    let dir = realworld();
    let evaluation = evaluate_folder(&dir, &dir.join("pages"), &Config::default())
        .expect("every gold file and page reads");
    assert!(evaluation.pages.len() >= 29, "a page lost its gold file");
    let ratchet = std::fs::read_to_string(dir.join("ratchet.txt")).expect("ratchet.txt");
    let recorded = read_ratchet(&ratchet);
    assert_eq!(recorded.len(), 2, "ratchet.txt has a text and an html line");
    for (kind, gold, extracted, matched) in recorded {
        let k = InputKind::ALL
            .into_iter()
            .find(|k| k.name() == kind)
            .expect("a known input kind");
        let now = evaluation.total(k);
        let then = Score {
            gold,
            extracted,
            matched,
            ..Score::default()
        };
        assert_eq!(
            now.gold, then.gold,
            "{kind}: the gold changed; rerun `cargo bench --bench fidelity`"
        );
        assert!(
            now.precision() + 1e-9 >= then.precision() && now.recall() + 1e-9 >= then.recall(),
            "{kind}: P {:.3} R {:.3} fell below the recorded P {:.3} R {:.3} (see FIDELITY.md)",
            now.precision(),
            now.recall(),
            then.precision(),
            then.recall()
        );
    }
}

/// What a person's name never is: a date, a number, a bare header word.
fn is_not_a_name(label: &str) -> bool {
    let t = label.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters < 2
        || officegraph::record::date::parse_date(t).is_ok()
        || matches!(
            t.to_lowercase().as_str(),
            "name"
                | "member"
                | "party"
                | "term"
                | "country"
                | "nationality"
                | "incumbent"
                | "vacant"
                | "present"
                | "representative"
                | "governor"
                | "president"
                | "notes"
                | "total"
                | "totals"
                | "turnout"
        )
}

#[test]
fn no_header_word_date_or_number_becomes_a_holder() {
    let pages = realworld().join("pages");
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&pages).expect("pages folder") {
        let path = entry.expect("entry").path();
        if !path.extension().is_some_and(|e| e == "txt" || e == "html") {
            continue;
        }
        let Ok(out) = process_file(&path, &Config::default()) else {
            continue;
        };
        for t in tenures_in(&out.quads) {
            if !t.holder.is_empty() && is_not_a_name(&t.holder) {
                bad.push(format!("{}:{}: {:?}", path.display(), t.line, t.holder));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "holders that are not names:\n{}",
        bad.join("\n")
    );
}

#[test]
fn text_and_html_of_one_page_agree_but_for_the_listed_reasons() {
    let dir = realworld();
    let evaluation = evaluate_folder(&dir, &dir.join("pages"), &Config::default())
        .expect("every gold file and page reads");
    let listed_text = std::fs::read_to_string(dir.join("text-html.txt")).expect("text-html.txt");
    let mut listed: Vec<(String, String, String, String)> = listed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(
                c.len() == 5 && !c[4].trim().is_empty(),
                "text-html.txt: `{l}` needs 5 cells and a reason"
            );
            (
                c[0].into(),
                c[1].into(),
                officegraph::fidelity::fold_name(c[2]),
                c[3].into(),
            )
        })
        .collect();
    listed.sort();
    let mut found: Vec<(String, String, String, String)> = Vec::new();
    for (page, text, html) in evaluation.disagreements() {
        for (side, tenures) in [("text", text), ("html", html)] {
            for t in tenures {
                let (holder, start) = t.key();
                found.push((page.clone(), side.into(), holder, start));
            }
        }
    }
    found.sort();
    assert_eq!(
        found, listed,
        "the text/HTML disagreements differ from tests/realworld/text-html.txt (see FIDELITY.md)"
    );
}
