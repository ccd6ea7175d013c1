// Generated from api-spec/event-schemas/schema/v1/m.room.join_rules by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `../../../event-schemas/schema/v1/m.room.join_rules`.
#[allow(unused_imports)]
use super::*;
/// The type of rules used for users wishing to join this room.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.join_rules#/properties/content/properties/join_rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum JoinRule {
    #[serde(rename = "public")]
    Public,
    #[serde(rename = "knock")]
    Knock,
    #[serde(rename = "invite")]
    Invite,
    #[serde(rename = "private")]
    Private,
}
/// Schema: `../../../event-schemas/schema/v1/m.room.join_rules#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JoinRulesContent {
    /// The type of rules used for users wishing to join this room.
    pub join_rule: JoinRule,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl JoinRulesContent {
    /// The required fields; every optional one absent.
    pub fn new(join_rule: JoinRule) -> Self {
        JoinRulesContent {
            join_rule,
            additional_properties: Default::default(),
        }
    }
}
/// A room may be ``public`` meaning anyone can join the room without any prior action. Alternatively, it can be ``invite`` meaning that a user who wishes to join the room must first receive an invite to the room from someone already inside of the room. Currently, ``knock`` and ``private`` are reserved keywords which are not implemented.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.join_rules#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomJoinRules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<JoinRulesContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomJoinRulesType>,
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
impl MRoomJoinRules {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomJoinRules {
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
/// Schema: `../../../event-schemas/schema/v1/m.room.join_rules#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomJoinRulesType {
    #[serde(rename = "m.room.join_rules")]
    MRoomJoinRules,
}
