//! The SQLite backend: one writer connection (SQLite takes one writer at a time anyway)
//! behind an async mutex, and a pool of readers. WAL mode; `synchronous=NORMAL` survives a
//! process crash, `FULL` (power-loss durability) also survives losing the machine.

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use serde_json::{Map, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Row, SqliteConnection, SqlitePool};
use tokio::sync::Mutex;

use super::StoredEvent;
use crate::error::{InternalError, MatrixError};
use crate::ids::UserId;
use crate::rules::{NewEvent, RoomSnapshot};

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

pub struct Store {
    read: SqlitePool,
    write: Mutex<SqliteConnection>,
    server_name: String,
}

/// The answer to a membership change: the event it appended, if any, or why it was refused.
pub type Decision = Result<Option<String>, MatrixError>;

/// How `PUT /directory/room/{alias}` went.
#[derive(Debug, PartialEq, Eq)]
pub enum PutAlias {
    Created,
    Taken,
    UnknownRoom,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

const INVITE_STATE_TYPES: [&str; 4] = [
    "m.room.join_rules",
    "m.room.canonical_alias",
    "m.room.avatar",
    "m.room.name",
];

impl Store {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH`) and migrates it.
    pub async fn open(
        url: &str,
        durability: Durability,
        server_name: &str,
    ) -> anyhow::Result<Store> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid database URL `{url}`"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match durability {
                Durability::ProcessCrash => SqliteSynchronous::Normal,
                Durability::PowerLoss => SqliteSynchronous::Full,
            })
            .busy_timeout(Duration::from_secs(10))
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
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .context("cannot open the database for reading")?;
        Ok(Store {
            read,
            write: Mutex::new(write),
            server_name: server_name.to_string(),
        })
    }

    pub fn server_name(&self) -> &str {
        &self.server_name
    }

    // --- Users and tokens ---

    /// Adds a user; `false` when the ID is taken.
    pub async fn create_user(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<bool, InternalError> {
        let mut conn = self.write.lock().await;
        let done = sqlx::query(
            "INSERT OR IGNORE INTO users (user_id, password_hash, created_ts) VALUES (?, ?, ?)",
        )
        .bind(user.as_str())
        .bind(password_hash)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn password_hash(&self, user: &UserId) -> Result<Option<String>, InternalError> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE user_id = ?")
            .bind(user.as_str())
            .fetch_optional(&self.read)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    pub async fn insert_tokens(
        &self,
        user: &str,
        access_hash: &[u8],
        refresh_hash: &[u8],
    ) -> Result<(), InternalError> {
        let mut conn = self.write.lock().await;
        sqlx::query("INSERT INTO tokens (access_hash, refresh_hash, user_id, created_ts) VALUES (?, ?, ?, ?)")
            .bind(access_hash)
            .bind(refresh_hash)
            .bind(user)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn user_for_access_token(
        &self,
        access_hash: &[u8],
    ) -> Result<Option<String>, InternalError> {
        let row = sqlx::query("SELECT user_id FROM tokens WHERE access_hash = ?")
            .bind(access_hash)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Replaces the token pair of `refresh_hash` with a new one; `None` when the refresh
    /// token is unknown (or was already used).
    pub async fn rotate_tokens(
        &self,
        refresh_hash: &[u8],
        access_hash: &[u8],
        new_refresh_hash: &[u8],
    ) -> Result<Option<String>, InternalError> {
        let mut conn = self.write.lock().await;
        let mut tx = conn.begin().await?;
        let user: Option<String> =
            sqlx::query("DELETE FROM tokens WHERE refresh_hash = ? RETURNING user_id")
                .bind(refresh_hash)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.get(0));
        if let Some(user) = &user {
            sqlx::query("INSERT INTO tokens (access_hash, refresh_hash, user_id, created_ts) VALUES (?, ?, ?, ?)")
                .bind(access_hash)
                .bind(new_refresh_hash)
                .bind(user)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(user)
    }

    // --- Aliases ---

    pub async fn resolve_alias(&self, alias: &str) -> Result<Option<String>, InternalError> {
        let row = sqlx::query("SELECT room_id FROM room_aliases WHERE alias = ?")
            .bind(alias)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    pub async fn put_alias(
        &self,
        alias: &str,
        room_id: &str,
        creator: &str,
    ) -> Result<PutAlias, InternalError> {
        let mut conn = self.write.lock().await;
        let mut tx = conn.begin().await?;
        let exists = sqlx::query("SELECT 1 FROM current_state WHERE room_id = ? AND type = 'm.room.create' AND state_key = ''")
            .bind(room_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Ok(PutAlias::UnknownRoom);
        }
        let done = sqlx::query(
            "INSERT OR IGNORE INTO room_aliases (alias, room_id, creator) VALUES (?, ?, ?)",
        )
        .bind(alias)
        .bind(room_id)
        .bind(creator)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(if done.rows_affected() == 1 {
            PutAlias::Created
        } else {
            PutAlias::Taken
        })
    }

    /// Who created an alias, if it exists.
    pub async fn alias_creator(&self, alias: &str) -> Result<Option<String>, InternalError> {
        let row = sqlx::query("SELECT creator FROM room_aliases WHERE alias = ?")
            .bind(alias)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Removes an alias; `false` when there was none.
    pub async fn delete_alias(&self, alias: &str) -> Result<bool, InternalError> {
        let mut conn = self.write.lock().await;
        let done = sqlx::query("DELETE FROM room_aliases WHERE alias = ?")
            .bind(alias)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    // --- Rooms ---

    /// Creates a room from its initial events (the first must be `m.room.create`) and,
    /// optionally, an alias for it, in one transaction. `false` when the alias is taken.
    pub async fn create_room(
        &self,
        room_id: &str,
        sender: &str,
        events: &[NewEvent],
        alias: Option<&str>,
    ) -> Result<bool, InternalError> {
        let mut conn = self.write.lock().await;
        let mut tx = conn.begin().await?;
        if let Some(alias) = alias {
            let done = sqlx::query(
                "INSERT OR IGNORE INTO room_aliases (alias, room_id, creator) VALUES (?, ?, ?)",
            )
            .bind(alias)
            .bind(room_id)
            .bind(sender)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(false);
            }
        }
        for event in events {
            append(&mut tx, &self.server_name, room_id, sender, event).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Reads the state a membership decision needs, lets `decide` rule, and appends what it
    /// returns — all in one transaction on the writer, so no two changes interleave.
    pub async fn change_membership<F>(
        &self,
        room_id: &str,
        sender: &UserId,
        target: &UserId,
        decide: F,
    ) -> Result<Decision, InternalError>
    where
        F: FnOnce(&RoomSnapshot) -> Result<Option<NewEvent>, MatrixError>,
    {
        let mut conn = self.write.lock().await;
        let mut tx = conn.begin().await?;
        let snapshot = snapshot(&mut tx, room_id, sender, target).await?;
        let event = match decide(&snapshot) {
            Ok(Some(event)) => event,
            Ok(None) => return Ok(Ok(None)),
            Err(refusal) => return Ok(Err(refusal)),
        };
        let event_id = append(&mut tx, &self.server_name, room_id, sender.as_str(), &event).await?;
        tx.commit().await?;
        Ok(Ok(Some(event_id)))
    }

    /// The user's membership in a room and the stream position it took effect.
    pub async fn membership(
        &self,
        room_id: &str,
        user: &str,
    ) -> Result<Option<(String, i64)>, InternalError> {
        let row = sqlx::query("SELECT membership, stream_ordering FROM current_state WHERE room_id = ? AND type = 'm.room.member' AND state_key = ?")
            .bind(room_id)
            .bind(user)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.map(|r| (r.get::<Option<String>, _>(0).unwrap_or_default(), r.get(1))))
    }

    pub async fn room_exists(&self, room_id: &str) -> Result<bool, InternalError> {
        let row = sqlx::query("SELECT 1 FROM current_state WHERE room_id = ? AND type = 'm.room.create' AND state_key = ''")
            .bind(room_id)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.is_some())
    }

    /// The room's state as of `at` (a stream position), or its current state.
    pub async fn state(
        &self,
        room_id: &str,
        at: Option<i64>,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let rows = match at {
            None => {
                sqlx::query(&format!("SELECT {EVENT_COLUMNS} FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering WHERE cs.room_id = ? ORDER BY e.stream_ordering"))
                    .bind(room_id)
                    .fetch_all(&self.read)
                    .await?
            }
            // The state when the user left: the latest state event per key up to then.
            Some(at) => {
                sqlx::query(&format!(
                    "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_ordering IN (
                        SELECT MAX(stream_ordering) FROM events WHERE room_id = ? AND state_key IS NOT NULL AND stream_ordering <= ?
                        GROUP BY type, state_key) ORDER BY e.stream_ordering"
                ))
                .bind(room_id)
                .bind(at)
                .fetch_all(&self.read)
                .await?
            }
        };
        rows.iter().map(event_from_row).collect()
    }

    /// The most recent `limit` non-state events up to `at`.
    pub async fn messages(
        &self,
        room_id: &str,
        at: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE e.room_id = ? AND e.stream_ordering <= ? ORDER BY e.stream_ordering DESC LIMIT ?"
        ))
        .bind(room_id)
        .bind(at.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        let mut events: Vec<StoredEvent> =
            rows.iter().map(event_from_row).collect::<Result<_, _>>()?;
        events.reverse();
        Ok(events)
    }

    pub async fn forget(&self, user: &str, room_id: &str) -> Result<(), InternalError> {
        let mut conn = self.write.lock().await;
        sqlx::query("INSERT OR IGNORE INTO forgotten_rooms (user_id, room_id) VALUES (?, ?)")
            .bind(user)
            .bind(room_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn has_forgotten(&self, user: &str, room_id: &str) -> Result<bool, InternalError> {
        let row = sqlx::query("SELECT 1 FROM forgotten_rooms WHERE user_id = ? AND room_id = ?")
            .bind(user)
            .bind(room_id)
            .fetch_optional(&self.read)
            .await?;
        Ok(row.is_some())
    }

    /// How many events a room has, for tests that check nothing was appended.
    pub async fn event_count(&self, room_id: &str) -> Result<i64, InternalError> {
        let row = sqlx::query("SELECT COUNT(*) FROM events WHERE room_id = ?")
            .bind(room_id)
            .fetch_one(&self.read)
            .await?;
        Ok(row.get(0))
    }
}

const EVENT_COLUMNS: &str = "e.stream_ordering, e.event_id, e.room_id, e.type, e.state_key, e.sender, e.origin_server_ts, e.content, e.extra";

fn event_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<StoredEvent, InternalError> {
    let content: String = row.get(7);
    let extra: String = row.get(8);
    Ok(StoredEvent {
        stream_ordering: row.get(0),
        event_id: row.get(1),
        room_id: row.get(2),
        event_type: row.get(3),
        state_key: row.get(4),
        sender: row.get(5),
        origin_server_ts: row.get(6),
        content: serde_json::from_str(&content).map_err(|e| InternalError(e.into()))?,
        extra: serde_json::from_str(&extra).map_err(|e| InternalError(e.into()))?,
    })
}

async fn state_content(
    tx: &mut SqliteConnection,
    room_id: &str,
    event_type: &str,
    state_key: &str,
) -> Result<Option<(Map<String, Value>, String)>, InternalError> {
    let row = sqlx::query(
        "SELECT e.content, e.sender FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
         WHERE cs.room_id = ? AND cs.type = ? AND cs.state_key = ?",
    )
    .bind(room_id)
    .bind(event_type)
    .bind(state_key)
    .fetch_optional(&mut *tx)
    .await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let content: String = row.get(0);
            let content =
                match serde_json::from_str(&content).map_err(|e| InternalError(e.into()))? {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
            Ok(Some((content, row.get(1))))
        }
    }
}

/// Point lookups of exactly the state a decision reads: independent of the room's size.
async fn snapshot(
    tx: &mut SqliteConnection,
    room_id: &str,
    sender: &UserId,
    target: &UserId,
) -> Result<RoomSnapshot, InternalError> {
    let create = state_content(tx, room_id, "m.room.create", "").await?;
    let mut snapshot = RoomSnapshot {
        exists: create.is_some(),
        ..Default::default()
    };
    let Some((create, create_sender)) = create else {
        return Ok(snapshot);
    };
    snapshot.creator = Some(
        create
            .get("creator")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or(create_sender),
    );
    snapshot.join_rule = state_content(tx, room_id, "m.room.join_rules", "")
        .await?
        .and_then(|(c, _)| {
            c.get("join_rule")
                .and_then(Value::as_str)
                .map(str::to_string)
        });
    snapshot.power_levels = state_content(tx, room_id, "m.room.power_levels", "")
        .await?
        .map(|(c, _)| c);
    snapshot.sender = state_content(tx, room_id, "m.room.member", sender.as_str())
        .await?
        .map(|(c, _)| c);
    snapshot.target = if target == sender {
        snapshot.sender.clone()
    } else {
        state_content(tx, room_id, "m.room.member", target.as_str())
            .await?
            .map(|(c, _)| c)
    };
    for event_type in INVITE_STATE_TYPES {
        if let Some((content, _)) = state_content(tx, room_id, event_type, "").await? {
            snapshot
                .invite_state
                .push(serde_json::json!({"type": event_type, "state_key": "", "content": content}));
        }
    }
    Ok(snapshot)
}

/// Appends a state event and makes it current; returns its ID.
async fn append(
    tx: &mut SqliteConnection,
    server_name: &str,
    room_id: &str,
    sender: &str,
    event: &NewEvent,
) -> Result<String, InternalError> {
    let event_id = format!("${}:{server_name}", crate::credentials::random_string(18));
    let content = serde_json::to_string(&event.content).map_err(|e| InternalError(e.into()))?;
    let extra = serde_json::to_string(&event.extra).map_err(|e| InternalError(e.into()))?;
    let stream: i64 = sqlx::query(
        "INSERT INTO events (event_id, room_id, type, state_key, sender, origin_server_ts, content, extra)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING stream_ordering",
    )
    .bind(&event_id)
    .bind(room_id)
    .bind(&event.event_type)
    .bind(&event.state_key)
    .bind(sender)
    .bind(now_ms())
    .bind(content)
    .bind(extra)
    .fetch_one(&mut *tx)
    .await?
    .get(0);
    let membership = (event.event_type == "m.room.member")
        .then(|| {
            event
                .content
                .get("membership")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .flatten();
    sqlx::query(
        "INSERT INTO current_state (room_id, type, state_key, stream_ordering, membership) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (room_id, type, state_key) DO UPDATE SET stream_ordering = excluded.stream_ordering, membership = excluded.membership",
    )
    .bind(room_id)
    .bind(&event.event_type)
    .bind(&event.state_key)
    .bind(stream)
    .bind(membership)
    .execute(&mut *tx)
    .await?;
    Ok(event_id)
}
