//! `cargo xtask schemathesis`: schemathesis (pinned in `xtask/schemathesis/requirements.txt`)
//! against the release server on 127.0.0.1 with a fresh SQLite file, driven by
//! `generated/openapi.json` (the overlay applied: what the generated code types is what is
//! checked) and a real access token. Bounded by examples per operation and a time cap. Any
//! failure fails the command, after schemathesis has printed each with a `curl` line that
//! reproduces it.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The checks run on every response.
pub const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                          response_headers_conformance,response_schema_conformance";

/// How much to throw.
#[derive(Debug, Clone)]
pub struct Options {
    /// Test cases per operation, per phase.
    pub examples: u32,
    /// The time cap of the whole run.
    pub seconds: u32,
    /// Reproduce an earlier run (schemathesis prints its seed).
    pub seed: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            examples: 50,
            seconds: 180,
            seed: None,
        }
    }
}

/// The server process, killed when dropped (also when the run fails half-way).
pub(crate) struct ServerProcess(pub(crate) Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(root: &Path, options: &Options) -> anyhow::Result<()> {
    let schemathesis = ensure_installed(root)?;
    let server = crate::release_server::build(root)?;
    let dir = root.join("target/schemathesis");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let database = format!("sqlite://{}", dir.join("homeserver.db").display());

    crate::release_server::add_user(&server, &database, "alice", "schemathesis")?;

    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let log = std::fs::File::create(dir.join("server.log"))?;
    // Rate limits high, so that generated requests reach the handlers rather than 429.
    let mut process = ServerProcess(
        Command::new(&server)
            .args(["--database-url", &database, "serve"])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args([
                "--rate-limit-per-second",
                "1000000",
                "--rate-limit-burst",
                "1000000",
                "--room-creation-per-second",
                "1000000",
                "--room-creation-burst",
                "1000000",
                "--alias-creation-per-second",
                "1000000",
                "--alias-creation-burst",
                "1000000",
            ])
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start the server")?,
    );
    wait_until_serving(port)?;
    let login = http(
        port,
        "POST",
        "/_matrix/client/api/v1/login",
        r#"{"type": "m.login.password", "user": "alice", "password": "schemathesis"}"#,
    )?;
    let token = serde_json::from_str::<serde_json::Value>(&login)
        .ok()
        .and_then(|answer| answer["access_token"].as_str().map(str::to_string))
        .with_context(|| format!("no access token in the login answer: {login}"))?;

    println!(
        "== schemathesis: {} examples per operation, at most {} s",
        options.examples, options.seconds
    );
    let mut command = Command::new(&schemathesis);
    command
        .arg("--config-file")
        .arg(root.join("xtask/schemathesis/schemathesis.toml"))
        .arg("run")
        .arg(root.join("generated/openapi.json"))
        .args(["--url", &format!("http://127.0.0.1:{port}")])
        .args(["--checks", CHECKS])
        .args(["--max-examples", &options.examples.to_string()])
        .args(["--max-time", &options.seconds.to_string()])
        // One worker: Hypothesis keeps caches that are not safe to share between threads
        // (two workers failed runs with its internal errors, not ours).
        .args(["--workers", "1"])
        .args(["--report", "junit,ndjson", "--report-dir"])
        .arg(dir.join("report"))
        .env("MATRIX_ACCESS_TOKEN", &token)
        .env("NO_COLOR", "1")
        .current_dir(&dir);
    if let Some(seed) = options.seed {
        command.args(["--seed", &seed.to_string()]);
    }
    let status = command.status().context("cannot run schemathesis")?;
    match cases_per_operation(&dir.join("report")) {
        Ok(summary) => print!("{summary}"),
        Err(error) => println!("(no per-operation summary: {error:#})"),
    }
    let exited = process.0.try_wait()?;
    drop(process);
    if let Some(status) = exited {
        bail!(
            "the server exited during the run ({status}); see {}",
            dir.join("server.log").display()
        );
    }
    if !status.success() {
        bail!(
            "schemathesis found failures (each printed above with a curl line that reproduces \
             it; the server's log is {})",
            dir.join("server.log").display()
        );
    }
    Ok(())
}

/// How many test cases each operation got, positive and negative, from the run's ndjson
/// event report (schemathesis' own summary gives only the total).
fn cases_per_operation(report_dir: &Path) -> anyhow::Result<String> {
    let report = std::fs::read_dir(report_dir)?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "ndjson"))
        .context("no ndjson report")?;
    // operation -> case id -> mode
    let mut cases: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for line in std::fs::read_to_string(&report)?.lines() {
        let event: serde_json::Value = serde_json::from_str(line)?;
        let Some(recorder) = event.pointer("/ScenarioFinished/recorder") else {
            continue;
        };
        let label = recorder["label"].as_str().unwrap_or("?").to_string();
        let Some(recorded) = recorder["cases"].as_object() else {
            continue;
        };
        for (id, case) in recorded {
            let mode = case
                .pointer("/value/meta/generation/mode")
                .and_then(|m| m.as_str())
                .unwrap_or("?");
            cases
                .entry(label.clone())
                .or_default()
                .insert(id.clone(), mode.to_string());
        }
    }
    let mut out = String::from(
        "== test cases per operation (positive + negative)
",
    );
    for (operation, by_id) in &cases {
        let positive = by_id.values().filter(|m| *m == "positive").count();
        out.push_str(&format!(
            "{:>6} = {positive:>5} + {:>5}  {operation}\n",
            by_id.len(),
            by_id.len() - positive
        ));
    }
    Ok(out)
}

/// The virtualenv with the pinned schemathesis, installed if missing or stale.
fn ensure_installed(root: &Path) -> anyhow::Result<PathBuf> {
    let requirements = root.join("xtask/schemathesis/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)?;
    let venv = root.join("target/schemathesis-venv");
    let stamp = venv.join("requirements.installed");
    let binary = venv.join("bin/schemathesis");
    if binary.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(binary);
    }
    println!("== installing schemathesis into {}", venv.display());
    let _ = std::fs::remove_dir_all(&venv);
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .with_context(|| format!("cannot run {python} (schemathesis needs Python 3)"))?;
    if !status.success() {
        bail!("{python} -m venv failed");
    }
    let status = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(&requirements)
        .status()?;
    if !status.success() {
        bail!("pip install -r xtask/schemathesis/requirements.txt failed");
    }
    std::fs::write(&stamp, wanted)?;
    Ok(binary)
}

pub(crate) fn wait_until_serving(port: u16) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if http(port, "GET", "/health", "").is_ok() {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(30) {
            bail!("the server did not answer on 127.0.0.1:{port} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One HTTP/1.1 request on a fresh connection; the body of a 2xx answer.
fn http(port: u16, method: &str, path: &str, body: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let ok = head
        .split(' ')
        .nth(1)
        .is_some_and(|status| status.starts_with('2'));
    if !ok {
        bail!("{method} {path}: {head}");
    }
    Ok(body.to_string())
}
