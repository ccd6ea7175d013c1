// Generated from api-spec/event-schemas/schema/v1/m.room.power_levels by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `../../../event-schemas/schema/v1/m.room.power_levels`.
#[allow(unused_imports)]
use super::*;
/// This event specifies the minimum level a user must have in order to perform a certain action. It also specifies the levels of each user in the room. If a ``user_id`` is in the ``users`` list, then that ``user_id`` has the associated power level. Otherwise they have the default level ``users_default``. If ``users_default`` is not supplied, it is assumed to be 0. The level required to send a certain event is governed by ``events``, ``state_default`` and ``events_default``. If an event type is specified in ``events``, then the user must have at least the level specified in order to send that event. If the event type is not supplied, it defaults to ``events_default`` for Message Events and ``state_default`` for State Events.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.power_levels#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomPowerLevels {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<PowerLevelsContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomPowerLevelsType>,
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
impl MRoomPowerLevels {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomPowerLevels {
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
/// Schema: `../../../event-schemas/schema/v1/m.room.power_levels#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomPowerLevelsType {
    #[serde(rename = "m.room.power_levels")]
    MRoomPowerLevels,
}
/// Schema: `../../../event-schemas/schema/v1/m.room.power_levels#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PowerLevelsContent {
    /// The level required to ban a user.
    pub ban: i64,
    /// The default level required to send message events. Can be overridden by the ``events`` key.
    pub events_default: i64,
    /// The level required to kick a user.
    pub kick: i64,
    /// The level required to redact an event.
    pub redact: i64,
    /// The default level required to send state events. Can be overridden by the ``events`` key.
    pub state_default: i64,
    /// The default power level for every user in the room, unless their ``user_id`` is mentioned in the ``users`` key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_default: Option<i64>,
    /// The level required to send specific event types. This is a mapping from event type to power level required.
    pub events: std::collections::BTreeMap<String, i64>,
    /// The power levels for specific users. This is a mapping from ``user_id`` to power level for that user.
    pub users: std::collections::BTreeMap<String, i64>,
    /// The level required to invite a user. 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<i64>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl PowerLevelsContent {
    /// The required fields; every optional one absent.
    pub fn new(
        ban: i64,
        events_default: i64,
        kick: i64,
        redact: i64,
        state_default: i64,
        events: std::collections::BTreeMap<String, i64>,
        users: std::collections::BTreeMap<String, i64>,
    ) -> Self {
        PowerLevelsContent {
            ban,
            events_default,
            kick,
            redact,
            state_default,
            users_default: None,
            events,
            users,
            invite: None,
            additional_properties: Default::default(),
        }
    }
}
