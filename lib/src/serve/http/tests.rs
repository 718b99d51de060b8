//! The HTTP layer against hostile clients, on loopback: slow bodies, silent and
//! endless request heads, keep-alive, the headers every reply carries.

use crate::query::Catalog;
use crate::serve::{start, Config, HttpLimits, Running};
use oxigraph::store::Store;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn server(http: HttpLimits, threads: usize) -> Running {
    let config = Config {
        bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        threads,
        http,
        ..Config::default()
    };
    let catalog = Catalog::builtin().expect("catalog");
    start(Store::new().expect("store"), catalog, &config).expect("starts")
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream
}

const ASK: &[u8] =
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n";

/// One `Connection: close` request, the whole answer.
fn ask(addr: SocketAddr) -> String {
    let mut stream = connect(addr);
    stream.write_all(ASK).expect("writes");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// Everything the server sends until it closes (or 20 s pass).
fn drain(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn bodies_that_never_come_hold_no_handler_and_get_408() {
    // One handler slot; more silent POSTs than slots. Before, each held a worker
    // forever and every other client timed out.
    let running = server(
        HttpLimits {
            body_timeout: Duration::from_millis(500),
            ..HttpLimits::default()
        },
        1,
    );
    let addr = running.addr();
    let mut silent: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = connect(addr);
            stream
                .write_all(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 5000\r\n\r\n")
                .expect("writes");
            stream
        })
        .collect();
    let answer = ask(addr);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    for stream in &mut silent {
        let answer = drain(stream);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    running.shutdown();
}

#[test]
fn a_silent_or_endless_request_head_is_cut_off() {
    let running = server(
        HttpLimits {
            head_timeout: Duration::from_millis(500),
            ..HttpLimits::default()
        },
        1,
    );
    let addr = running.addr();
    // Nothing sent: closed after the head timeout.
    let mut silent = connect(addr);
    let started = Instant::now();
    assert_eq!(drain(&mut silent), "");
    assert!(started.elapsed() < Duration::from_secs(15));
    // A request line that never ends: refused once past the head limit, not read
    // into memory without end.
    let mut endless = connect(addr);
    endless.write_all(b"GET /").expect("writes");
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < (64 << 20) {
        if endless.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    assert!(sent < (64 << 20), "the server read 64 MiB of request line");
    // Huge headers: 431.
    let mut big = connect(addr);
    let header = format!("X-Big: {}\r\n", "b".repeat(8000));
    let request = format!("GET / HTTP/1.1\r\nHost: x\r\n{}\r\n", header.repeat(4));
    let _ = big.write_all(request.as_bytes());
    let answer = drain(&mut big);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    // The server still answers.
    assert!(ask(addr).starts_with("HTTP/1.1 200"));
    running.shutdown();
}

#[test]
fn keep_alive_answers_in_one_piece_with_nosniff() {
    let running = server(HttpLimits::default(), 2);
    let mut stream = connect(running.addr());
    let request =
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".repeat(3);
    stream.write_all(&request).expect("writes");
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    while seen.matches("\r\n\r\ntrue").count() < 3 {
        let n = stream.read(&mut buffer).expect("reads");
        assert_ne!(n, 0, "closed early: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert_eq!(seen.matches("HTTP/1.1 200").count(), 3, "{seen}");
    assert_eq!(
        seen.matches("x-content-type-options: nosniff").count(),
        3,
        "{seen}"
    );
    running.shutdown();
}
