//! SQLite's group commit: one thread owns the write connection; every write is queued to it,
//! run back to back with the others waiting inside one transaction, committed together,
//! and only then answered.
//!
//! Why a thread of its own: a membership change is several statements under the room's
//! lock, and handing each statement to a database thread and back bounded throughput by the
//! wake-ups, not by SQLite. Here a write costs one hand-off each way, and a batch pays for
//! one commit (one fsync with power-loss durability) however many writes it holds.
//!
//! Writes run in arrival order on one connection, so each sees the ones before it: the
//! batch is a serial order. A write that fails is undone alone and its neighbours still
//! commit. Most failures need nothing undone: a refusal is decided before anything is
//! written, and a statement that fails leaves nothing of itself. A write that fails after
//! it changed something (a bug, or a second statement failing) cannot be told apart from
//! the writes before it, so the batch's transaction is rolled back and those writes run
//! again, from then on each inside a savepoint of its own, which undoes it alone (logged as
//! a warning, counted in `db_write_batches_restarted_total`). A savepoint around every
//! write would do the same without running any twice, but it copies every page a write
//! touches. A write's work must therefore do nothing but read and write through its
//! connection.
//!
//! The whole batch fails (each write answered with the error, nothing of it kept) when its
//! transaction is lost: SQLite ends it by itself on some errors (a full disk), or the batch
//! cannot begin again (another process took the database in between). Whatever fails, the
//! connection is left outside any transaction, ready for the next batch.

use std::sync::mpsc;

use anyhow::Context;

use super::checkpoint::{self, RestartRequest};
use super::db::{Conn, DbError, EngineKind, Param, Row};

/// The most writes committed together; beyond this, waiting writes start the next batch.
const MAX_BATCH: usize = 256;

pub struct GroupCommit {
    writes: mpsc::Sender<Box<dyn Write>>,
}

impl GroupCommit {
    /// Starts the writer thread on `conn` (already configured and migrated). Between
    /// batches it finishes a checkpoint when `restart` asks (`checkpoint.rs`). It ends when
    /// the `GroupCommit` is dropped.
    pub fn start(
        conn: rusqlite::Connection,
        restart: RestartRequest,
    ) -> anyhow::Result<GroupCommit> {
        let (writes, queue) = mpsc::channel::<Box<dyn Write>>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(conn, queue, restart))
            .context("cannot start the SQLite writer thread")?;
        Ok(GroupCommit { writes })
    }

    /// Runs `work` in the next batch; answers once that batch has committed. The outer
    /// error is the batch's (it did not commit); the inner one is `work`'s own. `work` may
    /// run more than once (see the module's doc); only its last run counts.
    pub async fn run<T, E>(
        &self,
        work: impl FnMut(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let write = Queued {
            work,
            outcome: Err(DbError::NotRun),
            answer,
        };
        self.writes
            .send(Box::new(write))
            .map_err(|_| DbError::Panicked)?;
        answered.await.map_err(|_| DbError::Panicked)?
    }
}

/// A write in the writer's queue: run inside a batch's transaction (again, if an earlier
/// write of its batch failed half-way), then answered with its batch's outcome.
trait Write: Send {
    /// Runs the work on `conn`, keeping its outcome for the answer (a later run replaces it).
    fn run(&mut self, conn: &mut rusqlite::Connection) -> Ran;
    /// Answers the caller: the outcome kept, unless the batch did not commit.
    fn answer(self: Box<Self>, batch: Result<(), DbError>);
}

/// How a run of a write ended, for what must be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ran {
    Succeeded,
    /// It failed having changed nothing.
    FailedCleanly,
    /// It failed (or panicked) after changing something.
    FailedHalfWay,
}

struct Queued<W, T, E> {
    work: W,
    outcome: Result<Result<T, E>, DbError>,
    answer: tokio::sync::oneshot::Sender<Result<Result<T, E>, DbError>>,
}

impl<W, T, E> Write for Queued<W, T, E>
where
    W: FnMut(&mut dyn Conn) -> Result<T, E> + Send,
    T: Send,
    E: Send,
{
    fn run(&mut self, conn: &mut rusqlite::Connection) -> Ran {
        let changes_before = conn.total_changes();
        let mut tracked = Tracked {
            conn,
            executed: false,
        };
        // A panicking write must not take the writer thread (and every later write) with it.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.work)(&mut tracked)));
        let changed = tracked.executed || tracked.conn.total_changes() != changes_before;
        let ran = match &result {
            Ok(Ok(_)) => Ran::Succeeded,
            Ok(Err(_)) if !changed => Ran::FailedCleanly,
            // A panic may have left anything behind.
            Ok(Err(_)) | Err(_) => Ran::FailedHalfWay,
        };
        self.outcome = result.map_err(|_| DbError::Panicked);
        ran
    }

    fn answer(self: Box<Self>, batch: Result<(), DbError>) {
        let _ = self.answer.send(batch.and(self.outcome));
    }
}

/// The writer's connection as a write sees it, noting whether the write ran a statement
/// that changes the database. `execute` and `insert_returning_key` count whenever they
/// succeed (a schema change is not in SQLite's count of changed rows); a statement that
/// failed left nothing of itself, so it does not count. Rows changed through `query_each`
/// (a `DELETE … RETURNING`) show in SQLite's count; a schema change or a pragma through
/// `query_each` would not, and no write makes one.
struct Tracked<'c> {
    conn: &'c mut rusqlite::Connection,
    executed: bool,
}

impl Conn for Tracked<'_> {
    fn engine(&self) -> EngineKind {
        EngineKind::Sqlite
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<(), DbError>,
    ) -> Result<(), DbError> {
        self.conn.query_each(sql, params, each)
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        let changed = Conn::execute(self.conn, sql, params)?;
        self.executed = true;
        Ok(changed)
    }

    fn insert_returning_key(
        &mut self,
        insert: &str,
        key: &'static str,
        params: &[Param<'_>],
    ) -> Result<i64, DbError> {
        let assigned = self.conn.insert_returning_key(insert, key, params)?;
        self.executed = true;
        Ok(assigned)
    }
}

/// Runs `write` inside a savepoint, undoing what it wrote unless it succeeded. An error is
/// the savepoint's own: the transaction can no longer be trusted.
fn run_in_savepoint(conn: &mut rusqlite::Connection, write: &mut dyn Write) -> Result<(), DbError> {
    control(conn, "SAVEPOINT write")?;
    if write.run(conn) != Ran::Succeeded {
        control(conn, "ROLLBACK TO write")?;
    }
    control(conn, "RELEASE write")
}

/// Runs one statement of transaction control (`BEGIN`, `SAVEPOINT`, …) through [`Conn`],
/// which keeps it prepared: rusqlite's own `execute` would parse it again for every write.
fn control(conn: &mut rusqlite::Connection, sql: &str) -> Result<(), DbError> {
    Conn::execute(conn, sql, &[]).map(drop)
}

/// The writer thread: waits for a write, takes every write already waiting (up to
/// [`MAX_BATCH`]), runs them in one transaction and commits; once they are answered, lets
/// the WAL start again if asked.
fn writer(
    mut conn: rusqlite::Connection,
    queue: mpsc::Receiver<Box<dyn Write>>,
    restart: RestartRequest,
) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        // When the queue is empty, let the threads that are running go first, once: the
        // requests they are handling join this batch instead of paying for a commit of
        // their own. On an idle machine the yield returns at once; once per batch bounds
        // what it can add to a write's wait when other threads keep the cores busy.
        let mut yielded = false;
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(write) => batch.push(write),
                Err(_) if !yielded => {
                    yielded = true;
                    std::thread::yield_now();
                }
                Err(_) => break,
            }
        }
        metrics::histogram!("db_group_commit_batch_size").record(batch.len() as f64);
        let started = std::time::Instant::now();
        let outcome = run_batch(&mut conn, &mut batch);
        if let Err(error) = &outcome {
            tracing::error!(%error, writes = batch.len(), "a write batch did not commit");
        }
        if !conn.is_autocommit() {
            // The commit failed (or was not tried) and left the transaction open: end it,
            // so the next batch starts clean.
            let _ = control(&mut conn, "ROLLBACK");
        }
        metrics::histogram!("db_group_commit_seconds").record(started.elapsed().as_secs_f64());
        for write in batch {
            write.answer(outcome.clone().map_err(DbError::NotCommitted));
        }
        if let Some(restart) = restart.take() {
            checkpoint::finish_on_writer(&conn, restart);
        }
    }
}

/// One batch in one transaction, committed; the error (in words) when it did not commit.
/// Runs each write once; when one fails half-way, starts the transaction again and runs
/// the writes before it again, now each in a savepoint, as are the rest (the module's doc).
fn run_batch(conn: &mut rusqlite::Connection, batch: &mut [Box<dyn Write>]) -> Result<(), String> {
    let failed = |what: &str, error: DbError| format!("{what}: {error}");
    control(conn, "BEGIN IMMEDIATE").map_err(|e| failed("cannot begin a write transaction", e))?;
    let mut each_in_savepoint = false;
    for at in 0..batch.len() {
        // SQLite rolls a transaction back by itself on some errors (a full disk, say).
        if conn.is_autocommit() {
            return Err(LOST.to_string());
        }
        if each_in_savepoint {
            run_in_savepoint(conn, &mut *batch[at]).map_err(|e| failed("a savepoint failed", e))?;
            continue;
        }
        if batch[at].run(conn) == Ran::FailedHalfWay {
            if conn.is_autocommit() {
                return Err(LOST.to_string());
            }
            tracing::warn!(
                writes = batch.len(),
                at,
                "a write failed after changing something: its batch starts again without it"
            );
            metrics::counter!("db_write_batches_restarted_total").increment(1);
            control(conn, "ROLLBACK")
                .and_then(|()| control(conn, "BEGIN IMMEDIATE"))
                .map_err(|e| failed("cannot start the batch again", e))?;
            each_in_savepoint = true;
            for earlier in &mut batch[..at] {
                run_in_savepoint(conn, &mut **earlier)
                    .map_err(|e| failed("a savepoint failed", e))?;
            }
        }
    }
    if conn.is_autocommit() {
        return Err(LOST.to_string());
    }
    control(conn, "COMMIT").map_err(|e| e.to_string())
}

/// Why a batch whose transaction SQLite ended by itself did not commit.
const LOST: &str = "the batch's transaction was lost; nothing in it was written";

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

    /// What a write in [`one_batch`] does.
    #[derive(Clone, Copy)]
    enum Does {
        /// Inserts its number.
        Insert,
        /// Refuses before writing anything.
        Refuse,
        /// Inserts its number, then fails.
        FailAfterInsert,
        /// Inserts its number, then panics.
        PanicAfterInsert,
        /// Deletes `0` through a query (`DELETE … RETURNING`), then fails.
        FailAfterDeleting,
        /// Creates a table (no rows changed), then fails.
        FailAfterCreatingATable,
    }

    /// A write's answer: the batch's error, or its own outcome.
    type Answer = Result<Result<i64, DbError>, DbError>;

    /// Runs one batch of writes `0..`, each doing what `plan` says, straight through
    /// [`run_batch`]; returns each write's answer and how many times it ran.
    fn one_batch(plan: &[Does]) -> (Vec<Answer>, Vec<usize>) {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER PRIMARY KEY)")
            .unwrap();
        let runs: Vec<_> = plan
            .iter()
            .map(|_| std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0)))
            .collect();
        let mut answers = Vec::new();
        let mut batch: Vec<Box<dyn Write>> = Vec::new();
        for (x, (&does, runs)) in plan.iter().zip(&runs).enumerate() {
            let runs = runs.clone();
            let (answer, answered) = tokio::sync::oneshot::channel();
            answers.push(answered);
            batch.push(Box::new(Queued {
                work: move |db: &mut dyn Conn| {
                    runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let x = x as i64;
                    let failed = Err(DbError::Decode(format!("{x} failed")));
                    match does {
                        Does::Insert => insert(db, x).map(|()| x),
                        Does::Refuse => failed,
                        Does::FailAfterInsert => insert(db, x).and(failed),
                        Does::PanicAfterInsert => {
                            insert(db, x)?;
                            panic!("write {x} panics")
                        }
                        Does::FailAfterDeleting => {
                            db.query("DELETE FROM t WHERE x = 0 RETURNING x", &[], |row| {
                                row.int(0)
                            })?;
                            failed
                        }
                        Does::FailAfterCreatingATable => {
                            db.execute(&format!("CREATE TABLE t{x} (y)"), &[])?;
                            failed
                        }
                    }
                },
                outcome: Err(DbError::NotRun),
                answer,
            }));
        }
        let outcome = run_batch(&mut conn, &mut batch);
        assert!(outcome.is_ok(), "the batch commits: {outcome:?}");
        let tables: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_schema", [], |row| row.get(0))
            .unwrap();
        assert_eq!(tables, 1, "no table created by a failed write stays");
        for write in batch {
            write.answer(Ok(()));
        }
        let kept: Vec<i64> = conn
            .prepare("SELECT x FROM t ORDER BY x")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let answers: Vec<_> = answers
            .into_iter()
            .map(|mut answered| answered.try_recv().unwrap())
            .collect();
        let succeeded: Vec<i64> = answers
            .iter()
            .filter_map(|answer| answer.as_ref().ok()?.as_ref().ok().copied())
            .collect();
        assert_eq!(
            kept, succeeded,
            "the table holds exactly the writes answered Ok"
        );
        let runs = runs
            .iter()
            .map(|r| r.load(std::sync::atomic::Ordering::Relaxed));
        (answers, runs.collect())
    }

    #[test]
    fn writes_that_succeed_or_refuse_before_writing_run_once() {
        use Does::*;
        let (answers, runs) = one_batch(&[Insert, Refuse, Insert, Refuse, Insert]);
        assert_eq!(runs, [1, 1, 1, 1, 1]);
        let ok: Vec<bool> = answers.iter().map(|a| matches!(a, Ok(Ok(_)))).collect();
        assert_eq!(ok, [true, false, true, false, true]);
    }

    #[test]
    fn a_write_failing_half_way_is_undone_alone_and_the_writes_before_it_run_again() {
        use Does::*;
        let plan = [
            Insert,
            Refuse,
            Insert,
            FailAfterInsert,
            Insert,
            PanicAfterInsert,
            Insert,
        ];
        let (answers, runs) = one_batch(&plan);
        // 0 to 2 ran before 3 failed half-way, and again after; 3 is not run again; from
        // then on each write runs once (in a savepoint), 5's panic undone alone.
        assert_eq!(runs, [2, 2, 2, 1, 1, 1, 1]);
        let ok: Vec<bool> = answers.iter().map(|a| matches!(a, Ok(Ok(_)))).collect();
        assert_eq!(ok, [true, false, true, false, true, false, true]);
        assert!(
            matches!(answers[5], Err(DbError::Panicked)),
            "a panic is answered as one: {:?}",
            answers[5]
        );
    }

    #[test]
    fn changes_made_through_a_query_or_to_the_schema_count_as_half_way() {
        use Does::*;
        for fails in [FailAfterDeleting, FailAfterCreatingATable] {
            let (answers, runs) = one_batch(&[Insert, fails, Insert]);
            assert_eq!(runs, [2, 1, 1], "undone by running the batch again");
            let ok: Vec<bool> = answers.iter().map(|a| matches!(a, Ok(Ok(_)))).collect();
            assert_eq!(ok, [true, false, true]);
        }
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
