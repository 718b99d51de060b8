//! Extract stage: tests of the tenures written from tables — optional terms, undated holdings.

use super::super::{extract, ExtractConfig};
use crate::record::{parse_text, Block, Diagnostics};
use crate::vocab::og;
use oxigraph::model::{Literal, Term};

const RECORD: &str = "= Governor of X =\n\n| No. | Name | Took office | Left office |\n| 1 | Ann Bee | 1955 | 1960 |\n| 2 | Cy Dee | 1960 | 1965 |\n";

/// The (predicate local name, object) pairs of the four new terms on each tenure,
/// after `edit` set the fields the table code will set.
fn new_terms(edit: impl Fn(&mut crate::record::HolderRow)) -> Vec<(String, String, Term)> {
    let (mut record, _) = parse_text("g.txt", "g.txt", RECORD.as_bytes());
    for block in &mut record.blocks {
        if let Block::Table(table) = block {
            table.rows.iter_mut().for_each(&edit);
        }
    }
    let config = ExtractConfig {
        base: crate::vocab::DEFAULT_BASE.into(),
        aliases: crate::extract::Aliases::builtin(),
        ..ExtractConfig::default()
    };
    let mut diagnostics = Diagnostics::new("g.txt");
    let out = extract(&record, &config, &mut diagnostics);
    let wanted = [
        og::START_CIRCA,
        og::END_CIRCA,
        og::NAME_AS_WRITTEN,
        og::HONORIFIC,
    ];
    let mut found: Vec<(String, String, Term)> = out
        .quads
        .iter()
        .filter(|q| wanted.contains(&q.predicate.as_ref()))
        .map(|q| {
            let subject = q.subject.to_string();
            let tail = subject
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches('>');
            let local = q.predicate.as_str().rsplit('#').next().unwrap_or("");
            (tail.to_owned(), local.to_owned(), q.object.clone())
        })
        .collect();
    found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    found
}

#[test]
fn circa_written_name_and_honorific_are_written_only_when_set() {
    assert!(new_terms(|_| {}).is_empty(), "nothing set, nothing written");
    let found = new_terms(|row| {
        if row.name.as_deref() == Some("Ann Bee") {
            row.start_circa = true;
            row.end_circa = true;
            row.name_as_written = Some("Sir Ann Bee KBE (1901–1980)".into());
            row.honorific = Some("Sir".into());
        }
    });
    let yes = Term::from(Literal::from(true));
    assert_eq!(
        found,
        vec![
            ("Ann_Bee".into(), "endCirca".into(), yes.clone()),
            (
                "Ann_Bee".into(),
                "honorific".into(),
                Literal::new_language_tagged_literal_unchecked("Sir", "en").into()
            ),
            (
                "Ann_Bee".into(),
                "nameAsWritten".into(),
                Literal::new_simple_literal("Sir Ann Bee KBE (1901–1980)").into()
            ),
            ("Ann_Bee".into(), "startCirca".into(), yes),
        ]
    );
    let only_end = new_terms(|row| row.end_circa = row.name.as_deref() == Some("Cy Dee"));
    assert_eq!(only_end.len(), 1);
    assert_eq!(
        (only_end[0].0.as_str(), only_end[0].1.as_str()),
        ("Cy_Dee", "endCirca")
    );
}

#[test]
fn two_undated_holdings_of_one_person_stay_two() {
    let text = "= Mayor of Q =\n\n| No. | Name | Took office | Left office |\n| 1 | Ann Bee | ? | 1950 |\n| 2 | Cy Dee | 1950 | 1960 |\n| 3 | Ann Bee | ? | 1970 |\n| 4 | Ann Bee | ? | 1970 |\n";
    let out = crate::extract::process_text(
        "q.txt",
        "q.txt",
        text.as_bytes(),
        &crate::extract::ExtractConfig::default(),
    );
    let tenures: std::collections::BTreeSet<String> = out
        .quads
        .iter()
        .filter(|q| q.object == Term::NamedNode(og::TENURE.into_owned()))
        .map(|q| q.subject.to_string())
        .collect();
    let keys: Vec<&str> = tenures
        .iter()
        .filter_map(|t| t.split("/tenure/Mayor_of_Q/").nth(1))
        .collect();
    assert_eq!(
        keys,
        ["1950/Cy_Dee>", "undated-2/Ann_Bee>", "undated/Ann_Bee>"],
        "{tenures:?}"
    );
}
