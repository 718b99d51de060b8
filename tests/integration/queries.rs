//! The stored queries through the command line, on the seed records: `queries`,
//! `query NAME|FILE|-`, parameters, formats and exit codes.

use crate::cli::{assert_exit, officegraph, seeds_store, text};
use std::io::Write;
use std::process::{Command, Stdio};

fn csv_rows(stdout: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(stdout);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn queries_lists_every_stored_query() {
    let dir = tempfile::tempdir().unwrap();
    let out = officegraph(dir.path(), &["queries"]);
    assert_exit(&out, 0);
    let listing = text(&out.stdout);
    for name in [
        "officeholders",
        "incumbents",
        "holder-on-date",
        "succession",
        "died-in-office",
        "multiple-positions",
        "longest-tenures",
        "tenures-by-term",
    ] {
        assert!(listing.contains(name), "{name} missing from:\n{listing}");
    }
}

#[test]
fn officeholders_by_label_gives_the_sixteen_general_secretary_tenures() {
    let dir = seeds_store();
    let out = officegraph(
        dir.path(),
        &[
            "query",
            "officeholders",
            "--store",
            "store",
            "--format",
            "csv",
            "--param",
            "position=General Secretary of the Communist Party of Vietnam",
        ],
    );
    assert_exit(&out, 0);
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 16, "{}", text(&out.stdout));
    assert!(rows[0].iter().any(|c| c == "Trần Phú"), "{:?}", rows[0]);
    assert!(rows[15].iter().any(|c| c == "Tô Lâm"), "{:?}", rows[15]);
}

#[test]
fn holder_on_date_and_incumbents_answer_from_the_seeds() {
    let dir = seeds_store();
    let out = officegraph(
        dir.path(),
        &[
            "query",
            "holder-on-date",
            "--store",
            "store",
            "--format",
            "tsv",
            "--param",
            "position=General Secretary of the Communist Party of Vietnam",
            "--param",
            "date=1990-01-01",
        ],
    );
    assert_exit(&out, 0);
    assert!(
        text(&out.stdout).contains("Nguyễn Văn Linh"),
        "{}",
        text(&out.stdout)
    );
    let out = officegraph(dir.path(), &["query", "incumbents", "--store", "store"]);
    assert_exit(&out, 0);
    let table = text(&out.stdout);
    for name in ["Tô Lâm", "Trần Cẩm Tú", "Nguyễn Tân Cương"] {
        assert!(table.contains(name), "{name}:\n{table}");
    }
}

#[test]
fn a_query_from_a_file_or_stdin_runs_in_every_format() {
    let dir = seeds_store();
    let query = "PREFIX og: <https://w3id.org/officegraph/ontology#>\nSELECT (COUNT(*) AS ?n) WHERE { ?t a og:Tenure }";
    std::fs::write(dir.path().join("count.rq"), query).unwrap();
    for format in ["table", "csv", "tsv", "json", "xml"] {
        let out = officegraph(
            dir.path(),
            &["query", "count.rq", "--store", "store", "--format", format],
        );
        assert_exit(&out, 0);
        assert!(
            text(&out.stdout).contains("40"),
            "{format}: {}",
            text(&out.stdout)
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_officegraph"))
        .args(["query", "-", "--store", "store", "--format", "csv"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(query.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_exit(&out, 0);
    assert_eq!(text(&out.stdout), "n\r\n40\r\n");
}

#[test]
fn query_errors_exit_2_with_a_message() {
    let dir = seeds_store();
    for args in [
        vec!["query", "no-such-query", "--store", "store"],
        vec!["query", "../etc/passwd", "--store", "store"],
        vec!["query", "officeholders", "--store", "store"],
        vec![
            "query",
            "officeholders",
            "--store",
            "store",
            "--param",
            "position=No Such Office",
        ],
        vec![
            "query",
            "incumbents",
            "--store",
            "store",
            "--param",
            "bogus=1",
        ],
        vec!["query", "incumbents", "--store", "missing-store"],
    ] {
        let out = officegraph(dir.path(), &args);
        assert_exit(&out, 2);
        assert!(
            text(&out.stderr).starts_with("officegraph: error:"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn an_injected_parameter_is_only_a_literal() {
    let dir = seeds_store();
    let out = officegraph(
        dir.path(),
        &[
            "query",
            "holder-on-date",
            "--store",
            "store",
            "--param",
            "position=\"} ; DROP ALL ; {\"",
            "--param",
            "date=1990",
        ],
    );
    assert_exit(&out, 2);
    let after = officegraph(
        dir.path(),
        &["query", "incumbents", "--store", "store", "--format", "csv"],
    );
    assert_exit(&after, 0);
    assert_eq!(csv_rows(&after.stdout).len(), 3, "the store is untouched");
}

#[test]
fn a_runaway_query_is_cancelled_by_its_timeout() {
    let dir = seeds_store();
    std::fs::write(
        dir.path().join("slow.rq"),
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = officegraph(
        dir.path(),
        &["query", "slow.rq", "--store", "store", "--timeout", "1"],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("exceeded the --timeout of 1 s"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    // A quick query under the same timeout still answers.
    let ok = officegraph(
        dir.path(),
        &["query", "incumbents", "--store", "store", "--timeout", "30"],
    );
    assert_exit(&ok, 0);
}

/// A query nested thousands of levels deep overflowed the evaluating thread's stack
/// and aborted the process (exit 134); it is refused before parsing, exit 2, with its
/// place.
#[test]
fn a_deeply_nested_query_is_refused_not_a_crash() {
    let dir = seeds_store();
    let deep = format!(
        "SELECT * WHERE {{ FILTER ({}1{}) }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    std::fs::write(dir.path().join("deep.rq"), &deep).unwrap();
    let out = officegraph(dir.path(), &["query", "deep.rq", "--store", "store"]);
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("more than 100 levels deep (line 1, column"),
        "{stderr}"
    );
}

/// An update given to `query` said "expected CONSTRUCT"; a query file or stdin was read
/// whole, however large (`/dev/zero` reached 4.5 GB). Both are refused, exit 2.
#[test]
fn updates_and_oversized_queries_are_refused_with_their_reason() {
    let dir = seeds_store();
    let mut child = Command::new(env!("CARGO_BIN_EXE_officegraph"))
        .args(["query", "-", "--store", "store"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"INSERT DATA { <http://a> <http://a> <http://a> }")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(!stderr.contains("CONSTRUCT"), "{stderr}");

    let big = format!("ASK {{}}\n#{}\n", "x".repeat(1 << 20));
    std::fs::write(dir.path().join("big.rq"), big).unwrap();
    let out = officegraph(dir.path(), &["query", "big.rq", "--store", "store"]);
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("more than 1048576 bytes"), "{stderr}");

    // stdin from an endless source stops at the limit instead of filling memory.
    let out = Command::new(env!("CARGO_BIN_EXE_officegraph"))
        .args(["query", "-", "--store", "store"])
        .current_dir(dir.path())
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("more than 1048576 bytes"),
        "{}",
        text(&out.stderr)
    );
}
