// Generated from api-spec/api/client-server/v1/v1-event-schema/m.call.invite by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.call.invite`.
#[allow(unused_imports)]
use super::*;
/// This event is sent by the caller when they wish to establish a call.
///
/// Schema: `v1-event-schema/m.call.invite#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallInvite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MCallInviteContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MCallInviteType>,
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
impl MCallInvite {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        MCallInvite {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.invite#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallInviteContent {
    /// A unique identifer for the call.
    pub call_id: String,
    /// The session description object
    pub offer: Offer,
    /// The version of the VoIP specification this message adheres to. This specification is version 0.
    pub version: i64,
    /// The time in milliseconds that the invite is valid for. Once the invite age exceeds this value, clients should discard it. They should also no longer show the call as awaiting an answer in the UI.
    pub lifetime: i64,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MCallInviteContent {
    /// The required fields; every optional one absent.
    pub fn new(call_id: String, offer: Offer, version: i64, lifetime: i64) -> Self {
        MCallInviteContent {
            call_id,
            offer,
            version,
            lifetime,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.invite#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MCallInviteType {
    #[serde(rename = "m.call.invite")]
    MCallInvite,
}
/// The session description object
///
/// Schema: `v1-event-schema/m.call.invite#/properties/content/properties/offer`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Offer {
    /// The type of session description.
    #[serde(rename = "type")]
    pub type_: OfferType,
    /// The SDP text of the session description.
    pub sdp: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl Offer {
    /// The required fields; every optional one absent.
    pub fn new(type_: OfferType, sdp: String) -> Self {
        Offer {
            type_,
            sdp,
            additional_properties: Default::default(),
        }
    }
}
/// The type of session description.
///
/// Schema: `v1-event-schema/m.call.invite#/properties/content/properties/offer/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum OfferType {
    #[serde(rename = "offer")]
    Offer,
}
