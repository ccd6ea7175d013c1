//! SQLite WAL checkpoints, off the write path. By default the connection whose commit
//! pushes the WAL past 1,000 pages copies it back into the database file then and there,
//! fsyncs included, and every change queued behind that commit waits: those stalls were the
//! tail of the join latency. Here the writers never checkpoint; this thread does, a
//! `PASSIVE` checkpoint a few times a second, which takes no lock writers need.
//!
//! A checkpoint copies the WAL back but does not shorten it: the WAL starts again from its
//! beginning only when a write transaction begins with every frame copied back. Under a
//! steady stream of writes that never happens by itself (new frames land while this
//! thread copies), and the WAL grew without end (gigabytes in a few minutes of joins,
//! every frame written to new file space). So once the WAL is longer than
//! [`RESTART_FRAMES`], this thread checkpoints again at once until a pass finds little new
//! to copy, then asks the writer ([`RestartRequest`]) to finish the checkpoint between two
//! of its batches, when no frame can land meanwhile: the next batch then writes the WAL
//! from its start again. That last checkpoint holds up the writes queued behind it: on the
//! 2-core machine under 64 joins in flight it took 6–38 ms (it syncs the WAL and the
//! database file, and the writer waits for a core), about once a second at ~15,000
//! joins/s, and never at a rate a real homeserver writes.
//!
//! The restart also needs every reader that began before the checkpoint finished to be
//! done: one that reads the whole of a large room (tens of milliseconds) can stand in its
//! way, and readers that overlap without a gap would stand in its way every time. So once
//! the WAL is four times [`RESTART_FRAMES`] long, the writer insists: a `RESTART`
//! checkpoint, which waits up to [`INSIST_WAIT`] for those readers (readers that begin
//! meanwhile read the database file only, so the wait ends). The WAL file then stays below
//! ~300 MB however the reads overlap, at the cost of that wait, then.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;

/// How often the WAL is copied back.
const INTERVAL: Duration = Duration::from_millis(200);

/// WAL frames (a page each, 4 KiB by default) past which the writer is asked to let the
/// WAL start again: 64 MiB, so that the writer's checkpoint comes rarely (the WAL grows
/// about 100 MB/s at 15,000–18,000 joins/s) and the WAL file stays below ~100 MB while
/// readers let it start again.
pub const RESTART_FRAMES: i64 = 16_384;

/// How long the writer's insisting checkpoint waits for the readers in the restart's way
/// (longer than a 100,000-member room's full read takes).
pub const INSIST_WAIT: Duration = Duration::from_millis(250);

/// What the checkpoint thread asks of the writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restart {
    /// Finish the checkpoint; the WAL starts again unless a reader stands in the way.
    Ask,
    /// The WAL is four times too long: also wait (up to [`INSIST_WAIT`]) for the readers.
    Insist,
}

/// The checkpoint thread's request that the writer finish a checkpoint, so that the WAL
/// starts again from its beginning.
#[derive(Clone)]
pub struct RestartRequest {
    /// 0: nothing asked; else a [`Restart`] (1 `Ask`, 2 `Insist`).
    asked: Arc<AtomicU8>,
    after_frames: i64,
}

impl RestartRequest {
    /// A request made once the WAL is longer than `after_frames` frames.
    pub fn new(after_frames: i64) -> RestartRequest {
        RestartRequest {
            asked: Arc::new(AtomicU8::new(0)),
            after_frames,
        }
    }

    /// What was asked since the last call, if anything (the writer's side).
    pub fn take(&self) -> Option<Restart> {
        match self.asked.swap(0, Ordering::Relaxed) {
            0 => None,
            1 => Some(Restart::Ask),
            _ => Some(Restart::Insist),
        }
    }

    fn ask(&self, frames: i64) {
        let level = if frames > 4 * self.after_frames { 2 } else { 1 };
        self.asked.fetch_max(level, Ordering::Relaxed);
    }
}

/// On the writer's connection, between batches: copies back whatever the checkpoint thread
/// has not yet (no frame can land meanwhile), so that the next write transaction starts
/// the WAL again. Asked, it gives up if a reader of an older snapshot is in the way (a
/// later request tries again); insisting, it waits for such readers up to [`INSIST_WAIT`]
/// (the connection's own busy timeout is put back afterwards).
pub fn finish_on_writer(conn: &rusqlite::Connection, restart: Restart) {
    let checkpoint = |mode: &str| {
        conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |row| {
            row.get::<_, i64>(0)
        })
    };
    let outcome = match restart {
        Restart::Ask => checkpoint("PASSIVE"),
        Restart::Insist => conn
            .query_row("PRAGMA busy_timeout", [], |row| row.get::<_, i64>(0))
            .and_then(|own| {
                conn.busy_timeout(INSIST_WAIT)?;
                let blocked = checkpoint("RESTART");
                conn.busy_timeout(Duration::from_millis(u64::try_from(own).unwrap_or(0)))?;
                blocked
            }),
    };
    match outcome {
        Ok(0) => {}
        Ok(_) if restart == Restart::Insist => {
            tracing::warn!("readers kept the WAL from starting again; will retry")
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "WAL checkpoint on the writer failed; will retry"),
    }
}

/// Runs checkpoints until dropped.
pub struct Checkpointer {
    _stop: mpsc::Sender<()>,
}

impl Checkpointer {
    /// Starts the thread on the database at `path`; it makes `restart` when the WAL is
    /// long.
    pub fn start(path: &Path, restart: RestartRequest) -> anyhow::Result<Checkpointer> {
        let conn = rusqlite::Connection::open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(1))?;
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                // Until the store is dropped (the sender with it): then one last checkpoint.
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(INTERVAL) {
                    checkpoint(&conn, &restart);
                }
                checkpoint(&conn, &restart);
            })
            .context("cannot start the checkpoint thread")?;
        Ok(Checkpointer { _stop: stop })
    }
}

/// One round: a checkpoint; when the WAL is long, more checkpoints right away until one
/// finds little new to copy, then the request to the writer, whose own checkpoint (which
/// holds up the writes queued behind it) then copies only what landed since.
fn checkpoint(conn: &rusqlite::Connection, restart: &RestartRequest) {
    let Some(mut frames) = checkpoint_once(conn) else {
        return;
    };
    if frames <= restart.after_frames {
        return;
    }
    let longest = frames;
    for _ in 0..CATCH_UP_PASSES {
        let Some(now) = checkpoint_once(conn) else {
            return;
        };
        // (Negative when the WAL started again meanwhile: little left, too.)
        let landed = now - std::mem::replace(&mut frames, now);
        if landed <= LITTLE_LEFT_FRAMES {
            break;
        }
    }
    restart.ask(longest.max(frames));
}

/// At most this many checkpoints back to back before asking the writer anyway.
const CATCH_UP_PASSES: usize = 8;

/// New frames a catching-up checkpoint may find and still count as little (1 MiB).
const LITTLE_LEFT_FRAMES: i64 = 256;

/// A `PASSIVE` checkpoint; the WAL's length in frames, or `None` when it failed (logged).
fn checkpoint_once(conn: &rusqlite::Connection) -> Option<i64> {
    // Its row: whether it was blocked, the WAL's length in frames, and how many of them
    // are copied back.
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        row.get::<_, i64>(1)
    })
    .inspect_err(|error| tracing::warn!(%error, "WAL checkpoint failed; will retry"))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wal_reaches_the_database_file_without_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let writer = rusqlite::Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
                 CREATE TABLE t (x TEXT);",
            )
            .unwrap();
        let size = || std::fs::metadata(&path).unwrap().len();
        let before = size();
        for _ in 0..200 {
            writer
                .execute("INSERT INTO t VALUES (?1)", ["x".repeat(4000)])
                .unwrap();
        }
        assert_eq!(size(), before, "the writer itself never checkpoints");
        let _checkpointer =
            Checkpointer::start(&path, RestartRequest::new(RESTART_FRAMES)).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while size() < 200 * 4000 {
            assert!(
                std::time::Instant::now() < deadline,
                "no checkpoint within 5 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn insisting_puts_the_writers_own_busy_timeout_back() {
        let dir = tempfile::tempdir().unwrap();
        let writer = rusqlite::Connection::open(dir.path().join("c.db")).unwrap();
        writer
            .execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x TEXT)")
            .unwrap();
        writer.busy_timeout(Duration::from_millis(1234)).unwrap();
        finish_on_writer(&writer, Restart::Insist);
        let own: i64 = writer
            .query_row("PRAGMA busy_timeout", [], |row| row.get(0))
            .unwrap();
        assert_eq!(own, 1234);
    }
}
