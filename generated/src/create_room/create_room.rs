// Generated from api-spec/api/client-server/v1/create_room.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! `POST /_matrix/client/api/v1/createRoom`: Create a new room
//!
//! Create a new room with various configuration options.
//!
//! Operation `createRoom`.
/// Everything the client sent, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The desired room configuration.
    ///
    /// Example:
    ///
    /// ```json
    /// {
    ///   "preset": "public_chat",
    ///   "room_alias_name": "thepub",
    ///   "name": "The Grand Duke Pub",
    ///   "topic": "All about happy hour",
    ///   "creation_content": {
    ///     "m.federate": false
    ///   }
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
            Some(object) => Some(runtime::decode(object)?),
            None => None,
        };
        Ok(Request { body })
    }
}
/// 200: Information about the newly created room.
pub type Response = OkBody;
/// The answers other than success that the spec documents, one variant per status,
/// and a failure inside the implementation. `?` converts an
/// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
/// `std::error::Error` (as `Internal`).
#[derive(Debug)]
pub enum Error {
    /// 400: The request body is malformed or the room alias specified is already taken.
    BadRequest(crate::runtime::ErrorAnswer<400, crate::schemas::Error>),
    /// 403: The access token is missing or unknown.
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
/// Information about the newly created room.
///
/// Schema: `create_room.yaml#/paths/~1createRoom/post/responses/200/schema`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct OkBody {
    /// The created room's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl OkBody {
    /// Every field absent.
    pub fn new() -> Self {
        OkBody {
            room_id: None,
            additional_properties: Default::default(),
        }
    }
}
/// Schema: `create_room.yaml#/paths/~1createRoom/post/parameters/0/schema`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RequestBody {
    /// A ``public`` visibility indicates that the room will be shown
    /// in the published room list. A ``private`` visibility will hide
    /// the room from the published room list. Rooms default to
    /// ``private`` visibility if this key is not included. NB: This
    /// should not be confused with ``join_rules`` which also uses the
    /// word ``public``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<RequestBodyVisibility>,
    /// The desired room alias **local part**. If this is included, a
    /// room alias will be created and mapped to the newly created
    /// room. The alias will belong on the *same* home server which
    /// created the room. For example, if this was set to "foo" and
    /// sent to the homeserver "example.com" the complete room alias
    /// would be ``#foo:example.com``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_alias_name: Option<String>,
    /// If this is included, an ``m.room.name`` event will be sent
    /// into the room to indicate the name of the room. See Room
    /// Events for more information on ``m.room.name``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// If this is included, an ``m.room.topic`` event will be sent
    /// into the room to indicate the topic for the room. See Room
    /// Events for more information on ``m.room.topic``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// A list of user IDs to invite to the room. This will tell the
    /// server to invite everyone in the list to the newly created room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<Vec<String>>,
    /// Extra keys to be added to the content of the ``m.room.create``.
    /// The server will clober the following keys: ``creator``. Future
    /// versions of the specification may allow the server to clobber
    /// other keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_content: Option<crate::runtime::JsonObject>,
    /// A list of state events to set in the new room. This allows
    /// the user to override the default state events set in the new
    /// room. The expected format of the state events are an object
    /// with type, state_key and content keys set.
    /// Takes precedence over events set by ``presets``, but gets
    /// overriden by ``name`` and ``topic`` keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_state: Option<Vec<StateEvent>>,
    /// Convenience parameter for setting various default state events
    /// based on a preset. Must be either:
    ///
    /// ``private_chat`` =>
    ///   ``join_rules`` is set to ``invite``.
    ///   ``history_visibility`` is set to ``shared``.
    ///
    /// ``trusted_private_chat`` =>
    ///     ``join_rules`` is set to ``invite``.
    ///     ``history_visibility`` is set to ``shared``.
    ///     All invitees are given the same power level as the room creator.
    ///
    /// ``public_chat``: =>
    ///     ``join_rules`` is set to ``public``.
    ///     ``history_visibility`` is set to ``shared``.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<RequestBodyPreset>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl RequestBody {
    /// Every field absent.
    pub fn new() -> Self {
        RequestBody {
            visibility: None,
            room_alias_name: None,
            name: None,
            topic: None,
            invite: None,
            creation_content: None,
            initial_state: None,
            preset: None,
            additional_properties: Default::default(),
        }
    }
}
/// Convenience parameter for setting various default state events
/// based on a preset. Must be either:
///
/// ``private_chat`` =>
///   ``join_rules`` is set to ``invite``.
///   ``history_visibility`` is set to ``shared``.
///
/// ``trusted_private_chat`` =>
///     ``join_rules`` is set to ``invite``.
///     ``history_visibility`` is set to ``shared``.
///     All invitees are given the same power level as the room creator.
///
/// ``public_chat``: =>
///     ``join_rules`` is set to ``public``.
///     ``history_visibility`` is set to ``shared``.
///
/// Schema: `create_room.yaml#/paths/~1createRoom/post/parameters/0/schema/properties/preset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RequestBodyPreset {
    #[serde(rename = "private_chat")]
    PrivateChat,
    #[serde(rename = "public_chat")]
    PublicChat,
    #[serde(rename = "trusted_private_chat")]
    TrustedPrivateChat,
}
/// A ``public`` visibility indicates that the room will be shown
/// in the published room list. A ``private`` visibility will hide
/// the room from the published room list. Rooms default to
/// ``private`` visibility if this key is not included. NB: This
/// should not be confused with ``join_rules`` which also uses the
/// word ``public``.
///
/// Schema: `create_room.yaml#/paths/~1createRoom/post/parameters/0/schema/properties/visibility`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RequestBodyVisibility {
    #[serde(rename = "public")]
    Public,
    #[serde(rename = "private")]
    Private,
}
/// Schema: `create_room.yaml#/paths/~1createRoom/post/parameters/0/schema/properties/initial_state/items`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct StateEvent {
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<crate::runtime::JsonObject>,
    /// Keys the schema does not name, kept as sent.
    #[serde(flatten)]
    pub additional_properties: crate::runtime::JsonObject,
}
impl StateEvent {
    /// Every field absent.
    pub fn new() -> Self {
        StateEvent {
            type_: None,
            state_key: None,
            content: None,
            additional_properties: Default::default(),
        }
    }
}
