//! Reconcile stage (link): the SPARQL results reader — the CSV, TSV and JSON results
//! of a Wikidata query, one row per item or per "position held" statement. TSV and
//! JSON are read by `sparesults` (Oxigraph's own results parser), CSV (plain values,
//! not terms) by `csv`.
//!
//! Columns are found by name, ignoring case and a leading `?`: `item` (required; also
//! `person`), `itemLabel`, `itemAltLabel` (aliases joined by `, `, as the label
//! service gives them), `birth`/`dob`/`dateOfBirth`, `type`/`instanceOf`,
//! `position`/`office`, `positionLabel`, `start`/`startTime`, `end`/`endTime` and
//! `statement`. Rows of one item add up. Without a position, `start`/`end` are the
//! dates of a P39 of an unknown position (a query about one position need not return it).

use super::bad;
use super::build::{item_iri, Builder};
use crate::date::PartialDate;
use crate::link::LinkError;
use crate::names::slug;
use oxigraph::model::{NamedNode, Term, Triple};
use serde_json::Value;
use sparesults::{
    QueryResultsFormat, QueryResultsParseError, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::collections::BTreeMap;

/// One value of a result row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Cell {
    value: String,
    lang: Option<String>,
}

type Row = BTreeMap<String, Cell>;

const ITEM: &[&str] = &["item", "person", "human"];
const LABEL: &[&str] = &["itemlabel", "personlabel", "label", "name"];
const ALIASES: &[&str] = &[
    "itemaltlabel",
    "personaltlabel",
    "altlabel",
    "aliases",
    "alias",
];
const BIRTH: &[&str] = &["birth", "born", "dob", "dateofbirth", "birthdate", "p569"];
const TYPE: &[&str] = &["type", "instanceof", "class", "p31"];
const POSITION: &[&str] = &["position", "office", "positionheld", "p39"];
const POSITION_LABEL: &[&str] = &["positionlabel", "officelabel", "positionheldlabel"];
const START: &[&str] = &["start", "starttime", "startdate", "from", "p580"];
const END: &[&str] = &["end", "endtime", "enddate", "to", "p582"];
const STATEMENT: &[&str] = &["statement", "st"];

pub fn looks_like_sparql_json(content: &str) -> bool {
    let t = content.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{')
        && serde_json::from_str::<Value>(t)
            .ok()
            .is_some_and(|v| v.get("head").is_some() && v.get("results").is_some())
}

/// SPARQL results CSV: plain values, found by column name.
pub fn read_csv(file: &str, content: &str, graph: &str) -> Result<Vec<Triple>, LinkError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(content.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(file, 1, format!("cannot read the header: {e}")))?
        .iter()
        .map(column_key)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line());
            bad(file, line, e.to_string())
        })?;
        let line = record.position().map_or(1, |p| p.line());
        let row: Row = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| {
                let cell = Cell {
                    value: v.trim().to_owned(),
                    lang: None,
                };
                (h.clone(), cell)
            })
            .collect();
        rows.push((line, row));
    }
    convert(file, &headers, rows, graph)
}

/// SPARQL results TSV (`<iri>`, `"text"@lang`, `"text"^^<datatype>` terms, a header
/// of `?variables`): one row a line, so rows are numbered by line.
pub fn read_tsv(file: &str, content: &str, graph: &str) -> Result<Vec<Triple>, LinkError> {
    read_results(file, content, QueryResultsFormat::Tsv, |n| n + 2, graph)
}

/// SPARQL results JSON. No line numbers survive JSON parsing: rows are numbered by
/// binding instead.
pub fn read_json(file: &str, content: &str, graph: &str) -> Result<Vec<Triple>, LinkError> {
    read_results(file, content, QueryResultsFormat::Json, |n| n + 1, graph)
}

/// Reads the solutions of `content` in `format`; `number` gives the line (or number)
/// of the `n`th solution (from 0), for messages.
fn read_results(
    file: &str,
    content: &str,
    format: QueryResultsFormat,
    number: impl Fn(u64) -> u64,
    graph: &str,
) -> Result<Vec<Triple>, LinkError> {
    let name = match format {
        QueryResultsFormat::Json => "JSON",
        _ => "TSV",
    };
    // Where an error is: its own location when the parser gives one, else `line`.
    let invalid = |e: QueryResultsParseError, line: u64| {
        let line = match &e {
            QueryResultsParseError::Syntax(e) => e.location().map_or(line, |l| l.start.line + 1),
            QueryResultsParseError::Io(_) => line,
        };
        bad(file, line, format!("invalid SPARQL results {name}: {e}"))
    };
    let content = content.trim_start_matches('\u{feff}');
    let solutions = match QueryResultsParser::from_format(format)
        .for_reader(content.as_bytes())
        .map_err(|e| invalid(e, 1))?
    {
        ReaderQueryResultsParserOutput::Solutions(solutions) => solutions,
        ReaderQueryResultsParserOutput::Boolean(_) => {
            return Err(bad(file, 1, "a boolean (ASK) result has no rows to read"))
        }
    };
    let headers: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| column_key(v.as_str()))
        .collect();
    let mut rows = Vec::new();
    for (n, solution) in (0u64..).zip(solutions) {
        let solution = solution.map_err(|e| invalid(e, number(n)))?;
        let row: Row = solution
            .iter()
            .map(|(variable, term)| (column_key(variable.as_str()), cell(term)))
            .collect();
        rows.push((number(n), row));
    }
    convert(file, &headers, rows, graph)
}

fn column_key(name: &str) -> String {
    name.trim()
        .trim_start_matches(['?', '$'])
        .to_ascii_lowercase()
        .replace(['_', ' '], "")
}

/// A term's text: an IRI, a literal's value (with its language), a blank node's id.
fn cell(term: &Term) -> Cell {
    match term {
        Term::NamedNode(iri) => Cell {
            value: iri.as_str().to_owned(),
            lang: None,
        },
        Term::Literal(literal) => Cell {
            value: literal.value().to_owned(),
            lang: literal.language().map(str::to_owned),
        },
        Term::BlankNode(node) => Cell {
            value: node.as_str().to_owned(),
            lang: None,
        },
        #[allow(unreachable_patterns)]
        other => Cell {
            value: other.to_string(),
            lang: None,
        },
    }
}

fn convert(
    file: &str,
    headers: &[String],
    rows: Vec<(u64, Row)>,
    graph: &str,
) -> Result<Vec<Triple>, LinkError> {
    let column = |names: &[&str]| {
        names
            .iter()
            .find(|n| headers.iter().any(|h| h == *n))
            .map(|n| (*n).to_owned())
    };
    let Some(item_col) = column(ITEM) else {
        return Err(bad(
            file,
            1,
            format!(
                "no item column (expected one of: {}; found: {})",
                ITEM.join(", "),
                headers.join(", ")
            ),
        ));
    };
    let cols = [
        LABEL,
        ALIASES,
        BIRTH,
        TYPE,
        POSITION,
        POSITION_LABEL,
        START,
        END,
        STATEMENT,
    ]
    .map(column);
    let [label, aliases, birth, kind, position, position_label, start, end, statement] = cols;
    let mut b = Builder::new(graph);
    for (line, row) in rows {
        let get = |col: &Option<String>| -> Option<&Cell> {
            col.as_ref()
                .and_then(|c| row.get(c))
                .filter(|c| !c.value.is_empty())
        };
        let err = |m: String| bad(file, line, m);
        let Some(item_cell) = get(&Some(item_col.clone())) else {
            continue; // an OPTIONAL that did not bind: nothing to say
        };
        let item = item_iri(&item_cell.value)
            .ok_or_else(|| err(format!("`{}` is not an item IRI or id", item_cell.value)))?;
        let id = item
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        if let Some(c) = get(&label).filter(|c| c.value != id) {
            b.label(&item, &c.value, c.lang.as_deref());
        }
        if let Some(c) = get(&aliases) {
            for alias in c.value.split(", ") {
                b.alias(&item, alias, c.lang.as_deref());
            }
        }
        if let Some(c) = get(&kind) {
            let class = item_iri(&c.value)
                .ok_or_else(|| err(format!("type `{}` is not an item IRI or id", c.value)))?;
            b.instance_of(&item, &class);
        }
        let date = |col: &Option<String>, name: &str| -> Result<_, LinkError> {
            get(col)
                .map(|c| {
                    PartialDate::from_wikidata(&c.value)
                        .ok_or_else(|| err(format!("{name} `{}` is not a date", c.value)))
                })
                .transpose()
        };
        if let Some(born) = date(&birth, "birth")? {
            b.birth(&item, &born);
        }
        let (s, e) = (date(&start, "start")?, date(&end, "end")?);
        let pos_label = get(&position_label);
        let pos = match get(&position) {
            Some(c) => {
                Some(item_iri(&c.value).ok_or_else(|| {
                    err(format!("position `{}` is not an item IRI or id", c.value))
                })?)
            }
            None => pos_label
                .map(|c| NamedNode::new_unchecked(format!("{graph}/position/{}", slug(&c.value)))),
        };
        if let Some(pos) = pos {
            if let Some(c) = pos_label {
                let pos_id = pos.as_str().rsplit('/').next().unwrap_or_default();
                if c.value != pos_id {
                    b.label(&pos, &c.value, c.lang.as_deref());
                }
            }
            let node = get(&statement).and_then(|c| item_iri(&c.value));
            b.position_held(&item, Some(&pos), s.as_ref(), e.as_ref(), node);
        } else if s.is_some() || e.is_some() {
            // A query about one position that does not return it: P39 dates of an
            // unknown position, which corroborate any of our tenures they overlap.
            let node = get(&statement).and_then(|c| item_iri(&c.value));
            b.position_held(&item, None, s.as_ref(), e.as_ref(), node);
        }
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_become_statements() {
        let csv = "item,itemLabel,position,positionLabel,start,end\n\
            http://www.wikidata.org/entity/Q1,Đỗ Mười,Q9,General Secretary,1991-06-28T00:00:00Z,1997-12-26\n";
        let triples = read_csv("f.csv", csv, "http://g").unwrap();
        let all: Vec<String> = triples.iter().map(ToString::to_string).collect();
        assert!(all.iter().any(|t| t.ends_with("\"Đỗ Mười\"")), "{all:#?}");
        assert!(
            all.iter().any(|t| t.contains("P580> \"1991-06-28\"")),
            "{all:#?}"
        );
        assert!(all
            .iter()
            .any(|t| t.contains("P39> <http://www.wikidata.org/entity/Q9>")));
    }

    #[test]
    fn dates_without_a_position_are_a_p39_of_an_unknown_position() {
        let csv = "item,itemLabel,start,end\nQ1,Đỗ Mười,1991-06-28,1997\n";
        let triples = read_csv("f.csv", csv, "http://g").unwrap();
        let mut c = crate::link::model::Candidates::default();
        c.add_triples(&triples, "http://g");
        let item = &c.items["http://www.wikidata.org/entity/Q1"];
        assert_eq!(item.statements.len(), 1);
        assert_eq!(item.statements[0].position, None);
        assert_eq!(
            item.statements[0].end.map(|d| d.to_string()).as_deref(),
            Some("1997")
        );
        assert!(triples
            .iter()
            .all(|t| !t.predicate.as_str().ends_with("statement/P39")));
    }

    #[test]
    fn tsv_terms_keep_their_language() {
        let tsv = "?item\t?itemLabel\t?birth\n\
            <http://www.wikidata.org/entity/Q1>\t\"Tô Lâm\"@vi\t\"1986\"^^<http://x/d>\n";
        let triples = read_tsv("f.tsv", tsv, "http://g").unwrap();
        let all: Vec<String> = triples.iter().map(ToString::to_string).collect();
        assert!(
            all.iter()
                .any(|t| t.starts_with("<http://www.wikidata.org/entity/Q1> ")
                    && t.ends_with("\"Tô Lâm\"@vi")),
            "{all:#?}"
        );
        assert!(all.iter().any(|t| t.contains("P569> \"1986\"")), "{all:#?}");
        assert_eq!(
            cell(&Term::from(
                oxigraph::model::Literal::new_language_tagged_literal_unchecked("Tô Lâm", "vi")
            )),
            Cell {
                value: "Tô Lâm".into(),
                lang: Some("vi".into())
            }
        );
        assert_eq!(
            cell(&Term::from(NamedNode::new_unchecked("http://x/a"))).value,
            "http://x/a"
        );
        assert_eq!(column_key("?itemAltLabel"), "itemaltlabel");
    }

    #[test]
    fn errors_name_the_line() {
        let csv = "item,start,position\nQ1,1986,Q9\nQ2,sometime,Q9\n";
        let err = read_csv("f.csv", csv, "http://g").unwrap_err();
        assert_eq!(err.to_string(), "f.csv:3: start `sometime` is not a date");
        let err = read_csv("f.csv", "name\nx\n", "http://g").unwrap_err();
        assert!(
            err.to_string().starts_with("f.csv:1: no item column"),
            "{err}"
        );
        let json = r#"{"head":{"vars":["item"]},"results":{"bindings":[{"item":{"type":"literal","value":"nope"}}]}}"#;
        let err = read_json("f.json", json, "http://g").unwrap_err();
        assert!(err.to_string().starts_with("f.json:1: `nope`"), "{err}");
        let tsv = "?item\t?start\n<http://www.wikidata.org/entity/Q1>\t\"1986\"\n\
            <http://www.wikidata.org/entity/Q2>\t\"sometime\"\n";
        let err = read_tsv("f.tsv", tsv, "http://g").unwrap_err();
        assert_eq!(err.to_string(), "f.tsv:3: start `sometime` is not a date");
        let tsv = "?item\n<http://www.wikidata.org/entity/Q1>\n<http://bad iri>\n";
        let err = read_tsv("f.tsv", tsv, "http://g").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.tsv:3: invalid SPARQL results TSV"),
            "{err}"
        );
        let json = "{\"head\":{\"vars\":[\"item\"]},\n\"results\":{\"bindings\":[\n{\"item\":{\"type\":\"uri\",\"value\":\"http://www.wikidata.org/entity/Q1\"}},\n{\"item\" 1}]}}";
        let err = read_json("f.json", json, "http://g").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.json:4: invalid SPARQL results JSON"),
            "{err}"
        );
    }
}
