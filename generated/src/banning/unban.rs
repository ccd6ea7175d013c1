// Generated from api-spec/api/client-server/v1/banning.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `POST /_matrix/client/api/v1/rooms/{roomId}/unban`: Unban a user from the room.
//!
//! Lift a user's ban: their membership becomes ``leave``, so they may be invited or
//! join again as the room's join rules allow.
//!
//! The caller must be joined and have at least the ``ban`` power level.
//!
//! Operation `unban`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room identifier (not alias) to unban the user from.
    /// Example: `"!e42d8c:matrix.org"`.
    pub room_id: String,
    /// The request body.
    ///
    /// Example:
    ///
    /// ```json
    /// {
    ///   "user_id": "@cheeky_monkey:matrix.org"
    /// }
    /// ```
    pub body: UnbanRequest,
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
        let body = match body {
            Some(object) => {
                runtime::require_keys(&object, &["user_id"])?;
                runtime::decode(object)?
            }
            None => {
                return Err(
                    Rejection::new(RejectionKind::NotJson, "A JSON body is required."),
                );
            }
        };
        Ok(Request { room_id, body })
    }
}
/// 200: The user has been unbanned from the room.
pub type Response = crate::runtime::JsonObject;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The room ID or user ID is malformed.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: You may not unban the user. Example reasons are:
    ///
    /// - The caller is not currently in the room.
    /// - The caller's power level is below the ``ban`` level.
    /// - The user is not banned.
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
/// Schema: `banning.yaml#/paths/~1rooms~1{roomId}~1unban/post/parameters/1/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnbanRequest {
    /// The fully qualified user ID of the user being unbanned.
    pub user_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl UnbanRequest {
    /// The required fields; every optional one absent.
    pub fn new(user_id: String) -> Self {
        UnbanRequest {
            user_id,
            additional_properties: Default::default(),
        }
    }
}
