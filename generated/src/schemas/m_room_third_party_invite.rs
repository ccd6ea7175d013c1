// Generated from api-spec/event-schemas/schema/v1/m.room.third_party_invite by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `../../../event-schemas/schema/v1/m.room.third_party_invite`.
#[allow(unused_imports)]
use super::*;
/// Acts as an ``m.room.member`` invite event, where there isn't a target user_id to invite. This event contains a token and a public key whose private key must be used to sign the token. Any user who can present that signature may use this invitation to join the target room.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.third_party_invite#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MRoomThirdPartyInvite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<ThirdPartyInviteContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MRoomThirdPartyInviteType>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The token, of which a signature must be produced in order to join the room.
    pub state_key: String,
    /// Optional. The previous ``content`` for this event. If there is no previous content, this key will be missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_content: Option<crate::runtime::JsonObject>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MRoomThirdPartyInvite {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MRoomThirdPartyInvite {
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
/// Schema: `../../../event-schemas/schema/v1/m.room.third_party_invite#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MRoomThirdPartyInviteType {
    #[serde(rename = "m.room.third_party_invite")]
    MRoomThirdPartyInvite,
}
/// Schema: `../../../event-schemas/schema/v1/m.room.third_party_invite#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThirdPartyInviteContent {
    /// A user-readable string which represents the user who has been invited. This should not contain the user's third party ID, as otherwise when the invite is accepted it would leak the association between the matrix ID and the third party ID.
    pub display_name: String,
    /// A URL which can be fetched, with querystring public_key=public_key, to validate whether the key has been revoked. The URL must return a JSON object containing a boolean property named 'valid'.
    pub key_validity_url: String,
    /// A base64-encoded ed25519 key with which token must be signed.
    pub public_key: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl ThirdPartyInviteContent {
    /// The required fields; every optional one absent.
    pub fn new(
        display_name: String,
        key_validity_url: String,
        public_key: String,
    ) -> Self {
        ThirdPartyInviteContent {
            display_name,
            key_validity_url,
            public_key,
            additional_properties: Default::default(),
        }
    }
}
