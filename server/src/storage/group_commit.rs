//! SQLite's group commit: one thread owns the write connection; every write is queued to it,
//! run back to back with the others waiting inside one transaction, committed together,
//! and only then answered.
//!
//! Why a thread of its own: a membership change is several statements under the room's
//! lock, and handing each statement to a database thread and back bounded throughput by the
//! wake-ups, not by SQLite. Here a write costs one hand-off each way, and a batch pays for
//! one commit (one fsync with power-loss durability) however many writes it holds.
//!
//! Each write runs inside a savepoint, so a write that fails is undone alone and its
//! neighbours in the batch still commit. Writes run in arrival order on one connection, so
//! each sees the ones before it: the batch is a serial order. Whatever fails (a statement,
//! the commit, a full disk), the connection is left outside any transaction, ready for the
//! next batch.

use std::sync::mpsc;

use anyhow::Context;

use super::checkpoint::{self, RestartRequest};
use super::db::{Conn, DbError};

/// The most writes committed together; beyond this, waiting writes start the next batch.
const MAX_BATCH: usize = 256;

/// Hands a committed (or failed) batch's outcome to one waiting write.
type Completion = Box<dyn FnOnce(Result<(), DbError>) + Send>;
/// A write: runs on the writer's connection inside the batch's transaction (or, given no
/// connection, does not run: its batch failed first). Returns its completion, and whether
/// the transaction is still sound (its savepoint was kept or undone cleanly).
type Job = Box<dyn FnOnce(Option<&mut rusqlite::Connection>) -> (Completion, bool) + Send>;

pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer thread on `conn` (already configured and migrated). Between
    /// batches it finishes a checkpoint when `restart` asks (`checkpoint.rs`). It ends when
    /// the `GroupCommit` is dropped.
    pub fn start(
        conn: rusqlite::Connection,
        restart: RestartRequest,
    ) -> anyhow::Result<GroupCommit> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(conn, queue, restart))
            .context("cannot start the SQLite writer thread")?;
        Ok(GroupCommit { jobs })
    }

    /// Runs `work` in the next batch; answers once that batch has committed. The outer
    /// error is the batch's (it did not commit); the inner one is `work`'s own.
    pub async fn run<T, E>(
        &self,
        work: impl FnOnce(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let (result, sound) = match conn {
                Some(conn) => in_savepoint(conn, work),
                None => (Err(DbError::NotRun), true),
            };
            let complete: Completion = Box::new(move |committed: Result<(), DbError>| {
                let _ = answer.send(committed.and(result));
            });
            (complete, sound)
        });
        self.jobs.send(job).map_err(|_| DbError::Panicked)?;
        answered.await.map_err(|_| DbError::Panicked)?
    }
}

/// Runs `work` so that, if it fails (or panics), what it wrote is undone and the batch goes
/// on. Returns the work's outcome (a panic is [`DbError::Panicked`]) and whether the
/// transaction is still sound: `false` when the savepoint itself could not be handled.
fn in_savepoint<T, E>(
    conn: &mut rusqlite::Connection,
    work: impl FnOnce(&mut dyn Conn) -> Result<T, E>,
) -> (Result<Result<T, E>, DbError>, bool) {
    if let Err(error) = control(conn, "SAVEPOINT change") {
        return (Err(error), false);
    }
    // A panicking write must not take the writer thread (and every later write) with it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&mut *conn)));
    let keep = matches!(result, Ok(Ok(_)));
    let undone = if keep {
        Ok(())
    } else {
        control(conn, "ROLLBACK TO change")
    };
    let released = undone.and_then(|()| control(conn, "RELEASE change"));
    let outcome = result.map_err(|_| DbError::Panicked);
    match released {
        Ok(()) => (outcome, true),
        Err(error) => (Err(error), false),
    }
}

/// Runs one statement of transaction control (`BEGIN`, `SAVEPOINT`, …) through [`Conn`],
/// which keeps it prepared: rusqlite's own `execute` would parse it again for every write.
fn control(conn: &mut rusqlite::Connection, sql: &str) -> Result<(), DbError> {
    Conn::execute(conn, sql, &[]).map(drop)
}

/// The writer thread: waits for a write, takes every write already waiting (up to
/// [`MAX_BATCH`]), runs them in one transaction and commits; once they are answered, lets
/// the WAL start again if asked.
fn writer(mut conn: rusqlite::Connection, queue: mpsc::Receiver<Job>, restart: RestartRequest) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        // When the queue is empty, let the threads that are running go first, once: the
        // requests they are handling join this batch instead of paying for a commit of
        // their own. On an idle machine the yield returns at once; once per batch bounds
        // what it can add to a write's wait when other threads keep the cores busy.
        let mut yielded = false;
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) if !yielded => {
                    yielded = true;
                    std::thread::yield_now();
                }
                Err(_) => break,
            }
        }
        metrics::histogram!("db_group_commit_batch_size").record(batch.len() as f64);
        let started = std::time::Instant::now();
        let committed = run_batch(&mut conn, batch);
        metrics::histogram!("db_group_commit_seconds").record(started.elapsed().as_secs_f64());
        for (complete, outcome) in committed {
            complete(outcome);
        }
        if let Some(restart) = restart.take() {
            checkpoint::finish_on_writer(&conn, restart);
        }
    }
}

/// One batch: each job's completion with the batch's outcome. If anything leaves the
/// transaction unsound (SQLite rolls a transaction back by itself on a full disk, say), no
/// further job runs and the whole batch is rolled back and answered with the error; either
/// way the connection ends outside any transaction.
fn run_batch(
    conn: &mut rusqlite::Connection,
    batch: Vec<Job>,
) -> Vec<(Completion, Result<(), DbError>)> {
    let began = control(conn, "BEGIN IMMEDIATE");
    if let Err(error) = &began {
        tracing::error!(%error, writes = batch.len(), "cannot begin a write transaction");
    }
    let mut sound = began.is_ok();
    let mut completions = Vec::with_capacity(batch.len());
    for job in batch {
        let open = sound && !conn.is_autocommit();
        let (complete, kept_sound) = job(open.then_some(&mut *conn));
        sound = open && kept_sound;
        completions.push(complete);
    }
    let outcome = match began {
        Err(error) => Err(error.to_string()),
        Ok(()) if !sound || conn.is_autocommit() => {
            Err("the batch's transaction was lost; nothing in it was written".to_string())
        }
        Ok(()) => control(conn, "COMMIT").map_err(|e| e.to_string()),
    };
    if let Err(error) = &outcome {
        tracing::error!(%error, writes = completions.len(), "a write batch did not commit");
    }
    if !conn.is_autocommit() {
        // The commit failed (or was not tried) and left the transaction open: end it, so
        // the next batch starts clean.
        let _ = control(conn, "ROLLBACK");
    }
    completions
        .into_iter()
        .map(|complete| {
            let outcome = outcome.clone().map_err(DbError::NotCommitted);
            (complete, outcome)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::db::params;
    use std::time::Duration;

    fn start(dir: &std::path::Path) -> GroupCommit {
        let conn = rusqlite::Connection::open(dir.join("t.db")).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER PRIMARY KEY)")
            .unwrap();
        GroupCommit::start(conn, RestartRequest::new(checkpoint::RESTART_FRAMES)).unwrap()
    }

    async fn count(changes: &GroupCommit) -> i64 {
        changes
            .run(|db| db.query_one("SELECT COUNT(*) FROM t", &[], |row| row.int(0)))
            .await
            .unwrap()
            .unwrap()
    }

    fn insert(db: &mut dyn Conn, x: i64) -> Result<(), DbError> {
        db.execute("INSERT INTO t (x) VALUES ($1)", params![x])?;
        Ok(())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_or_panicking_write_is_undone_alone() {
        let dir = tempfile::tempdir().unwrap();
        let changes = std::sync::Arc::new(start(dir.path()));
        // Many writes at once, so that they share batches; the odd ones fail after writing.
        let tasks: Vec<_> = (0..200)
            .map(|x| {
                let changes = changes.clone();
                tokio::spawn(async move {
                    changes
                        .run(move |db| {
                            insert(db, x)?;
                            if x % 4 == 1 {
                                panic!("write {x} panics");
                            }
                            if x % 4 == 3 {
                                insert(db, x)?; // a duplicate key: an SQL error
                            }
                            Ok::<_, DbError>(x)
                        })
                        .await
                })
            })
            .collect();
        for (x, task) in tasks.into_iter().enumerate() {
            let outcome = task.await.unwrap();
            let ok = matches!(outcome, Ok(Ok(_)));
            assert_eq!(ok, x % 2 == 0, "write {x}: {outcome:?}");
        }
        assert_eq!(count(&changes).await, 100, "only the even writes stayed");
    }

    /// A database with `t (x, v)` in WAL mode, its checkpoint thread and its writer, asking
    /// for restarts past 64 frames (insisting past 256).
    fn start_with_checkpoints(dir: &std::path::Path) -> (GroupCommit, checkpoint::Checkpointer) {
        let path = dir.join("t.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
             CREATE TABLE t (x INTEGER PRIMARY KEY, v TEXT)",
        )
        .unwrap();
        let restart = RestartRequest::new(64);
        let checkpointer = checkpoint::Checkpointer::start(&path, restart.clone()).unwrap();
        (GroupCommit::start(conn, restart).unwrap(), checkpointer)
    }

    /// How many times the WAL started again, as SQLite counts it in the WAL's header (its
    /// checkpoint sequence number, bytes 12..16).
    fn wal_restarts(dir: &std::path::Path) -> u32 {
        let header = std::fs::read(dir.join("t.db-wal")).unwrap_or_default();
        header
            .get(12..16)
            .map_or(0, |n| u32::from_be_bytes(n.try_into().unwrap()))
    }

    /// Sixteen writers at once, which keep the writer's queue from ever running dry, until
    /// the WAL has started again three times or 20 s have passed; returns the restarts.
    async fn write_steadily(changes: GroupCommit, dir: &std::path::Path) -> u32 {
        let changes = std::sync::Arc::new(changes);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writers: Vec<_> = (0..16)
            .map(|_| {
                let (changes, stop) = (changes.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut writes = 0;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        changes
                            .run(|db| {
                                let v = "v".repeat(3000);
                                db.execute("INSERT INTO t (v) VALUES ($1)", params![v.as_str()])
                            })
                            .await
                            .unwrap()
                            .unwrap();
                        writes += 1;
                    }
                    writes
                })
            })
            .collect();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while wal_restarts(dir) < 3 && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let seen = wal_restarts(dir);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let mut written = 0;
        for writer in writers {
            written += writer.await.unwrap();
        }
        assert_eq!(count(&changes).await, written, "every write was kept");
        seen
    }

    /// Writes without a pause, as under load: the checkpoint thread alone never lets the
    /// WAL start again (frames keep landing while it copies), so the WAL grew by every
    /// write, without end. Asked by it, the writer finishes the checkpoint between two
    /// batches and the next batch starts the WAL again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn under_a_steady_stream_of_writes_the_wal_starts_again() {
        let dir = tempfile::tempdir().unwrap();
        let (changes, _checkpointer) = start_with_checkpoints(dir.path());
        let restarts = write_steadily(changes, dir.path()).await;
        assert!(
            restarts >= 3,
            "the WAL started again {restarts} times, not 3"
        );
    }

    /// The same while two readers keep overlapping read transactions open (as full reads
    /// of a large room back to back do): some reader always began before the checkpoint
    /// finished, so only the writer's insisting checkpoint, which waits for them, lets the
    /// WAL start again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn overlapping_readers_do_not_keep_the_wal_from_starting_again() {
        let dir = tempfile::tempdir().unwrap();
        let (changes, _checkpointer) = start_with_checkpoints(dir.path());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readers: Vec<_> = (0..2)
            .map(|i| {
                let (path, stop) = (dir.path().join("t.db"), stop.clone());
                std::thread::spawn(move || {
                    let conn = rusqlite::Connection::open(path).unwrap();
                    std::thread::sleep(Duration::from_millis(15 * i));
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        conn.execute_batch("BEGIN").unwrap();
                        conn.query_row("SELECT COUNT(*) FROM t", [], |row| row.get::<_, i64>(0))
                            .unwrap();
                        std::thread::sleep(Duration::from_millis(30));
                        conn.execute_batch("COMMIT").unwrap();
                    }
                })
            })
            .collect();
        let restarts = write_steadily(changes, dir.path()).await;
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for reader in readers {
            reader.join().unwrap();
        }
        assert!(
            restarts >= 3,
            "the WAL started again {restarts} times, not 3"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_that_cannot_commit_is_answered_as_such_and_the_next_one_works() {
        let dir = tempfile::tempdir().unwrap();
        let changes = start(dir.path());
        // A full database: the page count is capped at what the file has now.
        changes
            .run(|db| {
                let pages = db.query_one("PRAGMA page_count", &[], |row| row.int(0))?;
                db.query_one(&format!("PRAGMA max_page_count = {pages}"), &[], |row| {
                    row.int(0)
                })?;
                Ok::<_, DbError>(())
            })
            .await
            .unwrap()
            .unwrap();
        let big = "x".repeat(100_000);
        let full = changes
            .run(move |db| {
                db.execute("CREATE TABLE big (v TEXT)", &[])?;
                db.execute("INSERT INTO big VALUES ($1)", params![big.as_str()])?;
                Ok::<_, DbError>(())
            })
            .await;
        assert!(
            matches!(&full, Ok(Err(_)) | Err(_)),
            "a full database refuses the write: {full:?}"
        );
        // Space again: the writer is usable, no transaction left open.
        changes
            .run(|db| {
                db.query_one("PRAGMA max_page_count = 1073741823", &[], |row| row.int(0))?;
                Ok::<_, DbError>(())
            })
            .await
            .unwrap()
            .unwrap();
        changes.run(|db| insert(db, 7)).await.unwrap().unwrap();
        assert_eq!(count(&changes).await, 1);
    }
}
