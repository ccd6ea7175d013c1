// Generated from api-spec/event-schemas/schema/v1/m.room.create by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `../../../event-schemas/schema/v1/m.room.create`.
#[allow(unused_imports)]
use super::*;
/// Schema: `../../../event-schemas/schema/v1/m.room.create#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CreateContent {
    /// The ``user_id`` of the room creator. This is set by the homeserver.
    pub creator: String,
    /// Whether users on other servers can join this room. Defaults to ``true`` if key does not exist.
    #[serde(rename = "m.federate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m_federate: Option<bool>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl CreateContent {
    /// The required fields; every optional one absent.
    pub fn new(creator: String) -> Self {
        CreateContent {
            creator,
            m_federate: None,
            additional_properties: Default::default(),
        }
    }
}
/// This is the first event in a room and cannot be changed. It acts as the root of all other events.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.create#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<CreateContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomCreateType>,
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
impl MRoomCreate {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomCreate {
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
/// Schema: `../../../event-schemas/schema/v1/m.room.create#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomCreateType {
    #[serde(rename = "m.room.create")]
    MRoomCreate,
}
