//! Command line: `export` — [`pipeline::export_store`] to stdout or atomically to a
//! file, in the og or the Wikidata profile (`--profile`), or as RDFC-1.0 canonical
//! N-Quads with its SHA-256 (`--canonical`, [`pipeline::export_canonical`]).

use super::progress::Counting;
use super::{ExportArgs, ExportFormatArg, Outcome, ProfileArg};
use anyhow::Context;
use officegraph::export::ExportFormat;
use officegraph::pipeline::{self, ExportRequest, JobError, Profile};
use officegraph::store::write_atomically;
use std::io::{self, Write};

impl From<ExportFormatArg> for ExportFormat {
    fn from(arg: ExportFormatArg) -> Self {
        match arg {
            ExportFormatArg::Ttl => ExportFormat::Turtle,
            ExportFormatArg::Nt => ExportFormat::NTriples,
            ExportFormatArg::Nq => ExportFormat::NQuads,
            ExportFormatArg::Trig => ExportFormat::TriG,
        }
    }
}

impl From<ProfileArg> for Profile {
    fn from(arg: ProfileArg) -> Self {
        match arg {
            ProfileArg::Og => Profile::Og,
            ProfileArg::Wikidata => Profile::Wikidata,
        }
    }
}

pub fn run(args: ExportArgs) -> anyhow::Result<Outcome> {
    if args.canonical {
        check_canonical_args(&args)?;
        return canonical(&args);
    }
    // clap requires `--format` unless `--canonical` is given.
    let format = ExportFormat::from(args.format.context("--format is required")?);
    let request = ExportRequest {
        store: &args.store,
        format,
        graph: args.graph.as_deref(),
        profile: args.profile.into(),
    };
    let spinner = super::progress::bytes_spinner("exporting");
    let write = |w: &mut dyn io::Write| -> Result<(), JobError> {
        let mut w = Counting {
            inner: w,
            bar: spinner.clone(),
        };
        pipeline::export_store(&request, &mut w)
    };
    match &args.output {
        Some(path) => write_atomically(path, |w| write(w).map_err(anyhow::Error::from))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => match write(&mut io::stdout().lock()) {
            Ok(()) => {}
            Err(e) if e.is_broken_pipe() => {} // `| head`: the reader has all it wanted
            Err(e @ JobError::Export(_)) => return Err(e).context("cannot export to stdout"),
            Err(e) => return Err(e.into()),
        },
    }
    spinner.finish_and_clear();
    Ok(Outcome::Ok)
}

/// `--canonical` is N-Quads of the og profile: `--format nq` is accepted, any other
/// format or `--profile wikidata` is a usage error.
fn check_canonical_args(args: &ExportArgs) -> anyhow::Result<()> {
    if let Some(format) = args.format.filter(|f| *f != ExportFormatArg::Nq) {
        anyhow::bail!(
            "--canonical writes N-Quads: drop --format {} (or use --format nq)",
            ExportFormat::from(format).extension()
        );
    }
    if args.profile != ProfileArg::Og {
        anyhow::bail!("--canonical writes the og profile only: drop --profile wikidata");
    }
    Ok(())
}

/// Writes the canonical N-Quads and prints `sha256:<hex>` of exactly those bytes: to
/// stderr when the data goes to stdout, to stdout when it goes to `-o FILE`.
fn canonical(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let result = pipeline::export_canonical(&args.store, args.graph.as_deref())?;
    match &args.output {
        Some(path) => {
            write_atomically(path, |w| w.write_all(result.nquads.as_bytes()))
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut stdout = io::stdout().lock();
            match writeln!(stdout, "{}", result.digest_line()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    return Err(e).context("cannot write to stdout")
                }
                _ => {}
            }
        }
        None => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(result.nquads.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => eprintln!("{}", result.digest_line()),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {} // a partial copy: no digest
                Err(e) => return Err(e).context("cannot export to stdout"),
            }
        }
    }
    Ok(Outcome::Ok)
}
