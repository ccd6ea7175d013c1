// Generated from api-spec/api/client-server/v1/rooms.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Rooms API (`rooms.yaml`), served under `/_matrix/client/api/v1`.
/// `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/{stateKey}`
pub mod get_room_state_with_key;
/// `GET /_matrix/client/api/v1/rooms/{roomId}/state`
pub mod get_room_state;
/// `GET /_matrix/client/api/v1/rooms/{roomId}/initialSync`
pub mod room_initial_sync;
/// `GET /_matrix/client/api/v1/rooms/{roomId}/members`
pub mod get_members_by_room;
/// The operations of `rooms.yaml`: implement this to serve them.
pub trait RoomsApi: crate::runtime::Hooks {
    /// `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/{stateKey}`: Get the state identified by the type and key.
    fn get_room_state_with_key(
        &self,
        principal: Self::Principal,
        request: get_room_state_with_key::Request,
    ) -> impl std::future::Future<
        Output = Result<
            get_room_state_with_key::Response,
            get_room_state_with_key::Error,
        >,
    > + Send;
    /// `GET /_matrix/client/api/v1/rooms/{roomId}/state`: Get all state events in the current state of a room.
    fn get_room_state(
        &self,
        principal: Self::Principal,
        request: get_room_state::Request,
    ) -> impl std::future::Future<
        Output = Result<get_room_state::Response, get_room_state::Error>,
    > + Send;
    /// `GET /_matrix/client/api/v1/rooms/{roomId}/initialSync`: Snapshot the current state of a room and its most recent messages.
    fn room_initial_sync(
        &self,
        principal: Self::Principal,
        request: room_initial_sync::Request,
    ) -> impl std::future::Future<
        Output = Result<room_initial_sync::Response, room_initial_sync::Error>,
    > + Send;
    /// `GET /_matrix/client/api/v1/rooms/{roomId}/members`: Get the m.room.member events for the room.
    fn get_members_by_room(
        &self,
        principal: Self::Principal,
        request: get_members_by_room::Request,
    ) -> impl std::future::Future<
        Output = Result<get_members_by_room::Response, get_members_by_room::Error>,
    > + Send;
}
