// Generated from api-spec/api/client-server/v1/rooms.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `GET /_matrix/client/api/v1/rooms/{roomId}/initialSync`: Snapshot the current state of a room and its most recent messages.
//!
//! Get a copy of the current state and the most recent messages in a room.
//!
//! Operation `roomInitialSync`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room to get the data.
    /// Example: `"!636q39766251:example.com"`.
    pub room_id: String,
}
impl Request {
    /// Decodes the request from the router's parts; the body is already known to be
    /// a JSON object (or absent).
    pub(crate) fn from_parts(
        path: &[(String, String)],
        _uri: &axum::http::Uri,
        _headers: &axum::http::HeaderMap,
        body: Option<crate::runtime::JsonObject>,
    ) -> Result<Self, crate::runtime::Rejection> {
        #[allow(unused_imports)]
        use crate::runtime::{self, Rejection, RejectionKind};
        let room_id = runtime::parse_param(
            "roomId",
            runtime::path_param(path, "roomId")?,
        )?;
        let _ = body;
        Ok(Request { room_id })
    }
}
/// 200: The current state of the room
pub type Response = crate::runtime::Prepared<RoomInfo>;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The room ID is malformed.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: You aren't a member of the room and weren't previously a member of the room.
    Forbidden(crate::runtime::ErrorAnswer<403, crate::schemas::Error>),
    /// 413: The request body is larger than the server accepts.
    PayloadTooLarge(crate::runtime::ErrorAnswer<413, crate::schemas::Error>),
    /// A failure inside the implementation, answered through
    /// [`Hooks::internal_error`](crate::runtime::Hooks::internal_error).
    Internal(crate::runtime::Internal),
}
impl From<crate::runtime::ErrorAnswer<400, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<400, crate::schemas::Error>) -> Self {
        Error::BadRequest(answer)
    }
}
impl From<crate::runtime::ErrorAnswer<403, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<403, crate::schemas::Error>) -> Self {
        Error::Forbidden(answer)
    }
}
impl From<crate::runtime::ErrorAnswer<413, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<413, crate::schemas::Error>) -> Self {
        Error::PayloadTooLarge(answer)
    }
}
impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(error: E) -> Self {
        Error::Internal(crate::runtime::Internal::new(error))
    }
}
impl crate::runtime::OperationError for Error {
    fn answer<H: crate::runtime::Hooks>(self, hooks: &H) -> axum::response::Response {
        match self {
            Error::BadRequest(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::Forbidden(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::PayloadTooLarge(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::Internal(error) => hooks.internal_error(error),
        }
    }
}
/// The pagination chunk for this room.
///
/// Schema: `rooms.yaml#/paths/~1rooms~1{roomId}~1initialSync/get/responses/200/schema/properties/messages`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PaginationChunk {
    /// A token which correlates to the first value in ``chunk``.
    /// Used for pagination.
    pub start: String,
    /// A token which correlates to the last value in ``chunk``.
    /// Used for pagination.
    pub end: String,
    /// If the user is a member of the room this will be a
    /// list of the most recent messages for this room. If
    /// the user has left the room this will be the
    /// messages that preceeded them leaving. This array
    /// will consist of at most ``limit`` elements.
    pub chunk: Vec<crate::schemas::RoomEvent>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl PaginationChunk {
    /// The required fields; every optional one absent.
    pub fn new(
        start: String,
        end: String,
        chunk: Vec<crate::schemas::RoomEvent>,
    ) -> Self {
        PaginationChunk {
            start,
            end,
            chunk,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `rooms.yaml#/paths/~1rooms~1{roomId}~1initialSync/get/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoomInfo {
    /// The ID of this room.
    pub room_id: String,
    /// The user's membership state in this room.
    pub membership: RoomInfoMembership,
    /// The pagination chunk for this room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<PaginationChunk>,
    /// If the user is a member of the room this will be the
    /// current state of the room as a list of events. If the
    /// user has left the room this will be the state of the
    /// room when they left it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Vec<crate::schemas::StateEvent>>,
    /// Whether this room is visible to the ``/publicRooms`` API
    /// or not."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<RoomInfoVisibility>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RoomInfo {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String, membership: RoomInfoMembership) -> Self {
        RoomInfo {
            room_id,
            membership,
            messages: None,
            state: None,
            visibility: None,
            additional_properties: Default::default(),
        }
    }
}
/// The user's membership state in this room.
///
/// Schema: `rooms.yaml#/paths/~1rooms~1{roomId}~1initialSync/get/responses/200/schema/properties/membership`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RoomInfoMembership {
    #[serde(rename = "invite")]
    Invite,
    #[serde(rename = "join")]
    Join,
    #[serde(rename = "leave")]
    Leave,
    #[serde(rename = "ban")]
    Ban,
}
/// Whether this room is visible to the ``/publicRooms`` API
/// or not."
///
/// Schema: `rooms.yaml#/paths/~1rooms~1{roomId}~1initialSync/get/responses/200/schema/properties/visibility`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RoomInfoVisibility {
    #[serde(rename = "private")]
    Private,
    #[serde(rename = "public")]
    Public,
}
