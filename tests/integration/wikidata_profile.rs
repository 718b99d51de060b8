//! `export --profile wikidata` on the seed records: every format loads in pyoxigraph
//! and rdflib, and the classic Wikidata Query Service "position held with start and
//! end qualifiers" query returns one row per dated tenure, with the right precision.
//! A missing Python library is reported as SKIPPED on the terminal.

use crate::cli::{assert_exit, officegraph, text};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The WDQS pattern, verbatim: nothing officegraph-specific in it.
const P39_QUERY: &str = "PREFIX p: <http://www.wikidata.org/prop/> PREFIX ps: <http://www.wikidata.org/prop/statement/> PREFIX pq: <http://www.wikidata.org/prop/qualifier/> PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/> PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?person ?position ?start ?end ?precision WHERE { ?person p:P39 ?st . ?st ps:P39 ?position ; pq:P580 ?start ; pqv:P580 [ wikibase:timePrecision ?precision ] . OPTIONAL { ?st pq:P582 ?end } }";

/// Loads a file, prints its statement count, then the query's rows as TSV.
const CHECKER: &str = r#"import sys
tool, path, fmt, query = sys.argv[1:5]
cols = ['person', 'position', 'start', 'end', 'precision']
if tool == 'pyoxigraph':
    import pyoxigraph as ox
    f = {'ttl': ox.RdfFormat.TURTLE, 'nt': ox.RdfFormat.N_TRIPLES,
         'nq': ox.RdfFormat.N_QUADS, 'trig': ox.RdfFormat.TRIG}[fmt]
    store = ox.Store()
    store.load(path=path, format=f)
    print(len(store))
    for row in store.query(query, use_default_graph_as_union=True):
        print('\t'.join('' if row[c] is None else row[c].value for c in cols))
else:
    import rdflib
    rdflib.NORMALIZE_LITERALS = False  # keep "…T00:00:00Z" as written
    f = {'ttl': 'turtle', 'nt': 'nt', 'nq': 'nquads', 'trig': 'trig'}[fmt]
    if fmt in ('nq', 'trig'):
        g = rdflib.Dataset(default_union=True)
        g.parse(path, format=f)
        print(len(set(g.quads())))
    else:
        g = rdflib.Graph()
        g.parse(path, format=f)
        print(len(g))
    for row in g.query(query):
        print('\t'.join('' if v is None else str(v) for v in row))
"#;

/// The seeds have day-precision starts only; this record adds month and year precision.
const EXTRA: &str = "= Mayor of Test City =

Infobox
- Body: Test City Council

== Officeholders ==
| No. | Name | Took office | Left office |
| 1 | Alice Marlow | 27 October 1930 | December 1944 † |
| | Bernard Quist (acting) | December 1944 | 1945 |
| 2 | Dana Ruiz | 1990 | Incumbent |
";

/// The seed records plus [`EXTRA`], run into `out/`.
fn seeds_and_extra_run() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    fs::create_dir(&records).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    for entry in fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, records.join(path.file_name().unwrap())).unwrap();
    }
    fs::write(records.join("mayor.txt"), EXTRA).unwrap();
    let run = ["run", "--records", "records", "--out", "out"];
    assert_exit(&officegraph(dir.path(), &run), 0);
    dir
}

fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {what} (pip install pyoxigraph rdflib) ***"
    );
}

/// The rows the query must return, computed from our own store: one per og:Tenure
/// with an og:start, the dates padded as Wikidata pads them, precision by datatype.
fn expected_rows(snapshot: &Path) -> Vec<String> {
    let store = Store::new().unwrap();
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&fs::read(snapshot).unwrap())
        .collect::<Result<_, _>>()
        .unwrap();
    store.extend(quads).unwrap();
    let mut query = SparqlEvaluator::new()
        .parse_query(
            "PREFIX og: <https://w3id.org/officegraph/ontology#>
             SELECT ?h ?p ?s ?e { ?t a og:Tenure ; og:holder ?h ; og:position ?p ; og:start ?s
                                  OPTIONAL { ?t og:end ?e } }",
        )
        .unwrap();
    query.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = query.on_store(&store).execute().unwrap() else {
        panic!("not a SELECT")
    };
    let date = |term: Option<&Term>| -> (String, &'static str) {
        let Some(Term::Literal(l)) = term else {
            return (String::new(), "");
        };
        let (padded, precision) = match l.datatype().as_str().rsplit('#').next() {
            Some("date") => (l.value().to_owned(), "11"),
            Some("gYearMonth") => (format!("{}-01", l.value()), "10"),
            Some("gYear") => (format!("{}-01-01", l.value()), "9"),
            other => panic!("unexpected date type {other:?}"),
        };
        (format!("{padded}T00:00:00Z"), precision)
    };
    let iri = |term: Option<&Term>| match term {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        other => panic!("not an IRI: {other:?}"),
    };
    let mut rows: Vec<String> = solutions
        .map(|s| {
            let s = s.unwrap();
            let (start, precision) = date(s.get("s"));
            let (end, _) = date(s.get("e"));
            format!(
                "{}\t{}\t{start}\t{end}\t{precision}",
                iri(s.get("h")),
                iri(s.get("p"))
            )
        })
        .collect();
    rows.sort();
    rows
}

fn tenure_count(snapshot: &Path) -> usize {
    let nq = fs::read_to_string(snapshot).unwrap();
    let tenure = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/officegraph/ontology#Tenure>";
    nq.lines().filter(|l| l.contains(tenure)).count()
}

#[test]
fn wdqs_position_held_query_runs_unchanged_in_pyoxigraph_and_rdflib() {
    let dir = seeds_and_extra_run();
    let snapshot = dir.path().join("out/store/snapshot.nq");
    let expected = expected_rows(&snapshot);
    // The seeds have 40 tenures, 39 of them with a start; the extra record 3 more.
    assert_eq!(tenure_count(&snapshot), 43);
    assert_eq!(expected.len(), 42, "{expected:#?}");
    for precision in ["\t11", "\t10", "\t9"] {
        assert!(
            expected.iter().any(|r| r.ends_with(precision)),
            "{precision}"
        );
    }

    let mut ran = 0;
    for format in ["ttl", "nt", "nq", "trig"] {
        let file = format!("wd.{format}");
        let args = [
            "export",
            "--store",
            "out/store",
            "--format",
            format,
            "--profile",
            "wikidata",
            "-o",
            &file,
        ];
        assert_exit(&officegraph(dir.path(), &args), 0);
        let path = dir.path().join(&file);
        let ours = RdfParser::from_format(match format {
            "ttl" => RdfFormat::Turtle,
            "nt" => RdfFormat::NTriples,
            "nq" => RdfFormat::NQuads,
            _ => RdfFormat::TriG,
        })
        .for_slice(&fs::read(&path).unwrap())
        .count();
        for tool in ["pyoxigraph", "rdflib"] {
            let probe = Command::new("python3")
                .args(["-c", &format!("import {tool}")])
                .output();
            if !probe.is_ok_and(|o| o.status.success()) {
                skipped(&format!("python3 {tool} is not installed"));
                continue;
            }
            let out = Command::new("python3")
                .args([
                    "-c",
                    CHECKER,
                    tool,
                    path.to_str().unwrap(),
                    format,
                    P39_QUERY,
                ])
                .output()
                .unwrap();
            assert!(out.status.success(), "{tool} {file}: {}", text(&out.stderr));
            let stdout = text(&out.stdout);
            let mut lines = stdout.lines();
            let count: usize = lines.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            assert_eq!(count, ours, "{tool} loads every statement of {file}");
            let mut rows: Vec<String> = lines.map(str::to_owned).collect();
            rows.sort();
            assert_eq!(rows, expected, "{tool} on {file}");
            ran += 1;
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "wikidata profile: {ran} of 8 loads+queries ran, {} rows each",
        expected.len()
    );
}

#[test]
fn the_og_profile_is_the_default_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let run = ["run", "--records", seeds.to_str().unwrap(), "--out", "out"];
    assert_exit(&officegraph(dir.path(), &run), 0);
    let plain = officegraph(
        dir.path(),
        &["export", "--store", "out/store", "--format", "nq"],
    );
    assert_exit(&plain, 0);
    let og = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            "out/store",
            "--format",
            "nq",
            "--profile",
            "og",
        ],
    );
    assert_exit(&og, 0);
    assert_eq!(plain.stdout, og.stdout);
    assert_eq!(
        plain.stdout,
        fs::read(dir.path().join("out/graph.nq")).unwrap()
    );
    let wd = [
        "export",
        "--store",
        "out/store",
        "--format",
        "nt",
        "--profile",
        "wikidata",
    ];
    let (first, second) = (officegraph(dir.path(), &wd), officegraph(dir.path(), &wd));
    assert_exit(&first, 0);
    assert_eq!(first.stdout, second.stdout, "byte-stable");
    assert!(text(&first.stdout).contains("<http://www.wikidata.org/prop/direct/P39>"));
    // --graph limits the profile to one record.
    let record = "https://w3id.org/officegraph/id/record/001%5Fa7df8237591a9512";
    let one = officegraph(dir.path(), &[&wd[..], &["--graph", record]].concat());
    assert_exit(&one, 0);
    let (one, all) = (text(&one.stdout), text(&first.stdout));
    assert!(one.lines().count() < all.lines().count());
    assert!(one.lines().all(|l| all.contains(l)));
    assert!(!one.contains("General_Secretary_of_the_Communist_Party_of_Vietnam"));
    assert!(one.contains("<http://www.wikidata.org/prop/statement/value/P569>"));
    let bad = [
        "export",
        "--store",
        "out/store",
        "--format",
        "nt",
        "--profile",
        "dbpedia",
    ];
    assert_exit(&officegraph(dir.path(), &bad), 2);
}
