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
/// Every answer the spec documents, one variant per status.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 200: The mapping was created.
    Ok(crate::runtime::JsonObject),
    /// 400: The alias or room ID is malformed, or the alias belongs to another server.
    BadRequest(crate::schemas::Error),
    /// 403: The access token is missing or unknown.
    Forbidden(crate::schemas::Error),
    /// 409: The alias is already mapped to a room.
    Conflict(crate::schemas::Error),
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
            Self::Conflict(body) => json_response(StatusCode::CONFLICT, &body),
            Self::PayloadTooLarge(body) => {
                json_response(StatusCode::PAYLOAD_TOO_LARGE, &body)
            }
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
