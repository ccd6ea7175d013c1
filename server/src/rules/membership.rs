//! Membership changes: join, invite (by user ID and by third-party ID), leave, ban, kick
//! and unban, each checking in the order docs/membership.md gives.

use generated::schemas::{
    JoinRule, MemberContent, Membership, ThirdPartyInviteContent, ThirdPartyProof,
};

use super::RoomSnapshot;
use crate::error::{Forbidden, NotFound, forbidden, not_found};
use crate::events::{Content, NewEvent};
use crate::identity::signed_json;
use crate::ids::{RoomId, UserId};

/// Whether `user` may use `proof` to join: the room's invite for its token stands with the
/// same key and validity URL, the proof names this user and this token, and the identity
/// server's key signed it. The key's validity is then asked of the identity server, the
/// one network call of a join (docs/membership.md, "Joining with a third-party proof").
pub fn check_proof(
    room: &RoomSnapshot,
    user: &UserId,
    proof: &ThirdPartyProof,
) -> Result<(), Forbidden> {
    let not_invited = || {
        forbidden(format!(
            "You are not invited to this room: the third-party invite {} does not admit {user}.",
            proof.token
        ))
    };
    if !room.third_party_invite_matches(proof)
        || proof.signed.mxid != user.as_str()
        || proof.signed.token != proof.token
    {
        return Err(not_invited());
    }
    if !signed_json::verify_proof(&proof.signed, &proof.public_key) {
        return Err(not_invited());
    }
    Ok(())
}

/// Join. `proof` is a third-party proof already checked (with [`check_proof`]) and
/// confirmed valid by its identity server; it admits the user to an invite-only room only
/// while the room's invite for its token still matches it.
pub fn join<E>(
    room: &RoomSnapshot,
    room_id: &RoomId,
    user: &UserId,
    proof: Option<&ThirdPartyProof>,
) -> Result<Option<NewEvent>, E>
where
    E: From<Forbidden> + From<NotFound>,
{
    if !room.exists() {
        return Err(not_found(format!("Room {room_id} not found.")).into());
    }
    let current = room.target_membership();
    if current == Some(Membership::Ban) {
        return Err(forbidden(format!("You are banned from {room_id}.")).into());
    }
    let mut content = MemberContent::new(Membership::Join);
    match room.join_rule() {
        JoinRule::Public => {}
        JoinRule::Invite if matches!(current, Some(Membership::Invite | Membership::Join)) => {}
        JoinRule::Invite => match proof {
            Some(proof) if room.third_party_invite_matches(proof) => {
                content.third_party_invite = Some(proof.clone());
            }
            _ => {
                return Err(forbidden(format!(
                    "You are not invited to {room_id}: it is invite-only."
                ))
                .into());
            }
        },
        rule @ (JoinRule::Knock | JoinRule::Private) => {
            return Err(forbidden(format!(
                "You are not allowed to join {room_id}: its join rule `{}` admits nobody.",
                join_rule_name(rule)
            ))
            .into());
        }
    }
    // A repeat join that changes nothing appends nothing.
    if current == Some(Membership::Join) && room.target.as_ref() == Some(&content) {
        return Ok(None);
    }
    Ok(Some(NewEvent::member(user.as_str(), content)))
}

fn join_rule_name(rule: JoinRule) -> &'static str {
    match rule {
        JoinRule::Public => "public",
        JoinRule::Knock => "knock",
        JoinRule::Invite => "invite",
        JoinRule::Private => "private",
    }
}

/// Invite by user ID: the inviter is joined and at the invite level; the invitee is not
/// banned, not joined, and on this server. Inviting someone already invited changes nothing.
pub fn invite(
    room: &RoomSnapshot,
    room_id: &RoomId,
    inviter: &UserId,
    invitee: &UserId,
    local_server: &str,
) -> Result<Option<NewEvent>, Forbidden> {
    inviter_in_room(room, room_id, inviter)?;
    match room.target_membership() {
        Some(Membership::Ban) => {
            return Err(forbidden(format!(
                "{invitee} is banned from {room_id}; unban them first."
            )));
        }
        Some(Membership::Join) => {
            return Err(forbidden(format!("{invitee} is already in {room_id}.")));
        }
        _ => {}
    }
    may_invite_at_level(room, room_id, inviter)?;
    if invitee.domain() != local_server {
        return Err(forbidden(format!(
            "Cannot invite {invitee}: users of other servers cannot be invited (federation is not supported)."
        )));
    }
    if room.target_membership() == Some(Membership::Invite) {
        return Ok(None);
    }
    debug_assert!(
        room.invite_state.is_some(),
        "an invite's snapshot is read with Roles::inviting"
    );
    let mut event = NewEvent::member(invitee.as_str(), MemberContent::new(Membership::Invite));
    event.invite_room_state = room.invite_state.clone();
    Ok(Some(event))
}

/// The room exists and the inviter is joined to it. An unknown room reads as one the
/// inviter is not in, so an invite does not tell whether a room exists.
fn inviter_in_room(
    room: &RoomSnapshot,
    room_id: &RoomId,
    inviter: &UserId,
) -> Result<(), Forbidden> {
    if !room.exists() || room.sender_membership() != Some(Membership::Join) {
        return Err(forbidden(format!("{inviter} is not in room {room_id}.")));
    }
    Ok(())
}

fn may_invite_at_level(
    room: &RoomSnapshot,
    room_id: &RoomId,
    inviter: &UserId,
) -> Result<(), Forbidden> {
    let (level, needed) = (room.level_of(inviter), room.invite_level());
    if level < needed {
        return Err(forbidden(format!(
            "Your power level ({level}) is below the level needed to invite in {room_id} ({needed})."
        )));
    }
    Ok(())
}

/// Whether `inviter` may invite into the room at all: settled before any identity server is
/// asked about a third-party invite (the checks about the invitee follow once it is known).
pub fn may_invite(
    room: &RoomSnapshot,
    room_id: &RoomId,
    inviter: &UserId,
) -> Result<(), Forbidden> {
    inviter_in_room(room, room_id, inviter)?;
    may_invite_at_level(room, room_id, inviter)
}

/// The `m.room.third_party_invite` for an invite the identity server stored under `token`,
/// if the inviter still may invite.
pub fn third_party_invite(
    room: &RoomSnapshot,
    room_id: &RoomId,
    inviter: &UserId,
    token: &str,
    content: ThirdPartyInviteContent,
) -> Result<Option<NewEvent>, Forbidden> {
    may_invite(room, room_id, inviter)?;
    Ok(Some(NewEvent::state(
        "m.room.third_party_invite",
        token,
        Content::ThirdPartyInvite(content),
    )))
}

/// Leave, or reject an invite. Leaving a room one has already left changes nothing.
pub fn leave(
    room: &RoomSnapshot,
    room_id: &RoomId,
    user: &UserId,
) -> Result<Option<NewEvent>, Forbidden> {
    if !room.exists() {
        return Err(forbidden(format!("You are not in room {room_id}.")));
    }
    match room.target_membership() {
        Some(Membership::Join | Membership::Invite) => Ok(Some(NewEvent::member(
            user.as_str(),
            MemberContent::new(Membership::Leave),
        ))),
        Some(Membership::Leave) => Ok(None),
        Some(Membership::Ban) => Err(forbidden(format!(
            "You are banned from {room_id}; a ban cannot be left."
        ))),
        Some(Membership::Knock) | None => Err(forbidden(format!("You are not in room {room_id}."))),
    }
}

/// The sender is joined, at `needed`, and strictly above the target's level: so nobody acts
/// on themself.
fn may_act_on(
    room: &RoomSnapshot,
    room_id: &RoomId,
    sender: &UserId,
    target: &UserId,
    action: &str,
    needed: i64,
) -> Result<(), Forbidden> {
    if !room.exists() || room.sender_membership() != Some(Membership::Join) {
        return Err(forbidden(format!("{sender} is not in room {room_id}.")));
    }
    let level = room.level_of(sender);
    if level < needed {
        return Err(forbidden(format!(
            "Your power level ({level}) is below the level needed to {action} in {room_id} ({needed})."
        )));
    }
    let theirs = room.level_of(target);
    if level <= theirs {
        return Err(forbidden(format!(
            "You cannot {action} {target}: their power level ({theirs}) is not below yours ({level})."
        )));
    }
    Ok(())
}

/// Ban `target`: the banner is joined, at the ban level, and strictly above the target's
/// level, so nobody bans themself (a room's only admin would be locked out for good).
/// Banning someone already banned changes nothing.
pub fn ban(
    room: &RoomSnapshot,
    room_id: &RoomId,
    banner: &UserId,
    target: &UserId,
    reason: Option<&str>,
) -> Result<Option<NewEvent>, Forbidden> {
    may_act_on(room, room_id, banner, target, "ban", room.ban_level())?;
    if room.target_membership() == Some(Membership::Ban) {
        return Ok(None);
    }
    let mut content = MemberContent::new(Membership::Ban);
    if let Some(reason) = reason {
        content
            .additional_properties
            .insert("reason".into(), reason.into());
    }
    Ok(Some(NewEvent::member(target.as_str(), content)))
}

/// Kick `target` out: the kicker is joined, at the kick level and above the target's level;
/// the target is joined or invited, and leaves (with the reason).
pub fn kick(
    room: &RoomSnapshot,
    room_id: &RoomId,
    kicker: &UserId,
    target: &UserId,
    reason: Option<&str>,
) -> Result<Option<NewEvent>, Forbidden> {
    may_act_on(room, room_id, kicker, target, "kick", room.kick_level())?;
    if !matches!(
        room.target_membership(),
        Some(Membership::Join | Membership::Invite)
    ) {
        return Err(forbidden(format!(
            "{target} is neither joined to nor invited into {room_id}."
        )));
    }
    let mut content = MemberContent::new(Membership::Leave);
    if let Some(reason) = reason {
        content
            .additional_properties
            .insert("reason".into(), reason.into());
    }
    Ok(Some(NewEvent::member(target.as_str(), content)))
}

/// Lift `target`'s ban: the sender is joined and at the ban level; the target is banned,
/// and leaves the ban behind (membership `leave`).
pub fn unban(
    room: &RoomSnapshot,
    room_id: &RoomId,
    sender: &UserId,
    target: &UserId,
) -> Result<Option<NewEvent>, Forbidden> {
    if !room.exists() || room.sender_membership() != Some(Membership::Join) {
        return Err(forbidden(format!("{sender} is not in room {room_id}.")));
    }
    let (level, needed) = (room.level_of(sender), room.ban_level());
    if level < needed {
        return Err(forbidden(format!(
            "Your power level ({level}) is below the level needed to unban in {room_id} ({needed})."
        )));
    }
    if room.target_membership() != Some(Membership::Ban) {
        return Err(forbidden(format!("{target} is not banned from {room_id}.")));
    }
    Ok(Some(NewEvent::member(
        target.as_str(),
        MemberContent::new(Membership::Leave),
    )))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use generated::schemas::{CreateContent, JoinRulesContent, PowerLevelsContent, SignedProof};

    use super::*;
    use crate::error::MatrixError;

    type Refused = MatrixError<403>;

    /// What a refusal says, whichever status it has.
    #[derive(Debug)]
    enum Outcome {
        Forbidden(String),
        NotFound(String),
    }

    impl From<Forbidden> for Outcome {
        fn from(e: Forbidden) -> Self {
            Outcome::Forbidden(e.body().error.clone().unwrap_or_default())
        }
    }

    impl From<NotFound> for Outcome {
        fn from(e: NotFound) -> Self {
            Outcome::NotFound(e.body().error.clone().unwrap_or_default())
        }
    }

    fn user(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn room_id() -> RoomId {
        RoomId::parse("!r:hs").unwrap()
    }

    fn member(m: Membership) -> Option<MemberContent> {
        Some(MemberContent::new(m))
    }

    fn levels(users: &[(&str, i64)], invite: Option<i64>) -> PowerLevelsContent {
        let users = users.iter().map(|(u, l)| (u.to_string(), *l)).collect();
        let mut levels = PowerLevelsContent::new(50, 0, 50, 50, 50, BTreeMap::new(), users);
        levels.invite = invite;
        levels
    }

    fn room(rule: JoinRule, levels: Option<PowerLevelsContent>) -> RoomSnapshot {
        RoomSnapshot {
            create: Some(CreateContent::new("@alice:hs".into())),
            join_rules: Some(JoinRulesContent::new(rule)),
            power_levels: levels,
            invite_state: Some(Vec::new()),
            ..Default::default()
        }
    }

    fn refused(result: Result<Option<NewEvent>, Refused>) -> String {
        result.unwrap_err().body().error.clone().unwrap()
    }

    fn join_outcome(
        room: &RoomSnapshot,
        proof: Option<&ThirdPartyProof>,
    ) -> Result<Option<NewEvent>, Outcome> {
        join::<Outcome>(room, &room_id(), &user("@bob:hs"), proof)
    }

    #[test]
    fn joins_follow_the_join_rule_and_bans() {
        assert!(
            join_outcome(&room(JoinRule::Public, None), None)
                .unwrap()
                .is_some()
        );
        assert!(matches!(
            join_outcome(&room(JoinRule::Invite, None), None),
            Err(Outcome::Forbidden(m)) if m == "You are not invited to !r:hs: it is invite-only."
        ));
        let banned = RoomSnapshot {
            target: member(Membership::Ban),
            ..room(JoinRule::Public, None)
        };
        assert!(
            matches!(join_outcome(&banned, None), Err(Outcome::Forbidden(m)) if m.contains("banned"))
        );
        let joined = RoomSnapshot {
            target: member(Membership::Join),
            ..room(JoinRule::Invite, None)
        };
        assert!(
            join_outcome(&joined, None).unwrap().is_none(),
            "an unchanged repeat join appends nothing"
        );
        assert!(matches!(
            join_outcome(&RoomSnapshot::default(), None),
            Err(Outcome::NotFound(m)) if m == "Room !r:hs not found."
        ));
        let no_rule = RoomSnapshot {
            join_rules: None,
            ..room(JoinRule::Public, None)
        };
        assert!(
            join_outcome(&no_rule, None).is_err(),
            "no join_rules event means invite-only"
        );
        let knock = room(JoinRule::Knock, None);
        assert!(
            matches!(join_outcome(&knock, None), Err(Outcome::Forbidden(m)) if m.contains("`knock`"))
        );
    }

    #[test]
    fn invites_check_in_the_documented_order() {
        let (alice, bob) = (user("@alice:hs"), user("@bob:hs"));
        let r = room_id();
        let base = RoomSnapshot {
            sender: member(Membership::Join),
            ..room(
                JoinRule::Invite,
                Some(levels(&[("@alice:hs", 100)], Some(50))),
            )
        };
        let event = invite(&base, &r, &alice, &bob, "hs").unwrap().unwrap();
        assert_eq!(event.membership(), Some(Membership::Invite));
        assert_eq!(event.invite_room_state, Some(Vec::new()));
        let not_in = RoomSnapshot {
            sender: member(Membership::Invite),
            ..base.clone()
        };
        assert_eq!(
            refused(invite(&not_in, &r, &alice, &bob, "hs")),
            "@alice:hs is not in room !r:hs."
        );
        let banned = RoomSnapshot {
            target: member(Membership::Ban),
            ..base.clone()
        };
        assert!(refused(invite(&banned, &r, &alice, &bob, "hs")).starts_with("@bob:hs is banned"));
        let joined = RoomSnapshot {
            target: member(Membership::Join),
            ..base.clone()
        };
        assert_eq!(
            refused(invite(&joined, &r, &alice, &bob, "hs")),
            "@bob:hs is already in !r:hs."
        );
        let low = RoomSnapshot {
            sender: member(Membership::Join),
            ..room(JoinRule::Invite, Some(levels(&[], Some(50))))
        };
        assert_eq!(
            refused(invite(&low, &r, &alice, &bob, "hs")),
            "Your power level (0) is below the level needed to invite in !r:hs (50)."
        );
        let invited = RoomSnapshot {
            target: member(Membership::Invite),
            ..base.clone()
        };
        assert!(invite(&invited, &r, &alice, &bob, "hs").unwrap().is_none());
        assert!(
            refused(invite(&base, &r, &alice, &user("@x:remote"), "hs")).contains("federation")
        );
    }

    #[test]
    fn power_levels_read_users_then_users_default_and_the_invite_default_is_zero() {
        let bob = user("@bob:hs");
        let mut explicit_zero = levels(&[("@bob:hs", 0)], Some(50));
        explicit_zero.users_default = Some(50);
        assert_eq!(
            room(JoinRule::Invite, Some(explicit_zero)).level_of(&bob),
            0
        );
        assert_eq!(
            room(JoinRule::Invite, Some(levels(&[], None))).invite_level(),
            0
        );
        let none = room(JoinRule::Invite, None);
        assert_eq!(
            none.level_of(&user("@alice:hs")),
            100,
            "the creator, without power levels"
        );
        assert_eq!(
            (none.level_of(&bob), none.ban_level(), none.kick_level()),
            (0, 50, 50)
        );
    }

    fn proof(token: &str, key: &str) -> ThirdPartyProof {
        let signed = SignedProof::new("@carol:hs".into(), token.into(), Default::default());
        ThirdPartyProof::new(
            token.into(),
            "https://is/v".into(),
            key.into(),
            signed,
            "@alice:hs".into(),
        )
    }

    #[test]
    fn a_third_party_proof_admits_only_while_the_invite_stands() {
        let carol = user("@carol:hs");
        let invited = RoomSnapshot {
            third_party_invite: Some(ThirdPartyInviteContent::new(
                "C".into(),
                "https://is/v".into(),
                "K".into(),
            )),
            ..room(JoinRule::Invite, None)
        };
        assert!(invited.proof_would_decide());
        let event = join::<Outcome>(&invited, &room_id(), &carol, Some(&proof("t", "K")))
            .unwrap()
            .unwrap();
        match &event.content {
            Content::Member(content) => assert_eq!(
                content
                    .third_party_invite
                    .as_ref()
                    .map(|p| p.token.as_str()),
                Some("t")
            ),
            other => panic!("{other:?}"),
        }
        let revoked = RoomSnapshot {
            third_party_invite: None,
            ..invited.clone()
        };
        assert!(join::<Outcome>(&revoked, &room_id(), &carol, Some(&proof("t", "K"))).is_err());
        assert!(join::<Outcome>(&invited, &room_id(), &carol, Some(&proof("t", "L"))).is_err());
        // A proof that names another user, or is not signed, is refused before any fetch.
        assert!(
            check_proof(&invited, &carol, &proof("t", "K")).is_err(),
            "unsigned"
        );
        assert!(check_proof(&invited, &user("@dave:hs"), &proof("t", "K")).is_err());
        let banned = RoomSnapshot {
            target: member(Membership::Ban),
            ..invited.clone()
        };
        assert!(!banned.proof_would_decide());
        assert!(!room(JoinRule::Public, None).proof_would_decide());
    }

    #[test]
    fn bans_kicks_and_unbans_need_their_level_and_to_outrank_the_target() {
        let (alice, bob) = (user("@alice:hs"), user("@bob:hs"));
        let r = room_id();
        let admin_room = |target: Option<MemberContent>| RoomSnapshot {
            sender: member(Membership::Join),
            target,
            ..room(
                JoinRule::Invite,
                Some(levels(&[("@alice:hs", 100), ("@bob:hs", 10)], None)),
            )
        };
        let ban_event = ban(
            &admin_room(member(Membership::Join)),
            &r,
            &alice,
            &bob,
            Some("spam"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(ban_event.membership(), Some(Membership::Ban));
        assert!(
            ban(&admin_room(member(Membership::Ban)), &r, &alice, &bob, None)
                .unwrap()
                .is_none()
        );
        let low = RoomSnapshot {
            sender: member(Membership::Join),
            ..room(JoinRule::Invite, Some(levels(&[("@bob:hs", 10)], None)))
        };
        assert!(
            refused(ban(&low, &r, &bob, &alice, None)).contains("below the level needed to ban")
        );

        let kicked = kick(
            &admin_room(member(Membership::Invite)),
            &r,
            &alice,
            &bob,
            Some("bye"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(kicked.membership(), Some(Membership::Leave));
        assert!(
            refused(kick(
                &admin_room(member(Membership::Leave)),
                &r,
                &alice,
                &bob,
                None
            ))
            .contains("neither joined")
        );
        assert!(
            refused(kick(
                &admin_room(member(Membership::Join)),
                &r,
                &alice,
                &alice,
                None
            ))
            .contains("not below yours"),
            "nobody kicks themself"
        );

        let unbanned = unban(&admin_room(member(Membership::Ban)), &r, &alice, &bob)
            .unwrap()
            .unwrap();
        assert_eq!(unbanned.membership(), Some(Membership::Leave));
        assert!(
            refused(unban(
                &admin_room(member(Membership::Join)),
                &r,
                &alice,
                &bob
            ))
            .contains("is not banned")
        );
        assert!(refused(unban(&low, &r, &bob, &alice)).contains("below the level needed to unban"));
    }

    #[test]
    fn leaving_a_room_left_changes_nothing_and_a_ban_cannot_be_left() {
        let bob = user("@bob:hs");
        let r = room_id();
        let with = |m| RoomSnapshot {
            target: member(m),
            ..room(JoinRule::Public, None)
        };
        assert!(leave(&with(Membership::Join), &r, &bob).unwrap().is_some());
        assert!(
            leave(&with(Membership::Invite), &r, &bob)
                .unwrap()
                .is_some()
        );
        assert!(leave(&with(Membership::Leave), &r, &bob).unwrap().is_none());
        assert!(refused(leave(&with(Membership::Ban), &r, &bob)).contains("banned"));
        assert!(leave(&RoomSnapshot::default(), &r, &bob).is_err());
    }
}
