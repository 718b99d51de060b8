//! Succession across records: two records about one position make one chain.

use crate::cli::{assert_exit, officegraph, seeds_store, text};
use std::fs;

const GS: &str = "General Secretary of the Communist Party of Vietnam";

#[test]
fn a_second_record_about_a_position_joins_its_chain() {
    let dir = seeds_store();
    fs::write(
        dir.path().join("extra.csv"),
        format!("position,name,start,end\n{GS},Ann Extra,1947-01-01,1950-01-01\n"),
    )
    .unwrap();
    let ingest = ["ingest", "extra.csv", "--store", "store"];
    assert_exit(&officegraph(dir.path(), &ingest), 0);
    let query = "PREFIX og: <https://w3id.org/officegraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?a ?before ?after WHERE { ?a og:next ?b .
          ?a og:holder/rdfs:label ?before . ?b og:holder/rdfs:label ?after .
          ?a og:position/rdfs:label ?p FILTER(STR(?p) = \"General Secretary of the Communist Party of Vietnam\") }
        ORDER BY ?before ?after";
    fs::write(dir.path().join("next.rq"), query).unwrap();
    let out = officegraph(
        dir.path(),
        &["query", "next.rq", "--store", "store", "--format", "tsv"],
    );
    assert_exit(&out, 0);
    let rows = text(&out.stdout);
    assert!(
        rows.contains("\"Trường Chinh\"@en\t\"Ann Extra\"@en"),
        "{rows}"
    );
    assert!(
        rows.contains("\"Ann Extra\"@en\t\"Trường Chinh\"@en"),
        "{rows}"
    );
    // 17 tenures now: 16 links, every tenure with at most one next and one previous.
    assert_eq!(rows.lines().count() - 1, 16, "{rows}");
    let twice = "PREFIX og: <https://w3id.org/officegraph/ontology#>
        SELECT DISTINCT ?t WHERE { ?t og:next ?x . ?t og:next ?y FILTER(?x != ?y) }";
    fs::write(dir.path().join("twice.rq"), twice).unwrap();
    let out = officegraph(
        dir.path(),
        &["query", "twice.rq", "--store", "store", "--format", "csv"],
    );
    assert_exit(&out, 0);
    assert_eq!(text(&out.stdout).trim(), "t", "no tenure has two og:next");
    // Ingesting again gives the same store, byte for byte.
    let before = fs::read(dir.path().join("store/snapshot.nq")).unwrap();
    assert_exit(&officegraph(dir.path(), &ingest), 0);
    assert_eq!(
        before,
        fs::read(dir.path().join("store/snapshot.nq")).unwrap()
    );
}
