//! Rooms: the append-only event log, the current-state table beside it, and membership
//! changes decided and written in one transaction under the room's lock.

use serde_json::{Map, Value};

use super::{Engine, Store, StoredEvent, in_transaction, now_ms, on_reader};
use crate::error::{InternalError, MatrixError};
use crate::ids::UserId;
use crate::rules::{NewEvent, RoomSnapshot};

/// The answer to a membership change: the event it appended, if any, or why it was refused.
pub type Decision = Result<Option<String>, MatrixError>;

/// The stripped state an invitee is shown, in this order.
const INVITE_STATE_TYPES: [&str; 4] = [
    "m.room.join_rules",
    "m.room.canonical_alias",
    "m.room.avatar",
    "m.room.name",
];

/// Exactly the state a membership decision reads, as point lookups on the current-state key,
/// so its cost does not grow with the room (`UNION ALL` keeps each branch an index lookup on
/// both engines; an `OR` made SQLite scan the room's whole state).
const SNAPSHOT: &str = "
    SELECT cs.type, cs.state_key, e.content, e.sender
    FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
    WHERE cs.room_id = $1 AND cs.state_key = '' AND cs.type IN
        ('m.room.create', 'm.room.join_rules', 'm.room.power_levels',
         'm.room.canonical_alias', 'm.room.avatar', 'm.room.name')
    UNION ALL
    SELECT cs.type, cs.state_key, e.content, e.sender
    FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
    WHERE cs.room_id = $1 AND cs.type = 'm.room.member' AND cs.state_key IN ($2, $3)
    UNION ALL
    SELECT cs.type, cs.state_key, e.content, e.sender
    FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
    WHERE cs.room_id = $1 AND cs.type = 'm.room.third_party_invite' AND cs.state_key = $4";

/// PostgreSQL only: locks the room for the rest of the transaction, in every process (SQLite
/// needs no lock: its single writer thread already runs one change at a time).
const LOCK_ROOM: &str = "SELECT 1 FROM current_state WHERE room_id = $1 AND type = 'm.room.create' AND state_key = '' FOR UPDATE";

/// One row of [`SNAPSHOT`]: type, state key, content (JSON text), sender.
type StateRow = (String, String, String, String);

const EVENT_COLUMNS: &str = "e.stream_ordering, e.event_id, e.room_id, e.type, e.state_key, e.sender, e.origin_server_ts, e.content, e.extra";

/// One row of [`EVENT_COLUMNS`].
type EventRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
    String,
);

const INSERT_EVENT: &str = "
    INSERT INTO events (event_id, room_id, type, state_key, sender, origin_server_ts, content, extra)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING stream_ordering";

const MAKE_CURRENT: &str = "
    INSERT INTO current_state (room_id, type, state_key, stream_ordering, membership)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (room_id, type, state_key)
    DO UPDATE SET stream_ordering = excluded.stream_ordering, membership = excluded.membership";

/// An event ready to be written: its new ID and its JSON columns.
struct PreparedEvent<'a> {
    event: &'a NewEvent,
    event_id: String,
    content: String,
    extra: String,
    /// For `m.room.member`: the membership, kept as a column for member lists.
    membership: Option<String>,
    origin_server_ts: i64,
}

impl<'a> PreparedEvent<'a> {
    fn new(server_name: &str, event: &'a NewEvent) -> Result<Self, InternalError> {
        let membership = (event.event_type == "m.room.member")
            .then(|| event.content.get("membership").and_then(Value::as_str))
            .flatten()
            .map(str::to_string);
        Ok(PreparedEvent {
            event,
            event_id: format!("${}:{server_name}", crate::credentials::random_string(18)),
            content: serde_json::to_string(&event.content).map_err(|e| InternalError(e.into()))?,
            extra: serde_json::to_string(&event.extra).map_err(|e| InternalError(e.into()))?,
            membership,
            origin_server_ts: now_ms(),
        })
    }
}

/// Appends a prepared state event inside transaction `$tx` and makes it current.
macro_rules! append {
    ($tx:ident, $room_id:expr, $sender:expr, $prepared:expr) => {{
        let prepared: &PreparedEvent = $prepared;
        let stream: i64 = sqlx::query_scalar(INSERT_EVENT)
            .bind(&prepared.event_id)
            .bind($room_id)
            .bind(&prepared.event.event_type)
            .bind(&prepared.event.state_key)
            .bind($sender)
            .bind(prepared.origin_server_ts)
            .bind(&prepared.content)
            .bind(&prepared.extra)
            .fetch_one(&mut *$tx)
            .await?;
        sqlx::query(MAKE_CURRENT)
            .bind($room_id)
            .bind(&prepared.event.event_type)
            .bind(&prepared.event.state_key)
            .bind(stream)
            .bind(&prepared.membership)
            .execute(&mut *$tx)
            .await?;
    }};
}

impl Store {
    /// Creates a room from its initial events (the first must be `m.room.create`) and,
    /// optionally, an alias for it, in one transaction. `false` when the alias is taken.
    pub async fn create_room(
        &self,
        room_id: &str,
        sender: &str,
        events: &[NewEvent],
        alias: Option<&str>,
    ) -> Result<bool, InternalError> {
        let prepared = events
            .iter()
            .map(|event| PreparedEvent::new(&self.server_name, event))
            .collect::<Result<Vec<_>, _>>()?;
        in_transaction!(self, |tx| {
            if let Some(alias) = alias {
                let done = sqlx::query(
                    "INSERT INTO room_aliases (alias, room_id, creator) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
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
            for event in &prepared {
                append!(tx, room_id, sender, event);
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Locks the room, reads the state a membership decision needs, lets `decide` rule, and
    /// appends what it returns — all in one transaction, so no two changes of a room
    /// interleave, in this process or any other.
    pub async fn change_membership<F>(
        &self,
        room_id: &str,
        sender: &UserId,
        target: &UserId,
        decide: F,
    ) -> Result<Decision, InternalError>
    where
        F: FnOnce(&RoomSnapshot) -> Result<Option<NewEvent>, MatrixError> + Send + 'static,
    {
        self.change_room(room_id, sender, target, None, decide)
            .await
    }

    /// As [`Store::change_membership`], with the room's `m.room.third_party_invite` of
    /// `third_party_token` (if any) in the snapshot `decide` reads.
    pub async fn change_room<F>(
        &self,
        room_id: &str,
        sender: &UserId,
        target: &UserId,
        third_party_token: Option<&str>,
        decide: F,
    ) -> Result<Decision, InternalError>
    where
        F: FnOnce(&RoomSnapshot) -> Result<Option<NewEvent>, MatrixError> + Send + 'static,
    {
        let token = third_party_token.map(str::to_string);
        match &self.engine {
            Engine::Sqlite(db) => {
                let (room_id, sender, target) =
                    (room_id.to_string(), sender.clone(), target.clone());
                let server_name = self.server_name.clone();
                db.changes
                    .run(move |conn| {
                        let rows = conn
                            .prepare_cached(SNAPSHOT)?
                            .query_map(
                                (&room_id, sender.as_str(), target.as_str(), &token),
                                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                            )?
                            .collect::<Result<Vec<StateRow>, _>>()?;
                        let room = snapshot(rows, &sender, &target, token.as_deref())?;
                        let event = match decide(&room) {
                            Ok(Some(event)) => event,
                            Ok(None) => return Ok(Ok(None)),
                            Err(refusal) => return Ok(Err(refusal)),
                        };
                        let prepared = PreparedEvent::new(&server_name, &event)?;
                        let stream: i64 = conn.prepare_cached(INSERT_EVENT)?.query_row(
                            (
                                &prepared.event_id,
                                &room_id,
                                &event.event_type,
                                &event.state_key,
                                sender.as_str(),
                                prepared.origin_server_ts,
                                &prepared.content,
                                &prepared.extra,
                            ),
                            |row| row.get(0),
                        )?;
                        conn.prepare_cached(MAKE_CURRENT)?.execute((
                            &room_id,
                            &event.event_type,
                            &event.state_key,
                            stream,
                            &prepared.membership,
                        ))?;
                        Ok(Ok(Some(prepared.event_id)))
                    })
                    .await
            }
            Engine::Postgres(db) => {
                let mut tx = db.pool.begin().await?;
                sqlx::query(LOCK_ROOM)
                    .bind(room_id)
                    .execute(&mut *tx)
                    .await?;
                let rows: Vec<StateRow> = sqlx::query_as(SNAPSHOT)
                    .bind(room_id)
                    .bind(sender.as_str())
                    .bind(target.as_str())
                    .bind(&token)
                    .fetch_all(&mut *tx)
                    .await?;
                let event = match decide(&snapshot(rows, sender, target, token.as_deref())?) {
                    Ok(Some(event)) => event,
                    Ok(None) => return Ok(Ok(None)),
                    Err(refusal) => return Ok(Err(refusal)),
                };
                let prepared = PreparedEvent::new(&self.server_name, &event)?;
                append!(tx, room_id, sender.as_str(), &prepared);
                tx.commit().await?;
                Ok(Ok(Some(prepared.event_id)))
            }
        }
    }

    /// The state a decision about `sender` and `target` would read, from a reader and
    /// without the room's lock: for checks that must run before a slow outbound call
    /// (the decision itself reads again, under the lock).
    pub async fn snapshot(
        &self,
        room_id: &str,
        sender: &UserId,
        target: &UserId,
        third_party_token: Option<&str>,
    ) -> Result<RoomSnapshot, InternalError> {
        let rows: Vec<StateRow> = on_reader!(self, |pool| {
            sqlx::query_as(SNAPSHOT)
                .bind(room_id)
                .bind(sender.as_str())
                .bind(target.as_str())
                .bind(third_party_token)
                .fetch_all(pool)
                .await?
        });
        snapshot(rows, sender, target, third_party_token)
    }

    /// The user's membership in a room and the stream position it took effect.
    pub async fn membership(
        &self,
        room_id: &str,
        user: &str,
    ) -> Result<Option<(String, i64)>, InternalError> {
        let row: Option<(Option<String>, i64)> = on_reader!(self, |pool| {
            sqlx::query_as(
                "SELECT membership, stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.member' AND state_key = $2",
            )
            .bind(room_id)
            .bind(user)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(membership, at)| (membership.unwrap_or_default(), at)))
    }

    pub async fn room_exists(&self, room_id: &str) -> Result<bool, InternalError> {
        let row: Option<i64> = on_reader!(self, |pool| {
            sqlx::query_scalar(
                "SELECT stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.create' AND state_key = ''",
            )
            .bind(room_id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.is_some())
    }

    /// The room's state as of `at` (a stream position), or its current state.
    pub async fn state(
        &self,
        room_id: &str,
        at: Option<i64>,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let rows: Vec<EventRow> = match at {
            None => on_reader!(self, |pool| {
                sqlx::query_as(&format!(
                    "SELECT {EVENT_COLUMNS} FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
                     WHERE cs.room_id = $1 ORDER BY e.stream_ordering"
                ))
                .bind(room_id)
                .fetch_all(pool)
                .await?
            }),
            // The state when the user left: the latest state event per key up to then.
            Some(at) => on_reader!(self, |pool| {
                sqlx::query_as(&format!(
                    "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_ordering IN (
                        SELECT MAX(stream_ordering) FROM events
                        WHERE room_id = $1 AND state_key IS NOT NULL AND stream_ordering <= $2
                        GROUP BY type, state_key)
                     ORDER BY e.stream_ordering"
                ))
                .bind(room_id)
                .bind(at)
                .fetch_all(pool)
                .await?
            }),
        };
        rows.into_iter().map(stored_event).collect()
    }

    /// The most recent `limit` events up to `at`, oldest first.
    pub async fn messages(
        &self,
        room_id: &str,
        at: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let rows: Vec<EventRow> = on_reader!(self, |pool| {
            sqlx::query_as(&format!(
                "SELECT {EVENT_COLUMNS} FROM events e WHERE e.room_id = $1 AND e.stream_ordering <= $2
                 ORDER BY e.stream_ordering DESC LIMIT $3"
            ))
            .bind(room_id)
            .bind(at.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        let mut events = rows
            .into_iter()
            .map(stored_event)
            .collect::<Result<Vec<_>, _>>()?;
        events.reverse();
        Ok(events)
    }

    pub async fn forget(&self, user: &str, room_id: &str) -> Result<(), InternalError> {
        in_transaction!(self, |tx| {
            sqlx::query(
                "INSERT INTO forgotten_rooms (user_id, room_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(user)
            .bind(room_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn has_forgotten(&self, user: &str, room_id: &str) -> Result<bool, InternalError> {
        let row: Option<String> = on_reader!(self, |pool| {
            sqlx::query_scalar(
                "SELECT user_id FROM forgotten_rooms WHERE user_id = $1 AND room_id = $2",
            )
            .bind(user)
            .bind(room_id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.is_some())
    }

    /// How many events a room has, for tests that check nothing was appended.
    pub async fn event_count(&self, room_id: &str) -> Result<i64, InternalError> {
        on_reader!(self, |pool| {
            Ok(
                sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE room_id = $1")
                    .bind(room_id)
                    .fetch_one(pool)
                    .await?,
            )
        })
    }
}

fn json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, InternalError> {
    serde_json::from_str(text).map_err(|e| InternalError(e.into()))
}

fn stored_event(row: EventRow) -> Result<StoredEvent, InternalError> {
    let (stream_ordering, event_id, room_id, event_type, state_key, sender, ts, content, extra) =
        row;
    Ok(StoredEvent {
        stream_ordering,
        event_id,
        room_id,
        event_type,
        state_key,
        sender,
        origin_server_ts: ts,
        content: json_text(&content)?,
        extra: json_text(&extra)?,
    })
}

/// Builds what the membership rules read from the rows of [`SNAPSHOT`].
fn snapshot(
    rows: Vec<StateRow>,
    sender: &UserId,
    target: &UserId,
    third_party_token: Option<&str>,
) -> Result<RoomSnapshot, InternalError> {
    let mut state: Vec<(String, String, Map<String, Value>, String)> =
        Vec::with_capacity(rows.len());
    for (event_type, state_key, content, event_sender) in rows {
        // State content is always an object; anything else reads as empty.
        let content = match json_text(&content)? {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        state.push((event_type, state_key, content, event_sender));
    }
    let find = |event_type: &str, state_key: &str| {
        state
            .iter()
            .find(|(t, k, _, _)| t == event_type && k == state_key)
            .map(|(_, _, content, sender)| (content, sender))
    };
    let Some((create, create_sender)) = find("m.room.create", "") else {
        return Ok(RoomSnapshot::default());
    };
    let content_of =
        |event_type: &str, state_key: &str| find(event_type, state_key).map(|(c, _)| c.clone());
    Ok(RoomSnapshot {
        exists: true,
        creator: Some(
            create
                .get("creator")
                .and_then(Value::as_str)
                .unwrap_or(create_sender)
                .to_string(),
        ),
        join_rule: find("m.room.join_rules", "").and_then(|(c, _)| {
            c.get("join_rule")
                .and_then(Value::as_str)
                .map(str::to_string)
        }),
        power_levels: content_of("m.room.power_levels", ""),
        sender: content_of("m.room.member", sender.as_str()),
        target: content_of("m.room.member", target.as_str()),
        third_party_invite: third_party_token
            .and_then(|token| content_of("m.room.third_party_invite", token)),
        invite_state: INVITE_STATE_TYPES
            .iter()
            .filter_map(|event_type| {
                find(event_type, "").map(|(content, _)| {
                    serde_json::json!({"type": event_type, "state_key": "", "content": content})
                })
            })
            .collect(),
    })
}
