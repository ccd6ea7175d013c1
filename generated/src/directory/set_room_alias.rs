// Generated from api-spec/api/client-server/v1/directory.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `PUT /_matrix/client/api/v1/directory/room/{roomAlias}`: Create a new mapping from room alias to room ID.
//!
//! Operation `setRoomAlias`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomAlias` (path): The room alias to set.
    pub room_alias: String,
    /// Information about this room alias.
    pub body: RequestBody,
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
        let room_alias = runtime::parse_param(
            "roomAlias",
            runtime::path_param(path, "roomAlias")?,
        )?;
        let body = match body {
            Some(object) => {
                runtime::require_keys(&object, &["room_id"])?;
                runtime::decode(object)?
            }
            None => {
                return Err(
                    Rejection::new(RejectionKind::NotJson, "A JSON body is required."),
                );
            }
        };
        Ok(Request { room_alias, body })
    }
}
/// 200: The mapping was created.
pub type Response = crate::runtime::JsonObject;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The alias or room ID is malformed, or the alias belongs to another server.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: Only a member of the room may point an alias at it (or the access token is missing or unknown).
    Forbidden(crate::runtime::ErrorAnswer<403, crate::schemas::Error>),
    /// 409: The alias is already mapped to a room.
    Conflict(crate::runtime::ErrorAnswer<409, crate::schemas::Error>),
    /// 413: The request body is larger than the server accepts.
    PayloadTooLarge(crate::runtime::ErrorAnswer<413, crate::schemas::Error>),
    /// 429: This request was rate-limited.
    TooManyRequests(crate::runtime::ErrorAnswer<429, crate::schemas::Error>),
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
impl From<crate::runtime::ErrorAnswer<409, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<409, crate::schemas::Error>) -> Self {
        Error::Conflict(answer)
    }
}
impl From<crate::runtime::ErrorAnswer<413, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<413, crate::schemas::Error>) -> Self {
        Error::PayloadTooLarge(answer)
    }
}
impl From<crate::runtime::ErrorAnswer<429, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<429, crate::schemas::Error>) -> Self {
        Error::TooManyRequests(answer)
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
            Error::Conflict(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::PayloadTooLarge(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::TooManyRequests(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::Internal(error) => hooks.internal_error(error),
        }
    }
}
/// Schema: `directory.yaml#/paths/~1room~1{roomAlias}/put/parameters/1/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RequestBody {
    /// The room ID to set.
    pub room_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RequestBody {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        RequestBody {
            room_id,
            additional_properties: Default::default(),
        }
    }
}
