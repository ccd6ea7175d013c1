// Generated from api-spec/api/client-server/v1/login.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `POST /_matrix/client/api/v1/tokenrefresh`: Exchanges a refresh token for an access token.
//!
//! Exchanges a refresh token for a new access token.
//! This is intended to be used if the access token has expired.
//!
//! Operation `tokenRefresh`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The request body.
    ///
    /// Example:
    ///
    /// ```json
    /// {
    ///   "refresh_token": "a1b2c3"
    /// }
    /// ```
    pub body: Option<RequestBody>,
}
impl Request {
    /// Decodes the request from the router's parts; the body is already known to be
    /// a JSON object (or absent).
    pub(crate) fn from_parts(
        _path: &[(String, String)],
        _uri: &axum::http::Uri,
        _headers: &axum::http::HeaderMap,
        body: Option<crate::runtime::JsonObject>,
    ) -> Result<Self, crate::runtime::Rejection> {
        #[allow(unused_imports)]
        use crate::runtime::{self, Rejection, RejectionKind};
        let body = match body {
            Some(object) => {
                runtime::require_keys(&object, &["refresh_token"])?;
                Some(runtime::decode(object)?)
            }
            None => None,
        };
        Ok(Request { body })
    }
}
/// Every answer the spec documents, one variant per status.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 200: The refresh token was accepted, and a new access token has been issued.
    Ok(OkBody),
    /// 400: The request could not be decoded (not JSON, the wrong shape, a missing key, a malformed parameter).
    BadRequest(crate::schemas::Error),
    /// 403: The exchange attempt failed. For example, the refresh token may have already been used.
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
/// Schema: `login.yaml#/paths/~1tokenrefresh/post/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OkBody {
    /// An access token for the account.
    /// This access token can then be used to authorize other requests.
    /// The access token may expire at some point, and if so, it SHOULD come with a ``refresh_token``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// (optional) A ``refresh_token`` may be exchanged for a new ``access_token`` using the TODO Linkify /tokenrefresh API endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
/// Schema: `login.yaml#/paths/~1tokenrefresh/post/parameters/0/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RequestBody {
    /// The refresh token which was issued by the server.
    pub refresh_token: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
