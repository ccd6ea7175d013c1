// Generated from api-spec/api/client-server/v1/rooms.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `GET /_matrix/client/api/v1/rooms/{roomId}/state`: Get all state events in the current state of a room.
//!
//! Get the state events for the current state of a room.
//!
//! Operation `getRoomState`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room to look up the state for.
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
pub type Response = crate::runtime::Prepared<Vec<crate::schemas::StateEvent>>;
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
