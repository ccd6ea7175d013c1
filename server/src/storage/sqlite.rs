//! The SQLite engine: one process owns the database file. Reads run on a pool of read-only
//! connections; every write goes to the group-commit thread (`group_commit.rs`), the one
//! writer, which is also what serialises a room's changes. WAL mode; `synchronous=NORMAL`
//! survives a process crash, `FULL` (power-loss durability) also survives losing the
//! machine. WAL checkpoints run on a thread of their own (`checkpoint.rs`).

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::OpenFlags;

use super::Durability;
use super::checkpoint::{Checkpointer, RESTART_FRAMES, RestartRequest};
use super::db::{Conn, DbError};
use super::group_commit::GroupCommit;
use super::read_threads::ReadThreads;
use super::token_cache::TokenCache;

/// Read-only connections for the small reads, one per read thread: reads of different
/// requests run side by side.
const READERS: u32 = 4;

/// Read-only connections for reads as large as a room, one per thread of those.
const BULK_READERS: u32 = super::BULK_READ_THREADS as u32;

pub struct Sqlite {
    read_pool: ReadPool,
    /// The threads the small reads run on, one per connection of `read_pool`.
    read_threads: ReadThreads,
    bulk_read_pool: ReadPool,
    pub changes: GroupCommit,
    pub tokens: TokenCache,
    _checkpointer: Checkpointer,
}

/// Caps the database at `max_bytes` (SQLite's `max_page_count`, in pages of the database's
/// size); `None` lifts the cap. Only the writer's connection grows the file.
pub fn limit_size(db: &mut dyn Conn, max_bytes: Option<u64>) -> Result<(), DbError> {
    let page_size = db
        .query_one("PRAGMA page_size", &[], |row| row.int(0))?
        .max(512) as u64;
    let pages = max_bytes.map_or(u32::MAX as u64 - 1, |bytes| (bytes / page_size).max(1));
    db.query_one(&format!("PRAGMA max_page_count = {pages}"), &[], |row| {
        row.int(0)
    })?;
    Ok(())
}

/// How much of the database file (its first GiB) the bulk reader maps: a page it reads is
/// the kernel's page cache itself, not a copy into the connection's cache; a 100,000-member
/// room's `/members` walks tens of megabytes. Address space, not memory: only the pages read
/// are resident, counted once in the process's RSS. Pages still in the write-ahead log are
/// read by copy. The price of a mapping: a read error of the disk under it (or the file cut
/// short by another program) ends the process with SIGBUS instead of failing one read.
const BULK_READ_MAPPING_BYTES: i64 = 1 << 30;

/// A pool of `size` read-only connections to `path`, each mapping `mapping_bytes` of it.
fn read_pool(
    path: &Path,
    durability: Durability,
    size: u32,
    mapping_bytes: i64,
) -> anyhow::Result<ReadPool> {
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .build(
            SqliteConnectionManager::file(path)
                .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .with_init(move |conn| {
                    configure(conn, durability)?;
                    conn.pragma_update(None, "mmap_size", mapping_bytes)
                }),
        )
        .with_context(|| format!("cannot open {} for reading", path.display()))
}

/// How long a connection waits for a lock another holds (another process's, at start).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How many prepared statements each connection keeps.
const STATEMENT_CACHE: usize = 64;

/// The WAL file is cut back to this size whenever the WAL starts again, so that a burst
/// that once made it long does not keep the disk space.
const WAL_FILE_LIMIT_BYTES: i64 = 128 << 20;

/// The settings every connection of ours gets.
fn configure(conn: &rusqlite::Connection, durability: Durability) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Every statement the server runs stays prepared: there are about fifty texts, and
    // with the default 16 a connection serving all kinds of requests parses them again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(
        None,
        "synchronous",
        match durability {
            Durability::ProcessCrash => "NORMAL",
            Durability::PowerLoss => "FULL",
        },
    )?;
    // Checkpoints are the checkpoint thread's job (see checkpoint.rs).
    conn.pragma_update(None, "wal_autocheckpoint", 0)
}

impl Sqlite {
    /// Opens (creating if needed) the database file at `path` and migrates it; answers for
    /// remembered tokens are trusted for `token_lifetime`.
    pub fn open(
        path: &Path,
        durability: Durability,
        max_bytes: Option<u64>,
        token_lifetime: Duration,
    ) -> anyhow::Result<Sqlite> {
        let path = path.to_path_buf();
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            if parent.exists() && !parent.is_dir() {
                anyhow::bail!(
                    "cannot open the SQLite database {}: {} is a file, not a folder",
                    path.display(),
                    parent.display()
                );
            }
            std::fs::create_dir_all(parent).with_context(|| {
                format!(
                    "cannot create the folder {} for the database",
                    parent.display()
                )
            })?;
        }
        if path.is_dir() {
            anyhow::bail!(
                "cannot open the SQLite database {}: it is a folder",
                path.display()
            );
        }
        // SQLite's own message ("unable to open database file") says neither which file
        // nor why: a plain open of the file says both.
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the SQLite database {}", path.display()))?;
        let mut writer = rusqlite::Connection::open(&path)
            .with_context(|| format!("cannot open the SQLite database {}", path.display()))?;
        writer
            .pragma_update(None, "journal_mode", "WAL")
            .with_context(|| format!("cannot use the SQLite database {}", path.display()))?;
        configure(&writer, durability)?;
        writer.pragma_update(None, "journal_size_limit", WAL_FILE_LIMIT_BYTES)?;
        super::migrate::run(&mut writer)
            .with_context(|| format!("cannot migrate the database {}", path.display()))?;
        limit_size(&mut writer, max_bytes)?;
        // A savepoint's journal (the pages as they were before the write: a write runs in
        // one once a write of its batch has failed half-way, `group_commit.rs`) SQLite
        // would otherwise move to a new temporary file, created and deleted, once it passes
        // 64 KiB — as a page split in a large index does. In memory, it is at most the
        // pages one write changes. Only after the migrations: with temporary
        // storage in memory, SQLite's sorter never spills, and building an index over every
        // event would hold the whole sort in memory.
        writer.pragma_update(None, "temp_store", "MEMORY")?;
        if let Some(costly) = costly_build_options(&mut writer)? {
            tracing::warn!(
                "SQLite was built {costly}: every connection takes a process-wide lock on \
                 each allocation or page fetch. Build from the repository's directory, where \
                 .cargo/config.toml sets LIBSQLITE3_FLAGS (an existing LIBSQLITE3_FLAGS in \
                 the environment replaces it)."
            );
        }
        let small_reads = read_pool(&path, durability, READERS, 0)?;
        let bulk_reads = read_pool(&path, durability, BULK_READERS, BULK_READ_MAPPING_BYTES)?;
        let restart = RestartRequest::new(RESTART_FRAMES);
        let checkpointer = Checkpointer::start(&path, restart.clone())?;
        Ok(Sqlite {
            read_pool: small_reads,
            read_threads: ReadThreads::start("sqlite-read", READERS as usize)?,
            bulk_read_pool: bulk_reads,
            changes: GroupCommit::start(writer, restart)?,
            tokens: TokenCache::new(token_lifetime),
            _checkpointer: checkpointer,
        })
    }

    /// How many read connections the pool holds, and how many of them are idle.
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.read_pool.state();
        (state.connections, state.idle_connections)
    }

    /// Runs `work` on a read-only connection, on one of the read threads.
    pub async fn read<T, E>(
        &self,
        work: impl FnOnce(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let pool = self.read_pool.clone();
        self.read_threads.run(move || read_on(&pool, work)).await?
    }

    /// The read-only connections of the large reads' thread (`read_threads.rs`), which run
    /// `read_on` themselves.
    pub fn bulk_read_pool(&self) -> ReadPool {
        self.bulk_read_pool.clone()
    }
}

/// The options the linked SQLite was built with that make every connection take a
/// process-wide lock (`None`: neither). `.cargo/config.toml` turns both off through
/// `LIBSQLITE3_FLAGS`, which a build outside the repository's directory, or with that
/// variable already set, loses.
fn costly_build_options(conn: &mut dyn Conn) -> Result<Option<String>, DbError> {
    let options = conn.query("PRAGMA compile_options", &[], |row| row.string(0))?;
    let mut costly = Vec::new();
    if !options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0") {
        costly.push("with memory statistics (a global mutex on every allocation)");
    }
    if options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT") {
        costly.push("with memory management (one page cache group under one mutex)");
    }
    Ok((!costly.is_empty()).then(|| costly.join(" and ")))
}

pub type ReadPool = r2d2::Pool<SqliteConnectionManager>;

/// Runs `work` on a read-only connection of `pool`, on the calling thread.
pub fn read_on<T, E>(
    pool: &ReadPool,
    work: impl FnOnce(&mut dyn Conn) -> Result<T, E>,
) -> Result<Result<T, E>, DbError> {
    let mut conn = pool.get()?;
    Ok(work(&mut *conn))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::{Durability, Sqlite};
    use crate::storage::db::Conn;

    /// A burst of small reads (the tokens of many clients expiring from the cache together)
    /// queues for the read threads and starts no thread: tokio's blocking pool, which these
    /// reads used to run on, started a thread for each read that found every thread busy.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_burst_of_reads_starts_no_thread() {
        const NAME: &str = "burst-of-reads"; // Linux keeps 15 bytes of a thread's name
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name(NAME)
            .enable_all()
            .build()
            .expect("a runtime");
        let named = || {
            std::fs::read_dir("/proc/self/task")
                .expect("this process's threads")
                .filter_map(Result::ok)
                .filter(|task| {
                    std::fs::read_to_string(task.path().join("comm"))
                        .is_ok_and(|comm| comm.trim_end() == NAME)
                })
                .count()
        };
        let dir = tempfile::tempdir().expect("a folder");
        let db = Sqlite::open(
            &dir.path().join("t.db"),
            Durability::ProcessCrash,
            None,
            Duration::ZERO,
        )
        .expect("a database");
        let db = Arc::new(db);
        runtime.block_on(async {
            let before = named();
            let mut reads = tokio::task::JoinSet::new();
            for _ in 0..64 {
                let db = db.clone();
                reads.spawn(async move {
                    db.read(|conn: &mut dyn Conn| {
                        // Long enough that the reads overlap.
                        std::thread::sleep(Duration::from_millis(5));
                        conn.query_one("SELECT 1", &[], |row| row.int(0))
                    })
                    .await
                });
            }
            while let Some(read) = reads.join_next().await {
                let answer = read.expect("the read's task").expect("run").expect("read");
                assert_eq!(answer, 1);
            }
            assert_eq!(named(), before, "threads were started for the reads");
        });
    }

    /// The build options `.cargo/config.toml` gives the bundled SQLite reach the library
    /// this crate links; the server warns at start when they did not.
    #[test]
    fn built_without_process_wide_memory_locks() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("an in-memory database");
        let costly = super::costly_build_options(&mut conn).expect("the pragma runs");
        assert_eq!(costly, None);
    }
}
