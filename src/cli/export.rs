//! Command line: `export` — write a store as Turtle, N-Triples, N-Quads or TriG, to
//! stdout or atomically to a file.

use super::{ExportArgs, ExportFormatArg, Outcome};
use crate::export::{export, ExportFormat};
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
    match &args.output {
        Some(path) => write_atomically(path, |w| {
            export(oxigraph, format, graph.as_ref(), base, w)
                .map(|_| ())
                .map_err(anyhow::Error::from)
        })
        .with_context(|| format!("cannot write {}", path.display()))?,
        None => match export(oxigraph, format, graph.as_ref(), base, io::stdout().lock()) {
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
