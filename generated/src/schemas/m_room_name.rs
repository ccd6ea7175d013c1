// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.name by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.name`.
#[allow(unused_imports)]
use super::*;
/// A room has an opaque room ID which is not human-friendly to read. A room alias is human-friendly, but not all rooms have room aliases. The room name is a human-friendly string designed to be displayed to the end-user. The room name is not unique, as multiple rooms can have the same room name set. The room name can also be set when creating a room using ``/createRoom`` with the ``name`` key.
///
/// Schema: `v1-event-schema/m.room.name#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<RoomNameContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<RoomNameType>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// A zero-length string.
    pub state_key: String,
    /// Optional. The previous ``content`` for this event. If there is no previous content, this key will be missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_content: Option<crate::runtime::JsonObject>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RoomName {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        RoomName {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            state_key,
            prev_content: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.name#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomNameContent {
    /// The name of the room. This MUST NOT exceed 255 bytes.
    pub name: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RoomNameContent {
    /// The required fields; every optional one absent.
    pub fn new(name: String) -> Self {
        RoomNameContent {
            name,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.name#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RoomNameType {
    #[serde(rename = "m.room.name")]
    MRoomName,
}
