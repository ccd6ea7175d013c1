// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.avatar by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.avatar`.
#[allow(unused_imports)]
use super::*;
/// A picture that is associated with the room. This can be displayed alongside the room information.
///
/// Schema: `v1-event-schema/m.room.avatar#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomAvatar {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<RoomAvatarContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<RoomAvatarType>,
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
impl RoomAvatar {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        RoomAvatar {
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
/// Schema: `v1-event-schema/m.room.avatar#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomAvatarContent {
    /// The URL to the image.
    pub url: String,
    /// The URL to the thumbnail of the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// Metadata about the image referred to in ``thumbnail_url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_info: Option<ImageInfo>,
    /// Metadata about the image referred to in ``url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<ImageInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RoomAvatarContent {
    /// The required fields; every optional one absent.
    pub fn new(url: String) -> Self {
        RoomAvatarContent {
            url,
            thumbnail_url: None,
            thumbnail_info: None,
            info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.avatar#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RoomAvatarType {
    #[serde(rename = "m.room.avatar")]
    MRoomAvatar,
}
