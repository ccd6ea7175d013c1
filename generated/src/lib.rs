// Generated from api-spec/api/client-server/v1 by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Typed request and response types, one route trait per API, and an axum router, generated from the API spec.
//!
//! Implement [`runtime::Hooks`] and every API trait, then serve [`router::router`].
pub mod runtime;
pub mod schemas;
/// Matrix Client-Server v1 Room Banning API (`banning.yaml`).
pub mod banning;
/// Matrix Client-Server v1 Room Creation API (`create_room.yaml`).
pub mod create_room;
/// Matrix Client-Server v1 Directory API (`directory.yaml`).
pub mod directory;
/// Matrix Client-Server v1 Room Leaving API (`leaving.yaml`).
pub mod leaving;
/// Matrix Client-Server v1 Registration and Login API (`login.yaml`).
pub mod login;
/// Matrix Client-Server v1 Room Membership API (`membership.yaml`).
pub mod membership;
/// Matrix Client-Server v1 Rooms API (`rooms.yaml`).
pub mod rooms;
pub mod router;
pub use router::{router, Api};
pub use runtime::{
    Credentials, ErrorAnswer, Hooks, Internal, NoBody, Rejection, RejectionKind,
};
