//! Command line: `export` — write a store as Turtle, N-Triples, N-Quads or TriG, to
//! stdout or atomically to a file, in the og or the Wikidata profile (`--profile`).

use super::{ExportArgs, ExportFormatArg, Outcome, ProfileArg};
use crate::export::wikidata::export_wikidata;
use crate::export::{export, ExportError, ExportFormat};
use crate::store::write_atomically;
use crate::store::GraphStore;
use anyhow::Context;
use oxigraph::model::NamedNode;
use std::io;

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
    let store = GraphStore::open_existing(&args.store)?;
    let graph = match &args.graph {
        Some(text) => Some(graph_arg(&store, text)?),
        None => None,
    };
    let format = ExportFormat::from(args.format);
    let (oxigraph, base) = (store.oxigraph(), store.base());
    let write = |w: &mut dyn io::Write| -> Result<u64, ExportError> {
        match args.profile {
            ProfileArg::Og => export(oxigraph, format, graph.as_ref(), base, w),
            ProfileArg::Wikidata => export_wikidata(oxigraph, format, graph.as_ref(), base, w),
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
