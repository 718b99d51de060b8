//! `serve` against clients that try to exhaust it, through the real binary: file
//! descriptors, runaway queries next to normal ones.

use super::harness::{get, Server};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

/// Under `ulimit -n 64`, 100 held connections exhausted the descriptors; tiny_http's
/// accept thread ended on the first error and the server never listened again. Now
/// the accept loop backs off and keeps listening: once the connections are let go,
/// it answers.
#[test]
fn running_out_of_file_descriptors_does_not_stop_the_server() {
    let server = Server::start_with_nofile(64, &[]);
    let addr = server.url("").trim_start_matches("http://").to_owned();
    let held: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    assert!(!held.is_empty());
    // Give the accept loop time to hit the limit and back off.
    std::thread::sleep(Duration::from_millis(500));
    drop(held);
    let mut answered = false;
    for _ in 0..100 {
        let answer = get(&server, "/sparql?query=ASK%7B%7D", Some("text/csv"));
        if answer.status == 200 {
            answered = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(answered, "no answer after the connections were let go");
}

/// With the descriptors nearly all taken by idle connections, a client already
/// connected is still answered: the server holds connections only up to its limit
/// less a reserve (the rest wait in the kernel's queue), so each query's child
/// process still gets its pipes. Before, every query then failed with 500.
#[test]
fn a_connected_client_is_answered_while_idle_connections_take_the_rest() {
    use std::io::{Read, Write};
    let server = Server::start_with_nofile(128, &[]);
    let addr = server.url("").trim_start_matches("http://").to_owned();
    let mut normal = TcpStream::connect(&addr).unwrap();
    normal
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let ask = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n";
    let exchange = |stream: &mut TcpStream| {
        stream.write_all(ask).unwrap();
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        while !seen.ends_with(b"true") && !seen.ends_with(b"\n") {
            let n = stream.read(&mut buffer).unwrap_or(0);
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buffer[..n]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    };
    assert!(exchange(&mut normal).starts_with("HTTP/1.1 200"));
    let held: Vec<TcpStream> = (0..150)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..5 {
        let answer = exchange(&mut normal);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    drop(held);
}

/// The child processes of `pid` (Linux: `/proc/PID/task/*/children`).
fn child_pids(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

fn children(pid: u32) -> usize {
    child_pids(pid).len()
}

/// `GET /sparql` of a query that counts a 3-way cross product: minutes of work in
/// little memory.
const RUNAWAY: &[u8] = b"GET /sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20%3Fa%20%3Fb%20%3Fc%20.%20%3Fd%20%3Fe%20%3Ff%20.%20%3Fg%20%3Fh%20%3Fi%20%7D HTTP/1.1\r\nHost: x\r\n\r\n";

/// A server killed mid-query left its evaluation (a child process) running for
/// nobody, for as long as the query took; it now dies with the server.
#[test]
fn a_killed_server_leaves_no_evaluation_behind() {
    use std::io::Write;
    if !cfg!(target_os = "linux") {
        return;
    }
    let mut server = Server::start(&["--timeout", "120"]);
    let addr = server.url("").trim_start_matches("http://").to_owned();
    let mut client = TcpStream::connect(&addr).unwrap();
    client.write_all(RUNAWAY).unwrap();
    let mut evaluations = Vec::new();
    for _ in 0..100 {
        evaluations = child_pids(server.pid());
        if !evaluations.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!evaluations.is_empty(), "the query never started");
    server.kill();
    let alive = |pid: &u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| !stat.contains(") Z "))
    };
    let mut gone = false;
    for _ in 0..100 {
        if !evaluations.iter().any(alive) {
            gone = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if !gone {
        for pid in &evaluations {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    }
    assert!(gone, "the evaluation outlived its server");
}

/// A runaway query whose client went away ran on until the timeout, for nobody;
/// now its evaluation (a child process) is killed within moments.
#[test]
fn a_query_whose_client_leaves_is_stopped() {
    use std::io::Write;
    if !cfg!(target_os = "linux") {
        return;
    }
    let server = Server::start(&["--timeout", "120"]);
    let addr = server.url("").trim_start_matches("http://").to_owned();
    let mut client = TcpStream::connect(&addr).unwrap();
    client.write_all(RUNAWAY).unwrap();
    let mut seen = false;
    for _ in 0..100 {
        if children(server.pid()) > 0 {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(seen, "the query never started");
    drop(client);
    let mut stopped = false;
    for _ in 0..200 {
        if children(server.pid()) == 0 {
            stopped = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(stopped, "the evaluation ran on after its client left");
}
