//! The room reads: state, one state event, members, initial sync. A member sees the current
//! state; a user who left sees the state as it was when they left; anyone else, or a user
//! who forgot the room, is refused.

use generated::rooms::{
    RoomsApi, get_members_by_room, get_room_state, get_room_state_with_key, room_initial_sync,
};
use serde_json::{Map, Value};

use super::{Failure, finish, refusals, room_id};
use crate::app::Homeserver;
use crate::error::{InternalError, MatrixError};
use crate::ids::UserId;
use crate::storage::StoredEvent;

refusals! {
    get_room_state::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden }
    get_room_state_with_key::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, NOT_FOUND => NotFound }
    get_members_by_room::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden }
    room_initial_sync::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden }
}

/// What a user may see of a room: its membership, and up to where.
struct View {
    room_id: String,
    membership: String,
    /// `None`: the current state; `Some(at)`: the state when the user left.
    until: Option<i64>,
}

fn typed<T: serde::de::DeserializeOwned>(event: &StoredEvent) -> Result<T, InternalError> {
    serde_json::from_value(event.to_json()).map_err(|e| InternalError(e.into()))
}

impl Homeserver {
    async fn view(&self, user: &UserId, raw_room: &str) -> Result<View, Failure> {
        let room = room_id(raw_room)?;
        let refused = || {
            MatrixError::forbidden(
                "You aren't a member of the room and weren't previously a member of the room.",
            )
        };
        let (membership, at) = self
            .store
            .membership(room.as_str(), user.as_str())
            .await?
            .ok_or_else(refused)?;
        if self
            .store
            .has_forgotten(user.as_str(), room.as_str())
            .await?
        {
            return Err(refused().into());
        }
        let until = match membership.as_str() {
            "join" => None,
            "leave" | "ban" => Some(at),
            _ => return Err(refused().into()),
        };
        Ok(View {
            room_id: room.to_string(),
            membership,
            until,
        })
    }

    async fn state_events(
        &self,
        user: &UserId,
        raw_room: &str,
    ) -> Result<(View, Vec<StoredEvent>), Failure> {
        let view = self.view(user, raw_room).await?;
        let state = self.store.state(&view.room_id, view.until).await?;
        Ok((view, state))
    }
}

impl RoomsApi for Homeserver {
    async fn get_room_state_with_key(
        &self,
        principal: UserId,
        request: get_room_state_with_key::Request,
    ) -> Result<get_room_state_with_key::Response, InternalError> {
        finish(
            async {
                let (_, state) = self.state_events(&principal, &request.room_id).await?;
                let event = state
                    .iter()
                    .find(|e| {
                        e.event_type == request.event_type
                            && e.state_key.as_deref() == Some(request.state_key.as_str())
                    })
                    .ok_or_else(|| {
                        MatrixError::not_found("The room has no state with the given type or key.")
                    })?;
                let content = match &event.content {
                    Value::Object(map) => map.clone(),
                    _ => Map::new(),
                };
                Ok::<_, Failure>(get_room_state_with_key::Response::Ok(content))
            }
            .await,
        )
    }

    async fn get_room_state(
        &self,
        principal: UserId,
        request: get_room_state::Request,
    ) -> Result<get_room_state::Response, InternalError> {
        finish(
            async {
                let (_, state) = self.state_events(&principal, &request.room_id).await?;
                let events = state.iter().map(typed).collect::<Result<Vec<_>, _>>()?;
                Ok::<_, Failure>(get_room_state::Response::Ok(events))
            }
            .await,
        )
    }

    async fn get_members_by_room(
        &self,
        principal: UserId,
        request: get_members_by_room::Request,
    ) -> Result<get_members_by_room::Response, InternalError> {
        finish(
            async {
                let (_, state) = self.state_events(&principal, &request.room_id).await?;
                let chunk = state
                    .iter()
                    .filter(|e| e.event_type == "m.room.member")
                    .map(typed)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok::<_, Failure>(get_members_by_room::Response::Ok(
                    get_members_by_room::OkBody {
                        chunk: Some(chunk),
                        additional_properties: Map::new(),
                    },
                ))
            }
            .await,
        )
    }

    async fn room_initial_sync(
        &self,
        principal: UserId,
        request: room_initial_sync::Request,
    ) -> Result<room_initial_sync::Response, InternalError> {
        use room_initial_sync::{
            PaginationChunk, RoomInfo, RoomInfoMembership as M, RoomInfoVisibility,
        };
        finish(
            async {
                let (view, state) = self.state_events(&principal, &request.room_id).await?;
                let messages = self.store.messages(&view.room_id, view.until, 20).await?;
                let start = messages.first().map_or(0, |e| e.stream_ordering);
                let end = messages.last().map_or(0, |e| e.stream_ordering);
                let membership = match view.membership.as_str() {
                    "join" => M::Join,
                    "ban" => M::Ban,
                    "invite" => M::Invite,
                    _ => M::Leave,
                };
                Ok::<_, Failure>(room_initial_sync::Response::Ok(RoomInfo {
                    room_id: view.room_id.clone(),
                    membership,
                    messages: Some(PaginationChunk {
                        start: format!("s{start}"),
                        end: format!("s{end}"),
                        chunk: messages.iter().map(typed).collect::<Result<Vec<_>, _>>()?,
                        additional_properties: Map::new(),
                    }),
                    state: Some(state.iter().map(typed).collect::<Result<Vec<_>, _>>()?),
                    visibility: Some(RoomInfoVisibility::Private),
                    additional_properties: Map::new(),
                }))
            }
            .await,
        )
    }
}
