//! Tests of the query API around the stored queries: parameters (injection, labels,
//! unknown and missing ones), output formats, query forms, the default graph.

use super::super::*;
use super::{builtin, params, pick, rows, store, GS};

fn run(text: &str, given: &[(&str, &str)], format: ResultFormat) -> Result<String, QueryError> {
    let mut out = Vec::new();
    run_to_writer(&store(), text, &params(given), format, &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8 output"))
}

/// A value for each declared parameter that matches something in the test data.
fn sample(param: &QueryParam) -> (&str, &str) {
    match param.name.as_str() {
        "position" => ("position", "General Secretary"),
        "date" => ("date", "1951-02"),
        other => panic!("add a sample value for parameter `{other}`"),
    }
}

#[test]
fn every_stored_query_runs_in_every_format_with_its_declared_columns() {
    let catalog = Catalog::builtin().expect("builtin catalog");
    assert!(catalog.len() >= 8, "{} stored queries", catalog.len());
    for query in catalog.iter() {
        let given: Vec<_> = query.params.iter().map(sample).collect();
        let csv = run(&query.text, &given, ResultFormat::Csv)
            .unwrap_or_else(|e| panic!("{}: {e}", query.name));
        let header = csv.lines().next().unwrap_or_default();
        assert_eq!(
            header,
            query.columns.join(","),
            "{}: # columns: vs SELECT",
            query.name
        );
        assert!(
            csv.lines().count() > 1,
            "{}: no rows on the test data",
            query.name
        );
        for param in &query.params {
            assert!(
                query.columns.contains(&param.name),
                "{}: ?{} not projected",
                query.name,
                param.name
            );
        }
        for format in [
            ResultFormat::Table,
            ResultFormat::Tsv,
            ResultFormat::Json,
            ResultFormat::Xml,
        ] {
            run(&query.text, &given, format)
                .unwrap_or_else(|e| panic!("{} {format:?}: {e}", query.name));
        }
    }
}

#[test]
fn an_injection_attempt_is_only_a_literal() {
    let store = store();
    let before = store.len().expect("len");
    let evil = "\"} ; DROP ALL ; {\"";
    let text = "SELECT ?x (STRLEN(?x) AS ?n) WHERE {}";
    let got = pick(
        &rows(&store, text, &[("x", evil)]).expect("runs"),
        &["x", "n"],
    );
    assert_eq!(got, [format!("{evil}|{}", evil.chars().count())]);
    // In a stored query: the label lookup finds nothing, nothing else happens.
    let err = rows(
        &store,
        &builtin("officeholders").text,
        &[("position", evil)],
    )
    .expect_err("no such position");
    assert!(matches!(err, QueryError::NoSuchLabel { .. }), "{err}");
    let err = rows(
        &store,
        &builtin("holder-on-date").text,
        &[("position", GS), ("date", evil)],
    )
    .expect_err("not a date");
    assert!(matches!(err, QueryError::BadParam { .. }), "{err}");
    assert_eq!(store.len().expect("len"), before);
}

#[test]
fn position_labels_resolve_to_iris() {
    let store = store();
    let text = &builtin("officeholders").text;
    let holders = |position: &str| {
        rows(&store, text, &[("position", position)]).map(|r| pick(&r, &["position"]))
    };
    let gs = "position:General_Secretary";
    assert_eq!(holders("General Secretary").expect("exact label")[0], gs);
    assert_eq!(holders(GS).expect("bare IRI")[0], gs);
    assert_eq!(holders(&format!("<{GS}>")).expect("IRI in <>")[0], gs);
    assert_eq!(
        holders("PRESIDENT").expect("case-insensitive")[0],
        "position:President"
    );
    // Two positions differ only in case: an exact label picks one, a third spelling is ambiguous.
    assert_eq!(
        holders("General secretary").expect("exact"),
        Vec::<String>::new()
    );
    let err = holders("general secretary").expect_err("ambiguous");
    assert!(matches!(err, QueryError::AmbiguousLabel { .. }), "{err}");
    assert!(err.to_string().contains("General_secretary"), "{err}");
    let err = holders("Chairman").expect_err("unknown");
    assert!(err.to_string().contains("Chairman"), "{err}");
    // Only positions: a person's label is not a position.
    assert!(holders("Lê Duẩn").is_err());
}

#[test]
fn unknown_missing_and_repeated_params_are_errors() {
    let text = &builtin("holder-on-date").text;
    let err = run(
        text,
        &[("position", GS), ("date", "1950"), ("when", "x")],
        ResultFormat::Csv,
    )
    .expect_err("unknown");
    assert!(matches!(err, QueryError::UnknownParam { .. }), "{err}");
    assert!(err.to_string().contains("position, date"), "{err}");
    let err = run(text, &[("position", GS)], ResultFormat::Csv).expect_err("missing");
    assert_eq!(err.to_string(), "missing required parameter: date");
    let err = run(text, &[], ResultFormat::Csv).expect_err("missing");
    assert_eq!(
        err.to_string(),
        "missing required parameters: position, date"
    );
    let err = run(
        text,
        &[("date", "1950"), ("date", "1951")],
        ResultFormat::Csv,
    )
    .expect_err("twice");
    assert!(matches!(err, QueryError::DuplicateParam(_)), "{err}");
    // No header: the variables the query uses are its parameters.
    let err = run("SELECT ?a WHERE {}", &[("b", "1")], ResultFormat::Csv).expect_err("unknown");
    assert!(err.to_string().contains("takes: a"), "{err}");
    let err = run("SELECT * WHERE {}", &[("b", "1")], ResultFormat::Csv).expect_err("unknown");
    assert!(err.to_string().contains("no parameters"), "{err}");
}

#[test]
fn defaults_apply_and_unprojected_params_are_reported() {
    let text = "# param: year = 1931 — a year\nSELECT ?year ?n WHERE { BIND(STR(?year) AS ?n) }";
    assert_eq!(
        run(text, &[], ResultFormat::Csv).expect("runs"),
        "year,n\r\n1931,1931\r\n"
    );
    assert!(run(text, &[("year", "1999")], ResultFormat::Csv)
        .expect("runs")
        .contains("1999,1999"));
    let text = "# param: x — a value\nSELECT ?y WHERE { ?y ?p ?x }";
    let err = run(text, &[("x", "v")], ResultFormat::Csv).expect_err("not projected");
    assert!(
        matches!(err, QueryError::NotProjected(ref v) if v == "x"),
        "{err}"
    );
}

#[test]
fn output_formats() {
    let text = &builtin("incumbents").text;
    let csv = run(text, &[], ResultFormat::Csv).expect("csv");
    assert_eq!(
        csv.lines().next(),
        Some("position,positionLabel,holder,holderLabel,start,title,acting")
    );
    assert!(csv.contains("Lê Duẩn"), "{csv}");
    let tsv = run(text, &[], ResultFormat::Tsv).expect("tsv");
    assert!(tsv.starts_with("?position\t?positionLabel\t"), "{tsv}");
    assert!(
        tsv.contains("\"1976-12-20\"^^<http://www.w3.org/2001/XMLSchema#date>"),
        "{tsv}"
    );
    let json = run(text, &[], ResultFormat::Json).expect("json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
    assert_eq!(value["head"]["vars"][3], "holderLabel");
    assert_eq!(
        value["results"]["bindings"][0]["holderLabel"]["value"],
        "Lê Duẩn"
    );
    assert_eq!(
        value["results"]["bindings"][0]["holderLabel"]["xml:lang"],
        "en"
    );
    let xml = run(text, &[], ResultFormat::Xml).expect("xml");
    assert!(xml.contains("<sparql"), "{xml}");
    assert!(xml.contains("<variable name=\"holder\"/>"), "{xml}");
}

#[test]
fn the_table_aligns_columns_by_characters() {
    let table = run(&builtin("died-in-office").text, &[], ResultFormat::Table).expect("table");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5, "{table}");
    assert!(lines[0].starts_with("position  "), "{table}");
    assert!(lines[1].starts_with("---"), "{table}");
    assert_eq!(lines[4], "(2 rows)");
    // The `holderLabel` column starts at the same character on every line, whatever
    // the bytes of the Vietnamese names before it.
    let column = |line: &str, text: &str| line.find(text).map(|at| line[..at].chars().count());
    let at = column(lines[0], "holderLabel").expect("header");
    assert_eq!(column(lines[2], "Trần Phú"), Some(at), "{table}");
    assert!(lines[2].contains("position:General_Secretary"), "{table}");
    assert!(lines[2].contains("person:Trần_Phú"), "{table}");
    assert!(lines[2].contains("1930-10-27"), "{table}");
}

#[test]
fn ask_and_construct_queries() {
    let ask = "PREFIX og: <https://w3id.org/officegraph/ontology#> ASK { ?t og:diedInOffice true }";
    assert_eq!(run(ask, &[], ResultFormat::Table).expect("ask"), "true\n");
    let json = run(ask, &[], ResultFormat::Json).expect("ask json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
    assert_eq!(value["boolean"], true);
    assert!(run(ask, &[], ResultFormat::Xml)
        .expect("xml")
        .contains("<boolean>true</boolean>"));
    let construct = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
        CONSTRUCT { ?t og:holder ?h } WHERE { ?t og:incumbent true ; og:holder ?h }";
    let turtle = run(construct, &[], ResultFormat::Table).expect("turtle");
    assert!(
        turtle.contains("@prefix og: <https://w3id.org/officegraph/ontology#>"),
        "{turtle}"
    );
    assert!(turtle.contains("og:holder"), "{turtle}");
    let prefixes: Vec<&str> = turtle
        .lines()
        .filter(|l| l.starts_with("@prefix"))
        .collect();
    assert_eq!(
        prefixes,
        [
            "@prefix og: <https://w3id.org/officegraph/ontology#> .",
            "@prefix person: <https://w3id.org/officegraph/id/person/> .",
            "@prefix tenure: <https://w3id.org/officegraph/id/tenure/> .",
        ],
        "only the prefixes used, in vocab order"
    );
    let nt = run(construct, &[], ResultFormat::Csv).expect("n-triples");
    assert_eq!(
        nt,
        "<https://w3id.org/officegraph/id/tenure/gs4> <https://w3id.org/officegraph/ontology#holder> \
         <https://w3id.org/officegraph/id/person/L%C3%AA_Du%E1%BA%A9n> .\n"
    );
    let jsonld = run(construct, &[], ResultFormat::Json).expect("json-ld");
    serde_json::from_str::<serde_json::Value>(&jsonld).expect("JSON-LD parses");
    assert!(run(construct, &[], ResultFormat::Xml)
        .expect("rdf/xml")
        .contains("rdf:RDF"));
    let describe = format!("DESCRIBE <{GS}>");
    assert!(run(&describe, &[], ResultFormat::Csv)
        .expect("describe")
        .contains("General Secretary"));
}

#[test]
fn construct_tables_spell_names_as_export_does() {
    // The shared Turtle writer: percent escapes stay as they are in the IRI (no
    // `\%` backslash escapes), statements sorted, only the prefixes used.
    let construct = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
        CONSTRUCT { ?t og:holder ?h } WHERE { ?t og:incumbent true ; og:holder ?h }";
    let turtle = run(construct, &[], ResultFormat::Table).expect("turtle");
    assert!(
        turtle.ends_with("\ntenure:gs4 og:holder person:L%C3%AA_Du%E1%BA%A9n .\n"),
        "{turtle}"
    );
    assert!(!turtle.contains('\\'), "{turtle}");
}

#[test]
fn the_default_graph_is_the_union_unless_the_query_says_otherwise() {
    let count = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a og:Position }";
    assert_eq!(
        run(count, &[], ResultFormat::Csv).expect("union"),
        "n\r\n3\r\n"
    );
    let from = count.replace(
        " WHERE",
        " FROM <https://w3id.org/officegraph/id/record/gensec> WHERE",
    );
    assert_eq!(
        run(&from, &[], ResultFormat::Csv).expect("FROM"),
        "n\r\n1\r\n"
    );
}

#[test]
fn syntax_errors_are_reported() {
    let err = run("SELECT ?x WHERE {", &[], ResultFormat::Csv).expect_err("syntax");
    assert!(matches!(err, QueryError::Syntax(_)), "{err}");
}
