// Generated from api-spec/api/client-server/v1/v1-event-schema/m.room.message by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Types from `v1-event-schema/m.room.message`.
#[allow(unused_imports)]
use super::*;
/// Metadata for the audio clip referred to in ``url``.
///
/// Schema: `v1-event-schema/m.room.message#m.audio#/properties/content/properties/info`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct AudioInfo {
    /// The mimetype of the audio e.g. ``audio/aac``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mimetype: Option<String>,
    /// The size of the audio clip in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// The duration of the audio in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl AudioInfo {
    /// Every field absent.
    pub fn new() -> Self {
        AudioInfo {
            mimetype: None,
            size: None,
            duration: None,
            additional_properties: Default::default(),
        }
    }
}
/// This message represents a single audio clip.
///
/// Schema: `v1-event-schema/m.room.message#m.audio#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AudioMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<AudioMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<AudioMessageType>,
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
impl AudioMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        AudioMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.audio#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AudioMessageContent {
    pub msgtype: AudioMessageContentMsgtype,
    /// A description of the audio e.g. 'Bee Gees - Stayin' Alive', or some kind of content description for accessibility e.g. 'audio attachment'.
    pub body: String,
    /// The URL to the audio clip.
    pub url: String,
    /// Metadata for the audio clip referred to in ``url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<AudioInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl AudioMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: AudioMessageContentMsgtype, body: String, url: String) -> Self {
        AudioMessageContent {
            msgtype,
            body,
            url,
            info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.audio#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AudioMessageContentMsgtype {
    #[serde(rename = "m.audio")]
    MAudio,
}
/// Schema: `v1-event-schema/m.room.message#m.audio#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AudioMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// This message is similar to ``m.text`` except that the sender is 'performing' the action contained in the ``body`` key, similar to ``/me`` in IRC. This message should be prefixed by the name of the sender. This message could also be represented in a different colour to distinguish it from regular ``m.text`` messages.
///
/// Schema: `v1-event-schema/m.room.message#m.emote#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EmoteMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<EmoteMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<EmoteMessageType>,
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
impl EmoteMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        EmoteMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.emote#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EmoteMessageContent {
    pub msgtype: EmoteMessageContentMsgtype,
    /// The emote action to perform.
    pub body: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl EmoteMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: EmoteMessageContentMsgtype, body: String) -> Self {
        EmoteMessageContent {
            msgtype,
            body,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.emote#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EmoteMessageContentMsgtype {
    #[serde(rename = "m.emote")]
    MEmote,
}
/// Schema: `v1-event-schema/m.room.message#m.emote#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EmoteMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// Information about the file referred to in ``url``.
///
/// Schema: `v1-event-schema/m.room.message#m.file#/properties/content/properties/info`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct FileInfo {
    /// The size of the file in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// The mimetype of the file e.g. ``application/msword``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mimetype: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl FileInfo {
    /// Every field absent.
    pub fn new() -> Self {
        FileInfo {
            size: None,
            mimetype: None,
            additional_properties: Default::default(),
        }
    }
}
/// This message represents a generic file.
///
/// Schema: `v1-event-schema/m.room.message#m.file#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<FileMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<FileMessageType>,
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
impl FileMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        FileMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.file#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileMessageContent {
    pub msgtype: FileMessageContentMsgtype,
    /// The original filename of the uploaded file.
    pub filename: String,
    /// A human-readable description of the file. This is recommended to be the filename of the original upload.
    pub body: String,
    /// The URL to the file.
    pub url: String,
    /// Information about the file referred to in ``url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<FileInfo>,
    /// The URL to the thumbnail of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// Metadata about the image referred to in ``thumbnail_url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_info: Option<ImageInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl FileMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(
        msgtype: FileMessageContentMsgtype,
        filename: String,
        body: String,
        url: String,
    ) -> Self {
        FileMessageContent {
            msgtype,
            filename,
            body,
            url,
            info: None,
            thumbnail_url: None,
            thumbnail_info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.file#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FileMessageContentMsgtype {
    #[serde(rename = "m.file")]
    MFile,
}
/// Schema: `v1-event-schema/m.room.message#m.file#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FileMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// This message represents a single image and an optional thumbnail.
///
/// Schema: `v1-event-schema/m.room.message#m.image#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImageMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<ImageMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<ImageMessageType>,
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
impl ImageMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        ImageMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.image#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImageMessageContent {
    pub msgtype: ImageMessageContentMsgtype,
    /// A textual representation of the image. This could be the alt text of the image, the filename of the image, or some kind of content description for accessibility e.g. 'image attachment'.
    pub body: String,
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
impl ImageMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: ImageMessageContentMsgtype, body: String, url: String) -> Self {
        ImageMessageContent {
            msgtype,
            body,
            url,
            thumbnail_url: None,
            thumbnail_info: None,
            info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.image#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ImageMessageContentMsgtype {
    #[serde(rename = "m.image")]
    MImage,
}
/// Schema: `v1-event-schema/m.room.message#m.image#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ImageMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// This message represents a real-world location.
///
/// Schema: `v1-event-schema/m.room.message#m.location#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocationMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<LocationMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<LocationMessageType>,
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
impl LocationMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        LocationMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.location#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocationMessageContent {
    pub msgtype: LocationMessageContentMsgtype,
    /// A description of the location e.g. 'Big Ben, London, UK', or some kind of content description for accessibility e.g. 'location attachment'.
    pub body: String,
    /// A geo URI representing this location.
    pub geo_uri: String,
    /// The URL to a thumbnail of the location being represented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_info: Option<ImageInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl LocationMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(
        msgtype: LocationMessageContentMsgtype,
        body: String,
        geo_uri: String,
    ) -> Self {
        LocationMessageContent {
            msgtype,
            body,
            geo_uri,
            thumbnail_url: None,
            thumbnail_info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.location#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LocationMessageContentMsgtype {
    #[serde(rename = "m.location")]
    MLocation,
}
/// Schema: `v1-event-schema/m.room.message#m.location#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LocationMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// A m.notice message should be considered similar to a plain m.text message except that clients should visually distinguish it in some way. It is intended to be used by automated clients, such as bots, bridges, and other entities, rather than humans. Additionally, such automated agents which watch a room for messages and respond to them ought to ignore m.notice messages. This helps to prevent infinite-loop situations where two automated clients continuously exchange messages, as each responds to the other.
///
/// Schema: `v1-event-schema/m.room.message#m.notice#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NoticeMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<NoticeMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<NoticeMessageType>,
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
impl NoticeMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        NoticeMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.notice#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NoticeMessageContent {
    pub msgtype: NoticeMessageContentMsgtype,
    /// The notice text to send.
    pub body: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl NoticeMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: NoticeMessageContentMsgtype, body: String) -> Self {
        NoticeMessageContent {
            msgtype,
            body,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.notice#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NoticeMessageContentMsgtype {
    #[serde(rename = "m.notice")]
    MNotice,
}
/// Schema: `v1-event-schema/m.room.message#m.notice#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NoticeMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// This message is the most basic message and is used to represent text.
///
/// Schema: `v1-event-schema/m.room.message#m.text#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<TextMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<TextMessageType>,
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
impl TextMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        TextMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.text#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextMessageContent {
    pub msgtype: TextMessageContentMsgtype,
    /// The body of the message.
    pub body: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl TextMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: TextMessageContentMsgtype, body: String) -> Self {
        TextMessageContent {
            msgtype,
            body,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.text#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TextMessageContentMsgtype {
    #[serde(rename = "m.text")]
    MText,
}
/// Schema: `v1-event-schema/m.room.message#m.text#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TextMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
/// Metadata about the video clip referred to in ``url``.
///
/// Schema: `v1-event-schema/m.room.message#m.video#/properties/content/properties/info`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct VideoInfo {
    /// The mimetype of the video e.g. ``video/mp4``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mimetype: Option<String>,
    /// The size of the video in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// The duration of the video in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
    /// The width of the video in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// The height of the video in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// The URL to a thumbnail of the video clip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_info: Option<ImageInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl VideoInfo {
    /// Every field absent.
    pub fn new() -> Self {
        VideoInfo {
            mimetype: None,
            size: None,
            duration: None,
            w: None,
            h: None,
            thumbnail_url: None,
            thumbnail_info: None,
            additional_properties: Default::default(),
        }
    }
}
/// This message represents a single video clip.
///
/// Schema: `v1-event-schema/m.room.message#m.video#`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VideoMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<VideoMessageContent>,
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<VideoMessageType>,
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
impl VideoMessage {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        VideoMessage {
            content: None,
            type_: None,
            room_id,
            event_id: None,
            user_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.video#/properties/content`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VideoMessageContent {
    pub msgtype: VideoMessageContentMsgtype,
    /// A description of the video e.g. 'Gangnam style', or some kind of content description for accessibility e.g. 'video attachment'.
    pub body: String,
    /// The URL to the video clip.
    pub url: String,
    /// Metadata about the video clip referred to in ``url``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<VideoInfo>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl VideoMessageContent {
    /// The required fields; every optional one absent.
    pub fn new(msgtype: VideoMessageContentMsgtype, body: String, url: String) -> Self {
        VideoMessageContent {
            msgtype,
            body,
            url,
            info: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `v1-event-schema/m.room.message#m.video#/properties/content/properties/msgtype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum VideoMessageContentMsgtype {
    #[serde(rename = "m.video")]
    MVideo,
}
/// Schema: `v1-event-schema/m.room.message#m.video#/properties/type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum VideoMessageType {
    #[serde(rename = "m.room.message")]
    MRoomMessage,
}
