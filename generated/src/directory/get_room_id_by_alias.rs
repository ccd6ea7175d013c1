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
/// 200: The room ID and other information for this alias.
pub type Response = OkBody;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The alias or room ID is malformed, or the alias belongs to another server.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 404: There is no mapped room ID for this room alias.
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
/// Schema: `directory.yaml#/paths/~1room~1{roomAlias}/get/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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
impl OkBody {
    /// Every field absent.
    pub fn new() -> Self {
        OkBody {
            room_id: None,
            servers: None,
            additional_properties: Default::default(),
        }
    }
}
