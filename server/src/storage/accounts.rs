//! Users and their tokens. Tokens are kept only as SHA-256 hashes.

use super::{Engine, Store, in_transaction, now_ms, on_reader};
use crate::error::InternalError;
use crate::ids::UserId;

impl Store {
    /// Adds a user; `false` when the ID is taken.
    pub async fn create_user(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<bool, InternalError> {
        in_transaction!(self, |tx| {
            let done = sqlx::query(
                "INSERT INTO users (user_id, password_hash, created_ts) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(user.as_str())
            .bind(password_hash)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn password_hash(&self, user: &UserId) -> Result<Option<String>, InternalError> {
        on_reader!(self, |pool| {
            Ok(
                sqlx::query_scalar("SELECT password_hash FROM users WHERE user_id = $1")
                    .bind(user.as_str())
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    pub async fn insert_tokens(
        &self,
        user: &str,
        access_hash: &[u8],
        refresh_hash: &[u8],
    ) -> Result<(), InternalError> {
        in_transaction!(self, |tx| {
            sqlx::query(
                "INSERT INTO tokens (access_hash, refresh_hash, user_id, created_ts) VALUES ($1, $2, $3, $4)",
            )
            .bind(access_hash)
            .bind(refresh_hash)
            .bind(user)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn user_for_access_token(
        &self,
        access_hash: &[u8],
    ) -> Result<Option<String>, InternalError> {
        let mut epoch = 0;
        if let Engine::Sqlite(db) = &self.engine {
            if let Some(user) = db.tokens.get(access_hash) {
                return Ok(Some(user));
            }
            epoch = db.tokens.epoch();
        }
        let user: Option<String> = on_reader!(self, |pool| {
            sqlx::query_scalar("SELECT user_id FROM tokens WHERE access_hash = $1")
                .bind(access_hash)
                .fetch_optional(pool)
                .await?
        });
        // Only known tokens are remembered: an unknown one may yet be issued.
        if let (Engine::Sqlite(db), Some(user)) = (&self.engine, &user) {
            db.tokens.remember(access_hash, user, epoch);
        }
        Ok(user)
    }

    /// Replaces the token pair of `refresh_hash` with a new one; `None` when the refresh
    /// token is unknown (or was already used, perhaps by another process: the delete decides).
    pub async fn rotate_tokens(
        &self,
        refresh_hash: &[u8],
        access_hash: &[u8],
        new_refresh_hash: &[u8],
    ) -> Result<Option<String>, InternalError> {
        in_transaction!(self, |tx| {
            let replaced: Option<(String, Vec<u8>)> = sqlx::query_as(
                "DELETE FROM tokens WHERE refresh_hash = $1 RETURNING user_id, access_hash",
            )
            .bind(refresh_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let (user, old_access_hash) = replaced.unzip();
            if let Some(user) = &user {
                sqlx::query(
                    "INSERT INTO tokens (access_hash, refresh_hash, user_id, created_ts) VALUES ($1, $2, $3, $4)",
                )
                .bind(access_hash)
                .bind(new_refresh_hash)
                .bind(user)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            // The old access token is dead from the commit on.
            if let (Engine::Sqlite(db), Some(old)) = (&self.engine, &old_access_hash) {
                db.tokens.forget(old);
            }
            Ok(user)
        })
    }
}
