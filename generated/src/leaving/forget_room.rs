// Generated from api-spec/api/client-server/v1/leaving.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `POST /_matrix/client/api/v1/rooms/{roomId}/forget`: Stop the requesting user remembering about a particular room.
//!
//! This API stops a user remembering about a particular room.
//!
//! In general, history is a first class citizen in Matrix. After this API
//! is called, however, a user will no longer be able to retrieve history
//! for this room. If all users on a homeserver forget a room, the room is
//! eligible for deletion from that homeserver.
//!
//! If the user is currently joined to the room, they will implicitly leave
//! the room as part of this API call.
//!
//! Operation `forgetRoom`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room identifier to forget.
    /// Example: `"!au1ba7o:matrix.org"`.
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
/// Every answer the spec documents, one variant per status.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 200: The room has been forgotten.
    Ok(crate::runtime::JsonObject),
    /// 400: The room ID is malformed.
    BadRequest(crate::schemas::Error),
    /// 403: The user is not in the room.
    Forbidden(crate::schemas::Error),
    /// 413: The request body is larger than the server accepts.
    PayloadTooLarge(crate::schemas::Error),
    /// 429: This request was rate-limited.
    TooManyRequests(crate::schemas::Error),
}
impl axum::response::IntoResponse for Response {
    fn into_response(self) -> axum::response::Response {
        #[allow(unused_imports)]
        use axum::{http::StatusCode, response::IntoResponse as _};
        #[allow(unused_imports)]
        use crate::runtime::json_response;
        match self {
            Self::Ok(body) => json_response(StatusCode::OK, &body),
            Self::BadRequest(body) => json_response(StatusCode::BAD_REQUEST, &body),
            Self::Forbidden(body) => json_response(StatusCode::FORBIDDEN, &body),
            Self::PayloadTooLarge(body) => {
                json_response(StatusCode::PAYLOAD_TOO_LARGE, &body)
            }
            Self::TooManyRequests(body) => {
                json_response(StatusCode::TOO_MANY_REQUESTS, &body)
            }
        }
    }
}
