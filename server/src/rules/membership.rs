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
    let mut event = NewEvent::member(invitee.as_str(), MemberContent::new(Membership::Invite));
    event.invite_room_state = Some(room.invite_state.clone());
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

/// The sender is joined, at `needed`, and strictly above the target's level (unless acting
/// on themself is allowed).
fn may_act_on(
    room: &RoomSnapshot,
    room_id: &RoomId,
    sender: &UserId,
    target: &UserId,
    action: &str,
    needed: i64,
    self_allowed: bool,
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
    if level <= theirs && !(self_allowed && sender == target) {
        return Err(forbidden(format!(
            "You cannot {action} {target}: their power level ({theirs}) is not below yours ({level})."
        )));
    }
    Ok(())
}

/// Ban `target`: the banner is joined, at the ban level, and above the target's level (so
/// nobody bans themself). Banning someone already banned changes nothing.
pub fn ban(
    room: &RoomSnapshot,
    room_id: &RoomId,
    banner: &UserId,
    target: &UserId,
    reason: Option<&str>,
) -> Result<Option<NewEvent>, Forbidden> {
    may_act_on(room, room_id, banner, target, "ban", room.ban_level(), true)?;
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
    may_act_on(
        room,
        room_id,
        kicker,
        target,
        "kick",
        room.kick_level(),
        false,
    )?;
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
