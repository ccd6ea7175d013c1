//! Room aliases: `PUT`/`GET`/`DELETE /directory/room/{roomAlias}`. Only aliases on this
//! server exist; another server's alias is simply not found (no federation). Who may create
//! and remove one is `rules::may_create_alias` and `rules::may_delete_alias`.

use generated::directory::{DirectoryApi, delete_room_alias, get_room_id_by_alias, set_room_alias};

use crate::app::Homeserver;
use crate::error::{BadRequest, bad_request, matrix_error, not_found};
use crate::ids::{RoomAlias, RoomId, UserId};
use crate::rules::{self, Roles};
use crate::storage::PutAlias;

fn alias(raw: &str) -> Result<RoomAlias, BadRequest> {
    RoomAlias::parse(raw)
        .map_err(|e| bad_request("M_UNKNOWN", format!("Invalid room alias {raw:?}: {e}.")))
}

impl Homeserver {
    fn local_alias(&self, raw: &str) -> Result<RoomAlias, BadRequest> {
        let alias = alias(raw)?;
        if alias.domain() != self.server_name() {
            return Err(bad_request(
                "M_UNKNOWN",
                format!(
                    "Room alias {alias} is not on this server ({}).",
                    self.server_name()
                ),
            ));
        }
        Ok(alias)
    }
}

impl DirectoryApi for Homeserver {
    async fn get_room_id_by_alias(
        &self,
        request: get_room_id_by_alias::Request,
    ) -> Result<get_room_id_by_alias::Response, get_room_id_by_alias::Error> {
        let alias = alias(&request.room_alias)?;
        let room = if alias.domain() == self.server_name() {
            self.store.resolve_alias(&alias).await?
        } else {
            None
        };
        let room = room.ok_or_else(|| not_found(format!("Room alias {alias} not found.")))?;
        let mut answer = get_room_id_by_alias::OkBody::new();
        answer.room_id = Some(room.to_string());
        answer.servers = Some(vec![self.server_name().to_string()]);
        Ok(answer)
    }

    async fn set_room_alias(
        &self,
        creator: UserId,
        request: set_room_alias::Request,
    ) -> Result<set_room_alias::Response, set_room_alias::Error> {
        let alias = self.local_alias(&request.room_alias)?;
        let raw = &request.body.room_id;
        let room = RoomId::parse(raw)
            .map_err(|e| bad_request("M_UNKNOWN", format!("Invalid room ID {raw:?}: {e}.")))?;
        let state = self
            .snapshot::<set_room_alias::Error>(&room, Roles::own(&creator))
            .await?;
        if !state.exists() {
            return Err(bad_request("M_UNKNOWN", format!("Room {room} does not exist.")).into());
        }
        rules::may_create_alias(&state, &room, &alias, &creator)?;
        self.limits.alias_creation.take(&creator.to_string())?;
        match self.store.put_alias(&alias, &room, &creator).await? {
            PutAlias::Created => Ok(set_room_alias::Response::new()),
            PutAlias::Taken => Err(matrix_error::<409>(
                "M_UNKNOWN",
                format!("Room alias {alias} already exists."),
            )
            .into()),
            PutAlias::UnknownRoom => {
                Err(bad_request("M_UNKNOWN", format!("Room {room} does not exist.")).into())
            }
        }
    }

    async fn delete_room_alias(
        &self,
        user: UserId,
        request: delete_room_alias::Request,
    ) -> Result<delete_room_alias::Response, delete_room_alias::Error> {
        let alias = self.local_alias(&request.room_alias)?;
        let not_found = || not_found(format!("Room alias {alias} not found."));
        let (Some(creator), Some(room)) = (
            self.store.alias_creator(&alias).await?,
            self.store.resolve_alias(&alias).await?,
        ) else {
            return Err(not_found().into());
        };
        let state = self
            .snapshot::<delete_room_alias::Error>(&room, Roles::own(&user))
            .await?;
        rules::may_delete_alias(&state, &alias, &creator, &user)?;
        if !self.store.delete_alias(&alias).await? {
            return Err(not_found().into());
        }
        Ok(delete_room_alias::Response::new())
    }
}
