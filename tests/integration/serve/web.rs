//! The web view over HTTP from a real `officegraph serve`: linked-data negotiation of a
//! person IRI (with curl when installed, and a plain TCP client), whose Turtle must be
//! exactly the CONSTRUCT of that person's triples on the store; pages, 404 and 406.

use super::harness::{cli_csv, get, skipped, Server};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, Triple};
use std::process::Command;

const TO_LAM_IRI: &str = "https://w3id.org/officegraph/id/person/T%C3%B4_L%C3%A2m";
const TO_LAM: &str = "/id/person/T%C3%B4_L%C3%A2m";

fn graph(format: RdfFormat, bytes: &[u8]) -> Graph {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<Graph, _>>()
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

/// The person's triples as `officegraph query` gives them (N-Triples).
fn expected(server: &Server) -> Graph {
    let construct =
        format!("CONSTRUCT {{ <{TO_LAM_IRI}> ?p ?o }}\nWHERE {{ <{TO_LAM_IRI}> ?p ?o }}");
    let nt = cli_csv(server, &construct, &[]);
    let graph = graph(RdfFormat::NTriples, nt.as_bytes());
    assert!(graph.len() >= 4, "{graph}");
    graph
}

#[test]
fn a_person_iri_resolves_to_its_turtle_and_its_page() {
    let server = Server::start(&[]);
    let expected = expected(&server);
    let turtle = get(&server, TO_LAM, Some("text/turtle"));
    assert_eq!(turtle.status, 200, "{}", turtle.body);
    assert_eq!(turtle.content_type, "text/turtle; charset=utf-8");
    assert_eq!(graph(RdfFormat::Turtle, turtle.body.as_bytes()), expected);

    let page = get(&server, TO_LAM, Some("text/html"));
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<h1>Tô Lâm</h1>"), "{}", page.body);
    assert_eq!(get(&server, TO_LAM, Some("application/pdf")).status, 406);
    assert_eq!(
        get(&server, "/id/person/Nobody_At_All", Some("text/turtle")).status,
        404
    );
    assert_eq!(
        get(&server, "/id/person/Nobody_At_All", Some("text/html")).status,
        404
    );
    let home = get(&server, "/", Some("text/html"));
    assert_eq!(home.status, 200);
    assert!(home
        .body
        .contains("href=\"/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam\""));

    // The acceptance check as a user types it.
    let curl = Command::new("curl")
        .args(["-sS", "-H", "Accept: text/turtle", &server.url(TO_LAM)])
        .output();
    match curl {
        Ok(out) if out.status.success() => {
            assert_eq!(graph(RdfFormat::Turtle, &out.stdout), expected);
            let status = Command::new("curl")
                .args([
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "-H",
                    "Accept: image/png",
                    &server.url(TO_LAM),
                ])
                .output()
                .expect("curl ran once");
            assert_eq!(String::from_utf8_lossy(&status.stdout), "406");
        }
        _ => skipped("curl is not installed: the Turtle was checked over plain TCP only"),
    }
}
