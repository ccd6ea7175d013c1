//! The PostgreSQL rows: joins and invites at 16 and 64 in flight, with one server process
//! and with two processes sharing the database, on a private PostgreSQL cluster started the
//! way the tests start theirs (the same file: `server/tests/it/postgres_cluster.rs`), or on
//! `TEST_POSTGRES_URL`. Server CPU is summed over the processes; PostgreSQL's own CPU is
//! not counted.

#[path = "../../server/tests/it/postgres_cluster.rs"]
mod postgres_cluster;

use std::net::SocketAddr;
use std::path::Path;

use anyhow::bail;
use server::config::Config;
use server::storage::{Durability, Store};

use crate::load::{self, Call};
use crate::report::Row;
use crate::seed::{self, Account, SERVER_NAME};
use crate::{ServerProcess, create_room, invites, joins};

/// In-flight requests of each row.
const CONCURRENCY: [usize; 2] = [16, 64];

/// Seeds `requests` users on a fresh PostgreSQL database, then measures the rows with one
/// and with two server processes (each process count on rooms of its own).
pub fn measure(
    runtime: &tokio::runtime::Runtime,
    server: &Path,
    requests: usize,
    dir: &Path,
) -> anyhow::Result<Vec<Row>> {
    let db = runtime.block_on(postgres_cluster::fresh_database());
    let (alice, users) = runtime.block_on(async {
        let store = Store::open(&Config {
            server_name: SERVER_NAME.into(),
            database_url: db.clone(),
            ..Config::default()
        })
        .await?;
        seed::accounts(&store, requests).await
    })?;
    let mut rows = Vec::new();
    for processes in [1, 2] {
        let servers = (0..processes)
            .map(|_| ServerProcess::start(server, &db, Durability::ProcessCrash, dir))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
        let mode = match processes {
            1 => "postgres, 1 process".to_string(),
            n => format!("postgres, {n} processes"),
        };
        // Warm-up (not timed): tokens, connections and pools, as in a running deployment.
        let warmup = create_room(addrs[0], &alice, "public_chat", None)?;
        let outcome = load::run_across(&addrs, joins(&users, &warmup), 16)?;
        if outcome.non_200 > 0 {
            bail!("warm-up failed: {:?}", outcome.first_failure);
        }
        for workload in ["join", "invite"] {
            for concurrency in CONCURRENCY {
                let calls = calls(workload, addrs[0], &alice, &users)?;
                let cpu = |servers: &[ServerProcess]| -> f64 {
                    servers
                        .iter()
                        .map(|s| crate::proc::cpu_seconds(s.pid()))
                        .sum()
                };
                let before = cpu(&servers);
                let outcome = load::run_across(&addrs, calls, concurrency)?;
                let server_cpu = cpu(&servers) - before;
                let row = Row::new(workload, &mode, concurrency, &outcome, Some(server_cpu));
                row.print_progress();
                rows.push(row);
            }
        }
        for server in servers {
            server.stop()?;
        }
    }
    Ok(rows)
}

/// Every user joins a new public room, or alice invites every user into a new private one.
fn calls(
    workload: &str,
    addr: SocketAddr,
    alice: &Account,
    users: &[Account],
) -> anyhow::Result<Vec<Call>> {
    Ok(match workload {
        "join" => joins(users, &create_room(addr, alice, "public_chat", None)?),
        _ => invites(
            alice,
            users,
            &create_room(addr, alice, "private_chat", None)?,
        ),
    })
}
