//! Storage: the narrow boundary between the handlers and the database.
//!
//! Everything the server keeps goes through [`Store`]: users and hashed tokens, rooms as an
//! append-only event log with a current-state table, aliases. Two engines sit behind it:
//! SQLite (the embedded default, one process) and PostgreSQL (several processes sharing one
//! database). Both run the same SQL — portable statements with `$n` parameters — so every
//! query is written once: the [`on_reader!`] and [`in_transaction!`] macros expand a query
//! once per engine, and each expansion is type-checked against that engine's driver.
//!
//! A membership change is read, decided and written in one transaction that holds the
//! room's lock (SQLite: the group-commit writer thread; PostgreSQL: a row lock on the room's
//! `m.room.create` state row), so a room's changes are serialised across every process, and
//! a request answered 200 is committed before the answer. That one operation has an
//! executor per engine (SQLite's runs synchronously on its writer thread); its SQL is
//! still shared.

mod accounts;
mod aliases;
mod checkpoint;
mod group_commit;
mod postgres;
mod rooms;
mod sqlite;
mod token_cache;

pub use aliases::PutAlias;
pub use rooms::Decision;

use serde_json::Value;

use crate::config::Config;

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
}

enum Engine {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// Runs `$body` with `$pool` bound to the engine's read pool. The body is expanded once per
/// engine, so one query text serves both.
macro_rules! on_reader {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.engine {
            $crate::storage::Engine::Sqlite(db) => {
                let $pool = &db.read;
                $body
            }
            $crate::storage::Engine::Postgres(db) => {
                let $pool = &db.pool;
                $body
            }
        }
    };
}

/// Runs `$body` inside a write transaction `$tx` (which the body commits; returning early
/// rolls it back). Expanded once per engine.
macro_rules! in_transaction {
    ($store:expr, |$tx:ident| $body:expr) => {
        match &$store.engine {
            $crate::storage::Engine::Sqlite(db) => {
                let mut writer = db.writer().await;
                #[allow(unused_mut)]
                let mut $tx = sqlx::Connection::begin_with(&mut *writer, "BEGIN IMMEDIATE").await?;
                $body
            }
            $crate::storage::Engine::Postgres(db) => {
                #[allow(unused_mut)]
                let mut $tx = db.pool.begin().await?;
                $body
            }
        }
    };
}

pub(crate) use {in_transaction, on_reader};

impl Store {
    /// Opens the database of `config.database_url` (`sqlite://PATH` or `postgres://...`),
    /// creating and migrating it as needed.
    pub async fn open(config: &Config) -> anyhow::Result<Store> {
        let url = config.database_url.as_str();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite(sqlite::Sqlite::open(url, config.durability).await?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres(postgres::Postgres::open(url, config.database_connections).await?)
        } else {
            anyhow::bail!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://USER@HOST/DATABASE",
                redact_password(url)
            );
        };
        Ok(Store {
            engine,
            server_name: config.server_name.clone(),
        })
    }

    pub fn server_name(&self) -> &str {
        &self.server_name
    }
}

/// A database URL fit for an error message: any password replaced by `***`.
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

/// A stored event, as the room-read APIs return it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub stream_ordering: i64,
    pub event_id: String,
    pub room_id: String,
    pub event_type: String,
    pub state_key: Option<String>,
    pub sender: String,
    pub origin_server_ts: i64,
    pub content: Value,
    pub extra: serde_json::Map<String, Value>,
}

impl StoredEvent {
    /// The event in client format (v1: `user_id` is the sender).
    pub fn to_json(&self) -> Value {
        let mut event = serde_json::Map::new();
        event.insert("event_id".into(), self.event_id.clone().into());
        event.insert("room_id".into(), self.room_id.clone().into());
        event.insert("type".into(), self.event_type.clone().into());
        if let Some(state_key) = &self.state_key {
            event.insert("state_key".into(), state_key.clone().into());
        }
        event.insert("user_id".into(), self.sender.clone().into());
        event.insert("sender".into(), self.sender.clone().into());
        event.insert("origin_server_ts".into(), self.origin_server_ts.into());
        event.insert("content".into(), self.content.clone());
        for (key, value) in &self.extra {
            event.insert(key.clone(), value.clone());
        }
        Value::Object(event)
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
