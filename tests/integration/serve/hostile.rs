//! `serve` against clients that try to exhaust it, through the real binary: file
//! descriptors, runaway queries next to normal ones.

use super::harness::{get, Server};
use std::net::TcpStream;
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
