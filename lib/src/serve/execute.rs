//! Serve stage: one query under the limits — admit it (a cap on evaluations at once,
//! per pool), prepare it as `officegraph query` does (union default graph, parameters
//! bound by substitution), apply the protocol's dataset, evaluate in a child process
//! (or on a thread) with a deadline, negotiate the format, serialize with a row cap.

mod wire;

use super::limits::{self, Limits, Stopped};
use super::negotiate::{self, Form};
use super::{Reply, ServeError};
use crate::query::isolate::{self, Isolated};
use crate::query::{self, QueryError};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A query to run and how the client wants the answer.
#[derive(Debug, Clone, Default)]
pub struct Job {
    pub text: String,
    /// Stored-query parameters (none for protocol queries).
    pub params: Vec<(String, String)>,
    /// `default-graph-uri` values; with `named_graphs`, replace the union default graph.
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    pub accept: Option<String>,
    pub format: Option<String>,
    /// Which cap on evaluations at once this query counts against.
    pub pool: Pool,
}

/// The pools of [`Limits::max_running`] evaluations each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pool {
    /// The stored queries and the web pages' own queries.
    #[default]
    Own,
    /// Query texts from clients: `/sparql` and the query page.
    AdHoc,
}

static RUNNING: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];

/// A place in a pool, given back when dropped.
struct Slot(&'static AtomicUsize);

impl Slot {
    fn take(pool: Pool, max: usize) -> Option<Slot> {
        let count = &RUNNING[pool as usize];
        if count.fetch_add(1, Ordering::SeqCst) >= max {
            count.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(count))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `job` on `store` within `limits`: past the timeout the evaluation is
/// stopped and the answer is [`ServeError::Timeout`], at once; past
/// [`Limits::max_running`] evaluations of its pool it is [`ServeError::Busy`].
pub fn run(store: &Store, job: Job, limits: Limits) -> Result<Reply, ServeError> {
    let _slot = Slot::take(job.pool, limits.max_running).ok_or(ServeError::Busy)?;
    if limits.isolate && isolate::AVAILABLE {
        return isolated(store, &job, limits);
    }
    let store = store.clone();
    let outcome = limits::within(limits.timeout, move |token| {
        evaluate(&store, &job, limits, token)
    });
    match outcome {
        Ok(reply) => reply,
        Err(Stopped::TimedOut) => Err(ServeError::Timeout(limits.timeout)),
        Err(Stopped::Busy) => Err(ServeError::Busy),
        Err(Stopped::NoThread(message)) => Err(ServeError::Internal(message)),
    }
}

/// Evaluates `job` in a child process: killed at the timeout, or past the memory
/// budget; the child's outcome travels back as bytes ([`wire`]).
fn isolated(store: &Store, job: &Job, limits: Limits) -> Result<Reply, ServeError> {
    let outcome = isolate::run(limits.timeout, limits.max_memory, || {
        wire::encode(&evaluate(store, job, limits, CancellationToken::new()))
    });
    match outcome {
        Ok(bytes) => wire::decode(&bytes),
        Err(Isolated::TimedOut) => Err(ServeError::Timeout(limits.timeout)),
        Err(Isolated::OverBudget) => Err(ServeError::OverMemory),
        Err(Isolated::Busy) => Err(ServeError::Busy),
        // Nobody will read it; the request log says so.
        Err(Isolated::Abandoned) => Err(ServeError::Abandoned),
        Err(Isolated::Crashed(signal)) => Err(ServeError::Internal(format!(
            "the query's evaluation crashed (signal {signal})"
        ))),
        Err(other @ (Isolated::Panicked | Isolated::Io(_))) => {
            Err(ServeError::Internal(other.to_string()))
        }
    }
}

fn evaluate(
    store: &Store,
    job: &Job,
    limits: Limits,
    token: CancellationToken,
) -> Result<Reply, ServeError> {
    let evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    let mut prepared = match query::prepare_with(evaluator, store, &job.text, &job.params) {
        Ok(prepared) => prepared,
        Err(QueryError::Update) => return Err(ServeError::UpdateRefused),
        Err(error) => return Err(classify(error, limits)),
    };
    if !job.default_graphs.is_empty() || !job.named_graphs.is_empty() {
        let default = job
            .default_graphs
            .iter()
            .map(|iri| graph_iri("default-graph-uri", iri).map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        let named = job
            .named_graphs
            .iter()
            .map(|iri| graph_iri("named-graph-uri", iri).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(default);
        dataset.set_available_named_graphs(named);
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| classify(e.into(), limits))?;
    let form = match results {
        QueryResults::Graph(_) => Form::Graph,
        _ => Form::Results,
    };
    let offer = negotiate::choose(form, job.accept.as_deref(), job.format.as_deref())?;
    let mut body = Vec::new();
    query::write_results(
        limits::capped(results, limits.max_rows),
        offer.format,
        &mut body,
    )
    .map_err(|e| classify(e, limits))?;
    let content_type = if offer.media.starts_with("text/") {
        format!("{}; charset=utf-8", offer.media)
    } else {
        offer.media.to_owned()
    };
    Ok(Reply::new(200, content_type, body))
}

fn graph_iri(param: &str, iri: &str) -> Result<NamedNode, ServeError> {
    NamedNode::new(iri.trim_start_matches('<').trim_end_matches('>'))
        .map_err(|e| ServeError::BadRequest(format!("{param} `{iri}` is not an IRI: {e}")))
}

/// A limit's error when a limit stopped the query, else the query's own. (Only the
/// deadline cancels, so a cancelled evaluation is a timeout.)
fn classify(error: QueryError, limits: Limits) -> ServeError {
    match &error {
        QueryError::Evaluation(e) if limits::is_row_cap(e) => {
            ServeError::TooManyRows(limits.max_rows)
        }
        QueryError::Evaluation(QueryEvaluationError::Cancelled) => {
            ServeError::Timeout(limits.timeout)
        }
        _ => ServeError::Query(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, Quad};
    use std::time::{Duration, Instant};

    fn store(n: usize) -> Store {
        let store = Store::new().expect("store");
        for i in 0..n {
            let s = NamedNode::new_unchecked(format!("http://example.org/s{i}"));
            let g = NamedNode::new_unchecked(format!("http://example.org/g{}", i % 2));
            store
                .insert(&Quad::new(
                    s.clone(),
                    s,
                    Literal::from(i as i64),
                    GraphName::NamedNode(g),
                ))
                .expect("insert");
        }
        store
    }

    fn job(text: &str) -> Job {
        Job {
            text: text.to_owned(),
            ..Job::default()
        }
    }

    #[test]
    fn the_default_graph_is_the_union_unless_the_request_names_one() {
        let store = store(10);
        let text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
        let csv = |job: Job| {
            let job = Job {
                format: Some("csv".to_owned()),
                ..job
            };
            let reply = run(&store, job, Limits::default()).expect("runs");
            String::from_utf8(reply.body).expect("utf-8")
        };
        assert_eq!(csv(job(text)), "n\r\n10\r\n");
        let g0 = vec!["http://example.org/g0".to_owned()];
        let only_g0 = Job {
            default_graphs: g0,
            ..job(text)
        };
        assert_eq!(csv(only_g0), "n\r\n5\r\n");
        let bad = Job {
            default_graphs: vec!["not an iri".to_owned()],
            ..job(text)
        };
        let err = run(&store, bad, Limits::default()).expect_err("bad IRI");
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn errors_have_their_status() {
        let store = store(3);
        let status = |text: &str| {
            run(&store, job(text), Limits::default()).map_or_else(|e| e.status(), |r| r.status)
        };
        assert_eq!(status("SELECT * WHERE { ?s ?p ?o }"), 200);
        assert_eq!(status("SELEKT * WHERE { ?s ?p ?o }"), 400);
        assert_eq!(
            status("INSERT DATA { <http://a> <http://a> <http://a> }"),
            403
        );
        assert_eq!(status("DROP ALL"), 403);
        // An empty body is not an (empty) update; SERVICE is the client's mistake.
        assert_eq!(status(""), 400);
        assert_eq!(status("# only a comment\n"), 400);
        assert_eq!(
            status("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
            400
        );
        assert_eq!(status(&format!("ASK {{}} #{}", "x".repeat(1 << 20))), 413);
        let said = |text: &str| {
            run(&store, job(text), Limits::default())
                .map_or_else(|e| e.to_string(), |_| String::new())
        };
        assert!(said("").contains("empty"), "{}", said(""));
        assert!(
            said("CLEAR ALL").contains("read-only"),
            "{}",
            said("CLEAR ALL")
        );
        assert!(
            said("SELECT * { SERVICE <http://x.example/> { ?s ?p ?o } }")
                .contains("never reaches the network")
        );
        let turtle = Job {
            format: Some("turtle".to_owned()),
            ..job("SELECT * WHERE { ?s ?p ?o }")
        };
        let err = run(&store, turtle, Limits::default()).expect_err("406");
        assert_eq!(err.status(), 406);
    }

    #[test]
    fn the_row_cap_stops_an_answer() {
        let store = store(10);
        let all = "SELECT * WHERE { ?s ?p ?o }";
        let limits = Limits {
            max_rows: 10,
            ..Limits::default()
        };
        assert!(run(&store, job(all), limits).is_ok());
        let limits = Limits {
            max_rows: 9,
            ..Limits::default()
        };
        let err = run(&store, job(all), limits).expect_err("cap");
        assert!(matches!(err, ServeError::TooManyRows(9)), "{err}");
        assert!(err.to_string().contains("9 row cap"), "{err}");
        assert_eq!(err.status(), 503);
        let err = run(&store, job("CONSTRUCT WHERE { ?s ?p ?o }"), limits).expect_err("cap");
        assert!(matches!(err, ServeError::TooManyRows(9)), "{err}");
    }

    #[test]
    fn a_slow_query_is_answered_at_its_timeout() {
        let store = store(200);
        let limits = Limits {
            timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let started = Instant::now();
        let cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        let err = run(&store, job(cross), limits).expect_err("times out");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(err.status(), 503);
        assert_eq!(
            err.to_string(),
            "query exceeded the 0.3 s timeout (the server's --timeout); add a LIMIT or narrow the query"
        );
    }

    /// The 3-way cartesian product, sorted: materialized, so Oxigraph's cancellation
    /// token is not checked while it runs (issue 14).
    const RUNAWAY: &str = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?f ?i";

    fn isolated(limits: Limits) -> Limits {
        Limits {
            isolate: true,
            ..limits
        }
    }

    #[test]
    fn a_runaway_query_is_killed_at_its_timeout() {
        let store = store(200);
        let limits = isolated(Limits {
            timeout: Duration::from_secs(1),
            max_memory: 16 << 30,
            ..Limits::default()
        });
        let started = Instant::now();
        let runaway = Job {
            pool: Pool::AdHoc,
            ..job(RUNAWAY)
        };
        let err = run(&store, runaway, limits).expect_err("times out");
        assert!(matches!(err, ServeError::Timeout(_)), "{err}");
        assert_eq!(err.status(), 503);
        assert!(started.elapsed() < Duration::from_secs(10));
        // The evaluation is not running on somewhere: its process is gone.
        let child = isolate::last_child();
        assert!(child > 0, "no child process evaluated the query");
        assert!(isolate::tests::gone_soon(child), "child {child} is left");
    }

    #[test]
    fn a_query_over_the_memory_budget_is_refused_and_the_server_does_not_grow() {
        let store = store(200);
        let budget = 64 << 20;
        let limits = isolated(Limits {
            timeout: Duration::from_secs(120),
            max_memory: budget,
            ..Limits::default()
        });
        let before = isolate::tests::rss();
        let runaway = Job {
            pool: Pool::AdHoc,
            ..job(RUNAWAY)
        };
        let err = run(&store, runaway, limits).expect_err("over budget");
        assert_eq!(err.status(), 503);
        assert_eq!(
            err.to_string(),
            "query exceeded the memory budget (the server's --max-memory); add a LIMIT or narrow the query"
        );
        let after = isolate::tests::rss();
        assert!(after < before + budget, "grew from {before} to {after}");
        let child = isolate::last_child();
        assert!(isolate::tests::gone_soon(child), "child {child} is left");
    }

    #[test]
    fn isolated_answers_are_the_threaded_ones() {
        let store = store(20);
        let cases = [
            (
                "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o",
                None,
                Some("json"),
            ),
            (
                "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o",
                None,
                Some("csv"),
            ),
            (
                "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
                Some("application/sparql-results+xml"),
                None,
            ),
            (
                "CONSTRUCT WHERE { ?s ?p ?o }",
                Some("application/n-triples"),
                None,
            ),
            ("ASK { ?s ?p 3 }", None, None),
            ("SELEKT * WHERE { ?s ?p ?o }", None, None),
            (
                "INSERT DATA { <http://a> <http://a> <http://a> }",
                None,
                None,
            ),
            ("CONSTRUCT WHERE { ?s ?p ?o }", None, Some("csv")),
        ];
        for (text, accept, format) in cases {
            let job = Job {
                accept: accept.map(str::to_owned),
                format: format.map(str::to_owned),
                ..job(text)
            };
            let flat = |outcome: Result<Reply, ServeError>| match outcome {
                Ok(reply) => (reply.status, reply.content_type, reply.body),
                Err(error) => (
                    error.status(),
                    String::new(),
                    error.to_string().into_bytes(),
                ),
            };
            let threaded = flat(run(&store, job.clone(), Limits::default()));
            let forked = flat(run(&store, job, isolated(Limits::default())));
            assert_eq!(forked, threaded, "{text}");
        }
        let limits = isolated(Limits {
            max_rows: 9,
            ..Limits::default()
        });
        let err = run(&store, job("SELECT * WHERE { ?s ?p ?o }"), limits).expect_err("cap");
        assert!(matches!(err, ServeError::TooManyRows(9)), "{err}");
    }

    #[test]
    fn past_max_running_ad_hoc_queries_are_busy_and_stored_ones_still_run() {
        let store = store(200);
        let limits = isolated(Limits {
            timeout: Duration::from_secs(3),
            max_memory: 16 << 30,
            max_running: 2,
            ..Limits::default()
        });
        let ad_hoc = |text: &str| Job {
            pool: Pool::AdHoc,
            ..job(text)
        };
        let runaways: Vec<_> = (0..2)
            .map(|_| {
                let (store, job) = (store.clone(), ad_hoc(RUNAWAY));
                std::thread::spawn(move || run(&store, job, limits))
            })
            .collect();
        let started = Instant::now();
        while RUNNING[Pool::AdHoc as usize].load(Ordering::SeqCst) < 2 {
            assert!(started.elapsed() < Duration::from_secs(10));
            std::thread::sleep(Duration::from_millis(5));
        }
        let err = run(&store, ad_hoc("ASK {}"), limits).expect_err("busy");
        assert!(matches!(err, ServeError::Busy), "{err}");
        assert_eq!(err.status(), 503);
        // Another test's query may hold one of the other pool's places for a moment.
        let stored = (0..100).find_map(|_| {
            let outcome = run(&store, job("ASK {}"), limits);
            if outcome.is_err() {
                std::thread::sleep(Duration::from_millis(20));
            }
            outcome.ok()
        });
        assert_eq!(stored.map(|reply| reply.status), Some(200));
        for runaway in runaways {
            let runaway = runaway.join().expect("joins");
            assert!(runaway.is_err_and(|e| e.status() == 503));
        }
    }
}
