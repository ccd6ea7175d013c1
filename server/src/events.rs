//! The vocabulary of room state shared by the rules and storage: keys of state, the state
//! read at those keys, and the events the rules decide to append (typed contents, which
//! storage writes as JSON).

use generated::runtime::JsonObject;
use generated::schemas::{
    CreateContent, JoinRulesContent, MemberContent, Membership, PowerLevelsContent, StrippedState,
    ThirdPartyInviteContent,
};

/// A key of a room's state: an event type and a state key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StateKey {
    pub event_type: String,
    pub state_key: String,
}

impl StateKey {
    pub fn new(event_type: &str, state_key: &str) -> Self {
        StateKey {
            event_type: event_type.to_string(),
            state_key: state_key.to_string(),
        }
    }
}

/// The current state event at a key: its content as stored (JSON text) and its sender.
#[derive(Debug, Clone, PartialEq)]
pub struct StateEntry {
    pub key: StateKey,
    pub content: String,
    pub sender: String,
}

/// What a state event says, typed where the rules read it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Content {
    Create(CreateContent),
    /// Boxed: a member event's content (with a third-party proof) is the largest by far.
    Member(Box<MemberContent>),
    PowerLevels(PowerLevelsContent),
    JoinRules(JoinRulesContent),
    ThirdPartyInvite(ThirdPartyInviteContent),
    /// Any other state (a room's name, topic, ...): an object as the client gave it.
    Other(JsonObject),
}

/// A state event to append to a room.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub key: StateKey,
    pub content: Content,
    /// Given to an invitee beside the content (`invite_room_state`).
    pub invite_room_state: Option<Vec<StrippedState>>,
}

impl NewEvent {
    pub fn state(event_type: &str, state_key: &str, content: Content) -> Self {
        NewEvent {
            key: StateKey::new(event_type, state_key),
            content,
            invite_room_state: None,
        }
    }

    /// `target`'s `m.room.member` event.
    pub fn member(target: &str, content: MemberContent) -> Self {
        Self::state("m.room.member", target, Content::Member(Box::new(content)))
    }

    /// For `m.room.member`, the membership: kept beside the event so member lists need no
    /// JSON.
    pub fn membership(&self) -> Option<Membership> {
        match &self.content {
            Content::Member(member) => Some(member.membership),
            _ => None,
        }
    }

    /// The keys beside `content`, as a JSON object.
    pub fn extra(&self) -> JsonObject {
        let mut extra = JsonObject::new();
        if let Some(state) = &self.invite_room_state
            && let Ok(state) = serde_json::to_value(state)
        {
            extra.insert("invite_room_state".into(), state);
        }
        extra
    }
}

/// A membership as stored in the `membership` column (its JSON string).
pub fn membership_name(membership: Membership) -> &'static str {
    match membership {
        Membership::Invite => "invite",
        Membership::Join => "join",
        Membership::Knock => "knock",
        Membership::Leave => "leave",
        Membership::Ban => "ban",
    }
}

/// A content object as the typed content `T`.
pub fn typed_content<T: serde::de::DeserializeOwned>(object: &JsonObject) -> serde_json::Result<T> {
    serde_json::from_value(object.clone().into())
}

/// A membership from its stored name.
pub fn parse_membership(name: &str) -> Option<Membership> {
    [
        Membership::Invite,
        Membership::Join,
        Membership::Knock,
        Membership::Leave,
        Membership::Ban,
    ]
    .into_iter()
    .find(|m| membership_name(*m) == name)
}

/// A typed content as a JSON object (every content type is one).
pub fn content_object<T: serde::Serialize>(content: &T) -> JsonObject {
    match serde_json::to_value(content) {
        Ok(serde_json::Value::Object(object)) => object,
        _ => JsonObject::new(),
    }
}
