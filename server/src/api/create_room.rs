//! `POST /createRoom`: the room's first events (decided by `rules::new_room`), written in
//! one transaction with its alias.

use generated::create_room::{CreateRoomApi, create_room};

use crate::app::Homeserver;
use crate::credentials::random_string;
use crate::error::bad_request;
use crate::ids::{RoomId, UserId};
use crate::ratelimit::Refused;
use crate::rules;

impl CreateRoomApi for Homeserver {
    async fn create_room(
        &self,
        creator: UserId,
        request: create_room::Request,
    ) -> Result<create_room::Response, create_room::Error> {
        let body = request.body.unwrap_or_default();
        let invitees = body.invite.as_ref().map_or(0, Vec::len);
        let most = self.config.max_create_room_invites;
        if invitees > most {
            return Err(bad_request(
                "M_BAD_JSON",
                format!(
                    "`invite` lists {invitees} users; at most {most} may be invited at creation."
                ),
            )
            .into());
        }
        let room = rules::new_room(&creator, self.server_name(), &body)?;
        // A room, and one invite per invitee from the bucket invites take: creating rooms
        // must not be a way around the invite limit.
        self.limits.room_creation.take(&creator.to_string())?;
        match self
            .limits
            .membership
            .take_n(&creator.to_string(), room.invitees.len() as u32)
        {
            Ok(()) => {}
            Err(Refused::Later(wait)) => return Err(wait.into()),
            Err(Refused::TooMany(never)) => return Err(never.into()),
        }
        let room_id = RoomId::parse(&format!("!{}:{}", random_string(12), self.server_name()))
            .map_err(|e| crate::error::InternalError(e.into()))?;
        let created = self
            .store
            .create_room(&room_id, &creator, room.events, room.alias.as_ref())
            .await?;
        if !created {
            let alias = room.alias.map(|a| a.to_string()).unwrap_or_default();
            return Err(bad_request(
                "M_ROOM_IN_USE",
                format!("The room alias {alias} is already taken."),
            )
            .into());
        }
        let mut answer = create_room::OkBody::new();
        answer.room_id = Some(room_id.to_string());
        Ok(answer)
    }
}
