//! The room reads: state, one state event, members, initial sync, as far as
//! `rules::read_view` lets the user see (docs/membership.md, "Reading a room").

use generated::rooms::{
    RoomsApi, get_members_by_room, get_room_state, get_room_state_with_key, room_initial_sync,
};

use super::room_id;
use crate::app::Homeserver;
use generated::schemas::Membership;

use crate::error::{Forbidden, InternalError, not_found};
use crate::ids::{RoomId, UserId};
use crate::rules::{self, ReadView};
use crate::storage::StoredEvent;

/// What a user may see of a room: their membership, and up to where.
struct View {
    room: RoomId,
    membership: Membership,
    /// `None`: the current state; `Some(at)`: the state when the user left.
    until: Option<i64>,
}

fn typed<T: serde::de::DeserializeOwned>(event: &StoredEvent) -> Result<T, InternalError> {
    serde_json::from_value(event.to_json()).map_err(|e| InternalError(e.into()))
}

impl Homeserver {
    async fn view<E>(&self, user: &UserId, room: RoomId) -> Result<View, E>
    where
        E: From<Forbidden> + From<InternalError>,
    {
        let history = self.store.membership_history(&room, user).await?;
        let (view, membership) = rules::read_view(&room, user, &history)?;
        let until = match view {
            ReadView::Current => None,
            ReadView::AsOf(at) => Some(at),
        };
        Ok(View {
            room,
            membership,
            until,
        })
    }

    async fn state_events<E>(
        &self,
        user: &UserId,
        raw_room: &str,
    ) -> Result<(View, Vec<StoredEvent>), E>
    where
        E: From<Forbidden> + From<InternalError> + From<crate::error::BadRequest>,
    {
        let view = self.view::<E>(user, room_id(raw_room)?).await?;
        let state = self.store.state(&view.room, view.until).await?;
        Ok((view, state))
    }
}

impl RoomsApi for Homeserver {
    async fn get_room_state_with_key(
        &self,
        user: UserId,
        request: get_room_state_with_key::Request,
    ) -> Result<get_room_state_with_key::Response, get_room_state_with_key::Error> {
        let (view, state) = self
            .state_events::<get_room_state_with_key::Error>(&user, &request.room_id)
            .await?;
        let event = state
            .iter()
            .find(|e| {
                e.event_type == request.event_type
                    && e.state_key.as_deref() == Some(request.state_key.as_str())
            })
            .ok_or_else(|| {
                not_found(format!(
                    "{} has no {} state with the key {:?}.",
                    view.room, request.event_type, request.state_key
                ))
            })?;
        Ok(match &event.content {
            serde_json::Value::Object(map) => map.clone(),
            _ => Default::default(),
        })
    }

    async fn get_room_state(
        &self,
        user: UserId,
        request: get_room_state::Request,
    ) -> Result<get_room_state::Response, get_room_state::Error> {
        let (_, state) = self
            .state_events::<get_room_state::Error>(&user, &request.room_id)
            .await?;
        Ok(state.iter().map(typed).collect::<Result<Vec<_>, _>>()?)
    }

    async fn get_members_by_room(
        &self,
        user: UserId,
        request: get_members_by_room::Request,
    ) -> Result<get_members_by_room::Response, get_members_by_room::Error> {
        let (_, state) = self
            .state_events::<get_members_by_room::Error>(&user, &request.room_id)
            .await?;
        let chunk = state
            .iter()
            .filter(|e| e.event_type == "m.room.member")
            .map(typed)
            .collect::<Result<Vec<_>, _>>()?;
        let mut answer = get_members_by_room::OkBody::new();
        answer.chunk = Some(chunk);
        Ok(answer)
    }

    async fn room_initial_sync(
        &self,
        user: UserId,
        request: room_initial_sync::Request,
    ) -> Result<room_initial_sync::Response, room_initial_sync::Error> {
        use room_initial_sync::{
            PaginationChunk, RoomInfo, RoomInfoMembership as M, RoomInfoVisibility,
        };
        let (view, state) = self
            .state_events::<room_initial_sync::Error>(&user, &request.room_id)
            .await?;
        let messages = self.store.messages(&view.room, view.until, 20).await?;
        let start = messages.first().map_or(0, |e| e.stream_ordering);
        let end = messages.last().map_or(0, |e| e.stream_ordering);
        let membership = match view.membership {
            Membership::Join => M::Join,
            Membership::Ban => M::Ban,
            Membership::Invite => M::Invite,
            Membership::Leave | Membership::Knock => M::Leave,
        };
        let chunk = messages.iter().map(typed).collect::<Result<Vec<_>, _>>()?;
        let mut info = RoomInfo::new(view.room.to_string(), membership);
        info.messages = Some(PaginationChunk::new(
            format!("s{start}"),
            format!("s{end}"),
            chunk,
        ));
        info.state = Some(state.iter().map(typed).collect::<Result<Vec<_>, _>>()?);
        info.visibility = Some(RoomInfoVisibility::Private);
        Ok(info)
    }
}
