//! A new room's first events, from `createRoom`'s request: the preset's join rule and power
//! levels, the request's initial state, name and topic, and the invites
//! (docs/membership.md, "Creating a room").

use std::collections::BTreeMap;

use generated::create_room::create_room::{
    RequestBody, RequestBodyPreset as Preset, RequestBodyVisibility as Visibility,
};
use generated::runtime::JsonObject;
use generated::schemas::{
    CreateContent, JoinRule, JoinRulesContent, MemberContent, Membership, PowerLevelsContent,
};

use crate::error::{BadRequest, bad_request};
use crate::events::{Content, NewEvent, content_object, typed_content};
use crate::ids::{RoomAlias, UserId};

/// What creating the room writes.
#[derive(Debug)]
pub struct NewRoom {
    /// `#room_alias_name:server`, if one was asked for.
    pub alias: Option<RoomAlias>,
    /// Users invited at creation, the creator left out.
    pub invitees: Vec<UserId>,
    /// In order; the first is `m.room.create`.
    pub events: Vec<NewEvent>,
}

/// State types `initial_state` may not set: the room's creation and memberships come from
/// the request's own fields, and third-party invites only from the invite flow, which asks
/// an identity server the operator trusts (D14).
const NOT_INITIAL_STATE: [&str; 3] = [
    "m.room.create",
    "m.room.member",
    "m.room.third_party_invite",
];

fn bad_json(error: impl Into<String>) -> BadRequest {
    bad_request("M_BAD_JSON", error)
}

/// `content` of an `initial_state` event, typed where the rules read it. Power levels are
/// merged key by key over the preset's (`preset_levels`), so a client that sets only the
/// invite level keeps every other level.
fn initial_content(
    event_type: &str,
    content: &JsonObject,
    preset_levels: &PowerLevelsContent,
) -> Result<Content, BadRequest> {
    let typed = |error: serde_json::Error| {
        bad_json(format!(
            "initial_state: the content of {event_type} is not valid: {error}."
        ))
    };
    Ok(match event_type {
        "m.room.power_levels" => {
            let mut merged = content_object(preset_levels);
            merged.extend(content.clone());
            Content::PowerLevels(typed_content(&merged).map_err(typed)?)
        }
        "m.room.join_rules" => Content::JoinRules(typed_content(content).map_err(typed)?),
        _ => Content::Other(content.clone()),
    })
}

pub fn new_room(
    creator: &UserId,
    server_name: &str,
    request: &RequestBody,
) -> Result<NewRoom, BadRequest> {
    let alias = match &request.room_alias_name {
        Some(local) => Some(
            RoomAlias::parse(&format!("#{local}:{server_name}")).map_err(|e| {
                bad_request(
                    "M_UNKNOWN",
                    format!("Invalid room_alias_name {local:?}: {e}."),
                )
            })?,
        ),
        None => None,
    };
    let mut invitees = Vec::new();
    for raw in request.invite.iter().flatten() {
        let invitee = UserId::parse_existing(raw)
            .map_err(|e| bad_json(format!("Invalid user ID {raw:?} in `invite`: {e}.")))?;
        if invitee.domain() != server_name {
            return Err(bad_request(
                "M_UNKNOWN",
                format!("Cannot invite {invitee}: federation is not supported."),
            ));
        }
        if &invitee != creator && !invitees.contains(&invitee) {
            invitees.push(invitee);
        }
    }
    let preset = request.preset.unwrap_or(match request.visibility {
        Some(Visibility::Public) => Preset::PublicChat,
        _ => Preset::PrivateChat,
    });

    // `creation_content` is the create event's content, with the creator set by us.
    let mut create = request.creation_content.clone().unwrap_or_default();
    create.insert("creator".into(), creator.as_str().into());
    let create: CreateContent =
        typed_content(&create).map_err(|e| bad_json(format!("Invalid creation_content: {e}.")))?;

    let mut users = BTreeMap::from([(creator.to_string(), 100)]);
    if preset == Preset::TrustedPrivateChat {
        users.extend(invitees.iter().map(|invitee| (invitee.to_string(), 100)));
    }
    let mut levels = PowerLevelsContent::new(50, 0, 50, 50, 50, BTreeMap::new(), users);
    levels.users_default = Some(0);
    // Written out so that the default never matters (docs/membership.md, "Power levels").
    levels.invite = Some(0);
    let join_rule = match preset {
        Preset::PublicChat => JoinRule::Public,
        Preset::PrivateChat | Preset::TrustedPrivateChat => JoinRule::Invite,
    };
    let mut history = JsonObject::new();
    history.insert("history_visibility".into(), "shared".into());

    let mut events = vec![
        NewEvent::state("m.room.create", "", Content::Create(create)),
        NewEvent::member(creator.as_str(), MemberContent::new(Membership::Join)),
        NewEvent::state(
            "m.room.power_levels",
            "",
            Content::PowerLevels(levels.clone()),
        ),
        NewEvent::state(
            "m.room.join_rules",
            "",
            Content::JoinRules(JoinRulesContent::new(join_rule)),
        ),
        NewEvent::state("m.room.history_visibility", "", Content::Other(history)),
    ];
    if let Some(alias) = &alias {
        let mut aliases = JsonObject::new();
        aliases.insert("aliases".into(), vec![alias.to_string()].into());
        events.push(NewEvent::state(
            "m.room.aliases",
            server_name,
            Content::Other(aliases),
        ));
    }
    // initial_state overrides the presets; name and topic override initial_state.
    for state in request.initial_state.iter().flatten() {
        let (Some(event_type), Some(content)) = (&state.type_, &state.content) else {
            return Err(bad_json(
                "initial_state: every event needs `type` and `content`.",
            ));
        };
        if NOT_INITIAL_STATE.contains(&event_type.as_str()) {
            return Err(bad_json(format!(
                "initial_state: {event_type} cannot be set there."
            )));
        }
        events.push(NewEvent::state(
            event_type,
            state.state_key.as_deref().unwrap_or(""),
            initial_content(event_type, content, &levels)?,
        ));
    }
    if let Some(name) = &request.name {
        let mut content = JsonObject::new();
        content.insert("name".into(), name.clone().into());
        events.push(NewEvent::state("m.room.name", "", Content::Other(content)));
    }
    if let Some(topic) = &request.topic {
        let mut content = JsonObject::new();
        content.insert("topic".into(), topic.clone().into());
        events.push(NewEvent::state("m.room.topic", "", Content::Other(content)));
    }
    for invitee in &invitees {
        events.push(NewEvent::member(
            invitee.as_str(),
            MemberContent::new(Membership::Invite),
        ));
    }
    Ok(NewRoom {
        alias,
        invitees,
        events,
    })
}
