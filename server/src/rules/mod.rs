//! The rules (docs/membership.md): pure functions over a typed snapshot of a room's state
//! that decide who may do what, and which event (if any) that appends; storage applies the
//! result atomically, under the room's lock. This module is the snapshot and the power
//! levels; [`membership`] the membership changes; [`new_room`] the first events of a room;
//! [`reading`] who may read a room; [`aliases`] who may name a room in the directory.
//!
//! A rule refuses with a Matrix error of a fixed status (`Forbidden`, `NotFound`); the
//! rules that can refuse in more than one way are generic over the caller's error type,
//! which must accept each (an operation's generated `Error` does when its spec documents
//! the statuses).

mod aliases;
mod membership;
mod new_room;
mod reading;

pub use aliases::{may_create_alias, may_delete_alias};
pub use membership::{
    ban, check_proof, invite, join, kick, leave, may_invite, third_party_invite, unban,
};
pub use new_room::{NewRoom, new_room};
pub use reading::{ReadView, read_view};

use generated::runtime::JsonObject;
use generated::schemas::{
    CreateContent, JoinRule, JoinRulesContent, MemberContent, Membership, PowerLevelsContent,
    StrippedState, StrippedStateType, ThirdPartyInviteContent, ThirdPartyProof,
};

use crate::events::{StateEntry, StateKey};
use crate::ids::UserId;

/// Who a membership change is about: the user acting, the user acted on (the same for a
/// join or a leave), the third-party invite a join's proof names, if any, and whether the
/// change is an invite (which shows the invitee some of the room's state).
#[derive(Debug, Clone, Copy)]
pub struct Roles<'a> {
    pub sender: &'a UserId,
    pub target: &'a UserId,
    pub third_party_token: Option<&'a str>,
    /// Read the state an invitee is shown ([`RoomSnapshot::invite_state`]); only an invite
    /// uses it, and every other change would read and parse it for nothing.
    pub reads_invite_state: bool,
}

impl<'a> Roles<'a> {
    /// A user acting on themself (join, leave).
    pub fn own(user: &'a UserId) -> Self {
        Roles {
            sender: user,
            target: user,
            third_party_token: None,
            reads_invite_state: false,
        }
    }

    /// `sender` acting on `target` (ban, kick, unban).
    pub fn on(sender: &'a UserId, target: &'a UserId) -> Self {
        Roles {
            sender,
            target,
            third_party_token: None,
            reads_invite_state: false,
        }
    }

    /// `inviter` inviting `invitee`: as [`Roles::on`], and the state the invitee is shown.
    pub fn inviting(inviter: &'a UserId, invitee: &'a UserId) -> Self {
        Roles {
            reads_invite_state: true,
            ..Roles::on(inviter, invitee)
        }
    }
}

/// The state an invitee is shown of the room (`invite_room_state`), in this order.
const INVITE_STATE: [(&str, StrippedStateType); 4] = [
    ("m.room.join_rules", StrippedStateType::MRoomJoinRules),
    (
        "m.room.canonical_alias",
        StrippedStateType::MRoomCanonicalAlias,
    ),
    ("m.room.avatar", StrippedStateType::MRoomAvatar),
    ("m.room.name", StrippedStateType::MRoomName),
];

/// The state a membership decision reads, typed.
#[derive(Debug, Clone, Default)]
pub struct RoomSnapshot {
    /// `m.room.create`: a room exists when it has one.
    pub create: Option<CreateContent>,
    pub join_rules: Option<JoinRulesContent>,
    pub power_levels: Option<PowerLevelsContent>,
    /// The sender's `m.room.member`, if any.
    pub sender: Option<MemberContent>,
    /// The target's `m.room.member`, if any (the sender's, for a user acting on themself).
    pub target: Option<MemberContent>,
    /// What an invitee is shown of the room; read only for an invite
    /// ([`Roles::inviting`]), `None` otherwise.
    pub invite_state: Option<Vec<StrippedState>>,
    /// The `m.room.third_party_invite` a join's proof names, while it stands (replacing its
    /// content with anything that is not an invite revokes it).
    pub third_party_invite: Option<ThirdPartyInviteContent>,
}

/// State that could not be read as the rules expect: stored data this server did not
/// write, never a client's mistake.
#[derive(Debug, thiserror::Error)]
#[error("the room's {key} state cannot be read: {source}")]
pub struct UnreadableState {
    key: String,
    source: serde_json::Error,
}

fn parse<T: serde::de::DeserializeOwned>(entry: &StateEntry) -> Result<T, UnreadableState> {
    serde_json::from_str(&entry.content).map_err(|source| UnreadableState {
        key: format!("{}/{}", entry.key.event_type, entry.key.state_key),
        source,
    })
}

impl RoomSnapshot {
    /// The state keys a decision about `roles` reads.
    pub fn keys(roles: Roles<'_>) -> Vec<StateKey> {
        let mut keys: Vec<StateKey> = ["m.room.create", "m.room.power_levels", "m.room.join_rules"]
            .into_iter()
            .map(|event_type| StateKey::new(event_type, ""))
            .collect();
        if roles.reads_invite_state {
            for (event_type, _) in INVITE_STATE {
                let key = StateKey::new(event_type, "");
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys.push(StateKey::new("m.room.member", roles.sender.as_str()));
        if roles.target != roles.sender {
            keys.push(StateKey::new("m.room.member", roles.target.as_str()));
        }
        if let Some(token) = roles.third_party_token {
            keys.push(StateKey::new("m.room.third_party_invite", token));
        }
        keys
    }

    /// The snapshot from the state read at [`RoomSnapshot::keys`].
    pub fn read(roles: Roles<'_>, entries: &[StateEntry]) -> Result<Self, UnreadableState> {
        let find = |event_type: &str, state_key: &str| {
            entries
                .iter()
                .find(|e| e.key.event_type == event_type && e.key.state_key == state_key)
        };
        let mut room = RoomSnapshot::default();
        let Some(create) = find("m.room.create", "") else {
            return Ok(room);
        };
        room.create = Some(parse(create)?);
        room.join_rules = find("m.room.join_rules", "").map(parse).transpose()?;
        room.power_levels = find("m.room.power_levels", "").map(parse).transpose()?;
        room.sender = find("m.room.member", roles.sender.as_str())
            .map(parse)
            .transpose()?;
        room.target = find("m.room.member", roles.target.as_str())
            .map(parse)
            .transpose()?;
        room.third_party_invite = roles
            .third_party_token
            .and_then(|token| find("m.room.third_party_invite", token))
            .and_then(|entry| parse(entry).ok());
        if roles.reads_invite_state {
            let mut shown = Vec::new();
            for (event_type, stripped_type) in INVITE_STATE {
                if let Some(entry) = find(event_type, "") {
                    let content: JsonObject = parse(entry)?;
                    shown.push(StrippedState::new(stripped_type, String::new(), content));
                }
            }
            room.invite_state = Some(shown);
        }
        Ok(room)
    }

    pub fn exists(&self) -> bool {
        self.create.is_some()
    }

    pub(crate) fn sender_membership(&self) -> Option<Membership> {
        self.sender.as_ref().map(|m| m.membership)
    }

    pub(crate) fn target_membership(&self) -> Option<Membership> {
        self.target.as_ref().map(|m| m.membership)
    }

    /// The join rule; a room without one is invite-only.
    pub(crate) fn join_rule(&self) -> JoinRule {
        self.join_rules
            .as_ref()
            .map_or(JoinRule::Invite, |rules| rules.join_rule)
    }

    /// A user's power level: `users[user]` when listed (an explicit 0 included), else
    /// `users_default`, else 0; without a power-levels event the creator has 100.
    pub fn level_of(&self, user: &UserId) -> i64 {
        match &self.power_levels {
            Some(levels) => levels
                .users
                .get(user.as_str())
                .copied()
                .unwrap_or(levels.users_default.unwrap_or(0)),
            None if self.create.as_ref().map(|c| c.creator.as_str()) == Some(user.as_str()) => 100,
            None => 0,
        }
    }

    /// The level needed to invite: `invite`, 0 when absent.
    pub fn invite_level(&self) -> i64 {
        self.power_levels
            .as_ref()
            .and_then(|levels| levels.invite)
            .unwrap_or(0)
    }

    /// The level needed to ban (and unban): 50 without a power-levels event.
    pub fn ban_level(&self) -> i64 {
        self.power_levels.as_ref().map_or(50, |levels| levels.ban)
    }

    /// The level needed to kick: 50 without a power-levels event.
    pub fn kick_level(&self) -> i64 {
        self.power_levels.as_ref().map_or(50, |levels| levels.kick)
    }

    /// The level needed to send state of `event_type`: its `events` entry, else
    /// `state_default`; 50 without a power-levels event.
    pub fn state_level(&self, event_type: &str) -> i64 {
        self.power_levels.as_ref().map_or(50, |levels| {
            levels
                .events
                .get(event_type)
                .copied()
                .unwrap_or(levels.state_default)
        })
    }

    /// Whether a third-party proof could decide a join: the room exists and is
    /// invite-only, and the user is neither banned, invited nor joined. Otherwise no proof
    /// is checked and nothing is fetched for one.
    pub fn proof_would_decide(&self) -> bool {
        self.exists()
            && self.join_rule() == JoinRule::Invite
            && !matches!(
                self.target_membership(),
                Some(Membership::Ban | Membership::Invite | Membership::Join)
            )
    }

    /// Whether the room's third-party invite (the one the proof's token names) still
    /// stands with the proof's key and validity URL.
    pub(crate) fn third_party_invite_matches(&self, proof: &ThirdPartyProof) -> bool {
        self.third_party_invite.as_ref().is_some_and(|invite| {
            invite.public_key == proof.public_key
                && invite.key_validity_url == proof.key_validity_url
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(event_type: &str, state_key: &str, content: &str) -> StateEntry {
        StateEntry {
            key: StateKey::new(event_type, state_key),
            content: content.into(),
            sender: "@alice:hs".into(),
        }
    }

    #[test]
    fn a_snapshot_reads_the_keys_it_asked_for() {
        let (alice, bob) = (
            UserId::parse("@alice:hs").unwrap(),
            UserId::parse("@bob:hs").unwrap(),
        );
        let roles = Roles {
            third_party_token: Some("tok"),
            ..Roles::inviting(&alice, &bob)
        };
        let keys = RoomSnapshot::keys(roles);
        assert!(keys.contains(&StateKey::new("m.room.member", "@bob:hs")));
        assert!(keys.contains(&StateKey::new("m.room.third_party_invite", "tok")));
        assert_eq!(
            keys.len(),
            9,
            "create, power levels, the 4 invite-state types (join rules among them), 2 members, the invite"
        );
        let entries = [
            entry("m.room.create", "", r#"{"creator": "@alice:hs"}"#),
            entry("m.room.join_rules", "", r#"{"join_rule": "public"}"#),
            entry("m.room.name", "", r#"{"name": "Lobby"}"#),
            entry("m.room.member", "@alice:hs", r#"{"membership": "join"}"#),
            entry("m.room.third_party_invite", "tok", "{}"),
        ];
        let room = RoomSnapshot::read(roles, &entries).unwrap();
        assert!(room.exists());
        assert_eq!(room.join_rule(), JoinRule::Public);
        assert_eq!(room.sender_membership(), Some(Membership::Join));
        assert_eq!(room.target, None);
        assert_eq!(
            room.third_party_invite, None,
            "empty content revokes an invite"
        );
        let shown = room.invite_state.as_deref().expect("read for an invite");
        let types: Vec<_> = shown.iter().map(|s| s.type_).collect();
        assert_eq!(
            types,
            [
                StrippedStateType::MRoomJoinRules,
                StrippedStateType::MRoomName
            ]
        );

        // Any other change reads neither the name, the avatar nor the canonical alias.
        let joining = Roles::own(&bob);
        assert_eq!(
            RoomSnapshot::keys(joining),
            [
                StateKey::new("m.room.create", ""),
                StateKey::new("m.room.power_levels", ""),
                StateKey::new("m.room.join_rules", ""),
                StateKey::new("m.room.member", "@bob:hs"),
            ]
        );
        let joined = RoomSnapshot::read(joining, &entries).unwrap();
        assert_eq!(joined.join_rule(), JoinRule::Public);
        assert!(joined.invite_state.is_none());

        let unknown = RoomSnapshot::read(roles, &[]).unwrap();
        assert!(!unknown.exists());
        let corrupt = [entry("m.room.create", "", "[]")];
        assert!(RoomSnapshot::read(roles, &corrupt).is_err());
    }
}
