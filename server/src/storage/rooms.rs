//! Rooms: the append-only event log, the current-state table beside it, and changes read,
//! decided (by the caller's rule) and written in one write under the room's lock.

use std::sync::LazyLock;

use serde_json::Value;

use super::db::{Conn, DbError, EngineKind, Row, params};
use super::{Store, now_ms};
use crate::error::InternalError;
use crate::events::{NewEvent, StateEntry, StateKey, membership_name};
use crate::ids::{RoomAlias, RoomId, UserId};

/// A user's memberships in a room: `(stream position, membership)` oldest first, and the
/// position up to which the user forgot them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MembershipHistory {
    pub memberships: Vec<(i64, String)>,
    pub forgotten_at: Option<i64>,
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

/// The most keys read by one statement (see [`STATE_AT`]).
const KEYS_PER_QUERY: usize = 10;

/// The current state at 1 to [`KEYS_PER_QUERY`] keys of a room: one point lookup on the
/// current-state key per key, joined with `UNION ALL` so that each branch stays an index
/// lookup on both engines (an `OR` made SQLite scan the room's whole state). `$1` is the
/// room; each key is a type and a state key.
static STATE_AT: LazyLock<Vec<String>> = LazyLock::new(|| {
    (1..=KEYS_PER_QUERY)
        .map(|keys| {
            (0..keys)
                .map(|i| {
                    format!(
                        "SELECT cs.type, cs.state_key, e.content, e.sender
                         FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
                         WHERE cs.room_id = $1 AND cs.type = ${} AND cs.state_key = ${}",
                        2 + 2 * i,
                        3 + 2 * i
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ")
        })
        .collect()
});

const EVENT_COLUMNS: &str = "e.stream_ordering, e.event_id, e.room_id, e.type, e.state_key, e.sender, e.origin_server_ts, e.content, e.extra";

const INSERT_EVENT: &str = "
    INSERT INTO events (event_id, room_id, type, state_key, sender, origin_server_ts, content, extra, membership)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

const MAKE_CURRENT: &str = "
    INSERT INTO current_state (room_id, type, state_key, stream_ordering, membership)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (room_id, type, state_key)
    DO UPDATE SET stream_ordering = excluded.stream_ordering, membership = excluded.membership";

/// Whether the room exists (has an `m.room.create`).
pub(super) fn exists(db: &mut dyn Conn, room: &str) -> Result<bool, DbError> {
    Ok(db
        .query_opt(
            "SELECT stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.create' AND state_key = ''",
            params![room],
            |row| row.int(0),
        )?
        .is_some())
}

/// Locks the room for the rest of the transaction, in every process. Only PostgreSQL needs
/// it: on SQLite the single writer already runs one write at a time.
fn lock_room(db: &mut dyn Conn, room: &str) -> Result<(), DbError> {
    if db.engine() == EngineKind::Postgres {
        db.execute(
            "SELECT stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.create' AND state_key = '' FOR UPDATE",
            params![room],
        )?;
    }
    Ok(())
}

/// The current state of `room` at `keys` (keys without state are left out).
fn state_at(db: &mut dyn Conn, room: &str, keys: &[StateKey]) -> Result<Vec<StateEntry>, DbError> {
    let mut entries = Vec::with_capacity(keys.len());
    for chunk in keys.chunks(KEYS_PER_QUERY) {
        let mut params = vec![room.into()];
        for key in chunk {
            params.push(key.event_type.as_str().into());
            params.push(key.state_key.as_str().into());
        }
        db.query_each(&STATE_AT[chunk.len() - 1], &params, &mut |row| {
            entries.push(StateEntry {
                key: StateKey::new(row.str(0)?, row.str(1)?),
                content: row.string(2)?,
                sender: row.string(3)?,
            });
            Ok(())
        })?;
    }
    Ok(entries)
}

/// Appends a state event sent by `sender` and makes it current; returns its event ID.
fn append(
    db: &mut dyn Conn,
    server_name: &str,
    room: &str,
    sender: &str,
    event: &NewEvent,
) -> Result<String, DbError> {
    let event_id = new_event_id(server_name);
    let content = serde_json::to_string(&event.content)?;
    let extra = serde_json::to_string(&event.extra())?;
    let membership = event.membership().map(membership_name);
    let stream = db.insert_returning_key(
        INSERT_EVENT,
        "stream_ordering",
        params![
            &event_id,
            room,
            &event.key.event_type,
            &event.key.state_key,
            sender,
            now_ms(),
            &content,
            &extra,
            membership
        ],
    )?;
    db.execute(
        MAKE_CURRENT,
        params![
            room,
            &event.key.event_type,
            &event.key.state_key,
            stream,
            membership
        ],
    )?;
    Ok(event_id)
}

/// A new event ID: `$`, the time in milliseconds (11 hex digits), 72 random bits, `:` and
/// the server name. Opaque to clients (`$opaque:domain`); beginning with the time, each new
/// ID sorts after the older ones, so the unique index on event IDs grows at its end (one
/// page written per commit) instead of taking a page somewhere in its middle per event.
fn new_event_id(server_name: &str) -> String {
    format!(
        "${:011x}{}:{server_name}",
        now_ms(),
        crate::credentials::random_string(9)
    )
}

fn stored_event(row: &super::db::Row<'_>) -> Result<StoredEvent, DbError> {
    Ok(StoredEvent {
        stream_ordering: row.int(0)?,
        event_id: row.string(1)?,
        room_id: row.string(2)?,
        event_type: row.string(3)?,
        state_key: row.opt_string(4)?,
        sender: row.string(5)?,
        origin_server_ts: row.int(6)?,
        content: serde_json::from_str(row.str(7)?)?,
        extra: serde_json::from_str(row.str(8)?)?,
    })
}

/// A read that grows with the room, written as JSON while its rows are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullRead {
    /// `/state`: the state events, as an array.
    State,
    /// `/members`: `{"chunk": [the member events]}`.
    Members,
    /// `/initialSync`: the room's ID, the reader's membership (its name), the last 20
    /// events, the state, and its visibility.
    InitialSync { membership: &'static str },
}

/// The room's state events (all, or only `m.room.member`) as of `at` (or now), in stream
/// order, each written to `out` as a client event, comma-separated.
fn write_state(
    db: &mut dyn Conn,
    room: &str,
    at: Option<i64>,
    members_only: bool,
    out: &mut Vec<u8>,
) -> Result<(), DbError> {
    // The member filter, on `current_state cs` (now) and on `events` (then).
    let (members_now, members_then) = if members_only {
        (
            " AND cs.type = 'm.room.member'",
            " AND type = 'm.room.member'",
        )
    } else {
        ("", "")
    };
    let mut first = true;
    let mut each = |row: &Row<'_>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        write_event(row, out)
    };
    match at {
        // Walks `current_state_in_order` (room, stream position): the rows come in stream
        // order, nothing is gathered or sorted, and the index carries the type to filter on.
        None => db.query_each(
            &format!(
                "SELECT {EVENT_COLUMNS} FROM current_state cs
                 JOIN events e ON e.stream_ordering = cs.stream_ordering
                 WHERE cs.room_id = $1{members_now}
                 ORDER BY cs.stream_ordering"
            ),
            params![room],
            &mut each,
        ),
        // The state when the user left: the latest state event per key up to then.
        Some(at) => db.query_each(
            &format!(
                "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_ordering IN (
                    SELECT MAX(stream_ordering) FROM events
                    WHERE room_id = $1 AND state_key IS NOT NULL AND stream_ordering <= $2{members_then}
                    GROUP BY type, state_key)
                 ORDER BY e.stream_ordering"
            ),
            params![room, at],
            &mut each,
        ),
    }
}

/// One row of [`EVENT_COLUMNS`] as the client event [`StoredEvent::to_json`] makes, written
/// straight from the stored text: the content is stored as a JSON object and copied as it
/// is. A row whose extra keys are not just `{}` (an invite's `invite_room_state`) goes
/// through [`StoredEvent::to_json`] itself.
fn write_event(row: &Row<'_>, out: &mut Vec<u8>) -> Result<(), DbError> {
    let content = row.str(7)?;
    if row.str(8)? != "{}" || !content.starts_with('{') {
        serde_json::to_writer(&mut *out, &stored_event(row)?.to_json())?;
        return Ok(());
    }
    let mut text = |key: &str, value: &str| -> Result<(), DbError> {
        out.extend_from_slice(key.as_bytes());
        serde_json::to_writer(&mut *out, value)?;
        Ok(())
    };
    text("{\"event_id\":", row.str(1)?)?;
    text(",\"room_id\":", row.str(2)?)?;
    text(",\"type\":", row.str(3)?)?;
    if let Some(state_key) = row.opt_str(4)? {
        text(",\"state_key\":", state_key)?;
    }
    let sender = row.str(5)?;
    text(",\"user_id\":", sender)?;
    text(",\"sender\":", sender)?;
    out.extend_from_slice(b",\"origin_server_ts\":");
    out.extend_from_slice(row.int(6)?.to_string().as_bytes());
    out.extend_from_slice(b",\"content\":");
    out.extend_from_slice(content.as_bytes());
    out.push(b'}');
    Ok(())
}

/// The most recent `limit` events up to `at` (or now), oldest first.
fn recent_events(
    db: &mut dyn Conn,
    room: &str,
    at: Option<i64>,
    limit: i64,
) -> Result<Vec<StoredEvent>, DbError> {
    let mut events = db.query(
        &format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE e.room_id = $1 AND e.stream_ordering <= $2
             ORDER BY e.stream_ordering DESC LIMIT $3"
        ),
        params![room, at.unwrap_or(i64::MAX), limit],
        stored_event,
    )?;
    events.reverse();
    Ok(events)
}

/// `what` of `room` as of `at` (or now), as the JSON body of its answer.
fn full_read(
    db: &mut dyn Conn,
    room: &str,
    at: Option<i64>,
    what: FullRead,
) -> Result<Vec<u8>, DbError> {
    let mut out = Vec::new();
    match what {
        FullRead::State => {
            out.push(b'[');
            write_state(db, room, at, false, &mut out)?;
            out.push(b']');
        }
        FullRead::Members => {
            out.extend_from_slice(b"{\"chunk\":[");
            write_state(db, room, at, true, &mut out)?;
            out.extend_from_slice(b"]}");
        }
        FullRead::InitialSync { membership } => {
            let messages = recent_events(db, room, at, 20)?;
            let start = messages.first().map_or(0, |e| e.stream_ordering);
            let end = messages.last().map_or(0, |e| e.stream_ordering);
            out.extend_from_slice(b"{\"room_id\":");
            serde_json::to_writer(&mut out, room)?;
            out.extend_from_slice(b",\"membership\":");
            serde_json::to_writer(&mut out, membership)?;
            out.extend_from_slice(
                format!(",\"messages\":{{\"start\":\"s{start}\",\"end\":\"s{end}\",\"chunk\":")
                    .as_bytes(),
            );
            let chunk: Vec<Value> = messages.iter().map(StoredEvent::to_json).collect();
            serde_json::to_writer(&mut out, &chunk)?;
            out.extend_from_slice(b"},\"state\":[");
            write_state(db, room, at, false, &mut out)?;
            out.extend_from_slice(b"],\"visibility\":\"private\"}");
        }
    }
    Ok(out)
}

impl Store {
    /// `what` of the room as of `at` (a stream position) or now, as its answer's JSON body:
    /// written row by row while the rows are read, on the thread of large reads, so that
    /// the room is never held as values and the async workers never build it.
    pub async fn read_room_json(
        &self,
        room: &RoomId,
        at: Option<i64>,
        what: FullRead,
    ) -> Result<Vec<u8>, InternalError> {
        let room = room.to_string();
        Ok(self
            .read_bulk(move |db: &mut dyn Conn| full_read(db, &room, at, what))
            .await?)
    }

    /// The content (stored JSON text) of the room's state event at one key, as of `at` or
    /// now: one index lookup, however big the room.
    pub async fn state_content(
        &self,
        room: &RoomId,
        at: Option<i64>,
        event_type: &str,
        state_key: &str,
    ) -> Result<Option<String>, InternalError> {
        let (room, event_type, state_key) = (
            room.to_string(),
            event_type.to_string(),
            state_key.to_string(),
        );
        Ok(self
            .read(move |db: &mut dyn Conn| match at {
                None => db.query_opt(
                    "SELECT e.content FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
                     WHERE cs.room_id = $1 AND cs.type = $2 AND cs.state_key = $3",
                    params![&room, &event_type, &state_key],
                    |row| row.string(0),
                ),
                Some(at) => db.query_opt(
                    "SELECT content FROM events
                     WHERE room_id = $1 AND type = $2 AND state_key = $3 AND stream_ordering <= $4
                     ORDER BY stream_ordering DESC LIMIT 1",
                    params![&room, &event_type, &state_key, at],
                    |row| row.string(0),
                ),
            })
            .await?)
    }

    /// Creates a room from its first events (the first must be `m.room.create`), all sent by
    /// `creator`, and optionally an alias for it, in one write. `false` when the alias is
    /// taken (and nothing is written).
    pub async fn create_room(
        &self,
        room: &RoomId,
        creator: &UserId,
        events: Vec<NewEvent>,
        alias: Option<&RoomAlias>,
    ) -> Result<bool, InternalError> {
        let (room, creator) = (room.to_string(), creator.to_string());
        let alias = alias.map(ToString::to_string);
        let server_name = self.server_name.clone();
        self.write(move |db: &mut dyn Conn| {
            if let Some(alias) = &alias {
                let added = db.execute(
                    "INSERT INTO room_aliases (alias, room_id, creator) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    params![alias, &room, &creator],
                )?;
                if added == 0 {
                    return Ok(false);
                }
            }
            for event in &events {
                append(db, &server_name, &room, &creator, event)?;
            }
            Ok(true)
        })
        .await
    }

    /// Locks the room, reads its state at `keys`, lets `decide` rule on it, and appends the
    /// event it returns (sent by `sender`), all in one write: no two changes of a room
    /// interleave, in this process or any other. Returns the new event's ID, if any. Like
    /// any write, it may run more than once ([`Store::write`]): `decide` only decides.
    pub async fn change_room<E>(
        &self,
        room: &RoomId,
        sender: &UserId,
        keys: Vec<StateKey>,
        mut decide: impl FnMut(&[StateEntry]) -> Result<Option<NewEvent>, E> + Send + 'static,
    ) -> Result<Option<String>, E>
    where
        E: From<DbError> + Send + 'static,
    {
        let (room, sender) = (room.to_string(), sender.to_string());
        let server_name = self.server_name.clone();
        self.write(move |db: &mut dyn Conn| {
            lock_room(db, &room)?;
            let entries = state_at(db, &room, &keys)?;
            match decide(&entries)? {
                Some(event) => Ok(Some(append(db, &server_name, &room, &sender, &event)?)),
                None => Ok(None),
            }
        })
        .await
    }

    /// The room's current state at `keys`, from a reader and without the room's lock: for
    /// checks that must run before a slow outbound call (the decision itself reads again,
    /// under the lock).
    pub async fn state_entries(
        &self,
        room: &RoomId,
        keys: Vec<StateKey>,
    ) -> Result<Vec<StateEntry>, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| state_at(db, &room, &keys))
            .await?)
    }

    /// The user's membership in a room and the stream position it took effect.
    pub async fn membership(
        &self,
        room: &RoomId,
        user: &UserId,
    ) -> Result<Option<(String, i64)>, InternalError> {
        let (room, user) = (room.to_string(), user.to_string());
        Ok(self
            .read(move |db: &mut dyn Conn| {
                db.query_opt(
                    "SELECT membership, stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.member' AND state_key = $2",
                    params![&room, &user],
                    |row| Ok((row.opt_string(0)?.unwrap_or_default(), row.int(1)?)),
                )
            })
            .await?)
    }

    pub async fn room_exists(&self, room: &RoomId) -> Result<bool, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| exists(db, &room))
            .await?)
    }

    /// The room's state as of `at` (a stream position), or its current state.
    pub async fn state(
        &self,
        room: &RoomId,
        at: Option<i64>,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| match at {
                None => db.query(
                    &format!(
                        "SELECT {EVENT_COLUMNS} FROM current_state cs JOIN events e ON e.stream_ordering = cs.stream_ordering
                         WHERE cs.room_id = $1 ORDER BY cs.stream_ordering"
                    ),
                    params![&room],
                    stored_event,
                ),
                // The state when the user left: the latest state event per key up to then.
                Some(at) => db.query(
                    &format!(
                        "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_ordering IN (
                            SELECT MAX(stream_ordering) FROM events
                            WHERE room_id = $1 AND state_key IS NOT NULL AND stream_ordering <= $2
                            GROUP BY type, state_key)
                         ORDER BY e.stream_ordering"
                    ),
                    params![&room, at],
                    stored_event,
                ),
            })
            .await?)
    }

    /// The most recent `limit` events up to `at`, oldest first.
    pub async fn messages(
        &self,
        room: &RoomId,
        at: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StoredEvent>, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| recent_events(db, &room, at, limit))
            .await?)
    }

    /// Forgets the user's memberships in the room up to their current one: a later
    /// membership (a rejoin) counts again.
    pub async fn forget(&self, user: &UserId, room: &RoomId) -> Result<(), InternalError> {
        let (user, room) = (user.to_string(), room.to_string());
        self.write(move |db: &mut dyn Conn| {
            db.execute(
                "INSERT INTO forgotten_rooms (user_id, room_id, forgotten_at)
                 SELECT $1, $2, stream_ordering FROM current_state
                 WHERE room_id = $2 AND type = 'm.room.member' AND state_key = $1
                 ON CONFLICT (user_id, room_id) DO UPDATE SET forgotten_at = excluded.forgotten_at",
                params![&user, &room],
            )?;
            Ok(())
        })
        .await
    }

    /// The user's memberships in the room, oldest first, and up to where they forgot them.
    pub async fn membership_history(
        &self,
        room: &RoomId,
        user: &UserId,
    ) -> Result<MembershipHistory, InternalError> {
        let (room, user) = (room.to_string(), user.to_string());
        Ok(self
            .read(move |db: &mut dyn Conn| {
                let memberships = db.query(
                    "SELECT stream_ordering, membership FROM events
                     WHERE room_id = $1 AND type = 'm.room.member' AND state_key = $2
                     ORDER BY stream_ordering",
                    params![&room, &user],
                    |row| Ok((row.int(0)?, row.opt_string(1)?.unwrap_or_default())),
                )?;
                let forgotten_at = db
                    .query_opt(
                        "SELECT forgotten_at FROM forgotten_rooms WHERE user_id = $1 AND room_id = $2",
                        params![&user, &room],
                        |row| row.opt_int(0),
                    )?
                    .flatten();
                Ok::<_, DbError>(MembershipHistory {
                    memberships,
                    forgotten_at,
                })
            })
            .await?)
    }

    /// How many events a room has, for tests that check nothing was appended.
    pub async fn event_count(&self, room: &RoomId) -> Result<i64, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| {
                db.query_one(
                    "SELECT COUNT(*) FROM events WHERE room_id = $1",
                    params![&room],
                    |row| row.int(0),
                )
            })
            .await?)
    }
}
