//! Storage: the narrow boundary between the handlers and the database.
//!
//! Everything the server keeps goes through [`Store`]: users and hashed tokens, rooms as an
//! append-only event log with a current-state table, aliases. Storage stores: what an event
//! means and who may do what is decided by `crate::rules`.
//!
//! Two engines sit behind it: SQLite (the embedded default, one process) and PostgreSQL
//! (several processes sharing one database). Every operation is a synchronous function over a
//! [`db::Conn`], written once for both, and runs on a database thread through
//! [`Store::read`] or [`Store::write`]:
//! - SQLite: reads on threads of their own, each with a read-only connection
//!   (`read_threads.rs`); every write on the group-commit
//!   thread (`group_commit.rs`), which runs writes back to back and commits them together,
//!   answering each only after its batch's commit.
//! - PostgreSQL: a pool of connections; each write is one transaction.
//!
//! A membership change is read, decided and written in one write, under the room's lock
//! (SQLite: the single writer; PostgreSQL: a row lock on the room's `m.room.create` state
//! row, `rooms::lock_room`), so a room's changes are serialised across every process.

mod accounts;
mod admin;
mod aliases;
mod checkpoint;
pub mod db;
mod group_commit;
mod migrate;
mod postgres;
mod read_threads;
mod rooms;
mod sqlite;
mod token_cache;

pub use admin::{Member, RoomSummary, UserSummary};
pub use aliases::PutAlias;
pub use rooms::{FullRead, MembershipHistory, StoredEvent};

use anyhow::Context;

use crate::config::Config;
use crate::error::InternalError;
use db::{Conn, DbError, params};

/// What a commit must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Durability {
    /// A crash of the server process (`kill -9`): the default.
    #[default]
    ProcessCrash,
    /// Power loss: every commit is fsynced.
    PowerLoss,
}

/// The database behind the server.
pub struct Store {
    engine: Engine,
    server_name: String,
    /// Which database this is, fit for a message (no password).
    database: String,
    /// Whether opening it created it (SQLite: the file did not exist).
    created: bool,
    /// The thread of reads that grow with a room ([`Store::read_bulk`]).
    bulk: read_threads::ReadThreads,
}

/// Threads for large reads (on SQLite, each with a read-only connection of its own): one,
/// so that however many clients ask, they take at most one core.
pub(crate) const BULK_READ_THREADS: usize = 1;

enum Engine {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// What `database_url` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    /// An SQLite file, as an absolute path.
    Sqlite(std::path::PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl DatabaseLocation {
    /// Reads `sqlite://PATH` (a relative path is taken from the current folder) or
    /// `postgres://…`.
    pub fn parse(url: &str) -> anyhow::Result<DatabaseLocation> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or(url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                anyhow::bail!("the database URL `{url}` names no file: use sqlite://PATH");
            }
            let path = std::path::absolute(path)
                .with_context(|| format!("cannot resolve the database path {path}"))?;
            Ok(DatabaseLocation::Sqlite(path))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DatabaseLocation::Postgres(url.to_string()))
        } else {
            anyhow::bail!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://USER@HOST/DATABASE",
                redact_password(url)
            )
        }
    }

    /// The engine's name.
    pub fn engine(&self) -> &'static str {
        match self {
            DatabaseLocation::Sqlite(_) => "SQLite",
            DatabaseLocation::Postgres(_) => "PostgreSQL",
        }
    }
}

impl std::fmt::Display for DatabaseLocation {
    /// The path, or the URL with its password masked.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseLocation::Sqlite(path) => write!(f, "{}", path.display()),
            DatabaseLocation::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// Whether opening may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create (and migrate) it when missing: `serve`, `user add`.
    IfMissing,
    /// Refuse a missing SQLite file: commands that only read or change what exists.
    No,
}

impl Store {
    /// Opens the database of `config.database_url` (`sqlite://PATH` or `postgres://...`),
    /// creating and migrating it as needed, and checks it belongs to `config.server_name`.
    pub async fn open(config: &Config) -> anyhow::Result<Store> {
        Store::open_with(config, Create::IfMissing).await
    }

    /// [`Store::open`], refusing a missing SQLite file unless `create` allows it.
    pub async fn open_with(config: &Config, create: Create) -> anyhow::Result<Store> {
        let location = DatabaseLocation::parse(&config.database_url)?;
        let durability = config.durability;
        let max_bytes = config.sqlite_max_bytes;
        let connections = config.database_connections;
        let token_lifetime = std::time::Duration::from_secs_f64(config.token_cache_seconds);
        let database = format!("{} database {location}", location.engine());
        let created = match &location {
            DatabaseLocation::Sqlite(path) => !path.exists(),
            DatabaseLocation::Postgres(_) => false,
        };
        if created && create == Create::No {
            anyhow::bail!(
                "there is no database at {location} (give the server's --database-url or \
                 HOMESERVER_DATABASE_URL, or run this where the server runs)"
            );
        }
        // Opening connects and migrates: blocking work, kept off the async workers.
        let engine = tokio::task::spawn_blocking(move || -> anyhow::Result<Engine> {
            match &location {
                DatabaseLocation::Sqlite(path) => Ok(Engine::Sqlite(sqlite::Sqlite::open(
                    path,
                    durability,
                    max_bytes,
                    token_lifetime,
                )?)),
                DatabaseLocation::Postgres(url) => Ok(Engine::Postgres(postgres::Postgres::open(
                    url,
                    connections,
                )?)),
            }
        })
        .await??;
        let store = Store {
            engine,
            server_name: config.server_name.clone(),
            database,
            created,
            bulk: read_threads::ReadThreads::start("bulk-read", BULK_READ_THREADS)?,
        };
        store.claim_server_name().await?;
        Ok(store)
    }

    /// Which database this is, fit for a message: `SQLite database /path` or `PostgreSQL
    /// database postgres://user:***@host/db`.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// Whether opening created the database (a new, empty SQLite file).
    pub fn created(&self) -> bool {
        self.created
    }

    /// Records the server name in a database that has none yet (taken from its accounts if
    /// it has some, from the configuration if not), and refuses to serve another: every
    /// stored ID ends in the name, so under another one no login would ever match.
    async fn claim_server_name(&self) -> anyhow::Result<()> {
        let name = self.server_name.clone();
        let recorded = self
            .write(move |db: &mut dyn Conn| -> Result<String, DbError> {
                if let Some(recorded) = db.query_opt(
                    "SELECT value FROM server_settings WHERE name = 'server_name'",
                    &[],
                    |row| row.string(0),
                )? {
                    return Ok(recorded);
                }
                // A database from before the name was recorded: its users say whose it is.
                let from_users = db
                    .query_opt(
                        "SELECT user_id FROM users ORDER BY created_ts LIMIT 1",
                        &[],
                        |row| row.string(0),
                    )?
                    .and_then(|user| user.split_once(':').map(|(_, domain)| domain.to_string()));
                // Two processes starting together on a new database: the first insert wins,
                // and both read back what it recorded.
                db.execute(
                    "INSERT INTO server_settings (name, value) VALUES ('server_name', $1) ON CONFLICT DO NOTHING",
                    params![from_users.as_deref().unwrap_or(&name)],
                )?;
                db.query_one(
                    "SELECT value FROM server_settings WHERE name = 'server_name'",
                    &[],
                    |row| row.string(0),
                )
            })
            .await
            .map_err(|e| anyhow::Error::new(e).context(format!("cannot read {}", self.database)))?;
        if recorded != self.server_name {
            anyhow::bail!(
                "the {} belongs to the server name `{recorded}`, not `{}`: every user ID, room ID \
                 and alias stored in it ends in :{recorded}, so under another name no login or \
                 room would match. Start with --server-name {recorded}, or give another \
                 --database-url for a new server.",
                self.database,
                self.server_name
            );
        }
        Ok(())
    }

    pub fn server_name(&self) -> &str {
        &self.server_name
    }

    /// Runs `work` on a read connection, off the async workers.
    pub async fn read<T, E>(
        &self,
        work: impl FnOnce(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let outcome = match &self.engine {
            Engine::Sqlite(db) => db.read(work).await,
            Engine::Postgres(db) => db.run(work).await,
        };
        outcome.unwrap_or_else(|error| Err(E::from(error)))
    }

    /// Runs `work` on a read connection on the thread of large reads (`read_threads.rs`):
    /// for reads that grow with a room, so that they wait for each other, not the other
    /// requests.
    pub async fn read_bulk<T, E>(
        &self,
        work: impl FnOnce(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let outcome = match &self.engine {
            Engine::Sqlite(db) => {
                let pool = db.bulk_read_pool();
                self.bulk.run(move || sqlite::read_on(&pool, work)).await
            }
            Engine::Postgres(db) => match db.connections() {
                Some(pool) => self.bulk.run(move || postgres::run_on(&pool, work)).await,
                None => Err(DbError::NotRun),
            },
        };
        outcome
            .and_then(|read| read)
            .unwrap_or_else(|error| Err(E::from(error)))
    }

    /// Runs `work` in a write transaction and answers once it is committed. When `work`
    /// fails, nothing it wrote stays. `work` may run more than once (on SQLite, when a
    /// write batched before it fails half-way: `group_commit.rs`), so it does nothing but
    /// read and write through `db`; only its last run counts.
    pub async fn write<T, E>(
        &self,
        work: impl FnMut(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let outcome = match &self.engine {
            Engine::Sqlite(db) => db.changes.run(work).await,
            Engine::Postgres(db) => db.run(work).await,
        };
        outcome.unwrap_or_else(|error| Err(E::from(error)))
    }
}

impl Store {
    /// SQLite: the largest the database may grow from now on (`None`: no limit). The
    /// setting `sqlite_max_bytes` sets it at start; tests set it at run time to make a
    /// disk "full" and then free it.
    pub async fn limit_sqlite_size(&self, max_bytes: Option<u64>) -> Result<(), InternalError> {
        match &self.engine {
            Engine::Sqlite(db) => Ok(db
                .changes
                .run(move |db| sqlite::limit_size(db, max_bytes))
                .await??),
            Engine::Postgres(_) => Ok(()),
        }
    }
}

/// A database URL fit for a message: any password replaced by `***`.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl From<DbError> for InternalError {
    fn from(error: DbError) -> Self {
        InternalError(error.into())
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_password("postgres://hs:s3cret@db.example/hs"),
            "postgres://hs:***@db.example/hs"
        );
        assert_eq!(
            redact_password("postgres://hs@db.example/hs"),
            "postgres://hs@db.example/hs"
        );
        assert_eq!(redact_password("mysql://x"), "mysql://x");
    }
}
