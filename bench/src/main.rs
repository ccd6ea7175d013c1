//! `bench`: the harness `cargo xtask bench` runs (after building it, the server and the
//! generator in release mode). Everything listens on 127.0.0.1; every load is a fixed
//! number of requests.
//!
//! 1. generator: whole-process time of `xtask regen --check` over `api-spec/`;
//! 2. server: joins, invites, invited joins and alias joins at concurrency 1, 16 and 64, on
//!    a fresh SQLite file, with users, tokens and rooms seeded first (not timed), in the
//!    default durability mode and (joins) with power-loss durability; at 16 and 64 each row
//!    sends the users into as many rooms as make at least 50,000 requests;
//! 3. ceiling: the same join requests (repeated to at least 50,000 a row) against a minimal
//!    axum server, right after the first join rows (the homeserver idle meanwhile), each row
//!    three times (compared with the median);
//! 4. scaling: join latency into a 10-member vs a 100,000-member room, and the server's
//!    memory with 1,000,000 memberships seeded (and those the rows before added);
//! 5. big rooms (`big_rooms.rs`): one state key, the full reads, their memory, and
//!    fairness, in the 100,000-member room;
//! 6. PostgreSQL (`postgres.rs`): joins and invites with one and two server processes on one
//!    database.
//!
//! `--big-rooms-only` seeds one large room and measures only 5; `--postgres-only` measures
//! only 6; `--joins-only` seeds no large room and measures only 2's process-crash joins and
//! 3.
//!
//! Each server start is followed by an untimed warm-up (every user joins one room). It
//! prints a table and writes the figures as JSON.

mod big_rooms;
mod ceiling;
mod load;
mod postgres;
mod proc;
mod report;
mod seed;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use server::config::Config;
use server::storage::{Durability, Store};

use crate::load::Call;
use crate::report::{Report, Row};
use crate::seed::{Account, SERVER_NAME};

const USAGE: &str = "\
usage: bench --server PATH --xtask PATH [--requests N] [--memberships N] [--json PATH]
             [--big-rooms-only | --postgres-only | --joins-only]
             [--one-key-requests N] [--full-read-requests N]
       bench ceiling --listen ADDR";

const BASE: &str = "/_matrix/client/api/v1";
const CONCURRENCY: [usize; 3] = [1, 16, 64];
/// Members of the large room in the scaling test.
const LARGE_ROOM: usize = 100_000;
/// The fewest requests a row with many in flight sends (16 or 64; the ceiling at every
/// concurrency). One pass over a few thousand users ends in tens of milliseconds on the
/// ceiling and in a fifth of a second on the homeserver, so the connections' set-up and the
/// last, half-empty round weigh on the rate; the joins are compared with the ceiling over
/// rows of the same length.
const ROW_REQUESTS: usize = 50_000;
/// How many times each ceiling row is measured; the rows compare with the median. One
/// ceiling row lasts half a second at 64 in flight, and it moved by a quarter from one to
/// the next (with where the scheduler put the load generator's one thread), which alone
/// moved a join row's share of it by as much.
const CEILING_RUNS: usize = 3;

struct Options {
    server: PathBuf,
    xtask: PathBuf,
    requests: usize,
    memberships: usize,
    json: PathBuf,
    part: Part,
    big_room_counts: big_rooms::Counts,
}

/// Which rows a run measures.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Every row.
    All,
    /// `--big-rooms-only`: the big-room reads.
    BigRooms,
    /// `--postgres-only`: the PostgreSQL rows.
    Postgres,
    /// `--joins-only`: the process-crash joins and the ceiling.
    Joins,
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("ceiling") {
        let listen = match args.as_slice() {
            [_, flag, addr] if flag == "--listen" => addr.parse()?,
            _ => bail!("{USAGE}"),
        };
        return ceiling::serve(listen);
    }
    let mut options = Options {
        server: PathBuf::new(),
        xtask: PathBuf::new(),
        requests: 5_000,
        memberships: 1_000_000,
        json: PathBuf::from("target/bench/results.json"),
        part: Part::All,
        big_room_counts: big_rooms::Counts::default(),
    };
    let mut i = 0;
    while i < args.len() {
        let part = match args[i].as_str() {
            "--big-rooms-only" => Some(Part::BigRooms),
            "--postgres-only" => Some(Part::Postgres),
            "--joins-only" => Some(Part::Joins),
            _ => None,
        };
        if let Some(part) = part {
            if options.part != Part::All {
                bail!(
                    "--big-rooms-only, --postgres-only and --joins-only exclude each other\n{USAGE}"
                );
            }
            options.part = part;
            i += 1;
            continue;
        }
        let value = args
            .get(i + 1)
            .with_context(|| format!("{} needs a value", args[i]));
        match args[i].as_str() {
            "--server" => options.server = value?.into(),
            "--xtask" => options.xtask = value?.into(),
            "--requests" => options.requests = value?.parse()?,
            "--memberships" => options.memberships = value?.parse()?,
            "--json" => options.json = value?.into(),
            "--one-key-requests" => options.big_room_counts.one_key = value?.parse()?,
            "--full-read-requests" => options.big_room_counts.full_reads = value?.parse()?,
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
        i += 2;
    }
    if options.server.as_os_str().is_empty() || options.xtask.as_os_str().is_empty() {
        bail!("{USAGE}");
    }
    for binary in [&mut options.server, &mut options.xtask] {
        *binary = binary
            .canonicalize()
            .with_context(|| format!("cannot find {}", binary.display()))?;
    }
    let report = measure(&options)?;
    report.print();
    if let Some(parent) = options.json.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&options.json, serde_json::to_string_pretty(&report)?)?;
    println!("\nwritten to {}", options.json.display());
    Ok(())
}

fn measure(options: &Options) -> anyhow::Result<Report> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir()?;
    if options.part == Part::Postgres {
        println!("PostgreSQL:");
        let postgres = postgres::measure(&runtime, &options.server, options.requests, dir.path())?;
        return Ok(Report {
            postgres,
            ..Report::default()
        });
    }
    let mut report = Report {
        joins_only: options.part == Part::Joins,
        generator_ms: if options.part == Part::All {
            generator_times(&options.xtask, 10)?
        } else {
            Vec::new()
        },
        ..Report::default()
    };
    if !report.generator_ms.is_empty() {
        println!(
            "generator: median {:.1} ms over {} runs",
            report::median(&report.generator_ms),
            report.generator_ms.len()
        );
    }

    let db = format!("sqlite://{}", dir.path().join("homeserver.db").display());
    let started = Instant::now();
    let (alice, users, large_rooms) = runtime.block_on(async {
        let store = Store::open(&Config {
            server_name: SERVER_NAME.into(),
            database_url: db.clone(),
            ..Config::default()
        })
        .await?;
        let (alice, users) = seed::accounts(&store, options.requests).await?;
        seed::populated_room(&store, "!small:bench", 10).await?;
        // The large room first, then more rooms of the same size up to the membership
        // total; the joins alone need none.
        let large_rooms = match options.part {
            Part::All => options.memberships.div_ceil(LARGE_ROOM).max(1),
            Part::BigRooms => 1,
            Part::Postgres | Part::Joins => 0,
        };
        for room in 0..large_rooms {
            seed::populated_room(&store, &format!("!large{room}:bench"), LARGE_ROOM).await?;
        }
        anyhow::Ok((alice, users, large_rooms))
    })?;
    report.memberships_stored = large_rooms * LARGE_ROOM + 11;
    println!(
        "seeded {} users and {} memberships in {:.1} s",
        users.len() + 1,
        report.memberships_stored,
        started.elapsed().as_secs_f64()
    );

    if options.part == Part::BigRooms {
        let server =
            ServerProcess::start(&options.server, &db, Durability::ProcessCrash, dir.path())?;
        report.big_rooms = Some(big_room_reads(
            &server,
            &alice,
            &users,
            options.big_room_counts,
        )?);
        server.stop()?;
        return Ok(report);
    }

    let joins_only = options.part == Part::Joins;
    let modes: &[Durability] = if joins_only {
        &[Durability::ProcessCrash]
    } else {
        &[Durability::ProcessCrash, Durability::PowerLoss]
    };
    for &durability in modes {
        let mode = match durability {
            Durability::ProcessCrash => "process-crash",
            Durability::PowerLoss => "power-loss",
        };
        let server = ServerProcess::start(&options.server, &db, durability, dir.path())?;
        // Per concurrency, the rooms its row sends the users into (each user can join a
        // room once, so a longer row needs more rooms).
        let rooms = |prefix: &str, preset: &str, alias: bool| -> anyhow::Result<Vec<Vec<String>>> {
            CONCURRENCY
                .iter()
                .map(|&c| {
                    (0..rooms_per_row(c, users.len()))
                        .map(|i| {
                            let name = format!("{prefix}{c}{mode}{i}").replace('-', "");
                            let alias = alias.then_some(name.as_str());
                            create_room(server.addr, &alice, preset, alias)
                        })
                        .collect()
                })
                .collect()
        };
        // A row's requests: `calls` for each of its rooms in turn.
        let each = |rooms: &[Vec<String>], calls: &dyn Fn(&str) -> Vec<Call>| -> Vec<Vec<Call>> {
            rooms
                .iter()
                .map(|row| row.iter().flat_map(|room| calls(room)).collect())
                .collect()
        };
        // Warm-up (not timed): every user's token, the caches and the connections, as in a
        // server that has been running.
        let warmup = create_room(server.addr, &alice, "public_chat", None)?;
        let outcome = load::run(server.addr, joins(&users, &warmup), 16)?;
        if outcome.non_200 > 0 {
            bail!("warm-up failed: {:?}", outcome.first_failure);
        }
        // Memberships the requests add to the seeded ones (an invited join turns an invite
        // into a join), for the memory figure.
        let added = |workload: &str, outcome: &load::Outcome| match workload {
            "invited join" => 0,
            _ => outcome.requests - outcome.non_200,
        };
        let mut memberships_added = added("join", &outcome);
        let public = rooms("join", "public_chat", false)?;
        let workloads: Vec<(&str, Vec<Vec<Call>>)> =
            if durability == Durability::ProcessCrash && !joins_only {
                let private = rooms("invite", "private_chat", false)?;
                let aliased = rooms("alias", "public_chat", true)?;
                vec![
                    ("join", each(&public, &|r| joins(&users, r))),
                    ("invite", each(&private, &|r| invites(&alice, &users, r))),
                    ("invited join", each(&private, &|r| joins(&users, r))),
                    ("alias join", each(&aliased, &|a| alias_joins(&users, a))),
                ]
            } else {
                vec![("join", each(&public, &|r| joins(&users, r)))]
            };
        for (workload, per_concurrency) in workloads {
            for (calls, &concurrency) in per_concurrency.into_iter().zip(&CONCURRENCY) {
                let cpu = proc::cpu_seconds(server.pid());
                let outcome = load::run(server.addr, calls, concurrency)?;
                let server_cpu = proc::cpu_seconds(server.pid()) - cpu;
                memberships_added += added(workload, &outcome);
                let row = Row::new(workload, mode, concurrency, &outcome, Some(server_cpu));
                row.print_progress();
                report.rows.push(row);
            }
            if workload == "join" && report.ceiling.is_empty() {
                // Right after the first join rows, while the homeserver idles: the VM's
                // speed drifts over minutes, and the joins are compared with the ceiling.
                report.ceiling = ceiling_rows(&users)?;
            }
        }
        if durability == Durability::ProcessCrash && !joins_only {
            // Scaling: the same joins into a small and a large room, one at a time.
            let sample = &users[..users.len().min(500)];
            for (room, label) in [
                ("!small:bench", "10 members"),
                ("!large0:bench", "100,000 members"),
            ] {
                let outcome = load::run(server.addr, joins(sample, room), 1)?;
                memberships_added += added("join", &outcome);
                let row = Row::new(&format!("join into {label}"), mode, 1, &outcome, None);
                row.print_progress();
                report.scaling.push(row);
            }
            report.memberships_stored += memberships_added;
            let (rss, peak) = proc::memory_mib(server.pid());
            report.server_rss_mib = rss;
            report.server_peak_rss_mib = peak;
            report.big_rooms = Some(big_room_reads(
                &server,
                &alice,
                &users,
                options.big_room_counts,
            )?);
        }
        server.stop()?;
    }

    if joins_only {
        return Ok(report);
    }

    println!("PostgreSQL:");
    report.postgres = postgres::measure(&runtime, &options.server, options.requests, dir.path())?;
    Ok(report)
}

/// The ceiling: the join load's shape against a no-work server of its own, each row
/// measured [`CEILING_RUNS`] times.
fn ceiling_rows(users: &[Account]) -> anyhow::Result<Vec<Row>> {
    let ceiling = CeilingProcess::start()?;
    let mut rows = Vec::new();
    for &concurrency in &CONCURRENCY {
        for run in 1..=CEILING_RUNS {
            let cpu = proc::cpu_seconds(ceiling.child.id());
            let calls = joins(users, "!ceiling:bench");
            let count = calls.len().max(ROW_REQUESTS);
            let calls = calls.into_iter().cycle().take(count).collect();
            let outcome = load::run(ceiling.addr, calls, concurrency)?;
            let cpu = Some(proc::cpu_seconds(ceiling.child.id()) - cpu);
            let workload = format!("ceiling, run {run} of {CEILING_RUNS}");
            let row = Row::new(&workload, "-", concurrency, &outcome, cpu);
            row.print_progress();
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The big-room reads (`big_rooms.rs`) against a running server: alice is in both rooms;
/// the first user joins the large room and leaves it; up to 2,000 users join a new room
/// during the fairness run.
fn big_room_reads(
    server: &ServerProcess,
    alice: &Account,
    users: &[Account],
    counts: big_rooms::Counts,
) -> anyhow::Result<big_rooms::BigRooms> {
    let (former, joiners) = users.split_first().context("no users")?;
    let join_room = create_room(server.addr, alice, "public_chat", None)?;
    big_rooms::measure(
        server.addr,
        server.pid(),
        ("!small:bench", "!large0:bench"),
        (alice, former),
        &joiners[..joiners.len().min(2_000)],
        &join_room,
        counts,
    )
}

/// Whole-process times of `xtask regen --check`, after one warm-up run.
fn generator_times(xtask: &Path, runs: usize) -> anyhow::Result<Vec<f64>> {
    let root = xtask
        .ancestors()
        .find(|dir| dir.join("api-spec").is_dir())
        .context("the xtask binary is not inside the workspace")?;
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        let status = Command::new(xtask)
            .args(["regen", "--check"])
            .current_dir(root)
            .stdout(Stdio::null())
            .status()?;
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        if !status.success() {
            bail!("the generator failed ({status})");
        }
        if run > 0 {
            times.push(elapsed);
        }
    }
    Ok(times)
}

/// Percent-encodes a room ID or alias for a path segment.
fn encode(id: &str) -> String {
    id.replace('!', "%21")
        .replace('#', "%23")
        .replace(':', "%3A")
}

/// How many rooms the row at `concurrency` sends `users` users into: enough for
/// [`ROW_REQUESTS`] with many in flight; one room when one at a time, where a pass of a few
/// thousand already lasts over a second and no connection waits to start.
fn rooms_per_row(concurrency: usize, users: usize) -> usize {
    if concurrency == 1 {
        1
    } else {
        ROW_REQUESTS.div_ceil(users.max(1))
    }
}

fn joins(users: &[Account], room: &str) -> Vec<Call> {
    let path = format!("{BASE}/rooms/{}/join", encode(room));
    users
        .iter()
        .map(|u| Call::post(path.clone(), &u.token, "{}"))
        .collect()
}

fn alias_joins(users: &[Account], alias: &str) -> Vec<Call> {
    let path = format!("{BASE}/join/{}", encode(alias));
    users
        .iter()
        .map(|u| Call::post(path.clone(), &u.token, "{}"))
        .collect()
}

fn invites(alice: &Account, users: &[Account], room: &str) -> Vec<Call> {
    let path = format!("{BASE}/rooms/{}/invite", encode(room));
    users
        .iter()
        .map(|u| {
            Call::post(
                path.clone(),
                &alice.token,
                &serde_json::json!({"user_id": u.user_id}).to_string(),
            )
        })
        .collect()
}

/// Creates a room over HTTP (not timed); returns its ID, or its alias when it has one.
fn create_room(
    addr: SocketAddr,
    alice: &Account,
    preset: &str,
    alias: Option<&str>,
) -> anyhow::Result<String> {
    let mut body = serde_json::json!({"preset": preset});
    if let Some(alias) = alias {
        body["room_alias_name"] = alias.into();
    }
    let call = Call::post(
        format!("{BASE}/createRoom"),
        &alice.token,
        &body.to_string(),
    );
    let outcome = load::run_one(addr, call)?;
    let answer: serde_json::Value = serde_json::from_slice(&outcome)?;
    match (alias, answer["room_id"].as_str()) {
        (Some(alias), Some(_)) => Ok(format!("#{alias}:{SERVER_NAME}")),
        (None, Some(room)) => Ok(room.to_string()),
        _ => bail!("createRoom failed: {answer}"),
    }
}

fn free_addr() -> anyhow::Result<SocketAddr> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?)
}

/// Waits until something answers on `addr`.
fn wait_for(addr: SocketAddr, child: &mut Child) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            bail!("the process exited before listening ({status})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!("nothing listens on {addr} after 30 s")
}

/// The release homeserver on the seeded database, logging to a file (named by its port) as
/// it would in production.
pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
}

impl ServerProcess {
    pub fn start(
        binary: &Path,
        db: &str,
        durability: Durability,
        dir: &Path,
    ) -> anyhow::Result<Self> {
        let addr = free_addr()?;
        let log = std::fs::File::create(dir.join(format!("server-{}.log", addr.port())))?;
        let mut child = Command::new(binary)
            .args(["--server-name", SERVER_NAME, "--database-url", db])
            .args([
                "--durability",
                match durability {
                    Durability::ProcessCrash => "process-crash",
                    Durability::PowerLoss => "power-loss",
                },
            ])
            .args(["serve", "--listen", &addr.to_string()])
            // Rate limits are not what is measured here.
            .args([
                "--rate-limit-per-second",
                "1000000",
                "--rate-limit-burst",
                "4000000000",
                "--room-creation-per-second",
                "1000000",
                "--room-creation-burst",
                "1000000",
                "--alias-creation-per-second",
                "1000000",
                "--alias-creation-burst",
                "1000000",
            ])
            .stderr(log)
            .spawn()
            .context("cannot start the server")?;
        wait_for(addr, &mut child)?;
        Ok(ServerProcess { child, addr })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM, and wait for the clean exit.
    pub fn stop(mut self) -> anyhow::Result<()> {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        self.child.wait()?;
        Ok(())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// This binary's `ceiling` mode as a separate process, like the homeserver.
struct CeilingProcess {
    child: Child,
    addr: SocketAddr,
}

impl CeilingProcess {
    fn start() -> anyhow::Result<Self> {
        let addr = free_addr()?;
        let mut child = Command::new(std::env::current_exe()?)
            .args(["ceiling", "--listen", &addr.to_string()])
            .spawn()?;
        wait_for(addr, &mut child)?;
        Ok(CeilingProcess { child, addr })
    }
}

impl Drop for CeilingProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
