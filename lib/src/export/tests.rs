//! Export stage tests: every format round-trips, output is byte-stable, hard literals survive.

use super::*;
use oxigraph::io::RdfParser;
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Dataset, GraphName, Literal, QuadRef, Term};

const BASE: &str = "https://w3id.org/officegraph/id/";

fn n(s: &str) -> NamedNode {
    NamedNode::new(format!("{BASE}{s}")).unwrap()
}

fn og(s: &str) -> NamedNode {
    NamedNode::new(format!("{}{s}", crate::vocab::OG)).unwrap()
}

/// Two record graphs with the awkward cases: percent-escaped and `/`-bearing IRIs,
/// literals with quotes, backslashes, newlines, `<`, RTL marks, languages, datatypes,
/// a triple shared by both graphs, a blank node.
fn sample() -> Store {
    let store = Store::new().unwrap();
    let g1 = n("record/000_e4a9c8e7bf582234");
    let g2 = n("record/001");
    let person = n("person/T%C3%B4_L%C3%A2m");
    let unnamed = n("person/unnamed/General_Secretary/1980-04-30");
    let tenure = n("tenure/General_Secretary/1986-12/T%C3%B4_L%C3%A2m");
    let hard = "say \"hi\" \\ back\nslash <tag> \u{200F}עברית\u{200E} tab\t end";
    let quads = [
        Quad::new(person.clone(), rdf::TYPE, og("Person"), g1.clone()),
        Quad::new(
            person.clone(),
            n("p/label"),
            Literal::new_language_tagged_literal_unchecked("Tô Lâm", "en"),
            g1.clone(),
        ),
        Quad::new(
            person.clone(),
            og("note"),
            Literal::new_simple_literal(hard),
            g1.clone(),
        ),
        Quad::new(tenure.clone(), rdf::TYPE, og("Tenure"), g1.clone()),
        Quad::new(tenure.clone(), og("holder"), person.clone(), g1.clone()),
        Quad::new(tenure.clone(), og("holder"), unnamed.clone(), g1.clone()),
        Quad::new(
            tenure.clone(),
            og("start"),
            Literal::new_typed_literal("1986-12", xsd::G_YEAR_MONTH),
            g1.clone(),
        ),
        Quad::new(
            tenure.clone(),
            og("ordinal"),
            Literal::new_typed_literal("7", xsd::INTEGER),
            g1.clone(),
        ),
        Quad::new(
            tenure.clone(),
            og("acting"),
            Literal::from(true),
            g1.clone(),
        ),
        Quad::new(unnamed.clone(), rdf::TYPE, og("Person"), g1.clone()),
        Quad::new(person.clone(), rdf::TYPE, og("Person"), g2.clone()),
        Quad::new(
            BlankNode::new_unchecked("b0"),
            og("about"),
            person.clone(),
            g2.clone(),
        ),
        Quad::new(g2.clone(), rdf::TYPE, og("Record"), g2.clone()),
    ];
    for q in &quads {
        store.insert(q).unwrap();
    }
    store
}

fn export_to_string(store: &Store, format: ExportFormat, graph: Option<&NamedNode>) -> String {
    let mut out = Vec::new();
    export(store, format, graph, BASE, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn parse(format: ExportFormat, text: &str) -> Dataset {
    RdfParser::from_format(format.rdf_format())
        .for_slice(text)
        .collect::<Result<Dataset, _>>()
        .unwrap_or_else(|e| panic!("{format:?} does not parse back: {e}\n{text}"))
}

fn canonical(mut dataset: Dataset) -> Dataset {
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
}

fn store_dataset(store: &Store, graphs: bool) -> Dataset {
    store
        .iter()
        .map(|q| {
            let q = q.unwrap();
            if graphs {
                q
            } else {
                Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)
            }
        })
        .collect()
}

#[test]
fn every_format_round_trips() {
    let store = sample();
    for format in ExportFormat::ALL {
        let text = export_to_string(&store, format, None);
        let parsed = canonical(parse(format, &text));
        let expected = canonical(store_dataset(&store, format.has_graphs()));
        assert_eq!(parsed, expected, "{format:?}:\n{text}");
    }
}

#[test]
fn output_is_byte_identical_across_runs_and_insertion_orders() {
    let store = sample();
    let reversed = Store::new().unwrap();
    let mut quads: Vec<Quad> = store.iter().collect::<Result<_, _>>().unwrap();
    quads.reverse();
    for q in &quads {
        reversed.insert(q).unwrap();
    }
    for format in ExportFormat::ALL {
        let first = export_to_string(&store, format, None);
        assert_eq!(first, export_to_string(&store, format, None), "{format:?}");
        assert_eq!(
            first,
            export_to_string(&reversed, format, None),
            "{format:?}"
        );
    }
}

#[test]
fn nquads_are_sorted_lines_and_ntriples_deduplicated() {
    let store = sample();
    let nq = export_to_string(&store, ExportFormat::NQuads, None);
    let lines: Vec<&str> = nq.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
    assert_eq!(lines.len(), 13);
    let nt = export_to_string(&store, ExportFormat::NTriples, None);
    assert_eq!(
        nt.lines().count(),
        12,
        "the person's type is in both graphs:\n{nt}"
    );
}

#[test]
fn turtle_is_readable_and_uses_prefixes_only_where_valid() {
    let ttl = export_to_string(&sample(), ExportFormat::Turtle, None);
    assert!(ttl.starts_with("@prefix og: <https://w3id.org/officegraph/ontology#> .\n"));
    assert!(
        ttl.contains("\nperson:T%C3%B4_L%C3%A2m a og:Person ;\n"),
        "{ttl}"
    );
    assert!(ttl
        .contains("<https://w3id.org/officegraph/id/person/unnamed/General_Secretary/1980-04-30>"));
    assert!(!ttl.contains("person:unnamed/"));
    assert!(ttl.contains("og:start \"1986-12\"^^xsd:gYearMonth"));
    assert!(ttl.contains("og:ordinal 7"));
    assert!(ttl.contains("og:acting true"));
    // rdf:type first, then the other predicates sorted; objects one per line.
    let block = ttl
        .split("\n\n")
        .find(|b| b.contains("a og:Tenure"))
        .expect("a tenure block");
    let expected_order = [
        "a og:Tenure",
        "og:acting",
        "og:holder",
        "unnamed",
        "og:ordinal",
        "og:start",
    ];
    for (line, want) in block.lines().zip(expected_order) {
        assert!(
            line.contains(want),
            "{line:?} should contain {want:?} in\n{block}"
        );
    }
}

#[test]
fn trig_has_one_block_per_graph_in_order() {
    let trig = export_to_string(&sample(), ExportFormat::TriG, None);
    let first = trig
        .find("\nrecord:000_e4a9c8e7bf582234 {\n")
        .expect("first graph block");
    let second = trig.find("\nrecord:001 {\n").expect("second graph block");
    assert!(first < second, "{trig}");
    assert_eq!(trig.matches("\n}\n").count(), 2, "{trig}");
}

#[test]
fn one_graph_only() {
    let store = sample();
    let g2 = n("record/001");
    for format in ExportFormat::ALL {
        let text = export_to_string(&store, format, Some(&g2));
        let parsed = parse(format, &text);
        assert_eq!(parsed.len(), 3, "{format:?}:\n{text}");
        if format.has_graphs() {
            assert!(parsed
                .iter()
                .all(|q| q.graph_name == GraphNameRef::NamedNode(g2.as_ref())));
        }
    }
}

#[test]
fn hard_literals_and_iris_survive_exactly() {
    let store = sample();
    let hard = store
        .quads_for_pattern(None, Some(og("note").as_ref()), None, None)
        .next()
        .unwrap()
        .unwrap()
        .object;
    for format in ExportFormat::ALL {
        let parsed = parse(format, &export_to_string(&store, format, None));
        let found = parsed
            .iter()
            .any(|q: QuadRef<'_>| q.object == hard.as_ref());
        assert!(found, "{format:?} lost the literal {hard}");
        let person = n("person/T%C3%B4_L%C3%A2m");
        assert!(
            parsed.iter().any(|q| q.subject == person.as_ref().into()),
            "{format:?} lost {person}"
        );
    }
}

#[test]
fn an_empty_store_exports_cleanly() {
    let store = Store::new().unwrap();
    for format in ExportFormat::ALL {
        let text = export_to_string(&store, format, None);
        assert!(parse(format, &text).is_empty(), "{format:?}");
    }
    assert_eq!(export_to_string(&store, ExportFormat::NQuads, None), "");
}

#[test]
fn a_broken_pipe_is_recognised() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }
    let err = export(&sample(), ExportFormat::Turtle, None, BASE, Closed).unwrap_err();
    assert!(err.is_broken_pipe(), "{err:?}");
}

/// The slug of mapping.md: bytes outside `A-Za-z0-9-.~` percent-encoded, space → `_`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        match b {
            b' ' => out.push('_'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any literal text and any slugged name (also under a `/` path) survive every format.
    #[test]
    fn arbitrary_literals_and_slugs_round_trip(
        value in "\\PC*|[\"\\\\\n\r\t<>\u{200E}\u{200F}\u{0}-\u{1F}a ]*",
        name in "\\PC{1,12}",
        nested in proptest::bool::ANY,
        lang in proptest::option::of("[a-z]{2}"),
    ) {
        let store = Store::new().unwrap();
        let local = if nested { format!("unnamed/{}/1980", slug(&name)) } else { slug(&name) };
        let subject = n(&format!("person/{local}"));
        let object = match &lang {
            Some(lang) => Literal::new_language_tagged_literal_unchecked(value.as_str(), lang.as_str()),
            None => Literal::new_simple_literal(value.as_str()),
        };
        store.insert(&Quad::new(subject, og("label"), object, n("record/r"))).unwrap();
        for format in ExportFormat::ALL {
            let text = export_to_string(&store, format, None);
            let parsed = canonical(parse(format, &text));
            proptest::prop_assert_eq!(parsed, canonical(store_dataset(&store, format.has_graphs())), "{:?}:\n{}", format, text);
        }
    }
}

/// The sample plus the cases the sorted-lines path must group right: literals that are
/// prefixes of one another with a language, a datatype or more text, blank nodes whose
/// labels are prefixes of one another, a triple in three graphs and the default graph,
/// and subjects that are IRI prefixes of one another.
fn sample_for_sorted_lines() -> Store {
    let store = sample();
    let graphs = [
        GraphName::DefaultGraph,
        GraphName::NamedNode(n("record/001")),
        GraphName::NamedNode(n("record/002")),
    ];
    let objects: Vec<Term> = vec![
        Literal::new_simple_literal("a").into(),
        Literal::new_language_tagged_literal_unchecked("a", "en").into(),
        Literal::new_typed_literal("a", xsd::TOKEN).into(),
        Literal::new_simple_literal("a b").into(),
        Literal::new_simple_literal("a\"").into(),
        BlankNode::new_unchecked("b1").into(),
        BlankNode::new_unchecked("b10").into(),
        n("x").into(),
        n("x/y").into(),
    ];
    for subject in [n("s"), n("s/t"), n("s_")] {
        for (i, object) in objects.iter().enumerate() {
            for graph in &graphs[..1 + i % 3] {
                store
                    .insert(QuadRef::new(&subject, &og("p"), object, graph.as_ref()))
                    .unwrap();
            }
        }
    }
    for label in ["b1", "b10"] {
        store
            .insert(QuadRef::new(
                &BlankNode::new_unchecked(label),
                &og("p"),
                &n("s"),
                graphs[2].as_ref(),
            ))
            .unwrap();
    }
    store
}

#[test]
fn turtle_and_ntriples_from_sorted_lines_are_the_stores_bytes() {
    let store = sample_for_sorted_lines();
    let mut nquads = Vec::new();
    export(&store, ExportFormat::NQuads, None, BASE, &mut nquads).unwrap();
    for format in [ExportFormat::NTriples, ExportFormat::Turtle] {
        let mut from_store = Vec::new();
        let n = export(&store, format, None, BASE, &mut from_store).unwrap();
        let mut from_lines = Vec::new();
        let m = export_sorted_quads(nquads.as_slice(), format, BASE, &mut from_lines).unwrap();
        assert_eq!(
            String::from_utf8(from_lines).unwrap(),
            String::from_utf8(from_store).unwrap(),
            "{format:?}"
        );
        assert_eq!(m, n, "{format:?}: triples counted");
    }
    assert!(export_sorted_quads(nquads.as_slice(), ExportFormat::TriG, BASE, Vec::new()).is_err());
}

#[test]
fn sorted_lines_cut_into_blocks_still_group_by_subject() {
    // Many subjects with many lines each, so the input spans several blocks and the
    // cuts fall inside subjects.
    let store = Store::new().unwrap();
    let long = "x".repeat(5000);
    for s in 0..300 {
        for p in 0..40 {
            store
                .insert(QuadRef::new(
                    &n(&format!("s{s:03}")),
                    &og(&format!("p{p:02}")),
                    &Literal::new_simple_literal(format!("{long}{p}")),
                    GraphNameRef::NamedNode(n(&format!("record/{}", s % 7)).as_ref()),
                ))
                .unwrap();
        }
    }
    let mut nquads = Vec::new();
    export(&store, ExportFormat::NQuads, None, BASE, &mut nquads).unwrap();
    assert!(nquads.len() > 3 * sorted::BLOCK, "{} bytes", nquads.len());
    for format in [ExportFormat::NTriples, ExportFormat::Turtle] {
        let mut from_store = Vec::new();
        export(&store, format, None, BASE, &mut from_store).unwrap();
        let mut from_lines = Vec::new();
        export_sorted_quads(nquads.as_slice(), format, BASE, &mut from_lines).unwrap();
        assert!(from_lines == from_store, "{format:?} differs");
    }
}

#[test]
fn a_broken_line_in_sorted_input_is_an_error_not_a_panic() {
    let input = b"<https://x/s> <https://x/p> \"unterminated .\n";
    let err = export_sorted_quads(&input[..], ExportFormat::Turtle, BASE, Vec::new()).unwrap_err();
    assert!(matches!(err, ExportError::Input(_)), "{err:?}");
}
