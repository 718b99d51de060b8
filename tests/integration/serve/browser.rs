//! The web view in a real browser: headless Chromium driven by chromedriver over the
//! W3C WebDriver HTTP protocol (plain JSON over `ureq`, no WebDriver crate). The test
//! serves the seeds, opens the General Secretary page and reads the timeline's bars and
//! labels from the DOM (Tô Lâm's bar open-ended), follows a person link, runs a query
//! from the query page and reads the result table. Screenshots are written to
//! `target/browser-artifacts/*.png`. When chromium or chromedriver is missing,
//! `scripts/install-browser.sh` installs them (as root); if that is impossible, the
//! test says SKIPPED loudly and passes.

use super::harness::{cli_csv, Server};
use base64::Engine;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const GENSEC: &str = "/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam";
const TO_LAM: &str = "/id/person/T%C3%B4_L%C3%A2m";
/// The W3C WebDriver element key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn skipped(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: browser test: {why} (run scripts/install-browser.sh as root) ***"
    );
}

fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(tool))
        .find(|path| path.is_file())
}

/// chromium and chromedriver, installed by the script when missing.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let found = || Some((which("chromium")?, which("chromedriver")?));
    if let Some(found) = found() {
        return Some(found);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install-browser.sh");
    let _ = Command::new("bash").arg(script).status();
    found()
}

/// chromedriver on a free port, killed on drop.
struct Driver {
    child: Child,
    url: String,
    agent: ureq::Agent,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(chromedriver: &Path) -> Result<Driver, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            agent,
        };
        // Ready within a bounded number of polls (not a timing assertion).
        for _ in 0..100 {
            if let Ok(status) = driver.call("GET", "/status", None) {
                if status["ready"].as_bool() == Some(true) {
                    return Ok(driver);
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err("chromedriver did not become ready".to_owned())
    }

    /// One WebDriver command; its `value`, or the error it answered with.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.url);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut response = response.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let value: Value =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}: {text}"))?;
        if status >= 400 {
            return Err(format!("{method} {path}: {status} {}", value["value"]));
        }
        Ok(value["value"].clone())
    }
}

/// A browser session, ended on drop.
struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self
            .driver
            .call("DELETE", &format!("/session/{}", self.id), None);
    }
}

impl<'a> Session<'a> {
    fn new(driver: &'a Driver, chromium: &Path) -> Result<Session<'a>, String> {
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1400,1100",
                         "--no-first-run", "--disable-extensions"]
            }
        }}});
        let value = driver.call("POST", "/session", Some(capabilities))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?
            .to_owned();
        Ok(Session { driver, id })
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.id), body)
            .unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    fn open(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn script(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn find(&self, css: &str) -> String {
        let found = self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_owned()
    }

    fn click(&self, element: &str) {
        self.cmd("POST", &format!("/element/{element}/click"), None);
    }

    /// Polls `condition` (a JS expression) until it holds, a bounded number of times.
    fn wait_for(&self, condition: &str) -> bool {
        for _ in 0..100 {
            if self.script(&format!("return !!({condition});")) == json!(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let data = self.cmd("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("a base64 PNG");
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let dir = artifacts();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("browser test: screenshot {}", path.display());
        path
    }
}

/// Where the screenshots go: `$CARGO_TARGET_DIR/browser-artifacts`, or
/// `target/browser-artifacts` in the crate.
fn artifacts() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("browser-artifacts")
}

#[test]
fn the_web_view_works_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser() else {
        skipped("chromium and chromedriver are not installed and could not be");
        return;
    };
    let driver = match Driver::start(&chromedriver) {
        Ok(driver) => driver,
        Err(why) => return skipped(&why),
    };
    let session = match Session::new(&driver, &chromium) {
        Ok(session) => session,
        Err(why) => return skipped(&format!("chromium would not start: {why}")),
    };
    let server = Server::start(&[]);
    let origin = server.url("");

    // The position page: one bar per tenure, each labelled, Tô Lâm's open-ended.
    session.open(&server.url(GENSEC));
    assert!(session.wait_for("document.querySelector('svg g.tenure')"));
    let bars = session.script(
        "return Array.from(document.querySelectorAll('.timeline svg g.tenure')).map(g => {
           const r = g.getBoundingClientRect();
           return { holder: g.dataset.holder || '', open: g.dataset.open === 'true',
                    label: (g.querySelector('text.holder') || {}).textContent || '',
                    arrow: !!g.querySelector('.open-end'), width: r.width, height: r.height };
         });",
    );
    let bars = bars.as_array().expect("bars");
    let rows = session.script("return document.querySelectorAll('table.tenures tbody tr').length;");
    assert_eq!(json!(bars.len()), rows, "one bar per tenure row");
    assert!(bars.len() >= 16, "{bars:?}");
    for bar in bars {
        assert!(
            bar["width"].as_f64().unwrap_or(0.0) > 0.0,
            "a drawn bar: {bar}"
        );
        let (holder, label) = (
            bar["holder"].as_str().unwrap(),
            bar["label"].as_str().unwrap(),
        );
        assert!(!label.is_empty(), "a labelled bar: {bar}");
        assert!(
            holder.is_empty()
                || label.contains(holder)
                || holder.starts_with(label.trim_end_matches('…')),
            "label {label:?} names {holder:?}"
        );
    }
    let open: Vec<&Value> = bars.iter().filter(|b| b["open"] == json!(true)).collect();
    assert_eq!(open.len(), 1, "only the incumbent runs on: {open:?}");
    assert_eq!(open[0]["holder"], json!("Tô Lâm"));
    assert_eq!(open[0]["arrow"], json!(true), "an open end drawn");
    let phu = bars
        .iter()
        .find(|b| b["holder"] == json!("Trần Phú"))
        .expect("Trần Phú");
    assert_eq!(
        (phu["open"].clone(), phu["arrow"].clone()),
        (json!(false), json!(false))
    );
    let resources = session.script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);",
    );
    for url in resources.as_array().unwrap() {
        assert!(
            url.as_str().unwrap().starts_with(&origin),
            "fetched from elsewhere: {url}"
        );
    }
    session.screenshot("general-secretary");

    // Follow the person link from the tenures table.
    let link = session.find(&format!("table.tenures a[href=\"{TO_LAM}\"]"));
    session.click(&link);
    assert!(session.wait_for(&format!("location.pathname === '{TO_LAM}'")));
    assert!(session.wait_for("document.querySelector('h1')"));
    assert_eq!(
        session.script("return document.querySelector('h1').textContent;"),
        json!("Tô Lâm")
    );
    let positions = session.script(
        "return Array.from(document.querySelectorAll('table.tenures tbody tr td:nth-child(2)')).map(td => td.textContent);",
    );
    assert!(
        positions.as_array().unwrap().contains(&json!(
            "General Secretary of the Communist Party of Vietnam"
        )),
        "{positions}"
    );
    session.screenshot("person-to-lam");

    // Run a query from the query page and read the table.
    let query = "PREFIX og: <https://w3id.org/officegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?holder WHERE {
  ?t og:position <https://w3id.org/officegraph/id/position/General_Secretary_of_the_Communist_Party_of_Vietnam> ;
     og:holder/rdfs:label ?holder .
} ORDER BY ?holder";
    session.open(&server.url("/web/query"));
    let editor = session.find("textarea#query");
    session.cmd("POST", &format!("/element/{editor}/clear"), None);
    session.cmd(
        "POST",
        &format!("/element/{editor}/value"),
        Some(json!({ "text": query })),
    );
    let run = session.find("button#run");
    session.click(&run);
    assert!(
        session.wait_for("document.querySelector('table#results')"),
        "a result table"
    );
    let cells = session.script(
        "return Array.from(document.querySelectorAll('table#results tbody tr td')).map(td => td.textContent);",
    );
    let header = session.script("return document.querySelector('table#results th').textContent;");
    assert_eq!(header, json!("holder"));
    let expected: Vec<Value> = cli_csv(&server, query, &[])
        .lines()
        .skip(1)
        .map(|l| json!(format!("{} @en", l.trim_matches('"'))))
        .collect();
    assert!(expected.len() >= 16, "{expected:?}");
    assert_eq!(cells.as_array().unwrap(), &expected);
    session.screenshot("query");
}
