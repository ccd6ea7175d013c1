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
/// 200: The refresh token was accepted, and a new access token has been issued.
/// The passed refresh token is no longer valid and cannot be used.
/// A new refresh token will have been returned unless some policy does
/// not allow the user to continue to renew their session.
pub type Response = OkBody;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The request could not be decoded (not JSON, the wrong shape, a missing key, a malformed parameter).
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: The exchange attempt failed. For example, the refresh token may have already been used.
    Forbidden(crate::runtime::ErrorAnswer<403, crate::schemas::Error>),
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
/// Schema: `login.yaml#/paths/~1tokenrefresh/post/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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
impl OkBody {
    /// Every field absent.
    pub fn new() -> Self {
        OkBody {
            access_token: None,
            refresh_token: None,
            additional_properties: Default::default(),
        }
    }
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
impl RequestBody {
    /// The required fields; every optional one absent.
    pub fn new(refresh_token: String) -> Self {
        RequestBody {
            refresh_token,
            additional_properties: Default::default(),
        }
    }
}
