//! Command line: clap types, converted to plain config structs, one file per command.
//!
//! Only this module prints. Library stages return errors; `main.rs` maps the
//! [`Outcome`] to an exit code (0 ok, 1 problems found, 2 usage or I/O error).

mod embedded;
mod export;
mod ingest;
mod link;
mod queries;
mod query;
mod run;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the command ran and found problems (e.g. `--strict` warnings).
    Problems,
}

/// officegraph: records about public offices → a knowledge graph of positions,
/// tenures and succession.
#[derive(Debug, Parser)]
#[command(name = "officegraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: ingest data/records, run every stored query, write out/.
    Run(RunArgs),
    /// Parse, extract and load records (files or folders) into a store.
    Ingest(IngestArgs),
    /// Run a stored query by name, a query file, or `-` for stdin.
    Query(QueryArgs),
    /// List the stored queries with their descriptions and parameters.
    Queries,
    /// Write the store as Turtle, N-Triples, N-Quads or TriG.
    Export(ExportArgs),
    /// Reconcile persons, positions and organizations with a Wikidata-style dataset.
    Link(LinkArgs),
    /// Check the store against the SHACL shapes and data-quality checks; exit 1 on a
    /// violation.
    Validate(ValidateArgs),
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Folder of records to ingest (default: data/records, or the embedded seeds).
    #[arg(long)]
    pub records: Option<PathBuf>,
    /// Where to write the exports, query results and the store.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Base IRI of the data.
    #[arg(long, default_value = crate::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Exit 1 when any warning was reported.
    #[arg(long)]
    pub strict: bool,
    /// An alias table (CSV `abbreviation,expansion`) added to the shipped one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Record files (.txt, .csv) or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The store folder (created when missing).
    #[arg(long)]
    pub store: PathBuf,
    /// Base IRI of the data.
    #[arg(long, default_value = crate::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Exit 1 when any warning was reported.
    #[arg(long)]
    pub strict: bool,
    /// An alias table (CSV `abbreviation,expansion`) added to the shipped one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A stored query's name, a .rq file, or `-` to read the query from stdin.
    pub query: String,
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// A parameter, `name=value` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormatArg::Table)]
    pub format: ResultFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormatArg {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Output file (default: stdout).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Only this named graph (a record IRI).
    #[arg(long)]
    pub graph: Option<String>,
    /// The shape of the output: `og` (officegraph's ontology, one graph per record) or
    /// `wikidata` (Wikidata's RDF dump shape: wdt:P39, p:P39/ps:P39/pq:P580…, one graph).
    #[arg(long, value_enum, default_value_t = ProfileArg::Og)]
    pub profile: ProfileArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Og,
    Wikidata,
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// Dataset files: Wikidata N-Triples (.nt) or Turtle (.ttl), JSON entity lines
    /// (.json, .ndjson, .jsonl), SPARQL results (.csv, .tsv, .json).
    #[arg(long = "with", value_name = "FILE", required = true, num_args = 1..)]
    pub with: Vec<PathBuf>,
    /// The files' format: auto (by extension and content), nt, ttl, entities, csv,
    /// tsv or sparql-json.
    #[arg(long)]
    pub format: Option<String>,
    /// Exit 1 when some entity is ambiguous.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// Output: `text` (`file:line: severity: message`) or `ttl` (a SHACL validation
    /// report graph).
    #[arg(long, value_enum, default_value_t = ValidateFormatArg::Text)]
    pub format: ValidateFormatArg,
    /// Warn when a post stays unheld longer than this many days between holders.
    #[arg(long, default_value_t = 365)]
    pub max_gap_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormatArg {
    Text,
    Ttl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Ttl,
    Nt,
    Nq,
    Trig,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        None => run::run(RunArgs {
            records: None,
            out: PathBuf::from("out"),
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            strict: false,
            aliases: None,
        }),
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Ingest(args)) => ingest::run(args),
        Some(Command::Query(args)) => query::run(args),
        Some(Command::Queries) => queries::run(),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Link(args)) => link::run(args),
        Some(Command::Validate(args)) => validate::run(args),
    }
}
