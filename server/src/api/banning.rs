//! `POST /rooms/{roomId}/ban`, `/kick` and `/unban`: a room's moderators removing users and
//! letting them back (docs/membership.md, "Ban", "Kick", "Unban").

use generated::banning::{BanningApi, ban, kick, unban};

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

    async fn kick(
        &self,
        kicker: UserId,
        request: kick::Request,
    ) -> Result<kick::Response, kick::Error> {
        let room = room_id(&request.room_id)?;
        let target = user_id("user_id", &request.body.user_id)?;
        let reason = request.body.reason;
        let (room_id, kicker_id, target_id) = (room.clone(), kicker.clone(), target.clone());
        self.change_room(&room, Roles::on(&kicker, &target), move |state| {
            Ok::<_, kick::Error>(rules::kick(
                state,
                &room_id,
                &kicker_id,
                &target_id,
                reason.as_deref(),
            )?)
        })
        .await?;
        Ok(kick::Response::new())
    }

    async fn unban(
        &self,
        sender: UserId,
        request: unban::Request,
    ) -> Result<unban::Response, unban::Error> {
        let room = room_id(&request.room_id)?;
        let target = user_id("user_id", &request.body.user_id)?;
        let (room_id, sender_id, target_id) = (room.clone(), sender.clone(), target.clone());
        self.change_room(&room, Roles::on(&sender, &target), move |state| {
            Ok::<_, unban::Error>(rules::unban(state, &room_id, &sender_id, &target_id)?)
        })
        .await?;
        Ok(unban::Response::new())
    }
}
