//! `POST /rooms/{roomId}/ban`: bans (and so removes) a user.

use generated::banning::{BanningApi, ban};

use super::{Failure, empty, finish, refusals, room_id, user_id};
use crate::app::Homeserver;
use crate::error::InternalError;
use crate::ids::UserId;
use crate::rules;

refusals! {
    ban::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
}

impl Homeserver {
    async fn ban_user(
        &self,
        banner: UserId,
        request: ban::Request,
    ) -> Result<ban::Response, Failure> {
        let room = room_id(&request.room_id)?;
        let target = user_id(&request.body.user_id)?;
        let reason = request.body.reason;
        self.store
            .change_membership(room.as_str(), &banner, &target, {
                let (banner, target) = (banner.clone(), target.clone());
                move |state| rules::ban(state, &banner, &target, reason.as_deref())
            })
            .await??;
        Ok(ban::Response::Ok(empty()))
    }
}

impl BanningApi for Homeserver {
    async fn ban(
        &self,
        principal: UserId,
        request: ban::Request,
    ) -> Result<ban::Response, InternalError> {
        finish(self.ban_user(principal, request).await)
    }
}
