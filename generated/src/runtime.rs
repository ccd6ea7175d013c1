// Copied from the template codegen/templates/runtime.rs by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! What every route shares: the hooks an implementation provides (authentication, how
//! a rejected request is answered, the body size cap) and the request decoding steps.

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A JSON object whose keys the spec does not describe.
pub type JsonObject = Map<String, Value>;

/// Why the router refused a request before any operation saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectionKind {
    /// The body is not JSON.
    NotJson,
    /// The body is JSON of the wrong shape (not an object, or a key of the wrong type).
    WrongShape,
    /// Required keys are missing, named here.
    MissingKeys(Vec<String>),
    /// The body is larger than [`Hooks::body_limit`].
    TooLarge,
    /// No route has this path.
    UnknownPath,
    /// The path exists but not with this method.
    WrongMethod,
    /// A path, query or header parameter does not parse.
    BadParameter,
}

/// A refused request: the kind, for choosing the answer, and a human-readable reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub kind: RejectionKind,
    pub message: String,
}

impl Rejection {
    pub fn new(kind: RejectionKind, message: impl Into<String>) -> Self {
        Rejection {
            kind,
            message: message.into(),
        }
    }
}

/// The credentials a secured request carried.
#[derive(Debug)]
pub struct Credentials<'a> {
    /// The API key from where the spec's security scheme puts it, if present.
    pub api_key: Option<String>,
    /// All request headers, for schemes the spec does not describe (e.g. a bearer token).
    pub headers: &'a HeaderMap,
}

/// What an implementation provides besides its operations.
pub trait Hooks: Send + Sync + 'static {
    /// Who a secured operation runs as.
    type Principal: Send + 'static;

    /// Turns credentials into a principal, or answers the request itself.
    fn authenticate(
        &self,
        credentials: Credentials<'_>,
    ) -> impl Future<Output = Result<Self::Principal, Response>> + Send;

    /// Answers a request the router refused.
    fn reject(&self, rejection: Rejection) -> Response;

    /// Answers an operation that failed inside the implementation (storage down, ...): a
    /// status the spec does not document, so the implementation decides (typically a 500
    /// after logging the cause).
    fn internal_error(&self, error: Internal) -> Response;

    /// The largest request body accepted, in bytes.
    fn body_limit(&self) -> usize {
        64 * 1024
    }
}

/// An error answer with the HTTP status `STATUS`: its body (a JSON value, or [`NoBody`]) and
/// any headers. An operation's `Error` converts from it (with `?`) only when the spec
/// documents `STATUS` for that operation with this body type, so an undocumented status
/// does not compile. Boxed: errors travel through many `Result`s and stay one pointer wide.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorAnswer<const STATUS: u16, B>(Box<Answer<B>>);

#[derive(Debug, Clone, PartialEq)]
struct Answer<B> {
    body: B,
    headers: HeaderMap,
}

impl<const STATUS: u16, B> ErrorAnswer<STATUS, B> {
    pub fn new(body: B) -> Self {
        ErrorAnswer(Box::new(Answer {
            body,
            headers: HeaderMap::new(),
        }))
    }

    pub fn body(&self) -> &B {
        &self.0.body
    }

    pub fn body_mut(&mut self) -> &mut B {
        &mut self.0.body
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The answer with `name: value` among its headers.
    pub fn with_header(mut self, name: header::HeaderName, value: header::HeaderValue) -> Self {
        self.0.headers.insert(name, value);
        self
    }

    pub fn status(&self) -> StatusCode {
        status_of(STATUS)
    }

    /// The same answer under the status `OTHER`, for an operation that documents a
    /// `default` answer beside this status.
    pub fn into_status<const OTHER: u16>(self) -> ErrorAnswer<OTHER, B> {
        ErrorAnswer(self.0)
    }

    /// The same answer with the status known at run time, for a `default` answer.
    pub fn into_any(self) -> AnyStatus<B> {
        let Answer { body, headers } = *self.0;
        AnyStatus {
            status: status_of(STATUS),
            body,
            headers,
        }
    }
}

impl<const STATUS: u16, B: AnswerBody> IntoResponse for ErrorAnswer<STATUS, B> {
    fn into_response(self) -> Response {
        let Answer { body, headers } = *self.0;
        write_answer(status_of(STATUS), headers, &body)
    }
}

/// An error answer under a spec's `default` response: any status, with its body.
#[derive(Debug, Clone, PartialEq)]
pub struct AnyStatus<B> {
    pub status: StatusCode,
    pub body: B,
    pub headers: HeaderMap,
}

impl<B: AnswerBody> IntoResponse for AnyStatus<B> {
    fn into_response(self) -> Response {
        write_answer(self.status, self.headers, &self.body)
    }
}

fn status_of(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The body of an answer the spec documents without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoBody;

/// What can be an answer's body: any JSON value, or [`NoBody`].
pub trait AnswerBody {
    /// The body's bytes, if it has one.
    fn bytes(&self) -> Option<Result<Vec<u8>, serde_json::Error>>;
}

impl<T: serde::Serialize> AnswerBody for T {
    fn bytes(&self) -> Option<Result<Vec<u8>, serde_json::Error>> {
        Some(serde_json::to_vec(self))
    }
}

impl AnswerBody for NoBody {
    fn bytes(&self) -> Option<Result<Vec<u8>, serde_json::Error>> {
        None
    }
}

fn write_answer(status: StatusCode, headers: HeaderMap, body: &impl AnswerBody) -> Response {
    let mut response = match body.bytes() {
        Some(Ok(bytes)) => {
            (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
        }
        None => status.into_response(),
        Some(Err(_)) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    response.headers_mut().extend(headers);
    response
}

/// A failure inside the implementation: never the client's fault, answered through
/// [`Hooks::internal_error`]. Every operation's `Error` converts from any
/// `std::error::Error` into this (with `?`).
#[derive(Debug)]
pub struct Internal(pub Box<dyn std::error::Error + Send + Sync>);

impl Internal {
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Internal(Box::new(error))
    }
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An operation's `Error` (generated beside it): answered as the spec documents it, or
/// through [`Hooks::internal_error`]. `?` turns an [`ErrorAnswer`] of a status the
/// operation documents into its variant, and any `std::error::Error` into `Internal`.
pub trait OperationError {
    fn answer<H: Hooks>(self, hooks: &H) -> Response;
}

/// A JSON response with the given status.
pub fn json_response<T: serde::Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The success body of an operation marked `x-prepared-json`: a value to serialize, or
/// JSON the implementation already serialized (a large answer built off the async workers,
/// sent as it is: it must be the JSON of a `T`).
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared<T> {
    Value(T),
    Json(Bytes),
}

/// A [`Prepared`] body as a JSON response with the given status.
pub fn prepared_response<T: serde::Serialize>(status: StatusCode, body: Prepared<T>) -> Response {
    match body {
        Prepared::Value(value) => json_response(status, &value),
        Prepared::Json(bytes) => {
            (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
        }
    }
}

/// Reads the whole body, refusing it once it passes `limit` bytes.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, Rejection> {
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Err(Rejection::new(
            RejectionKind::TooLarge,
            format!("Request body is larger than {limit} bytes."),
        )),
        Err(_) => Err(Rejection::new(
            RejectionKind::NotJson,
            "Request body could not be read.",
        )),
    }
}

/// Parses a body that must be a JSON object. An empty body is `None` when the body is
/// optional.
pub fn parse_object(bytes: &[u8], required: bool) -> Result<Option<Map<String, Value>>, Rejection> {
    if bytes.iter().all(u8::is_ascii_whitespace) && !required {
        return Ok(None);
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(object)) => Ok(Some(object)),
        Ok(_) => Err(Rejection::new(
            RejectionKind::WrongShape,
            "Content must be a JSON object.",
        )),
        Err(_) => Err(Rejection::new(RejectionKind::NotJson, "Content not JSON.")),
    }
}

/// How a route treats the request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRule {
    /// No operation of the route takes a body; it is not read.
    Ignored,
    /// A JSON object, or nothing.
    Optional,
    /// A JSON object, or nothing; anything else (`null`, junk) is read as nothing.
    Lenient,
    /// A JSON object.
    Required,
}

/// The path captures and the body object of a request, or the answer refusing it.
pub async fn read_request<H: Hooks>(
    server: &H,
    path: Result<
        axum::extract::Path<Vec<(String, String)>>,
        axum::extract::rejection::PathRejection,
    >,
    body: Body,
    rule: BodyRule,
) -> Result<(Vec<(String, String)>, Option<Map<String, Value>>), Response> {
    let path = path
        .map(|path| path.0)
        .map_err(|e| Rejection::new(RejectionKind::BadParameter, e.body_text()))
        .or_reject(server)?;
    if rule == BodyRule::Ignored {
        return Ok((path, None));
    }
    let bytes = read_body(body, server.body_limit()).await.or_reject(server)?;
    let object = match rule {
        BodyRule::Lenient => parse_object(&bytes, false).unwrap_or(None),
        _ => parse_object(&bytes, rule == BodyRule::Required).or_reject(server)?,
    };
    Ok((path, object))
}

/// A handler's steps, run to the answer. Each step refuses a request with an answer of
/// its own (given through [`Hooks::reject`] or [`Hooks::authenticate`]); the first
/// refusal is the answer.
pub async fn answer(steps: impl Future<Output = Result<Response, Response>>) -> Response {
    match steps.await {
        Ok(response) | Err(response) => response,
    }
}

/// A decoding step's refusal, answered through [`Hooks::reject`].
// The error is the answer itself, as in every step of a handler (an `async fn` step is not
// linted); a request is refused once, so boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
pub trait OrReject<T> {
    fn or_reject<H: Hooks>(self, server: &H) -> Result<T, Response>;
}

#[allow(clippy::result_large_err)]
impl<T> OrReject<T> for Result<T, Rejection> {
    fn or_reject<H: Hooks>(self, server: &H) -> Result<T, Response> {
        self.map_err(|rejection| server.reject(rejection))
    }
}

/// An operation's outcome as the answer: its success (already a response), or its error
/// as the operation documents it.
pub fn respond<H: Hooks, E: OperationError>(hooks: &H, outcome: Result<Response, E>) -> Response {
    match outcome {
        Ok(response) => response,
        Err(error) => error.answer(hooks),
    }
}

/// Picks the form (of operations sharing a route) whose required keys are all
/// present, trying `forms` in order. When none fits, names the keys missing from the
/// form the body came closest to.
pub fn select_form(
    object: Option<&Map<String, Value>>,
    forms: &[&[&str]],
) -> Result<usize, Rejection> {
    let Some(object) = object else {
        return Err(Rejection::new(
            RejectionKind::NotJson,
            "A JSON body is required.",
        ));
    };
    if let Some(index) = forms
        .iter()
        .position(|keys| keys.iter().all(|k| object.contains_key(*k)))
    {
        return Ok(index);
    }
    let present = |keys: &[&str]| keys.iter().filter(|k| object.contains_key(**k)).count();
    let mut closest = forms.len() - 1;
    for (index, keys) in forms.iter().enumerate().rev() {
        if present(keys) >= present(forms[closest]) {
            closest = index;
        }
    }
    // With nothing present anywhere, the last (least demanding) form is the one meant.
    if present(forms[closest]) == 0 {
        closest = forms.len() - 1;
    }
    require_keys(object, forms[closest]).map(|()| closest)
}

/// Refuses an object that lacks any of `keys`.
pub fn require_keys(object: &Map<String, Value>, keys: &[&str]) -> Result<(), Rejection> {
    let missing: Vec<String> = keys
        .iter()
        .filter(|k| !object.contains_key(**k))
        .map(|k| k.to_string())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        let message = format!("Missing params: {}", missing.join(", "));
        Err(Rejection::new(RejectionKind::MissingKeys(missing), message))
    }
}

/// Decodes a JSON object into a typed body.
pub fn decode<T: DeserializeOwned>(object: Map<String, Value>) -> Result<T, Rejection> {
    serde_path_to_error::deserialize(Value::Object(object)).map_err(|e| {
        let path = e.path().to_string();
        let message = if path == "." {
            format!("Invalid request body: {}.", e.inner())
        } else {
            format!("Invalid `{path}` in the request body: {}.", e.inner())
        };
        Rejection::new(RejectionKind::WrongShape, message)
    })
}

/// The query string as `T`, or a refusal saying what is wrong with it.
pub fn query<T: DeserializeOwned>(uri: &axum::http::Uri) -> Result<T, Rejection> {
    axum::extract::Query::<T>::try_from_uri(uri)
        .map(|query| query.0)
        .map_err(|e| {
            let text = e.body_text();
            let reason = text
                .strip_prefix("Failed to deserialize query string: ")
                .unwrap_or(&text);
            let hint = if reason.starts_with("duplicate field") {
                " (each parameter may be given once)"
            } else {
                ""
            };
            Rejection::new(
                RejectionKind::BadParameter,
                format!("Invalid query string: {reason}{hint}."),
            )
        })
}

/// Decodes one path or header parameter from its text.
pub fn parse_param<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Rejection> {
    // Strings and enums decode from the text itself; numbers and booleans from its JSON reading.
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|_| {
            Rejection::new(
                RejectionKind::BadParameter,
                format!("Invalid parameter `{name}`."),
            )
        })
}

/// The value of a path parameter by name, from the percent-decoded captures.
pub fn path_param<'a>(captures: &'a [(String, String)], name: &str) -> Result<&'a str, Rejection> {
    captures
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| {
            Rejection::new(
                RejectionKind::BadParameter,
                format!("Missing path parameter `{name}`."),
            )
        })
}

/// Deserializes a field that may be absent (`None`) or `null` (`Some(None)`).
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// JSON equality where `50` and `50.0` are the same number, for example round trips.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Defines a `#[test]` named `$name` that round-trips one of the spec's JSON examples
/// through `$ty` with [`assert_round_trip`]; `$location` is where the example is written.
/// The generated `tests/examples.rs` is one of these per example.
#[macro_export]
macro_rules! round_trip {
    ($name:ident, $ty:ty, $json:literal, $location:literal $(,)?) => {
        #[test]
        fn $name() {
            $crate::runtime::assert_round_trip::<$ty>($json, $location);
        }
    };
}

/// Parses `json` as `T`, writes it back, and checks nothing was lost or changed.
pub fn assert_round_trip<T: serde::Serialize + DeserializeOwned>(json: &str, location: &str) {
    let original: Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{location}: example is not JSON: {e}"));
    let typed: T = serde_json::from_value(original.clone())
        .unwrap_or_else(|e| panic!("{location}: example does not fit its schema: {e}"));
    let written = serde_json::to_value(&typed)
        .unwrap_or_else(|e| panic!("{location}: cannot serialise: {e}"));
    assert!(
        json_eq(&original, &written),
        "{location}: example changed in a round trip:\n  spec:    {original}\n  written: {written}"
    );
}
