//! `link` through the command line: the seed records against the Wikidata-style
//! fixtures in every input format (tests/fixtures/wikidata/, placeholder ids), the
//! report's counts, the namesake trap, exit codes, idempotence, and the stored queries
//! that join both sides.

use crate::cli::{assert_exit, officegraph, seeds_store, text};
use std::fs;
use std::path::{Path, PathBuf};

const WD: &str = "http://www.wikidata.org/entity/";

/// Every fixture: the same world in each format.
const FIXTURES: [&str; 6] = [
    "world.nt",
    "world.ttl",
    "world-entities.json",
    "world.csv",
    "world.tsv",
    "world-results.json",
];

/// What every fixture links on the seeds, per type: (type, matched, ambiguous). The
/// unmatched count is whatever else of that type the store names, counted by
/// [`named`], so the expectation survives changes to what the seeds yield.
const EXPECTED: [(&str, usize, usize); 3] =
    [("person", 8, 1), ("position", 3, 0), ("organization", 4, 0)];

/// The report's table for the store in `dir`.
fn expected_table(dir: &Path) -> String {
    let counts = named(dir);
    let mut table = String::from("type            matched  unmatched  ambiguous\n");
    for (kind, matched, ambiguous) in EXPECTED {
        let (named, _) = counts[kind];
        let unmatched = named - matched - ambiguous;
        table.push_str(&format!(
            "{kind:<14}{matched:>9}{unmatched:>11}{ambiguous:>11}\n"
        ));
    }
    let (_, unnamed) = counts["person"];
    table.push_str(&format!(
        "({unnamed} persons without a name were not matched)\n"
    ));
    table
}

/// Per type, how many of ours have a label and how many have none.
fn named(dir: &Path) -> std::collections::BTreeMap<&'static str, (usize, usize)> {
    let query = "PREFIX og: <https://w3id.org/officegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?type (COUNT(DISTINCT ?named) AS ?n) (COUNT(DISTINCT ?unnamed) AS ?u) WHERE {
  VALUES ?type { og:Person og:Position og:Organization }
  ?x a ?type .
  OPTIONAL { ?x rdfs:label ?l }
  BIND(IF(BOUND(?l), ?x, ?nothing) AS ?named)
  BIND(IF(BOUND(?l), ?nothing, ?x) AS ?unnamed)
} GROUP BY ?type";
    fs::write(dir.join("named.rq"), query).unwrap();
    let out = officegraph(
        dir,
        &["query", "named.rq", "--store", "store", "--format", "csv"],
    );
    assert_exit(&out, 0);
    let mut counts = std::collections::BTreeMap::new();
    for row in csv::Reader::from_reader(out.stdout.as_slice()).records() {
        let row = row.unwrap();
        let kind = match row[0].rsplit('#').next().unwrap() {
            "Person" => "person",
            "Position" => "position",
            _ => "organization",
        };
        counts.insert(kind, (row[1].parse().unwrap(), row[2].parse().unwrap()));
    }
    counts
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wikidata")
        .join(name)
}

fn link(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["link", "--store", "store", "--with"];
    args.extend_from_slice(extra);
    officegraph(dir, &args)
}

fn query_csv(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let out = officegraph(dir, &["query", name, "--store", "store", "--format", "csv"]);
    assert_exit(&out, 0);
    csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|v| {
                    v.replace("https://w3id.org/officegraph/id/", "")
                        .replace(WD, "wd:")
                })
                .collect()
        })
        .collect()
}

/// Our IRI → the item it is linked to, from `linked-holders`.
fn linked(dir: &Path) -> Vec<(String, String)> {
    query_csv(dir, "linked-holders")
        .into_iter()
        .map(|row| (row[1].clone(), row[2].clone()))
        .collect()
}

#[test]
fn every_format_gives_the_same_counts_and_resolves_the_namesake_by_dates() {
    let dir = seeds_store();
    let table = expected_table(dir.path());
    // The expected table is computed from the store: named persons, positions, organizations.
    for name in FIXTURES {
        let path = fixture(name);
        let out = link(dir.path(), &[path.to_str().unwrap()]);
        assert_exit(&out, 0);
        let report = text(&out.stdout);
        assert!(
            report.contains(&table),
            "{name}: expected\n{table}\n{report}"
        );
        assert!(
            report.contains(
                "ambiguous (nothing linked):\n  person Lê Hồng Phong <https://w3id.org/officegraph/id/person/L%C3%AA_H%E1%BB%93ng_Phong>\n    0.5   <http://www.wikidata.org/entity/Q900009> \"Lê Hồng Phong\" (label)\n    0.5   <http://www.wikidata.org/entity/Q900010> \"Lê Hồng Phong\" (label)\n"
            ),
            "{name}:\n{report}"
        );
        let links = linked(dir.path());
        let holder = |label: &str| {
            links
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, item)| item.as_str())
        };
        // The wrong Nguyễn Văn Linh comes first in every file; the right one wins on dates.
        assert_eq!(holder("Nguyễn Văn Linh"), Some("wd:Q900004"), "{name}");
        assert_eq!(holder("Hồ Chí Minh"), Some("wd:Q900007"), "{name}: alias");
        assert_eq!(holder("Lê Khả Phiêu"), Some("wd:Q900008"), "{name}");
        assert_eq!(holder("Nguyễn Duy Trinh"), Some("wd:Q900012"), "{name}");
        assert_eq!(holder("Lê Hồng Phong"), None, "{name}: ambiguous");
        assert_eq!(links.len(), 8, "{name}: {links:?}");
    }
}

#[test]
fn the_namesake_does_not_depend_on_the_order_of_appearance() {
    let dir = seeds_store();
    let wrong = "http://www.wikidata.org/entity/Q3,Nguyễn Văn Linh,,,\n";
    let right = "http://www.wikidata.org/entity/Q4,Nguyễn Văn Linh,Q100,1986-12-18,1991-06-28\n";
    let other = "http://www.wikidata.org/entity/Q3,Nguyễn Văn Linh,Q120,2016,2021\n";
    let position = "http://www.wikidata.org/entity/Q100,General Secretary of the Communist Party of Vietnam,,,\n";
    let header = "item,itemLabel,position,start,end\n";
    for body in [
        format!("{wrong}{other}{right}{position}"),
        format!("{position}{right}{other}{wrong}"),
    ] {
        fs::write(dir.path().join("two.csv"), format!("{header}{body}")).unwrap();
        let out = link(dir.path(), &["two.csv"]);
        assert_exit(&out, 0);
        let links = linked(dir.path());
        assert_eq!(
            links,
            vec![("Nguyễn Văn Linh".to_owned(), "wd:Q4".to_owned())],
            "{}",
            text(&out.stdout)
        );
    }
    // Without the dates, the two are a tie: reported, not linked.
    fs::write(
        dir.path().join("two.csv"),
        format!("{header}{wrong}http://www.wikidata.org/entity/Q4,Nguyễn Văn Linh,,,\n"),
    )
    .unwrap();
    let out = link(dir.path(), &["two.csv", "--strict"]);
    assert_exit(&out, 1);
    assert!(text(&out.stdout).contains("  person Nguyễn Văn Linh <"));
    assert!(linked(dir.path()).is_empty());
}

#[test]
fn strict_fails_on_ambiguity_and_bad_inputs_are_located() {
    let dir = seeds_store();
    let ttl = fixture("world.ttl");
    let out = link(dir.path(), &[ttl.to_str().unwrap(), "--strict"]);
    assert_exit(&out, 1);

    fs::write(
        dir.path().join("bad.nt"),
        "<http://x/a> <http://x/b> \"ok\" .\n<http://x/a> <http://x/b> nope .\n",
    )
    .unwrap();
    let out = link(dir.path(), &["bad.nt"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("bad.nt:2: invalid N-Triples"),
        "{}",
        text(&out.stderr)
    );

    fs::write(
        dir.path().join("bad.csv"),
        "item,start\nQ1,1990\nQ2,later\n",
    )
    .unwrap();
    let out = link(dir.path(), &["bad.csv"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("bad.csv:3: start `later` is not a date"),
        "{}",
        text(&out.stderr)
    );

    fs::write(
        dir.path().join("bad.json"),
        "[\n{\"id\":\"Q1\"},\n{\"id\":\n]\n",
    )
    .unwrap();
    let out = link(dir.path(), &["bad.json"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("bad.json:3: not a JSON entity"),
        "{}",
        text(&out.stderr)
    );

    fs::write(dir.path().join("data.xml"), "<x/>").unwrap();
    let out = link(dir.path(), &["data.xml"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--format"),
        "{}",
        text(&out.stderr)
    );

    // A failed run leaves the store as the last good run left it.
    assert_eq!(linked(dir.path()).len(), 8);
}

#[test]
fn rerunning_replaces_the_links_and_dataset_graphs() {
    let dir = seeds_store();
    let nt = fixture("world.nt");
    let csv = fixture("world.csv");
    assert_exit(&link(dir.path(), &[nt.to_str().unwrap()]), 0);
    let first = fs::read(dir.path().join("store/snapshot.nq")).unwrap();
    assert_exit(&link(dir.path(), &[nt.to_str().unwrap()]), 0);
    let second = fs::read(dir.path().join("store/snapshot.nq")).unwrap();
    assert!(first == second, "link is not idempotent");
    let snapshot = text(&second);
    assert!(snapshot.contains("<https://w3id.org/officegraph/id/dataset/world.nt> ."));
    assert!(snapshot.contains(
        "<https://w3id.org/officegraph/id/person/Nguy%E1%BB%85n_V%C4%83n_Linh> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q900004> <https://w3id.org/officegraph/id/links> ."
    ));
    assert!(snapshot.contains(
        "<https://w3id.org/officegraph/id/link/person/Nguy%E1%BB%85n_V%C4%83n_Linh> <https://w3id.org/officegraph/ontology#linkScore> \"0.8\"^^<http://www.w3.org/2001/XMLSchema#decimal> <https://w3id.org/officegraph/id/links> ."
    ));

    assert_exit(&link(dir.path(), &[csv.to_str().unwrap()]), 0);
    let third = text(&fs::read(dir.path().join("store/snapshot.nq")).unwrap());
    assert!(
        !third.contains("dataset/world.nt>"),
        "the old dataset graph stayed"
    );
    assert!(third.contains("<https://w3id.org/officegraph/id/dataset/world.csv> ."));
    // The record graphs are untouched.
    let records = third
        .lines()
        .filter(|l| l.ends_with("> .") && l.contains("/id/record/"))
        .count();
    assert_eq!(
        records,
        text(&first)
            .lines()
            .filter(|l| l.contains("/id/record/") && l.ends_with("> ."))
            .count()
    );
}

#[test]
fn the_stored_queries_join_both_sides() {
    let dir = seeds_store();
    let ttl = fixture("world.ttl");
    assert_exit(&link(dir.path(), &[ttl.to_str().unwrap()]), 0);

    let holders = query_csv(dir.path(), "linked-holders");
    let summary: Vec<(String, String, String, String)> = holders
        .iter()
        .map(|r| (r[1].clone(), r[2].clone(), r[4].clone(), r[6].clone()))
        .collect();
    let row = |l: &str, i: &str, s: &str, n: &str| (l.into(), i.into(), s.into(), n.into());
    assert_eq!(
        summary,
        vec![
            row("Hồ Chí Minh", "wd:Q900007", "0.4", "2"),
            row("Lê Khả Phiêu", "wd:Q900008", "0.5", "1"),
            row("Nguyễn Duy Trinh", "wd:Q900012", "1", "1"),
            row("Nguyễn Văn Linh", "wd:Q900004", "0.8", "1"),
            row("Trường Chinh", "wd:Q900002", "0.8", "3"),
            row("Trần Phú", "wd:Q900001", "0.8", "1"),
            row("Tô Lâm", "wd:Q900006", "0.8", "1"),
            row("Đỗ Mười", "wd:Q900005", "0.8", "1"),
        ]
    );
    assert_eq!(
        holders[3][5],
        "label; P39 dates overlap 1986-12-18..1991-06-28"
    );

    // Only Đỗ Mười's end differs (1997-12-26 here, 1997-12-29 there); Trường Chinh's
    // start (1940-11 there) agrees at the precision both share.
    let disagreements = query_csv(dir.path(), "date-disagreements");
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
    assert_eq!(
        disagreements[0][1..]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        vec![
            "Đỗ Mười",
            "position/General_Secretary_of_the_Communist_Party_of_Vietnam",
            "wd:Q900005",
            "dataset/world.ttl/bnode/5",
            "1991-06-28",
            "1991-06-28",
            "1997-12-26",
            "1997-12-29",
            "end",
        ]
    );

    let missing: Vec<(String, String, String)> = query_csv(dir.path(), "missing-in-wikidata")
        .into_iter()
        .map(|r| (r[1].clone(), r[6].clone(), r[8].clone()))
        .collect();
    let row = |l: &str, s: &str, r: &str| (l.to_owned(), s.to_owned(), r.to_owned());
    assert_eq!(
        missing,
        vec![
            row("Hồ Chí Minh", "1951-02-19", "position not linked"),
            row(
                "Hồ Chí Minh",
                "1956-10-05",
                "no P39 statement for this position"
            ),
            row(
                "Trường Chinh",
                "1951-02-19",
                "no P39 statement overlapping these dates"
            ),
            row(
                "Trường Chinh",
                "1986-07-14",
                "no P39 statement overlapping these dates"
            ),
        ]
    );
}

#[test]
fn the_wikidata_profile_uses_links_but_not_the_linked_dataset() {
    let dir = seeds_store();
    let path = fixture("world.ttl");
    assert_exit(&link(dir.path(), &[path.to_str().unwrap()]), 0);
    let out = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            "store",
            "--format",
            "nt",
            "--profile",
            "wikidata",
        ],
    );
    assert_exit(&out, 0);
    let nt = text(&out.stdout);
    // Linked persons appear under their item IRI …
    assert!(
        nt.contains(
            "<http://www.wikidata.org/entity/Q900004> <http://www.wikidata.org/prop/direct/P39>"
        ),
        "{nt}"
    );
    // … but the dataset's own facts (the namesake Q900003, its statements) stay out.
    assert!(
        !nt.contains("Q900003"),
        "the loaded dataset leaked into the profile"
    );
    assert!(
        !nt.contains("/dataset/"),
        "the loaded dataset leaked into the profile"
    );
}
