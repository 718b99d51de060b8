//! Parse stage (HTML) tests: each mapping rule on a small snippet, line numbers, no
//! panic on any input, and the real pages against their flattened records.

use super::*;
use crate::record::rows::RawRow;
use crate::record::{parse_text, InfoboxEntry};
use proptest::prelude::*;

fn parse(html: &str) -> (Record, Diagnostics) {
    parse_html("t.html", "t.html", html.as_bytes())
}

/// The raw grid of the first `<table>` of `html`.
fn first_grid(html: &str) -> (Vec<RawRow>, Diagnostics) {
    let (doc, lines) = sink::parse_document(html);
    let mut d = Diagnostics::new("t.html");
    let rows = match Selector::parse("table")
        .ok()
        .and_then(|s| doc.select(&s).next())
    {
        Some(table) => grid::grid(table, &lines, 1, &mut d),
        None => Vec::new(),
    };
    (rows, d)
}

fn cells(row: &RawRow) -> Vec<&str> {
    row.cells.iter().map(String::as_str).collect()
}

fn flags(row: &RawRow) -> (Vec<bool>, Vec<bool>, Vec<bool>) {
    let l = row.layout.clone().unwrap_or_default();
    (l.covered, l.spanned, l.header)
}

#[test]
fn rowspan_and_colspan_expand_into_an_exact_grid() {
    let html = "<table class=\"wikitable\">
<tr><th rowspan=\"2\">No.</th><th rowspan=\"2\">Name</th><th colspan=\"2\">Term of office</th></tr>
<tr><th>Took office</th><th>Left office</th></tr>
<tr><td>1</td><td rowspan=\"2\">A</td><td>1945</td><td>1950</td></tr>
<tr><td>2</td><td>1950</td><td>1955</td></tr>
</table>";
    let (rows, d) = first_grid(html);
    assert!(d.items().is_empty(), "{:?}", d.items());
    assert_eq!(rows.len(), 4);
    assert_eq!(cells(&rows[0]), ["No.", "Name", "Term of office", ""]);
    assert_eq!(
        flags(&rows[0]),
        (
            vec![false; 4],
            vec![false, false, false, true],
            vec![true; 4]
        )
    );
    assert_eq!(
        cells(&rows[1]),
        ["No.", "Name", "Took office", "Left office"]
    );
    assert_eq!(
        flags(&rows[1]),
        (
            vec![true, true, false, false],
            vec![false; 4],
            vec![true; 4]
        )
    );
    assert_eq!(cells(&rows[2]), ["1", "A", "1945", "1950"]);
    assert_eq!(cells(&rows[3]), ["2", "A", "1950", "1955"]);
    assert_eq!(
        flags(&rows[3]),
        (
            vec![false, true, false, false],
            vec![false; 4],
            vec![false; 4]
        )
    );
    let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
}

#[test]
fn a_cell_spanning_rows_and_columns_covers_a_block_and_short_rows_are_padded() {
    let html = "<table><tr><td rowspan=2 colspan=2>X</td><td>a</td></tr>
<tr><td>b</td></tr><tr><td>c</td></tr></table>";
    let (rows, _) = first_grid(html);
    assert_eq!(cells(&rows[0]), ["X", "", "a"]);
    assert_eq!(cells(&rows[1]), ["X", "", "b"]);
    assert_eq!(
        flags(&rows[1]),
        (
            vec![true, true, false],
            vec![false, true, false],
            vec![false; 3]
        )
    );
    assert_eq!(cells(&rows[2]), ["c", "", ""]);
    assert_eq!(flags(&rows[2]).0, vec![false; 3]);
    assert!(rows.iter().all(|r| r.cells.len() == 3));
}

#[test]
fn absurd_spans_are_capped_and_warned_with_their_line() {
    let html = "<table>\n<tr><td rowspan=\"100000\" colspan=\"99999\">a</td><td colspan=\"0\">b</td></tr>\n<tr><td rowspan=\"x\">c</td></tr>\n</table>";
    let (rows, d) = first_grid(html);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cells.len(), grid::MAX_COLSPAN + 1);
    assert_eq!(rows[0].cells[grid::MAX_COLSPAN], "b");
    // The second row is all covered by the first cell, and `c` comes after it.
    assert_eq!(rows[1].cells[0], "a");
    assert_eq!(rows[1].cells[grid::MAX_COLSPAN], "c");
    let said: Vec<String> = d.items().iter().map(ToString::to_string).collect();
    assert!(said
        .iter()
        .any(|m| m.starts_with("t.html:2:") && m.contains("rowspan=\"100000\"")));
    assert!(said
        .iter()
        .any(|m| m.starts_with("t.html:2:") && m.contains("colspan=\"99999\"")));
    assert!(said
        .iter()
        .any(|m| m.starts_with("t.html:3:") && m.contains("rowspan=\"x\"")));
}

#[test]
fn too_wide_tables_are_cut_with_a_warning() {
    let row = "<td colspan=\"200\">x</td>".repeat(5);
    let (rows, d) = first_grid(&format!("<table><tr>{row}</tr></table>"));
    assert_eq!(rows[0].cells.len(), grid::MAX_WIDTH);
    assert!(d.items().iter().any(|m| m.message.contains("wider than")));
}

#[test]
fn cell_text_drops_markers_sort_keys_and_hidden_text_but_keeps_footnote_like_text() {
    let html = "<table class=\"wikitable\"><tr><th>Name</th><th>Took office</th></tr>
<tr><td><span style=\"display:none\" class=\"sortkey\">Smith, John</span><span class=\"sorttext\">John Smith</span><sup>a</sup></td>
<td>1 May<br/>1990<sup id=\"cite_ref-1\" class=\"reference\"><a>[1]</a></sup><span style=\"display: none\">&#160;(1990-05-01)</span></td></tr></table>";
    let (rows, _) = first_grid(html);
    assert_eq!(cells(&rows[1]), ["John Smitha", "1 May 1990"]);
}

#[test]
fn nested_tables_give_their_text_to_the_cell() {
    let html = "<table class=\"wikitable\"><tr><th>A</th></tr><tr><td><table><tr><td>in</td><td>side</td></tr></table></td></tr></table>";
    let (record, _) = parse(html);
    let tables: Vec<&OfficeTableRef> = record
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    let (rows, _) = first_grid(html);
    assert_eq!(cells(&rows[1]), ["in side"]);
}

type OfficeTableRef = crate::record::OfficeTable;

fn entries(record: &Record) -> Vec<(&str, &str)> {
    record
        .infobox
        .iter()
        .map(|InfoboxEntry { key, value, .. }| (key.as_str(), value.as_str()))
        .collect()
}

#[test]
fn infobox_gives_post_incumbent_and_capitalised_keys() {
    let html = "<html><head><title>Mayor of X - Wikipedia, the free encyclopedia</title></head><body>
<table class=\"infobox\">
<tr><th colspan=\"2\">Mayor of X</th></tr>
<tr><td colspan=\"2\"><a class=\"image\"><img src=\"a.png\"></a></td></tr>
<tr><td colspan=\"2\"><div><b>Incumbent<br/><a>Ann Lee</a></b><br/><small>since&#160;May 1, 2010</small></div></td></tr>
<tr><th>Term length</th><td>4 years</td></tr>
<tr><th>Inaugural holder</th><td>Bob<br/><small>as Reeve</small></td></tr>
<tr><th>member of</th><td>Council<sup class=\"reference\">[1]</sup></td></tr>
<tr><td>&#160;-&#160;</td><td>Monarch</td><td>Elizabeth II</td></tr>
<tr><th>Emperor</th><td></td></tr>
<tr><th colspan=\"2\">Section header</th></tr>
</table>
<table class=\"infobox\"><tr><th>Second</th><td>box</td></tr></table>
</body></html>";
    let (record, d) = parse(html);
    assert_eq!(
        record.title.as_ref().map(|t| (t.value.as_str(), t.line)),
        Some(("Mayor of X", 1))
    );
    assert_eq!(
        entries(&record),
        [
            ("Post", "Mayor of X"),
            ("Incumbent", "Ann Lee"),
            ("Incumbentsince", "May 1, 2010"),
            ("Termlength", "4 years"),
            ("Inaugural", "Bob as Reeve"),
            ("Member Of", "Council"),
            ("Monarch", "Elizabeth II"),
        ]
    );
    let lines: Vec<usize> = record.infobox.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 5, 5, 6, 7, 8, 9]);
    assert!(d.items().is_empty(), "{:?}", d.items());
}

#[test]
fn infobox_caption_or_fn_cell_is_the_post() {
    let (r, _) = parse("<table class=\"infobox\"><caption>Space Agency</caption><tr><th>Acronym</th><td>SA</td></tr></table>");
    assert_eq!(entries(&r), [("Post", "Space Agency"), ("Acronym", "SA")]);
    let (r, _) = parse("<table class=\"infobox\"><tr><td colspan=3 class=\"fn org\"><b>Wu</b></td></tr><tr><td><b>Capital</b></td><td>Jianye</td></tr></table>");
    assert_eq!(entries(&r), [("Post", "Wu"), ("Capital", "Jianye")]);
}

#[test]
fn body_blocks_come_in_order_without_page_furniture() {
    let html = "<div class=\"hatnote\">For other uses, see X.</div>
<table class=\"metadata ambox\"><tr><td>This article needs sources.</td></tr></table>
<p>Prose <b>one</b><sup class=\"reference\"><a>[1]</a></sup> continues.</p>
<div id=\"toc\" class=\"toc\"><ul><li>1 History</li></ul></div>
<h2><span class=\"mw-headline\">History</span><span class=\"mw-editsection\">[<a>edit</a>]</span></h2>
<div class=\"thumb tright\"><div class=\"thumbcaption\">A picture</div></div>
<ul><li>first</li><li>second<ul><li>nested</li></ul></li></ul>
<h3>Sub</h3>
<dl><dt>Key</dt></dl>
<p>Defined here.</p>
<dl><dd>Indented</dd></dl>
<div class=\"reflist\"><ol class=\"references\"><li>A source</li></ol></div>
<table class=\"navbox\"><tr><td><ul><li>Nav</li></ul></td></tr></table>
<style>.x{}</style><script>var a;</script>";
    let (record, d) = parse(html);
    let blocks: Vec<String> = record
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, text, line } => format!("{line}: h{level} {text}"),
            Block::Paragraph { text, line } => format!("{line}: p {text}"),
            Block::List { items } => format!(
                "list {}",
                items
                    .iter()
                    .map(|i| format!("{}@{}", i.value, i.line))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Block::Definition { term, lines, line } => format!(
                "{line}: ;{term} {}",
                lines
                    .iter()
                    .map(|l| format!("{}@{}", l.value, l.line))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Block::Table(t) => format!("{}: table", t.line),
        })
        .collect();
    assert_eq!(
        blocks,
        [
            "3: p Prose one continues.",
            "5: h2 History",
            "list first@7, second@7, nested@7",
            "8: h3 Sub",
            "9: ;Key Defined here.@10",
            "11: p Indented",
        ]
    );
    // No `<title>`, `<h1>` or metadata: the title is the file's name, and says so.
    assert_eq!(record.title.map(|t| t.value).as_deref(), Some("t"));
    let messages: Vec<&str> = d.items().iter().map(|i| i.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("taken from the file name"),
        "{messages:?}"
    );
    assert!(messages[1].contains("no infobox"), "{messages:?}");
}

#[test]
fn tables_become_typed_blocks_with_their_rows_and_caption() {
    let html = "<p>Intro</p>
<table class=\"wikitable sortable\">
<caption>Mayors</caption>
<tr><th>No.</th><th>Name</th><th>Took office</th><th>Left office</th></tr>
<tr><td>1</td><td>A</td><td>1945</td><td>1950</td></tr>
<tr><td>2</td><td>B</td><td>1950</td><td></td></tr>
</table>";
    let (record, _) = parse(html);
    let Some(Block::Table(t)) = record.blocks.get(1) else {
        panic!("no table: {:?}", record.blocks);
    };
    assert_eq!(t.line, 4);
    assert_eq!(
        t.caption.as_ref().map(|c| (c.value.as_str(), c.line)),
        Some(("Mayors", 3))
    );
    assert!(t.is_officeholder_table);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].line, 6);
    assert_eq!(t.rows[1].name.as_deref(), Some("B"));
    assert!(t.rows[1].end.is_none());
}

#[test]
fn empty_binary_and_malformed_input_give_diagnostics_not_panics() {
    let (r, d) = parse("");
    assert!(r.blocks.is_empty() && r.title.is_none());
    assert_eq!(d.items()[0].line, 1);
    let (r, _) = parse_html("b.html", "b.html", b"\x00\x01\xFF<table>");
    assert!(r.blocks.is_empty());
    let (r, _) = parse("<table class=wikitable><tr><td rowspan=3>a<tr><td>b</table></td><p>x");
    assert!(!r.blocks.is_empty());
    let deep = "<div>".repeat(5000) + "<p>deep</p>";
    let (_, d) = parse(&deep);
    assert!(d
        .items()
        .iter()
        .any(|m| m.message.contains("nested deeper")));
}

#[test]
fn every_line_is_within_the_file() {
    let html = "<p>a</p>\n<table class=wikitable><tr><td>x</td></tr>\n<tr><td>y</td></tr></table>\n<ul><li>i</li></ul>";
    let (record, d) = parse(html);
    let n = html.split('\n').count();
    for line in d.items().iter().map(|d| d.line) {
        assert!((1..=n).contains(&line));
    }
    for block in &record.blocks {
        if let Block::Table(t) = block {
            assert!(t.rows.iter().all(|r| (1..=n).contains(&r.line)));
        }
    }
}

fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<table class=\"wikitable\">".to_owned()),
        Just("<table class=\"infobox\">".to_owned()),
        Just("</table>".to_owned()),
        Just("<tr>".to_owned()),
        Just("</tr>".to_owned()),
        "<t[dh] (rowspan|colspan)=\"?-?[0-9x]{0,6}\"?>",
        Just("</td>".to_owned()),
        Just("<caption>".to_owned()),
        "<h[1-6]>",
        "<(p|ul|ol|li|dl|dt|dd|div|sup class=\"reference\"|span class=\"sortkey\"|br)>",
        "</(p|ul|ol|li|dl|dt|dd|div|sup|span|h2)>",
        "\\PC{0,12}",
        Just("\n".to_owned()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_html("b.html", "b.html", &bytes);
    }

    #[test]
    fn any_tag_soup_parses_without_panic_and_lines_stay_in_the_file(html in tag_soup()) {
        let (record, d) = parse(&html);
        let n = html.split('\n').count();
        for line in d.items().iter().map(|d| d.line) {
            prop_assert!((1..=n).contains(&line), "diagnostic line {line} of {n}");
        }
        for block in &record.blocks {
            if let Block::Table(t) = block {
                for row in &t.rows {
                    prop_assert!((1..=n).contains(&row.line), "row line {} of {n}", row.line);
                }
            }
        }
    }
}

/// The real pages, copied into the repository (HTML and flattened text side by side).
const REALWORLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/realworld/pages");

fn tables(record: &Record) -> Vec<&crate::record::OfficeTable> {
    record
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Pages whose HTML holds more wikitables than the flattened record (the flattening
/// left out wikitables nested in a layout table).
const MORE_TABLES_IN_HTML: [&str; 1] = ["w27_christian_social_people_s_party"];

#[test]
fn real_pages_give_at_least_the_tables_and_rows_of_their_records() {
    let dir = std::path::Path::new(REALWORLD);
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("*** SKIPPED real_pages_…: {} is absent", dir.display());
        return;
    };
    let mut pages: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    let mut report = Vec::new();
    for page in pages {
        let name = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(bytes) = std::fs::read(&page) else {
            panic!("cannot read {}", page.display());
        };
        let (html, _) = parse_html(&name, &name, &bytes);
        let text_path = std::path::Path::new(REALWORLD).join(format!("{name}.txt"));
        let Ok(text_bytes) = std::fs::read(&text_path) else {
            eprintln!("*** SKIPPED {name}: no {}", text_path.display());
            continue;
        };
        let (text, _) = parse_text(&name, &name, &text_bytes);
        let (h, t) = (tables(&html), tables(&text));
        let rows = |ts: &[&crate::record::OfficeTable]| {
            ts.iter().map(|t| t.rows.len()).collect::<Vec<_>>()
        };
        report.push(format!(
            "{name}: html {} tables {:?} | text {} tables {:?}",
            h.len(),
            rows(&h),
            t.len(),
            rows(&t)
        ));
        if MORE_TABLES_IN_HTML.contains(&name.as_str()) {
            assert!(h.len() > t.len(), "{name}");
            continue;
        }
        assert_eq!(h.len(), t.len(), "{name}: table count");
        for (i, (a, b)) in h.iter().zip(&t).enumerate() {
            // A text table whose header words are unknown and that has no dates reads
            // its header as a data row; HTML knows the `th` cells.
            assert!(
                a.rows.len() + 1 >= b.rows.len(),
                "{name}: table {i} has {} rows from HTML, {} from text",
                a.rows.len(),
                b.rows.len()
            );
        }
        assert_eq!(
            html.infobox.is_empty(),
            text.infobox.is_empty(),
            "{name}: infobox"
        );
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn a_page_without_title_is_named_from_its_file_name() {
    let (record, diagnostics) =
        parse_html("x/Saint_Helena.html", "Saint_Helena.html", b"<p>Text.</p>");
    assert_eq!(record.title.unwrap().value, "Saint Helena");
    assert!(diagnostics
        .into_vec()
        .iter()
        .any(|d| d.message.contains("taken from the file name")));
    assert_eq!(
        title_from_file_name("w24_saint_helena.html").as_deref(),
        Some("w24 saint helena"),
        "a numeric prefix is not special"
    );
    assert_eq!(
        title_from_file_name("Transcona_%28electoral_district%29.html").as_deref(),
        Some("Transcona (electoral district)")
    );
}

#[test]
fn page_metadata_comes_before_the_file_name() {
    let html =
        br#"<link rel="canonical" href="https://en.wikipedia.org/wiki/Saint_Helena"><p>Text.</p>"#;
    let (record, _) = parse_html("a.html", "a.html", html);
    assert_eq!(record.title.unwrap().value, "Saint Helena");
    let html = br#"<meta property="og:title" content="Eastern Wu"><p>Text.</p>"#;
    let (record, _) = parse_html("a.html", "a.html", html);
    assert_eq!(record.title.unwrap().value, "Eastern Wu");
    let html = b"<title>Eastern Wu - Wikipedia</title><p>Text.</p>";
    let (record, _) = parse_html("b_c.html", "b_c.html", html);
    assert_eq!(record.title.unwrap().value, "Eastern Wu");
}
