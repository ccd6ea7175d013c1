// Generated from api-spec/api/client-server/v1/rooms.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `GET /_matrix/client/api/v1/rooms/{roomId}/members`: Get the m.room.member events for the room.
//!
//! Get the list of members for this room.
//!
//! Operation `getMembersByRoom`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room to get the member events for.
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
/// Every answer the spec documents, one variant per status.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 200: A list of members of the room. If you are joined to the room then
    Ok(OkBody),
    /// 400: The room ID is malformed.
    BadRequest(crate::schemas::Error),
    /// 403: You aren't a member of the room and weren't previously a member of the room.
    Forbidden(crate::schemas::Error),
    /// 413: The request body is larger than the server accepts.
    PayloadTooLarge(crate::schemas::Error),
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
        }
    }
}
/// Schema: `rooms.yaml#/paths/~1rooms~1{roomId}~1members/get/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OkBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk: Option<Vec<crate::schemas::MemberEvent>>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
