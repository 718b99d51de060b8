//! Command line: `query NAME|FILE|- --store DIR [--param k=v]… [--format …]`.
//!
//! The query is a stored query's name, else a path to a `.rq` file, else `-` for
//! stdin. Results go to stdout; a reader that goes away early (`| head`) is not an error.

use super::{Outcome, QueryArgs, ResultFormatArg};
use anyhow::{bail, Context};
use officegraph::query::{self, check_name, Catalog, ResultFormat, Stopped};
use officegraph::store::GraphStore;
use std::io::BufWriter;
use std::path::Path;
use std::time::Duration;

pub fn run(args: QueryArgs) -> anyhow::Result<Outcome> {
    let text = query_text(&args.query)?;
    let params = parse_params(&args.params)?;
    let store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let format = format(args.format);
    let mut out = BufWriter::new(std::io::stdout());
    let result = match args.timeout {
        None => query::run_to_writer(store.oxigraph(), &text, &params, format, &mut out),
        Some(secs) => {
            let limit = Duration::try_from_secs_f64(secs)
                .ok()
                .filter(|d| !d.is_zero())
                .with_context(|| {
                    format!("--timeout {secs}: expected a positive number of seconds")
                })?;
            // Past the limit this returns at once (the process ends; the cancelled
            // evaluation thread with it).
            match query::run_within(store.oxigraph(), text, params, format, limit, out) {
                Ok(result) => result,
                Err(Stopped::TimedOut) => {
                    bail!("query {} exceeded the --timeout of {secs} s", args.query)
                }
                Err(other) => bail!("query {}: {other}", args.query),
            }
        }
    };
    match result {
        Ok(()) => Ok(Outcome::Ok),
        Err(err) if err.is_broken_pipe() => Ok(Outcome::Ok),
        Err(err) => Err(anyhow::Error::new(err).context(format!("query {}", args.query))),
    }
}

pub(super) fn format(arg: ResultFormatArg) -> ResultFormat {
    match arg {
        ResultFormatArg::Table => ResultFormat::Table,
        ResultFormatArg::Csv => ResultFormat::Csv,
        ResultFormatArg::Tsv => ResultFormat::Tsv,
        ResultFormatArg::Json => ResultFormat::Json,
        ResultFormatArg::Xml => ResultFormat::Xml,
    }
}

/// The text of the query `arg` names: `-` is stdin, a stored name its text, a path
/// ending in `.rq` that file. A name is never read as a path.
fn query_text(arg: &str) -> anyhow::Result<String> {
    if arg == "-" {
        return query::read_text(std::io::stdin().lock(), "stdin")
            .context("cannot read the query from stdin");
    }
    if arg.ends_with(".rq") {
        let path = Path::new(arg);
        return std::fs::File::open(path)
            .map_err(|source| query::QueryError::Io {
                path: path.display().to_string(),
                source,
            })
            .and_then(|file| query::read_text(file, &path.display().to_string()))
            .with_context(|| format!("cannot read the query file {}", path.display()));
    }
    let catalog = Catalog::builtin()?;
    if let Err(err) = check_name(arg) {
        bail!("{err} (a query file must end in .rq)");
    }
    Ok(catalog.resolve(arg)?.text.clone())
}

/// `name=value` pairs, in the order given (the value may contain `=`).
fn parse_params(raw: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    raw.iter()
        .map(|item| match item.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                Ok((name.trim().to_owned(), value.to_owned()))
            }
            _ => bail!("--param expects NAME=VALUE, got `{item}`"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_split_at_the_first_equals_sign() {
        let raw = vec!["position=General Secretary".to_owned(), "x=a=b".to_owned()];
        let got = parse_params(&raw).expect("parses");
        assert_eq!(
            got[0],
            ("position".to_owned(), "General Secretary".to_owned())
        );
        assert_eq!(got[1], ("x".to_owned(), "a=b".to_owned()));
        assert!(parse_params(&["novalue".to_owned()]).is_err());
        assert!(parse_params(&["=v".to_owned()]).is_err());
    }

    #[test]
    fn names_files_and_refusals() {
        assert!(query_text("incumbents")
            .expect("stored")
            .contains("og:incumbent"));
        let err = query_text("../queries/incumbents").expect_err("a path is not a name");
        assert!(err.to_string().contains("invalid query name"), "{err}");
        let err = query_text("nope").expect_err("unknown");
        assert!(err.to_string().contains("officeholders"), "{err:#}");
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("mine.rq");
        std::fs::write(&file, "ASK {}").expect("write");
        assert_eq!(
            query_text(&file.display().to_string()).expect("file"),
            "ASK {}"
        );
        assert!(query_text(&dir.path().join("missing.rq").display().to_string()).is_err());
    }
}
