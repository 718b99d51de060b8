//! Interoperability: every export of the seed records (and the canonical N-Quads of
//! `export --canonical`) is re-read by independent parsers — rapper (raptor2-utils),
//! serdi and rdflib — which must count the same statements we wrote; rdflib also
//! checks that the canonical N-Quads is isomorphic to the plain export, and Apache
//! Jena's RIOT validates (strictly) and counts all four formats. A missing tool is
//! reported as SKIPPED on the terminal (`scripts/install-checkers.sh` installs them;
//! `.ci/run` calls it).

use crate::cli::{assert_exit, officegraph, text};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Says loudly, past the test harness's output capture, that a check was skipped.
fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {what} (run scripts/install-checkers.sh) ***"
    );
}

fn available(tool: &str, probe: &[&str]) -> bool {
    Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The number of non-blank lines of an N-Triples/N-Quads file: one statement each.
fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

fn seeds_exported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/records");
    let out = officegraph(
        dir.path(),
        &["run", "--records", seeds.to_str().unwrap(), "--out", "out"],
    );
    assert_exit(&out, 0);
    let out = officegraph(
        dir.path(),
        &[
            "export",
            "--store",
            "out/store",
            "--canonical",
            "-o",
            "out/canonical.nq",
        ],
    );
    assert_exit(&out, 0);
    dir
}

#[test]
fn rapper_serdi_and_rdflib_count_what_we_wrote() {
    let dir = seeds_exported();
    let out = dir.path().join("out");
    let triples = line_count(&out.join("graph.nt"));
    let quads = line_count(&out.join("graph.nq"));
    assert!(
        triples > 1000 && quads >= triples,
        "{triples} triples, {quads} quads"
    );
    // (file, rapper syntax, serdi syntax, rdflib format, expected statements)
    let files = [
        ("graph.ttl", "turtle", "turtle", "turtle", triples),
        ("graph.nt", "ntriples", "ntriples", "nt", triples),
        ("graph.nq", "nquads", "nquads", "nquads", quads),
        ("graph.trig", "trig", "trig", "trig", quads),
        ("canonical.nq", "nquads", "nquads", "nquads", quads),
    ];
    let rdflib = "import sys, rdflib\n\
                  path, fmt = sys.argv[1], sys.argv[2]\n\
                  if fmt in ('nquads', 'trig'):\n\
                  \x20   d = rdflib.Dataset(); d.parse(path, format=fmt); print(len(set(d.quads())))\n\
                  else:\n\
                  \x20   g = rdflib.Graph(); g.parse(path, format=fmt); print(len(g))\n";
    let checkers: [(&str, &[&str], &str); 3] = [
        ("rapper", &["--version"], "rapper (raptor2-utils)"),
        ("serdi", &["-v"], "serdi"),
        ("python3", &["-c", "import rdflib"], "rdflib (PyPI)"),
    ];
    let mut ran = 0;
    for (index, (tool, probe, name)) in checkers.into_iter().enumerate() {
        if !available(tool, probe) {
            skipped(&format!("{name} is not installed"));
            continue;
        }
        for (file, rapper_syntax, serdi_syntax, rdflib_format, expected) in files {
            let path = out.join(file);
            let path = path.to_str().unwrap();
            let args: Vec<&str> = match index {
                0 => vec!["-q", "-i", rapper_syntax, "-o", "nquads", path],
                1 => vec!["-i", serdi_syntax, "-o", "nquads", path],
                _ => vec!["-c", rdflib, path, rdflib_format],
            };
            let o = Command::new(tool).args(&args).output().unwrap();
            assert!(o.status.success(), "{name} {file}: {}", text(&o.stderr));
            let stdout = text(&o.stdout);
            let count = if index == 2 {
                stdout.trim().parse().unwrap_or(usize::MAX)
            } else {
                stdout.lines().filter(|l| !l.trim().is_empty()).count()
            };
            assert_eq!(count, expected, "{name} counts {file}");
            ran += 1;
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "interop: {ran} of 15 independent parses ran"
    );
}

/// rdflib reads the canonical N-Quads and the plain N-Quads export as the same
/// dataset: the same graph names, each graph isomorphic (`rdflib.compare.isomorphic`).
#[test]
fn rdflib_finds_the_canonical_export_isomorphic_to_the_plain_one() {
    if !available("python3", &["-c", "import rdflib.compare"]) {
        skipped("rdflib (PyPI) is not installed");
        return;
    }
    let dir = seeds_exported();
    let out = dir.path().join("out");
    let script = "import sys, rdflib\n\
                  from rdflib.compare import isomorphic\n\
                  def graphs(path):\n\
                  \x20   d = rdflib.Dataset(); d.parse(path, format='nquads')\n\
                  \x20   return {g.identifier: g for g in d.graphs() if len(g)}\n\
                  a, b = graphs(sys.argv[1]), graphs(sys.argv[2])\n\
                  assert a.keys() == b.keys(), 'graph names differ'\n\
                  bad = [k for k in a if not isomorphic(a[k], b[k])]\n\
                  assert not bad, 'not isomorphic: %s' % bad[:3]\n\
                  print(len(a), sum(len(g) for g in a.values()))\n";
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(out.join("canonical.nq"))
        .arg(out.join("graph.nq"))
        .output()
        .unwrap();
    assert!(o.status.success(), "rdflib: {}", text(&o.stderr));
    let stdout = text(&o.stdout);
    let quads: usize = stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert_eq!(quads, line_count(&out.join("graph.nq")), "rdflib: {stdout}");
}

/// How to run Apache Jena's `riot`: a `riot` on the PATH (Jena's own distribution),
/// else `java` with Debian's libapache-jena-java jars from /usr/share/java.
fn riot_command(scratch: &Path) -> Option<Command> {
    if available("riot", &["--version"]) {
        return Some(Command::new("riot"));
    }
    let jars = Path::new("/usr/share/java");
    if !available("java", &["-version"]) || !jars.join("jena-cmds.jar").is_file() {
        return None;
    }
    // Jena and what its Debian package depends on; one slf4j binding (nop), as the
    // directory holds several that refuse to load together.
    let names = [
        "jena-cmds",
        "jena-arq",
        "jena-core",
        "jena-base",
        "jena-iri",
        "jena-rdfconnection",
        "jena-shacl",
        "jena-shex",
        "jena-tdb",
        "jena-tdb2",
        "jena-dboe-base",
        "jena-dboe-index",
        "jena-dboe-storage",
        "jena-dboe-trans-data",
        "jena-dboe-transaction",
        "commons-cli",
        "commons-codec",
        "commons-compress",
        "commons-csv",
        "commons-io",
        "commons-lang3",
        "dexx.collection",
        "gson",
        "guava",
        "jackson-core",
        "jackson-databind",
        "jackson-annotations",
        "jsonld-java",
        "protobuf",
        "thrift",
        "titanium-json-ld",
        "jakarta.json-api",
        "httpclient",
        "httpcore",
        "slf4j-api",
        "slf4j-nop",
    ];
    let mut classpath = vec![debian_xerces_messages(
        scratch,
        &jars.join("jena-core.jar"),
    )?];
    classpath.extend(
        names
            .iter()
            .map(|n| jars.join(format!("{n}.jar")))
            .filter(|p| p.is_file())
            .map(|p| p.to_string_lossy().into_owned()),
    );
    let mut command = Command::new("java");
    command.args(["-cp", &classpath.join(":"), "riotcmd.riot"]);
    Some(command)
}

/// Debian's jena-core 4.5.0 moves Jena's shaded Xerces classes to `xerces.*` but
/// leaves their message bundles under `org/apache/jena/ext/xerces/`, and XSD datatype
/// initialisation then dies with "internal error". A folder holding the bundles at the
/// path the classes look for goes first on the class path.
fn debian_xerces_messages(scratch: &Path, jena_core: &Path) -> Option<String> {
    let dir = scratch.join("xerces-messages");
    let script = "import sys, zipfile, os\n\
                  jar, out = sys.argv[1], sys.argv[2]\n\
                  old = 'org/apache/jena/ext/xerces/'\n\
                  for name in zipfile.ZipFile(jar).namelist():\n\
                  \x20   if name.startswith(old) and name.endswith('.properties'):\n\
                  \x20       path = os.path.join(out, 'xerces', name[len(old):])\n\
                  \x20       os.makedirs(os.path.dirname(path), exist_ok=True)\n\
                  \x20       open(path, 'wb').write(zipfile.ZipFile(jar).read(name))\n";
    let ok = Command::new("python3")
        .args(["-c", script])
        .arg(jena_core)
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| dir.to_string_lossy().into_owned())
}

/// `riot --validate --count` (strict: warnings fail too) on the four exports in one
/// JVM; its counts must be ours.
#[test]
fn jena_riot_validates_and_counts_every_format() {
    let dir = seeds_exported();
    let Some(mut riot) = riot_command(dir.path()) else {
        skipped("Apache Jena's riot is not installed (Debian libapache-jena-java + a JRE)");
        return;
    };
    let out = dir.path().join("out");
    let triples = line_count(&out.join("graph.nt"));
    let quads = line_count(&out.join("graph.nq"));
    let files = [
        ("graph.ttl", "Triples", triples),
        ("graph.trig", "Quads", quads),
        ("graph.nt", "Triples", triples),
        ("graph.nq", "Quads", quads),
    ];
    let o = riot
        .args(["--validate", "--count"])
        .args(files.iter().map(|(f, _, _)| out.join(f)))
        .output()
        .unwrap();
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "riot:\n{stdout}\n{stderr}");
    for (file, kind, expected) in files {
        // `file:///…/graph.ttl : Triples = 1,108` on stderr (digits grouped by locale).
        let line = stdout
            .lines()
            .chain(stderr.lines())
            .find(|l| l.contains(&format!("/{file} : {kind} = ")))
            .unwrap_or_else(|| panic!("riot says nothing about {file}:\n{stdout}\n{stderr}"));
        let count: String = line
            .rsplit('=')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(
            count.parse::<usize>().ok(),
            Some(expected),
            "riot counts {file}"
        );
    }
}
