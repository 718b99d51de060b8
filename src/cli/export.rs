//! Command line: `export` — write a store as Turtle, N-Triples, N-Quads or TriG, to
//! stdout or atomically to a file, in the og or the Wikidata profile (`--profile`), or
//! as RDFC-1.0 canonical N-Quads with its SHA-256 (`--canonical`).

use super::progress::Counting;
use super::{ExportArgs, ExportFormatArg, Outcome, ProfileArg};
use officegraph::export::canonical::canonical_export;
use officegraph::export::wikidata::export_wikidata;
use officegraph::export::{export, export_sorted_quads, ExportError, ExportFormat};
use officegraph::store::write_atomically;
use officegraph::store::{GraphStore, SnapshotQuads};
use anyhow::Context;
use oxigraph::model::NamedNode;
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

pub fn run(args: ExportArgs) -> anyhow::Result<Outcome> {
    if args.canonical {
        check_canonical_args(&args)?;
    }
    if let (false, None, ProfileArg::Og, Some(format)) =
        (args.canonical, &args.graph, args.profile, args.format)
    {
        let format = ExportFormat::from(format);
        if format != ExportFormat::TriG {
            if let Some(outcome) = from_snapshot(&args, format)? {
                return Ok(outcome);
            }
        }
    }
    let store = GraphStore::open_existing(&args.store)?;
    let graph = match &args.graph {
        Some(text) => Some(graph_arg(&store, text)?),
        None => None,
    };
    if args.canonical {
        return canonical(&store, graph.as_ref(), &args);
    }
    // clap requires `--format` unless `--canonical` is given.
    let format = ExportFormat::from(args.format.context("--format is required")?);
    let (oxigraph, base) = (store.oxigraph(), store.base());
    let spinner = super::progress::bytes_spinner("exporting");
    let write = |w: &mut dyn io::Write| -> Result<u64, ExportError> {
        let mut w = Counting {
            inner: w,
            bar: spinner.clone(),
        };
        match args.profile {
            ProfileArg::Og => export(oxigraph, format, graph.as_ref(), base, &mut w),
            ProfileArg::Wikidata => export_wikidata(oxigraph, format, graph.as_ref(), base, &mut w),
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, |w| write(w).map(|_| ()).map_err(anyhow::Error::from))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => match write(&mut io::stdout().lock()) {
            Ok(_) => {}
            Err(e) if e.is_broken_pipe() => {} // `| head`: the reader has all it wanted
            Err(e) => return Err(e).context("cannot export to stdout"),
        },
    }
    spinner.finish_and_clear();
    Ok(Outcome::Ok)
}

/// The whole store as N-Quads (copied), N-Triples or Turtle (regrouped) from its
/// checked snapshot without loading it: the same bytes the loaded store would give.
/// `None` when the store has no such snapshot (another backend, an old format).
fn from_snapshot(args: &ExportArgs, format: ExportFormat) -> anyhow::Result<Option<Outcome>> {
    let Some(quads) = officegraph::store::snapshot_quads(&args.store)? else {
        return Ok(None);
    };
    let spinner = super::progress::bytes_spinner("exporting");
    let write = |w: &mut dyn io::Write| -> Result<(), ExportError> {
        let mut w = Counting {
            inner: w,
            bar: spinner.clone(),
        };
        let SnapshotQuads { base, mut reader } = quads;
        match format {
            ExportFormat::NQuads => {
                io::copy(&mut reader, &mut w)?;
            }
            _ => {
                export_sorted_quads(reader, format, &base, &mut w)?;
            }
        }
        w.flush()?;
        Ok(())
    };
    match &args.output {
        Some(path) => write_atomically(path, |w| write(w).map_err(anyhow::Error::from))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => match write(&mut io::stdout().lock()) {
            Ok(()) => {}
            Err(e) if e.is_broken_pipe() => {} // `| head`: the reader has all it wanted
            Err(e) => return Err(e).context("cannot export to stdout"),
        },
    }
    spinner.finish_and_clear();
    Ok(Some(Outcome::Ok))
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
fn canonical(
    store: &GraphStore,
    graph: Option<&NamedNode>,
    args: &ExportArgs,
) -> anyhow::Result<Outcome> {
    let result = canonical_export(store.oxigraph(), graph).context("cannot read the store")?;
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

/// `--graph IRI` (with or without `<>`), which must name a record graph of the store.
fn graph_arg(store: &GraphStore, text: &str) -> anyhow::Result<NamedNode> {
    let iri = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    let graph =
        NamedNode::new(iri).with_context(|| format!("--graph {text}: not a valid absolute IRI"))?;
    if !store.has_record(&graph) {
        anyhow::bail!(
            "--graph {graph}: no such record graph in the store at {}",
            store.dir().display()
        );
    }
    Ok(graph)
}
