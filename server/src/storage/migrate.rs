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

const SQLITE: &[Migration] =
    migrations!("sqlite": 1 "init", 2 "history", 3 "operate", 4 "state_in_order");
const POSTGRES: &[Migration] =
    migrations!("postgres": 1 "init", 2 "history", 3 "operate", 4 "state_in_order");

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A database made before `current_state` was rebuilt in key order keeps every row, and
    /// a room's state is then read through the new index, in stream order.
    #[test]
    fn rebuilding_current_state_keeps_its_rows() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(CREATE_TABLE).unwrap();
        for migration in SQLITE.iter().take_while(|m| m.version < 4) {
            conn.execute_batch(migration.sql).unwrap();
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_ts) VALUES (?1, ?2, 0)",
                (migration.version, migration.name),
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO events (stream_ordering, event_id, room_id, type, state_key, sender, origin_server_ts, content)
             VALUES (1, '$a', '!r:h', 'm.room.create', '', '@a:h', 0, '{}'),
                    (2, '$b', '!r:h', 'm.room.member', '@b:h', '@b:h', 0, '{\"membership\":\"join\"}'),
                    (3, '$c', '!r:h', 'm.room.member', '@a:h', '@a:h', 0, '{\"membership\":\"join\"}');
             INSERT INTO current_state VALUES ('!r:h', 'm.room.member', '@a:h', 3, 'join'),
                    ('!r:h', 'm.room.create', '', 1, NULL),
                    ('!r:h', 'm.room.member', '@b:h', 2, 'join');",
        )
        .unwrap();

        run(&mut conn).unwrap();

        let in_order: Vec<(String, i64, Option<String>)> = conn
            .prepare("SELECT state_key, stream_ordering, membership FROM current_state WHERE room_id = '!r:h' ORDER BY stream_ordering")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected = [
            ("", 1, None),
            ("@b:h", 2, Some("join")),
            ("@a:h", 3, Some("join")),
        ];
        let expected: Vec<(String, i64, Option<String>)> = expected
            .iter()
            .map(|(key, at, m)| (key.to_string(), *at, m.map(str::to_string)))
            .collect();
        assert_eq!(in_order, expected);
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT stream_ordering FROM current_state
                 WHERE room_id = '!r:h' AND type = 'm.room.member' ORDER BY stream_ordering",
                [],
                |row| row.get(3),
            )
            .unwrap();
        assert!(plan.contains("current_state_in_order"), "{plan}");
        let versions: i64 = conn
            .query_row("SELECT MAX(version) FROM schema_migrations", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(versions, 4);
    }
}
