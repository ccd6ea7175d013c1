//! The SQLite engine: a pool of readers and two write connections. Membership changes, the
//! hot path, go to the group-commit thread (`group_commit.rs`), which runs them one after
//! another and commits them in batches; the rarer writes (users, tokens, aliases, new rooms)
//! use an sqlx connection behind an async mutex. Both begin with `BEGIN IMMEDIATE`, so they
//! queue for SQLite's one write lock instead of failing on it. WAL mode; `synchronous=NORMAL`
//! survives a process crash, `FULL` (power-loss durability) also survives losing the machine.
//! WAL checkpoints run on a thread of their own (`checkpoint.rs`).
//!
//! One process only: these writers are what serialise a room's changes.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{Mutex, MutexGuard};

use super::Durability;
use super::checkpoint::Checkpointer;
use super::group_commit::GroupCommit;
use super::token_cache::TokenCache;

pub struct Sqlite {
    pub read: SqlitePool,
    write: Mutex<SqliteConnection>,
    pub changes: GroupCommit,
    pub tokens: TokenCache,
    _checkpointer: Checkpointer,
}

impl Sqlite {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH`) and migrates it.
    pub async fn open(url: &str, durability: Durability) -> anyhow::Result<Sqlite> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid database URL `{url}`"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match durability {
                Durability::ProcessCrash => SqliteSynchronous::Normal,
                Durability::PowerLoss => SqliteSynchronous::Full,
            })
            .busy_timeout(Duration::from_secs(10))
            // Checkpoints are the checkpoint thread's job (see checkpoint.rs).
            .pragma("wal_autocheckpoint", "0")
            .foreign_keys(true);
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut write = SqliteConnection::connect_with(&options)
            .await
            .context("cannot open the database")?;
        sqlx::migrate!("migrations/sqlite")
            .run(&mut write)
            .await
            .context("cannot migrate the database")?;
        let changes = GroupCommit::start(options.get_filename(), durability)?;
        let checkpointer = Checkpointer::start(options.get_filename())?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .context("cannot open the database for reading")?;
        Ok(Sqlite {
            read,
            write: Mutex::new(write),
            changes,
            tokens: TokenCache::default(),
            _checkpointer: checkpointer,
        })
    }

    /// The writer connection, held until the guard drops.
    pub async fn writer(&self) -> MutexGuard<'_, SqliteConnection> {
        self.write.lock().await
    }
}
