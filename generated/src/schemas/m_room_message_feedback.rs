// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.message.feedback by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.message.feedback`.
#[allow(unused_imports)]
use super::*;
/// **NB: Usage of this event is discouraged in favour of the** `receipts module`_. **Most clients will not recognise this event.** Feedback events are events sent to acknowledge a message in some way. There are two supported acknowledgements: ``delivered`` (sent when the event has been received) and ``read`` (sent when the event has been observed by the end-user). The ``target_event_id`` should reference the ``m.room.message`` event being acknowledged.
///
/// Schema: `v1-event-schema/m.room.message.feedback#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MessageFeedback {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MessageFeedbackContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MessageFeedbackType>,
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
impl MessageFeedback {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        MessageFeedback {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message.feedback#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MessageFeedbackContent {
    /// The type of feedback.
    #[serde(rename = "type")]
    pub type_: MessageFeedbackContentType,
    /// The event that this feedback is related to.
    pub target_event_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MessageFeedbackContent {
    /// The required fields; every optional one absent.
    pub fn new(type_: MessageFeedbackContentType, target_event_id: String) -> Self {
        MessageFeedbackContent {
            type_,
            target_event_id,
            additional_properties: Default::default(),
        }
    }
}
/// The type of feedback.
///
/// Schema: `v1-event-schema/m.room.message.feedback#/properties/content/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MessageFeedbackContentType {
    #[serde(rename = "delivered")]
    Delivered,
    #[serde(rename = "read")]
    Read,
}
/// Schema: `v1-event-schema/m.room.message.feedback#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MessageFeedbackType {
    #[serde(rename = "m.room.message.feedback")]
    MRoomMessageFeedback,
}
