//! The generated API traits, implemented: one module per API file.

mod banning;
mod create_room;
mod directory;
mod leaving;
mod login;
mod membership;
mod rooms;

use crate::error::{InternalError, MatrixError};
use crate::ids::{RoomId, UserId};

/// Why an operation did not succeed: the client's mistake or refusal, or ours.
pub enum Failure {
    Refused(MatrixError),
    Internal(InternalError),
}

impl From<MatrixError> for Failure {
    fn from(error: MatrixError) -> Self {
        Failure::Refused(error)
    }
}

impl From<InternalError> for Failure {
    fn from(error: InternalError) -> Self {
        Failure::Internal(error)
    }
}

/// A generated response type that can carry a refusal.
pub trait Refuse: Sized {
    fn refuse(error: MatrixError) -> Result<Self, InternalError>;
}

/// Maps refusals onto each operation's documented error variants. Every status a handler
/// refuses with is documented (in the spec or the overlay); one that is not is a bug in
/// this server, answered 500 and logged.
macro_rules! refusals {
    ($($response:ty { $($status:ident => $variant:ident),* $(,)? })*) => {
        $(
            impl crate::api::Refuse for $response {
                fn refuse(error: crate::error::MatrixError) -> Result<Self, crate::error::InternalError> {
                    match error.status {
                        $(axum::http::StatusCode::$status => Ok(Self::$variant(error.body())),)*
                        status => Err(crate::error::InternalError(anyhow::anyhow!(
                            "undocumented status {status} ({}: {})", error.errcode, error.error
                        ))),
                    }
                }
            }
        )*
    };
}
pub(crate) use refusals;

/// An operation's outcome as the generated trait returns it.
pub fn finish<R: Refuse>(result: Result<R, Failure>) -> Result<R, InternalError> {
    match result {
        Ok(response) => Ok(response),
        Err(Failure::Refused(error)) => R::refuse(error),
        Err(Failure::Internal(error)) => Err(error),
    }
}

/// A room ID from a path parameter (invite, leave, ban and the reads take no aliases).
pub fn room_id(raw: &str) -> Result<RoomId, MatrixError> {
    if raw.starts_with('#') {
        return Err(MatrixError::bad_request(
            "M_UNKNOWN",
            "This endpoint takes a room ID, not an alias.",
        ));
    }
    RoomId::parse(raw)
        .map_err(|e| MatrixError::bad_request("M_UNKNOWN", format!("Invalid room ID: {e}")))
}

/// A user ID from a request body (I5: `M_BAD_JSON`).
pub fn user_id(raw: &str) -> Result<UserId, MatrixError> {
    UserId::parse(raw)
        .map_err(|e| MatrixError::bad_request("M_BAD_JSON", format!("Invalid user ID: {e}")))
}

/// The empty JSON object most operations answer with.
pub fn empty() -> generated::runtime::JsonObject {
    serde_json::Map::new()
}
