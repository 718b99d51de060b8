//! `serve`: the seeds are ingested, `officegraph serve` runs on a free loopback port
//! (read from its `listening on http://ADDR/` line) and is queried over plain TCP,
//! with curl, and with rdflib's and SPARQLWrapper's clients, whose rows must equal
//! those of `officegraph query`. A missing tool is reported as SKIPPED.

mod browser;
mod harness;
mod hostile;
mod web;

use crate::cli::{assert_exit, officegraph, text};
use harness::{cli_csv, encode, get, http, skipped, Server};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
const GENSEC: &str = "General Secretary of the Communist Party of Vietnam";
/// Every labelled tenure holder, with dates: rows with IRIs, language-tagged and
/// typed literals, and unbound cells.
const TENURES: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?tenure ?holderLabel ?start ?end WHERE {
  ?tenure a og:Tenure ; og:holder ?holder .
  OPTIONAL { ?holder rdfs:label ?holderLabel }
  OPTIONAL { ?tenure og:start ?start }
  OPTIONAL { ?tenure og:end ?end }
} ORDER BY ?tenure";

#[test]
fn get_and_post_answer_in_every_format() {
    let server = Server::start(&[]);
    let csv = cli_csv(&server, TENURES, &[]);
    let rows = csv.lines().count() - 1;
    assert!(rows >= 40, "{csv}");
    let q = encode(TENURES);
    for (accept, media) in [
        (None, "application/sparql-results+json"),
        (
            Some("application/sparql-results+json"),
            "application/sparql-results+json",
        ),
        (
            Some("application/sparql-results+xml"),
            "application/sparql-results+xml",
        ),
        (Some("text/csv"), "text/csv"),
        (
            Some("text/tab-separated-values"),
            "text/tab-separated-values",
        ),
    ] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        let form = [
            headers.clone(),
            vec![("Content-Type", "application/x-www-form-urlencoded")],
        ]
        .concat();
        let raw = [
            headers.clone(),
            vec![("Content-Type", "application/sparql-query")],
        ]
        .concat();
        let answers = [
            http(&server, "GET", &format!("/sparql?query={q}"), &headers, b""),
            http(&server, "GET", &format!("/query?query={q}"), &headers, b""),
            http(
                &server,
                "POST",
                "/sparql",
                &form,
                format!("query={q}").as_bytes(),
            ),
            http(&server, "POST", "/sparql", &raw, TENURES.as_bytes()),
        ];
        for answer in answers {
            assert_eq!(answer.status, 200, "{accept:?}: {}", answer.body);
            assert!(
                answer.content_type.starts_with(media),
                "{accept:?}: {answer:?}"
            );
            match media {
                "text/csv" => assert_eq!(answer.body, csv),
                "text/tab-separated-values" => {
                    assert!(answer
                        .body
                        .starts_with("?tenure\t?holderLabel\t?start\t?end\n"));
                    assert_eq!(answer.body.lines().count(), rows + 1);
                }
                "application/sparql-results+xml" => {
                    assert_eq!(answer.body.matches("<result>").count(), rows)
                }
                _ => {
                    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
                    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), rows);
                }
            }
        }
    }
    let construct =
        encode("CONSTRUCT WHERE { ?t a <https://w3id.org/officegraph/ontology#Tenure> }");
    for (accept, media, format) in [
        (None, "text/turtle", oxigraph::io::RdfFormat::Turtle),
        (
            Some("application/n-triples"),
            "application/n-triples",
            oxigraph::io::RdfFormat::NTriples,
        ),
    ] {
        let answer = get(&server, &format!("/sparql?query={construct}"), accept);
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.content_type.starts_with(media), "{answer:?}");
        let triples = oxigraph::io::RdfParser::from_format(format)
            .for_slice(answer.body.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        assert_eq!(triples.len(), rows, "{media}");
    }
    let answer = get(&server, &format!("/sparql?query={q}"), Some("image/png"));
    assert_eq!(answer.status, 406, "{}", answer.body);
    assert!(answer.body.contains("text/csv"), "{}", answer.body);
    let answer = get(
        &server,
        &format!("/sparql?query={}", encode("SELEKT ?x")),
        None,
    );
    assert_eq!(answer.status, 400);
    assert!(
        answer.body.starts_with("SPARQL syntax error"),
        "{}",
        answer.body
    );
    assert_eq!(get(&server, "/nowhere", None).status, 404);
    // One line a request, without the query.
    let log = server.log();
    assert!(
        log.iter().any(|l| l.starts_with("GET /sparql 200 ")),
        "{log:?}"
    );
    assert!(
        log.iter().any(|l| l.starts_with("POST /sparql 200 ")),
        "{log:?}"
    );
    assert!(
        log.iter().any(|l| l.starts_with("GET /sparql 406 ")),
        "{log:?}"
    );
    assert!(!log.iter().any(|l| l.contains("Tenure")), "{log:?}");
}

#[test]
fn curl_gets_and_posts() {
    if !Command::new("curl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        skipped("curl is not installed");
        return;
    }
    let server = Server::start(&[]);
    let csv = cli_csv(&server, TENURES, &[]);
    let curl = |args: &[&str]| {
        let out = Command::new("curl")
            .args([
                "-sS",
                "--max-time",
                "30",
                "-w",
                "\n%{http_code} %{content_type}",
            ])
            .args(args)
            .output()
            .unwrap();
        let all = text(&out.stdout);
        let (body, status) = all.rsplit_once('\n').unwrap();
        (body.to_owned(), status.to_owned())
    };
    let url = server.url("/sparql");
    let (body, status) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        &format!("query={TENURES}"),
        "-H",
        "Accept: text/csv",
    ]);
    assert!(status.starts_with("200 text/csv"), "{status}");
    assert_eq!(format!("{body}\n").trim_end(), csv.trim_end());
    let (body, status) = curl(&[
        &url,
        "--data-urlencode",
        &format!("query={TENURES}"),
        "-H",
        "Accept: text/csv",
    ]);
    assert!(status.starts_with("200 text/csv"), "{status}");
    assert_eq!(body.trim_end(), csv.trim_end());
    let (body, status) = curl(&[
        &url,
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+xml",
        "--data-binary",
        TENURES,
    ]);
    assert!(
        status.starts_with("200 application/sparql-results+xml"),
        "{status}"
    );
    assert!(body.contains("<sparql"), "{body}");
    let (_, status) = curl(&[
        &url,
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "DROP ALL",
    ]);
    assert!(status.starts_with("403"), "{status}");
}

#[test]
fn rdflib_and_sparqlwrapper_give_the_rows_of_officegraph_query() {
    let probe = Command::new("python3")
        .args(["-c", "import rdflib, SPARQLWrapper"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        skipped("python3 with rdflib and SPARQLWrapper is not installed");
        return;
    }
    let server = Server::start(&[]);
    // Each client's rows as JSON lists of lexical values ("" for unbound), in order.
    let script = r#"
import sys, json
from SPARQLWrapper import SPARQLWrapper, JSON
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLStore
url, query, client = sys.argv[1], sys.argv[2], sys.argv[3]
if client == "sparqlwrapper":
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    res = sw.queryAndConvert()
    names = res["head"]["vars"]
    rows = [[b[n]["value"] if n in b else "" for n in names] for b in res["results"]["bindings"]]
elif client == "rdflib":
    ds = Dataset(store=SPARQLStore(url), default_union=True)
    result = ds.query(query)
    names = [str(v) for v in result.vars]
    rows = [["" if v is None else str(v) for v in row] for row in result]
else:  # a CONSTRUCT through rdflib: its triples, sorted
    ds = Dataset(store=SPARQLStore(url), default_union=True)
    names = ["s", "p", "o"]
    rows = sorted([str(t) for t in triple] for triple in ds.query(query).graph)
print(json.dumps({"vars": names, "rows": rows}))
"#;
    let csv = cli_csv(&server, TENURES, &[]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let expected: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(expected.len() >= 40);
    for client in ["sparqlwrapper", "rdflib"] {
        let out = Command::new("python3")
            .args(["-c", script, &server.url("/sparql"), TENURES, client])
            .output()
            .unwrap();
        assert!(out.status.success(), "{client}: {}", text(&out.stderr));
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let vars: Vec<String> = serde_json::from_value(got["vars"].clone()).unwrap();
        let rows: Vec<Vec<String>> = serde_json::from_value(got["rows"].clone()).unwrap();
        assert_eq!(vars, header, "{client}");
        assert_eq!(
            rows, expected,
            "{client}: the same rows as officegraph query"
        );
    }
    // A CONSTRUCT gives rdflib the triples `officegraph query` writes.
    let construct = "PREFIX og: <https://w3id.org/officegraph/ontology#>
CONSTRUCT { ?t og:holder ?h ; og:position ?p } WHERE { ?t og:holder ?h ; og:position ?p }";
    std::fs::write(server.dir().join("c.rq"), construct).unwrap();
    let out = officegraph(
        server.dir(),
        &["query", "c.rq", "--store", "store", "--format", "csv"],
    );
    assert_exit(&out, 0);
    let mut expected: Vec<Vec<String>> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NTriples)
            .for_slice(&out.stdout)
            .map(|t| {
                let t = t.unwrap();
                let object = match t.object {
                    oxigraph::model::Term::NamedNode(n) => n.into_string(),
                    other => other.to_string(),
                };
                vec![
                    t.subject.to_string().trim_matches(['<', '>']).to_owned(),
                    t.predicate.into_string(),
                    object,
                ]
            })
            .collect();
    expected.sort();
    assert!(expected.len() >= 80, "{}", expected.len());
    let out = Command::new("python3")
        .args(["-c", script, &server.url("/sparql"), construct, "construct"])
        .output()
        .unwrap();
    assert!(out.status.success(), "construct: {}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<Vec<String>> = serde_json::from_value(got["rows"].clone()).unwrap();
    assert_eq!(
        rows, expected,
        "rdflib: the same triples as officegraph query"
    );
    // An update through SPARQLWrapper is refused.
    let update = "from SPARQLWrapper import SPARQLWrapper, POST\nimport sys\n\
                  sw = SPARQLWrapper(sys.argv[1]); sw.setMethod(POST)\n\
                  sw.setQuery('INSERT DATA { <http://a> <http://a> <http://a> }')\n\
                  try:\n    sw.query(); print('accepted')\n\
                  except Exception as e:\n    print(e)\n";
    let out = Command::new("python3")
        .args(["-c", update, &server.url("/sparql")])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("403"), "{}", text(&out.stdout));
}

#[test]
fn stored_queries_are_routes_with_the_cli_binding() {
    let server = Server::start(&[]);
    let cli = cli_csv(&server, "officeholders", &[&format!("position={GENSEC}")]);
    let answer = get(
        &server,
        &format!(
            "/queries/officeholders?position={}&format=csv",
            encode(GENSEC)
        ),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, cli);
    assert_eq!(cli.lines().count(), 17, "{cli}");
    let list = get(&server, "/queries", None);
    assert_eq!(list.status, 200);
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert!(json["queries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["name"] == "holder-on-date"));
    for (path, status, says) in [
        ("/queries/nope", 404, "no stored query named `nope`"),
        (
            "/queries/officeholders",
            400,
            "missing required parameter: position",
        ),
        ("/queries/officeholders?position=Nobody", 400, "no <"),
        (
            "/queries/officeholders?position=x&bogus=1",
            400,
            "unknown parameter `bogus`",
        ),
        (
            "/queries/holder-on-date?position=http%3A%2F%2Fexample.org%2Fp&date=1975-13",
            400,
            "month 13",
        ),
    ] {
        let answer = get(&server, path, None);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(answer.body.contains(says), "{path}: {}", answer.body);
    }
    // An injection attempt is a string literal, never query text.
    let answer = get(
        &server,
        &format!(
            "/queries/officeholders?position={}",
            encode("} ; DROP ALL ; {")
        ),
        None,
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
}

#[test]
fn updates_get_403_and_change_nothing() {
    let server = Server::start(&[]);
    let snapshot = std::fs::read(server.dir().join("store/snapshot.nq")).unwrap();
    let count = encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let before = get(&server, &format!("/sparql?query={count}&format=csv"), None).body;
    let insert =
        "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://a> <http://a> } }";
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let update = [("Content-Type", "application/sparql-update")];
    let raw = [("Content-Type", "application/sparql-query")];
    for answer in [
        http(
            &server,
            "GET",
            &format!("/sparql?update={}", encode(insert)),
            &[],
            b"",
        ),
        http(
            &server,
            "POST",
            "/sparql",
            &form,
            format!("update={}", encode(insert)).as_bytes(),
        ),
        http(&server, "POST", "/sparql", &update, insert.as_bytes()),
        http(&server, "POST", "/sparql", &raw, b"DROP ALL"),
        http(&server, "POST", "/update", &update, insert.as_bytes()),
    ] {
        assert_eq!(answer.status, 403, "{answer:?}");
        assert!(answer.body.contains("read-only"), "{answer:?}");
    }
    assert_eq!(
        get(&server, &format!("/sparql?query={count}&format=csv"), None).body,
        before
    );
    assert_eq!(
        std::fs::read(server.dir().join("store/snapshot.nq")).unwrap(),
        snapshot
    );
}

#[test]
fn a_slow_query_gets_the_timeout_error_in_bounded_time() {
    let server = Server::start(&["--timeout", "1"]);
    let slow = encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let ask = format!("/sparql?query={}", encode("ASK {}"));
    let started = Instant::now();
    let (answer, took, quick) = std::thread::scope(|scope| {
        let slow = scope.spawn(|| {
            let answer = get(&server, &format!("/sparql?query={slow}"), None);
            (answer, started.elapsed())
        });
        // Meanwhile another worker answers a quick query at once.
        std::thread::sleep(Duration::from_millis(200));
        let asked = Instant::now();
        let quick = get(&server, &ask, None);
        let quick = (quick.status, asked.elapsed());
        let (answer, took) = slow.join().unwrap();
        (answer, took, quick)
    });
    assert_eq!(quick.0, 200);
    assert!(quick.1 < Duration::from_millis(700), "{:?}", quick.1);
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(
        answer.body.contains("query exceeded the 1 s timeout"),
        "{}",
        answer.body
    );
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(10),
        "{took:?}"
    );
    // The server goes on answering.
    let quick = get(
        &server,
        &format!("/sparql?query={}", encode("ASK {}")),
        None,
    );
    assert_eq!(quick.status, 200, "{}", quick.body);
}

#[test]
fn max_rows_is_enforced() {
    let server = Server::start(&["--max-rows", "5"]);
    let limit = |n: usize| encode(&format!("SELECT * WHERE {{ ?s ?p ?o }} LIMIT {n}"));
    let answer = get(
        &server,
        &format!("/sparql?query={}&format=csv", limit(5)),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body.lines().count(), 6);
    let answer = get(&server, &format!("/sparql?query={}", limit(6)), None);
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(
        answer.body.contains("exceeded the 5 row cap"),
        "{}",
        answer.body
    );
    let construct = encode("CONSTRUCT WHERE { ?s ?p ?o }");
    let answer = get(&server, &format!("/sparql?query={construct}"), None);
    assert_eq!(answer.status, 503, "{}", answer.body);
}

#[test]
fn a_non_loopback_address_needs_public() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    assert_exit(
        &officegraph(
            dir.path(),
            &["ingest", seeds.to_str().unwrap(), "--store", "store"],
        ),
        0,
    );
    let out = officegraph(
        dir.path(),
        &["serve", "--store", "store", "--bind", "0.0.0.0:0"],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--public"),
        "{}",
        text(&out.stderr)
    );
    let out = officegraph(dir.path(), &["serve", "--store", "nostore"]);
    assert_exit(&out, 2);
}
