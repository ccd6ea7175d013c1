// Generated from api-spec/api/client-server/v1/membership.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Room Membership API (`membership.yaml`), served under `/_matrix/client/api/v1`.
/// `POST /_matrix/client/api/v1/rooms/{roomId}/join`
pub mod join_room;
/// `POST /_matrix/client/api/v1/rooms/{roomId}/invite`
pub mod invite_user;
/// `POST /_matrix/client/api/v1/rooms/{roomId}/invite`
pub mod invite_by3_pid;
/// The operations of `membership.yaml`: implement this to serve them.
pub trait MembershipApi: crate::runtime::Hooks {
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/join`: Start the requesting user participating in a particular room.
    fn join_room(
        &self,
        principal: Self::Principal,
        request: join_room::Request,
    ) -> impl std::future::Future<
        Output = Result<join_room::Response, join_room::Error>,
    > + Send;
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/invite`: Invite a user to participate in a particular room.
    fn invite_user(
        &self,
        principal: Self::Principal,
        request: invite_user::Request,
    ) -> impl std::future::Future<
        Output = Result<invite_user::Response, invite_user::Error>,
    > + Send;
    /// `POST /_matrix/client/api/v1/rooms/{roomId}/invite`: Invite a user to participate in a particular room.
    fn invite_by3_pid(
        &self,
        principal: Self::Principal,
        request: invite_by3_pid::Request,
    ) -> impl std::future::Future<
        Output = Result<invite_by3_pid::Response, invite_by3_pid::Error>,
    > + Send;
}
