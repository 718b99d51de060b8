//! The acceptance facts about the seed records, asked in SPARQL over the union
//! of the record graphs — the same questions a user would ask.

use officegraph::pipeline::{self, Config};
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::Path;

const PREFIXES: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX pos: <https://w3id.org/officegraph/id/position/>
";

fn seeds() -> Store {
    let store = Store::new().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    for path in pipeline::collect_inputs(&[dir]).unwrap() {
        let record = pipeline::process_file(&path, &Config::default()).unwrap();
        assert!(record.diagnostics.is_empty(), "{:?}", record.diagnostics);
        store.extend(record.quads).unwrap();
    }
    store
}

fn select(store: &Store, query: &str) -> Vec<Vec<Option<Term>>> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{query}"))
        .unwrap();
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().unwrap() else {
        panic!("not a SELECT")
    };
    let variables = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            variables.iter().map(|v| s.get(v).cloned()).collect()
        })
        .collect()
}

fn ask(store: &Store, query: &str) -> bool {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{query}"))
        .unwrap();
    prepared.dataset_mut().set_default_graph_as_union();
    match prepared.on_store(store).execute().unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK"),
    }
}

fn count(store: &Store, query: &str) -> usize {
    select(store, query).len()
}

const GS: &str = "pos:General_Secretary_of_the_Communist_Party_of_Vietnam";
const PM: &str =
    "pos:Permanent_Member_of_the_Communist_Party_of_Vietnam_Central_Committee%27s_Secretariat";

#[test]
fn tran_phu_and_to_lam() {
    let s = seeds();
    assert!(ask(&s, &format!(
        "ASK {{ ?t og:position {GS} ; og:holder/rdfs:label \"Trần Phú\"@en ; og:start \"1930-10-27\"^^xsd:date ;
               og:end \"1931-09-06\"^^xsd:date ; og:diedInOffice true ; og:ordinal 1 }}"
    )));
    assert!(ask(&s, &format!(
        "ASK {{ ?t og:position {GS} ; og:holder/rdfs:label \"Tô Lâm\"@en ; og:start \"2024-08-03\"^^xsd:date ;
               og:incumbent true FILTER NOT EXISTS {{ ?t og:end ?e }} }}"
    )));
}

#[test]
fn the_general_secretary_position() {
    let s = seeds();
    assert_eq!(
        count(&s, &format!("SELECT DISTINCT ?t {{ ?t og:position {GS} }}")),
        16
    );
    let truong_chinh = select(&s, &format!("SELECT DISTINCT ?p {{ ?t og:position {GS} ; og:holder ?p . ?p rdfs:label \"Trường Chinh\"@en }}"));
    assert_eq!(truong_chinh.len(), 1, "one person IRI");
    assert_eq!(count(&s, &format!("SELECT DISTINCT ?t {{ ?t og:position {GS} ; og:holder/rdfs:label \"Trường Chinh\"@en }}")), 3);
    assert!(ask(&s, "ASK { ?c a og:Position ; rdfs:label \"Chairman of the Workers' Party of Vietnam Central Committee\"@en .
                          ?t og:position ?c ; og:holder/rdfs:label \"Hồ Chí Minh\"@en }"));
    assert!(ask(&s, &format!(
        "ASK {{ ?t og:position {GS} ; og:holder/rdfs:label \"Hồ Chí Minh\"@en ; og:start ?s ;
               og:title \"First Secretary of the Workers' Party of Vietnam Central Committee\"@en FILTER(YEAR(?s) = 1956) }}"
    )));
    assert!(ask(
        &s,
        &format!(
        "ASK {{ ?a og:position {GS} ; og:holder/rdfs:label \"Nguyễn Văn Linh\"@en ; og:next ?b .
               ?b og:holder/rdfs:label \"Đỗ Mười\"@en ; og:previous ?a }}"
    )
    ));
}

#[test]
fn central_committee_terms() {
    let s = seeds();
    let trong = select(&s, "SELECT DISTINCT ?term { ?t og:holder/rdfs:label \"Nguyễn Phú Trọng\"@en ; og:term/rdfs:label ?term } ORDER BY ?term");
    assert_eq!(trong.len(), 3, "{trong:?}");
    let phieu = select(
        &s,
        "SELECT DISTINCT ?term { ?t og:holder/rdfs:label \"Lê Khả Phiêu\"@en ; og:term/rdfs:label ?term }",
    );
    assert_eq!(phieu.len(), 1);
    assert_eq!(
        phieu[0][0].as_ref().map(ToString::to_string).as_deref(),
        Some("\"8th Central Committee\"@en")
    );
}

#[test]
fn the_permanent_member_position() {
    let s = seeds();
    assert_eq!(
        count(&s, &format!("SELECT DISTINCT ?t {{ ?t og:position {PM} }}")),
        22
    );
    assert!(ask(&s, &format!("ASK {{ ?t og:position {PM} ; og:ordinal 2 ; og:holder ?p . ?p og:birthYear \"1911\"^^xsd:gYear ;
                                    og:birthPlace/rdfs:label \"Nam Định province\"@en }}")));
    assert!(ask(
        &s,
        &format!("ASK {{ ?t og:position {PM} ; og:ordinal 20 ; og:holder/og:gender \"Female\" }}")
    ));
    assert!(ask(&s, &format!("ASK {{ ?t og:position {PM} ; og:ordinal 22 ; og:holder/rdfs:label \"Trần Cẩm Tú\"@en }}")));
    assert!(ask(&s, &format!("ASK {{ ?t og:position {PM} ; og:ordinal 1 ; og:holder/rdfs:label \"Nguyễn Duy Trinh\"@en }}")));
}

#[test]
fn the_general_staff() {
    let s = seeds();
    assert!(ask(&s, "ASK { ?gs a og:Organization ; rdfs:label \"General Staff of the Vietnam People's Army\"@en ;
                          og:founded \"1945-09-07\"^^xsd:date }"));
    let departments = select(&s, "SELECT DISTINCT ?d ?vi { ?gs rdfs:label \"General Staff of the Vietnam People's Army\"@en .
                                   ?d og:subOrganizationOf ?gs ; skos:altLabel ?vi FILTER(LANG(?vi) = \"vi\") }");
    assert!(departments.len() >= 10, "{departments:?}");
    assert!(ask(&s, "ASK { ?p a og:Position ; rdfs:label \"Chief of the General Staff\"@en .
                          ?t og:position ?p ; og:incumbent true ; og:holder/rdfs:label \"Nguyễn Tân Cương\"@en }"));
}

/// The seeds plus records about other offices that name the same people with a
/// footnote marker, `(acting)` or in decomposed Unicode.
fn seeds_and_namesakes() -> Store {
    use unicode_normalization::UnicodeNormalization;
    let store = seeds();
    let nfd = |s: &str| s.nfd().collect::<String>();
    let record = format!(
        "= Chairman of the National Assembly Standing Committee =\n\nInfobox\n- Post: Chairman\n\n\
         The chairman leads the standing committee.\n\n\
         | No. | Name | Took office | Left office |\n\
         | 1 | {}[a] | 15 July 1960 | 4 July 1981 |\n\
         | 2 | {} (acting) | 1990 | 1991 |\n",
        nfd("Trường Chinh"),
        nfd("Tô Lâm"),
    );
    let extra = pipeline::process_text("x.txt", "x.txt", record.as_bytes(), &Config::default());
    assert!(extra.diagnostics.is_empty(), "{:?}", extra.diagnostics);
    store.extend(extra.quads).unwrap();
    store
}

#[test]
fn multiple_positions_lists_each_person_once_across_records() {
    let s = seeds_and_namesakes();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/multiple-positions.rq"),
    )
    .unwrap();
    let mut csv = Vec::new();
    officegraph::query::run_to_writer(
        &s,
        &text,
        &[],
        officegraph::query::ResultFormat::Csv,
        &mut csv,
    )
    .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    let truong_chinh: Vec<&&str> = rows.iter().filter(|r| r.contains("Trường Chinh")).collect();
    assert_eq!(truong_chinh.len(), 1, "{csv}");
    assert!(truong_chinh[0].contains("Chairman of the National Assembly Standing Committee | General Secretary of the Communist Party of Vietnam"), "{csv}");
    assert_eq!(
        rows.iter().filter(|r| r.contains("Tô Lâm")).count(),
        1,
        "{csv}"
    );
}

#[test]
fn recovered_names_carry_their_evidence_and_name_no_one_wrongly() {
    let s = seeds();
    let prose = select(&s, &format!(
        "SELECT ?name ?end ?line ?method {{ ?t og:position {PM} ; og:nameSource ?e ; og:holder/rdfs:label ?name ; og:end ?end .
           ?e og:sourceLine ?line ; og:method ?method FILTER(?method = \"prose\") }}"
    ));
    assert_eq!(prose.len(), 1, "{prose:?}");
    let row: Vec<String> = prose[0]
        .iter()
        .map(|t| t.as_ref().map(ToString::to_string).unwrap_or_default())
        .collect();
    assert_eq!(row[0], "\"Lương Cường\"@en");
    assert_eq!(
        row[1],
        "\"2024-10-25\"^^<http://www.w3.org/2001/XMLSchema#date>"
    );
    assert_eq!(row[2], "\"27\"^^<http://www.w3.org/2001/XMLSchema#integer>");
    // Rows 1 and 22 are named by the infobox, row 21 by prose; the other 19 stay unnamed.
    let named = count(
        &s,
        &format!("SELECT ?t {{ ?t og:position {PM} ; og:holder/rdfs:label ?n }}"),
    );
    assert_eq!(named, 3);
    let sources = count(&s, "SELECT ?e { ?t og:nameSource ?e }");
    assert_eq!(
        sources, 3,
        "only the Permanent Member record has names the table leaves out"
    );
}

#[test]
fn terms_are_one_node_across_records() {
    let s = seeds();
    assert!(ask(
        &s,
        &format!(
            "ASK {{ ?a og:position {GS} ; og:term ?term . ?b og:position {PM} ; og:term ?term .
               ?term rdfs:label \"4th Central Committee\"@en ; skos:altLabel \"4th CC\"@en }}"
        )
    ));
}
