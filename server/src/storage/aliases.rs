//! Room aliases: `#name:server` → room ID, with who created each.

use super::Store;
use super::db::{Conn, params};
use crate::error::InternalError;
use crate::ids::{RoomAlias, RoomId, UserId};

/// How `PUT /directory/room/{alias}` went.
#[derive(Debug, PartialEq, Eq)]
pub enum PutAlias {
    Created,
    Taken,
    UnknownRoom,
}

impl Store {
    pub async fn resolve_alias(&self, alias: &RoomAlias) -> Result<Option<RoomId>, InternalError> {
        let alias = alias.to_string();
        let found = self
            .read(move |db: &mut dyn Conn| {
                db.query_opt(
                    "SELECT room_id FROM room_aliases WHERE alias = $1",
                    params![&alias],
                    |row| row.string(0),
                )
            })
            .await?;
        found
            .map(|id| RoomId::parse(&id).map_err(|e| InternalError(e.into())))
            .transpose()
    }

    pub async fn put_alias(
        &self,
        alias: &RoomAlias,
        room: &RoomId,
        creator: &UserId,
    ) -> Result<PutAlias, InternalError> {
        let (alias, room, creator) = (alias.to_string(), room.to_string(), creator.to_string());
        self.write(move |db: &mut dyn Conn| {
            if !super::rooms::exists(db, &room)? {
                return Ok(PutAlias::UnknownRoom);
            }
            let added = db.execute(
                "INSERT INTO room_aliases (alias, room_id, creator) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                params![&alias, &room, &creator],
            )?;
            Ok(if added == 1 {
                PutAlias::Created
            } else {
                PutAlias::Taken
            })
        })
        .await
    }

    /// Who created an alias, if it exists.
    pub async fn alias_creator(&self, alias: &RoomAlias) -> Result<Option<String>, InternalError> {
        let alias = alias.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| {
                db.query_opt(
                    "SELECT creator FROM room_aliases WHERE alias = $1",
                    params![&alias],
                    |row| row.string(0),
                )
            })
            .await?)
    }

    /// Removes an alias; `false` when there was none.
    pub async fn delete_alias(&self, alias: &RoomAlias) -> Result<bool, InternalError> {
        let alias = alias.to_string();
        Ok(self
            .write(move |db: &mut dyn Conn| {
                db.execute("DELETE FROM room_aliases WHERE alias = $1", params![&alias])
            })
            .await?
            == 1)
    }
}
