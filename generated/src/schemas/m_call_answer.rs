// Generated from api-spec/api/client-server/v1/v1-event-schema/m.call.answer by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.call.answer`.
#[allow(unused_imports)]
use super::*;
/// The session description object
///
/// Schema: `v1-event-schema/m.call.answer#/properties/content/properties/answer`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Answer {
    /// The type of session description.
    #[serde(rename = "type")]
    pub type_: AnswerType,
    /// The SDP text of the session description.
    pub sdp: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl Answer {
    /// The required fields; every optional one absent.
    pub fn new(type_: AnswerType, sdp: String) -> Self {
        Answer {
            type_,
            sdp,
            additional_properties: Default::default(),
        }
    }
}
/// The type of session description.
///
/// Schema: `v1-event-schema/m.call.answer#/properties/content/properties/answer/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AnswerType {
    #[serde(rename = "answer")]
    Answer,
}
/// This event is sent by the callee when they wish to answer the call.
///
/// Schema: `v1-event-schema/m.call.answer#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MCallAnswerContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MCallAnswerType>,
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
impl MCallAnswer {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        MCallAnswer {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.answer#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallAnswerContent {
    /// The ID of the call this event relates to.
    pub call_id: String,
    /// The session description object
    pub answer: Answer,
    pub version: f64,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MCallAnswerContent {
    /// The required fields; every optional one absent.
    pub fn new(call_id: String, answer: Answer, version: f64) -> Self {
        MCallAnswerContent {
            call_id,
            answer,
            version,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.answer#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MCallAnswerType {
    #[serde(rename = "m.call.answer")]
    MCallAnswer,
}
