//! `gen-corpus`: the synthetic corpus is byte-for-byte deterministic and
//! prefix-stable, ingests without errors and with only the warnings it plants, and
//! what ingest extracts matches the generator's ground truth (`corpus.json`) exactly.

use crate::cli::{assert_exit, officegraph, text};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const RECORDS: &str = "200";

/// Every file under `root`, by `/`-separated relative path, with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn digest(tree: &BTreeMap<String, Vec<u8>>) -> String {
    let mut h = Sha256::new();
    for (path, bytes) in tree {
        h.update(path.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn generate(dir: &Path, out: &str, records: &str, seed: &str) -> BTreeMap<String, Vec<u8>> {
    let run = officegraph(
        dir,
        &["gen-corpus", "--records", records, "--seed", seed, out],
    );
    assert_exit(&run, 0);
    tree(&dir.join(out))
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes_and_prefix_stable() {
    let dir = tempfile::tempdir().unwrap();
    let a = generate(dir.path(), "a", RECORDS, "7");
    let b = generate(dir.path(), "b", RECORDS, "7");
    let c = generate(dir.path(), "c", RECORDS, "8");
    assert_eq!(a.len(), 201, "200 records and corpus.json");
    assert!(a
        .keys()
        .all(|k| k == "corpus.json" || k.starts_with("0000/gen")));
    assert_eq!(digest(&a), digest(&b));
    assert_ne!(digest(&a), digest(&c));
    let differing = a.iter().filter(|(k, v)| c.get(*k) != Some(*v)).count();
    assert!(
        differing > 190,
        "only {differing} files differ between seeds"
    );
    // The first 50 records of the 200-record corpus are the 50-record corpus.
    let small = generate(dir.path(), "small", "50", "7");
    assert_eq!(small.len(), 51);
    for (path, bytes) in small.iter().filter(|(k, _)| *k != "corpus.json") {
        assert_eq!(a.get(path), Some(bytes), "{path} differs");
    }
}

#[test]
fn a_corpus_spans_folders_of_a_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let t = generate(dir.path(), "c", "1001", "3");
    assert_eq!(t.keys().filter(|k| k.starts_with("0000/")).count(), 1000);
    assert_eq!(
        t.keys()
            .filter(|k| k.starts_with("0001/"))
            .collect::<Vec<_>>(),
        ["0001/gen0001000.txt"]
    );
}

fn query_csv(dir: &Path, query: &str) -> Vec<Vec<String>> {
    fs::write(dir.join("q.rq"), query).unwrap();
    let out = officegraph(
        dir,
        &["query", "q.rq", "--store", "store", "--format", "csv"],
    );
    assert_exit(&out, 0);
    text(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn ingest_matches_the_ground_truth_exactly() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "corpus", RECORDS, "11");
    let truth: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("corpus/corpus.json")).unwrap()).unwrap();
    let out = officegraph(dir.path(), &["ingest", "corpus", "--store", "store"]);
    assert_exit(&out, 0);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("ingested 200 records"), "{stderr}");
    assert!(stderr.contains(" 0 errors"), "{stderr}");
    // The only warnings are the planted unparseable dates, one per planted date.
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": note: "))
        .collect();
    // An approximate start (`c. 1955`) is read and flagged, with nothing to say; an
    // unknown end (`?`) is kept as written with a note.
    for w in &warnings {
        assert!(
            w.contains(": note: ") && w.contains("`?` says the date is unknown"),
            "a diagnostic the generator did not plant: {w}"
        );
    }
    let planted = truth["planted_warnings"]["unknown_end"].as_u64().unwrap();
    assert_eq!(warnings.len() as u64, planted, "{stderr}");
    assert!(planted > 0, "the corpus should plant some fuzzy dates");

    // Tenures per record, as extracted, equal the plan.
    let rows = query_csv(
        dir.path(),
        "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
         SELECT ?g (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?g { ?t a og:Tenure } } GROUP BY ?g",
    );
    let got: BTreeMap<String, u64> = rows
        .iter()
        .map(|r| {
            let stem = r[0].rsplit('/').next().unwrap().to_owned();
            (stem, r[1].parse().unwrap())
        })
        .collect();
    let per_record = truth["per_record"].as_array().unwrap();
    assert_eq!(per_record.len(), 200);
    for e in per_record {
        let file = e["file"].as_str().unwrap();
        let stem = file.rsplit('/').next().unwrap().trim_end_matches(".txt");
        assert_eq!(
            got.get(stem).copied(),
            e["tenures"].as_u64(),
            "tenures of {file}"
        );
    }
    assert_eq!(
        got.values().sum::<u64>(),
        truth["tenures"].as_u64().unwrap()
    );

    // People: distinct holders, and those holding tenures in several records.
    let people = query_csv(
        dir.path(),
        "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
         SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?t og:holder ?p } }",
    );
    assert_eq!(people[0][0].parse::<u64>().ok(), truth["people"].as_u64());
    let shared = query_csv(
        dir.path(),
        "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
         SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?p (COUNT(DISTINCT ?g) AS ?k) \
         WHERE { GRAPH ?g { ?t og:holder ?p } } GROUP BY ?p } FILTER(?k > 1) }",
    );
    let expected_shared = truth["people_in_several_records"].as_u64().unwrap();
    assert!(expected_shared > 0, "the pool should give shared people");
    assert_eq!(shared[0][0].parse::<u64>().ok(), Some(expected_shared));

    // Rowspan-shifted rows are realigned: no party cell is read as a term, and every
    // term a tenure spans is a numbered one.
    let misread = query_csv(
        dir.path(),
        "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
         PREFIX ogr: <https://w3id.org/officegraph/raw#>\n\
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
         SELECT (COUNT(*) AS ?n) WHERE { \
         { GRAPH ?g { ?t ogr:party ?v } FILTER(REGEX(STR(?v), \"^[0-9]\")) } UNION \
         { GRAPH ?g { ?t og:term ?x . ?x rdfs:label ?l } FILTER(!REGEX(STR(?l), \"^[0-9]\")) } }",
    );
    assert_eq!(misread[0][0], "0", "misaligned cells");
}

#[test]
fn too_many_records_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = officegraph(dir.path(), &["gen-corpus", "--records", "99999999", "c"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("distinct names"),
        "{}",
        text(&out.stderr)
    );
}
