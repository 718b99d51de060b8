//! Serve stage: a read-only SPARQL 1.1 Protocol endpoint over the store, with the
//! stored queries at `/queries/<name>`.
//!
//! One concept a file: [`router`] (HTTP routes and the request log), [`protocol`]
//! (SPARQL Protocol parsing), [`negotiate`] (content negotiation), [`limits`]
//! (timeout and row cap), [`execute`] (one query under the limits), [`stored`] (the
//! stored-query routes), [`web`] (the HTML pages and linked-data resolution of
//! entity IRIs at `/id/…`), [`http`] (the HTTP/1.1 layer: hyper, its limits and
//! timeouts). This file holds the errors, the configuration and the server's start:
//! a socket bound here, served by [`http`] on a tokio runtime of its own.

pub mod execute;
pub mod http;
pub mod limits;
pub mod negotiate;
pub mod protocol;
pub mod router;
pub mod stored;
pub mod web;

pub use http::HttpLimits;
pub use limits::Limits;
pub use router::{App, Reply, Request};

use crate::query::{Catalog, QueryError};
use oxigraph::store::Store;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;

/// The largest request body read (a query, a form); larger ones get 413. The same
/// as the query stage's limit on a query's text.
pub const MAX_BODY: usize = crate::query::MAX_QUERY_BYTES;

/// What a request can fail with, each with its HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    BadRequest(String),
    #[error("this endpoint is read-only: SPARQL updates are refused")]
    UpdateRefused,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    NotAcceptable(String),
    #[error("the request body is larger than {MAX_BODY} bytes")]
    BodyTooLarge,
    #[error("the request body did not arrive within {} s", limits::seconds(*.0))]
    BodyTimeout(std::time::Duration),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("query exceeded the {} s timeout (the server's --timeout); add a LIMIT or narrow the query", limits::seconds(*.0))]
    Timeout(std::time::Duration),
    #[error("query exceeded the memory budget (the server's --max-memory); add a LIMIT or narrow the query")]
    OverMemory,
    #[error("query result exceeded the {0} row cap (the server's --max-rows); add a LIMIT or narrow the query")]
    TooManyRows(usize),
    #[error("{0}")]
    Query(QueryError),
    #[error("the server is busy: too many queries are running or waiting; try again later")]
    Busy,
    #[error("{0}")]
    Internal(String),
    /// The client went away before its answer was ready; its evaluation was stopped.
    #[error("the client went away before the answer was ready")]
    Abandoned,
}

impl ServeError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            ServeError::BadRequest(_) => 400,
            ServeError::UpdateRefused => 403,
            ServeError::NotFound(_) => 404,
            ServeError::MethodNotAllowed(_) => 405,
            ServeError::NotAcceptable(_) => 406,
            ServeError::BodyTimeout(_) => 408,
            ServeError::BodyTooLarge => 413,
            ServeError::UnsupportedMediaType(_) => 415,
            ServeError::Timeout(_)
            | ServeError::TooManyRows(_)
            | ServeError::OverMemory
            | ServeError::Busy => 503,
            ServeError::Query(e) => match e {
                QueryError::Evaluation(_)
                | QueryError::Store(_)
                | QueryError::Output(_)
                | QueryError::Io { .. } => 500,
                QueryError::InvalidName(_) | QueryError::UnknownQuery { .. } => 404,
                QueryError::Update => 403,
                QueryError::TooLarge { .. } => 413,
                _ => 400,
            },
            ServeError::Internal(_) => 500,
            // nginx's "client closed request": never sent, only logged.
            ServeError::Abandoned => 499,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("refusing to listen on {0}, which is not a loopback address: pass --public to serve other machines")]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Server(String),
    #[error("cannot load the stored queries: {0}")]
    Catalog(#[from] QueryError),
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Allow a non-loopback `bind`.
    pub public: bool,
    pub limits: Limits,
    /// Requests answered at once: as many ad-hoc queries, and as many pages and
    /// stored queries (each kind has its own slots).
    pub threads: usize,
    /// The HTTP layer's limits (its `handlers` is taken from `threads`).
    pub http: HttpLimits,
    /// The data base IRI: `{base}X` is served at `/id/X`.
    pub base: String,
    /// Called once per answered request (the library never prints; the command
    /// line's logger writes one line to stderr). `None`: no log.
    pub log: Option<RequestLogger>,
}

/// One answered request, for the request log. Never the query string, which holds
/// the query.
#[derive(Debug, Clone, Copy)]
pub struct RequestLog<'a> {
    pub method: &'a str,
    /// The path of the URL, without the query string.
    pub path: &'a str,
    pub status: u16,
    pub elapsed: std::time::Duration,
}

impl std::fmt::Display for RequestLog<'_> {
    /// `GET /sparql 200 3ms`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (method, path, status) = (self.method, self.path, self.status);
        write!(f, "{method} {path} {status} {}ms", self.elapsed.as_millis())
    }
}

/// The request log callback of [`Config::log`], shared by the workers.
#[derive(Clone)]
pub struct RequestLogger(pub Arc<dyn Fn(&RequestLog<'_>) + Send + Sync>);

impl std::fmt::Debug for RequestLogger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RequestLogger")
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            public: false,
            limits: Limits::default(),
            threads: 4,
            http: HttpLimits::default(),
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            log: None,
        }
    }
}

/// A running server.
pub struct Running {
    addr: SocketAddr,
    stop: tokio::sync::watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// The address actually bound (port 0 becomes a free port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server has ended (it runs until [`Running::shutdown`] or the
    /// process ends).
    pub fn join(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops taking connections and waits (a few seconds at most) for the requests
    /// in progress.
    pub fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// File descriptors kept free of connections: for the store, the pipes of each
/// evaluation's child process, the log.
const RESERVED_FDS: usize = 64;

/// `configured`, lowered so that held connections leave [`RESERVED_FDS`] descriptors
/// free under the process's limit — after raising the soft limit to the hard one, as
/// servers do (under `ulimit -n 256`, 192 connections are held and the rest wait in
/// the kernel's queue, while the connections held go on being answered).
fn connection_bound(configured: usize) -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a live rlimit that getrlimit fills.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            let wanted = limit.rlim_max.min(65_536);
            if wanted > limit.rlim_cur {
                let raised = libc::rlimit {
                    rlim_cur: wanted,
                    rlim_max: limit.rlim_max,
                };
                // SAFETY: `raised` is a live rlimit; raising the soft limit up to the
                // hard one needs no privilege and changes nothing else.
                if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                    limit.rlim_cur = wanted;
                }
            }
            let usable = usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
            return configured.min(usable.saturating_sub(RESERVED_FDS).max(1));
        }
    }
    configured
}

/// How long [`Running::shutdown`] waits for requests in progress.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Binds `config.bind` (refusing a non-loopback address unless `config.public`) and
/// serves from `store` (read only) on a thread of its own: `config.threads` handler
/// slots for ad-hoc queries and as many for pages and stored queries, under
/// `config.http`'s limits.
pub fn start(store: Store, catalog: Catalog, config: &Config) -> Result<Running, StartError> {
    if !config.bind.ip().is_loopback() && !config.public {
        return Err(StartError::NotLoopback(config.bind));
    }
    let bind_error = |source| StartError::Bind {
        addr: config.bind,
        source,
    };
    let listener = TcpListener::bind(config.bind).map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    let handlers = config.threads.max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Both slot kinds, and room for the connections' own blocking work.
        .max_blocking_threads(2 * handlers + 2)
        .thread_name("officegraph serve")
        // Pages and `/web/query` parse and plan queries on these threads: room for
        // every query under the nesting limit, as on the evaluation threads.
        .thread_stack_size(crate::query::deadline::EVALUATION_STACK)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| StartError::Server(e.to_string()))?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(bind_error)?
    };
    let app = Arc::new(App::new(store, catalog, config.limits).with_base(&config.base));
    let http = HttpLimits {
        handlers,
        max_connections: connection_bound(config.http.max_connections),
        ..config.http
    };
    let log = config.log.clone();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let thread = std::thread::Builder::new()
        .name("officegraph serve".to_owned())
        .spawn(move || {
            runtime.block_on(http::accept_loop(listener, app, log, http, stopped));
            runtime.shutdown_timeout(SHUTDOWN_GRACE);
        })
        .map_err(|e| StartError::Server(e.to_string()))?;
    Ok(Running {
        addr,
        stop,
        thread: Some(thread),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    #[test]
    fn serves_on_a_free_port_and_shuts_down() {
        let config = Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            threads: 2,
            ..Config::default()
        };
        let catalog = Catalog::builtin().expect("catalog");
        let running = start(Store::new().expect("store"), catalog, &config).expect("starts");
        let addr = running.addr();
        assert_ne!(addr.port(), 0);
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        stream
            .write_all(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n")
            .expect("writes");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("reads");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("\r\n\r\ntrue"), "{answer}");
        running.shutdown();
    }

    #[test]
    fn other_addresses_need_public() {
        let config = Config {
            bind: SocketAddr::from(([0, 0, 0, 0], 0)),
            ..Config::default()
        };
        let catalog = Catalog::builtin().expect("catalog");
        let refused = start(Store::new().expect("store"), catalog, &config);
        assert!(matches!(refused, Err(StartError::NotLoopback(_))));
    }
}
