//! Command line: clap types, converted to plain config structs, one file per command.
//!
//! Only this module prints. Library stages return errors; `main.rs` maps the
//! [`Outcome`] to an exit code (0 ok, 1 problems found, 2 usage or I/O error).

mod convert;
mod export;
mod gen_corpus;
mod ingest;
mod link;
mod printer;
mod progress;
mod push;
mod queries;
mod query;
mod recover;
mod run;
mod serve;
mod terminal;

pub use terminal::safe;
mod timeline;
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
    /// Send the store's graphs to a triple store (SPARQL 1.1 Graph Store Protocol).
    Push(PushArgs),
    /// Serve the store read-only as a SPARQL 1.1 Protocol endpoint, with the stored
    /// queries at /queries/NAME.
    Serve(ServeArgs),
    /// Check the store against the SHACL shapes and data-quality checks; exit 1 on a
    /// violation.
    Validate(ValidateArgs),
    /// Check the store's snapshot and, when it is damaged, restore the previous good
    /// one.
    Recover(RecoverArgs),
    /// Write a deterministic synthetic corpus of records (benchmark input) and its
    /// ground truth, corpus.json.
    GenCorpus(GenCorpusArgs),
    /// Draw the succession timeline of one or more positions as SVG (one bar per
    /// tenure, on one time axis).
    Timeline(TimelineArgs),
    /// Parse and extract records straight to N-Quads or N-Triples on stdout, with no
    /// store (memory bounded by the largest record).
    Convert(ConvertArgs),
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Record files (.txt, .csv, .html/.htm) or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: N-Quads (one graph per record) or N-Triples.
    #[arg(long, value_enum, default_value_t = ConvertFormatArg::Nq)]
    pub format: ConvertFormatArg,
    /// Base IRI of the data.
    #[arg(long, default_value = officegraph::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Exit 1 when any warning was reported.
    #[arg(long)]
    pub strict: bool,
    /// An alias table (CSV `abbreviation,expansion`) added to the shipped one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// A column lexicon (CSV `role,phrase`, the shape of data/columns.csv) whose rows
    /// are tried before the shipped ones.
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConvertFormatArg {
    Nq,
    Nt,
}

#[derive(Debug, clap::Args)]
pub struct GenCorpusArgs {
    /// How many records to write.
    #[arg(long)]
    pub records: u64,
    /// The seed: the same records and seed give the same bytes on every machine.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder to write into (records go in subfolders of 1000 files).
    pub out_dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// A position: its IRI, or its English label (exact, else ignoring case). Repeat it
    /// to stack several positions on one time axis.
    #[arg(long = "position", value_name = "IRI|LABEL", required = true)]
    pub positions: Vec<String>,
    /// Output file (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE.svg")]
    pub output: Option<PathBuf>,
    /// The day incumbents' bars run to (default: today, UTC); set it to get the same
    /// file on every day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The chart's width in pixels (320 to 20000).
    #[arg(long, value_name = "PX", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(320..=20_000))]
    pub width: u32,
}

#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Folder of records (.txt, .csv, .html/.htm) to ingest (default: data/records, or
    /// the embedded seeds).
    #[arg(long)]
    pub records: Option<PathBuf>,
    /// Where to write the exports, query results and the store.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Storage for a new store: `memory` (the default) or `rocksdb` (a build with
    /// `--features rocksdb`); an existing store keeps the one it was created with.
    #[arg(long, value_name = "memory|rocksdb")]
    pub backend: Option<officegraph::store::Backend>,
    /// Base IRI of the data.
    #[arg(long, default_value = officegraph::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Exit 1 when any warning was reported.
    #[arg(long)]
    pub strict: bool,
    /// An alias table (CSV `abbreviation,expansion`) added to the shipped one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// A column lexicon (CSV `role,phrase`, the shape of data/columns.csv) whose rows
    /// are tried before the shipped ones.
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
    /// The date queries about "now" use, e.g. holder-on-date (default: today, UTC);
    /// set it to make out/ the same on every day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Record files (.txt, .csv, .html/.htm) or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The store folder (created when missing).
    #[arg(long)]
    pub store: PathBuf,
    /// Storage for a new store: `memory` (the default) or `rocksdb` (a build with
    /// `--features rocksdb`); an existing store keeps the one it was created with.
    #[arg(long, value_name = "memory|rocksdb")]
    pub backend: Option<officegraph::store::Backend>,
    /// Base IRI of the data.
    #[arg(long, default_value = officegraph::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Exit 1 when any warning was reported.
    #[arg(long)]
    pub strict: bool,
    /// An alias table (CSV `abbreviation,expansion`) added to the shipped one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// A column lexicon (CSV `role,phrase`, the shape of data/columns.csv) whose rows
    /// are tried before the shipped ones.
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
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
    /// Cancel the query after this many seconds (exit 2 with a clear message).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
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
    /// Output format (not needed with `--canonical`, which writes N-Quads).
    #[arg(long, value_enum, required_unless_present = "canonical")]
    pub format: Option<ExportFormatArg>,
    /// RDFC-1.0 canonical N-Quads, and its `sha256:<hex>` digest: on stderr when the
    /// data goes to stdout, on stdout with `-o FILE`.
    #[arg(long)]
    pub canonical: bool,
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
pub struct PushArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// The Graph Store Protocol endpoint, e.g. http://localhost:8890/sparql-graph-crud
    /// (Virtuoso) or http://localhost:3030/ds/data (Fuseki); each graph is PUT to
    /// `URL?graph=IRI`.
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Only this named graph (repeatable; default: every named graph of the store).
    #[arg(long = "graph", value_name = "IRI")]
    pub graphs: Vec<String>,
    /// User name for HTTP Basic authentication.
    #[arg(long, requires = "password_env")]
    pub user: Option<String>,
    /// The NAME of the environment variable that holds the password (never the
    /// password itself).
    #[arg(long, value_name = "VAR", requires = "user")]
    pub password_env: Option<String>,
    /// Retries after a 5xx answer or a lost connection (never after a 4xx).
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// The wait before the first retry, in milliseconds; each later wait doubles.
    #[arg(long, value_name = "MS", default_value_t = 200)]
    pub backoff_ms: u64,
    /// Time limit of one request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout: u64,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The store folder.
    #[arg(long)]
    pub store: PathBuf,
    /// Address and port to listen on (port 0: any free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Allow listening on a non-loopback address (anyone who can reach it can query).
    #[arg(long)]
    pub public: bool,
    /// Seconds one query may run before it is cancelled (answered with 503).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Most result rows (or triples) one answer may hold; more is answered with 503.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_rows: usize,
    /// Requests answered at once: this many ad-hoc queries (`/sparql`, the query
    /// page) and as many pages and stored queries besides; more wait up to 5 s, then 503.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub threads: usize,
    /// How much memory one query's evaluation may take (`512M`, `2G`, bytes);
    /// more is answered with 503. Enforced on in-memory stores on Linux, where each
    /// query is evaluated in a child process that is killed at its timeout.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = serve::parse_size)]
    pub max_memory: u64,
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
            backend: None,
            base: officegraph::vocab::DEFAULT_BASE.to_owned(),
            strict: false,
            aliases: None,
            columns: None,
            date: None,
        }),
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Ingest(args)) => ingest::run(args),
        Some(Command::Query(args)) => query::run(args),
        Some(Command::Queries) => queries::run(),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Link(args)) => link::run(args),
        Some(Command::Push(args)) => push::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Validate(args)) => validate::run(args),
        Some(Command::Recover(args)) => recover::run(args),
        Some(Command::GenCorpus(args)) => gen_corpus::run(args),
        Some(Command::Timeline(args)) => timeline::run(args),
        Some(Command::Convert(args)) => convert::run(args),
    }
}

/// Takes the writer's lock of the store folder `dir` (created when missing) for
/// `command`, noting on stderr when a dead process's lock was taken over.
pub(crate) fn lock_store(
    dir: &std::path::Path,
    command: &str,
) -> anyhow::Result<officegraph::store::StoreLock> {
    let mut printer = printer::Printer::new("records");
    Ok(officegraph::pipeline::lock_store(
        dir,
        command,
        &mut printer,
    )?)
}

/// `--date`: a day, `YYYY-MM-DD`.
pub(crate) fn parse_day(date: &str) -> anyhow::Result<officegraph::record::PartialDate> {
    use anyhow::Context;
    officegraph::record::date::parse_date(date)
        .ok()
        .filter(|d| d.precision() == officegraph::record::Precision::Day)
        .with_context(|| format!("--date {date}: expected YYYY-MM-DD"))
}
