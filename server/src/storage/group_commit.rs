//! SQLite's group commit: one thread owns a write connection; membership changes are
//! queued to it, run back to back inside one transaction, committed together, and only
//! then answered.
//!
//! Why a thread and not sqlx: each sqlx statement is a round trip to sqlx's own connection
//! thread, and a membership change is five of them under the room lock; on this machine the
//! wake-ups, not SQLite, bounded throughput near 1,000 changes/s with the server idle a
//! third of the time. Here a change costs one hand-off each way, and a batch pays for one
//! commit (one fsync with power-loss durability) however many changes it holds.
//!
//! Each change runs inside a savepoint, so a change that fails is undone alone and its
//! neighbours in the batch still commit. Changes run in arrival order on one connection, so
//! each sees the ones before it: the batch is a serial order.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;

use super::Durability;
use crate::error::InternalError;

/// The most changes committed together; beyond this, waiting changes start the next batch.
const MAX_BATCH: usize = 256;

/// Hands a committed (or failed) batch's outcome to one waiting change.
type Completion = Box<dyn FnOnce(Result<(), String>) + Send>;
/// A change: runs on the writer's connection inside the batch's transaction.
type Job = Box<dyn FnOnce(&rusqlite::Connection) -> Completion + Send>;

pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Opens a second write connection to the (already migrated) database at `path` and
    /// starts its thread. It ends when the `GroupCommit` is dropped.
    pub fn start(path: &Path, durability: Durability) -> anyhow::Result<GroupCommit> {
        let conn = rusqlite::Connection::open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(
            None,
            "synchronous",
            match durability {
                Durability::ProcessCrash => "NORMAL",
                Durability::PowerLoss => "FULL",
            },
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Checkpoints are the checkpoint thread's job (see checkpoint.rs).
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(conn, queue))
            .context("cannot start the SQLite writer thread")?;
        Ok(GroupCommit { jobs })
    }

    /// Runs `work` in the next batch; answers once that batch has committed.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> Result<T, InternalError> + Send + 'static,
    ) -> Result<T, InternalError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let result = in_savepoint(conn, work);
            Box::new(move |committed: Result<(), String>| {
                let outcome = match committed {
                    Ok(()) => result,
                    Err(error) => Err(InternalError(anyhow::anyhow!(
                        "the batch did not commit: {error}"
                    ))),
                };
                let _ = answer.send(outcome);
            })
        });
        self.jobs
            .send(job)
            .map_err(|_| InternalError(anyhow::anyhow!("the SQLite writer has stopped")))?;
        answered
            .await
            .map_err(|_| InternalError(anyhow::anyhow!("the SQLite writer dropped a change")))?
    }
}

/// Runs `work` so that, if it fails (or panics), what it wrote is undone and the batch goes
/// on.
fn in_savepoint<T>(
    conn: &rusqlite::Connection,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T, InternalError>,
) -> Result<T, InternalError> {
    conn.execute_batch("SAVEPOINT change")?;
    // A panicking change must not take the writer thread (and every later write) with it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(conn)))
        .unwrap_or_else(|_| {
            Err(InternalError(anyhow::anyhow!(
                "a membership change panicked"
            )))
        });
    if result.is_err() {
        conn.execute_batch("ROLLBACK TO change")?;
    }
    conn.execute_batch("RELEASE change")?;
    result
}

/// The writer thread: waits for a change, takes every change already waiting (up to
/// [`MAX_BATCH`]), runs them in one transaction and commits.
fn writer(conn: rusqlite::Connection, queue: mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let completions: Vec<Completion> = match conn.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => batch.into_iter().map(|job| job(&conn)).collect(),
            Err(error) => {
                // Nothing ran; dropping the changes answers each with an error.
                tracing::error!(%error, changes = batch.len(), "cannot begin a write transaction");
                continue;
            }
        };
        let committed = conn.execute_batch("COMMIT").map_err(|e| e.to_string());
        if committed.is_err() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        for complete in completions {
            complete(committed.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(changes: &GroupCommit) -> i64 {
        changes
            .run(|conn| Ok(conn.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))?))
            .await
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_or_panicking_change_is_undone_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x INTEGER PRIMARY KEY)")
            .unwrap();
        let changes =
            std::sync::Arc::new(GroupCommit::start(&path, Durability::PowerLoss).unwrap());
        fn insert(conn: &rusqlite::Connection, x: i64) -> Result<(), InternalError> {
            conn.execute("INSERT INTO t (x) VALUES (?1)", [x])?;
            Ok(())
        }
        // Many changes at once, so that they share batches; the odd ones fail after writing.
        let tasks: Vec<_> = (0..200)
            .map(|x| {
                let changes = changes.clone();
                tokio::spawn(async move {
                    changes
                        .run(move |conn| {
                            insert(conn, x)?;
                            if x % 4 == 1 {
                                panic!("change {x} panics");
                            }
                            if x % 4 == 3 {
                                insert(conn, x)?; // a duplicate key: an SQL error
                            }
                            Ok(x)
                        })
                        .await
                })
            })
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        for (x, result) in results.into_iter().enumerate() {
            assert_eq!(result.is_ok(), x % 2 == 0, "change {x}: {result:?}");
        }
        assert_eq!(count(&changes).await, 100, "only the even changes stayed");
    }
}
