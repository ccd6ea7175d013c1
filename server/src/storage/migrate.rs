//! Schema migrations: `migrations/<engine>/NNNN_name.sql`, each applied once, in order, in a
//! transaction of its own, and recorded in `schema_migrations`. Databases made before this
//! runner (by sqlx's migrator) have their applied versions taken from `_sqlx_migrations`.

use super::db::DbError;
use super::now_ms;

/// One migration: its version, name and SQL, per engine (the same tables in each engine's
/// types).
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

macro_rules! migrations {
    ($engine:literal: $($version:literal $name:literal),* $(,)?) => {
        &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../../migrations/", $engine, "/000", $version, "_", $name, ".sql")),
        }),*]
    };
}

const SQLITE: &[Migration] = migrations!("sqlite": 1 "init", 2 "history");
const POSTGRES: &[Migration] = migrations!("postgres": 1 "init", 2 "history");

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_ts BIGINT NOT NULL
)";

/// Brings an SQLite database up to date.
pub fn run(conn: &mut rusqlite::Connection) -> Result<(), DbError> {
    conn.execute_batch(CREATE_TABLE)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let sqlx_table: bool = tx.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        [],
        |row| row.get(0),
    )?;
    if sqlx_table {
        tx.execute_batch(
            "INSERT OR IGNORE INTO schema_migrations (version, name, applied_ts)
             SELECT version, description, 0 FROM _sqlx_migrations WHERE success",
        )?;
    }
    for migration in SQLITE {
        let applied: bool = tx.query_row(
            "SELECT COUNT(*) > 0 FROM schema_migrations WHERE version = ?1",
            [migration.version],
            |row| row.get(0),
        )?;
        if !applied {
            tx.execute_batch(migration.sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_ts) VALUES (?1, ?2, ?3)",
                (migration.version, migration.name, now_ms()),
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Brings a PostgreSQL database up to date, holding an advisory lock so that processes
/// starting together migrate once.
pub fn run_postgres(client: &mut postgres::Client) -> Result<(), DbError> {
    // Any fixed number: the lock is only ever taken here.
    const LOCK: i64 = 0x6d61_7472_6978;
    client.execute("SELECT pg_advisory_lock($1)", &[&LOCK])?;
    let outcome = migrate_postgres(client);
    client.execute("SELECT pg_advisory_unlock($1)", &[&LOCK])?;
    outcome
}

fn migrate_postgres(client: &mut postgres::Client) -> Result<(), DbError> {
    client.batch_execute(CREATE_TABLE)?;
    let mut tx = client.transaction()?;
    let sqlx_table: bool = tx
        .query_one("SELECT to_regclass('_sqlx_migrations') IS NOT NULL", &[])?
        .get(0);
    if sqlx_table {
        tx.batch_execute(
            "INSERT INTO schema_migrations (version, name, applied_ts)
             SELECT version, description, 0 FROM _sqlx_migrations WHERE success
             ON CONFLICT DO NOTHING",
        )?;
    }
    for migration in POSTGRES {
        let applied: bool = tx
            .query_one(
                "SELECT COUNT(*) > 0 FROM schema_migrations WHERE version = $1",
                &[&migration.version],
            )?
            .get(0);
        if !applied {
            tx.batch_execute(migration.sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_ts) VALUES ($1, $2, $3)",
                &[&migration.version, &migration.name, &now_ms()],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}
