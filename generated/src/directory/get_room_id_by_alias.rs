// Generated from api-spec/api/client-server/v1/directory.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `GET /_matrix/client/api/v1/directory/room/{roomAlias}`: Get the room ID corresponding to this room alias.
//!
//! Operation `getRoomIdByAlias`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomAlias` (path): The room alias.
    pub room_alias: String,
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
        let _ = body;
        Ok(Request { room_alias })
    }
}
/// Every answer the spec documents, one variant per status.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 200: The room ID and other information for this alias.
    Ok(OkBody),
    /// 400: The alias or room ID is malformed, or the alias belongs to another server.
    BadRequest(crate::schemas::Error),
    /// 404: There is no mapped room ID for this room alias.
    NotFound(crate::schemas::Error),
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
            Self::NotFound(body) => json_response(StatusCode::NOT_FOUND, &body),
            Self::PayloadTooLarge(body) => {
                json_response(StatusCode::PAYLOAD_TOO_LARGE, &body)
            }
        }
    }
}
/// Schema: `directory.yaml#/paths/~1room~1{roomAlias}/get/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OkBody {
    /// The room ID for this room alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// A list of servers that are aware of this room ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servers: Option<Vec<String>>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
