// Generated from api-spec/api/client-server/v1/banning.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Room Banning API (`banning.yaml`), served under `/_matrix/client/api/v1`.
/// `POST /_matrix/client/api/v1/rooms/{roomId}/ban`
pub mod ban;
/// `POST /_matrix/client/api/v1/rooms/{roomId}/kick`
pub mod kick;
/// `POST /_matrix/client/api/v1/rooms/{roomId}/unban`
pub mod unban;
/// The operations of `banning.yaml`: implement this to serve them.
pub trait BanningApi: crate::runtime::Hooks {
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/ban`: Ban a user in the room.
    fn ban(
        &self,
        principal: Self::Principal,
        request: ban::Request,
    ) -> impl std::future::Future<Output = Result<ban::Response, ban::Error>> + Send;
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/kick`: Kick a user out of the room.
    fn kick(
        &self,
        principal: Self::Principal,
        request: kick::Request,
    ) -> impl std::future::Future<Output = Result<kick::Response, kick::Error>> + Send;
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/unban`: Unban a user from the room.
    fn unban(
        &self,
        principal: Self::Principal,
        request: unban::Request,
    ) -> impl std::future::Future<Output = Result<unban::Response, unban::Error>> + Send;
}
