//! `export --canonical`: RDFC-1.0 canonical N-Quads whose bytes and `sha256:` digest
//! do not depend on the run, on the order records were ingested in, or on the output
//! (stdout or `-o FILE`).

use crate::cli::{assert_exit, officegraph, text};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Dataset;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
}

/// Ingests `files` one `ingest` call each, in that order, into `dir/store`.
fn ingest_one_by_one(dir: &Path, store: &str, files: &[PathBuf]) {
    for file in files {
        let out = officegraph(dir, &["ingest", file.to_str().unwrap(), "--store", store]);
        assert_exit(&out, 0);
    }
}

/// `export --canonical -o FILE`: the file's bytes and the digest line on stdout.
fn canonical_to_file(dir: &Path, store: &str, extra: &[&str]) -> (Vec<u8>, String) {
    let file = format!("{store}.canonical.nq");
    let mut args = vec!["export", "--store", store, "--canonical", "-o", &file];
    args.extend_from_slice(extra);
    let out = officegraph(dir, &args);
    assert_exit(&out, 0);
    (fs::read(dir.join(&file)).unwrap(), text(&out.stdout))
}

fn dataset(nquads: &[u8]) -> Dataset {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads)
        .collect::<Result<_, _>>()
        .unwrap()
}

fn digest_line(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}\n")
}

#[test]
fn same_bytes_and_digest_across_runs_and_ingest_orders() {
    let dir = tempfile::tempdir().unwrap();
    let files = seeds();
    let mut reversed = files.clone();
    reversed.reverse();
    let mut rotated = files.clone();
    rotated.rotate_left(1);
    ingest_one_by_one(dir.path(), "forward", &files);
    ingest_one_by_one(dir.path(), "reversed", &reversed);
    ingest_one_by_one(dir.path(), "rotated", &rotated);

    let (bytes, digest) = canonical_to_file(dir.path(), "forward", &[]);
    assert!(!bytes.is_empty());
    assert_eq!(
        digest,
        digest_line(&bytes),
        "the digest is of the bytes written"
    );
    // Two runs on the same store.
    assert_eq!(
        canonical_to_file(dir.path(), "forward", &[]),
        (bytes.clone(), digest.clone())
    );
    // Other ingest orders.
    for store in ["reversed", "rotated"] {
        let (other, other_digest) = canonical_to_file(dir.path(), store, &[]);
        assert!(other == bytes, "{store}: canonical bytes differ");
        assert_eq!(other_digest, digest, "{store}");
    }
    // To stdout: the same bytes, the digest on stderr.
    let out = officegraph(dir.path(), &["export", "--store", "rotated", "--canonical"]);
    assert_exit(&out, 0);
    assert!(out.stdout == bytes, "stdout differs from -o FILE");
    assert_eq!(text(&out.stderr), digest);
    // `--format nq` is allowed and changes nothing.
    let out = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            "forward",
            "--canonical",
            "--format",
            "nq",
        ],
    );
    assert_exit(&out, 0);
    assert!(out.stdout == bytes);
}

#[test]
fn canonical_form_of_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let records = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &["ingest", records.to_str().unwrap(), "--store", "s"],
    );
    assert_exit(&out, 0);
    let (bytes, _) = canonical_to_file(dir.path(), "s", &[]);
    let canonical = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = canonical.split_inclusive('\n').collect();
    assert!(lines.len() > 1000);
    for line in &lines {
        assert!(line.ends_with(" .\n") && !line.contains("  ") && !line.contains('\r'));
        assert!(!line.contains("^^<http://www.w3.org/2001/XMLSchema#string>"));
    }
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(lines, sorted, "sorted by code point, no duplicates");
    // The same dataset as the plain N-Quads export.
    let plain = officegraph(dir.path(), &["export", "--store", "s", "--format", "nq"]);
    assert_exit(&plain, 0);
    assert_eq!(dataset(&plain.stdout), dataset(canonical.as_bytes()));
}

#[test]
fn one_graph() {
    let dir = tempfile::tempdir().unwrap();
    let files = seeds();
    ingest_one_by_one(dir.path(), "s", &files);
    let (all, all_digest) = canonical_to_file(dir.path(), "s", &[]);
    let all = String::from_utf8(all).unwrap();
    let graph = all
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(graph.starts_with('<'), "{graph}");
    let (one, one_digest) = canonical_to_file(dir.path(), "s", &["--graph", &graph]);
    let one = String::from_utf8(one).unwrap();
    assert!(!one.is_empty() && one.len() < all.len());
    assert!(one.lines().all(|l| l.ends_with(&format!(" {graph} ."))));
    assert_eq!(
        one.lines().count(),
        all.lines()
            .filter(|l| l.ends_with(&format!(" {graph} .")))
            .count()
    );
    assert_ne!(one_digest, all_digest);
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let files = seeds();
    ingest_one_by_one(dir.path(), "s", &files[..1]);
    for (args, message) in [
        (
            &["--canonical", "--format", "ttl"][..],
            "--canonical writes N-Quads",
        ),
        (
            &["--canonical", "--profile", "wikidata"][..],
            "og profile only",
        ),
        (&[][..], "--format"),
    ] {
        let mut all = vec!["export", "--store", "s"];
        all.extend_from_slice(args);
        let out = officegraph(dir.path(), &all);
        assert_exit(&out, 2);
        assert!(
            text(&out.stderr).contains(message),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
}
