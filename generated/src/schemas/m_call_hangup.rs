// Generated from api-spec/api/client-server/v1/v1-event-schema/m.call.hangup by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.call.hangup`.
#[allow(unused_imports)]
use super::*;
/// Sent by either party to signal their termination of the call. This can be sent either once the call has has been established or before to abort the call.
///
/// Schema: `v1-event-schema/m.call.hangup#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallHangup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MCallHangupContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MCallHangupType>,
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
impl MCallHangup {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        MCallHangup {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.hangup#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallHangupContent {
    /// The ID of the call this event relates to.
    pub call_id: String,
    /// The version of the VoIP specification this message adheres to. This specification is version 0.
    pub version: i64,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MCallHangupContent {
    /// The required fields; every optional one absent.
    pub fn new(call_id: String, version: i64) -> Self {
        MCallHangupContent {
            call_id,
            version,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.hangup#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MCallHangupType {
    #[serde(rename = "m.call.hangup")]
    MCallHangup,
}
