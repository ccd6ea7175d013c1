// Generated from api-spec/api/client-server/v1/v1-event-schema/m.typing by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.typing`.
#[allow(unused_imports)]
use super::*;
/// Informs the client of the list of users currently typing.
///
/// Schema: `v1-event-schema/m.typing#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypingEvent {
    pub content: TypingEventContent,
    #[serde(rename = "type")]
    pub type_: TypingEventType,
    pub room_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl TypingEvent {
    /// The required fields; every optional one absent.
    pub fn new(
        content: TypingEventContent,
        type_: TypingEventType,
        room_id: String,
    ) -> Self {
        TypingEvent {
            content,
            type_,
            room_id,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.typing#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypingEventContent {
    /// The list of user IDs typing in this room, if any.
    pub user_ids: Vec<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl TypingEventContent {
    /// The required fields; every optional one absent.
    pub fn new(user_ids: Vec<String>) -> Self {
        TypingEventContent {
            user_ids,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.typing#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TypingEventType {
    #[serde(rename = "m.typing")]
    MTyping,
}
