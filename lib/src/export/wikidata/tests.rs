//! Export stage tests: the Wikidata profile on a small record, exact triples.

use super::*;
use crate::extract::{process_text, ExtractConfig as Config};

const RECORD: &str = "= Mayor of Test City =

Infobox
- Body: Test City Council
- Appointer: Test Assembly
- Incumbent: Dana Ruiz
- Incumbentsince: 1990

The Mayor of Test City (Thị trưởng thành phố) leads the city.

== Officeholders ==
| No. | Name | Born | Birthplace | Took office | Left office | Assembly |
| 1 | Alice Marlow | 1901 | Hải Phòng | 27 October 1930 | December 1944 † | 1st Assembly |
| | Bernard Quist (acting) | | | December 1944 | 1945 | 2nd Assembly 3rd Assembly |
| 2 | Dana Ruiz | | | 1990 | Incumbent | 4th Assembly |
";

fn store() -> Store {
    let record = process_text(
        "mayor.txt",
        "mayor.txt",
        RECORD.as_bytes(),
        &Config::default(),
    );
    assert!(record.diagnostics.is_empty(), "{:?}", record.diagnostics);
    let store = Store::new().unwrap();
    store.extend(record.quads).unwrap();
    store
}

const BASE: &str = crate::vocab::DEFAULT_BASE;
const ALICE: &str =
    "https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1930-10-27/Alice_Marlow";

fn turtle(store: &Store) -> String {
    let mut out = Vec::new();
    export_wikidata(store, ExportFormat::Turtle, None, BASE, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The Turtle block (subject to ` .`) that starts with `head`.
fn block<'a>(ttl: &'a str, head: &str) -> &'a str {
    let start = ttl
        .find(&format!("\n{head}"))
        .unwrap_or_else(|| panic!("no block {head} in\n{ttl}"))
        + 1;
    let len = ttl[start..].find(" .\n").unwrap() + 2;
    &ttl[start..start + len]
}

#[test]
fn a_tenure_is_a_p39_statement_with_qualifiers() {
    let ttl = turtle(&store());
    // Day-precision start, month-precision end, died in office, ordinal, term, successor.
    assert_eq!(
        block(&ttl, &format!("<{ALICE}>")),
        format!(
            "<{ALICE}> a wikibase:BestRank ,
        wikibase:Statement ,
        og:Tenure ;
    wikibase:rank wikibase:NormalRank ;
    rdfs:label \"Alice Marlow, Mayor of Test City, 1930-10-27 to 1944-12\"@en ;
    prov:wasDerivedFrom record:mayor ;
    pq:P1366 person:Bernard_Quist ;
    pq:P1534 wd:Q4 ;
    pq:P1545 \"1\" ;
    pq:P2937 term:1st_Assembly ;
    pq:P580 \"1930-10-27T00:00:00Z\"^^xsd:dateTime ;
    pq:P582 \"1944-12-01T00:00:00Z\"^^xsd:dateTime ;
    pqv:P580 value:1930-10-27 ;
    pqv:P582 value:1944-12 ;
    ps:P39 position:Mayor_of_Test_City ;
    og:sourceLine 13 ."
        )
    );
    // Acting (kept as og:acting), month start, year end, two terms, both neighbours.
    let bernard =
        "<https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1944-12/Bernard_Quist>";
    assert_eq!(
        block(&ttl, bernard),
        format!(
            "{bernard} a wikibase:BestRank ,
        wikibase:Statement ,
        og:Tenure ;
    wikibase:rank wikibase:NormalRank ;
    rdfs:label \"Bernard Quist, Mayor of Test City, 1944-12 to 1945\"@en ;
    prov:wasDerivedFrom record:mayor ;
    pq:P1365 person:Alice_Marlow ;
    pq:P1366 person:Dana_Ruiz ;
    pq:P2937 term:2nd_Assembly ,
        term:3rd_Assembly ;
    pq:P580 \"1944-12-01T00:00:00Z\"^^xsd:dateTime ;
    pq:P582 \"1945-01-01T00:00:00Z\"^^xsd:dateTime ;
    pqv:P580 value:1944-12 ;
    pqv:P582 value:1945 ;
    ps:P39 position:Mayor_of_Test_City ;
    og:acting true ;
    og:nameAsWritten \"Bernard Quist (acting)\" ;
    og:sourceLine 14 ."
        )
    );
    // Year-precision start, incumbent: no end qualifier.
    let dana = "<https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1990/Dana_Ruiz>";
    let dana_block = block(&ttl, dana);
    assert!(
        dana_block.contains(
            "pq:P580 \"1990-01-01T00:00:00Z\"^^xsd:dateTime ;\n    pqv:P580 value:1990 ;"
        ),
        "{dana_block}"
    );
    assert!(!dana_block.contains("P582") && dana_block.contains("og:incumbent true"));
    assert!(!ttl.contains("og:start") && !ttl.contains("og:holder") && !ttl.contains("og:next"));
}

#[test]
fn time_values_keep_the_precision() {
    let ttl = turtle(&store());
    for (node, datetime, precision) in [
        ("1930-10-27", "1930-10-27", 11),
        ("1944-12", "1944-12-01", 10),
        ("1945", "1945-01-01", 9),
    ] {
        assert_eq!(
            block(&ttl, &format!("value:{node} ")),
            format!(
                "value:{node} a wikibase:TimeValue ;
    wikibase:timeCalendarModel wd:Q1985727 ;
    wikibase:timePrecision {precision} ;
    wikibase:timeTimezone 0 ;
    wikibase:timeValue \"{datetime}T00:00:00Z\"^^xsd:dateTime ."
            )
        );
    }
}

#[test]
fn entities_get_wikidata_classes_labels_and_claims() {
    let ttl = turtle(&store());
    assert_eq!(
        block(&ttl, "person:Alice_Marlow "),
        format!(
            "person:Alice_Marlow a og:Person ;
    schema:name \"Alice Marlow\"@en ;
    rdfs:label \"Alice Marlow\"@en ;
    skos:prefLabel \"Alice Marlow\"@en ;
    prov:wasDerivedFrom record:mayor ;
    p:P39 <{ALICE}> ;
    p:P569 <https://w3id.org/officegraph/id/statement/P569/person/Alice_Marlow/1901> ;
    wdt:P19 place:H%E1%BA%A3i_Ph%C3%B2ng ;
    wdt:P31 wd:Q5 ;
    wdt:P39 position:Mayor_of_Test_City ;
    wdt:P569 \"1901-01-01T00:00:00Z\"^^xsd:dateTime ;
    og:sourceLine 13 ."
        )
    );
    assert_eq!(
        block(&ttl, "<https://w3id.org/officegraph/id/statement/P569/"),
        "<https://w3id.org/officegraph/id/statement/P569/person/Alice_Marlow/1901> a wikibase:BestRank ,
        wikibase:Statement ;
    wikibase:rank wikibase:NormalRank ;
    ps:P569 \"1901-01-01T00:00:00Z\"^^xsd:dateTime ;
    psv:P569 value:1901 ."
    );
    let position = block(&ttl, "position:Mayor_of_Test_City ");
    for line in [
        "wdt:P2389 organization:Test_City_Council ;",
        "wdt:P748 organization:Test_Assembly ;",
        "wdt:P31 wd:Q4164871 ;",
        "skos:altLabel \"Thị trưởng thành phố\"@vi ;",
        "schema:description \"The Mayor of Test City (Thị trưởng thành phố) leads the city.\"@en ;",
        "schema:name \"Mayor of Test City\"@en ;",
    ] {
        assert!(position.contains(line), "{line} in\n{position}");
    }
    assert!(block(&ttl, "organization:Test_Assembly ").contains("wdt:P31 wd:Q43229 ;"));
    assert!(!ttl.contains("og:organization") && !ttl.contains("og:birthYear"));
}

fn link(store: &Store, ours: &str, theirs: &str) {
    let graph = NamedNode::new(links_graph(BASE)).unwrap();
    let same_as = NamedNode::new("http://www.w3.org/2002/07/owl#sameAs").unwrap();
    store
        .insert(&Quad::new(
            NamedNode::new(format!("{BASE}{ours}")).unwrap(),
            same_as,
            NamedNode::new(theirs).unwrap(),
            graph,
        ))
        .unwrap();
}

#[test]
fn linked_entities_take_their_wikidata_iri() {
    let store = store();
    link(
        &store,
        "person/Alice_Marlow",
        "http://www.wikidata.org/entity/Q1001",
    );
    link(
        &store,
        "position/Mayor_of_Test_City",
        "http://www.wikidata.org/entity/Q2002",
    );
    link(
        &store,
        "term/4th_Assembly",
        "https://www.wikidata.org/entity/Q3003",
    );
    // Two Wikidata items for one person: ambiguous, ours is kept.
    link(
        &store,
        "person/Bernard_Quist",
        "http://www.wikidata.org/entity/Q1",
    );
    link(
        &store,
        "person/Bernard_Quist",
        "http://www.wikidata.org/entity/Q2",
    );
    // Not Wikidata items: ignored.
    link(
        &store,
        "person/Dana_Ruiz",
        "http://dbpedia.org/resource/Dana_Ruiz",
    );
    link(
        &store,
        "organization/Test_Assembly",
        "http://www.wikidata.org/entity/P39",
    );
    let links = wikidata_links(&store, BASE).unwrap();
    assert_eq!(links.len(), 3, "{links:?}");

    let ttl = turtle(&store);
    for gone in [
        "person:Alice_Marlow",
        "position:Mayor_of_Test_City",
        "term:4th_Assembly",
        "owl:sameAs",
        "dbpedia",
        "wd:Q1 ",
    ] {
        assert!(!ttl.contains(gone), "{gone} in\n{ttl}");
    }
    let alice = block(&ttl, "wd:Q1001 ");
    for line in [
        "wd:Q1001 a og:Person ;",
        "wdt:P39 wd:Q2002 ;",
        format!("p:P39 <{ALICE}> ;").as_str(),
        // Statement IRIs stay ours, derived from our IRI.
        "p:P569 <https://w3id.org/officegraph/id/statement/P569/person/Alice_Marlow/1901> ;",
        "rdfs:label \"Alice Marlow\"@en ;",
    ] {
        assert!(alice.contains(line), "{line} in\n{alice}");
    }
    assert!(block(&ttl, &format!("<{ALICE}>")).contains("ps:P39 wd:Q2002 ;"));
    let bernard = block(&ttl, "person:Bernard_Quist ");
    assert!(bernard.contains("wdt:P39 wd:Q2002 ;"), "{bernard}");
    let dana = block(
        &ttl,
        "<https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1990/Dana_Ruiz>",
    );
    assert!(
        dana.contains("pq:P1365 person:Bernard_Quist ;") && dana.contains("pq:P2937 wd:Q3003 ;"),
        "{dana}"
    );
    let bernard_tenure = block(
        &ttl,
        "<https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1944-12/Bernard_Quist>",
    );
    assert!(
        bernard_tenure.contains("pq:P1365 wd:Q1001 ;"),
        "{bernard_tenure}"
    );
    assert!(block(&ttl, "record:mayor ").contains("foaf:primaryTopic wd:Q2002 ;"));
}

#[test]
fn output_is_byte_stable_and_reads_back() {
    let record = process_text(
        "mayor.txt",
        "mayor.txt",
        RECORD.as_bytes(),
        &Config::default(),
    );
    let forward = Store::new().unwrap();
    forward.extend(record.quads.clone()).unwrap();
    let backward = Store::new().unwrap();
    backward.extend(record.quads.into_iter().rev()).unwrap();
    for format in ExportFormat::ALL {
        let write = |store: &Store| {
            let mut out = Vec::new();
            let n = export_wikidata(store, format, None, BASE, &mut out).unwrap();
            (n, out)
        };
        let (n, first) = write(&forward);
        assert_eq!((n, first.clone()), write(&backward), "{format:?}");
        assert_eq!((n, first.clone()), write(&forward), "{format:?}");
        let quads: Vec<Quad> = oxigraph::io::RdfParser::from_format(format.rdf_format())
            .for_slice(&first)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(quads.len() as u64, n, "{format:?}");
        if format.has_graphs() {
            let graph = NamedNode::new(profile_graph(BASE)).unwrap();
            assert!(quads.iter().all(|q| q.graph_name == graph.clone().into()));
        }
    }
}

#[test]
fn only_the_dates_officegraph_writes_become_time_values() {
    let lit = |v: &str, d| Term::from(Literal::new_typed_literal(v, d));
    assert_eq!(
        time_value(&lit("1986-12", xsd::G_YEAR_MONTH)).map(|t| t.precision),
        Some(10)
    );
    assert_eq!(
        time_value(&lit("-0044-03-15", xsd::DATE)).map(|t| t.datetime().value().to_owned()),
        Some("-0044-03-15T00:00:00Z".to_owned())
    );
    for (v, d) in [
        ("1986-13", xsd::G_YEAR_MONTH),
        ("1986", xsd::DATE),
        ("86", xsd::G_YEAR),
        ("1986-12-01Z", xsd::DATE),
        ("1950-02-30", xsd::DATE),
        ("01986", xsd::G_YEAR),
        ("1986", xsd::STRING),
    ] {
        assert_eq!(time_value(&lit(v, d)), None, "{v}");
    }
    // A date the profile cannot read is kept as the og triple, not lost.
    let store = store();
    let tenure = NamedNode::new(ALICE).unwrap();
    let odd = Literal::new_typed_literal("1930-13", xsd::G_YEAR_MONTH);
    let graph = NamedNode::new(format!("{BASE}record/mayor")).unwrap();
    store
        .insert(&Quad::new(tenure.clone(), og::END, odd.clone(), graph))
        .unwrap();
    let triples = profile_triples(&store, None, BASE).unwrap();
    assert!(triples.contains(&Triple::new(tenure, og::END, odd)));
}

#[test]
fn approximate_dates_become_a_circa_qualifier() {
    let store = store();
    let tenure = NamedNode::new(ALICE).unwrap();
    let graph = NamedNode::new(format!("{BASE}record/mayor")).unwrap();
    for flag in [og::START_CIRCA, og::END_CIRCA] {
        store
            .insert(&oxigraph::model::Quad::new(
                tenure.clone(),
                flag,
                Literal::from(true),
                graph.clone(),
            ))
            .unwrap();
    }
    let ttl = turtle(&store);
    let alice = block(&ttl, &format!("<{ALICE}>"));
    // One qualifier for both flags (a qualifier has no qualifiers to say which date);
    // the og flags stay on the statement and say it.
    assert_eq!(alice.matches("pq:P1480 wd:Q5727902").count(), 1, "{alice}");
    assert!(
        alice.contains("og:endCirca true") && alice.contains("og:startCirca true"),
        "{alice}"
    );
    let bernard =
        "<https://w3id.org/officegraph/id/tenure/Mayor_of_Test_City/1944-12/Bernard_Quist>";
    assert!(!block(&ttl, bernard).contains("P1480"));
}
