//! `POST /rooms/{roomId}/ban`: bans (and so removes) a user.

use generated::banning::{BanningApi, ban};

use super::{room_id, user_id};
use crate::app::Homeserver;
use crate::ids::UserId;
use crate::rules::{self, Roles};

impl BanningApi for Homeserver {
    async fn ban(
        &self,
        banner: UserId,
        request: ban::Request,
    ) -> Result<ban::Response, ban::Error> {
        let room = room_id(&request.room_id)?;
        let target = user_id("user_id", &request.body.user_id)?;
        let reason = request.body.reason;
        let (room_id, banner_id, target_id) = (room.clone(), banner.clone(), target.clone());
        self.change_room(&room, Roles::on(&banner, &target), move |state| {
            Ok::<_, ban::Error>(rules::ban(
                state,
                &room_id,
                &banner_id,
                &target_id,
                reason.as_deref(),
            )?)
        })
        .await?;
        Ok(ban::Response::new())
    }
}
