//! The public API on a small hand-written store: every SVG parsed with an XML parser.

use super::*;
use crate::record::date::parse_date;
use oxigraph::io::RdfFormat;

/// Two positions. Mayor: a year-precision acting start with a month-precision end
/// (died in office), a hostile name, an incumbent, an unnamed holder with no dates,
/// two eras and terms. Governor: the incumbent mayor also held it (concurrently).
const DATA: &str = r#"
@prefix og: <https://w3id.org/officegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
@prefix position: <https://example.org/position/> .
@prefix person: <https://example.org/person/> .
@prefix tenure: <https://example.org/tenure/> .
@prefix term: <https://example.org/term/> .

ex:record {
  position:Mayor a og:Position ; rdfs:label "Mayor"@en .
  position:Governor a og:Position ; rdfs:label "Governor"@en .
  position:Mayor%27s_Deputy a og:Position .
  person:A a og:Person ; rdfs:label "Trần Văn A"@en .
  person:B a og:Person ; rdfs:label "O'Brien \"Bob\" <b> & \u200FCo"@en .
  person:C a og:Person ; rdfs:label "Tô Lâm"@en .
  person:unnamed a og:Person .
  term:5 a og:Term ; rdfs:label "5th Council"@en .

  tenure:1 a og:Tenure ; og:position position:Mayor ; og:holder person:A ;
    og:start "1945"^^xsd:gYear ; og:end "1950-12"^^xsd:gYearMonth ; og:acting true ;
    og:diedInOffice true ; og:title "Chairman"@en .
  tenure:2 a og:Tenure ; og:position position:Mayor ; og:holder person:B ;
    og:start "1951-01-02"^^xsd:date ; og:end "1975-04-30"^^xsd:date ;
    og:title "Chairman"@en ; og:term term:5 .
  tenure:3 a og:Tenure ; og:position position:Mayor ; og:holder person:C ;
    og:start "2024-08-03"^^xsd:date ; og:incumbent true ; og:title "Mayor"@en .
  tenure:4 a og:Tenure ; og:position position:Mayor ; og:holder person:unnamed .
  tenure:5 a og:Tenure ; og:position position:Governor ; og:holder person:C ;
    og:start "2020-01"^^xsd:gYearMonth ; og:incumbent true .
}
"#;

fn store() -> Store {
    let store = Store::new().expect("store");
    store
        .load_from_slice(RdfFormat::TriG, DATA.as_bytes())
        .expect("the test data parses");
    store
}

fn options() -> TimelineOptions {
    TimelineOptions {
        today: parse_date("2026-01-01").expect("a date"),
        ..TimelineOptions::default()
    }
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn mayor_and_governor() -> String {
    render_svg(
        &store(),
        &[
            node("https://example.org/position/Mayor"),
            node("https://example.org/position/Governor"),
        ],
        &options(),
    )
    .expect("renders")
}

fn tenures<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "tenure"))
        })
        .collect()
}

fn by_holder<'a>(nodes: &[roxmltree::Node<'a, 'a>], holder: &str) -> roxmltree::Node<'a, 'a> {
    *nodes
        .iter()
        .find(|n| n.attribute("data-holder") == Some(holder))
        .unwrap_or_else(|| panic!("no bar for {holder:?}"))
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .flat_map(|t| {
            t.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
        })
        .collect()
}

#[test]
fn one_bar_per_tenure_with_its_facts() {
    let svg = mayor_and_governor();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let bars = tenures(&doc);
    assert_eq!(bars.len(), 5);
    let acting = by_holder(&bars, "Trần Văn A");
    assert_eq!(acting.attribute("data-start"), Some("1945"));
    assert_eq!(acting.attribute("data-start-precision"), Some("year"));
    assert_eq!(acting.attribute("data-end-precision"), Some("month"));
    assert_eq!(acting.attribute("data-acting"), Some("true"));
    assert!(text_of(acting).contains('†'), "{}", text_of(acting));
    let rect = acting
        .descendants()
        .find(|n| n.attribute("class") == Some("bar"))
        .expect("a bar rect");
    assert!(rect
        .attribute("fill")
        .is_some_and(|f| f.contains("-hatch-")));
    // The year and the month fade: the fill is masked by a gradient.
    let mask = acting
        .descendants()
        .find_map(|n| n.attribute("mask"))
        .expect("a faded bar is masked");
    let mask_id = mask.trim_start_matches("url(#").trim_end_matches(')');
    assert!(doc
        .descendants()
        .any(|n| n.attribute("id") == Some(mask_id)));

    let open = by_holder(&bars, "Tô Lâm");
    assert_eq!(open.attribute("data-open"), Some("true"));
    assert!(open
        .descendants()
        .any(|n| n.attribute("class") == Some("open-end")));
    let exact = by_holder(&bars, "O'Brien \"Bob\" <b> & \u{200F}Co");
    assert!(exact.attribute("data-open").is_none());
    assert!(!exact.descendants().any(|n| n.attribute("mask").is_some()));
    assert_eq!(text_of(exact), "O'Brien \"Bob\" <b> & \u{200F}Co");
    let unnamed = by_holder(&bars, "");
    assert_eq!(unnamed.attribute("data-start-precision"), Some("none"));
}

#[test]
fn positions_stack_eras_and_terms_show() {
    let svg = mayor_and_governor();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let sections: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("position"))
        .collect();
    let labels: Vec<_> = sections
        .iter()
        .filter_map(|n| n.attribute("data-label"))
        .collect();
    assert_eq!(labels, vec!["Mayor", "Governor"]);
    // Tô Lâm holds both at once: two open bars.
    let open = tenures(&doc)
        .into_iter()
        .filter(|n| n.attribute("data-holder") == Some("Tô Lâm"))
        .count();
    assert_eq!(open, 2);
    let eras: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("era"))
        .filter_map(|n| n.attribute("data-title"))
        .collect();
    assert_eq!(eras, vec!["Chairman", "Mayor"]);
    let terms: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("term"))
        .filter_map(|n| n.attribute("data-label"))
        .collect();
    assert_eq!(terms, vec!["5th Council"]);
    assert_eq!(
        doc.root_element().attribute("data-today"),
        Some("2026-01-01")
    );
}

#[test]
fn the_document_is_standalone_and_deterministic() {
    let svg = mayor_and_governor();
    assert_eq!(svg, mayor_and_governor());
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    for external in ["href", "@import", "<script", "<image", "url(http"] {
        assert!(!svg.contains(external), "{external}");
    }
    assert!(svg.contains("Noto Sans") && svg.contains("sans-serif"));
    // The bidi mark is a character reference in the source.
    assert!(svg.contains("&#x200F;Co"));
    // Every url(#…) points at an element of the document.
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    for node in doc.descendants() {
        for attr in node.attributes() {
            if let Some(rest) = attr.value().strip_prefix("url(#") {
                let id = rest.trim_end_matches(')');
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{id}"
                );
            }
        }
    }
}

#[test]
fn ids_take_the_prefix() {
    let options = TimelineOptions {
        id_prefix: "chart-2".to_owned(),
        ..options()
    };
    let svg = render_svg(
        &store(),
        &[node("https://example.org/position/Mayor")],
        &options,
    )
    .expect("renders");
    assert!(svg.contains("id=\"chart-2-hatch-0\""));
    assert!(!svg.contains("id=\"ogtl"));
    assert_eq!(id_prefix("9\"><x"), "ogtl9x");
}

#[test]
fn bad_requests_are_errors() {
    let store = store();
    assert!(matches!(
        render_svg(&store, &[], &options()),
        Err(TimelineError::NoPositions)
    ));
    assert!(matches!(
        render_svg(
            &store,
            &[node("https://example.org/position/Nowhere")],
            &options()
        ),
        Err(TimelineError::UnknownPosition(_))
    ));
    // A person is not a position.
    assert!(matches!(
        render_svg(&store, &[node("https://example.org/person/A")], &options()),
        Err(TimelineError::UnknownPosition(_))
    ));
    let twice = render_svg(
        &store,
        &[
            node("https://example.org/position/Governor"),
            node("https://example.org/position/Governor"),
        ],
        &options(),
    )
    .expect("renders");
    assert_eq!(twice.matches("class=\"position\"").count(), 1);
}

#[test]
fn positions_are_listed_and_resolved_by_label() {
    let store = store();
    let all = positions(&store).expect("positions");
    let labels: Vec<&str> = all.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Governor",
            "Mayor",
            "https://example.org/position/Mayor%27s_Deputy"
        ]
    );
    assert_eq!(
        resolve_position(&store, "mayor").expect("by label, ignoring case"),
        node("https://example.org/position/Mayor")
    );
    assert_eq!(
        resolve_position(&store, "<https://example.org/position/Governor>").expect("by IRI"),
        node("https://example.org/position/Governor")
    );
    assert!(matches!(
        resolve_position(&store, "Nobody"),
        Err(TimelineError::Label(QueryError::NoSuchLabel { .. }))
    ));
}

#[test]
fn file_stems_are_safe() {
    let stem = |iri: &str| file_stem(&node(iri));
    assert_eq!(
        stem("https://w3id.org/officegraph/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam"),
        "General_Secretary_of_the_Communist_Party_of_Vietnam"
    );
    assert_eq!(
        stem("https://x.org/position/Central_Committee%27s_Secretariat"),
        "Central_Committee_s_Secretariat"
    );
    assert_eq!(
        stem("https://x.org/position/Ch%E1%BB%A7_t%E1%BB%8Bch"),
        "Chủ_tịch"
    );
    assert_eq!(stem("https://x.org/position/..%2F..%2Fetc"), "_.._etc");
    assert_eq!(stem("https://x.org/position/"), "position");
    assert_eq!(stem("https://x.org/onto#Mayor"), "Mayor");
    assert!(stem(&format!("https://x.org/p/{}", "é".repeat(100))).len() <= 120);
}
