//! Serve stage: HTTP routing — which handler answers a request, and the plain-text
//! replies for errors. Knows nothing of sockets: a [`Request`] in, a [`Reply`] out.

use super::execute::{self, Job};
use super::protocol::{self, Operation};
use super::web::{self, Site};
use super::{stored, Limits, ServeError};
use crate::query::Catalog;
use oxigraph::store::Store;

/// The parts of an HTTP request the endpoint reads.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// Path and query string, as sent.
    pub url: &'a str,
    pub content_type: Option<&'a str>,
    pub accept: Option<&'a str>,
    pub body: &'a [u8],
}

/// An answer: status, `Content-Type`, body (and `Allow` for 405).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub allow: Option<&'static str>,
}

impl Reply {
    pub fn new(status: u16, content_type: String, body: Vec<u8>) -> Self {
        Reply {
            status,
            content_type,
            body,
            allow: None,
        }
    }

    fn text(status: u16, text: String) -> Self {
        let mut body = text.into_bytes();
        body.push(b'\n');
        Reply::new(status, "text/plain; charset=utf-8".to_owned(), body)
    }

    /// `error` as a plain-text reply with its status.
    pub fn error(error: &ServeError) -> Self {
        let mut reply = Reply::text(error.status(), error.to_string());
        if matches!(error, ServeError::MethodNotAllowed(_)) {
            reply.allow = Some("GET, POST");
        }
        reply
    }
}

/// The endpoint: a store (read only), the stored queries, the limits, and the data
/// base IRI whose entities are served under `/id/`.
pub struct App {
    store: Store,
    catalog: Catalog,
    limits: Limits,
    base: String,
}

impl App {
    /// An endpoint whose data base is the default one ([`crate::vocab::DEFAULT_BASE`]).
    pub fn new(store: Store, catalog: Catalog, limits: Limits) -> Self {
        App {
            store,
            catalog,
            limits,
            base: crate::vocab::DEFAULT_BASE.to_owned(),
        }
    }

    /// The same endpoint serving the entities under `base` at `/id/`.
    pub fn with_base(mut self, base: &str) -> Self {
        base.clone_into(&mut self.base);
        self
    }

    fn site(&self) -> Site<'_> {
        Site {
            store: &self.store,
            catalog: &self.catalog,
            limits: self.limits,
            base: &self.base,
        }
    }

    /// Answers one request; never panics on input.
    pub fn handle(&self, request: &Request<'_>) -> Reply {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.route(request)));
        match outcome {
            Ok(Ok(reply)) => reply,
            Ok(Err(error)) => Reply::error(&error),
            Err(_) => Reply::error(&ServeError::Internal(
                "internal error while answering this request".to_owned(),
            )),
        }
    }

    fn route(&self, request: &Request<'_>) -> Result<Reply, ServeError> {
        let (path, query_string) = protocol::split_url(request.url);
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        match path {
            "/" => {
                only_get(request)?;
                web::index::page(&self.site())
            }
            web::shell::STYLESHEET_PATH => only_get(request).map(|()| web::shell::stylesheet()),
            "/web/query" => web::query::answer(&self.site(), request, query_string),
            "/sparql" | "/query" => self.sparql(request, query_string),
            "/update" => Err(ServeError::UpdateRefused),
            "/queries" => only_get(request).map(|()| stored::list(&self.catalog)),
            _ if path.starts_with(web::ID_PREFIX) => {
                only_get(request)?;
                let (raw_path, _) = protocol::split_url(request.url);
                let rest = raw_path.strip_prefix(web::ID_PREFIX).unwrap_or_default();
                web::entity::answer(&self.site(), rest, query_string, request.accept)
            }
            _ => match path.strip_prefix("/queries/") {
                Some(name) => {
                    only_get(request)?;
                    stored::run(
                        &self.store,
                        &self.catalog,
                        name,
                        query_string,
                        request.accept,
                        self.limits,
                    )
                }
                None => Err(ServeError::NotFound(format!(
                    "no such resource {path}: the endpoint is /sparql, the stored queries /queries, the web view /"
                ))),
            },
        }
    }

    fn sparql(&self, request: &Request<'_>, query_string: &str) -> Result<Reply, ServeError> {
        let operation = protocol::parse(
            request.method,
            query_string,
            request.content_type,
            request.body,
        )?;
        let Operation::Query(query) = operation else {
            return Err(ServeError::UpdateRefused);
        };
        execute::run(
            &self.store,
            Job {
                text: query.query,
                default_graphs: query.default_graphs,
                named_graphs: query.named_graphs,
                accept: request.accept.map(str::to_owned),
                format: query.format,
                pool: execute::Pool::AdHoc,
                ..Job::default()
            },
            self.limits,
        )
    }
}

fn only_get(request: &Request<'_>) -> Result<(), ServeError> {
    if request.method == "GET" {
        Ok(())
    } else {
        Err(ServeError::MethodNotAllowed(format!(
            "{} is not supported here: use GET",
            request.method
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        App::new(
            Store::new().expect("store"),
            Catalog::builtin().expect("catalog"),
            Limits::default(),
        )
    }

    fn get(app: &App, url: &str) -> Reply {
        app.handle(&Request {
            method: "GET",
            url,
            content_type: None,
            accept: None,
            body: b"",
        })
    }

    #[test]
    fn routes_answer_with_their_status() {
        let app = app();
        assert_eq!(get(&app, "/").status, 200);
        assert_eq!(get(&app, "/sparql?query=ASK%7B%7D").status, 200);
        assert_eq!(get(&app, "/query?query=ASK%7B%7D").status, 200);
        assert_eq!(get(&app, "/sparql").status, 400);
        assert_eq!(get(&app, "/sparql?update=DROP+ALL").status, 403);
        assert_eq!(get(&app, "/update").status, 403);
        assert_eq!(get(&app, "/queries").status, 200);
        assert_eq!(get(&app, "/queries/").status, 200);
        assert_eq!(get(&app, "/queries/incumbents").status, 200);
        assert_eq!(get(&app, "/queries/nope").status, 404);
        assert_eq!(get(&app, "/elsewhere").status, 404);
        let reply = app.handle(&Request {
            method: "PUT",
            url: "/sparql",
            content_type: None,
            accept: None,
            body: b"",
        });
        assert_eq!((reply.status, reply.allow), (405, Some("GET, POST")));
    }

    #[test]
    fn errors_are_plain_text_that_says_why() {
        let app = app();
        let reply = get(&app, "/sparql?query=SELEKT");
        assert_eq!(reply.status, 400);
        assert!(reply.content_type.starts_with("text/plain"));
        let text = String::from_utf8(reply.body).expect("utf-8");
        assert!(text.starts_with("SPARQL syntax error"), "{text}");
        let reply = app.handle(&Request {
            method: "POST",
            url: "/sparql",
            content_type: Some("application/sparql-update"),
            accept: None,
            body: b"DROP ALL",
        });
        assert_eq!(reply.status, 403);
        assert!(String::from_utf8_lossy(&reply.body).contains("read-only"));
    }

    /// 900 nested parentheses overflowed a worker's stack and aborted the server.
    #[test]
    fn a_deeply_nested_query_is_a_400_not_a_crash() {
        let app = app();
        let deep = format!(
            "SELECT * WHERE {{ FILTER ({}1{}) }}",
            "(".repeat(900),
            ")".repeat(900)
        );
        let reply = app.handle(&Request {
            method: "POST",
            url: "/sparql",
            content_type: Some("application/sparql-query"),
            accept: None,
            body: deep.as_bytes(),
        });
        assert_eq!(reply.status, 400);
        assert!(String::from_utf8_lossy(&reply.body).contains("levels deep"));
    }
}
