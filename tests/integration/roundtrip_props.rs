//! Property tests (issue 5): any generated record, however hostile its names, cells
//! and dates, parses without panic, extracts only valid IRIs, and its export in every
//! format parses back with Oxigraph into the same graph. Bounded to run in seconds.

use officegraph::export::{export, ExportFormat};
use officegraph::pipeline::{process_text, Config};
use oxigraph::io::RdfParser;
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, NamedNode, NamedOrBlankNode, Term};
use oxigraph::store::Store;
use proptest::prelude::*;

/// A cell: plain words, dates good and bad, or hostile characters.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-zà-ỹ]{1,8} [A-Z][a-z]{1,8}",
        "[1-3]?[0-9] (January|February|March|December) 1[89][0-9]{2}",
        Just("c. 1955".to_owned()),
        Just("?".to_owned()),
        Just("1970s".to_owned()),
        Just("Incumbent".to_owned()),
        "[\"<>\\\\{}`#%&'\u{200E}\u{200F}\u{1}\u{7F} a-z|]{0,12}",
        "\\PC{0,10}",
    ]
}

fn row() -> impl Strategy<Value = String> {
    (proptest::collection::vec(cell(), 0..7), proptest::bool::ANY).prop_map(|(cells, closed)| {
        let mut line = format!("| {}", cells.join(" | "));
        if closed {
            line.push_str(" |");
        }
        line
    })
}

/// A record in the text format, with optional title and infobox, prose and a table.
fn record() -> impl Strategy<Value = String> {
    (
        proptest::option::of(cell()),
        proptest::collection::vec((cell(), cell()), 0..4),
        proptest::option::of("\\PC{0,60}"),
        proptest::bool::ANY,
        proptest::collection::vec(row(), 0..6),
    )
        .prop_map(|(title, infobox, prose, header, rows)| {
            let mut text = String::new();
            if let Some(title) = title {
                text.push_str(&format!("= {title} =\n\n"));
            }
            if !infobox.is_empty() {
                text.push_str("Infobox\n");
                for (k, v) in infobox {
                    text.push_str(&format!("- {}: {v}\n", k.replace(':', " ")));
                }
                text.push('\n');
            }
            if let Some(prose) = prose {
                text.push_str(&format!("{prose}\n\n"));
            }
            text.push_str("== Holders ==\n");
            if header {
                text.push_str("| No. | Name | Took office | Left office |\n");
            }
            for row in rows {
                text.push_str(&row);
                text.push('\n');
            }
            text
        })
}

fn check_iri(iri: &str) -> Result<(), TestCaseError> {
    prop_assert!(NamedNode::new(iri).is_ok(), "invalid IRI <{}>", iri);
    Ok(())
}

/// Parse → extract → load → export (every format) → reparse: same dataset, valid IRIs.
fn round_trip(bytes: &[u8]) -> Result<(), TestCaseError> {
    let processed = process_text("p.txt", "p.txt", bytes, &Config::default());
    let store = Store::new().map_err(|e| TestCaseError::fail(e.to_string()))?;
    for quad in &processed.quads {
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            check_iri(s.as_str())?;
        }
        check_iri(quad.predicate.as_str())?;
        if let Term::NamedNode(o) = &quad.object {
            check_iri(o.as_str())?;
        }
        store
            .insert(quad)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    for format in ExportFormat::ALL {
        let mut out = Vec::new();
        export(&store, format, None, &Config::default().base, &mut out)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut parsed = RdfParser::from_format(format.rdf_format())
            .for_slice(&out)
            .collect::<Result<Dataset, _>>()
            .map_err(|e| {
                TestCaseError::fail(format!(
                    "{format:?} does not parse back: {e}\n{}",
                    String::from_utf8_lossy(&out)
                ))
            })?;
        let mut expected: Dataset = store
            .iter()
            .map(|q| {
                q.map(|q| {
                    if format.has_graphs() {
                        q
                    } else {
                        oxigraph::model::Quad::new(
                            q.subject,
                            q.predicate,
                            q.object,
                            oxigraph::model::GraphName::DefaultGraph,
                        )
                    }
                })
            })
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        parsed.canonicalize(CanonicalizationAlgorithm::Unstable);
        expected.canonicalize(CanonicalizationAlgorithm::Unstable);
        prop_assert_eq!(parsed, expected, "{:?}", format);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_records_export_and_parse_back(text in record()) {
        round_trip(text.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_export_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        round_trip(&bytes)?;
    }
}
