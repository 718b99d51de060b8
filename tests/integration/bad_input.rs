//! The bad-input matrix (issue 5, docs/bad-input.md): one test per kind of bad input,
//! each run through the real binary, checking the exit code, the `file:line` of every
//! expected diagnostic and what of the record is still in the store.

use crate::cli::{assert_exit, officegraph, text};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Output;
use std::time::Instant;

/// A record up to its table header (line 7); data rows start at line 8.
const HEAD: &str = "= Test Office =

Infobox
- Body: Test Body

== Holders ==
| No. | Name | Took office | Left office |
";

/// Writes `records/<name>` and ingests it into `store` (exit 0), then again with
/// `--strict` into `strict` (exit 1 when `warned`). Returns the first run's output.
fn ingest(dir: &Path, name: &str, bytes: &[u8], warned: bool) -> Output {
    fs::create_dir_all(dir.join("records")).unwrap();
    fs::write(dir.join("records").join(name), bytes).unwrap();
    let path = format!("records/{name}");
    let out = officegraph(dir, &["ingest", &path, "--store", "store"]);
    assert_exit(&out, 0);
    let strict = officegraph(dir, &["ingest", &path, "--store", "strict", "--strict"]);
    assert_exit(&strict, if warned { 1 } else { 0 });
    out
}

/// The diagnostic lines of an ingest (everything but the closing summary).
fn diagnostics(out: &Output) -> Vec<String> {
    text(&out.stderr)
        .lines()
        .filter(|l| !l.starts_with("ingested "))
        .map(str::to_owned)
        .collect()
}

/// Asserts the diagnostics are exactly `expected` (`file:line: warning: …` prefixes).
#[track_caller]
fn assert_diagnostics(out: &Output, expected: &[&str]) {
    let got = diagnostics(out);
    assert_eq!(got.len(), expected.len(), "diagnostics: {got:#?}");
    for (line, prefix) in got.iter().zip(expected) {
        assert!(
            line.starts_with(prefix),
            "`{line}` should start with `{prefix}`"
        );
    }
}

/// The store as N-Triples (which must parse back).
fn exported(dir: &Path) -> String {
    let out = officegraph(dir, &["export", "--store", "store", "--format", "nt"]);
    assert_exit(&out, 0);
    let nt = text(&out.stdout);
    for triple in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NTriples)
        .for_slice(nt.as_bytes())
    {
        triple.unwrap_or_else(|e| panic!("export does not parse back: {e}"));
    }
    nt
}

#[track_caller]
fn assert_holders(dir: &Path, names: &[&str]) {
    let nt = exported(dir);
    for name in names {
        assert!(
            nt.contains(&format!("rdf-schema#label> \"{name}\"@en")),
            "{name} is not in the store"
        );
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn empty_file() {
    let dir = tmp();
    let out = ingest(dir.path(), "empty.txt", b"", true);
    assert_diagnostics(&out, &["records/empty.txt:1: warning: empty file"]);
}

#[test]
fn binary_file_is_one_diagnostic() {
    let dir = tmp();
    // Deterministic noise with NULs on line 3 and thousands of bad lines after it.
    let mut bytes = b"ab\ncd\n\x00".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..200_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let out = ingest(dir.path(), "noise.txt", &bytes, true);
    assert_diagnostics(
        &out,
        &[
            "records/noise.txt:3: warning: binary content (NUL byte): not a text record; nothing read",
        ],
    );
}

#[test]
fn no_title_keeps_the_table() {
    let dir = tmp();
    let record =
        HEAD.replace("= Test Office =\n", "") + "| 1 | A B | 1 January 1950 | 1 January 1960 |\n";
    let out = ingest(dir.path(), "untitled.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &["records/untitled.txt:2: warning: record has no `= Title =` line"],
    );
    assert_holders(dir.path(), &["A B"]);
}

#[test]
fn no_infobox_keeps_the_table() {
    let dir = tmp();
    let record = HEAD.replace("Infobox\n- Body: Test Body\n", "Prose.\n")
        + "| 1 | A B | 1 January 1950 | 1 January 1960 |\n";
    let out = ingest(dir.path(), "bare.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &["records/bare.txt:3: warning: record has no `Infobox`"],
    );
    assert_holders(dir.path(), &["A B", "Test Office"]);
}

#[test]
fn invalid_utf8_is_replaced_on_its_line() {
    let dir = tmp();
    let mut record = HEAD.as_bytes().to_vec();
    record.extend_from_slice(b"| 1 | A \xFF B | 1 January 1950 | 1 January 1960 |\n");
    record.extend_from_slice(b"| 2 | C D | 1 January 1960 | 1 January 1970 |\n");
    let out = ingest(dir.path(), "bytes.txt", &record, true);
    assert_diagnostics(
        &out,
        &["records/bytes.txt:8: warning: invalid UTF-8 replaced by U+FFFD"],
    );
    assert_holders(dir.path(), &["A \u{FFFD} B", "C D"]);
}

#[test]
fn bom_and_crlf() {
    let dir = tmp();
    let record = format!("\u{FEFF}{HEAD}| 1 | A B | 1 January 1950 | 1 January 1960 |\n")
        .replace('\n', "\r\n");
    let out = ingest(dir.path(), "windows.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &[
            "records/windows.txt:1: warning: UTF-8 byte order mark ignored",
            "records/windows.txt:1: warning: CRLF line ends read as LF",
        ],
    );
    assert_holders(dir.path(), &["A B", "Test Office"]);
}

#[test]
fn table_without_header() {
    let dir = tmp();
    let record = HEAD.replace("| No. | Name | Took office | Left office |\n", "")
        + "| 1 | A B | 1 January 1950 | 1 January 1960 |\n| 2 | C D | 1 January 1960 | 1 January 1970 |\n";
    let out = ingest(dir.path(), "headless.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &[
            "records/headless.txt:7: warning: table has no header row",
            "records/headless.txt:7: warning: table column 2 has no header naming it; read as the holder from its content",
        ],
    );
    assert_holders(dir.path(), &["A B", "C D"]);
}

#[test]
fn missing_extra_and_unclosed_cells() {
    let dir = tmp();
    let record = format!(
        "{HEAD}| 1 | A B | 1 January 1950 |\n\
         | 2 | C D | 1 January 1960 | 1 January 1970 | extra | more |\n\
         | 3 | E F | 1 January 1970 | 1 January 1980\n\
         | 4 | G H | 1 January 1980 | 1 January 1990 |\n"
    );
    let out = ingest(dir.path(), "cells.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &[
            "records/cells.txt:8: warning: row has 3 cells but the table has 4 columns",
            "records/cells.txt:9: warning: row has more cells (6) than the table has columns (4)",
            "records/cells.txt:10: warning: table row has no closing `|`",
        ],
    );
    assert_holders(dir.path(), &["A B", "C D", "E F", "G H"]);
}

#[test]
fn unbalanced_cells_are_realigned() {
    let dir = tmp();
    // A row that lost an inner cell (`||` collapsed) and one with a stray `|`.
    let record = format!(
        "{HEAD}| 1 | A B | 1 January 1960 |\n\
         | 2 | C | D | 1 January 1960 | 1 January 1970 |\n\
         | 3 | E F | 1 January 1970 | 1 January 1980 |\n"
    );
    let out = ingest(dir.path(), "unbalanced.txt", record.as_bytes(), true);
    let got = diagnostics(&out);
    assert!(
        got.iter()
            .any(|l| l.starts_with("records/unbalanced.txt:8: warning: row has 3 cells")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|l| l.starts_with("records/unbalanced.txt:9: warning: row has more cells (5)")),
        "{got:#?}"
    );
    assert_holders(dir.path(), &["A B", "E F"]);
}

#[test]
fn bad_dates_are_kept_raw() {
    let dir = tmp();
    let record = format!(
        "{HEAD}| 1 | A B | c. 1955 | ? |\n\
         | 2 | C D | 1970s | 31 February 1980 |\n\
         | 3 | E F | 1 January 1990 | 1 January 1985 |\n"
    );
    let out = ingest(dir.path(), "dates.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &[
            "records/dates.txt:8: note: Left office: `?` says the date is unknown",
            "records/dates.txt:9: warning: Took office: `1970s` is not a date",
            "records/dates.txt:9: warning: Left office: `31 February 1980` is not a real date",
            "records/dates.txt:10: warning: end 1985-01-01 is before start 1990-01-01",
        ],
    );
    assert_holders(dir.path(), &["A B", "C D", "E F"]);
    let nt = exported(dir.path());
    assert!(
        nt.contains("/1955/A_B> <https://w3id.org/officegraph/ontology#startCirca> \"true\""),
        "an approximate date is read and flagged"
    );
    assert!(nt.contains("\"?\""), "an unknown date is kept as written");
    assert!(nt.contains("\"31 February 1980\""), "the raw date is kept");
}

#[test]
fn duplicated_rows_are_kept_once() {
    let dir = tmp();
    let row = "| 1 | A B | 1 January 1950 | 1 January 1960 |\n";
    let record = format!("{HEAD}{row}{row}");
    let out = ingest(dir.path(), "twice.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &["records/twice.txt:9: warning: row repeats the row at line 8; kept once"],
    );
    let nt = exported(dir.path());
    let tenures = nt
        .lines()
        .filter(|l| l.contains("ontology#holder>"))
        .count();
    assert_eq!(tenures, 1, "{nt}");
}

#[test]
fn hostile_names_are_valid_literals_and_iris() {
    let dir = tmp();
    // Hostile characters in a name-shaped cell (a cell of lower-case words is not a
    // person's name and makes no tenure).
    let name = "Jo \"Q\" <b> Back\\slash \u{1} \u{200F}RTL\u{200E} {X} `Y` #Z %41";
    let record = format!("{HEAD}| 1 | {name} | 1 January 1950 | 1 January 1960 |\n");
    let out = ingest(dir.path(), "names.txt", record.as_bytes(), true);
    assert_diagnostics(
        &out,
        &["records/names.txt:8: warning: control characters replaced by spaces"],
    );
    // `exported` parses the N-Triples back; Turtle must parse too.
    let nt = exported(dir.path());
    assert!(nt.contains(r#""Jo \"Q\" <b> Back\\slash"#), "{nt}");
    let ttl = officegraph(
        dir.path(),
        &["export", "--store", "store", "--format", "ttl"],
    );
    assert_exit(&ttl, 0);
    for quad in
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle).for_slice(&ttl.stdout)
    {
        quad.unwrap_or_else(|e| panic!("Turtle does not parse back: {e}"));
    }
}

/// Runs `f` and prints its wall time (for information: speed is measured in
/// `benches/`, never asserted in tests).
fn timed(what: &str, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    let took = start.elapsed();
    let _ = writeln!(std::io::stderr(), "bad_input: {what} took {took:.2?}");
}

#[test]
fn fifty_megabyte_record() {
    let dir = tmp();
    let paragraph =
        "The holder of the office signed 12 decrees on 3 May 1960, replacing the Chair. "
            .repeat(12)
            + "\n\n";
    let mut record = String::from(&HEAD[..HEAD.find("== Holders").unwrap()]);
    while record.len() < 50 * 1024 * 1024 {
        record.push_str(&paragraph);
    }
    record.push_str(&HEAD[HEAD.find("== Holders").unwrap()..]);
    record.push_str("| 1 | A B | 1 January 1950 | 1 January 1960 |\n");
    fs::create_dir_all(dir.path().join("records")).unwrap();
    fs::write(dir.path().join("records/big.txt"), &record).unwrap();
    timed("ingest of a 50 MB record", || {
        let out = officegraph(
            dir.path(),
            &["ingest", "records/big.txt", "--store", "store"],
        );
        assert_exit(&out, 0);
    });
    assert_holders(dir.path(), &["A B"]);
    // No time bound here: `cargo bench --bench parse_scaling` (BENCHMARKS.md) shows
    // parse time is linear in size; this test shows a 50 MB record is taken whole.
}

#[test]
fn hundred_thousand_column_row() {
    let dir = tmp();
    let record = format!(
        "{HEAD}| 1 | A B | 1 January 1950 | 1 January 1960 |\n| 2 | C D | 1 January 1960 | 1 January 1970 |{}\n",
        " x |".repeat(100_000)
    );
    fs::create_dir_all(dir.path().join("records")).unwrap();
    fs::write(dir.path().join("records/wide.txt"), &record).unwrap();
    timed("ingest of a 100,000-column row", || {
        let out = officegraph(
            dir.path(),
            &["ingest", "records/wide.txt", "--store", "store"],
        );
        assert_exit(&out, 0);
        assert_diagnostics(
            &out,
            &["records/wide.txt:9: warning: row has more cells (100004) than the table has columns (4)"],
        );
    });
    assert_holders(dir.path(), &["A B", "C D"]);
}

#[cfg(unix)]
#[test]
fn folder_with_a_symlink_loop() {
    let dir = tmp();
    let record = format!("{HEAD}| 1 | A B | 1 January 1950 | 1 January 1960 |\n");
    fs::create_dir_all(dir.path().join("records/sub")).unwrap();
    fs::write(dir.path().join("records/sub/a.txt"), record).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("records/sub/loop")).unwrap();
    let out = officegraph(dir.path(), &["ingest", "records", "--store", "store"]);
    assert_exit(&out, 0);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("records/sub/loop: warning: symlink loop back to "),
        "{stderr}"
    );
    assert!(
        stderr.contains("; not followed\ningested 1 records"),
        "{stderr}"
    );
    assert_holders(dir.path(), &["A B"]);
    let strict = officegraph(
        dir.path(),
        &["ingest", "records", "--store", "strict", "--strict"],
    );
    assert_exit(&strict, 1);
}

/// Dangling symlinks and loops of symlinks inside a folder are warned (the path
/// escaped like every printed path), and the walk goes on (issue 14, item 11).
#[cfg(unix)]
#[test]
fn folder_with_dangling_symlinks_and_symlink_loops() {
    let dir = tmp();
    let records = dir.path().join("records");
    fs::create_dir_all(&records).unwrap();
    let record = format!("{HEAD}| 1 | A B | 1 January 1950 | 1 January 1960 |\n");
    fs::write(records.join("a.txt"), record).unwrap();
    let link =
        |target: &str, name: &str| std::os::unix::fs::symlink(target, records.join(name)).unwrap();
    link("missing.txt", "gone.txt");
    link("nowhere", "odd\nname.txt");
    link("self", "self");
    link("pong", "ping");
    link("ping", "pong");
    let out = officegraph(dir.path(), &["ingest", "records", "--store", "store"]);
    assert_exit(&out, 0);
    assert_diagnostics(
        &out,
        &[
            "records/gone.txt: warning: dangling symlink: its target missing.txt does not exist; skipped",
            "records/odd\\nname.txt: warning: dangling symlink: its target nowhere does not exist; skipped",
            "records/ping: warning: symlink loop: the link to pong never reaches a file or folder; skipped",
            "records/pong: warning: symlink loop: the link to ping never reaches a file or folder; skipped",
            "records/self: warning: symlink loop: the link to self never reaches a file or folder; skipped",
        ],
    );
    assert!(
        text(&out.stderr).contains("ingested 1 records"),
        "{}",
        text(&out.stderr)
    );
    assert_holders(dir.path(), &["A B"]);
    let strict = officegraph(
        dir.path(),
        &["ingest", "records", "--store", "strict", "--strict"],
    );
    assert_exit(&strict, 1);
}

#[test]
fn unreadable_path_exits_2() {
    let dir = tmp();
    let out = officegraph(
        dir.path(),
        &["ingest", "records/missing.txt", "--store", "store"],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("records/missing.txt"),
        "{}",
        text(&out.stderr)
    );
}

/// A newline in a file name forged a second `file:line: error:` line, and an ESC in it
/// reached the terminal: names are printed with control characters escaped.
#[test]
fn control_characters_in_a_file_name_are_escaped_in_diagnostics() {
    let dir = tmp();
    let name = "a\nb.txt:9: error: forged\u{1b}[2J.txt";
    let out = ingest(dir.path(), name, b"no title here\n", true);
    let lines = diagnostics(&out);
    assert!(!lines.is_empty(), "{}", text(&out.stderr));
    for line in &lines {
        assert!(
            line.starts_with("records/a\\nb.txt:9: error: forged\\x1b[2J.txt:"),
            "{line}"
        );
    }
    assert!(!text(&out.stderr).contains('\u{1b}'));
}
