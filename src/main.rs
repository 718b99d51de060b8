//! officegraph's binary: parse the arguments, run, map the outcome to an exit code.

mod cli;

use clap::Parser;
use cli::{Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(err) => {
            eprintln!("officegraph: error: {}", cli::safe(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}
