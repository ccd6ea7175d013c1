//! The homeserver: its shared state, and the hooks the generated router calls (who a token
//! belongs to, how refused requests are answered, the body size cap).

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use generated::runtime::{Credentials, Hooks, Internal, Rejection};

use crate::config::Config;
use crate::credentials::token_hash;
use crate::error::{BadRequest, bad_request, matrix_error};
use crate::identity::IdentityServers;
use crate::ids::UserId;
use crate::password_checks::PasswordChecks;
use crate::ratelimit::RateLimits;
use crate::storage::Store;

/// Everything a request may need.
pub struct Homeserver {
    pub config: Config,
    pub store: Store,
    pub limits: RateLimits,
    /// Password checks, a few at a time.
    pub passwords: PasswordChecks,
    /// The allow-listed identity servers; empty turns third-party invites off.
    pub identity: IdentityServers,
}

impl Homeserver {
    pub async fn new(config: Config) -> anyhow::Result<Arc<Homeserver>> {
        let store = Store::open(&config).await?;
        let limits = RateLimits::new(&config);
        let (at_once, queue) = (config.password_checks, config.password_check_queue);
        let passwords =
            tokio::task::spawn_blocking(move || PasswordChecks::new(at_once, queue)).await??;
        let identity = IdentityServers::new(&config.identity_servers)?;
        let server = Arc::new(Homeserver {
            config,
            store,
            limits,
            passwords,
            identity,
        });
        // Rate limits keep a bucket per key seen: forget those full again, now and then.
        let weak = Arc::downgrade(&server);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every.tick().await;
                match weak.upgrade() {
                    Some(server) => server.limits.prune(),
                    None => break,
                }
            }
        });
        Ok(server)
    }

    pub fn server_name(&self) -> &str {
        &self.config.server_name
    }
}

/// The bearer token of an `Authorization` header, if it has one.
fn bearer(headers: &HeaderMap) -> Result<Option<String>, BadRequest> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let refused = |why: &str| bad_request("M_UNKNOWN", why);
    let value = value
        .to_str()
        .map_err(|_| refused("The Authorization header is not readable text."))?;
    match value.strip_prefix("Bearer ") {
        Some(token) => Ok(Some(token.trim().to_string())),
        None => Err(refused(
            "Only `Authorization: Bearer <token>` is supported.",
        )),
    }
}

impl Homeserver {
    async fn principal(&self, credentials: Credentials<'_>) -> Result<UserId, Response> {
        let header = bearer(credentials.headers).map_err(IntoResponse::into_response)?;
        // Decision 9: either place; both, and different, is a client mistake.
        let token = match (credentials.api_key, header) {
            (Some(query), Some(header)) if query != header => {
                return Err(bad_request(
                    "M_UNKNOWN",
                    "Two different access tokens were given (query and Authorization header).",
                )
                .into_response());
            }
            (Some(token), _) | (None, Some(token)) => token,
            (None, None) => {
                return Err(
                    matrix_error::<403>("M_MISSING_TOKEN", "Missing access token.").into_response(),
                );
            }
        };
        let user = self
            .store
            .user_for_access_token(&token_hash(&token))
            .await
            .map_err(IntoResponse::into_response)?;
        match user.as_deref().map(UserId::parse) {
            Some(Ok(user)) => Ok(user),
            _ => Err(
                matrix_error::<403>("M_UNKNOWN_TOKEN", "Unrecognised access token.")
                    .into_response(),
            ),
        }
    }
}

impl Hooks for Homeserver {
    type Principal = UserId;

    async fn authenticate(&self, credentials: Credentials<'_>) -> Result<UserId, Response> {
        self.principal(credentials).await
    }

    fn reject(&self, rejection: Rejection) -> Response {
        crate::error::rejection(rejection)
    }

    fn internal_error(&self, error: Internal) -> Response {
        crate::error::internal(&error)
    }

    fn body_limit(&self) -> usize {
        self.config.max_body_bytes
    }
}
