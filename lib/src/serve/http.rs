//! Serve stage: the HTTP/1.1 layer — hyper on a small tokio runtime, made to hold
//! against hostile clients: a bounded request head (line and headers), a header-read
//! timeout that also closes idle keep-alive connections, a body-read timeout and size
//! limit, a write-stall timeout, a bounded number of connections, an accept loop that
//! backs off and keeps listening after an error (out of file descriptors), TCP_NODELAY,
//! and handlers run on blocking threads with separate admission for ad-hoc queries and
//! for everything else, so runaway queries never starve pages and stored queries.
//!
//! Knows nothing of SPARQL: a request becomes a [`Request`], [`App::handle`] answers.

use super::{App, Reply, Request, RequestLog, RequestLogger, ServeError, MAX_BODY};
use crate::query::isolate;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

/// The limits of the HTTP layer (the query limits are [`super::Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// Request line and headers, in bytes; past it the answer is 431.
    pub max_head: usize,
    /// A request head must arrive within this; an idle keep-alive connection is
    /// closed after it.
    pub head_timeout: Duration,
    /// A request body must arrive within this; past it the answer is 408.
    pub body_timeout: Duration,
    /// A reply that cannot be written for this long (a client that stopped reading)
    /// closes the connection.
    pub write_timeout: Duration,
    /// Connections held at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    /// Ad-hoc queries (`/sparql`, `/web/query`) answered at once; more wait up to
    /// `queue_wait`, then get 503. Pages and stored queries have as many slots of
    /// their own.
    pub handlers: usize,
    /// How long a request waits for a handler slot before 503.
    pub queue_wait: Duration,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            max_head: 16 * 1024,
            head_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 512,
            handlers: 4,
            queue_wait: Duration::from_secs(5),
        }
    }
}

/// After an `accept` error (out of file descriptors, out of memory), the accept
/// loop sleeps this long and tries again: the server never stops listening.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// What the connections share.
struct Shared {
    app: Arc<App>,
    log: Option<RequestLogger>,
    limits: HttpLimits,
    /// Slots for ad-hoc queries, and for every other request.
    adhoc: Arc<Semaphore>,
    other: Arc<Semaphore>,
}

/// Accepts connections on `listener` until `stop` changes, each served by hyper.
pub async fn accept_loop(
    listener: TcpListener,
    app: Arc<App>,
    log: Option<RequestLogger>,
    limits: HttpLimits,
    mut stop: watch::Receiver<bool>,
) {
    let shared = Arc::new(Shared {
        app,
        log,
        limits,
        adhoc: Arc::new(Semaphore::new(limits.handlers.max(1))),
        other: Arc::new(Semaphore::new(limits.handlers.max(1))),
    });
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        // A connection slot first: at the bound, new clients wait in the backlog
        // instead of taking the process's last file descriptors.
        let permit = tokio::select! {
            permit = Arc::clone(&connections).acquire_owned() => permit,
            _ = stop.changed() => return,
        };
        let Ok(permit) = permit else { return };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        match accepted {
            Ok((stream, _peer)) => {
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    serve_connection(stream, shared).await;
                    drop(permit);
                });
            }
            Err(_) => {
                drop(permit);
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>) {
    // Small replies in one segment, at once (no 40 ms Nagle/delayed-ACK stall).
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(StallTimeout::new(stream, shared.limits.write_timeout));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(shared.limits.head_timeout)
        .max_header_size(shared.limits.max_head)
        .max_buf_size(shared.limits.max_head.max(8192) * 4)
        .keep_alive(true);
    let service = hyper::service::service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(answer(&shared, request).await) }
    });
    // A client that misbehaves or goes away ends its own connection only.
    let _ = builder.serve_connection(io, service).await;
}

/// Reads one request (body bounded in size and time), waits for a handler slot,
/// answers on a blocking thread, logs.
async fn answer(
    shared: &Shared,
    request: hyper::Request<Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_owned();
    let url = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let header = |name: hyper::header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header(hyper::header::CONTENT_TYPE);
    let accept = header(hyper::header::ACCEPT);
    let reply = match read_body(body, &shared.limits).await {
        Err(error) => Reply::error(&error),
        Ok(body) => {
            let (path, _) = super::protocol::split_url(&url);
            let adhoc = matches!(path, "/sparql" | "/sparql/" | "/query" | "/web/query");
            let slots = if adhoc { &shared.adhoc } else { &shared.other };
            let slot =
                tokio::time::timeout(shared.limits.queue_wait, Arc::clone(slots).acquire_owned())
                    .await;
            match slot {
                Ok(Ok(slot)) => {
                    let app = Arc::clone(&shared.app);
                    let (method, url) = (method.clone(), url.clone());
                    // hyper drops this future when the client goes away; the guard
                    // then stops the evaluation instead of letting it run for nobody.
                    let flag = Arc::new(AtomicBool::new(false));
                    let abandoned = SetOnDrop::new(&flag);
                    let handled = tokio::task::spawn_blocking(move || {
                        let reply = isolate::abandoned_when(flag, || {
                            app.handle(&Request {
                                method: &method,
                                url: &url,
                                content_type: content_type.as_deref(),
                                accept: accept.as_deref(),
                                body: &body,
                            })
                        });
                        drop(slot);
                        reply
                    })
                    .await;
                    abandoned.disarm();
                    handled.unwrap_or_else(|_| {
                        Reply::error(&ServeError::Internal(
                            "internal error while answering this request".to_owned(),
                        ))
                    })
                }
                _ => Reply::error(&ServeError::Busy),
            }
        }
    };
    let status = reply.status;
    let response = response(reply);
    if let Some(RequestLogger(log)) = &shared.log {
        let (path, _) = super::protocol::split_url(&url);
        log(&RequestLog {
            method: &method,
            path,
            status,
            elapsed: started.elapsed(),
        });
    }
    response
}

/// Sets its flag when dropped, unless disarmed first.
struct SetOnDrop(Option<Arc<AtomicBool>>);

impl SetOnDrop {
    fn new(flag: &Arc<AtomicBool>) -> Self {
        SetOnDrop(Some(Arc::clone(flag)))
    }

    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::SeqCst);
        }
    }
}

/// The body, refused past [`MAX_BODY`] (413, before reading when `Content-Length`
/// says so) or when it does not arrive within the body timeout (408).
async fn read_body(body: Incoming, limits: &HttpLimits) -> Result<Vec<u8>, ServeError> {
    use hyper::body::Body as _;
    if body.size_hint().lower() > MAX_BODY as u64 {
        return Err(ServeError::BodyTooLarge);
    }
    match tokio::time::timeout(limits.body_timeout, Limited::new(body, MAX_BODY).collect()).await {
        Err(_) => Err(ServeError::BodyTimeout(limits.body_timeout)),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            Err(ServeError::BodyTooLarge)
        }
        Ok(Err(error)) => Err(ServeError::BadRequest(format!(
            "cannot read the request body: {error}"
        ))),
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
    }
}

fn response(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let fixed = [
        ("content-type", reply.content_type.as_str()),
        ("vary", "Accept"),
        ("x-content-type-options", "nosniff"),
    ];
    for (name, value) in fixed.into_iter().chain(reply.allow.map(|a| ("allow", a))) {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}

/// A socket whose writes fail with `TimedOut` after making no progress for
/// `timeout` (a client that stopped reading cannot hold a connection forever).
struct StallTimeout<S> {
    inner: S,
    timeout: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> StallTimeout<S> {
    fn new(inner: S, timeout: Duration) -> Self {
        StallTimeout {
            inner,
            timeout,
            stalled: None,
        }
    }

    /// After a `Pending` write: arm the timer (once) and fail when it has run out.
    fn check_stall(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let timeout = self.timeout;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallTimeout<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallTimeout<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.check_stall(cx).map(Err),
            ready => {
                self.stalled = None;
                ready
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.check_stall(cx).map(Err),
            ready => {
                self.stalled = None;
                ready
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests;
