//! Storage: the narrow boundary between the handlers and the database.
//!
//! Everything the server keeps goes through [`Store`]: users and hashed tokens, rooms as an
//! append-only event log with a current-state table, aliases. A membership change is read,
//! decided and written in one transaction on the single writer connection, so changes to a
//! room are serialised and a request answered 200 is committed before the answer.

mod sqlite;

pub use sqlite::{Decision, Durability, PutAlias, Store};

use serde_json::Value;

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
