//! Command line: `serve --store DIR [--bind ADDR] [--public] [--timeout SECS]
//! [--max-rows N] [--threads N] [--max-memory SIZE]` — the read-only SPARQL endpoint.
//!
//! Prints `listening on http://ADDR/` on stderr once the socket is bound, then one
//! line per request; runs until killed (the store is only read, so nothing is lost).

use super::{Outcome, ServeArgs};
use anyhow::{bail, Context};
use officegraph::query::Catalog;
use officegraph::serve::{self, Config, Limits, RequestLogger};
use officegraph::store::{Backend, GraphStore};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    let mut config = config(&args)?;
    let store = GraphStore::open_existing(&args.store)
        .with_context(|| format!("cannot open the store {}", args.store.display()))?;
    store.base().clone_into(&mut config.base);
    // Each evaluation in a child process, killed at its timeout or budget — not on
    // RocksDB, whose background threads hold locks a fork would copy held.
    config.limits.isolate =
        store.backend() == Backend::Memory && officegraph::query::isolate::AVAILABLE;
    let records = store.record_graphs().count();
    let quads = store.len()?;
    if !config.bind.ip().is_loopback() && config.public {
        eprintln!(
            "officegraph: warning: listening on {}, which is not loopback: anyone who can reach it can query the store",
            config.bind
        );
    }
    let running = serve::start(store.oxigraph().clone(), Catalog::builtin()?, &config)?;
    eprintln!(
        "officegraph: serving {} read-only ({records} graphs, {quads} quads; timeout {} s, max {} rows, {} threads, {})",
        args.store.display(),
        serve::limits::seconds(config.limits.timeout),
        config.limits.max_rows,
        config.threads,
        if config.limits.isolate {
            format!(
                "each query in a child process of at most {}",
                serve::limits::bytes(config.limits.max_memory)
            )
        } else {
            "queries on threads, no memory budget".to_owned()
        },
    );
    eprintln!("listening on http://{}/", running.addr());
    running.join();
    Ok(Outcome::Ok)
}

fn config(args: &ServeArgs) -> anyhow::Result<Config> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 86_400.0) {
        bail!(
            "--timeout must be a number of seconds above 0 (at most a day), got {}",
            args.timeout
        );
    }
    if args.max_rows == 0 {
        bail!("--max-rows must be at least 1");
    }
    if args.threads == 0 || args.threads > 256 {
        bail!("--threads must be between 1 and 256");
    }
    Ok(Config {
        bind: resolve(&args.bind)?,
        public: args.public,
        limits: Limits {
            timeout: Duration::from_secs_f64(args.timeout),
            max_rows: args.max_rows,
            max_memory: args.max_memory,
            // Set once the store is open (in-memory stores only).
            isolate: false,
            max_running: args.threads,
        },
        threads: args.threads,
        // One line a request on stderr.
        log: Some(RequestLogger(Arc::new(|request| {
            eprintln!("{}", super::safe(&request.to_string()))
        }))),
        ..Config::default()
    })
}

/// `--max-memory`: `512M`, `2G`, `1.5GiB`, `64MB`, `1048576` — bytes, or a number
/// with a binary unit (K, M, G, T; `KB`, `KiB` and the like mean the same).
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("`{text}`: expected a size such as 512M or 2G")),
    };
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}`: expected a size such as 512M or 2G"))?;
    let bytes = number * (1u64 << shift) as f64;
    if !(bytes >= 1.0 && bytes < u64::MAX as f64) {
        return Err(format!("`{text}`: the size must be at least one byte"));
    }
    Ok(bytes as u64)
}

/// `127.0.0.1:7878`, `[::1]:0`, `localhost:7878`: the first address it names.
fn resolve(bind: &str) -> anyhow::Result<SocketAddr> {
    if let Ok(addr) = bind.parse::<SocketAddr>() {
        return Ok(addr);
    }
    bind.to_socket_addrs()
        .with_context(|| format!("--bind expects HOST:PORT, got `{bind}`"))?
        .next()
        .with_context(|| format!("--bind `{bind}` names no address"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_addresses_resolve() {
        assert_eq!(
            resolve("127.0.0.1:0").expect("ip").to_string(),
            "127.0.0.1:0"
        );
        assert!(resolve("localhost:7878").expect("name").ip().is_loopback());
        assert!(resolve("7878").is_err());
    }

    #[test]
    fn sizes_parse_as_written() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("64 MB"), Ok(64 << 20));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("2X").is_err());
        assert!(parse_size("").is_err());
    }
}
