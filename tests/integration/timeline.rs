//! Succession timelines: the main job's `out/timelines/` on the seeds and the `timeline`
//! command on a hand-written record, every SVG parsed with an XML parser (roxmltree)
//! and checked against the store by SPARQL.

use crate::cli::{assert_exit, officegraph, text};
use officegraph::store::GraphStore;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const TODAY: &str = "2026-11-24";

/// Acting holders, dates at year and month precision, a died-in-office, an incumbent,
/// and a name with quotes, `<`, `&` and a right-to-left mark.
const RECORD: &str = "= Mayor of Test City =

Infobox
- Incumbent: Lê Thị Hồng
- Incumbentsince: May 2016

| No. | Name | Took office | Left office |
| 1 | Trần Văn An (acting) | 1945 | December 1950† |
| 2 | O'Neil \"Bác\" <Ba> & Co\u{200F} | 1951 | 1960 |
| 3 | Nguyễn Văn Bình | 1960 | 30 April 1975 |
| 4 | Lê Thị Hồng | May 2016 | Incumbent |
";

/// Runs one SPARQL SELECT on the store in `dir` (union of the record graphs) and
/// returns each row's values as strings.
fn select(store_dir: &Path, query: &str) -> Vec<BTreeMap<String, String>> {
    let store = GraphStore::open_existing(store_dir).expect("the store opens");
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .expect("the query parses");
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(rows) = prepared
        .on_store(store.oxigraph())
        .execute()
        .expect("the query runs")
    else {
        panic!("not a SELECT");
    };
    rows.map(|row| {
        let row = row.expect("a row");
        row.iter()
            .map(|(var, term)| {
                let value = match term {
                    oxigraph::model::Term::NamedNode(n) => n.as_str().to_owned(),
                    oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                };
                (var.as_str().to_owned(), value)
            })
            .collect()
    })
    .collect()
}

const OG: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n";

/// Position IRI → number of its tenures, by SPARQL (every position, 0 included).
fn tenures_per_position(store_dir: &Path) -> BTreeMap<String, usize> {
    let rows = select(
        store_dir,
        &format!(
            "{OG}SELECT ?position (COUNT(DISTINCT ?tenure) AS ?n) WHERE {{
               ?position a og:Position .
               OPTIONAL {{ ?tenure a og:Tenure ; og:position ?position }}
             }} GROUP BY ?position"
        ),
    );
    rows.into_iter()
        .map(|r| (r["position"].clone(), r["n"].parse().expect("a count")))
        .collect()
}

fn has_class(node: &roxmltree::Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|c| c == class))
}

fn bars<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| has_class(n, "tenure"))
        .collect()
}

/// The visible text of a node (its `<text>` elements; tooltips left out).
fn visible_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .flat_map(|t| {
            t.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
        })
        .collect()
}

fn is_hatched(bar: roxmltree::Node) -> bool {
    bar.descendants()
        .any(|n| has_class(&n, "bar") && n.attribute("fill").is_some_and(|f| f.contains("hatch")))
}

#[test]
fn the_main_job_draws_one_valid_svg_per_position_with_one_bar_per_tenure() {
    let dir = tempfile::tempdir().unwrap();
    let records = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &[
            "run",
            "--records",
            records.to_str().unwrap(),
            "--date",
            TODAY,
        ],
    );
    assert_exit(&out, 0);
    assert!(
        text(&out.stdout).contains("timelines: out/timelines"),
        "{}",
        text(&out.stdout)
    );
    let store = dir.path().join("out/store");
    let expected = tenures_per_position(&store);
    assert!(!expected.is_empty());

    let mut seen = BTreeMap::new();
    let mut total_bars = 0;
    for entry in fs::read_dir(dir.path().join("out/timelines")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("svg"),
            "{path:?}"
        );
        let svg = fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", path.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let sections: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(n, "position"))
            .collect();
        assert_eq!(sections.len(), 1, "{}", path.display());
        let position = sections[0].attribute("data-position").unwrap().to_owned();
        let count = bars(&doc).len();
        total_bars += count;
        assert!(
            bars(&doc)
                .iter()
                .all(|b| b.attribute("data-position") == Some(position.as_str())),
            "{}",
            path.display()
        );
        assert!(
            seen.insert(position, count).is_none(),
            "two charts of one position"
        );
    }
    assert_eq!(seen, expected, "one SVG per position, one bar per tenure");
    assert_eq!(total_bars, expected.values().sum::<usize>());
}

#[test]
fn the_general_secretary_chart_shows_the_seeds_facts() {
    let dir = crate::cli::seeds_store();
    let out = officegraph(
        dir.path(),
        &[
            "timeline",
            "--store",
            "store",
            "--position",
            "General Secretary of the Communist Party of Vietnam",
            "--date",
            TODAY,
            "-o",
            "gs.svg",
        ],
    );
    assert_exit(&out, 0);
    let svg = fs::read_to_string(dir.path().join("gs.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let bars = bars(&doc);

    // Tô Lâm: open-ended, to the --date, with an arrow.
    let to_lam: Vec<_> = bars
        .iter()
        .filter(|b| b.attribute("data-holder") == Some("Tô Lâm"))
        .collect();
    assert_eq!(to_lam.len(), 1);
    assert_eq!(to_lam[0].attribute("data-open"), Some("true"));
    assert_eq!(to_lam[0].attribute("data-end"), Some(""));
    assert!(to_lam[0].descendants().any(|n| has_class(&n, "open-end")));
    assert!(visible_text(*to_lam[0]).contains("Tô Lâm"));
    assert!(doc
        .descendants()
        .any(|n| has_class(&n, "today") && n.attribute("data-date") == Some(TODAY)));
    // Every other bar is closed.
    let open = bars
        .iter()
        .filter(|b| b.attribute("data-open") == Some("true"))
        .count();
    assert_eq!(open, 1);

    // Died in office: exactly the tenures the store says, each marked †.
    let gs = "https://w3id.org/officegraph/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam";
    let died = select(
        &dir.path().join("store"),
        &format!(
            "{OG}SELECT DISTINCT ?tenure WHERE {{ ?tenure og:position <{gs}> ; og:diedInOffice true }}"
        ),
    );
    assert!(!died.is_empty(), "the seeds have died-in-office tenures");
    for row in &died {
        let bar = bars
            .iter()
            .find(|b| b.attribute("data-tenure") == Some(row["tenure"].as_str()))
            .unwrap_or_else(|| panic!("no bar for {}", row["tenure"]));
        assert_eq!(bar.attribute("data-died-in-office"), Some("true"));
        assert!(visible_text(*bar).contains('†'), "{}", visible_text(*bar));
    }
    let marked = bars
        .iter()
        .filter(|b| visible_text(**b).contains('†'))
        .count();
    assert_eq!(marked, died.len());

    // Acting tenures of the seeds (if any) are hatched; the others are not.
    let acting = select(
        &dir.path().join("store"),
        &format!(
            "{OG}SELECT DISTINCT ?tenure WHERE {{ ?tenure og:position <{gs}> ; og:acting true }}"
        ),
    );
    for bar in &bars {
        let is_acting = acting
            .iter()
            .any(|r| bar.attribute("data-tenure") == Some(r["tenure"].as_str()));
        assert_eq!(is_hatched(*bar), is_acting);
    }

    // Era titles as bands, Vietnamese text as real text.
    let eras: Vec<_> = doc.descendants().filter(|n| has_class(n, "era")).collect();
    assert!(eras.len() >= 2, "{}", eras.len());
    assert!(visible_text(doc.root_element()).contains("Nguyễn Phú Trọng"));
}

#[test]
fn the_timeline_command_draws_acting_fuzzy_and_hostile_names() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mayor.txt"), RECORD).unwrap();
    assert_exit(
        &officegraph(dir.path(), &["ingest", "mayor.txt", "--store", "store"]),
        0,
    );
    let args = [
        "timeline",
        "--store",
        "store",
        "--position",
        "mayor of test city",
        "--date",
        TODAY,
    ];
    let out = officegraph(dir.path(), &args);
    assert_exit(&out, 0);
    let svg = text(&out.stdout);
    // Deterministic, and -o writes the same bytes.
    let mut with_file = args.to_vec();
    with_file.extend(["-o", "mayor.svg"]);
    assert_exit(&officegraph(dir.path(), &with_file), 0);
    assert_eq!(
        fs::read_to_string(dir.path().join("mayor.svg")).unwrap(),
        svg
    );

    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let bars = bars(&doc);
    let store = dir.path().join("store");
    let counted = tenures_per_position(&store);
    assert_eq!(bars.len(), counted.values().sum::<usize>());

    let acting = bars
        .iter()
        .find(|b| b.attribute("data-acting") == Some("true"))
        .expect("an acting bar");
    assert!(is_hatched(*acting));
    assert_eq!(acting.attribute("data-start"), Some("1945"));
    assert_eq!(acting.attribute("data-start-precision"), Some("year"));
    assert_eq!(acting.attribute("data-end-precision"), Some("month"));
    assert!(visible_text(*acting).contains('†'));
    // The year and the month are drawn as a fade (a masked fill), not a crisp edge.
    assert!(acting.descendants().any(|n| n.attribute("mask").is_some()));
    let exact = bars
        .iter()
        .find(|b| b.attribute("data-holder") == Some("Nguyễn Văn Bình"))
        .expect("Nguyễn Văn Bình's bar");
    assert_eq!(exact.attribute("data-end-precision"), Some("day"));

    // The hostile name comes back exactly, as data and as visible text.
    let hostile = bars
        .iter()
        .find(|b| {
            b.attribute("data-holder")
                .is_some_and(|h| h.starts_with("O'Neil"))
        })
        .expect("the hostile name's bar");
    let name = hostile.attribute("data-holder").unwrap();
    assert!(name.contains("\"Bác\" <Ba> & Co"), "{name:?}");
    assert!(visible_text(*hostile).contains(name));
    assert!(!svg.contains("<Ba>"));
}

#[test]
fn unknown_and_missing_positions_are_usage_errors() {
    let dir = crate::cli::seeds_store();
    let out = officegraph(
        dir.path(),
        &[
            "timeline",
            "--store",
            "store",
            "--position",
            "Emperor of Mars",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("Emperor of Mars"),
        "{}",
        text(&out.stderr)
    );
    let out = officegraph(
        dir.path(),
        &[
            "timeline",
            "--store",
            "store",
            "--position",
            "https://w3id.org/officegraph/id/person/T%C3%B4_L%C3%A2m",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("no position"),
        "{}",
        text(&out.stderr)
    );
    assert_exit(
        &officegraph(dir.path(), &["timeline", "--store", "store"]),
        2,
    );
}
