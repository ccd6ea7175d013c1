// Generated from api-spec/api/client-server/v1/membership.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `POST /_matrix/client/api/v1/rooms/{roomId}/join`: Start the requesting user participating in a particular room.
//!
//! This API starts a user participating in a particular room, if that user
//! is allowed to participate in that room. After this call, the client is
//! allowed to see all current state events in the room, and all subsequent
//! events associated with the room until the user leaves the room.
//!
//! After a user has joined a room, the room will appear as an entry in the
//! response of the |initialSync| API.
//!
//! Also served at `POST /_matrix/client/api/v1/join/{roomId}`.
//! Operation `joinRoom`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `roomId` (path): The room identifier or room alias to join.
    /// Example: `"#monkeys:matrix.org"`.
    pub room_id: String,
    /// Optional. A third-party invite proof, for joining an invite-only room through an identity server's invitation.
    pub body: Option<JoinRequest>,
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
            Some(object) => Some(runtime::decode(object)?),
            None => None,
        };
        Ok(Request { room_id, body })
    }
}
/// 200: The room has been joined.
///
/// The joined room ID must be returned in the ``room_id`` field.
pub type Response = JoinedRoom;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The room identifier or alias is malformed, or the body is not a JSON object.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: You do not have permission to join the room. A meaningful ``errcode`` and description error text will be returned. Example reasons for rejection are:
    ///
    /// - The room is invite-only and the user was not invited.
    /// - The user has been banned from the room.
    Forbidden(crate::runtime::ErrorAnswer<403, crate::schemas::Error>),
    /// 404: The room or alias is unknown.
    NotFound(crate::runtime::ErrorAnswer<404, crate::schemas::Error>),
    /// 413: The request body is larger than the server accepts.
    PayloadTooLarge(crate::runtime::ErrorAnswer<413, crate::schemas::Error>),
    /// 429: This request was rate-limited.
    TooManyRequests(crate::runtime::ErrorAnswer<429, crate::schemas::Error>),
    /// 502: The identity server needed to check a third-party proof could not be reached.
    BadGateway(crate::runtime::ErrorAnswer<502, crate::schemas::Error>),
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
impl From<crate::runtime::ErrorAnswer<429, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<429, crate::schemas::Error>) -> Self {
        Error::TooManyRequests(answer)
    }
}
impl From<crate::runtime::ErrorAnswer<502, crate::schemas::Error>> for Error {
    fn from(answer: crate::runtime::ErrorAnswer<502, crate::schemas::Error>) -> Self {
        Error::BadGateway(answer)
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
            Error::NotFound(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::PayloadTooLarge(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::TooManyRequests(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::BadGateway(answer) => {
                axum::response::IntoResponse::into_response(answer)
            }
            Error::Internal(error) => hooks.internal_error(error),
        }
    }
}
/// Schema: `membership.yaml#/paths/~1rooms~1{roomId}~1join/post/parameters/1/schema`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct JoinRequest {
    /// The token of the room's m.room.third_party_invite event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The identity server's public key, as stored in that event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Where the key's validity is checked, as stored in that event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_validity_url: Option<String>,
    /// The user who sent the third-party invite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// The identity server's signature binding the token to the joining user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<SignedProof>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl JoinRequest {
    /// Every field absent.
    pub fn new() -> Self {
        JoinRequest {
            token: None,
            public_key: None,
            key_validity_url: None,
            sender: None,
            signed: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `membership.yaml#/paths/~1rooms~1{roomId}~1join/post/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JoinedRoom {
    /// The ID of the room joined (never the alias).
    pub room_id: String,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl JoinedRoom {
    /// The required fields; every optional one absent.
    pub fn new(room_id: String) -> Self {
        JoinedRoom {
            room_id,
            additional_properties: Default::default(),
        }
    }
}
/// The identity server's signature binding the token to the joining user.
///
/// Schema: `membership.yaml#/paths/~1rooms~1{roomId}~1join/post/parameters/1/schema/properties/signed`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignedProof {
    pub mxid: String,
    pub token: String,
    /// Server name to key ID to unpadded base64 signature.
    pub signatures: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    >,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl SignedProof {
    /// The required fields; every optional one absent.
    pub fn new(
        mxid: String,
        token: String,
        signatures: std::collections::BTreeMap<
            String,
            std::collections::BTreeMap<String, String>,
        >,
    ) -> Self {
        SignedProof {
            mxid,
            token,
            signatures,
            additional_properties: Default::default(),
        }
    }
}
