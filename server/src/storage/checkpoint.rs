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
//! 2-core machine under 64 joins in flight it took 6–38 ms (typically 10–15; it syncs the
//! WAL and the database file), about once a second at ~15,000 joins/s, and never at a
//! rate a real homeserver writes.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;

/// How often the WAL is copied back.
const INTERVAL: Duration = Duration::from_millis(200);

/// WAL frames (a page each, 4 KiB by default) past which the writer is asked to let the
/// WAL start again: 64 MiB, so that the writer's checkpoint comes rarely (the WAL grows
/// about 100 MB/s at 15,000–18,000 joins/s) and the WAL file stays below ~100 MB.
pub const RESTART_FRAMES: i64 = 16_384;

/// The checkpoint thread's request that the writer finish a checkpoint, so that the WAL
/// starts again from its beginning.
#[derive(Clone)]
pub struct RestartRequest {
    asked: Arc<AtomicBool>,
    after_frames: i64,
}

impl RestartRequest {
    /// A request made once the WAL is longer than `after_frames` frames.
    pub fn new(after_frames: i64) -> RestartRequest {
        RestartRequest {
            asked: Arc::new(AtomicBool::new(false)),
            after_frames,
        }
    }

    /// Whether a restart was asked for since the last call (the writer's side).
    pub fn take(&self) -> bool {
        self.asked.swap(false, Ordering::Relaxed)
    }

    fn ask(&self) {
        self.asked.store(true, Ordering::Relaxed);
    }
}

/// On the writer's connection, between batches: copies back whatever the checkpoint thread
/// has not yet (no frame can land meanwhile), so that the next write transaction starts
/// the WAL again, unless a reader still reads an older snapshot (then a later request
/// tries again).
pub fn finish_on_writer(conn: &rusqlite::Connection) {
    if let Err(error) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        row.get::<_, i64>(0)
    }) {
        tracing::warn!(%error, "WAL checkpoint on the writer failed; will retry");
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
    for _ in 0..CATCH_UP_PASSES {
        let Some(now) = checkpoint_once(conn) else {
            return;
        };
        let landed = now - std::mem::replace(&mut frames, now);
        if landed <= LITTLE_LEFT_FRAMES {
            break;
        }
    }
    restart.ask();
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
}
