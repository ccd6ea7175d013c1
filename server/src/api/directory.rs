//! Room aliases: `PUT`/`GET`/`DELETE /directory/room/{roomAlias}`. Only aliases on this
//! server exist; another server's alias is simply not found (no federation, 4.3).

use generated::directory::{DirectoryApi, delete_room_alias, get_room_id_by_alias, set_room_alias};
use serde_json::Map;

use super::{Failure, empty, finish, refusals, room_id};
use crate::app::Homeserver;
use crate::error::{InternalError, MatrixError};
use crate::ids::{RoomAlias, UserId};
use crate::storage::PutAlias;

refusals! {
    get_room_id_by_alias::Response { BAD_REQUEST => BadRequest, NOT_FOUND => NotFound }
    set_room_alias::Response { BAD_REQUEST => BadRequest, CONFLICT => Conflict }
    delete_room_alias::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, NOT_FOUND => NotFound }
}

fn alias(raw: &str) -> Result<RoomAlias, MatrixError> {
    RoomAlias::parse(raw)
        .map_err(|e| MatrixError::bad_request("M_UNKNOWN", format!("Invalid room alias: {e}")))
}

impl Homeserver {
    fn local_alias(&self, raw: &str) -> Result<RoomAlias, MatrixError> {
        let alias = alias(raw)?;
        if alias.domain() != self.server_name() {
            return Err(MatrixError::bad_request(
                "M_UNKNOWN",
                "Room alias must be on this server",
            ));
        }
        Ok(alias)
    }
}

impl DirectoryApi for Homeserver {
    async fn get_room_id_by_alias(
        &self,
        request: get_room_id_by_alias::Request,
    ) -> Result<get_room_id_by_alias::Response, InternalError> {
        finish(
            async {
                let alias = alias(&request.room_alias)?;
                let room = if alias.domain() == self.server_name() {
                    self.store.resolve_alias(alias.as_str()).await?
                } else {
                    None
                };
                let room = room.ok_or_else(|| {
                    MatrixError::not_found(format!("Room alias {alias} not found"))
                })?;
                Ok::<_, Failure>(get_room_id_by_alias::Response::Ok(
                    get_room_id_by_alias::OkBody {
                        room_id: Some(room),
                        servers: Some(vec![self.server_name().to_string()]),
                        additional_properties: Map::new(),
                    },
                ))
            }
            .await,
        )
    }

    async fn set_room_alias(
        &self,
        principal: UserId,
        request: set_room_alias::Request,
    ) -> Result<set_room_alias::Response, InternalError> {
        finish(
            async {
                let alias = self.local_alias(&request.room_alias)?;
                let room = room_id(&request.body.room_id)
                    .map_err(|e| MatrixError::bad_request("M_UNKNOWN", e.error))?;
                match self
                    .store
                    .put_alias(alias.as_str(), room.as_str(), principal.as_str())
                    .await?
                {
                    PutAlias::Created => Ok::<_, Failure>(set_room_alias::Response::Ok(empty())),
                    PutAlias::Taken => Err(MatrixError::new(
                        axum::http::StatusCode::CONFLICT,
                        "M_UNKNOWN",
                        "Room alias already exists",
                    )
                    .into()),
                    PutAlias::UnknownRoom => {
                        Err(MatrixError::bad_request("M_UNKNOWN", "Room does not exist").into())
                    }
                }
            }
            .await,
        )
    }

    async fn delete_room_alias(
        &self,
        principal: UserId,
        request: delete_room_alias::Request,
    ) -> Result<delete_room_alias::Response, InternalError> {
        finish(
            async {
                let alias = self.local_alias(&request.room_alias)?;
                match self.store.alias_creator(alias.as_str()).await? {
                    None => {
                        Err(MatrixError::not_found(format!("Room alias {alias} not found")).into())
                    }
                    Some(creator) if creator != principal.as_str() => Err(MatrixError::forbidden(
                        "Only the user who created the alias may remove it",
                    )
                    .into()),
                    Some(_) => {
                        self.store.delete_alias(alias.as_str()).await?;
                        Ok::<_, Failure>(delete_room_alias::Response::Ok(empty()))
                    }
                }
            }
            .await,
        )
    }
}
