//! Command line: `run` — the main job: ingest the records (a folder, `data/records`,
//! or the seeds built into the binary) into `OUT/store`, write `OUT/graph.{ttl,nt,nq,trig}`,
//! run every stored query into `OUT/queries/<name>.csv`, draw every position's timeline
//! into `OUT/timelines/<position>.svg`, and print a summary.

use super::ingest::{self, Tally};
use super::{Outcome, RunArgs};
use officegraph::export::{export, ExportFormat};
use officegraph::pipeline;
use officegraph::query::{self, Catalog, ResultFormat};
use officegraph::store::write_atomically;
use officegraph::store::GraphStore;
use officegraph::validate::{self, report, Severity, Shapes};
use officegraph::vocab;
use anyhow::Context;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The records folder `run` uses when it exists in the current folder.
const DEFAULT_RECORDS: &str = "data/records";

pub fn run(args: RunArgs) -> anyhow::Result<Outcome> {
    // Like the records, the alias table defaults to the one in ./data when there is one.
    let local_aliases = Path::new("data/aliases.csv");
    let aliases = args
        .aliases
        .as_deref()
        .or_else(|| local_aliases.is_file().then_some(local_aliases));
    let config = ingest::config(&args.base, aliases, args.columns.as_deref())?;
    let records = match args.records {
        Some(dir) if dir.exists() => Some(dir),
        Some(dir) => anyhow::bail!("--records {}: no such folder or file", dir.display()),
        None => Some(PathBuf::from(DEFAULT_RECORDS)).filter(|d| d.is_dir()),
    };
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;

    // A fresh store: records removed from the folder must not linger from an earlier run.
    let _lock = super::lock_store(&args.out.join("store"), "officegraph run")?;
    let mut store = GraphStore::fresh_with(&args.out.join("store"), args.backend)?;
    let mut tally = Tally::default();
    let source = match &records {
        Some(dir) => {
            let files = tally.collect(std::slice::from_ref(dir));
            tally.process_files(&mut store, &files, &config);
            dir.display().to_string()
        }
        None => {
            for (name, bytes) in super::embedded::RECORDS {
                let source = format!("{DEFAULT_RECORDS}/{name}");
                let lower = name.to_ascii_lowercase();
                let record = if lower.ends_with(".csv") {
                    pipeline::process_csv(&source, name, bytes, &config)
                } else if lower.ends_with(".html") || lower.ends_with(".htm") {
                    pipeline::process_html(&source, name, bytes, &config)
                } else {
                    pipeline::process_text(&source, name, bytes, &config)
                };
                tally.load(&mut store, record);
            }
            "the seed records built into officegraph".to_owned()
        }
    };
    store.set_base(&config.base);
    ingest::reconcile_across_records(&mut store)?;
    store.save()?;

    let mut triples = 0;
    let mut exports = Vec::new();
    for format in ExportFormat::ALL {
        let path = args.out.join(format!("graph.{}", format.extension()));
        write_atomically(&path, |w| {
            let n = export(store.oxigraph(), format, None, &config.base, w)?;
            if format == ExportFormat::NTriples {
                triples = n;
            }
            anyhow::Ok(())
        })
        .with_context(|| format!("cannot write {}", path.display()))?;
        exports.push(path.display().to_string());
    }

    // Validate (DESIGN §4: the main job validates): the report goes to a file, the
    // counts into the summary; a violation makes the job end with exit 1.
    let shapes = Shapes::builtin().context("the built-in shapes")?;
    let validation = validate::validate(&store, &shapes, &validate::Options::default())?;
    let validation_path = args.out.join("validation.txt");
    write_atomically(&validation_path, |w| {
        report::write_text(w, &validation).map_err(anyhow::Error::from)
    })
    .with_context(|| format!("cannot write {}", validation_path.display()))?;

    let queries_dir = args.out.join("queries");
    let catalog = Catalog::builtin().context("the stored queries built into officegraph")?;
    let date = match args.date {
        Some(date) => {
            officegraph::record::date::parse_date(&date)
                .ok()
                .filter(|d| d.precision() == officegraph::record::Precision::Day)
                .with_context(|| format!("--date {date}: expected YYYY-MM-DD"))?;
            date
        }
        None => today_utc(),
    };
    let queries = run_queries(store.oxigraph(), &catalog, &queries_dir, &date)?;
    let timelines_dir = args.out.join("timelines");
    let timeline_options = super::timeline::options(Some(&date), None)?;
    let timelines =
        super::timeline::write_every_position(store.oxigraph(), &timelines_dir, &timeline_options)?;

    let mut summary = format!(
        "officegraph: {} records from {source}, {triples} triples, {} warnings, {} errors\n",
        tally.records, tally.warnings, tally.errors
    );
    summary.push_str(&format!("  store:   {}\n", store.dir().display()));
    summary.push_str(&format!("  graph:   {}\n", exports.join(" ")));
    summary.push_str(&format!(
        "  checks:  {} ({} violations, {} warnings)\n",
        validation_path.display(),
        validation.count(Severity::Violation),
        validation.count(Severity::Warning)
    ));
    summary.push_str(&format!(
        "  queries: {} ({} results, {} skipped, {} failed)\n",
        queries_dir.display(),
        queries.written,
        queries.skipped,
        queries.failed
    ));
    summary.push_str(&format!(
        "  timelines: {} ({timelines} SVGs, one per position)\n",
        timelines_dir.display()
    ));
    match io::stdout().lock().write_all(summary.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(e).context("cannot write to stdout")
        }
        _ => {}
    }
    if queries.failed > 0 {
        anyhow::bail!("{} stored queries failed", queries.failed);
    }
    if !validation.conforms() {
        return Ok(Outcome::Problems);
    }
    tally.outcome(args.strict)
}

/// How the stored queries went.
#[derive(Debug, Default, PartialEq, Eq)]
struct QueryTally {
    written: usize,
    skipped: usize,
    failed: usize,
}

/// Runs every stored query with its parameters' defaults, each into
/// `dir/<name>.csv` (written atomically). A query with a required parameter that has
/// no default is skipped with a note; a failing query is reported and counted.
fn run_queries(
    store: &oxigraph::store::Store,
    catalog: &Catalog,
    dir: &Path,
    date: &str,
) -> anyhow::Result<QueryTally> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tally = QueryTally::default();
    let mut stderr = io::stderr().lock();
    for stored in catalog.iter() {
        if !is_safe_file_stem(&stored.name) {
            let _ = writeln!(
                stderr,
                "officegraph: note: query {:?} skipped: its name is not a file name",
                stored.name
            );
            tally.skipped += 1;
            continue;
        }
        let missing: Vec<&str> = stored
            .params
            .iter()
            .filter(|p| p.default.is_none())
            .map(|p| p.name.as_str())
            .collect();
        if !missing.is_empty() && missing.iter().all(|p| matches!(*p, "position" | "date")) {
            // A query about one position (and a date) runs for every position, on the --date (today by default).
            let path = dir.join(format!("{}.csv", stored.name));
            let result = write_atomically(&path, |w| {
                for_every_position(store, &stored.text, &missing, date, w)
            });
            match result {
                Ok(()) => tally.written += 1,
                Err(e) => {
                    let _ = writeln!(stderr, "officegraph: error: query {}: {e:#}", stored.name);
                    tally.failed += 1;
                }
            }
            continue;
        }
        if !missing.is_empty() {
            let _ = writeln!(
                stderr,
                "officegraph: note: query {} skipped: it needs --param {} (try `officegraph query {} --param …`)",
                stored.name,
                missing.join(", --param "),
                stored.name
            );
            tally.skipped += 1;
            continue;
        }
        let params: Vec<(String, String)> = stored
            .params
            .iter()
            .filter_map(|p| Some((p.name.clone(), p.default.clone()?)))
            .collect();
        let path = dir.join(format!("{}.csv", stored.name));
        let result = write_atomically(&path, |w| {
            query::run_to_writer(store, &stored.text, &params, ResultFormat::Csv, w)
                .map_err(anyhow::Error::from)
        });
        match result {
            Ok(()) => tally.written += 1,
            Err(e) => {
                let _ = writeln!(stderr, "officegraph: error: query {}: {e:#}", stored.name);
                tally.failed += 1;
            }
        }
    }
    Ok(tally)
}

/// Runs a query once per position of the store (its `date` parameter, if any, set to
/// `date`), as one CSV: the header once, then every position's rows, in IRI order.
fn for_every_position(
    store: &oxigraph::store::Store,
    text: &str,
    params: &[&str],
    date: &str,
    writer: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut positions = std::collections::BTreeSet::new();
    for quad in store.quads_for_pattern(
        None,
        Some(vocab::ext::RDF_TYPE),
        Some(vocab::og::POSITION.into()),
        None,
    ) {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(node) = quad?.subject {
            positions.insert(node.into_string());
        }
    }
    let mut wrote_header = false;
    for position in positions {
        let values: Vec<(String, String)> = params
            .iter()
            .map(|p| {
                (
                    p.to_string(),
                    if *p == "date" {
                        date.to_owned()
                    } else {
                        position.clone()
                    },
                )
            })
            .collect();
        let mut buffer = Vec::new();
        query::run_to_writer(store, text, &values, ResultFormat::Csv, &mut buffer)?;
        let body = match buffer.iter().position(|b| *b == b'\n') {
            Some(end) if wrote_header => &buffer[end + 1..],
            _ => &buffer[..],
        };
        writer.write_all(body)?;
        wrote_header = true;
    }
    Ok(())
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (the timelines' calendar).
fn today_utc() -> String {
    officegraph::timeline::today_utc().to_string()
}

/// Days since 1970-01-01 → `YYYY-MM-DD`.
#[cfg(test)]
fn civil_from_days(days: i64) -> String {
    officegraph::timeline::civil_from_days(days).to_string()
}

/// Letters, digits, `-`, `_`, `.`, not starting with `.`: safe as `<name>.csv`.
fn is_safe_file_stem(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(19_723), "2024-01-01");
        assert_eq!(civil_from_days(19_782), "2024-02-29");
        assert_eq!(civil_from_days(20_781), "2026-11-24");
    }

    #[test]
    fn query_names_become_file_names_only_when_safe() {
        assert!(is_safe_file_stem("tenures-by-person"));
        assert!(is_safe_file_stem("q_1.v2"));
        for bad in ["", ".hidden", "../x", "a/b", "a b", "ä"] {
            assert!(!is_safe_file_stem(bad), "{bad}");
        }
    }

    #[test]
    fn the_builtin_catalog_runs_into_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = oxigraph::store::Store::new().unwrap();
        let queries = dir.path().join("queries");
        let catalog = Catalog::builtin().unwrap();
        let tally = run_queries(&store, &catalog, &queries, "2024-01-01").unwrap();
        assert!(queries.is_dir());
        let csvs = fs::read_dir(&queries).unwrap().count();
        assert_eq!(csvs, tally.written);
        assert_eq!(
            tally.written + tally.skipped + tally.failed,
            catalog.iter().count()
        );
    }
}
