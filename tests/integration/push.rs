//! `push`: the Graph Store Protocol client against a scripted HTTP stub on 127.0.0.1
//! (retries on 5xx and lost connections, none on 4xx, status lines, exit codes, no
//! password anywhere), and the round trip through a real Virtuoso 7 ([`virtuoso`]).

mod virtuoso;

use crate::cli::{assert_exit, text};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_officegraph");
/// The smallest seed record: one graph.
const SEED: &str = "data/records/002_367d8674611fb2b2.txt";
const GRAPH: &str = "https://w3id.org/officegraph/id/record/002%5F367d8674611fb2b2";

/// One request as the stub saw it.
#[derive(Debug)]
struct Seen {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A stub HTTP server answering each connection with the next of `answers`
/// (`(status line, body)`), then closing it. Returns its base URL and the requests.
fn stub(answers: Vec<(&'static str, String)>) -> (String, Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/gsp", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for (status, body) in answers {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let Some(seen) = read_request(&stream) else {
                return;
            };
            let _ = tx.send(seen);
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, rx)
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        request_line: request_line.trim_end().to_owned(),
        headers,
        body,
    })
}

fn next(rx: &Receiver<Seen>) -> Seen {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the stub saw a request")
}

fn none_left(rx: &Receiver<Seen>) {
    if let Ok(seen) = rx.recv_timeout(Duration::from_millis(500)) {
        panic!("unexpected request: {}", seen.request_line);
    }
}

/// A temp folder with the smallest seed ingested into `store/`.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let out = run(
        dir.path(),
        &["ingest", seed.to_str().unwrap(), "--store", "store"],
        &[],
    );
    assert_exit(&out, 0);
    dir
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("the officegraph binary runs")
}

fn push(dir: &Path, endpoint: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![
        "push",
        "--store",
        "store",
        "--endpoint",
        endpoint,
        "--backoff-ms",
        "10",
    ];
    args.extend_from_slice(extra);
    run(dir, &args, env)
}

#[test]
fn a_503_is_retried_and_the_graph_is_put_as_n_triples() {
    let dir = seeded();
    let (url, rx) = stub(vec![
        ("503 Service Unavailable", "busy\n".into()),
        ("204 No Content", String::new()),
    ]);
    let out = push(dir.path(), &url, &[], &[]);
    assert_exit(&out, 0);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("PUT <{GRAPH}> 204 (109 triples, 2 attempts)\n")),
        "{stdout}"
    );
    assert!(stdout.ends_with("(109 triples); 0 failed\n"), "{stdout}");
    for _ in 0..2 {
        let seen = next(&rx);
        assert_eq!(
            seen.request_line,
            "PUT /gsp?graph=https%3A%2F%2Fw3id.org%2Fofficegraph%2Fid%2Frecord%2F002%255F367d8674611fb2b2 HTTP/1.1"
        );
        assert_eq!(seen.header("content-type"), Some("application/n-triples"));
        assert_eq!(seen.header("authorization"), None);
        let body = String::from_utf8(seen.body).unwrap();
        assert_eq!(body.lines().count(), 109);
        assert!(body.lines().all(|l| l.ends_with(" .")), "{body}");
    }
    none_left(&rx);
}

#[test]
fn a_400_is_not_retried_and_the_push_exits_1() {
    let dir = seeded();
    let (url, rx) = stub(vec![
        ("400 Bad Request", "syntax error at line 3\n".into()),
        ("204 No Content", String::new()),
    ]);
    let out = push(dir.path(), &url, &[], &[]);
    assert_exit(&out, 1);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "PUT <{GRAPH}> failed: 400 Bad Request: syntax error at line 3 (109 triples, 1 attempt)\n"
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("; 1 failed\n"), "{stdout}");
    next(&rx);
    none_left(&rx);
}

#[test]
fn lost_connections_are_retried_a_bounded_number_of_times() {
    let dir = seeded();
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/gsp");
    let out = push(dir.path(), &url, &["--retries", "2"], &[]);
    assert_exit(&out, 1);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("PUT <{GRAPH}> failed: ")),
        "{stdout}"
    );
    assert!(stdout.contains("(109 triples, 3 attempts)\n"), "{stdout}");
    // Persistent 5xx: also bounded.
    let (url, rx) = stub(vec![("500 Internal Server Error", String::new()); 5]);
    let out = push(dir.path(), &url, &["--retries", "1"], &[]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stdout).contains("failed: 500 Internal Server Error (109 triples, 2 attempts)"),
        "{}",
        text(&out.stdout)
    );
    next(&rx);
    next(&rx);
    none_left(&rx);
}

#[test]
fn the_password_comes_from_the_environment_and_is_never_shown() {
    let dir = seeded();
    let password = "hunter2-s3cret";
    let token = "YWxpY2U6aHVudGVyMi1zM2NyZXQ="; // base64("alice:hunter2-s3cret")
                                                // A server that echoes what it got, password included, in a 401 and then a 500.
                                                // Plain, in capitals, and percent-encoded byte by byte (lower-case hex).
    let upper = password.to_uppercase();
    let encoded: String = password.bytes().map(|b| format!("%{b:02x}")).collect();
    let echo = format!("no: Basic {token} ({password}) ({upper}) ({encoded}) rejected\n");
    let (url, rx) = stub(vec![("401 Unauthorized", echo.clone())]);
    let auth = ["--user", "alice", "--password-env", "OG_TEST_PASSWORD"];
    let env = [("OG_TEST_PASSWORD", password)];
    let out = push(dir.path(), &url, &auth, &env);
    assert_exit(&out, 1);
    let seen = next(&rx);
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Basic {token}").as_str())
    );
    let (url, _rx) = stub(vec![("500 Internal Server Error", echo); 2]);
    let again = push(
        dir.path(),
        &url,
        &[&auth[..], &["--retries", "1"]].concat(),
        &env,
    );
    assert_exit(&again, 1);
    for output in [&out, &again] {
        let all = text(&output.stdout) + &text(&output.stderr);
        assert!(all.contains("failed: "), "{all}");
        for leak in [password, token, &upper, &encoded] {
            assert!(!all.contains(leak), "{leak}: {all}");
        }
    }
    // Unset variable, password in the URL, missing --user: usage errors, nothing leaked.
    let out = push(dir.path(), &url, &auth, &[]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("no variable of the name given is set"),
        "{}",
        text(&out.stderr)
    );
    // The password itself given by mistake (`--password-env "$PW"`): not shown.
    let out = push(
        dir.path(),
        &url,
        &["--user", "alice", "--password-env", password],
        &env,
    );
    assert_exit(&out, 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the value given is not one (not shown)"),
        "{stderr}"
    );
    assert!(!stderr.contains(password), "{stderr}");
    let with_user_info = url.replace("http://", &format!("http://alice:{password}@"));
    let out = push(dir.path(), &with_user_info, &[], &[]);
    assert_exit(&out, 2);
    assert!(
        !text(&out.stderr).contains(password),
        "{}",
        text(&out.stderr)
    );
    let out = push(
        dir.path(),
        &url,
        &["--password-env", "OG_TEST_PASSWORD"],
        &env,
    );
    assert_exit(&out, 2);
}

#[test]
fn only_the_graphs_asked_for_and_only_graphs_the_store_has() {
    let dir = seeded();
    let (url, rx) = stub(vec![("201 Created", String::new())]);
    let out = push(dir.path(), &url, &["--graph", &format!("<{GRAPH}>")], &[]);
    assert_exit(&out, 0);
    assert!(text(&out.stdout).contains(" 201 (109 triples, 1 attempt)"));
    next(&rx);
    let out = push(
        dir.path(),
        &url,
        &["--graph", "https://example.org/nothing"],
        &[],
    );
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("no such graph"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        dir.path(),
        &["push", "--store", "nowhere", "--endpoint", &url],
        &[],
    );
    assert_exit(&out, 2);
}
