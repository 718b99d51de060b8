//! Validate stage: unit tests, one per constraint kind and check (each can fail).

use super::shapes::{Severity, Shapes, ShapesError};
use super::{read_graph, validate_graph, Finding, Options};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::NamedNode;
use oxigraph::store::Store;

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
    @prefix ex: <http://example.org/> .\n\
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
    @prefix og: <https://w3id.org/officegraph/ontology#> .\n\
    @prefix ogr: <https://w3id.org/officegraph/raw#> .\n";

fn run_with(shapes: &str, data: &str, quality: bool) -> Vec<Finding> {
    let shapes = Shapes::parse(&format!("{PREFIXES}{shapes}")).expect("shapes");
    let store = Store::new().expect("store");
    let graph = NamedNode::new_unchecked("http://example.org/graph");
    let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone());
    store
        .load_from_slice(parser, format!("{PREFIXES}{data}").as_bytes())
        .expect("data");
    let data = read_graph(&store, &graph).expect("read");
    validate_graph(&store, &graph, &data, &shapes, &Options::default(), quality).expect("validate")
}

fn run(shapes: &str, data: &str) -> Vec<Finding> {
    run_with(shapes, data, false)
}

/// The components of the findings, sorted.
fn components(findings: &[Finding]) -> Vec<&'static str> {
    let mut v: Vec<_> = findings.iter().map(|f| f.result.component).collect();
    v.sort_unstable();
    v
}

fn property(constraint: &str) -> String {
    format!(
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; {constraint} ] ."
    )
}

#[test]
fn min_and_max_count() {
    let s = property("sh:minCount 1 ; sh:maxCount 1");
    assert!(run(&s, "ex:a a ex:C ; ex:p 1 .").is_empty());
    assert_eq!(
        components(&run(&s, "ex:a a ex:C .")),
        ["MinCountConstraintComponent"]
    );
    assert_eq!(
        components(&run(&s, "ex:a a ex:C ; ex:p 1, 2 .")),
        ["MaxCountConstraintComponent"]
    );
}

#[test]
fn datatype_needs_the_type_and_a_valid_lexical_form() {
    let s = property("sh:datatype xsd:date");
    assert!(run(&s, "ex:a a ex:C ; ex:p \"1986-12-18\"^^xsd:date .").is_empty());
    assert_eq!(run(&s, "ex:a a ex:C ; ex:p \"1986\"^^xsd:gYear .").len(), 1);
    assert_eq!(
        run(&s, "ex:a a ex:C ; ex:p \"1986-02-31\"^^xsd:date .").len(),
        1
    );
}

#[test]
fn class_node_kind_and_in() {
    let s = property("sh:class ex:D");
    assert!(run(&s, "ex:a a ex:C ; ex:p ex:b . ex:b a ex:D .").is_empty());
    assert_eq!(
        components(&run(&s, "ex:a a ex:C ; ex:p ex:b .")),
        ["ClassConstraintComponent"]
    );
    let s = property("sh:nodeKind sh:IRI");
    assert!(run(&s, "ex:a a ex:C ; ex:p ex:b .").is_empty());
    assert_eq!(run(&s, "ex:a a ex:C ; ex:p \"b\" .").len(), 1);
    let s = property("sh:in ( true )");
    assert!(run(&s, "ex:a a ex:C ; ex:p true .").is_empty());
    assert_eq!(
        components(&run(&s, "ex:a a ex:C ; ex:p false .")),
        ["InConstraintComponent"]
    );
}

#[test]
fn pattern_ranges_has_value_and_language() {
    let s = property("sh:pattern \"^(infobox( .+)?|prose)$\"");
    assert!(run(&s, "ex:a a ex:C ; ex:p \"infobox Incumbent\" .").is_empty());
    assert_eq!(run(&s, "ex:a a ex:C ; ex:p \"guess\" .").len(), 1);
    let s = property("sh:minInclusive 0 ; sh:maxInclusive 1");
    assert!(run(&s, "ex:a a ex:C ; ex:p 0.5 .").is_empty());
    assert_eq!(
        components(&run(&s, "ex:a a ex:C ; ex:p 2, -1 .")),
        [
            "MaxInclusiveConstraintComponent",
            "MinInclusiveConstraintComponent"
        ]
    );
    let s = property("sh:hasValue ex:v");
    assert!(run(&s, "ex:a a ex:C ; ex:p ex:v .").is_empty());
    assert_eq!(run(&s, "ex:a a ex:C ; ex:p ex:w .").len(), 1);
    let s = property("sh:languageIn ( \"en\" )");
    assert!(run(&s, "ex:a a ex:C ; ex:p \"x\"@en-GB .").is_empty());
    assert_eq!(run(&s, "ex:a a ex:C ; ex:p \"x\"@vi .").len(), 1);
}

#[test]
fn or_of_datatypes_and_inverse_paths() {
    let s = property("sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:date ] )");
    assert!(run(&s, "ex:a a ex:C ; ex:p \"1986\"^^xsd:gYear .").is_empty());
    assert_eq!(
        components(&run(&s, "ex:a a ex:C ; ex:p \"1986\" .")),
        ["OrConstraintComponent"]
    );
    let s = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; \
             sh:property [ sh:path [ sh:inversePath ex:q ] ; sh:minCount 1 ] .";
    assert!(run(s, "ex:a a ex:C . ex:b ex:q ex:a .").is_empty());
    assert_eq!(run(s, "ex:a a ex:C .").len(), 1);
}

#[test]
fn node_kind_of_the_focus_and_severity() {
    let s =
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI ; sh:severity sh:Warning .";
    assert!(run(s, "ex:a a ex:C .").is_empty());
    let found = run(s, "[] a ex:C .");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].result.severity, Severity::Warning);
}

#[test]
fn sparql_constraints_bind_this_and_fill_messages() {
    let s = "<http://example.org/shapes> sh:declare [ sh:prefix \"ex\" ; \
             sh:namespace \"http://example.org/\"^^xsd:anyURI ] .\n\
             ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ \
             sh:prefixes <http://example.org/shapes> ; sh:message \"bad {?value}\" ; \
             sh:select \"SELECT $this ?value WHERE { $this ex:p ?value . FILTER (?value > 3) }\" ] .";
    assert!(run(s, "ex:a a ex:C ; ex:p 1 . ex:b ex:p 9 .").is_empty());
    let found = run(s, "ex:a a ex:C ; ex:p 1, 7 .");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].result.message, "bad 7");
}

#[test]
fn unsupported_shacl_terms_are_errors() {
    let err = Shapes::parse(&format!("{PREFIXES}{}", property("sh:minLength 2"))).unwrap_err();
    assert!(matches!(err, ShapesError::Unsupported { ref term, .. } if term == "sh:minLength"));
    let err = Shapes::parse(&format!(
        "{PREFIXES}ex:S a sh:NodeShape ; sh:targetNode ex:a ."
    ))
    .unwrap_err();
    assert!(matches!(err, ShapesError::Unsupported { .. }), "{err}");
    let err = Shapes::parse(&format!(
        "{PREFIXES}ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."
    ))
    .unwrap_err();
    assert!(matches!(err, ShapesError::Unsupported { .. }), "{err}");
    let err = Shapes::parse(&format!(
        "{PREFIXES}ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {{}}\" ; sh:deactivated true ] ."
    ))
    .unwrap_err();
    assert!(
        matches!(err, ShapesError::Unsupported { ref term, .. } if term == "sh:deactivated"),
        "{err}"
    );
}

#[test]
fn the_shipped_shapes_load() {
    let shapes = Shapes::builtin().expect("ontology/shapes.ttl");
    assert!(shapes.node_shapes.len() >= 12);
}

/// A position's tenures (start, end, flags) as Turtle, lines 10, 11, ….
fn tenures(rows: &[(&str, &str, &str)]) -> String {
    let mut t = String::from("ex:post a og:Position .\n");
    for (i, (start, end, extra)) in rows.iter().enumerate() {
        let date = |d: &str| match d.len() {
            4 => format!("\"{d}\"^^xsd:gYear"),
            7 => format!("\"{d}\"^^xsd:gYearMonth"),
            _ => format!("\"{d}\"^^xsd:date"),
        };
        t.push_str(&format!(
            "ex:t{i} a og:Tenure ; og:position ex:post ; og:sourceLine {} ; og:start {}",
            10 + i,
            date(start)
        ));
        if !end.is_empty() {
            t.push_str(&format!(" ; og:end {}", date(end)));
        }
        t.push_str(&format!(" {extra} .\n"));
    }
    t
}

fn checks(data: &str) -> Vec<(String, Option<u64>)> {
    run_with("", data, true)
        .into_iter()
        .map(|f| (f.result.source_shape.to_string(), f.line))
        .collect()
}

fn check(name: &str, line: u64) -> (String, Option<u64>) {
    (
        format!("<https://w3id.org/officegraph/shapes#{name}>"),
        Some(line),
    )
}

#[test]
fn overlap_of_non_acting_tenures() {
    assert!(checks(&tenures(&[
        ("1950", "1955-06-01", ""),
        ("1955-06-01", "1960", "")
    ]))
    .is_empty());
    assert!(checks(&tenures(&[
        ("1950", "1956", ""),
        ("1955-06", "1960", "; og:acting true")
    ]))
    .is_empty());
    assert_eq!(
        checks(&tenures(&[
            ("1950", "1956-12", ""),
            ("1955-06", "1960", "")
        ])),
        [check("OverlapCheck", 11)]
    );
}

#[test]
fn gap_beyond_the_threshold() {
    assert!(checks(&tenures(&[
        ("1950", "1955-06-01", ""),
        ("1956-05-31", "1960", "")
    ]))
    .is_empty());
    assert_eq!(
        checks(&tenures(&[
            ("1950", "1955-06-01", ""),
            ("1956-06-03", "1960", "")
        ])),
        [check("GapCheck", 11)]
    );
}

#[test]
fn ordinals_going_backwards() {
    let t = |a: u8, b: u8| {
        tenures(&[
            ("1950", "1955", &format!("; og:ordinal {a} ; og:next ex:t1")),
            ("1955", "1960", &format!("; og:ordinal {b}")),
        ])
    };
    assert!(checks(&t(1, 2)).is_empty());
    assert_eq!(checks(&t(2, 1)), [check("OrdinalOrderCheck", 11)]);
}

#[test]
fn infobox_incumbentsince_against_the_incumbent_row() {
    let t = |since: &str| {
        format!(
            "{}ex:post ogr:incumbentsince \"{since}\" .",
            tenures(&[("2019-03-01", "", "; og:incumbent true")])
        )
    };
    assert!(checks(&t("March 2019")).is_empty());
    assert_eq!(
        checks(&t("1 March 2018")),
        [check("InfoboxIncumbentCheck", 10)]
    );
}

#[test]
fn blank_property_shapes_get_stable_names() {
    let names = || {
        let shapes = Shapes::builtin().expect("shapes");
        let tenure = shapes
            .node_shapes
            .iter()
            .find(|s| s.id.to_string().ends_with("#TenureShape>"))
            .expect("TenureShape")
            .properties
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>();
        tenure
    };
    let first = names();
    assert!(
        first.contains(&"_:TenureShape-start-1".to_owned()),
        "{first:?}"
    );
    assert_eq!(first, names());
}

#[test]
fn ill_formed_dates_are_left_to_the_shapes() {
    use super::quality::lexical_date;
    use oxigraph::model::{Literal, Term};
    let date = |s: &str| lexical_date(Term::from(Literal::new_simple_literal(s)).as_ref());
    assert!(date("1986-12-18").is_some());
    assert!(date("1986-255").is_none());
    assert!(date("1986-12-99").is_none());
    assert!(checks(&tenures(&[("1950", "1986-13", "")])).is_empty());
}
