//! Matrix errors: the one place a failure becomes an HTTP answer (`{errcode, error}`).
//! Internal failures are logged and answered 500 `M_UNKNOWN` without their details.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use generated::runtime::{Rejection, RejectionKind};
use generated::schemas::Error as ErrorBody;

/// A Matrix error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixError {
    pub status: StatusCode,
    pub errcode: &'static str,
    pub error: String,
    /// For `M_LIMIT_EXCEEDED`.
    pub retry_after_ms: Option<u64>,
}

impl MatrixError {
    pub fn new(status: StatusCode, errcode: &'static str, error: impl Into<String>) -> Self {
        MatrixError {
            status,
            errcode,
            error: error.into(),
            retry_after_ms: None,
        }
    }

    pub fn forbidden(error: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "M_FORBIDDEN", error)
    }

    pub fn forbidden_code(errcode: &'static str, error: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, errcode, error)
    }

    pub fn not_found(error: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "M_NOT_FOUND", error)
    }

    pub fn bad_request(errcode: &'static str, error: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, errcode, error)
    }

    pub fn limit_exceeded(retry_after_ms: u64) -> Self {
        MatrixError {
            retry_after_ms: Some(retry_after_ms),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "M_LIMIT_EXCEEDED",
                "Too many requests",
            )
        }
    }

    /// The spec's error object, for the generated response variants.
    pub fn body(&self) -> ErrorBody {
        let mut additional_properties = serde_json::Map::new();
        if let Some(ms) = self.retry_after_ms {
            additional_properties.insert("retry_after_ms".into(), ms.into());
        }
        ErrorBody {
            errcode: self.errcode.to_string(),
            error: Some(self.error.clone()),
            additional_properties,
        }
    }
}

impl IntoResponse for MatrixError {
    fn into_response(self) -> Response {
        generated::runtime::json_response(self.status, &self.body())
    }
}

/// How the router's refusals are answered (membership-semantics.md 2.0, G1-G7).
pub fn rejection(rejection: Rejection) -> MatrixError {
    match rejection.kind {
        RejectionKind::NotJson => MatrixError::bad_request("M_NOT_JSON", "Content not JSON."),
        RejectionKind::WrongShape => MatrixError::bad_request("M_BAD_JSON", rejection.message),
        RejectionKind::MissingKeys(_) => {
            MatrixError::bad_request("M_MISSING_PARAM", rejection.message)
        }
        RejectionKind::TooLarge => MatrixError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "M_TOO_LARGE",
            rejection.message,
        ),
        RejectionKind::UnknownPath => MatrixError::new(
            StatusCode::NOT_FOUND,
            "M_UNRECOGNIZED",
            "Unrecognized request",
        ),
        RejectionKind::WrongMethod => MatrixError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "M_UNRECOGNIZED",
            "Unrecognized request: method not allowed",
        ),
        RejectionKind::BadParameter => MatrixError::bad_request("M_UNKNOWN", rejection.message),
    }
}

/// A failure inside the server (storage down, ...): logged, answered 500 `M_UNKNOWN`.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct InternalError(#[from] pub anyhow::Error);

impl From<sqlx::Error> for InternalError {
    fn from(e: sqlx::Error) -> Self {
        InternalError(e.into())
    }
}

impl From<rusqlite::Error> for InternalError {
    fn from(e: rusqlite::Error) -> Self {
        InternalError(e.into())
    }
}

impl IntoResponse for InternalError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self.0, "internal error");
        MatrixError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "M_UNKNOWN",
            "Internal server error",
        )
        .into_response()
    }
}
