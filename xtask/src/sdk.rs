//! `cargo xtask sdk`: the Matrix client SDKs published in 2015 that speak
//! `/_matrix/client/api/v1`, driven through the membership story by their own API calls,
//! against the release server. The material is in `xtask/sdk/`:
//!
//! - matrix-js-sdk 0.3.0 (npm; the whole tree pinned by `package.json` and
//!   `package-lock.json`), installed into `target/sdk/js` with `npm ci`, and its browser
//!   build, made there with the browserify the SDK itself depends on;
//! - matrix_client 0.0.2 (PyPI; `requirements.txt`), installed into the virtualenv
//!   `target/sdk/venv`, with `py2compat.py` so that its Python 2 code imports;
//! - the story: `story.js` for the JavaScript SDK, run under Node.js by `drive.js` and in
//!   headless Chromium by `browser.html` (served from another origin than the server's, so
//!   CORS is checked on every answer), and `drive.py` for the Python SDK.
//!
//! Each of the three runs gets its own server on 127.0.0.1 with a fresh SQLite file and the
//! five users the story needs, made with `server user add`; the server's log is the run's
//! request log, and what it answered is printed when a step fails. The server's rate limit
//! (burst 10) and body cap (64 KiB) are set here because the story relies on them. What
//! cannot be installed fails the command (Node.js, npm and Chromium come from Debian's
//! packages when missing and this process may install them), and so does any failed step.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::schemathesis::{ServerProcess, wait_until_serving};

/// The story's users, in the order of its roles (see `xtask/sdk/story.js`).
const USERS: [(&str, &str); 5] = [
    ("alice", "alice-password"),
    ("bob", "bob-password"),
    ("carol", "carol-password"),
    ("dave", "dave-password"),
    ("eve", "eve-password"),
];

/// How long one run of the story may take, and one install step.
const RUN_SECONDS: u64 = 120;
const INSTALL_SECONDS: u64 = 600;

/// Chromium's flags: headless as root, and nothing that reaches out to the network.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Steps passed, failed and skipped (not in the SDK).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    passed: u32,
    failed: u32,
    skipped: u32,
}

/// A driver's closing line, `N passed, N failed, N skipped`.
fn parse_counts(line: &str) -> Option<Counts> {
    let mut numbers = [0u32; 3];
    let mut parts = line.trim().split(", ");
    for (number, word) in numbers.iter_mut().zip(["passed", "failed", "skipped"]) {
        let (n, w) = parts.next()?.split_once(' ')?;
        if w != word {
            return None;
        }
        *number = n.parse().ok()?;
    }
    if parts.next().is_some() {
        return None;
    }
    let [passed, failed, skipped] = numbers;
    Some(Counts {
        passed,
        failed,
        skipped,
    })
}

/// `cargo xtask sdk`: builds the release server, then runs the suite against it.
pub fn run(root: &Path) -> anyhow::Result<()> {
    run_with_server(root, &crate::release_server::build(root)?)
}

/// The SDK suite against the server binary `server` (already built).
pub fn run_with_server(root: &Path, server: &Path) -> anyhow::Result<()> {
    let sdk = root.join("xtask/sdk");
    let dir = root.join("target/sdk");
    let node = install_js(&sdk, &dir.join("js"))?;
    let python = install_python(&sdk, &dir.join("venv"))?;
    let chromium = ensure_program("chromium", &["chromium"])?;

    let node_path = dir.join("js/node_modules");
    let mut results = Vec::new();
    {
        let label = "matrix-js-sdk 0.3.0, Node.js";
        let run = Run::start(server, &dir.join("run/node"), label)?;
        let mut command = Command::new(&node);
        command
            .arg(sdk.join("drive.js"))
            .args(run.arguments())
            .env("NODE_PATH", &node_path);
        results.push((label, run.finish(drive(command)?)));
    }
    {
        let label = "matrix-js-sdk 0.3.0, Chromium";
        let run = Run::start(server, &dir.join("run/chromium"), label)?;
        let outcome = in_chromium(&chromium, &sdk, &dir, &run)?;
        results.push((label, run.finish(outcome)));
    }
    {
        let label = "matrix_client 0.0.2, Python";
        let run = Run::start(server, &dir.join("run/python"), label)?;
        let mut command = Command::new(&python);
        command
            .arg(sdk.join("drive.py"))
            .args(run.arguments())
            .env("PYTHONDONTWRITEBYTECODE", "1");
        results.push((label, run.finish(drive(command)?)));
    }

    println!("== SDK suite");
    let mut total = Counts::default();
    let mut failed = Vec::new();
    for (label, outcome) in &results {
        println!("   {label:<32} {}", outcome.summary());
        let counts = outcome.counts.unwrap_or_default();
        total.passed += counts.passed;
        total.skipped += counts.skipped;
        // A run that failed without a failed step (it crashed, hung, or its server did)
        // counts as one failure.
        total.failed += if outcome.failed() {
            counts.failed.max(1)
        } else {
            counts.failed
        };
        if outcome.failed() {
            failed.push(*label);
        }
    }
    println!(
        "sdk: {} passed, {} failed, {} skipped",
        total.passed, total.failed, total.skipped
    );
    if !failed.is_empty() {
        bail!(
            "the SDK suite failed: {} (each failed step is printed above, with what the server \
             answered)",
            failed.join("; ")
        );
    }
    Ok(())
}

/// One run of the story: its own server, database and log.
struct Run {
    dir: PathBuf,
    port: u16,
    server: ServerProcess,
}

impl Run {
    fn start(server: &Path, dir: &Path, label: &str) -> anyhow::Result<Run> {
        println!("== {label}: the membership story");
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        let database = format!("sqlite://{}", dir.join("homeserver.db").display());
        for (user, password) in USERS {
            crate::release_server::add_user(server, &database, user, password)?;
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::File::create(dir.join("server.log"))?;
        let server = ServerProcess(
            Command::new(server)
                .args(["--database-url", &database, "serve"])
                .args(["--listen", &format!("127.0.0.1:{port}")])
                .args(["--rate-limit-per-second", "0.2", "--rate-limit-burst", "10"])
                .args(["--max-body-bytes", "65536"])
                .stdout(log.try_clone()?)
                .stderr(log)
                .spawn()
                .context("cannot start the server")?,
        );
        wait_until_serving(port)?;
        Ok(Run {
            dir: dir.to_path_buf(),
            port,
            server,
        })
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A driver's arguments: the server, then each `user:password`.
    fn arguments(&self) -> Vec<String> {
        std::iter::once(self.base_url())
            .chain(
                USERS
                    .iter()
                    .map(|(user, password)| format!("{user}:{password}")),
            )
            .collect()
    }

    /// Stops the server; on a failure, prints what it answered during the run.
    fn finish(mut self, mut outcome: Outcome) -> Outcome {
        if let Ok(Some(status)) = self.server.0.try_wait() {
            outcome.problem = Some(format!("the server exited during the run ({status})"));
        }
        drop(self.server);
        if outcome.failed() {
            let log = self.dir.join("server.log");
            println!("   what the server answered ({}):", log.display());
            for line in std::fs::read_to_string(&log).unwrap_or_default().lines() {
                if let Some(request) = answered(line) {
                    println!("     {request}");
                }
            }
        }
        outcome
    }
}

/// `METHOD URI -> STATUS` from one of the server's log lines, if it logs an answer.
fn answered(line: &str) -> Option<String> {
    let (_, rest) = line.split_once("method=")?;
    let (method, rest) = rest.split_once(" uri=")?;
    let (uri, rest) = rest.split_once('}')?;
    let (_, rest) = rest.split_once(" answered status=")?;
    let status = rest.split(' ').next()?;
    Some(format!("{method} {uri} -> {status}"))
}

/// What a run came to: the counts of its closing line, and what else went wrong.
#[derive(Debug, Default)]
struct Outcome {
    counts: Option<Counts>,
    problem: Option<String>,
}

impl Outcome {
    fn failed(&self) -> bool {
        self.problem.is_some() || self.counts.is_none_or(|c| c.failed > 0)
    }

    /// Its line in the summary.
    fn summary(&self) -> String {
        let counts = self.counts.map_or("no closing line".into(), |c| {
            format!(
                "{} passed, {} failed, {} skipped",
                c.passed, c.failed, c.skipped
            )
        });
        match &self.problem {
            Some(problem) => format!("{counts} ({problem})"),
            None => counts,
        }
    }
}

/// Prints each line that arrives on `lines` until the closing line, the channel closes,
/// `child` exits first, or the time is up.
fn follow(lines: &Receiver<String>, child: &mut Child, what: &str) -> Outcome {
    let deadline = Instant::now() + Duration::from_secs(RUN_SECONDS);
    let mut outcome = Outcome::default();
    loop {
        match lines.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                println!("   {line}");
                if let Some(counts) = parse_counts(&line) {
                    outcome.counts = Some(counts);
                    return outcome;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return outcome,
            Err(RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    outcome.problem = Some(format!("{what} exited ({status}) before the end"));
                    return outcome;
                }
            }
        }
        if Instant::now() > deadline {
            outcome.problem = Some(format!("{what} did not finish within {RUN_SECONDS} s"));
            return outcome;
        }
    }
}

/// Runs a driver process, printing its steps as they come.
fn drive(mut command: Command) -> anyhow::Result<Outcome> {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {command:?}"))?;
    let stdout = child.stdout.take().context("stdout")?;
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let mut outcome = follow(&lines, &mut child, "the driver");
    // The closing line is the last; the exit status must agree with it.
    let status = wait_at_most(&mut child, Duration::from_secs(10))?;
    if outcome.problem.is_none() {
        match status {
            None => outcome.problem = Some("the driver did not exit".into()),
            Some(status) if !status.success() && outcome.counts.is_none_or(|c| c.failed == 0) => {
                outcome.problem = Some(format!("the driver exited with {status}"));
            }
            Some(_) => {}
        }
    }
    Ok(outcome)
}

/// Waits for `child` up to `limit`, then kills it (`None`).
fn wait_at_most(child: &mut Child, limit: Duration) -> anyhow::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The story in headless Chromium: `browser.html` from a page server of its own (another
/// origin than the homeserver's), reporting each line back to it.
fn in_chromium(chromium: &Path, sdk: &Path, dir: &Path, run: &Run) -> anyhow::Result<Outcome> {
    let files = vec![
        ("/browser.html", sdk.join("browser.html")),
        ("/story.js", sdk.join("story.js")),
        ("/browser-matrix.js", dir.join("js/browser-matrix.js")),
    ];
    let pages = PageServer::start(files)?;
    let users: Vec<String> = USERS
        .iter()
        .map(|(user, password)| format!("{user}:{password}"))
        .collect();
    let url = format!(
        "http://127.0.0.1:{}/browser.html?base={}&users={}",
        pages.port,
        run.base_url(),
        users.join(",")
    );
    let log = std::fs::File::create(run.dir.join("chromium.log"))?;
    let mut child = Command::new(chromium)
        .args(CHROMIUM_FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            run.dir.join("chromium-profile").display()
        ))
        .arg(&url)
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("cannot start chromium")?;
    let outcome = follow(&pages.lines, &mut child, "Chromium");
    // SIGTERM lets Chromium take its helper processes down with it; SIGKILL if it lingers.
    let _ = Command::new("kill")
        .arg(child.id().to_string())
        .stderr(Stdio::null())
        .status();
    wait_at_most(&mut child, Duration::from_secs(10))?;
    if outcome.problem.is_some() {
        println!(
            "   (Chromium's own log: {})",
            run.dir.join("chromium.log").display()
        );
    }
    Ok(outcome)
}

/// Serves a few files over HTTP on 127.0.0.1, and takes each line a page POSTs to `/report`.
struct PageServer {
    port: u16,
    lines: Receiver<String>,
    stop: Arc<AtomicBool>,
}

impl PageServer {
    fn start(files: Vec<(&'static str, PathBuf)>) -> anyhow::Result<PageServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let (send, lines) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let files = Arc::new(files);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                // A thread each: a connection the browser opens ahead and leaves idle must
                // not hold up the next request.
                if let Ok(stream) = stream {
                    let (files, send) = (files.clone(), send.clone());
                    std::thread::spawn(move || serve_one(stream, &files, &send));
                }
            }
        });
        Ok(PageServer { port, lines, stop })
    }
}

impl Drop for PageServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One request on one connection: a GET of a listed file, or a POST to `/report`.
fn serve_one(
    mut stream: TcpStream,
    files: &[(&str, PathBuf)],
    lines: &Sender<String>,
) -> anyhow::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse()?;
        }
    }
    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let (status, kind, body) = match (method, path) {
        ("POST", "/report") => {
            let mut body = vec![0; length];
            reader.read_exact(&mut body)?;
            let _ = lines.send(String::from_utf8_lossy(&body).into_owned());
            ("204 No Content", "text/plain", Vec::new())
        }
        ("GET", path) => match files.iter().find(|(name, _)| *name == path) {
            Some((name, file)) => {
                let kind = if name.ends_with(".html") {
                    "text/html; charset=utf-8"
                } else {
                    "application/javascript; charset=utf-8"
                };
                ("200 OK", kind, std::fs::read(file)?)
            }
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        },
        _ => ("405 Method Not Allowed", "text/plain", Vec::new()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    Ok(())
}

/// Runs `command` to its end, within `INSTALL_SECONDS`.
fn install_step(what: &str, command: &mut Command) -> anyhow::Result<()> {
    println!("== {what}");
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot run {what}"))?;
    match wait_at_most(&mut child, Duration::from_secs(INSTALL_SECONDS))? {
        Some(status) if status.success() => Ok(()),
        Some(status) => bail!("{what} failed ({status})"),
        None => bail!("{what} did not finish within {INSTALL_SECONDS} s"),
    }
}

/// The pinned npm tree in `js` (`npm ci`) and the SDK's browser build beside it, unless
/// they are there for the same `package.json` and `package-lock.json`; Node.js itself.
fn install_js(sdk: &Path, js: &Path) -> anyhow::Result<PathBuf> {
    let node = ensure_program("node", &["nodejs"])?;
    // Debian's npm when the machine has none; `npm::run` finds it on the PATH.
    ensure_program("npm", &["npm"])?;
    let package = std::fs::read_to_string(sdk.join("package.json"))?;
    let lock = std::fs::read_to_string(sdk.join("package-lock.json"))?;
    let wanted = format!("{package}{lock}");
    let stamp = js.join("installed");
    let bundle = js.join("browser-matrix.js");
    if bundle.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(node);
    }
    let _ = std::fs::remove_dir_all(js);
    std::fs::create_dir_all(js)?;
    std::fs::write(js.join("package.json"), &package)?;
    std::fs::write(js.join("package-lock.json"), &lock)?;
    crate::npm::run(
        "npm ci (xtask/sdk/package-lock.json)",
        js,
        &["ci", "--no-audit", "--no-fund", "--loglevel=error"],
    )?;
    install_step(
        "browserify: the browser build of matrix-js-sdk 0.3.0",
        Command::new(&node)
            .arg("node_modules/browserify/bin/cmd.js")
            .arg("node_modules/matrix-js-sdk/browser-index.js")
            .args(["--ignore-missing", "-o", "browser-matrix.js"])
            .current_dir(js),
    )?;
    std::fs::write(&stamp, wanted)?;
    Ok(node)
}

/// The virtualenv `venv` with `requirements.txt` installed, unless it is there for the same
/// file; its Python.
fn install_python(sdk: &Path, venv: &Path) -> anyhow::Result<PathBuf> {
    let requirements = sdk.join("requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)?;
    let stamp = venv.join("requirements.installed");
    let python = venv.join("bin/python");
    if python.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(python);
    }
    let _ = std::fs::remove_dir_all(venv);
    let system = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    install_step(
        &format!("{system} -m venv {}", venv.display()),
        Command::new(&system).args(["-m", "venv"]).arg(venv),
    )?;
    install_step(
        "pip install -r xtask/sdk/requirements.txt",
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    std::fs::write(&stamp, wanted)?;
    Ok(python)
}

/// `program` on the `PATH`, installed from Debian's `packages` when it is missing and this
/// process may (root, apt-get); otherwise an error saying what to install.
fn ensure_program(program: &str, packages: &[&str]) -> anyhow::Result<PathBuf> {
    if let Some(found) = on_path(program) {
        return Ok(found);
    }
    if !crate::checks::apt_install(packages)? {
        bail!(
            "the SDK suite needs {program}: install it (Debian: `apt-get install {}`)",
            packages.join(" ")
        );
    }
    on_path(program)
        .with_context(|| format!("apt-get installed {}, but no {program}", packages.join(" ")))
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines_are_read_and_nothing_else() {
        assert_eq!(
            parse_counts("26 passed, 0 failed, 5 skipped"),
            Some(Counts {
                passed: 26,
                failed: 0,
                skipped: 5
            })
        );
        assert_eq!(
            parse_counts("ok   S01 26 passed, 0 failed, 5 skipped"),
            None
        );
        assert_eq!(parse_counts("26 passed, 0 failed"), None);
        assert_eq!(parse_counts("1 passed, 2 failed, 3 skipped, 4 more"), None);
    }

    #[test]
    fn the_request_log_shows_method_uri_and_status() {
        let line = "2026-11-30T08:58:02.460858Z  INFO request{id=10 method=POST \
                    uri=/_matrix/client/api/v1/join/%21x%3Alocalhost?access_token=<redacted>}: \
                    server::logging: answered status=403 ms=0.52";
        assert_eq!(
            answered(line).as_deref(),
            Some(
                "POST /_matrix/client/api/v1/join/%21x%3Alocalhost?access_token=<redacted> -> 403"
            )
        );
        assert_eq!(answered("INFO server: serving address=127.0.0.1:1"), None);
    }

    #[test]
    fn the_page_server_serves_its_files_and_takes_reports() {
        let dir = std::env::temp_dir().join(format!("xtask-sdk-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("page.html"), "<p>hi</p>").unwrap();
        let pages = PageServer::start(vec![("/page.html", dir.join("page.html"))]).unwrap();
        let exchange = |request: &str| {
            let mut stream = TcpStream::connect(("127.0.0.1", pages.port)).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            answer
        };
        let page = exchange("GET /page.html?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(
            page.contains("text/html") && page.ends_with("<p>hi</p>"),
            "{page}"
        );
        let missing = exchange("GET /other.js HTTP/1.1\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        let report = exchange("POST /report HTTP/1.1\r\nContent-Length: 10\r\n\r\nok   S01 x");
        assert!(report.starts_with("HTTP/1.1 204"), "{report}");
        assert_eq!(
            pages.lines.recv_timeout(Duration::from_secs(5)).unwrap(),
            "ok   S01 x"
        );
        drop(pages);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
