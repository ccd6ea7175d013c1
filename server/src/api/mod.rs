//! The generated API traits, implemented: one module per API file. A handler turns the
//! request's strings into typed identifiers, checks what needs no database, and hands the
//! decision to a rule (`crate::rules`) run by storage under the room's lock; its refusals
//! are Matrix errors of the statuses its operation documents.

mod banning;
mod create_room;
mod directory;
mod leaving;
mod login;
mod membership;
mod rooms;

use crate::app::Homeserver;
use crate::error::{BadRequest, bad_request};
use crate::events::NewEvent;
use crate::ids::{RoomId, UserId};
use crate::rules::{Roles, RoomSnapshot, UnreadableState};
use crate::storage::Store;
use crate::storage::db::DbError;

/// Under the room's lock on `store`: the snapshot of the state `roles` needs, `rule`'s
/// decision on it, and the event it decides on appended (sent by `roles.sender`). What
/// every membership change goes through, the administrator's too (`crate::admin`).
/// `rule` only decides: like any write, the change may run more than once
/// ([`Store::write`]).
pub(crate) async fn change_room<E>(
    store: &Store,
    room: &RoomId,
    roles: Roles<'_>,
    mut rule: impl FnMut(&RoomSnapshot) -> Result<Option<NewEvent>, E> + Send + 'static,
) -> Result<Option<String>, E>
where
    E: From<DbError> + From<UnreadableState> + Send + 'static,
{
    let keys = RoomSnapshot::keys(roles);
    let (sender, target) = (roles.sender.clone(), roles.target.clone());
    let token = roles.third_party_token.map(str::to_string);
    let reads_invite_state = roles.reads_invite_state;
    store
        .change_room(room, roles.sender, keys, move |entries| {
            let roles = Roles {
                sender: &sender,
                target: &target,
                third_party_token: token.as_deref(),
                reads_invite_state,
            };
            rule(&RoomSnapshot::read(roles, entries)?)
        })
        .await
}

/// A room ID from a path parameter (invite, leave, ban and the reads take no aliases).
pub fn room_id(raw: &str) -> Result<RoomId, BadRequest> {
    if raw.starts_with('#') {
        return Err(bad_request(
            "M_UNKNOWN",
            format!("This endpoint takes a room ID (!id:server), not the alias {raw}."),
        ));
    }
    RoomId::parse(raw)
        .map_err(|e| bad_request("M_UNKNOWN", format!("Invalid room ID {raw:?}: {e}.")))
}

/// A user ID from a request body's `field`.
pub fn user_id(field: &str, raw: &str) -> Result<UserId, BadRequest> {
    UserId::parse_existing(raw)
        .map_err(|e| bad_request("M_BAD_JSON", format!("Invalid `{field}` {raw:?}: {e}.")))
}

impl Homeserver {
    /// Under the room's lock: the snapshot of the state `roles` needs, `rule`'s decision
    /// on it, and the event it decides on appended (sent by `roles.sender`). Returns the new
    /// event's ID, if any.
    pub(crate) async fn change_room<E>(
        &self,
        room: &RoomId,
        roles: Roles<'_>,
        rule: impl FnMut(&RoomSnapshot) -> Result<Option<NewEvent>, E> + Send + 'static,
    ) -> Result<Option<String>, E>
    where
        E: From<DbError> + From<UnreadableState> + Send + 'static,
    {
        change_room(&self.store, room, roles, rule).await
    }

    /// The snapshot `roles` would read, from a reader and without the room's lock: for
    /// checks that must run before a slow outbound call (the decision reads again, locked).
    pub(crate) async fn snapshot<E>(
        &self,
        room: &RoomId,
        roles: Roles<'_>,
    ) -> Result<RoomSnapshot, E>
    where
        E: From<crate::error::InternalError> + From<UnreadableState>,
    {
        let entries = self
            .store
            .state_entries(room, RoomSnapshot::keys(roles))
            .await?;
        Ok(RoomSnapshot::read(roles, &entries)?)
    }
}
