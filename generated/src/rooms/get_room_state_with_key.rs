// Generated from api-spec/api/client-server/v1/rooms.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/{stateKey}`: Get the state identified by the type and key.
//!
//! Looks up the contents of a state event in a room. If the user is
//! joined to the room then the state is taken from the current
//! state of the room. If the user has left the room then the state is
//! taken from the state of the room when they left.
//!
//! Also served at `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}`.
//! Also served at `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/`.
//! Operation `getRoomStateWithKey`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room to look up the state in.
    /// Example: `"!636q39766251:example.com"`.
    pub room_id: String,
    /// `eventType` (path): The type of state to look up.
    /// Example: `"m.room.name"`.
    pub event_type: String,
    /// `stateKey` (path): The key of the state to look up. Defaults to the empty string.
    /// Example: `""`.
    pub state_key: String,
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
        let event_type = runtime::parse_param(
            "eventType",
            runtime::path_param(path, "eventType")?,
        )?;
        let state_key = runtime::parse_param(
            "stateKey",
            runtime::path_param(path, "stateKey").unwrap_or(""),
        )?;
        let _ = body;
        Ok(Request {
            room_id,
            event_type,
            state_key,
        })
    }
}
/// 200: The content of the state event.
pub type Response = crate::runtime::JsonObject;
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
    /// 404: The room has no state with the given type or key.
    NotFound(crate::runtime::ErrorAnswer<404, crate::schemas::Error>),
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
impl From<crate::runtime::ErrorAnswer<404, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<404, crate::schemas::Error>) -> Self {
        Error::NotFound(answer)
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
            Error::NotFound(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::PayloadTooLarge(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::Internal(error) => hooks.internal_error(error),
        }
    }
}
