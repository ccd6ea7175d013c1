// Generated from api-spec/api/client-server/v1/v1-event-schema/m.call.candidates by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.call.candidates`.
#[allow(unused_imports)]
use super::*;
/// Schema: `v1-event-schema/m.call.candidates#/properties/content/properties/candidates/items`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The SDP media type this candidate is intended for.
    #[serde(rename = "sdpMid")]
    pub sdp_mid: String,
    /// The index of the SDP 'm' line this candidate is intended for.
    #[serde(rename = "sdpMLineIndex")]
    pub sdp_m_line_index: f64,
    /// The SDP 'a' line of the candidate.
    pub candidate: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl Candidate {
    /// The required fields; every optional one absent.
    pub fn new(sdp_mid: String, sdp_m_line_index: f64, candidate: String) -> Self {
        Candidate {
            sdp_mid,
            sdp_m_line_index,
            candidate,
            additional_properties: Default::default(),
        }
    }
}
/// This event is sent by callers after sending an invite and by the callee after answering. Its purpose is to give the other party additional ICE candidates to try using to communicate.
///
/// Schema: `v1-event-schema/m.call.candidates#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallCandidates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MCallCandidatesContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MCallCandidatesType>,
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
impl MCallCandidates {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        MCallCandidates {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.candidates#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MCallCandidatesContent {
    /// The ID of the call this event relates to.
    pub call_id: String,
    /// Array of objects describing the candidates.
    pub candidates: Vec<Candidate>,
    /// The version of the VoIP specification this messages adheres to. This specification is version 0.
    pub version: i64,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MCallCandidatesContent {
    /// The required fields; every optional one absent.
    pub fn new(call_id: String, candidates: Vec<Candidate>, version: i64) -> Self {
        MCallCandidatesContent {
            call_id,
            candidates,
            version,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.call.candidates#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MCallCandidatesType {
    #[serde(rename = "m.call.candidates")]
    MCallCandidates,
}
