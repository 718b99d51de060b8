//! The `serve` tests' harness: a served store that is killed on drop, and a minimal
//! HTTP/1.1 client over `TcpStream` (no HTTP crate needed in the tests).

use crate::cli::{assert_exit, officegraph, text};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_officegraph");

pub(super) fn skipped(what: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {what} (run scripts/install-checkers.sh) ***"
    );
}

/// A running `officegraph serve`, killed when dropped.
pub(super) struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Ingests the seeds into a fresh store and serves it with `extra` options.
    pub(super) fn start(extra: &[&str]) -> Server {
        let mut command = Command::new(BIN);
        command
            .args(["serve", "--store", "store", "--bind", "127.0.0.1:0"])
            .args(extra);
        Server::spawn(command)
    }

    /// [`Server::start`] under `ulimit -n nofile` (through `sh`).
    pub(super) fn start_with_nofile(nofile: u32, extra: &[&str]) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "ulimit -n {nofile} && exec \"$0\" serve --store store --bind 127.0.0.1:0 \"$@\""
            ))
            .arg(BIN)
            .args(extra);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let dir = crate::cli::seeds_store();
        let mut child = command
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (found, addr) = mpsc::channel();
        {
            let log = Arc::clone(&log);
            // Reads stderr to its end, so the server never blocks on a full pipe.
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(rest) = line.strip_prefix("listening on http://") {
                        let _ = found.send(rest.trim_end_matches('/').to_owned());
                    }
                    log.lock().unwrap().push(line);
                }
            });
        }
        let server = |addr| Server {
            child,
            addr,
            log,
            _dir: dir,
        };
        match addr.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => server(addr),
            Err(_) => {
                let mut failed = server(String::new());
                let _ = failed.child.kill();
                panic!("serve did not start: {:?}", failed.log.lock().unwrap());
            }
        }
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Kills the server (SIGKILL) and waits for it.
    pub(super) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The server's process id.
    pub(super) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(super) fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub(super) fn dir(&self) -> &Path {
        self._dir.path()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) body: String,
}

/// One request over plain TCP (`Connection: close`), bounded by a 30 s timeout.
pub(super) fn http(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr,
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = text(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let content_type = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default();
    Answer {
        status,
        content_type,
        body: body.to_owned(),
    }
}

pub(super) fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

pub(super) fn get(server: &Server, path_and_query: &str, accept: Option<&str>) -> Answer {
    let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
    http(server, "GET", path_and_query, &headers, b"")
}

/// The CSV rows `officegraph query` gives for `query` (a file) on the server's store.
pub(super) fn cli_csv(server: &Server, query: &str, params: &[&str]) -> String {
    std::fs::write(server.dir().join("q.rq"), query).unwrap();
    let mut args = vec!["query", "q.rq", "--store", "store", "--format", "csv"];
    if !query.contains('\n') {
        args[1] = query;
    }
    for param in params {
        args.extend(["--param", param]);
    }
    let out = officegraph(server.dir(), &args);
    assert_exit(&out, 0);
    text(&out.stdout)
}
