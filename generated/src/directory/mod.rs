// Generated from api-spec/api/client-server/v1/directory.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Directory API (`directory.yaml`), served under `/_matrix/client/api/v1/directory`.
/// `GET /_matrix/client/api/v1/directory/room/{roomAlias}`
pub mod get_room_id_by_alias;
/// `PUT /_matrix/client/api/v1/directory/room/{roomAlias}`
pub mod set_room_alias;
/// `DELETE /_matrix/client/api/v1/directory/room/{roomAlias}`
pub mod delete_room_alias;
/// The operations of `directory.yaml`: implement this to serve them.
pub trait DirectoryApi: crate::runtime::Hooks {
    /// `GET /_matrix/client/api/v1/directory/room/{roomAlias}`: Get the room ID corresponding to this room alias.
    fn get_room_id_by_alias(
        &self,
        request: get_room_id_by_alias::Request,
    ) -> impl std::future::Future<
        Output = Result<get_room_id_by_alias::Response, get_room_id_by_alias::Error>,
    > + Send;
    /// `PUT /_matrix/client/api/v1/directory/room/{roomAlias}`: Create a new mapping from room alias to room ID.
    fn set_room_alias(
        &self,
        principal: Self::Principal,
        request: set_room_alias::Request,
    ) -> impl std::future::Future<
        Output = Result<set_room_alias::Response, set_room_alias::Error>,
    > + Send;
    /// `DELETE /_matrix/client/api/v1/directory/room/{roomAlias}`: Remove a mapping of room alias to room ID.
    fn delete_room_alias(
        &self,
        principal: Self::Principal,
        request: delete_room_alias::Request,
    ) -> impl std::future::Future<
        Output = Result<delete_room_alias::Response, delete_room_alias::Error>,
    > + Send;
}
