// Generated from api-spec/api/client-server/v1/create_room.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Room Creation API (`create_room.yaml`), served under `/_matrix/client/api/v1`.
/// `POST /_matrix/client/api/v1/createRoom`
#[allow(clippy::module_inception)]
pub mod create_room;
/// The operations of `create_room.yaml`: implement this to serve them.
pub trait CreateRoomApi: crate::runtime::Hooks {
    /// `POST /_matrix/client/api/v1/createRoom`: Create a new room
    fn create_room(
        &self,
        principal: Self::Principal,
        request: create_room::Request,
    ) -> impl std::future::Future<
        Output = Result<create_room::Response, create_room::Error>,
    > + Send;
}
