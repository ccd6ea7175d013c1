//! `POST /login` (password) and `POST /tokenrefresh`: access tokens come from here.

use generated::login::{LoginApi, login, token_refresh};
use serde_json::Map;

use super::{Failure, finish, refusals};
use crate::app::Homeserver;
use crate::credentials::{new_token, token_hash, verify_password};
use crate::error::{InternalError, MatrixError};
use crate::ids::UserId;

refusals! {
    login::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
    token_refresh::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
}

impl Homeserver {
    async fn password_login(&self, request: login::Request) -> Result<login::Response, Failure> {
        let body = request
            .body
            .ok_or_else(|| MatrixError::bad_request("M_NOT_JSON", "A JSON body is required."))?;
        if body.type_ != "m.login.password" {
            return Err(MatrixError::bad_request("M_UNKNOWN", "Bad login type.").into());
        }
        let full = if body.user.starts_with('@') {
            body.user.clone()
        } else {
            format!("@{}:{}", body.user, self.server_name())
        };
        let denied = || MatrixError::forbidden("Invalid username or password");
        let user = UserId::parse(&full).map_err(|_| denied())?;
        let hash = self.store.password_hash(&user).await?.ok_or_else(denied)?;
        // argon2 is deliberately slow: keep it off the async workers.
        let password = body.password.clone();
        let valid = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .map_err(|e| InternalError(e.into()))?;
        if !valid {
            return Err(denied().into());
        }
        let (access, refresh) = (new_token(), new_token());
        self.store
            .insert_tokens(user.as_str(), &token_hash(&access), &token_hash(&refresh))
            .await?;
        tracing::info!(user = %user, "logged in");
        Ok(login::Response::Ok(login::OkBody {
            user_id: Some(user.to_string()),
            access_token: Some(access),
            refresh_token: Some(refresh),
            home_server: Some(self.server_name().to_string()),
            additional_properties: Map::new(),
        }))
    }

    async fn refresh(
        &self,
        request: token_refresh::Request,
    ) -> Result<token_refresh::Response, Failure> {
        let body = request
            .body
            .ok_or_else(|| MatrixError::bad_request("M_NOT_JSON", "A JSON body is required."))?;
        let (access, refresh) = (new_token(), new_token());
        let user = self
            .store
            .rotate_tokens(
                &token_hash(&body.refresh_token),
                &token_hash(&access),
                &token_hash(&refresh),
            )
            .await?
            .ok_or_else(|| MatrixError::forbidden("Unknown or used refresh token"))?;
        tracing::info!(user = %user, "refreshed tokens");
        Ok(token_refresh::Response::Ok(token_refresh::OkBody {
            access_token: Some(access),
            refresh_token: Some(refresh),
            additional_properties: Map::new(),
        }))
    }
}

impl LoginApi for Homeserver {
    async fn login(&self, request: login::Request) -> Result<login::Response, InternalError> {
        finish(self.password_login(request).await)
    }

    async fn token_refresh(
        &self,
        request: token_refresh::Request,
    ) -> Result<token_refresh::Response, InternalError> {
        finish(self.refresh(request).await)
    }
}
