// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.redaction by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.redaction`.
#[allow(unused_imports)]
use super::*;
/// Events can be redacted by either room or server admins. Redacting an event means that all keys not required by the protocol are stripped off, allowing admins to remove offensive or illegal content that may have been attached to any event. This cannot be undone, allowing server owners to physically delete the offending data.  There is also a concept of a moderator hiding a message event, which can be undone, but cannot be applied to state events. The event that has been redacted is specified in the ``redacts`` event level key.
///
/// Schema: `v1-event-schema/m.room.redaction#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Redaction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<RedactionContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<RedactionType>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The event ID that was redacted.
    pub redacts: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl Redaction {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, redacts: String) -> Self {
        Redaction {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            redacts,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.redaction#/properties/content`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RedactionContent {
    /// The reason for the redaction, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RedactionContent {
    /// Every field absent.
    pub fn new() -> Self {
        RedactionContent {
            reason: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.redaction#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RedactionType {
    #[serde(rename = "m.room.redaction")]
    MRoomRedaction,
}
