// Generated from api-spec/api/client-server/v1/login.yaml by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Matrix Client-Server v1 Registration and Login API (`login.yaml`), served under `/_matrix/client/api/v1`.
/// `POST /_matrix/client/api/v1/login`
#[allow(clippy::module_inception)]
pub mod login;
/// `POST /_matrix/client/api/v1/tokenrefresh`
pub mod token_refresh;
/// The operations of `login.yaml`: implement this to serve them.
pub trait LoginApi: crate::runtime::Hooks {
    /// `POST /_matrix/client/api/v1/login`: Authenticates the user.
    fn login(
        &self,
        request: login::Request,
    ) -> impl std::future::Future<Output = Result<login::Response, login::Error>> + Send;
    /// `POST /_matrix/client/api/v1/tokenrefresh`: Exchanges a refresh token for an access token.
    fn token_refresh(
        &self,
        request: token_refresh::Request,
    ) -> impl std::future::Future<
        Output = Result<token_refresh::Response, token_refresh::Error>,
    > + Send;
}
