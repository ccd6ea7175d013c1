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
use crate::storage::FullRead;
use generated::runtime::Prepared;

/// What a user may see of a room: their membership, and up to where.
struct View {
    room: RoomId,
    membership: Membership,
    /// `None`: the current state; `Some(at)`: the state when the user left.
    until: Option<i64>,
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

    /// What `raw_room` answers `what` for `user`, as its JSON body.
    async fn full_read<T, E>(
        &self,
        user: &UserId,
        raw_room: &str,
        what: impl FnOnce(&View) -> FullRead,
    ) -> Result<Prepared<T>, E>
    where
        E: From<Forbidden> + From<InternalError> + From<crate::error::BadRequest>,
    {
        let view = self.view::<E>(user, room_id(raw_room)?).await?;
        let body = self
            .store
            .read_room_json(&view.room, view.until, what(&view))
            .await?;
        Ok(Prepared::Json(body.into()))
    }
}

impl RoomsApi for Homeserver {
    async fn get_room_state_with_key(
        &self,
        user: UserId,
        request: get_room_state_with_key::Request,
    ) -> Result<get_room_state_with_key::Response, get_room_state_with_key::Error> {
        let view = self
            .view::<get_room_state_with_key::Error>(&user, room_id(&request.room_id)?)
            .await?;
        let content = self
            .store
            .state_content(
                &view.room,
                view.until,
                &request.event_type,
                &request.state_key,
            )
            .await?
            .ok_or_else(|| {
                not_found(format!(
                    "{} has no {} state with the key {:?}.",
                    view.room, request.event_type, request.state_key
                ))
            })?;
        Ok(match serde_json::from_str(&content) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => Default::default(),
            Err(error) => return Err(InternalError(error.into()).into()),
        })
    }

    async fn get_room_state(
        &self,
        user: UserId,
        request: get_room_state::Request,
    ) -> Result<get_room_state::Response, get_room_state::Error> {
        self.full_read::<_, get_room_state::Error>(&user, &request.room_id, |_| FullRead::State)
            .await
    }

    async fn get_members_by_room(
        &self,
        user: UserId,
        request: get_members_by_room::Request,
    ) -> Result<get_members_by_room::Response, get_members_by_room::Error> {
        self.full_read::<_, get_members_by_room::Error>(&user, &request.room_id, |_| {
            FullRead::Members
        })
        .await
    }

    async fn room_initial_sync(
        &self,
        user: UserId,
        request: room_initial_sync::Request,
    ) -> Result<room_initial_sync::Response, room_initial_sync::Error> {
        self.full_read::<_, room_initial_sync::Error>(&user, &request.room_id, |view| {
            FullRead::InitialSync {
                membership: match view.membership {
                    Membership::Join => "join",
                    Membership::Ban => "ban",
                    Membership::Invite => "invite",
                    Membership::Leave | Membership::Knock => "leave",
                },
            }
        })
        .await
    }
}
