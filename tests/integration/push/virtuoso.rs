//! The Virtuoso round trip: a throwaway Virtuoso 7 (`virtuoso-t`, Debian
//! virtuoso-opensource-7-bin) on free loopback ports, the seed records pushed twice
//! to its Graph Store endpoint and read back through its own SPARQL endpoint: the
//! per-graph counts equal our export's, a few facts hold, nothing is doubled and a
//! stale triple in a pushed graph is gone (a PUT replaces).
//! Without `virtuoso-t` the test says SKIPPED loudly and passes.

use crate::cli::{assert_exit, officegraph, text};
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeMap;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BASE: &str = "https://w3id.org/officegraph/id/";
const PREFIXES: &str = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
                        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
                        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A running throwaway Virtuoso; killed (and its folder removed) on drop, panics
/// included.
struct Virtuoso {
    child: Child,
    dir: tempfile::TempDir,
    sql_port: u16,
    http_port: u16,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Virtuoso {
    /// Starts a fresh server; tries again (3 times in all) when it exits early, as it
    /// does when another process took one of the free ports in the meantime.
    fn start() -> Self {
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Self::try_start() {
                Ok(this) => return this,
                Err(log) => failures.push(log),
            }
        }
        panic!(
            "virtuoso-t exited early, 3 times:\n{}",
            failures.join("\n---\n")
        );
    }

    fn try_start() -> Result<Self, String> {
        let dir = tempfile::tempdir().unwrap();
        let (sql_port, http_port) = (free_port(), free_port());
        let d = dir.path().display();
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\nErrorLogLevel = 7\nFileExtend = 200\n\
             MaxCheckpointRemap = 2000\nStriping = 0\nTempStorage = TempDatabase\n\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\n\
             TransactionFile = {d}/virtuoso-temp.trx\nMaxCheckpointRemap = 2000\nStriping = 0\n\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql_port}\nDisableUnixSocket = 1\n\
             DirsAllowed = ., {d}\nNumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\n\
             ServerThreads = 10\nCheckpointInterval = 60\n\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http_port}\nServerRoot = {d}\n\
             ServerThreads = 5\nMaxClientConnections = 5\n\n\
             [SPARQL]\nResultSetMaxRows = 100000\nMaxQueryExecutionTime = 60\n"
        );
        let ini_path = dir.path().join("virtuoso.ini");
        std::fs::write(&ini_path, ini).unwrap();
        let log = std::fs::File::create(dir.path().join("stdout.log")).unwrap();
        let child = Command::new("virtuoso-t")
            .args(["+foreground", "+configfile"])
            .arg(&ini_path)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("virtuoso-t starts");
        let mut this = Self {
            child,
            dir,
            sql_port,
            http_port,
        };
        this.wait_until_up()?;
        this.isql(
            "GRANT SPARQL_UPDATE TO \"SPARQL\";\nDB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);\n",
        );
        Ok(this)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stdout.log")).unwrap_or_default()
    }

    /// Waits (at most 90 s) until both the SQL and the HTTP listener answer; the
    /// server's log when it exited instead.
    fn wait_until_up(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("virtuoso-t exited ({status}):\n{}", self.log()));
            }
            let up = |port| {
                TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1))
                    .is_ok()
            };
            if up(self.sql_port) && up(self.http_port) && self.log().contains("Server online") {
                return Ok(());
            }
            assert!(
                Instant::now() < deadline,
                "virtuoso-t did not come up in 90 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Runs SQL through `isql-vt` as dba, bounded to 60 s.
    fn isql(&self, sql: &str) {
        let script = self.dir.path().join("script.sql");
        std::fs::write(&script, sql).unwrap();
        let mut child = Command::new("isql-vt")
            .arg(format!("127.0.0.1:{}", self.sql_port))
            .args(["dba", "dba"])
            .arg(&script)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("isql-vt runs");
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("isql-vt did not finish in 60 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let out = child.wait_with_output().unwrap();
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            out.status.success() && !all.contains("*** Error"),
            "isql-vt: {all}"
        );
    }

    fn gsp(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud", self.http_port)
    }

    /// A SELECT through Virtuoso's SPARQL endpoint; rows of CSV values, header dropped.
    fn select(&self, query: &str) -> Vec<Vec<String>> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let body = agent
            .get(format!("http://127.0.0.1:{}/sparql", self.http_port))
            .query("query", format!("{PREFIXES}{query}"))
            .header("Accept", "text/csv")
            .call()
            .unwrap_or_else(|e| panic!("SPARQL query failed: {e}\n{query}"))
            .body_mut()
            .read_to_string()
            .unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    /// Triples per graph under our base IRI.
    fn counts(&self) -> BTreeMap<String, usize> {
        self.select(&format!(
            "SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(STRSTARTS(STR(?g), \"{BASE}\")) }} GROUP BY ?g"
        ))
        .into_iter()
        .map(|row| (row[0].clone(), row[1].parse().unwrap()))
        .collect()
    }

    fn count(&self, pattern: &str) -> usize {
        let rows = self.select(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        ));
        rows[0][0].parse().unwrap()
    }
}

/// Statements per graph in our own N-Quads export.
fn exported_counts(dir: &Path) -> BTreeMap<String, usize> {
    let out = officegraph(dir, &["export", "--store", "store", "--format", "nq"]);
    assert_exit(&out, 0);
    let mut counts = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout) {
        let quad = quad.unwrap();
        let graph = quad.graph_name.to_string();
        let graph = graph.trim_start_matches('<').trim_end_matches('>');
        *counts.entry(graph.to_owned()).or_insert(0) += 1;
    }
    counts
}

fn push(dir: &Path, virtuoso: &Virtuoso) -> Output {
    let out = officegraph(
        dir,
        &["push", "--store", "store", "--endpoint", &virtuoso.gsp()],
    );
    assert_exit(&out, 0);
    out
}

#[test]
fn virtuoso_round_trip_pushed_twice_counts_equal_our_export() {
    if !on_path("virtuoso-t") || !on_path("isql-vt") {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: the Virtuoso round trip: virtuoso-t/isql-vt are not installed \
             (run scripts/install-checkers.sh) ***"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let seeds: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &["ingest", seeds.to_str().unwrap(), "--store", "store"],
    );
    assert_exit(&out, 0);
    let ours = exported_counts(dir.path());
    assert_eq!(ours.len(), 3, "{ours:?}");
    let total: usize = ours.values().sum();

    let virtuoso = Virtuoso::start();
    let first = push(dir.path(), &virtuoso);
    let stdout = text(&first.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("PUT <")).count(),
        3,
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!("({total} triples); 0 failed\n")),
        "{stdout}"
    );
    let after_first = virtuoso.counts();
    assert_eq!(
        after_first, ours,
        "per-graph triples in Virtuoso after the first push"
    );

    let facts = [
        // Trần Phú's tenure starts on 27 October 1930, a day-precision xsd:date.
        "?t og:holder ?h ; og:start \"1930-10-27\"^^xsd:date ; og:ordinal 1 ; og:diedInOffice true . \
         ?h rdfs:label \"Trần Phú\"@en",
        // Tô Lâm is the incumbent General Secretary since 3 August 2024.
        "?t og:holder ?h ; og:incumbent true ; og:start \"2024-08-03\"^^xsd:date . \
         ?h rdfs:label \"Tô Lâm\"@en",
        // Succession survives: Trần Phú's tenure is followed by Lê Hồng Phong's.
        "?t og:next ?n . ?t og:holder/rdfs:label \"Trần Phú\"@en . \
         ?n og:holder/rdfs:label \"Lê Hồng Phong\"@en",
    ];
    for fact in facts {
        assert_eq!(virtuoso.count(fact), 1, "in Virtuoso: {fact}");
    }

    // A stale triple in a pushed graph (as if the record had lost a fact): the
    // second push must replace the graph, not add to it.
    let stale_graph = ours.keys().next().unwrap();
    virtuoso.isql(&format!(
        "SPARQL INSERT DATA {{ GRAPH <{stale_graph}> {{ <urn:x:stale> <urn:x:p> \"stale\" }} }};\n"
    ));
    assert_eq!(virtuoso.count("<urn:x:stale> ?p ?o"), 1);
    let second = push(dir.path(), &virtuoso);
    assert_eq!(
        text(&second.stdout)
            .lines()
            .filter(|l| l.starts_with("PUT <"))
            .count(),
        3
    );
    let after_second = virtuoso.counts();
    assert_eq!(
        after_second, ours,
        "a second push doubled or kept something"
    );
    assert_eq!(
        virtuoso.count("<urn:x:stale> ?p ?o"),
        0,
        "the PUT did not replace"
    );
    for fact in facts {
        assert_eq!(virtuoso.count(fact), 1, "after the second push: {fact}");
    }

    // `link` adds the links graph and a dataset graph: every named graph is pushed.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikidata/world.ttl");
    let out = officegraph(
        dir.path(),
        &[
            "link",
            "--store",
            "store",
            "--with",
            fixture.to_str().unwrap(),
        ],
    );
    assert_exit(&out, 0);
    let linked = exported_counts(dir.path());
    assert_eq!(linked.len(), 5, "{linked:?}");
    let third = push(dir.path(), &virtuoso);
    assert_eq!(
        text(&third.stdout)
            .lines()
            .filter(|l| l.starts_with("PUT <"))
            .count(),
        5
    );
    let after_link = virtuoso.counts();
    assert_eq!(
        after_link, linked,
        "per-graph triples after pushing the links"
    );
    let _ = writeln!(
        std::io::stderr(),
        "virtuoso round trip: ours {total} triples in {} graphs; Virtuoso {} after the first \
         push, {} after the second; with links {} in {} graphs, Virtuoso {}",
        ours.len(),
        after_first.values().sum::<usize>(),
        after_second.values().sum::<usize>(),
        linked.values().sum::<usize>(),
        linked.len(),
        after_link.values().sum::<usize>()
    );
}
