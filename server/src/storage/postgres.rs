//! The PostgreSQL engine: a pool of connections shared by every request of this process,
//! and one database shared by as many processes as point at it.
//!
//! Nothing here holds state across requests: a room's changes are serialised by a row lock
//! taken inside each membership transaction (`rooms::lock_room`), so any number of
//! processes may write. Every piece of work is one transaction on a blocking thread: a
//! connection that failed mid-transaction is rolled back (or, if it broke, dropped by the
//! pool), so the next one starts clean. Durability is the database server's own
//! (`synchronous_commit`, on by default: a commit survives power loss), whatever the
//! `durability` setting says.
//!
//! Each pooled connection keeps the statements it has prepared, by SQL text: a statement is
//! parsed once per connection rather than on every use. Preparing is a round trip of its
//! own, and a membership change runs its statements while holding the room's lock, so every
//! round trip saved there is time other writers to the room do not wait. The SQL texts are
//! the server's own, a fixed set, so the cache stays small.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::postgres::{Config, NoTls, Statement};

use super::db::{Conn, DbError, EngineKind, Param, Row};
use super::redact_password;

pub struct Postgres {
    /// Always `Some` until dropped.
    pool: Option<Pool>,
}

impl Drop for Postgres {
    /// A synchronous connection closes by blocking on its own runtime, which must not happen
    /// on an async worker (where the store is usually dropped): the pool is closed on a
    /// thread of its own.
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::Builder::new()
                .name("postgres-close".into())
                .spawn(move || drop(pool));
        }
    }
}

impl Postgres {
    /// Connects to the database at `url` with up to `connections` connections and migrates
    /// it (under an advisory lock, so processes starting together migrate once).
    pub fn open(url: &str, connections: u32) -> anyhow::Result<Postgres> {
        let shown = redact_password(url);
        let mut config =
            Config::from_str(url).with_context(|| format!("invalid database URL `{shown}`"))?;
        config
            .application_name("matrix-membership-homeserver")
            .connect_timeout(Duration::from_secs(10));
        let unreachable = |config: &Config, error: postgres::Error| -> anyhow::Error {
            match refused_address(config, &error) {
                Some(address) => anyhow::anyhow!(
                    "connection refused to {address}: is PostgreSQL running and listening there? \
                     (database {shown})"
                ),
                None => anyhow::Error::new(error).context(format!("cannot connect to {shown}")),
            }
        };
        // One connection first, so that a database that cannot be reached says why at once.
        let mut first = config
            .connect(NoTls)
            .map_err(|error| unreachable(&config, error))?;
        super::migrate::run_postgres(&mut first)
            .with_context(|| format!("cannot migrate the database {shown}"))?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(connections.max(1))
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .build(Manager(PostgresConnectionManager::new(config, NoTls)))
            .with_context(|| format!("cannot connect to {shown}"))?;
        Ok(Postgres { pool: Some(pool) })
    }

    /// How many connections the pool holds, and how many of them are idle.
    pub fn pool_state(&self) -> (u32, u32) {
        self.pool.as_ref().map_or((0, 0), |pool| {
            let state = pool.state();
            (state.connections, state.idle_connections)
        })
    }

    /// Runs `work` in one transaction on a pooled connection, on a blocking thread: commits
    /// when it succeeds, rolls back when it fails.
    pub async fn run<T, E>(
        &self,
        work: impl FnOnce(&mut dyn Conn) -> Result<T, E> + Send + 'static,
    ) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let Some(pool) = self.pool.clone() else {
            return Err(DbError::NotRun);
        };
        tokio::task::spawn_blocking(move || run_on(&pool, work))
            .await
            .unwrap_or_else(|_| Err(DbError::Panicked))
    }

    /// The pool, for a thread that runs `run_on` itself (`None` once closing).
    pub fn connections(&self) -> Option<Pool> {
        self.pool.clone()
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// Makes the pool's connections: the client, and its prepared statements (none yet).
pub struct Manager(PostgresConnectionManager<NoTls>);

/// A pooled connection and the statements prepared on it, by SQL text.
pub struct Connection {
    client: postgres::Client,
    statements: HashMap<String, Statement>,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Connection;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Connection, postgres::Error> {
        Ok(Connection {
            client: self.0.connect()?,
            statements: HashMap::new(),
        })
    }

    fn is_valid(&self, connection: &mut Connection) -> Result<(), postgres::Error> {
        self.0.is_valid(&mut connection.client)
    }

    fn has_broken(&self, connection: &mut Connection) -> bool {
        self.0.has_broken(&mut connection.client)
    }
}

/// One transaction on a pooled connection, preparing each statement through the
/// connection's cache. (A statement prepared by the protocol, as these are, outlives the
/// transaction that prepared it, whether that transaction commits or rolls back.)
struct CachedTransaction<'a> {
    transaction: postgres::Transaction<'a>,
    statements: &'a mut HashMap<String, Statement>,
}

impl CachedTransaction<'_> {
    fn prepared(&mut self, sql: &str) -> Result<Statement, DbError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.transaction.prepare(sql)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// `params` as the client takes them.
fn sql_params<'a>(params: &'a [Param<'a>]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

impl Conn for CachedTransaction<'_> {
    fn engine(&self) -> EngineKind {
        EngineKind::Postgres
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<(), DbError>,
    ) -> Result<(), DbError> {
        let statement = self.prepared(sql)?;
        let mut rows = self.transaction.query_raw(&statement, sql_params(params))?;
        while let Some(row) = postgres::fallible_iterator::FallibleIterator::next(&mut rows)? {
            each(&Row::Postgres(&row))?;
        }
        Ok(())
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        let statement = self.prepared(sql)?;
        Ok(self.transaction.execute(&statement, &sql_params(params))?)
    }

    fn insert_returning_key(
        &mut self,
        insert: &str,
        key: &'static str,
        params: &[Param<'_>],
    ) -> Result<i64, DbError> {
        let sql = format!("{insert} RETURNING {key}");
        match (self as &mut dyn Conn).query(&sql, params, |row| row.int(0))?[..] {
            [assigned] => Ok(assigned),
            ref keys => Err(DbError::Decode(format!(
                "`{}` inserted {} rows, not one",
                super::db::first_line(insert),
                keys.len()
            ))),
        }
    }
}

/// Runs `work` in one transaction on a connection of `pool`, on the calling thread: commits
/// when it succeeds, rolls back when it fails.
pub fn run_on<T, E>(
    pool: &Pool,
    work: impl FnOnce(&mut dyn Conn) -> Result<T, E>,
) -> Result<Result<T, E>, DbError> {
    let mut connection = pool.get()?;
    let Connection { client, statements } = &mut *connection;
    let mut db = CachedTransaction {
        transaction: client.transaction()?,
        statements,
    };
    match work(&mut db) {
        Ok(value) => {
            db.transaction.commit()?;
            Ok(Ok(value))
        }
        Err(refusal) => {
            db.transaction.rollback()?;
            Ok(Err(refusal))
        }
    }
}

/// `HOST:PORT` when connecting failed because nothing listens there.
fn refused_address(config: &Config, error: &postgres::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            let host = match config.get_hosts().first() {
                Some(postgres::config::Host::Tcp(host)) => host.clone(),
                #[cfg(unix)]
                Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
                None => "localhost".to_string(),
            };
            let port = config.get_ports().first().copied().unwrap_or(5432);
            return Some(format!("{host}:{port}"));
        }
        source = cause.source();
    }
    None
}
