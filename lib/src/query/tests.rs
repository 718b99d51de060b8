//! Every stored query against a small hand-written dataset shaped like docs/mapping.md:
//! two records (named graphs), exact rows and order asserted.

use super::format::{display_term, sorted_prefixes};
use super::*;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::QueryResults;

/// Two records. General Secretary: 4 tenures (a died-in-office, a year-precision acting
/// start with a month-precision end, an incumbent); President: an unnamed holder,
/// Trường Chinh again (two positions; his person triples repeated in both graphs),
/// Lê Đức Anh twice. A second position labelled "General secretary" (no tenures) makes
/// the case-insensitive label lookup ambiguous. A links graph and a dataset graph, as
/// `officegraph link` writes them, link Lê Duẩn (whose P39 ends where our tenure does
/// not) and Trường Chinh (no P39 at all).
const DATA: &str = r#"
@prefix og: <https://w3id.org/officegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix record: <https://w3id.org/officegraph/id/record/> .
@prefix position: <https://w3id.org/officegraph/id/position/> .
@prefix person: <https://w3id.org/officegraph/id/person/> .
@prefix tenure: <https://w3id.org/officegraph/id/tenure/> .
@prefix term: <https://w3id.org/officegraph/id/term/> .

record:gensec {
  record:gensec a og:Record ; rdfs:label "General Secretary"@en .
  position:General_Secretary a og:Position ; rdfs:label "General Secretary"@en .
  person:Tr%E1%BA%A7n_Ph%C3%BA a og:Person ; rdfs:label "Trần Phú"@en .
  person:L%C3%AA_H%E1%BB%93ng_Phong a og:Person ; rdfs:label "Lê Hồng Phong"@en .
  person:Tr%C6%B0%E1%BB%9Dng_Chinh a og:Person ; rdfs:label "Trường Chinh"@en .
  person:L%C3%AA_Du%E1%BA%A9n a og:Person ; rdfs:label "Lê Duẩn"@en .
  term:Provisional_Central_Committee a og:Term ; rdfs:label "Provisional Central Committee"@en .
  term:2nd_Central_Committee a og:Term ; rdfs:label "2nd Central Committee"@en .
  term:4th_Central_Committee a og:Term ; rdfs:label "4th Central Committee"@en .

  tenure:gs1 a og:Tenure ; og:position position:General_Secretary ;
    og:holder person:Tr%E1%BA%A7n_Ph%C3%BA ; og:ordinal 1 ;
    og:start "1930-10-27"^^xsd:date ; og:end "1931-09-06"^^xsd:date ; og:diedInOffice true ;
    og:title "General Secretary of the ICP"@en ; og:term term:Provisional_Central_Committee ;
    og:next tenure:gs2 .
  tenure:gs2 a og:Tenure ; og:position position:General_Secretary ;
    og:holder person:L%C3%AA_H%E1%BB%93ng_Phong ; og:ordinal 2 ;
    og:start "1945"^^xsd:gYear ; og:end "1951-02"^^xsd:gYearMonth ; og:acting true ;
    og:title "General Secretary of the ICP"@en ; og:term term:2nd_Central_Committee ;
    og:previous tenure:gs1 ; og:next tenure:gs3 .
  tenure:gs3 a og:Tenure ; og:position position:General_Secretary ;
    og:holder person:Tr%C6%B0%E1%BB%9Dng_Chinh ; og:ordinal 3 ;
    og:start "1951-02-19"^^xsd:date ; og:end "1956-10-05"^^xsd:date ;
    og:title "First Secretary"@en ; og:term term:2nd_Central_Committee ;
    og:previous tenure:gs2 ; og:next tenure:gs4 .
  tenure:gs4 a og:Tenure ; og:position position:General_Secretary ;
    og:holder person:L%C3%AA_Du%E1%BA%A9n ; og:ordinal 4 ;
    og:start "1976-12-20"^^xsd:date ; og:incumbent true ;
    og:title "General Secretary"@en ; og:term term:4th_Central_Committee ;
    og:previous tenure:gs3 .
}

record:president {
  record:president a og:Record ; rdfs:label "President"@en .
  position:President a og:Position ; rdfs:label "President"@en .
  position:General_secretary a og:Position ; rdfs:label "General secretary"@en .
  person:Tr%C6%B0%E1%BB%9Dng_Chinh a og:Person ; rdfs:label "Trường Chinh"@en .
  person:L%C3%AA_%C4%90%E1%BB%A9c_Anh a og:Person ; rdfs:label "Lê Đức Anh"@en .
  person:unnamed\/President\/1945-09 a og:Person .
  term:4th_Central_Committee a og:Term ; rdfs:label "4th Central Committee"@en .

  tenure:p1 a og:Tenure ; og:position position:President ;
    og:holder person:unnamed\/President\/1945-09 ; og:ordinal 1 ;
    og:start "1945-09"^^xsd:gYearMonth ; og:end "1969-09-02"^^xsd:date ; og:diedInOffice true ;
    og:next tenure:p2 .
  tenure:p2 a og:Tenure ; og:position position:President ;
    og:holder person:Tr%C6%B0%E1%BB%9Dng_Chinh ; og:ordinal 2 ;
    og:start "1981-07-04"^^xsd:date ; og:end "1987-06-18"^^xsd:date ;
    og:term term:4th_Central_Committee ;
    og:previous tenure:p1 ; og:next tenure:p3 .
  tenure:p3 a og:Tenure ; og:position position:President ;
    og:holder person:L%C3%AA_%C4%90%E1%BB%A9c_Anh ; og:ordinal 3 ;
    og:start "1992-09-23"^^xsd:date ; og:end "1997-09-24"^^xsd:date ;
    og:previous tenure:p2 ; og:next tenure:p4 .
  tenure:p4 a og:Tenure ; og:position position:President ;
    og:holder person:L%C3%AA_%C4%90%E1%BB%A9c_Anh ; og:ordinal 4 ;
    og:start "1998"^^xsd:gYear ; og:end "2001"^^xsd:gYear ;
    og:previous tenure:p3 .
}

# What `officegraph link` adds: a links graph and a dataset graph (Wikidata-shaped).
<https://w3id.org/officegraph/id/links> {
  person:L%C3%AA_Du%E1%BA%A9n <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> .
  person:Tr%C6%B0%E1%BB%9Dng_Chinh <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q2> .
  position:General_Secretary <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q100> .
  <https://w3id.org/officegraph/id/link/person/L%C3%AA_Du%E1%BA%A9n> a og:Link ;
    og:linkSubject person:L%C3%AA_Du%E1%BA%A9n ; og:linkTarget <http://www.wikidata.org/entity/Q1> ;
    og:linkScore 0.8 ; og:linkEvidence "label; P39 dates overlap 1976-12-20..1986-07-10"@en .
}

<https://w3id.org/officegraph/id/dataset/test.ttl> {
  <http://www.wikidata.org/entity/Q1> rdfs:label "Lê Duẩn"@vi ;
    <http://www.wikidata.org/prop/direct/P39> <http://www.wikidata.org/entity/Q100> ;
    <http://www.wikidata.org/prop/P39> <http://www.wikidata.org/entity/statement/Q1-1> .
  <http://www.wikidata.org/entity/statement/Q1-1>
    <http://www.wikidata.org/prop/statement/P39> <http://www.wikidata.org/entity/Q100> ;
    <http://www.wikidata.org/prop/qualifier/P580> "1976-12-20T00:00:00Z"^^xsd:dateTime ;
    <http://www.wikidata.org/prop/qualifier/P582> "1986-07-10T00:00:00Z"^^xsd:dateTime .
  <http://www.wikidata.org/entity/Q2> rdfs:label "Trường Chinh"@vi .
  <http://www.wikidata.org/entity/Q100> rdfs:label "General Secretary"@en .
}
"#;

pub(super) const GS: &str = "https://w3id.org/officegraph/id/position/General_Secretary";
const UNNAMED: &str = "person:unnamed/President/1945-09";

pub(super) fn store() -> Store {
    let store = Store::new().expect("in-memory store");
    store
        .load_from_reader(RdfFormat::TriG, DATA.as_bytes())
        .expect("test data parses");
    store
}

pub(super) fn builtin(name: &str) -> StoredQuery {
    Catalog::builtin()
        .expect("builtin catalog")
        .get(name)
        .unwrap_or_else(|| panic!("no stored query {name}"))
        .clone()
}

pub(super) fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Runs a query; each row as (column name → displayed value, "" when unbound).
pub(super) fn rows(
    store: &Store,
    text: &str,
    given: &[(&str, &str)],
) -> Result<Vec<Vec<(String, String)>>, QueryError> {
    let prepared = prepare(store, text, &params(given))?;
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? else {
        panic!("not a SELECT query");
    };
    let prefixes = sorted_prefixes();
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        out.push(
            vars.iter()
                .zip(solution.values())
                .map(|(v, t)| {
                    (
                        v.clone(),
                        t.as_ref()
                            .map_or_else(String::new, |t| display_term(t, &prefixes)),
                    )
                })
                .collect(),
        );
    }
    Ok(out)
}

/// The values of some columns, joined by `|`, one string per row.
pub(super) fn pick(rows: &[Vec<(String, String)>], columns: &[&str]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| {
                    row.iter()
                        .find(|(name, _)| name == c)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or_else(|| panic!("no column {c}"))
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

fn stored(name: &str, given: &[(&str, &str)], columns: &[&str]) -> Vec<String> {
    let store = store();
    let rows = rows(&store, &builtin(name).text, given).unwrap_or_else(|e| panic!("{name}: {e}"));
    pick(&rows, columns)
}

#[test]
fn officeholders_in_order_with_flags() {
    let got = stored(
        "officeholders",
        &[("position", "General Secretary")],
        &[
            "ordinal",
            "holderLabel",
            "start",
            "end",
            "acting",
            "diedInOffice",
            "title",
        ],
    );
    assert_eq!(
        got,
        [
            "1|Trần Phú|1930-10-27|1931-09-06||true|General Secretary of the ICP",
            "2|Lê Hồng Phong|1945|1951-02|true||General Secretary of the ICP",
            "3|Trường Chinh|1951-02-19|1956-10-05|||First Secretary",
            "4|Lê Duẩn|1976-12-20||||General Secretary",
        ]
    );
    // Unnamed holders are kept, with an empty label.
    let got = stored(
        "officeholders",
        &[("position", "President")],
        &["holder", "holderLabel"],
    );
    assert_eq!(got[0], format!("{UNNAMED}|"));
    assert_eq!(got.len(), 4);
}

#[test]
fn incumbents() {
    let got = stored(
        "incumbents",
        &[],
        &["positionLabel", "holderLabel", "start", "title"],
    );
    assert_eq!(
        got,
        ["General Secretary|Lê Duẩn|1976-12-20|General Secretary"]
    );
}

#[test]
fn holder_on_date_compares_at_the_coarser_precision() {
    let on = |position: &str, date: &str| {
        stored(
            "holder-on-date",
            &[("position", position), ("date", date)],
            &["holderLabel"],
        )
    };
    assert_eq!(on("General Secretary", "1945-06-01"), ["Lê Hồng Phong"]); // gYear start
    assert_eq!(on("General Secretary", "1951-02-01"), ["Lê Hồng Phong"]); // gYearMonth end
    assert_eq!(
        on("General Secretary", "1951-02"),
        ["Lê Hồng Phong", "Trường Chinh"]
    );
    assert_eq!(on("General Secretary", "1931"), ["Trần Phú"]);
    assert_eq!(on("General Secretary", "1931-09-07"), Vec::<String>::new());
    assert_eq!(on("General Secretary", "2020"), ["Lê Duẩn"]); // incumbent: no end
    assert_eq!(on("General Secretary", "1900"), Vec::<String>::new());
    assert_eq!(on(GS, "1956-10-05"), ["Trường Chinh"]); // both ends inclusive
    let got = stored(
        "holder-on-date",
        &[("position", "President"), ("date", "1960")],
        &["holder", "holderLabel", "date"],
    );
    assert_eq!(got, [format!("{UNNAMED}||1960")]);
}

#[test]
fn succession_links_previous_and_next_holders() {
    let got = stored(
        "succession",
        &[],
        &[
            "positionLabel",
            "holderLabel",
            "previousHolderLabel",
            "nextHolderLabel",
            "previousHolder",
        ],
    );
    assert_eq!(
        got,
        [
            "General Secretary|Trần Phú||Lê Hồng Phong|",
            "General Secretary|Lê Hồng Phong|Trần Phú|Trường Chinh|person:Trần_Phú",
            "General Secretary|Trường Chinh|Lê Hồng Phong|Lê Duẩn|person:Lê_Hồng_Phong",
            "General Secretary|Lê Duẩn|Trường Chinh||person:Trường_Chinh",
            "President|||Trường Chinh|",
            &format!("President|Trường Chinh||Lê Đức Anh|{UNNAMED}"),
            "President|Lê Đức Anh|Trường Chinh|Lê Đức Anh|person:Trường_Chinh",
            "President|Lê Đức Anh|Lê Đức Anh||person:Lê_Đức_Anh",
        ]
    );
}

#[test]
fn died_in_office_by_end_date() {
    let got = stored(
        "died-in-office",
        &[],
        &["positionLabel", "holder", "holderLabel", "end"],
    );
    assert_eq!(
        got,
        [
            "General Secretary|person:Trần_Phú|Trần Phú|1931-09-06",
            &format!("President|{UNNAMED}||1969-09-02"),
        ]
    );
}

#[test]
fn multiple_positions_counts_distinct_positions() {
    let got = stored(
        "multiple-positions",
        &[],
        &[
            "holderLabel",
            "positionCount",
            "positions",
            "tenures",
            "firstStart",
        ],
    );
    // Lê Đức Anh held one position twice: not listed. Trường Chinh's label is in both
    // graphs: still one row, with both positions.
    assert_eq!(
        got,
        ["Trường Chinh|2|General Secretary | President|2|1951-02-19"]
    );
}

#[test]
fn longest_tenures_only_full_dates_longest_first() {
    let got = stored(
        "longest-tenures",
        &[],
        &["holderLabel", "positionLabel", "days", "years"],
    );
    assert_eq!(
        got,
        [
            "Trường Chinh|President|2175|6",
            "Trường Chinh|General Secretary|2055|5.6",
            "Lê Đức Anh|President|1827|5",
            "Trần Phú|General Secretary|314|0.9",
        ]
    );
}

#[test]
fn tenures_by_term_in_term_order() {
    let got = stored(
        "tenures-by-term",
        &[],
        &["termLabel", "holderLabel", "positionLabel"],
    );
    assert_eq!(
        got,
        [
            "Provisional Central Committee|Trần Phú|General Secretary",
            "2nd Central Committee|Lê Hồng Phong|General Secretary",
            "2nd Central Committee|Trường Chinh|General Secretary",
            "4th Central Committee|Lê Duẩn|General Secretary",
            "4th Central Committee|Trường Chinh|President",
        ]
    );
}

#[test]
fn positions_with_counts() {
    let got = stored(
        "positions",
        &[],
        &["positionLabel", "tenures", "firstStart", "lastStart"],
    );
    assert_eq!(
        got,
        [
            "General Secretary|4|1930-10-27|1976-12-20",
            "General secretary|0||",
            "President|4|1945-09|1998",
        ]
    );
}

mod api;
