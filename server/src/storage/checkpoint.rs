//! SQLite WAL checkpoints, off the write path. By default the connection whose commit
//! pushes the WAL past 1,000 pages copies it back into the database file then and there,
//! fsyncs included, and every change queued behind that commit waits: those stalls were the
//! tail of the join latency. Here the writers never checkpoint; this thread does, a
//! `PASSIVE` checkpoint a few times a second, which takes no lock writers need.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;

/// How often the WAL is copied back.
const INTERVAL: Duration = Duration::from_millis(200);

/// Runs checkpoints until dropped.
pub struct Checkpointer {
    _stop: mpsc::Sender<()>,
}

impl Checkpointer {
    pub fn start(path: &Path) -> anyhow::Result<Checkpointer> {
        let conn = rusqlite::Connection::open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(1))?;
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                // Until the store is dropped (the sender with it): then one last checkpoint.
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(INTERVAL) {
                    checkpoint(&conn);
                }
                checkpoint(&conn);
            })
            .context("cannot start the checkpoint thread")?;
        Ok(Checkpointer { _stop: stop })
    }
}

fn checkpoint(conn: &rusqlite::Connection) {
    let result = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        row.get::<_, i64>(0)
    });
    if let Err(error) = result {
        tracing::warn!(%error, "WAL checkpoint failed; will retry");
    }
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
        let _checkpointer = Checkpointer::start(&path).unwrap();
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
