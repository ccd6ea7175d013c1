// Generated from api-spec/api/client-server/v1/core-event-schema/room_event.json by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `core-event-schema/room_event.json`.
#[allow(unused_imports)]
use super::*;
/// In addition to the Event fields, Room Events MUST have the following additional field.
///
/// Schema: `core-event-schema/room_event.json#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomEvent {
    /// The fields in this object will vary depending on the type of event. When interacting with the REST API, this is the HTTP body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<crate::runtime::JsonObject>,
    /// The type of event. This SHOULD be namespaced similar to Java package naming conventions e.g. 'com.example.subdomain.event.type'
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RoomEvent {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        RoomEvent {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
