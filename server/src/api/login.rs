//! `POST /login` (password) and `POST /tokenrefresh`: access tokens come from here.

use generated::login::{LoginApi, login, token_refresh};

use crate::app::Homeserver;
use crate::credentials::{new_token, token_hash};
use crate::error::{bad_request, forbidden};
use crate::ids::UserId;
use crate::password_checks::CheckRefused;

impl LoginApi for Homeserver {
    async fn login(&self, request: login::Request) -> Result<login::Response, login::Error> {
        let body = request
            .body
            .ok_or_else(|| bad_request("M_NOT_JSON", "A JSON body is required."))?;
        if body.type_ != "m.login.password" {
            return Err(bad_request(
                "M_UNKNOWN",
                format!(
                    "Unsupported login type {:?}: only \"m.login.password\" is supported.",
                    body.type_
                ),
            )
            .into());
        }
        let full = if body.user.starts_with('@') {
            body.user.clone()
        } else {
            format!("@{}:{}", body.user, self.server_name())
        };
        // Attempts are limited per client address and per account before any work, so a
        // flood costs the server nothing but these checks.
        let address = crate::serving::client_address();
        if let Some(address) = address {
            self.limits.login_by_address.take(&address)?;
        }
        self.limits.login_by_account.take(&full)?;
        let user = UserId::parse(&full).ok();
        let hash = match &user {
            Some(user) => self.store.password_hash(user).await?,
            None => None,
        };
        // An unknown user's password is checked too (against nobody's hash): both answers
        // take the same time.
        let matched = match self
            .passwords
            .verify(address, body.password.clone(), hash)
            .await
        {
            Ok(matched) => matched,
            Err(CheckRefused::Busy(busy)) => return Err(busy.into()),
            Err(CheckRefused::Internal(error)) => return Err(error.into()),
        };
        let (true, Some(user)) = (matched, user) else {
            tracing::info!(account = %full, "failed login");
            return Err(forbidden("Invalid username or password").into());
        };
        let (access, refresh) = (new_token(), new_token());
        self.store
            .insert_tokens(&user, token_hash(&access), token_hash(&refresh))
            .await?;
        tracing::info!(user = %user, "logged in");
        let mut answer = login::OkBody::new();
        answer.user_id = Some(user.to_string());
        answer.access_token = Some(access);
        answer.refresh_token = Some(refresh);
        answer.home_server = Some(self.server_name().to_string());
        Ok(answer)
    }

    async fn token_refresh(
        &self,
        request: token_refresh::Request,
    ) -> Result<token_refresh::Response, token_refresh::Error> {
        let body = request
            .body
            .ok_or_else(|| bad_request("M_NOT_JSON", "A JSON body is required."))?;
        let (access, refresh) = (new_token(), new_token());
        let user = self
            .store
            .rotate_tokens(
                token_hash(&body.refresh_token),
                token_hash(&access),
                token_hash(&refresh),
            )
            .await?
            .ok_or_else(|| forbidden("Unknown or already used refresh token."))?;
        tracing::info!(user = %user, "refreshed tokens");
        let mut answer = token_refresh::OkBody::new();
        answer.access_token = Some(access);
        answer.refresh_token = Some(refresh);
        Ok(answer)
    }
}
