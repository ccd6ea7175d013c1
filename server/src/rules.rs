//! The membership rules of membership-semantics.md sections 1.5-2.3, as pure functions over
//! a snapshot of the room's state: who may join, invite, leave or ban, and what event (if
//! any) that appends. The order of checks is the contract's; storage applies the result
//! atomically.

use serde_json::{Map, Value, json};

use crate::error::MatrixError;
use crate::ids::UserId;

/// The state a membership decision reads.
#[derive(Debug, Clone, Default)]
pub struct RoomSnapshot {
    /// The room has an `m.room.create` event.
    pub exists: bool,
    pub creator: Option<String>,
    /// `content.join_rule` of `m.room.join_rules`, if the event exists.
    pub join_rule: Option<String>,
    /// `content` of `m.room.power_levels`, if the event exists.
    pub power_levels: Option<Map<String, Value>>,
    /// `content` of the sender's `m.room.member`, if any.
    pub sender: Option<Map<String, Value>>,
    /// `content` of the target's `m.room.member`, if any (same as `sender` for self-actions).
    pub target: Option<Map<String, Value>>,
    /// The stripped state given to invitees (join rules, name, avatar, canonical alias).
    pub invite_state: Vec<Value>,
    /// `content` of the `m.room.third_party_invite` whose token a join's proof names.
    pub third_party_invite: Option<Map<String, Value>>,
}

/// A third-party proof from a join body (section 3, step 6) whose signature has been
/// verified with `public_key` and whose key the identity server has confirmed valid.
#[derive(Debug, Clone, PartialEq)]
pub struct ThirdPartyProof {
    pub token: String,
    pub public_key: String,
    pub key_validity_url: String,
    /// The five keys as sent, for the join event's `content.third_party_invite`.
    pub content: Value,
}

/// An event to append: a state event of the room.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub event_type: String,
    pub state_key: String,
    pub content: Value,
    /// Keys beside `content` (`invite_room_state`).
    pub extra: Map<String, Value>,
}

impl NewEvent {
    pub fn state(event_type: &str, state_key: &str, content: Value) -> Self {
        NewEvent {
            event_type: event_type.into(),
            state_key: state_key.into(),
            content,
            extra: Map::new(),
        }
    }

    pub fn member(target: &UserId, content: Value) -> Self {
        Self::state("m.room.member", target.as_str(), content)
    }
}

fn membership(content: &Option<Map<String, Value>>) -> Option<&str> {
    content.as_ref()?.get("membership")?.as_str()
}

impl RoomSnapshot {
    /// A user's power level: `users[user]` when listed (an explicit 0 wins), else
    /// `users_default`; without a power-levels event the creator has 100 (decision 8).
    pub fn level_of(&self, user: &UserId) -> i64 {
        match &self.power_levels {
            Some(pl) => pl
                .get("users")
                .and_then(|u| u.get(user.as_str()))
                .and_then(as_level)
                .unwrap_or_else(|| pl.get("users_default").and_then(as_level).unwrap_or(0)),
            None if self.creator.as_deref() == Some(user.as_str()) => 100,
            None => 0,
        }
    }

    /// Whether a third-party proof could decide a join: the room exists and is
    /// invite-only, and the user is neither banned, invited nor joined (section 3, step 7).
    /// Otherwise no proof is checked and nothing is fetched for one.
    pub fn proof_would_decide(&self) -> bool {
        self.exists
            && self.join_rule.as_deref().unwrap_or("invite") == "invite"
            && !matches!(membership(&self.target), Some("ban" | "invite" | "join"))
    }

    /// Whether the third-party invite read with this snapshot (the one the proof's token
    /// names) still stands with the proof's key and validity URL (steps 7.1 and 7.2;
    /// replacing it with empty content revokes it).
    pub fn third_party_invite_matches(&self, public_key: &str, key_validity_url: &str) -> bool {
        self.third_party_invite.as_ref().is_some_and(|invite| {
            invite.get("public_key").and_then(Value::as_str) == Some(public_key)
                && invite.get("key_validity_url").and_then(Value::as_str) == Some(key_validity_url)
        })
    }

    /// I12: whether the user's power level reaches the invite level (default 0, decision 8).
    fn may_invite_at_level(&self, user: &UserId) -> bool {
        self.level_of(user) >= self.required("invite", 0)
    }

    /// The level an action needs (`invite` defaults to 0, `ban` and `kick` to 50).
    pub fn required(&self, action: &str, default: i64) -> i64 {
        self.power_levels
            .as_ref()
            .and_then(|pl| pl.get(action))
            .and_then(as_level)
            .unwrap_or(default)
    }
}

fn as_level(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_f64().map(|f| f as i64))
}

/// Join (J8-J15). `proof` is a third-party proof already verified (J12); it admits the user
/// to an invite-only room only while the room's invite for its token still matches it.
pub fn join(
    room: &RoomSnapshot,
    user: &UserId,
    extra_content: Map<String, Value>,
    proof: Option<&ThirdPartyProof>,
) -> Result<Option<NewEvent>, MatrixError> {
    if !room.exists {
        return Err(MatrixError::not_found("Room not found."));
    }
    let current = membership(&room.target);
    if current == Some("ban") {
        return Err(MatrixError::forbidden("You are banned from this room"));
    }
    let mut content = extra_content;
    let allowed = match room.join_rule.as_deref().unwrap_or("invite") {
        "public" => true,
        "invite" if matches!(current, Some("invite" | "join")) => true,
        "invite" => match proof {
            Some(proof)
                if room.third_party_invite_matches(&proof.public_key, &proof.key_validity_url) =>
            {
                content.insert("third_party_invite".into(), proof.content.clone());
                true
            }
            _ => false,
        },
        _ => {
            return Err(MatrixError::forbidden(
                "You are not allowed to join this room",
            ));
        }
    };
    if !allowed {
        return Err(MatrixError::forbidden("You are not invited to this room."));
    }
    content.insert("membership".into(), json!("join"));
    // A repeat join that changes nothing appends nothing (decision 4).
    if current == Some("join") && room.target.as_ref() == Some(&content) {
        return Ok(None);
    }
    Ok(Some(NewEvent::member(user, Value::Object(content))))
}

/// Invite by user ID (I8-I16). `local_server` is our server name.
pub fn invite(
    room: &RoomSnapshot,
    inviter: &UserId,
    invitee: &UserId,
    local_server: &str,
) -> Result<Option<NewEvent>, MatrixError> {
    inviter_in_room(room, inviter)?;
    match membership(&room.target) {
        Some("ban") => {
            return Err(MatrixError::forbidden(format!(
                "{invitee} is banned from the room"
            )));
        }
        Some("join") => {
            return Err(MatrixError::forbidden(format!(
                "{invitee} is already in the room."
            )));
        }
        _ => {}
    }
    if !room.may_invite_at_level(inviter) {
        return Err(MatrixError::forbidden(format!(
            "You cannot invite user {invitee}."
        )));
    }
    if invitee.domain() != local_server {
        return Err(MatrixError::forbidden("Federation is not supported."));
    }
    if membership(&room.target) == Some("invite") {
        return Ok(None);
    }
    let mut event = NewEvent::member(invitee, json!({"membership": "invite"}));
    event.extra.insert(
        "invite_room_state".into(),
        Value::Array(room.invite_state.clone()),
    );
    Ok(Some(event))
}

/// I8-I9: the room exists and the inviter is joined to it.
fn inviter_in_room(room: &RoomSnapshot, inviter: &UserId) -> Result<(), MatrixError> {
    if !room.exists {
        return Err(MatrixError::forbidden("Unknown room."));
    }
    if membership(&room.sender) != Some("join") {
        return Err(MatrixError::forbidden(format!("{inviter} not in room.")));
    }
    Ok(())
}

/// T9-T10: whether `inviter` may invite into the room at all, settled before any identity
/// server is asked (the checks about the invitee follow once it is known).
pub fn may_invite(room: &RoomSnapshot, inviter: &UserId) -> Result<(), MatrixError> {
    inviter_in_room(room, inviter)?;
    if !room.may_invite_at_level(inviter) {
        return Err(MatrixError::forbidden(
            "You do not have a high enough power level to invite to this room.",
        ));
    }
    Ok(())
}

/// T13: the `m.room.third_party_invite` for an invite the identity server stored, if the
/// inviter still may invite (section 3, step 4b; the invite level, as in 1.7).
pub fn third_party_invite(
    room: &RoomSnapshot,
    inviter: &UserId,
    token: &str,
    content: Value,
) -> Result<Option<NewEvent>, MatrixError> {
    may_invite(room, inviter)?;
    Ok(Some(NewEvent::state(
        "m.room.third_party_invite",
        token,
        content,
    )))
}

/// Leave, or reject an invite. Leaving a room one has already left changes nothing.
pub fn leave(room: &RoomSnapshot, user: &UserId) -> Result<Option<NewEvent>, MatrixError> {
    if !room.exists {
        return Err(MatrixError::forbidden("Unknown room."));
    }
    match membership(&room.target) {
        Some("join" | "invite") => Ok(Some(NewEvent::member(user, json!({"membership": "leave"})))),
        Some("leave") => Ok(None),
        Some("ban") => Err(MatrixError::forbidden("You are banned from this room.")),
        _ => Err(MatrixError::forbidden("You are not in this room.")),
    }
}

/// Ban `target`: the banner must be joined, at the ban level, and above the target.
pub fn ban(
    room: &RoomSnapshot,
    banner: &UserId,
    target: &UserId,
    reason: Option<&str>,
) -> Result<Option<NewEvent>, MatrixError> {
    if !room.exists {
        return Err(MatrixError::forbidden("Unknown room."));
    }
    if membership(&room.sender) != Some("join") {
        return Err(MatrixError::forbidden(format!("{banner} not in room.")));
    }
    let level = room.level_of(banner);
    if level < room.required("ban", 50) || (banner != target && level <= room.level_of(target)) {
        return Err(MatrixError::forbidden(
            "You do not have a high enough power level to ban from this room.",
        ));
    }
    if membership(&room.target) == Some("ban") {
        return Ok(None);
    }
    let mut content = json!({"membership": "ban"});
    if let Some(reason) = reason {
        content["reason"] = json!(reason);
    }
    Ok(Some(NewEvent::member(target, content)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn member(m: &str) -> Option<Map<String, Value>> {
        json!({"membership": m}).as_object().cloned()
    }

    fn room(rule: &str, pl: Value) -> RoomSnapshot {
        RoomSnapshot {
            exists: true,
            creator: Some("@alice:hs".into()),
            join_rule: Some(rule.into()),
            power_levels: pl.as_object().cloned(),
            ..Default::default()
        }
    }

    #[test]
    fn joins_follow_the_join_rule_and_bans() {
        let bob = user("@bob:hs");
        assert!(
            join(&room("public", json!({})), &bob, Map::new(), None)
                .unwrap()
                .is_some()
        );
        let err = join(&room("invite", json!({})), &bob, Map::new(), None).unwrap_err();
        assert_eq!(
            (err.errcode, err.error.as_str()),
            ("M_FORBIDDEN", "You are not invited to this room.")
        );
        let banned = RoomSnapshot {
            target: member("ban"),
            ..room("public", json!({}))
        };
        assert_eq!(
            join(&banned, &bob, Map::new(), None).unwrap_err().error,
            "You are banned from this room"
        );
        let joined = RoomSnapshot {
            target: member("join"),
            ..room("invite", json!({}))
        };
        assert_eq!(
            join(&joined, &bob, Map::new(), None).unwrap(),
            None,
            "an unchanged repeat join appends nothing"
        );
        let unknown = RoomSnapshot::default();
        assert_eq!(
            join(&unknown, &bob, Map::new(), None).unwrap_err().errcode,
            "M_NOT_FOUND"
        );
        let no_rule = RoomSnapshot {
            join_rule: None,
            ..room("x", json!({}))
        };
        assert!(
            join(&no_rule, &bob, Map::new(), None).is_err(),
            "no join_rules event means invite-only"
        );
    }

    #[test]
    fn invites_check_in_the_contracts_order() {
        let (alice, bob) = (user("@alice:hs"), user("@bob:hs"));
        let base = RoomSnapshot {
            sender: member("join"),
            ..room("invite", json!({"invite": 50, "users": {"@alice:hs": 100}}))
        };
        assert!(invite(&base, &alice, &bob, "hs").unwrap().is_some());
        let not_in = RoomSnapshot {
            sender: member("invite"),
            ..base.clone()
        };
        assert_eq!(
            invite(&not_in, &alice, &bob, "hs").unwrap_err().error,
            "@alice:hs not in room."
        );
        let banned = RoomSnapshot {
            target: member("ban"),
            ..base.clone()
        };
        assert_eq!(
            invite(&banned, &alice, &bob, "hs").unwrap_err().error,
            "@bob:hs is banned from the room"
        );
        let joined = RoomSnapshot {
            target: member("join"),
            ..base.clone()
        };
        assert_eq!(
            invite(&joined, &alice, &bob, "hs").unwrap_err().error,
            "@bob:hs is already in the room."
        );
        let low = RoomSnapshot {
            sender: member("join"),
            ..room("invite", json!({"invite": 50}))
        };
        assert_eq!(
            invite(&low, &alice, &bob, "hs").unwrap_err().error,
            "You cannot invite user @bob:hs."
        );
        let invited = RoomSnapshot {
            target: member("invite"),
            ..base.clone()
        };
        assert_eq!(invite(&invited, &alice, &bob, "hs").unwrap(), None);
        assert_eq!(
            invite(&base, &alice, &user("@x:remote"), "hs")
                .unwrap_err()
                .error,
            "Federation is not supported."
        );
    }

    #[test]
    fn a_third_party_proof_admits_only_while_the_invite_stands() {
        let carol = user("@carol:hs");
        let proof = ThirdPartyProof {
            token: "t".into(),
            public_key: "K".into(),
            key_validity_url: "https://is/v".into(),
            content: json!({"token": "t"}),
        };
        let invited = RoomSnapshot {
            third_party_invite: json!({"public_key": "K", "key_validity_url": "https://is/v"})
                .as_object()
                .cloned(),
            ..room("invite", json!({}))
        };
        assert!(invited.proof_would_decide());
        let event = join(&invited, &carol, Map::new(), Some(&proof))
            .unwrap()
            .unwrap();
        assert_eq!(
            event.content,
            json!({"third_party_invite": {"token": "t"}, "membership": "join"})
        );
        let revoked = RoomSnapshot {
            third_party_invite: Some(Map::new()),
            ..invited.clone()
        };
        assert!(join(&revoked, &carol, Map::new(), Some(&proof)).is_err());
        let other_key = ThirdPartyProof {
            public_key: "L".into(),
            ..proof.clone()
        };
        assert!(join(&invited, &carol, Map::new(), Some(&other_key)).is_err());
        // Where the join is decided without it, a proof is not consulted.
        let public = RoomSnapshot {
            third_party_invite: None,
            ..room("public", json!({}))
        };
        assert!(!public.proof_would_decide());
        let banned = RoomSnapshot {
            target: member("ban"),
            ..invited.clone()
        };
        assert!(!banned.proof_would_decide());
        assert!(join(&banned, &carol, Map::new(), Some(&proof)).is_err());
    }

    #[test]
    fn third_party_invites_need_a_joined_inviter_at_the_invite_level() {
        let (alice, bob) = (user("@alice:hs"), user("@bob:hs"));
        let base = RoomSnapshot {
            sender: member("join"),
            ..room("invite", json!({"invite": 50, "users": {"@alice:hs": 100}}))
        };
        let event = third_party_invite(&base, &alice, "tok", json!({"display_name": "C"}))
            .unwrap()
            .unwrap();
        assert_eq!(
            (event.event_type.as_str(), event.state_key.as_str()),
            ("m.room.third_party_invite", "tok")
        );
        assert!(third_party_invite(&base, &bob, "tok", json!({})).is_err());
        let not_joined = RoomSnapshot {
            sender: member("leave"),
            ..base.clone()
        };
        assert!(may_invite(&not_joined, &alice).is_err());
        assert!(may_invite(&RoomSnapshot::default(), &alice).is_err());
    }

    #[test]
    fn power_levels_follow_decision_8() {
        let bob = user("@bob:hs");
        let explicit_zero = room(
            "invite",
            json!({"users_default": 50, "invite": 50, "users": {"@bob:hs": 0}}),
        );
        assert_eq!(explicit_zero.level_of(&bob), 0);
        assert_eq!(room("invite", json!({})).required("invite", 0), 0);
        let none = RoomSnapshot {
            power_levels: None,
            ..room("invite", json!({}))
        };
        assert_eq!(none.level_of(&user("@alice:hs")), 100);
    }
}
