// Generated from api-spec/api/client-server/v1/v1-event-schema/m.presence by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.presence`.
#[allow(unused_imports)]
use super::*;
/// Informs the client of a user's presence state change.
///
/// Schema: `v1-event-schema/m.presence#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PresenceEvent {
    pub content: PresenceEventContent,
    #[serde(rename = "type")]
    pub type_: PresenceEventType,
    pub event_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl PresenceEvent {
    /// The required fields; every optional one absent.
    pub fn new(
        content: PresenceEventContent,
        type_: PresenceEventType,
        event_id: String,
    ) -> Self {
        PresenceEvent {
            content,
            type_,
            event_id,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.presence#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PresenceEventContent {
    /// The current avatar URL for this user, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The current display name for this user, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub displayname: Option<String>,
    /// The last time since this used performed some action, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_active_ago: Option<f64>,
    /// The presence state for this user.
    pub presence: PresenceEventContentPresence,
    /// The user's ID.
    pub user_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl PresenceEventContent {
    /// The required fields; every optional one absent.
    pub fn new(presence: PresenceEventContentPresence, user_id: String) -> Self {
        PresenceEventContent {
            avatar_url: None,
            displayname: None,
            last_active_ago: None,
            presence,
            user_id,
            additional_properties: Default::default(),
        }
    }
}
/// The presence state for this user.
///
/// Schema: `v1-event-schema/m.presence#/properties/content/properties/presence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PresenceEventContentPresence {
    #[serde(rename = "online")]
    Online,
    #[serde(rename = "offline")]
    Offline,
    #[serde(rename = "unavailable")]
    Unavailable,
    #[serde(rename = "free_for_chat")]
    FreeForChat,
    #[serde(rename = "hidden")]
    Hidden,
}
/// Schema: `v1-event-schema/m.presence#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PresenceEventType {
    #[serde(rename = "m.presence")]
    MPresence,
}
