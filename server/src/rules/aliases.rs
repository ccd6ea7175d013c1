//! Who may point an alias at a room, and who may remove one (docs/membership.md, "Aliases").

use crate::error::{Forbidden, forbidden};
use crate::ids::{RoomAlias, RoomId, UserId};
use generated::schemas::Membership;

use super::RoomSnapshot;

/// Creating an alias for a room needs being joined to it: nobody else may name a room (an
/// invite-only one included) in the directory.
pub fn may_create_alias(
    room: &RoomSnapshot,
    room_id: &RoomId,
    alias: &RoomAlias,
    user: &UserId,
) -> Result<(), Forbidden> {
    if room.sender_membership() != Some(Membership::Join) {
        return Err(forbidden(format!(
            "{user} cannot create {alias}: only members of {room_id} may point an alias at it."
        )));
    }
    Ok(())
}

/// Removing an alias is for the user who created it, and for the members of its room who
/// may change the room's state (the `m.room.aliases` level, else `state_default`).
pub fn may_delete_alias(
    room: &RoomSnapshot,
    alias: &RoomAlias,
    creator: &str,
    user: &UserId,
) -> Result<(), Forbidden> {
    if creator == user.as_str() {
        return Ok(());
    }
    let (level, needed) = (room.level_of(user), room.state_level("m.room.aliases"));
    if room.sender_membership() == Some(Membership::Join) && level >= needed {
        return Ok(());
    }
    Err(forbidden(format!(
        "Only {creator}, who created {alias}, or a member of its room at power level {needed} may remove it."
    )))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use generated::schemas::{CreateContent, MemberContent, PowerLevelsContent};

    use super::*;

    fn room(member: Option<Membership>, users: &[(&str, i64)]) -> RoomSnapshot {
        let users = users.iter().map(|(u, l)| (u.to_string(), *l)).collect();
        RoomSnapshot {
            create: Some(CreateContent::new("@alice:hs".into())),
            power_levels: Some(PowerLevelsContent::new(
                50,
                0,
                50,
                50,
                50,
                BTreeMap::new(),
                users,
            )),
            sender: member.map(MemberContent::new),
            ..Default::default()
        }
    }

    #[test]
    fn members_create_and_creators_or_moderators_delete() {
        let (r, a) = (
            RoomId::parse("!r:hs").unwrap(),
            RoomAlias::parse("#a:hs").unwrap(),
        );
        let bob = UserId::parse("@bob:hs").unwrap();
        assert!(may_create_alias(&room(Some(Membership::Join), &[]), &r, &a, &bob).is_ok());
        for outside in [None, Some(Membership::Invite), Some(Membership::Leave)] {
            assert!(may_create_alias(&room(outside, &[]), &r, &a, &bob).is_err());
        }
        assert!(
            may_delete_alias(&room(None, &[]), &a, "@bob:hs", &bob).is_ok(),
            "its creator"
        );
        let moderator = room(Some(Membership::Join), &[("@bob:hs", 50)]);
        assert!(may_delete_alias(&moderator, &a, "@carol:hs", &bob).is_ok());
        let member = room(Some(Membership::Join), &[("@bob:hs", 10)]);
        assert!(may_delete_alias(&member, &a, "@carol:hs", &bob).is_err());
        let former = room(Some(Membership::Leave), &[("@bob:hs", 100)]);
        assert!(may_delete_alias(&former, &a, "@carol:hs", &bob).is_err());
    }
}
