//! Serve stage: a read-only SPARQL 1.1 Protocol endpoint over the store, with the
//! stored queries at `/queries/<name>`.
//!
//! One concept a file: [`router`] (HTTP routes and the request log), [`protocol`]
//! (SPARQL Protocol parsing), [`negotiate`] (content negotiation), [`limits`]
//! (timeout and row cap), [`execute`] (one query under the limits), [`stored`] (the
//! stored-query routes), [`web`] (the HTML pages and linked-data resolution of
//! entity IRIs at `/id/…`). This file holds the errors, the configuration and the
//! server itself: `tiny_http` on a socket bound here, read by a fixed pool of workers.

pub mod execute;
pub mod limits;
pub mod negotiate;
pub mod protocol;
pub mod router;
pub mod stored;
pub mod web;

pub use limits::Limits;
pub use router::{App, Reply, Request};

use crate::query::{Catalog, QueryError};
use oxigraph::store::Store;
use std::io::Read;
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
    #[error(
        "too many queries are running (at most {}); try again later",
        limits::MAX_EVALUATIONS
    )]
    Busy,
    #[error("{0}")]
    Internal(String),
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
    /// Worker threads, each answering one request at a time.
    pub threads: usize,
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
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            log: None,
        }
    }
}

/// A running server.
pub struct Running {
    server: Arc<tiny_http::Server>,
    addr: SocketAddr,
    workers: Vec<JoinHandle<()>>,
}

impl Running {
    /// The address actually bound (port 0 becomes a free port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until every worker has ended.
    pub fn join(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    /// Stops taking requests and waits for the requests in progress.
    pub fn shutdown(mut self) {
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// Binds `config.bind` (refusing a non-loopback address unless `config.public`) and
/// starts `config.threads` workers answering from `store` (read only).
pub fn start(store: Store, catalog: Catalog, config: &Config) -> Result<Running, StartError> {
    if !config.bind.ip().is_loopback() && !config.public {
        return Err(StartError::NotLoopback(config.bind));
    }
    let listener = TcpListener::bind(config.bind).map_err(|source| StartError::Bind {
        addr: config.bind,
        source,
    })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind {
        addr: config.bind,
        source,
    })?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| StartError::Server(e.to_string()))?;
    let server = Arc::new(server);
    let app = Arc::new(App::new(store, catalog, config.limits).with_base(&config.base));
    let mut workers = Vec::new();
    for index in 0..config.threads.max(1) {
        let server = Arc::clone(&server);
        let app = Arc::clone(&app);
        let log = config.log.clone();
        let worker = std::thread::Builder::new()
            .name(format!("officegraph serve worker {index}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(&app, request, log.as_ref());
                }
            })
            .map_err(|e| StartError::Server(e.to_string()))?;
        workers.push(worker);
    }
    Ok(Running {
        server,
        addr,
        workers,
    })
}

/// Reads one request, routes it, writes the reply and logs it.
fn answer(app: &App, mut request: tiny_http::Request, log: Option<&RequestLogger>) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let content_type = header("Content-Type");
    let accept = header("Accept");
    let started = std::time::Instant::now();
    let method = request.method().as_str().to_owned();
    let url = request.url().to_owned();
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body);
    let reply = match read {
        Err(e) => Reply::error(&ServeError::BadRequest(format!(
            "cannot read the request body: {e}"
        ))),
        Ok(_) if body.len() > MAX_BODY => Reply::error(&ServeError::BodyTooLarge),
        Ok(_) => app.handle(&Request {
            method: &method,
            url: &url,
            content_type: content_type.as_deref(),
            accept: accept.as_deref(),
            body: &body,
        }),
    };
    let status = reply.status;
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", reply.content_type.as_str()),
        ("Vary", "Accept"),
    ]
    .into_iter()
    .chain(reply.allow.map(|allow| ("Allow", allow)))
    {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A client that went away is not the server's problem.
    let _ = request.respond(response);
    // One line a request; never the query string, which holds the query.
    if let Some(RequestLogger(log)) = log {
        let (path, _) = protocol::split_url(&url);
        log(&RequestLog {
            method: &method,
            path,
            status,
            elapsed: started.elapsed(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
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
