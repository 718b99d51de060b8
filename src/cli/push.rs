//! Command line: `push --store DIR --endpoint URL [--graph IRI]... [--user U
//! --password-env VAR]` — PUT each named graph to a Graph Store Protocol endpoint,
//! one status line per graph on stdout, then a summary; exit 1 if any graph failed.

use super::{Outcome, PushArgs};
use anyhow::Context;
use officegraph::push::{self, Credentials, GspClient, RetryPolicy};
use officegraph::store::GraphStore;
use oxigraph::model::NamedNode;
use std::io::{self, Write};
use std::time::Duration;

pub fn run(args: PushArgs) -> anyhow::Result<Outcome> {
    let credentials = match (&args.user, &args.password_env) {
        (Some(user), Some(var)) => Some(Credentials::new(user, password(var)?)),
        _ => None,
    };
    let client = GspClient::new(
        &args.endpoint,
        credentials,
        Duration::from_secs(args.timeout.max(1)),
    )?;
    let only = args
        .graphs
        .iter()
        .map(|text| {
            let iri = text
                .strip_prefix('<')
                .and_then(|t| t.strip_suffix('>'))
                .unwrap_or(text);
            NamedNode::new(iri).with_context(|| format!("--graph {text}: not a valid absolute IRI"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    let graphs = push::select_graphs(&store, &only)?;
    let policy = RetryPolicy {
        retries: args.retries,
        base_delay: Duration::from_millis(args.backoff_ms),
    };
    let mut out = io::stdout().lock();
    let bar = super::progress::bar(graphs.len() as u64, "graphs");
    // A closed stdout (`| head`) must not stop the push: later lines are dropped.
    let mut say = |line: &dyn std::fmt::Display| {
        bar.suspend(|| {
            let _ = writeln!(out, "{line}").and_then(|()| out.flush());
        });
    };
    let report = push::push(&store, &client, &graphs, policy, |graph| {
        say(graph);
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    say(&report);
    Ok(if report.failed() > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// The password from the environment variable `var`. The error never shows what was
/// given: when it is not the name of a set variable, it may be the password itself
/// (`--password-env "$PW"`).
fn password(var: &str) -> anyhow::Result<String> {
    if !is_variable_name(var) {
        anyhow::bail!(
            "--password-env takes the NAME of an environment variable (like OG_PASSWORD); \
             the value given is not one (not shown)"
        );
    }
    match std::env::var(var) {
        Ok(value) => Ok(value),
        Err(std::env::VarError::NotPresent) => anyhow::bail!(
            "--password-env takes the NAME of an environment variable; no variable of the \
             name given is set (the name is not shown, in case it is the password)"
        ),
        Err(std::env::VarError::NotUnicode(_)) => {
            anyhow::bail!("--password-env {var}: the environment variable {var} is not UTF-8")
        }
    }
}

/// A portable environment variable name: letters, digits and `_`, not starting with
/// a digit.
fn is_variable_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_is_not_a_variable_name_is_never_shown() {
        for given in ["hunter2-s3cret", "p@ss word", "2fast", "", "a=b", "é"] {
            let message = password(given).unwrap_err().to_string();
            assert!(message.contains("not one (not shown)"), "{message}");
            assert!(given.is_empty() || !message.contains(given), "{message}");
        }
    }

    #[test]
    fn an_unset_variable_is_not_named() {
        let name = "OG_TEST_SURELY_UNSET_Hunter2";
        let message = password(name).unwrap_err().to_string();
        assert!(
            message.contains("no variable of the name given is set"),
            "{message}"
        );
        assert!(!message.contains(name), "{message}");
    }
}
