// Generated from api-spec/api/client-server/v1/leaving.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Room Leaving API (`leaving.yaml`), served under `/_matrix/client/api/v1`.
/// `POST /_matrix/client/api/v1/rooms/{roomId}/leave`
pub mod leave_room;
/// `POST /_matrix/client/api/v1/rooms/{roomId}/forget`
pub mod forget_room;
/// The operations of `leaving.yaml`: implement this to serve them.
pub trait LeavingApi: crate::runtime::Hooks {
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/leave`: Stop the requesting user participating in a particular room.
    fn leave_room(
        &self,
        principal: Self::Principal,
        request: leave_room::Request,
    ) -> impl std::future::Future<
        Output = Result<leave_room::Response, leave_room::Error>,
    > + Send;
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/forget`: Stop the requesting user remembering about a particular room.
    fn forget_room(
        &self,
        principal: Self::Principal,
        request: forget_room::Request,
    ) -> impl std::future::Future<
        Output = Result<forget_room::Response, forget_room::Error>,
    > + Send;
}
