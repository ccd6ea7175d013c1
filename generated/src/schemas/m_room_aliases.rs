// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.aliases by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.aliases`.
#[allow(unused_imports)]
use super::*;
/// This event is sent by a homeserver directly to inform of changes to the list of aliases it knows about for that room. The ``state_key`` for this event is set to the homeserver which owns the room alias. The entire set of known aliases for the room is the union of all the ``m.room.aliases`` events, one for each homeserver. Clients **should** check the validity of any room alias given in this list before presenting it to the user as trusted fact. The lists given by this event should be considered simply as advice on which aliases might exist, for which the client can perform the lookup to confirm whether it receives the correct room ID.
///
/// Schema: `v1-event-schema/m.room.aliases#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomAliases {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MRoomAliasesContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomAliasesType>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The homeserver domain which owns these room aliases.
    pub state_key: String,
    /// Optional. The previous ``content`` for this event. If there is no previous content, this key will be missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_content: Option<crate::runtime::JsonObject>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MRoomAliases {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomAliases {
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
/// Schema: `v1-event-schema/m.room.aliases#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomAliasesContent {
    /// A list of room aliases.
    pub aliases: Vec<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MRoomAliasesContent {
    /// The required fields; every optional one absent.
    pub fn new(aliases: Vec<String>) -> Self {
        MRoomAliasesContent {
            aliases,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.aliases#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomAliasesType {
    #[serde(rename = "m.room.aliases")]
    MRoomAliases,
}
