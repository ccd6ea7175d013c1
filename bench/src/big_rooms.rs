//! Reads of a 100,000-member room: one state key beside the same read in a 10-member room
//! (as a member and as a former member, who reads the state as of their departure), the
//! full reads (`/members`, `/state`, `/initialSync`) one at a time and 8 at once with the
//! server's peak memory, and fairness: a bystander's small-room read and joins into
//! another room while 8 clients repeat full reads of the big room.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::bail;
use serde::Serialize;

use crate::load::{self, Call};
use crate::report::Row;
use crate::seed::Account;
use crate::{BASE, encode};

/// The full reads, by path suffix.
pub const FULL_READS: [&str; 3] = ["members", "state", "initialSync"];

/// One full read served 8 at a time: the size of one answer and the server's peak RSS.
#[derive(Debug, Clone, Serialize)]
pub struct Memory {
    pub read: String,
    pub response_mib: f64,
    /// RSS when the 8 clients started.
    pub before_mib: f64,
    pub peak_mib: f64,
}

/// How many requests each row sends.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    /// Each one-key row (the bystander sends half as many).
    pub one_key: usize,
    /// Each full-read row one at a time (8 at once: three times as many).
    pub full_reads: usize,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            one_key: 2_000,
            full_reads: 10,
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct BigRooms {
    pub rows: Vec<Row>,
    pub memory: Vec<Memory>,
}

impl BigRooms {
    pub fn find(&self, workload: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.workload == workload)
    }
}

fn room_path(room: &str, rest: &str) -> String {
    format!("{BASE}/rooms/{}/{rest}", encode(room))
}

fn repeat(call: Call, count: usize) -> Vec<Call> {
    vec![call; count]
}

/// Runs the reads against the server `pid` listening on `addr`: `member` is joined to
/// both rooms, `former` joins the large room and leaves it first (not timed), `joiners`
/// join a new room during the fairness run.
pub fn measure(
    addr: SocketAddr,
    pid: u32,
    (small, large): (&str, &str),
    (member, former): (&Account, &Account),
    joiners: &[Account],
    join_room: &str,
    counts: Counts,
) -> anyhow::Result<BigRooms> {
    let mut result = BigRooms::default();
    let row = |result: &mut BigRooms, name: &str, calls: Vec<Call>, concurrency: usize| {
        let outcome = load::run(addr, calls, concurrency)?;
        let row = Row::new(name, "process-crash", concurrency, &outcome, None);
        row.print_progress();
        result.rows.push(row);
        anyhow::Ok(())
    };
    for call in [
        Call::post(room_path(large, "join"), &former.token, "{}"),
        Call::post(room_path(large, "leave"), &former.token, "{}"),
    ] {
        load::run_one(addr, call)?;
    }

    let key = "state/m.room.join_rules/";
    let one_key = |room: &str, who: &Account| {
        repeat(Call::get(room_path(room, key), &who.token), counts.one_key)
    };
    row(
        &mut result,
        "one key, 10 members",
        one_key(small, member),
        1,
    )?;
    row(
        &mut result,
        "one key, 100,000 members",
        one_key(large, member),
        1,
    )?;
    row(
        &mut result,
        "one key, 100,000 members, former member",
        one_key(large, former),
        1,
    )?;

    for read in FULL_READS {
        let call = Call::get(room_path(large, read), &member.token);
        row(
            &mut result,
            &format!("/{read}, 100,000 members"),
            repeat(call, counts.full_reads),
            1,
        )?;
    }
    let call = Call::get(room_path(large, "members"), &former.token);
    row(
        &mut result,
        "/members, 100,000 members, former member",
        repeat(call, counts.full_reads),
        1,
    )?;

    for read in FULL_READS {
        let call = Call::get(room_path(large, read), &member.token);
        let response = load::run_one(addr, call.clone())?.len() as f64 / 1_048_576.0;
        crate::proc::reset_peak(pid)?;
        let (before, _) = crate::proc::memory_mib(pid);
        row(
            &mut result,
            &format!("/{read}, 100,000 members, 8 at once"),
            repeat(call, 3 * counts.full_reads),
            8,
        )?;
        let (_, peak) = crate::proc::memory_mib(pid);
        println!(
            "    one answer {response:.1} MiB, RSS {before:.1} MiB before, peak {peak:.1} MiB"
        );
        result.memory.push(Memory {
            read: read.to_string(),
            response_mib: response,
            before_mib: before,
            peak_mib: peak,
        });
    }

    // Fairness: 8 clients repeat full reads of the large room (bounded in count, and
    // stopped when the measured loads end) while a bystander reads a small room and others
    // join another room.
    let stop = Arc::new(AtomicBool::new(false));
    let background: Vec<Call> = (0..8 * 400)
        .map(|i| Call::get(room_path(large, FULL_READS[i % 3]), &member.token))
        .collect();
    let heavy = {
        let stop = stop.clone();
        std::thread::spawn(move || load::run_until(&[addr], background, 8, stop))
    };
    // Let the 8 readers get going.
    std::thread::sleep(Duration::from_millis(500));
    let measured = (|| {
        row(
            &mut result,
            "bystander one key, 10 members, during full reads",
            repeat(
                Call::get(room_path(small, key), &member.token),
                counts.one_key / 2,
            ),
            1,
        )?;
        let joins = joiners
            .iter()
            .map(|u| Call::post(room_path(join_room, "join"), &u.token, "{}"))
            .collect();
        row(&mut result, "joins elsewhere, during full reads", joins, 16)
    })();
    stop.store(true, Ordering::Relaxed);
    let heavy = heavy
        .join()
        .map_err(|_| anyhow::anyhow!("the background load panicked"))??;
    measured?;
    let row = Row::new(
        "full reads in the background",
        "process-crash",
        8,
        &heavy,
        None,
    );
    row.print_progress();
    if heavy.non_200 > 0 {
        bail!("background full reads failed: {:?}", heavy.first_failure);
    }
    result.rows.push(row);
    Ok(result)
}
