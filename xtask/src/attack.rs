//! `cargo xtask attack`: what one hostile client can throw at the release server on its
//! default settings, and what the server holds meanwhile (README, "Security"). Bounded in
//! count and time; everything on loopback, where every 127.x.y.z is a different client.
//!
//! 1. **Silent connections**: 10,000 connections from 127.0.0.1 that send nothing and 50
//!    that send only an HTTP/2 preface. A bystander on 127.0.0.2 must get `/health` within
//!    100 ms; the server holds at most its per-address cap of them, and none once the
//!    first-request deadline has passed.
//! 2. **Login floods**: 200 concurrent wrong-password logins for one account, from one
//!    address and then from 200 addresses. Every answer is a refusal (403, 429, or the
//!    connection dropped beyond the per-address cap; never a 5xx), another account's correct login succeeds within 1 s meanwhile, and the server's
//!    peak RSS stays under 200 MB.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::schemathesis::{ServerProcess, wait_until_serving};

const LOGIN: &str = "/_matrix/client/api/v1/login";
const SILENT: usize = 10_000;
const PREFACES: usize = 50;
const LOGINS: usize = 200;
const BYSTANDER_HEALTH: Duration = Duration::from_millis(100);
const BYSTANDER_LOGIN: Duration = Duration::from_secs(1);
const PEAK_RSS_MIB: u64 = 200;
/// The server's defaults this suite checks against (`server serve --help`).
const PER_ADDRESS_CAP: usize = 100;
const FIRST_REQUEST_DEADLINE: Duration = Duration::from_secs(30);

/// `cargo xtask attack`: builds the release server, then runs the attacks.
pub fn run(root: &Path) -> anyhow::Result<()> {
    run_with_server(root, &crate::release_server::build(root)?)
}

/// The attacks against the server binary `server` (already built), on a fresh database.
pub fn run_with_server(root: &Path, server: &Path) -> anyhow::Result<()> {
    let needed = SILENT + PREFACES + LOGINS + 256;
    let limit = open_files_limit()?;
    if limit < needed as u64 {
        bail!(
            "the attacks hold {needed} sockets, but this process may open {limit} files: raise it (ulimit -n {needed})"
        );
    }
    let dir = root.join("target/attack");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let database = format!("sqlite://{}", dir.join("homeserver.db").display());
    for victim in ["victim1", "victim2"] {
        crate::release_server::add_user(server, &database, victim, "right password")?;
    }
    crate::release_server::add_user(server, &database, "bystander", "bystander password")?;
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let log = std::fs::File::create(dir.join("server.log"))?;
    let process = ServerProcess(
        Command::new(server)
            .args(["--database-url", &database, "serve"])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .stdout(log.try_clone()?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .context("cannot start the server")?,
    );
    wait_until_serving(port)?;
    let pid = process.0.id();
    let server_address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));

    let mut failures = Vec::new();
    let mut check = |ok: bool, what: String| {
        println!("   {} {what}", if ok { "ok  " } else { "FAIL" });
        if !ok {
            failures.push(what);
        }
    };

    println!(
        "== silent connections: {SILENT} from 127.0.0.1, {PREFACES} more sending only an HTTP/2 preface"
    );
    let opened_at = Instant::now();
    let mut attackers = Vec::with_capacity(SILENT + PREFACES);
    let mut not_connected = 0;
    for i in 0..SILENT + PREFACES {
        match connect_from(Ipv4Addr::LOCALHOST, server_address) {
            Ok(mut stream) => {
                if i >= SILENT {
                    let _ = stream.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
                }
                attackers.push(stream);
            }
            Err(_) => not_connected += 1,
        }
        if opened_at.elapsed() > Duration::from_secs(60) {
            bail!("opening the connections took over 60 s");
        }
    }
    println!(
        "   opened {} in {:.1} s ({not_connected} not accepted by the kernel)",
        attackers.len(),
        opened_at.elapsed().as_secs_f64()
    );
    std::thread::sleep(Duration::from_millis(500));
    let bystander = Ipv4Addr::new(127, 0, 0, 2);
    let mut latencies = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let (status, _) = request(bystander, server_address, "GET", "/health", "")?;
        latencies.push((started.elapsed(), status));
    }
    let slowest = latencies.iter().map(|(l, _)| *l).max().unwrap_or_default();
    check(
        latencies
            .iter()
            .all(|(l, s)| *s == 200 && *l < BYSTANDER_HEALTH),
        format!(
            "bystander /health from 127.0.0.2: 20 of 20 answered 200, slowest {:.1} ms (target < {} ms)",
            slowest.as_secs_f64() * 1e3,
            BYSTANDER_HEALTH.as_millis()
        ),
    );
    let held = still_open(&attackers);
    check(
        held <= PER_ADDRESS_CAP,
        format!("connections the server holds for 127.0.0.1: {held} (cap {PER_ADDRESS_CAP})"),
    );
    let wait =
        (FIRST_REQUEST_DEADLINE + Duration::from_secs(2)).saturating_sub(opened_at.elapsed());
    println!(
        "   waiting {:.0} s for the first-request deadline",
        wait.as_secs_f64()
    );
    std::thread::sleep(wait);
    let held = still_open(&attackers);
    check(
        held == 0,
        format!(
            "connections held after the {} s first-request deadline: {held}",
            FIRST_REQUEST_DEADLINE.as_secs()
        ),
    );
    drop(attackers);
    let rss_after_connections = peak_rss_mib(pid)?;

    // A victim per flood: the first flood spends its victim's failed-login allowance.
    for (victim, label, addresses) in [
        ("victim1", "from one address", 1),
        ("victim2", "from 200 addresses", LOGINS),
    ] {
        println!("== login flood: {LOGINS} concurrent wrong passwords for one account, {label}");
        let flood = login_flood(
            server_address,
            victim,
            addresses,
            Ipv4Addr::new(127, 0, 0, 3),
        )?;
        let statuses: Vec<String> = flood
            .statuses
            .iter()
            .map(|(s, n)| format!("{n}× {s}"))
            .collect();
        check(
            flood
                .statuses
                .keys()
                .all(|answer| matches!(answer, Answer::Status(403 | 429) | Answer::Dropped)),
            format!(
                "every wrong login refused (403, 429, or dropped beyond the per-address cap): {}",
                statuses.join(", ")
            ),
        );
        check(
            flood.bystander.1 == 200 && flood.bystander.0 < BYSTANDER_LOGIN,
            format!(
                "another account's correct login from 127.0.0.3 meanwhile: {} in {:.0} ms (target 200 in < {} ms)",
                flood.bystander.1,
                flood.bystander.0.as_secs_f64() * 1e3,
                BYSTANDER_LOGIN.as_millis()
            ),
        );
    }
    let peak = peak_rss_mib(pid)?;
    check(
        peak < PEAK_RSS_MIB,
        format!(
            "server peak RSS: {peak} MiB, {rss_after_connections} MiB after the connections (target < {PEAK_RSS_MIB} MiB)"
        ),
    );
    drop(process);
    if !failures.is_empty() {
        bail!(
            "{} attack target(s) not met: {}",
            failures.len(),
            failures.join("; ")
        );
    }
    println!("attack: every target met");
    Ok(())
}

/// What one flooding request got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Answer {
    Status(u16),
    /// The connection was closed without an answer.
    Dropped,
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Status(status) => write!(f, "{status}"),
            Answer::Dropped => f.write_str("connection dropped"),
        }
    }
}

/// What a login flood saw: answers by kind, and the bystander's (latency, status).
struct Flood {
    statuses: std::collections::BTreeMap<Answer, usize>,
    bystander: (Duration, u16),
}

/// `LOGINS` wrong-password logins for `victim` at once from `addresses` loopback addresses
/// (127.0.1.1, 127.0.1.2, ...), and while they run a correct login for `bystander` from
/// `bystander_from`.
fn login_flood(
    server: SocketAddr,
    victim: &str,
    addresses: usize,
    bystander_from: Ipv4Addr,
) -> anyhow::Result<Flood> {
    let start = Arc::new(Barrier::new(LOGINS + 1));
    let attackers: Vec<_> = (0..LOGINS)
        .map(|i| {
            let start = start.clone();
            let body = format!(
                r#"{{"type": "m.login.password", "user": "{victim}", "password": "wrong"}}"#
            );
            let from = if addresses == 1 {
                Ipv4Addr::LOCALHOST
            } else {
                Ipv4Addr::new(127, 0, 1, 1 + (i % addresses) as u8)
            };
            std::thread::spawn(move || {
                start.wait();
                request(from, server, "POST", LOGIN, &body)
                    // Beyond the per-address cap the server drops the connection: a refusal too.
                    .map_or(Answer::Dropped, |(status, _)| Answer::Status(status))
            })
        })
        .collect();
    start.wait();
    std::thread::sleep(Duration::from_millis(20));
    let started = Instant::now();
    let (status, _) = request(
        bystander_from,
        server,
        "POST",
        LOGIN,
        r#"{"type": "m.login.password", "user": "bystander", "password": "bystander password"}"#,
    )?;
    let bystander = (started.elapsed(), status);
    let mut statuses = std::collections::BTreeMap::new();
    for attacker in attackers {
        let answer = attacker
            .join()
            .map_err(|_| anyhow::anyhow!("a flood thread panicked"))?;
        *statuses.entry(answer).or_default() += 1;
    }
    Ok(Flood {
        statuses,
        bystander,
    })
}

/// A TCP connection to `server` from the loopback address `from`.
fn connect_from(from: Ipv4Addr, server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddrV4::new(from, 0).into())?;
    socket.connect_timeout(&server.into(), Duration::from_secs(5))?;
    Ok(socket.into())
}

/// One HTTP/1.1 request from `from` on a fresh connection, within 10 s: (status, body).
fn request(
    from: Ipv4Addr,
    server: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> anyhow::Result<(u16, String)> {
    let mut stream =
        connect_from(from, server).with_context(|| format!("cannot connect from {from}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .with_context(|| format!("{method} {path} from {from}: no answer"))?;
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("{method} {path} from {from}: not HTTP: {answer:?}"))?;
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    Ok((status, body))
}

/// How many of `streams` the server has not closed (reading would block, not end).
fn still_open(streams: &[TcpStream]) -> usize {
    streams
        .iter()
        .filter(|stream| {
            let mut byte = [0u8; 1];
            stream.set_nonblocking(true).is_ok()
                && matches!(stream.peek(&mut byte), Err(e) if e.kind() == ErrorKind::WouldBlock)
        })
        .count()
}

/// The process's peak resident memory so far (`VmHWM`), in MiB.
fn peak_rss_mib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/PID/status")?;
    Ok(kib / 1024)
}

/// This process's soft limit on open files.
fn open_files_limit() -> anyhow::Result<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits")?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .context("no open-files line in /proc/self/limits")?;
    let soft = line
        .split_whitespace()
        .nth(3)
        .context("malformed /proc/self/limits")?;
    Ok(soft.parse().unwrap_or(u64::MAX))
}
