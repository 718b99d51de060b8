//! Export stage: unit tests of the canonical N-Quads writer and its digest.

use super::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;

fn parse(nquads: &str) -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap()
}

fn canonical(nquads: &str) -> Canonical {
    let quads = parse(nquads);
    Canonical::of(quads.iter().map(Quad::as_ref))
}

#[test]
fn blank_node_labels_and_order_do_not_matter() {
    let one = "_:x <http://ex.org/p> \"1\" <http://ex.org/g> .\n\
               <http://ex.org/s> <http://ex.org/p> _:x <http://ex.org/g> .\n\
               _:y <http://ex.org/p> _:x .\n\
               _:y <http://ex.org/q> \"2\"@en .\n";
    // The same dataset: other labels, other order, a duplicate.
    let two = "_:other <http://ex.org/q> \"2\"@en .\n\
               <http://ex.org/s> <http://ex.org/p> _:b0 <http://ex.org/g> .\n\
               _:other <http://ex.org/p> _:b0 .\n\
               _:b0 <http://ex.org/p> \"1\" <http://ex.org/g> .\n\
               _:b0 <http://ex.org/p> \"1\" <http://ex.org/g> .\n";
    let (a, b) = (canonical(one), canonical(two));
    assert_eq!(a, b);
    assert_eq!(a.quads, 4);
    assert!(a.nquads.contains("_:c14n0") && a.nquads.contains("_:c14n1"));
    assert!(!a.nquads.contains("_:x") && !a.nquads.contains("_:b0"));
    // A blank node naming a graph is relabelled too; the object's first-degree hash
    // (of `<s> <p> _:a _:z .`) sorts first (PyLD gives the same).
    let graph_one = canonical("<http://ex.org/s> <http://ex.org/p> _:n _:g1 .\n");
    let graph_two = canonical("<http://ex.org/s> <http://ex.org/p> _:m _:zz .\n");
    assert_eq!(graph_one, graph_two);
    assert_eq!(
        graph_one.nquads,
        "<http://ex.org/s> <http://ex.org/p> _:c14n0 _:c14n1 .\n"
    );
    // A different dataset has a different digest.
    let three = one.replace("\"2\"@en", "\"3\"@en");
    assert_ne!(canonical(&three).sha256, a.sha256);
}

/// A graph whose blank nodes only the n-degree hashes tell apart: two 3-regular
/// components on six nodes each (a 3-prism and K3,3, the shape of the W3C rdf-canon
/// suite's test075). The expected bytes are those of an independent RDFC-1.0/URDNA2015
/// implementation (PyLD 3.3.0, `jsonld.normalize`, algorithm URDNA2015); the input is
/// them relabelled and reversed, and any labelling must give back the same bytes.
#[test]
fn n_degree_hashes_agree_with_pyld() {
    let p = "<http://example.org/vocab#p>";
    #[rustfmt::skip]
    let edges: [(usize, usize); 36] = [
        (0, 1), (0, 2), (0, 3), (1, 0), (1, 4), (1, 5), (10, 7), (10, 8), (10, 9),
        (11, 7), (11, 8), (11, 9), (2, 0), (2, 3), (2, 5), (3, 0), (3, 2), (3, 4),
        (4, 1), (4, 3), (4, 5), (5, 1), (5, 2), (5, 4), (6, 7), (6, 8), (6, 9),
        (7, 10), (7, 11), (7, 6), (8, 10), (8, 11), (8, 6), (9, 10), (9, 11), (9, 6),
    ];
    let expected: String = edges
        .iter()
        .map(|(s, o)| format!("_:c14n{s} {p} _:c14n{o} .\n"))
        .collect();
    let input_label = [11, 7, 8, 9, 6, 10, 0, 2, 1, 3, 4, 5];
    let input: String = edges
        .iter()
        .rev()
        .map(|&(s, o)| format!("_:e{} {p} _:e{} .\n", input_label[s], input_label[o]))
        .collect();
    let result = canonical(&input);
    assert_eq!(result.nquads, expected);
    assert_eq!(result.quads, 36);
}

#[test]
fn literals_in_canonical_form() {
    let q = |o: &str| format!("<http://ex.org/s> <http://ex.org/p> {o} .\n");
    let cases = [
        // xsd:string never carries its datatype.
        ("\"a\"^^<http://www.w3.org/2001/XMLSchema#string>", "\"a\""),
        ("\"Tô Lâm\"@vi", "\"Tô Lâm\"@vi"),
        (
            "\"1945\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
            "\"1945\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
        ),
        // Escapes: ECHAR for " \ BS HT LF FF CR, \u00XX for other controls and DEL,
        // every other character (also U+FFFE, non-ASCII) as itself.
        (
            "\"q\\\" b\\\\ \\b\\t\\n\\f\\r \\u0000\\u000B\\u001F\\u007F \\uFFFE \\u00E9\"",
            "\"q\\\" b\\\\ \\b\\t\\n\\f\\r \\u0000\\u000B\\u001F\\u007F \u{FFFE} é\"",
        ),
    ];
    for (input, output) in cases {
        let result = canonical(&q(input));
        assert_eq!(result.nquads, q(output), "{input}");
        // And it reads back as the same literal.
        assert_eq!(parse(&result.nquads), parse(&q(input)), "{input}");
    }
}

#[test]
fn lines_sorted_by_code_point_and_digest_of_the_bytes() {
    let text = "<http://ex.org/é> <http://ex.org/p> \"z\" .\n\
                <http://ex.org/z> <http://ex.org/p> \"a\" <http://ex.org/g> .\n\
                <http://ex.org/z> <http://ex.org/p> \"a\" .\n\
                _:a <http://ex.org/p> \"a\" .\n";
    let result = canonical(text);
    let lines: Vec<&str> = result.nquads.lines().collect();
    assert_eq!(
        lines,
        [
            "<http://ex.org/z> <http://ex.org/p> \"a\" .",
            "<http://ex.org/z> <http://ex.org/p> \"a\" <http://ex.org/g> .",
            "<http://ex.org/é> <http://ex.org/p> \"z\" .",
            "_:c14n0 <http://ex.org/p> \"a\" .",
        ]
    );
    assert_eq!(
        result.sha256,
        hex(&Sha256::digest(result.nquads.as_bytes()))
    );
    assert_eq!(result.digest_line(), format!("sha256:{}", result.sha256));
    // The empty dataset is the empty document; FIPS 180 digest of "".
    let empty = Canonical::of(std::iter::empty());
    assert_eq!((empty.nquads.as_str(), empty.quads), ("", 0));
    assert_eq!(
        empty.sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}
