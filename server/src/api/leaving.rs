//! `POST /rooms/{roomId}/leave` (also rejecting an invite) and `/forget` (which leaves
//! first when the user is still in the room).

use generated::leaving::{LeavingApi, forget_room, leave_room};

use super::room_id;
use crate::app::Homeserver;
use crate::error::{Forbidden, forbidden};
use crate::ids::{RoomId, UserId};
use crate::rules::{self, Roles, UnreadableState};
use crate::storage::db::DbError;

impl Homeserver {
    async fn leave<E>(&self, user: &UserId, room: &RoomId) -> Result<(), E>
    where
        E: From<Forbidden> + From<DbError> + From<UnreadableState> + Send + 'static,
    {
        let (room_id, leaver) = (room.clone(), user.clone());
        self.change_room::<E>(room, Roles::own(user), move |state| {
            Ok(rules::leave(state, &room_id, &leaver)?)
        })
        .await?;
        Ok(())
    }
}

impl LeavingApi for Homeserver {
    async fn leave_room(
        &self,
        user: UserId,
        request: leave_room::Request,
    ) -> Result<leave_room::Response, leave_room::Error> {
        let room = room_id(&request.room_id)?;
        self.leave::<leave_room::Error>(&user, &room).await?;
        Ok(leave_room::Response::new())
    }

    async fn forget_room(
        &self,
        user: UserId,
        request: forget_room::Request,
    ) -> Result<forget_room::Response, forget_room::Error> {
        let room = room_id(&request.room_id)?;
        match self.store.membership(&room, &user).await?.map(|(m, _)| m) {
            None => return Err(forbidden(format!("You are not in room {room}.")).into()),
            Some(m) if m == "join" || m == "invite" => {
                self.leave::<forget_room::Error>(&user, &room).await?
            }
            Some(_) => {}
        }
        self.store.forget(&user, &room).await?;
        Ok(forget_room::Response::new())
    }
}
