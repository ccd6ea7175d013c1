//! `POST /rooms/{roomId}/leave` (also rejecting an invite) and `/forget` (which leaves
//! first when the user is still in the room).

use generated::leaving::{LeavingApi, forget_room, leave_room};

use super::{Failure, empty, finish, refusals, room_id};
use crate::app::Homeserver;
use crate::error::{InternalError, MatrixError};
use crate::ids::UserId;
use crate::rules;

refusals! {
    leave_room::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
    forget_room::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
}

impl Homeserver {
    async fn leave(&self, user: &UserId, raw_room: &str) -> Result<(), Failure> {
        let room = room_id(raw_room)?;
        self.store
            .change_membership(room.as_str(), user, user, {
                let user = user.clone();
                move |state| rules::leave(state, &user)
            })
            .await??;
        Ok(())
    }

    async fn forget(&self, user: &UserId, raw_room: &str) -> Result<(), Failure> {
        let room = room_id(raw_room)?;
        match self
            .store
            .membership(room.as_str(), user.as_str())
            .await?
            .map(|(m, _)| m)
        {
            None => return Err(MatrixError::forbidden("You are not in this room.").into()),
            Some(m) if m == "join" || m == "invite" => self.leave(user, raw_room).await?,
            Some(_) => {}
        }
        self.store.forget(user.as_str(), room.as_str()).await?;
        Ok(())
    }
}

impl LeavingApi for Homeserver {
    async fn leave_room(
        &self,
        principal: UserId,
        request: leave_room::Request,
    ) -> Result<leave_room::Response, InternalError> {
        finish(
            self.leave(&principal, &request.room_id)
                .await
                .map(|()| leave_room::Response::Ok(empty())),
        )
    }

    async fn forget_room(
        &self,
        principal: UserId,
        request: forget_room::Request,
    ) -> Result<forget_room::Response, InternalError> {
        finish(
            self.forget(&principal, &request.room_id)
                .await
                .map(|()| forget_room::Response::Ok(empty())),
        )
    }
}
