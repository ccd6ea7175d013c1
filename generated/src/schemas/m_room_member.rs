// Generated from api-spec/event-schemas/schema/v1/m.room.member by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `../../../event-schemas/schema/v1/m.room.member`.
#[allow(unused_imports)]
use super::*;
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberContent {
    /// The membership state of the user.
    pub membership: Membership,
    /// The avatar URL for this user, if any. This is added by the homeserver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The display name for this user, if any. This is added by the homeserver.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::runtime::double_option"
    )]
    pub displayname: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_invite: Option<ThirdPartyProof>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MemberContent {
    /// The required fields; every optional one absent.
    pub fn new(membership: Membership) -> Self {
        MemberContent {
            membership,
            avatar_url: None,
            displayname: None,
            third_party_invite: None,
            additional_properties: Default::default(),
        }
    }
}
/// Adjusts the membership state for a user in a room. It is preferable to use the membership APIs (``/rooms/<room id>/invite`` etc) when performing membership actions rather than adjusting the state directly as there are a restricted set of valid transformations. For example, user A cannot force user B to join a room, and trying to force this state change directly will fail.
///
/// The ``third_party_invite`` property will be set if the invite was an ``m.room.third_party_invite`` event, and absent if the invite was an ``m.room.member`` event.
///
/// This event also includes an ``invite_room_state`` key **outside the** ``content`` **key**. This contains an array of ``StrippedState`` Events. These events provide information on a few select state events such as the room name.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.member#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberEvent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<MemberContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<MemberEventType>,
    /// The ID of the room associated with this event.
    pub room_id: String,
    /// The globally unique event identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// Contains the fully-qualified ID of the user who *sent* this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The ``user_id`` this membership event relates to.
    pub state_key: String,
    /// Optional. The previous ``content`` for this event. If there is no previous content, this key will be missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_content: Option<crate::runtime::JsonObject>,
    /// A subset of the state of the room at the time of the invite, if ``membership`` is ``invite``
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_room_state: Option<Vec<StrippedState>>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl MemberEvent {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, state_key: String) -> Self {
        MemberEvent {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            state_key,
            prev_content: None,
            invite_room_state: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MemberEventType {
    #[serde(rename = "m.room.member")]
    MRoomMember,
}
/// The membership state of the user.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/content/properties/membership`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Membership {
    #[serde(rename = "invite")]
    Invite,
    #[serde(rename = "join")]
    Join,
    #[serde(rename = "knock")]
    Knock,
    #[serde(rename = "leave")]
    Leave,
    #[serde(rename = "ban")]
    Ban,
}
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/content/properties/third_party_invite/properties/signed`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignedProof {
    /// The invited matrix user ID. Must be equal to the user_id property of the event.
    pub mxid: String,
    /// The token property of the containing third_party_invite object.
    pub token: String,
    /// A single signature from the verifying server, in the format specified by the Signing Events section.
    pub signatures: crate::runtime::JsonObject,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl SignedProof {
    /// The required fields; every optional one absent.
    pub fn new(
        mxid: String,
        token: String,
        signatures: crate::runtime::JsonObject,
    ) -> Self {
        SignedProof {
            mxid,
            token,
            signatures,
            additional_properties: Default::default(),
        }
    }
}
/// A stripped down state event, with only the ``type``, ``state_key`` and ``content`` keys.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/invite_room_state/items`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StrippedState {
    /// The ``type`` for the event.
    #[serde(rename = "type")]
    pub type_: StrippedStateType,
    /// The ``state_key`` for the event.
    pub state_key: String,
    /// The ``content`` for the event.
    pub content: crate::runtime::JsonObject,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl StrippedState {
    /// The required fields; every optional one absent.
    pub fn new(
        type_: StrippedStateType,
        state_key: String,
        content: crate::runtime::JsonObject,
    ) -> Self {
        StrippedState {
            type_,
            state_key,
            content,
            additional_properties: Default::default(),
        }
    }
}
/// The ``type`` for the event.
///
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/invite_room_state/items/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum StrippedStateType {
    #[serde(rename = "m.room.join_rules")]
    MRoomJoinRules,
    #[serde(rename = "m.room.canonical_alias")]
    MRoomCanonicalAlias,
    #[serde(rename = "m.room.avatar")]
    MRoomAvatar,
    #[serde(rename = "m.room.name")]
    MRoomName,
}
/// Schema: `../../../event-schemas/schema/v1/m.room.member#/properties/content/properties/third_party_invite`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThirdPartyProof {
    /// A token which must be correctly signed, in order to join the room.
    pub token: String,
    /// A URL which can be fetched, with querystring ``public_key=public_key``, to validate whether the key has been revoked. The URL must return a JSON object containing a boolean property named 'valid'.
    pub key_validity_url: String,
    /// A base64-encoded ed25519 key with which token must be signed.
    pub public_key: String,
    pub signed: SignedProof,
    /// The matrix user ID of the user who send the invite which is being used.
    pub sender: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl ThirdPartyProof {
    /// The required fields; every optional one absent.
    pub fn new(
        token: String,
        key_validity_url: String,
        public_key: String,
        signed: SignedProof,
        sender: String,
    ) -> Self {
        ThirdPartyProof {
            token,
            key_validity_url,
            public_key,
            signed,
            sender,
            additional_properties: Default::default(),
        }
    }
}
