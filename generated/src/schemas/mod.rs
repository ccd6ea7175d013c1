// Generated from api-spec/api/client-server/v1 by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Schema types shared across operations: those named by schema files and by
//! `definitions` / `components.schemas`.
/// `../../../event-schemas/schema/v1/m.room.create`
mod m_room_create;
pub use m_room_create::{CreateContent, MRoomCreate, MRoomCreateType};
/// `../../../event-schemas/schema/v1/m.room.join_rules`
mod m_room_join_rules;
pub use m_room_join_rules::{
    JoinRule, JoinRulesContent, MRoomJoinRules, MRoomJoinRulesType,
};
/// `../../../event-schemas/schema/v1/m.room.member`
mod m_room_member;
pub use m_room_member::{
    MemberContent, MemberEvent, MemberEventType, Membership, SignedProof, StrippedState,
    StrippedStateType, ThirdPartyProof,
};
/// `../../../event-schemas/schema/v1/m.room.power_levels`
mod m_room_power_levels;
pub use m_room_power_levels::{
    MRoomPowerLevels, MRoomPowerLevelsType, PowerLevelsContent,
};
/// `../../../event-schemas/schema/v1/m.room.third_party_invite`
mod m_room_third_party_invite;
pub use m_room_third_party_invite::{
    MRoomThirdPartyInvite, MRoomThirdPartyInviteType, ThirdPartyInviteContent,
};
/// `core-event-schema/room_event.json`
mod room_event;
pub use room_event::RoomEvent;
/// `core-event-schema/state_event.json`
mod state_event;
pub use state_event::StateEvent;
/// `definitions/error.yaml`
mod error;
pub use error::Error;
/// `v1-event-schema/core-event-schema/msgtype_infos/image_info.json`
mod image_info;
pub use image_info::ImageInfo;
/// `v1-event-schema/m.call.answer`
mod m_call_answer;
pub use m_call_answer::{
    Answer, AnswerType, MCallAnswer, MCallAnswerContent, MCallAnswerType,
};
/// `v1-event-schema/m.call.candidates`
mod m_call_candidates;
pub use m_call_candidates::{
    Candidate, MCallCandidates, MCallCandidatesContent, MCallCandidatesType,
};
/// `v1-event-schema/m.call.hangup`
mod m_call_hangup;
pub use m_call_hangup::{MCallHangup, MCallHangupContent, MCallHangupType};
/// `v1-event-schema/m.call.invite`
mod m_call_invite;
pub use m_call_invite::{
    MCallInvite, MCallInviteContent, MCallInviteType, Offer, OfferType,
};
/// `v1-event-schema/m.presence`
mod m_presence;
pub use m_presence::{
    PresenceEvent, PresenceEventContent, PresenceEventContentPresence, PresenceEventType,
};
/// `v1-event-schema/m.receipt`
mod m_receipt;
pub use m_receipt::{ReceiptEvent, ReceiptEventType};
/// `v1-event-schema/m.room.aliases`
mod m_room_aliases;
pub use m_room_aliases::{MRoomAliases, MRoomAliasesContent, MRoomAliasesType};
/// `v1-event-schema/m.room.avatar`
mod m_room_avatar;
pub use m_room_avatar::{RoomAvatar, RoomAvatarContent, RoomAvatarType};
/// `v1-event-schema/m.room.canonical_alias`
mod m_room_canonical_alias;
pub use m_room_canonical_alias::{
    MRoomCanonicalAlias, MRoomCanonicalAliasContent, MRoomCanonicalAliasType,
};
/// `v1-event-schema/m.room.history_visibility`
mod m_room_history_visibility;
pub use m_room_history_visibility::{
    MRoomHistoryVisibility, MRoomHistoryVisibilityContent,
    MRoomHistoryVisibilityContentHistoryVisibility, MRoomHistoryVisibilityType,
};
/// `v1-event-schema/m.room.message`
mod m_room_message;
pub use m_room_message::{
    AudioInfo, AudioMessage, AudioMessageContent, AudioMessageContentMsgtype,
    AudioMessageType, EmoteMessage, EmoteMessageContent, EmoteMessageContentMsgtype,
    EmoteMessageType, FileInfo, FileMessage, FileMessageContent,
    FileMessageContentMsgtype, FileMessageType, ImageMessage, ImageMessageContent,
    ImageMessageContentMsgtype, ImageMessageType, LocationMessage,
    LocationMessageContent, LocationMessageContentMsgtype, LocationMessageType,
    NoticeMessage, NoticeMessageContent, NoticeMessageContentMsgtype, NoticeMessageType,
    TextMessage, TextMessageContent, TextMessageContentMsgtype, TextMessageType,
    VideoInfo, VideoMessage, VideoMessageContent, VideoMessageContentMsgtype,
    VideoMessageType,
};
/// `v1-event-schema/m.room.message.feedback`
mod m_room_message_feedback;
pub use m_room_message_feedback::{
    MessageFeedback, MessageFeedbackContent, MessageFeedbackContentType,
    MessageFeedbackType,
};
/// `v1-event-schema/m.room.name`
mod m_room_name;
pub use m_room_name::{RoomName, RoomNameContent, RoomNameType};
/// `v1-event-schema/m.room.redaction`
mod m_room_redaction;
pub use m_room_redaction::{Redaction, RedactionContent, RedactionType};
/// `v1-event-schema/m.room.topic`
mod m_room_topic;
pub use m_room_topic::{Topic, TopicContent, TopicType};
/// `v1-event-schema/m.typing`
mod m_typing;
pub use m_typing::{TypingEvent, TypingEventContent, TypingEventType};
