//! Room aliases: `#name:server` → room ID, with who created each (who may delete it).

use super::{Store, in_transaction, on_reader};
use crate::error::InternalError;

/// How `PUT /directory/room/{alias}` went.
#[derive(Debug, PartialEq, Eq)]
pub enum PutAlias {
    Created,
    Taken,
    UnknownRoom,
}

impl Store {
    pub async fn resolve_alias(&self, alias: &str) -> Result<Option<String>, InternalError> {
        on_reader!(self, |pool| {
            Ok(
                sqlx::query_scalar("SELECT room_id FROM room_aliases WHERE alias = $1")
                    .bind(alias)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    pub async fn put_alias(
        &self,
        alias: &str,
        room_id: &str,
        creator: &str,
    ) -> Result<PutAlias, InternalError> {
        in_transaction!(self, |tx| {
            let exists: Option<i64> = sqlx::query_scalar(
                "SELECT stream_ordering FROM current_state WHERE room_id = $1 AND type = 'm.room.create' AND state_key = ''",
            )
            .bind(room_id)
            .fetch_optional(&mut *tx)
            .await?;
            if exists.is_none() {
                return Ok(PutAlias::UnknownRoom);
            }
            let done = sqlx::query(
                "INSERT INTO room_aliases (alias, room_id, creator) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(alias)
            .bind(room_id)
            .bind(creator)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(if done.rows_affected() == 1 {
                PutAlias::Created
            } else {
                PutAlias::Taken
            })
        })
    }

    /// Who created an alias, if it exists.
    pub async fn alias_creator(&self, alias: &str) -> Result<Option<String>, InternalError> {
        on_reader!(self, |pool| {
            Ok(
                sqlx::query_scalar("SELECT creator FROM room_aliases WHERE alias = $1")
                    .bind(alias)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    /// Removes an alias; `false` when there was none.
    pub async fn delete_alias(&self, alias: &str) -> Result<bool, InternalError> {
        in_transaction!(self, |tx| {
            let done = sqlx::query("DELETE FROM room_aliases WHERE alias = $1")
                .bind(alias)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(done.rows_affected() == 1)
        })
    }
}
