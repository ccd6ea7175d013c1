// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.topic by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.topic`.
#[allow(unused_imports)]
use super::*;
/// A topic is a short message detailing what is currently being discussed in the room.  It can also be used as a way to display extra information about the room, which may not be suitable for the room name. The room topic can also be set when creating a room using ``/createRoom`` with the ``topic`` key.
///
/// Schema: `v1-event-schema/m.room.topic#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Topic {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<TopicContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<TopicType>,
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
impl Topic {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        Topic {
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
/// Schema: `v1-event-schema/m.room.topic#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TopicContent {
    /// The topic text.
    pub topic: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl TopicContent {
    /// The required fields; every optional one absent.
    pub fn new(topic: String) -> Self {
        TopicContent {
            topic,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.topic#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TopicType {
    #[serde(rename = "m.room.topic")]
    MRoomTopic,
}
