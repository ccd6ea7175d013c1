//! Users and their tokens. Tokens are kept only as SHA-256 hashes.

use super::db::{Conn, DbError, params};
use super::{Engine, Store, now_ms};
use crate::error::InternalError;
use crate::ids::UserId;

impl Store {
    /// Adds a user; `false` when the ID is taken.
    pub async fn create_user(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<bool, InternalError> {
        let (user, hash) = (user.to_string(), password_hash.to_string());
        self.write(move |db: &mut dyn Conn| {
            let added = db.execute(
                "INSERT INTO users (user_id, password_hash, created_ts) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                params![&user, &hash, now_ms()],
            )?;
            Ok(added == 1)
        })
        .await
    }

    /// The password hash of an account that may log in: `None` for an unknown or a
    /// deactivated one.
    pub async fn password_hash(&self, user: &UserId) -> Result<Option<String>, InternalError> {
        let user = user.to_string();
        self.read(move |db: &mut dyn Conn| {
            Ok(db.query_opt(
                "SELECT password_hash FROM users WHERE user_id = $1 AND deactivated_ts IS NULL",
                params![&user],
                |row| row.string(0),
            )?)
        })
        .await
    }

    /// Stores a new token pair for an account that may log in; `false` (and nothing
    /// stored) when it was deactivated meanwhile.
    pub async fn insert_tokens(
        &self,
        user: &UserId,
        access_hash: Vec<u8>,
        refresh_hash: Vec<u8>,
    ) -> Result<bool, InternalError> {
        let user = user.to_string();
        Ok(self
            .write(move |db: &mut dyn Conn| {
                insert_tokens_if_active(db, &user, &access_hash, &refresh_hash)
            })
            .await?)
    }

    /// Who an access token (by hash) belongs to, if anyone.
    pub async fn user_for_access_token(
        &self,
        access_hash: &[u8],
    ) -> Result<Option<String>, InternalError> {
        let mut epoch = 0;
        let asked = std::time::Instant::now();
        if let Engine::Sqlite(db) = &self.engine {
            if let Some(user) = db.tokens.get(access_hash) {
                return Ok(Some(user));
            }
            epoch = db.tokens.epoch();
        }
        let hash = access_hash.to_vec();
        let user = self
            .read(move |db: &mut dyn Conn| {
                db.query_opt(
                    "SELECT user_id FROM tokens WHERE access_hash = $1",
                    params![&hash[..]],
                    |row| row.string(0),
                )
            })
            .await
            .map_err(InternalError::from)?;
        // Only known tokens are remembered: an unknown one may yet be issued.
        if let (Engine::Sqlite(db), Some(user)) = (&self.engine, &user) {
            db.tokens.remember(access_hash, user, epoch, asked);
        }
        Ok(user)
    }

    /// Replaces the token pair of `refresh_hash` with a new one; `None` when the refresh
    /// token is unknown (or was already used, perhaps by another process: the delete decides).
    pub async fn rotate_tokens(
        &self,
        refresh_hash: Vec<u8>,
        access_hash: Vec<u8>,
        new_refresh_hash: Vec<u8>,
    ) -> Result<Option<String>, InternalError> {
        let replaced = self
            .write(move |db: &mut dyn Conn| -> Result<_, DbError> {
                let replaced = db.query_opt(
                    "DELETE FROM tokens WHERE refresh_hash = $1 RETURNING user_id, access_hash",
                    params![&refresh_hash[..]],
                    |row| Ok((row.string(0)?, row.bytes(1)?)),
                )?;
                // A deactivated account's refresh token is used up and replaced by nothing.
                replaced
                    .map(|(user, old)| {
                        let issued =
                            insert_tokens_if_active(db, &user, &access_hash, &new_refresh_hash)?;
                        Ok((issued.then_some(user), old))
                    })
                    .transpose()
            })
            .await?;
        // The old access token is dead from the commit on.
        if let (Engine::Sqlite(db), Some((_, old))) = (&self.engine, &replaced) {
            db.tokens.forget(old);
        }
        Ok(replaced.and_then(|(user, _)| user))
    }
}

/// Stores a token pair for `user` unless the account is deactivated (`false` then), for
/// logins and refreshes alike. The check is a write to the account's row, not a read: on
/// PostgreSQL it waits for a deactivation in flight (which updates the row) and then sees
/// it, so no token is issued after a deactivation's revocation has run.
fn insert_tokens_if_active(
    db: &mut dyn Conn,
    user: &str,
    access_hash: &[u8],
    refresh_hash: &[u8],
) -> Result<bool, DbError> {
    let active = db.execute(
        "UPDATE users SET user_id = user_id WHERE user_id = $1 AND deactivated_ts IS NULL",
        params![user],
    )?;
    if active != 1 {
        return Ok(false);
    }
    db.execute(
        "INSERT INTO tokens (access_hash, refresh_hash, user_id, created_ts) VALUES ($1, $2, $3, $4)",
        params![access_hash, refresh_hash, user, now_ms()],
    )?;
    Ok(true)
}
