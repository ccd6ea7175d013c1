// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.history_visibility by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.history_visibility`.
#[allow(unused_imports)]
use super::*;
/// This event controls whether a member of a room can see the events that happened in a room from before they joined.
///
/// Schema: `v1-event-schema/m.room.history_visibility#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomHistoryVisibility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MRoomHistoryVisibilityContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomHistoryVisibilityType>,
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
impl MRoomHistoryVisibility {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomHistoryVisibility {
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
/// Schema: `v1-event-schema/m.room.history_visibility#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomHistoryVisibilityContent {
    /// Who can see the room history.
    pub history_visibility: MRoomHistoryVisibilityContentHistoryVisibility,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MRoomHistoryVisibilityContent {
    /// The required fields; every optional one absent.
    pub fn new(
        history_visibility: MRoomHistoryVisibilityContentHistoryVisibility,
    ) -> Self {
        MRoomHistoryVisibilityContent {
            history_visibility,
            additional_properties: Default::default(),
        }
    }
}
/// Who can see the room history.
///
/// Schema: `v1-event-schema/m.room.history_visibility#/properties/content/properties/history_visibility`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomHistoryVisibilityContentHistoryVisibility {
    #[serde(rename = "invited")]
    Invited,
    #[serde(rename = "joined")]
    Joined,
    #[serde(rename = "shared")]
    Shared,
}
/// Schema: `v1-event-schema/m.room.history_visibility#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomHistoryVisibilityType {
    #[serde(rename = "m.room.history_visibility")]
    MRoomHistoryVisibility,
}
