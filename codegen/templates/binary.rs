//! Bodies the spec does not describe as JSON (files, images, forms, text): read and
//! answered as bytes, labelled with their media type. Generated into a crate whose spec
//! has such a body.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::runtime::{
    self, AnswerBody, AnyStatus, ErrorAnswer, Hooks, OrReject, Rejection, RejectionKind,
};

/// A body as bytes, with its media type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Binary {
    /// The `Content-Type` the body came with, or is answered with (the one the spec
    /// documents when `None`).
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

impl Binary {
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Binary {
            content_type: Some(content_type.into()),
            bytes: bytes.into(),
        }
    }
}

impl AnswerBody for Binary {
    fn bytes(&self) -> Option<Result<Vec<u8>, serde_json::Error>> {
        Some(Ok(self.bytes.to_vec()))
    }
}

/// The `Content-Type` of an answer: the body's own, else the documented one.
fn content_type(body: &Binary, documented: &'static str) -> Option<HeaderValue> {
    match &body.content_type {
        Some(own) => HeaderValue::from_str(own).ok(),
        None => HeaderValue::from_str(documented).ok(),
    }
}

/// A successful answer with a binary body.
pub fn response(status: StatusCode, body: Binary, documented: &'static str) -> Response {
    match content_type(&body, documented) {
        Some(value) => (status, [(header::CONTENT_TYPE, value)], body.bytes).into_response(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// An error answer with a binary body.
pub fn error_response<const STATUS: u16>(
    answer: ErrorAnswer<STATUS, Binary>,
    documented: &'static str,
) -> Response {
    let value = content_type(answer.body(), documented);
    labelled(answer.into_response(), value)
}

/// A `default` answer with a binary body.
pub fn any_status_response(answer: AnyStatus<Binary>, documented: &'static str) -> Response {
    let value = content_type(&answer.body, documented);
    labelled(answer.into_response(), value)
}

fn labelled(mut response: Response, content_type: Option<HeaderValue>) -> Response {
    match content_type {
        Some(value) => {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
            response
        }
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The path captures and the body of a request as bytes (`None` when empty), or the
/// answer refusing it.
pub async fn read_request<H: Hooks>(
    server: &H,
    path: Result<
        axum::extract::Path<Vec<(String, String)>>,
        axum::extract::rejection::PathRejection,
    >,
    headers: &HeaderMap,
    body: Body,
) -> Result<(Vec<(String, String)>, Option<Binary>), Response> {
    let path = path
        .map(|path| path.0)
        .map_err(|e| Rejection::new(RejectionKind::BadParameter, e.body_text()))
        .or_reject(server)?;
    let bytes = runtime::read_body(body, server.body_limit())
        .await
        .or_reject(server)?;
    if bytes.is_empty() {
        return Ok((path, None));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok((path, Some(Binary { content_type, bytes })))
}
