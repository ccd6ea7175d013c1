//! Matrix errors: `{errcode, error}` bodies under a typed HTTP status, and the one place a
//! failure inside the server becomes an answer (logged, then 500 `M_UNKNOWN` without its
//! details).
//!
//! A refusal is a [`MatrixError<STATUS>`], e.g. [`Forbidden`] (403): an operation's
//! generated `Error` accepts it (with `?`) only when the spec documents that status for the
//! operation, so a handler cannot answer a status its operation does not document.

use std::time::Duration;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use generated::runtime::{ErrorAnswer, Internal, Rejection, RejectionKind};
use generated::schemas::Error as ErrorBody;

/// A Matrix error answer with the HTTP status `STATUS`.
pub type MatrixError<const STATUS: u16> = ErrorAnswer<STATUS, ErrorBody>;

pub type BadRequest = MatrixError<400>;
pub type Forbidden = MatrixError<403>;
pub type NotFound = MatrixError<404>;
pub type Conflict = MatrixError<409>;
pub type LimitExceeded = MatrixError<429>;
pub type BadGateway = MatrixError<502>;

/// A Matrix error: `errcode` and a human-readable `error` under the status `STATUS`.
pub fn matrix_error<const STATUS: u16>(
    errcode: &str,
    error: impl Into<String>,
) -> MatrixError<STATUS> {
    let mut body = ErrorBody::new(errcode.to_string());
    body.error = Some(error.into());
    ErrorAnswer::new(body)
}

/// 403 `M_FORBIDDEN`: the request is understood and refused.
pub fn forbidden(error: impl Into<String>) -> Forbidden {
    matrix_error("M_FORBIDDEN", error)
}

/// 404 `M_NOT_FOUND`.
pub fn not_found(error: impl Into<String>) -> NotFound {
    matrix_error("M_NOT_FOUND", error)
}

/// 400 with the given errcode.
pub fn bad_request(errcode: &str, error: impl Into<String>) -> BadRequest {
    matrix_error(errcode, error)
}

/// 429 `M_LIMIT_EXCEEDED` from the limit named `limit`, saying when to try again:
/// `retry_after_ms` in the body (at least 1: some clients read 0 as "no advice") and
/// `Retry-After` in whole seconds, rounded up, for HTTP clients and proxies. Counted in
/// `rate_limit_refusals_total` under the limit's name, so an operator sees which one bites.
pub fn limit_exceeded(limit: &'static str, wait: Duration) -> LimitExceeded {
    metrics::counter!("rate_limit_refusals_total", "limit" => limit).increment(1);
    let ms = wait.as_millis().clamp(1, u64::MAX as u128) as u64;
    let mut answer: LimitExceeded = matrix_error("M_LIMIT_EXCEEDED", "Too many requests");
    answer
        .body_mut()
        .additional_properties
        .insert("retry_after_ms".into(), ms.into());
    let seconds = ms.div_ceil(1000);
    answer.with_header(header::RETRY_AFTER, HeaderValue::from(seconds))
}

/// How the router's refusals are answered (docs/membership.md, "Requests the router
/// refuses").
pub fn rejection(rejection: Rejection) -> Response {
    match rejection.kind {
        RejectionKind::NotJson => bad_request("M_NOT_JSON", rejection.message).into_response(),
        RejectionKind::WrongShape => bad_request("M_BAD_JSON", rejection.message).into_response(),
        RejectionKind::MissingKeys(_) => {
            bad_request("M_MISSING_PARAM", rejection.message).into_response()
        }
        RejectionKind::TooLarge => {
            matrix_error::<413>("M_TOO_LARGE", rejection.message).into_response()
        }
        RejectionKind::UnknownPath => {
            matrix_error::<404>("M_UNRECOGNIZED", "Unrecognized request").into_response()
        }
        RejectionKind::WrongMethod => {
            matrix_error::<405>("M_UNRECOGNIZED", "Unrecognized request: method not allowed")
                .into_response()
        }
        RejectionKind::BadParameter => bad_request("M_UNKNOWN", rejection.message).into_response(),
    }
}

/// A failure inside the server (storage down, ...): never the client's fault.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct InternalError(#[from] pub anyhow::Error);

/// An internal failure as the client sees it: logged with its cause, answered 500
/// `M_UNKNOWN` without it.
pub fn internal(error: &Internal) -> Response {
    tracing::error!(error = %error, "internal error");
    matrix_error::<500>("M_UNKNOWN", "Internal server error").into_response()
}

impl IntoResponse for InternalError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self.0, "internal error");
        matrix_error::<500>("M_UNKNOWN", "Internal server error").into_response()
    }
}
