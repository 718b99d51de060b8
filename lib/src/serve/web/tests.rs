//! Tests of the web view through the router: every page's status and content type,
//! escaping of hostile names, linked-data negotiation, and that every link resolves.

use crate::extract::{process_text, ExtractConfig as Config};
use crate::query::Catalog;
use crate::serve::{App, Limits, Reply, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNode, Triple};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeSet, VecDeque};

mod paging;

const SEED: &[u8] = include_bytes!("../../../../data/records/000_e4a9c8e7bf582234.txt");

const HOSTILE: &str = "= Mayor of <script>alert(1)</script> Town =\n\nInfobox\n\
    - Incumbent: Lê \"Quote\" <b>Bold</b> & 'Amp'\n\n\
    | No. | Name | Took office | Left office |\n\
    | 1 | <Img Src=X Onerror=Alert(2)> | 1945 | December 1950† |\n\
    | 2 | Lê \"Quote\" <b>Bold</b> & 'Amp' | May 2016 | Incumbent |\n";

fn store() -> Store {
    let store = Store::new().expect("store");
    let config = Config::default();
    for (name, bytes) in [("000_seed.txt", SEED), ("hostile.txt", HOSTILE.as_bytes())] {
        let out = process_text(name, name, bytes, &config);
        store.extend(out.quads).expect("load");
    }
    store
}

fn app() -> App {
    App::new(
        store(),
        Catalog::builtin().expect("catalog"),
        Limits::default(),
    )
}

fn request<'a>(method: &'a str, url: &'a str, accept: Option<&'a str>) -> Request<'a> {
    Request {
        method,
        url,
        content_type: None,
        accept,
        body: b"",
    }
}

fn get(app: &App, url: &str, accept: Option<&str>) -> Reply {
    app.handle(&request("GET", url, accept))
}

fn html(reply: &Reply) -> String {
    assert!(
        reply.content_type.starts_with("text/html; charset=utf-8"),
        "{}",
        reply.content_type
    );
    String::from_utf8(reply.body.clone()).expect("utf-8")
}

/// The `href` values of a page, entity-decoded for `&amp;`.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

const GENSEC: &str = "/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam";
const TO_LAM: &str = "/id/person/T%C3%B4_L%C3%A2m";

#[test]
fn the_home_page_lists_positions_and_organizations() {
    let app = app();
    let reply = get(&app, "/", Some("text/html"));
    assert_eq!(reply.status, 200);
    let page = html(&reply);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains(&format!("href=\"{GENSEC}\"")), "{page}");
    assert!(page.contains(">General Secretary of the Communist Party of Vietnam</a>"));
    assert!(
        page.contains("href=\"/id/organization/Central_Committee\""),
        "{page}"
    );
    assert!(page.contains("<h2>Organizations ("));
    // The stylesheet is ours and local.
    assert!(page.contains("href=\"/web/style.css\""));
    let css = get(&app, "/web/style.css", None);
    assert_eq!(css.status, 200);
    assert!(css.content_type.starts_with("text/css"));
    assert!(!page.contains("src="), "nothing embedded from anywhere");
    assert!(!page.contains("<script"), "no script");
    assert!(!String::from_utf8_lossy(&css.body).contains("url("));
}

#[test]
fn the_position_page_has_the_timeline_the_tenures_and_people() {
    let app = app();
    let page = html(&get(&app, GENSEC, Some("text/html")));
    assert!(page.contains("<h2>Timeline</h2>"));
    assert!(page.contains("<svg"), "inline SVG");
    assert!(!page.contains("<?xml"), "no XML declaration inside HTML");
    let bars = page.matches("<g class=\"tenure").count();
    let rows = page.matches("<tr data-tenure=").count();
    assert!(bars >= 16, "{bars} bars");
    assert_eq!(bars, rows, "one bar per row of the table");
    assert!(page.contains("data-holder=\"Tô Lâm\""));
    assert!(
        page.contains(&format!("href=\"{TO_LAM}\">Tô Lâm</a>")),
        "person link"
    );
    assert!(page.contains("000_seed</a>, line "), "sources with lines");
}

#[test]
fn the_person_page_lists_tenures_with_sources() {
    let app = app();
    let reply = get(&app, TO_LAM, None);
    assert_eq!(reply.status, 200);
    let page = html(&reply);
    assert!(page.contains("<h1>Tô Lâm</h1>"), "{page}");
    assert!(page.contains(&format!("href=\"{GENSEC}\"")), "{page}");
    assert!(page.contains("2024-08-03"));
    assert!(page.contains("present"));
    assert!(
        page.contains("href=\"/id/record/000%5Fseed\">000_seed</a>, line 61"),
        "{page}"
    );
}

#[test]
fn entities_negotiate_turtle_and_refuse_others() {
    let app = app();
    let reply = get(&app, TO_LAM, Some("text/turtle"));
    assert_eq!(reply.status, 200);
    assert!(reply.content_type.starts_with("text/turtle"));
    let iri = NamedNode::new(format!(
        "{}person/T%C3%B4_L%C3%A2m",
        crate::vocab::DEFAULT_BASE
    ))
    .expect("iri");
    let served: Graph = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&reply.body)
        .map(|quad| quad.map(Triple::from))
        .collect::<Result<Vec<Triple>, _>>()
        .expect("parses")
        .into_iter()
        .collect();
    let mut construct = SparqlEvaluator::new()
        .parse_query(&format!(
            "CONSTRUCT {{ {iri} ?p ?o }} WHERE {{ {iri} ?p ?o }}"
        ))
        .expect("query");
    construct.dataset_mut().set_default_graph_as_union();
    let QueryResults::Graph(triples) = construct
        .on_store(&app_store(&app))
        .execute()
        .expect("runs")
    else {
        panic!("a graph");
    };
    let expected: Graph = triples
        .collect::<Result<Vec<_>, _>>()
        .expect("triples")
        .into_iter()
        .collect();
    assert!(expected.len() >= 3, "{expected}");
    assert_eq!(served, expected);
    assert_eq!(get(&app, TO_LAM, Some("application/ld+json")).status, 406);
    assert_eq!(
        get(&app, &format!("{TO_LAM}?format=yaml"), None).status,
        406
    );
    assert_eq!(
        get(&app, &format!("{TO_LAM}?format=ttl"), None).content_type,
        "text/turtle; charset=utf-8"
    );
    assert_eq!(
        get(&app, "/id/person/Nobody", Some("text/html")).status,
        404
    );
    assert_eq!(
        get(&app, "/id/person/Nobody", Some("text/turtle")).status,
        404
    );
    assert_eq!(get(&app, "/id/a%20b>c", None).status, 404);
    assert_eq!(app.handle(&request("POST", TO_LAM, None)).status, 405);
}

/// The same data as the app's store (the app owns its store; building it again from
/// the same records gives the same quads).
fn app_store(_app: &App) -> Store {
    store()
}

#[test]
fn hostile_names_are_escaped_everywhere() {
    let app = app();
    let home = html(&get(&app, "/", None));
    let mut pages = vec![home.clone()];
    for href in links(&home).into_iter().filter(|h| h.contains("script")) {
        pages.push(html(&get(&app, &href, None)));
    }
    assert!(pages.len() >= 2, "the hostile position is listed: {home}");
    let position = &pages[1].clone();
    for href in links(position)
        .into_iter()
        .filter(|h| h.starts_with("/id/person/"))
    {
        pages.push(html(&get(&app, &href, None)));
    }
    assert!(pages.len() >= 4, "both hostile people are linked");
    for page in &pages {
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<b>Bold"), "{page}");
    }
    assert!(
        position.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{position}"
    );
    let query = "SELECT ?x WHERE { BIND(\"</textarea><script>x</script>\" AS ?x) }";
    let page = html(&get(
        &app,
        &format!("/web/query?query={}", super::escape::query_value(query)),
        None,
    ));
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;"));
}

#[test]
fn the_query_page_runs_queries_under_the_endpoint_limits() {
    let app = app();
    let empty = html(&get(&app, "/web/query", None));
    assert!(empty.contains("<textarea name=\"query\""));
    assert!(empty.contains("href=\"/web/query?example=incumbents\""));
    let example = html(&get(&app, "/web/query?example=succession", None));
    assert!(example.contains("PREFIX"), "{example}");
    assert_eq!(get(&app, "/web/query?example=nope", None).status, 404);
    let select = "SELECT ?n WHERE { ?t a <https://w3id.org/officegraph/ontology#Tenure> ; <https://w3id.org/officegraph/ontology#ordinal> ?n } ORDER BY ?n LIMIT 3";
    let page = html(&get(
        &app,
        &format!("/web/query?query={}", super::escape::query_value(select)),
        None,
    ));
    assert!(page.contains("<table id=\"results\">"), "{page}");
    assert!(page.contains("<th>n</th>"));
    assert!(page.contains("3 rows"), "{page}");
    let form = format!("query={}", super::escape::query_value(select));
    let posted = app.handle(&Request {
        method: "POST",
        url: "/web/query",
        content_type: Some("application/x-www-form-urlencoded"),
        accept: Some("text/html"),
        body: form.as_bytes(),
    });
    assert_eq!(html(&posted), page);
    let raw = app.handle(&Request {
        content_type: Some("text/plain"),
        ..request("POST", "/web/query", None)
    });
    assert_eq!(raw.status, 415);
    let construct =
        "CONSTRUCT WHERE { ?s a <https://w3id.org/officegraph/ontology#Person> } LIMIT 2";
    let page = html(&get(
        &app,
        &format!("/web/query?query={}", super::escape::query_value(construct)),
        None,
    ));
    assert!(
        page.contains("<th>subject</th>") && page.contains("2 rows"),
        "{page}"
    );
    let ask = html(&get(&app, "/web/query?query=ASK%7B%7D", None));
    assert!(ask.contains("ASK: <strong>true</strong>"));
    let update = get(&app, "/web/query?query=DROP+ALL", None);
    assert_eq!(update.status, 403);
    assert!(html(&update).contains("read-only"));
    let bad = get(&app, "/web/query?query=SELEKT", None);
    assert_eq!(bad.status, 400);
    let capped = App::new(
        store(),
        Catalog::builtin().expect("catalog"),
        Limits {
            max_rows: 2,
            ..Limits::default()
        },
    );
    let over = get(
        &capped,
        &format!(
            "/web/query?query={}",
            super::escape::query_value("SELECT * WHERE { ?s ?p ?o }")
        ),
        None,
    );
    assert_eq!(over.status, 503);
    assert!(html(&over).contains("2 row cap"));
}

#[test]
fn every_link_of_the_site_resolves() {
    let app = app();
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/".to_owned()]);
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) || seen.len() > 400 {
            continue;
        }
        let reply = get(&app, &url, Some("text/html"));
        assert_eq!(
            reply.status,
            200,
            "{url}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        if reply.content_type.starts_with("text/html") {
            for href in links(&html(&reply)) {
                assert!(href.starts_with('/'), "{url} links off the server: {href}");
                if href.starts_with("/id/") || href.starts_with("/web/") || href == "/" {
                    queue.push_back(href);
                }
            }
        }
    }
    assert!(seen.len() > 50, "{} pages", seen.len());
}

#[test]
fn another_base_is_served_at_the_same_paths() {
    let base = "http://example.org/data/";
    let config = Config {
        base: base.to_owned(),
        ..Config::default()
    };
    let store = Store::new().expect("store");
    let out = process_text("000_seed.txt", "000_seed.txt", SEED, &config);
    store.extend(out.quads).expect("load");
    let app = App::new(
        store,
        Catalog::builtin().expect("catalog"),
        Limits::default(),
    )
    .with_base(base);
    let home = html(&get(&app, "/", None));
    assert!(home.contains(&format!("href=\"{GENSEC}\"")), "{home}");
    let turtle = get(&app, TO_LAM, Some("text/turtle"));
    assert_eq!(turtle.status, 200);
    let subjects: BTreeSet<String> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&turtle.body)
        .map(|quad| quad.expect("parses").subject.to_string())
        .collect();
    assert_eq!(
        subjects.into_iter().collect::<Vec<_>>(),
        ["<http://example.org/data/person/T%C3%B4_L%C3%A2m>"]
    );
    // The default base is not this store's: its IRIs are not under /id/ here.
    let other = App::new(
        store_default_base_free(),
        Catalog::builtin().expect("catalog"),
        Limits::default(),
    );
    assert_eq!(get(&other, TO_LAM, None).status, 404);
}

/// A store whose IRIs are under another base than the app's default one.
fn store_default_base_free() -> Store {
    let config = Config {
        base: "http://example.org/data/".to_owned(),
        ..Config::default()
    };
    let store = Store::new().expect("store");
    store
        .extend(process_text("000_seed.txt", "000_seed.txt", SEED, &config).quads)
        .expect("load");
    store
}
