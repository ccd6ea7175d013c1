//! `POST /createRoom`: the room's first events, from presets and the request, in one
//! transaction (membership-semantics.md 1.3).

use generated::create_room::{CreateRoomApi, create_room};
use serde_json::{Map, Value, json};

use super::{Failure, finish, refusals, user_id};
use crate::app::Homeserver;
use crate::credentials::random_string;
use crate::error::{InternalError, MatrixError};
use crate::ids::{RoomAlias, UserId};
use crate::rules::NewEvent;

refusals! {
    create_room::Response { BAD_REQUEST => BadRequest }
}

impl Homeserver {
    async fn create(
        &self,
        creator: UserId,
        request: create_room::Request,
    ) -> Result<create_room::Response, Failure> {
        use create_room::{RequestBodyPreset as Preset, RequestBodyVisibility as Visibility};
        let body = request.body.unwrap_or(create_room::RequestBody {
            visibility: None,
            room_alias_name: None,
            name: None,
            topic: None,
            invite: None,
            creation_content: None,
            initial_state: None,
            preset: None,
            additional_properties: Map::new(),
        });
        let alias = match &body.room_alias_name {
            Some(local) => Some(
                RoomAlias::parse(&format!("#{local}:{}", self.server_name())).map_err(|e| {
                    MatrixError::bad_request("M_UNKNOWN", format!("Invalid room_alias_name: {e}"))
                })?,
            ),
            None => None,
        };
        let invitees = body
            .invite
            .iter()
            .flatten()
            .map(|raw| user_id(raw))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(remote) = invitees.iter().find(|u| u.domain() != self.server_name()) {
            return Err(MatrixError::bad_request(
                "M_UNKNOWN",
                format!("Cannot invite {remote}: federation is not supported."),
            )
            .into());
        }
        let preset = body.preset.unwrap_or(match body.visibility {
            Some(Visibility::Public) => Preset::PublicChat,
            _ => Preset::PrivateChat,
        });
        let room_id = format!("!{}:{}", random_string(12), self.server_name());

        let mut create = body.creation_content.clone().unwrap_or_default();
        create.insert("creator".into(), json!(creator.as_str()));
        let mut users = Map::new();
        users.insert(creator.to_string(), json!(100));
        if preset == Preset::TrustedPrivateChat {
            for invitee in &invitees {
                users.insert(invitee.to_string(), json!(100));
            }
        }
        let join_rule = if preset == Preset::PublicChat {
            "public"
        } else {
            "invite"
        };
        let mut events = vec![
            NewEvent::state("m.room.create", "", Value::Object(create)),
            NewEvent::member(&creator, json!({"membership": "join"})),
            NewEvent::state(
                "m.room.power_levels",
                "",
                json!({"users": users, "users_default": 0, "events": {}, "events_default": 0,
                       "state_default": 50, "ban": 50, "kick": 50, "redact": 50, "invite": 0}),
            ),
            NewEvent::state("m.room.join_rules", "", json!({"join_rule": join_rule})),
            NewEvent::state(
                "m.room.history_visibility",
                "",
                json!({"history_visibility": "shared"}),
            ),
        ];
        if let Some(alias) = &alias {
            events.push(NewEvent::state(
                "m.room.aliases",
                self.server_name(),
                json!({"aliases": [alias.as_str()]}),
            ));
        }
        // initial_state overrides the presets; name and topic override initial_state.
        for state in body.initial_state.iter().flatten() {
            let (Some(event_type), Some(content)) = (&state.type_, &state.content) else {
                return Err(MatrixError::bad_request(
                    "M_BAD_JSON",
                    "initial_state events need type and content",
                )
                .into());
            };
            if event_type == "m.room.create" || event_type == "m.room.member" {
                return Err(MatrixError::bad_request(
                    "M_BAD_JSON",
                    format!("{event_type} cannot be set in initial_state"),
                )
                .into());
            }
            events.push(NewEvent::state(
                event_type,
                state.state_key.as_deref().unwrap_or(""),
                Value::Object(content.clone()),
            ));
        }
        if let Some(name) = &body.name {
            events.push(NewEvent::state("m.room.name", "", json!({"name": name})));
        }
        if let Some(topic) = &body.topic {
            events.push(NewEvent::state("m.room.topic", "", json!({"topic": topic})));
        }
        for invitee in &invitees {
            if invitee != &creator {
                events.push(NewEvent::member(invitee, json!({"membership": "invite"})));
            }
        }
        if !self
            .store
            .create_room(
                &room_id,
                creator.as_str(),
                &events,
                alias.as_ref().map(RoomAlias::as_str),
            )
            .await?
        {
            return Err(
                MatrixError::bad_request("M_ROOM_IN_USE", "Room alias already taken").into(),
            );
        }
        Ok(create_room::Response::Ok(create_room::OkBody {
            room_id: Some(room_id),
            additional_properties: Map::new(),
        }))
    }
}

impl CreateRoomApi for Homeserver {
    async fn create_room(
        &self,
        principal: UserId,
        request: create_room::Request,
    ) -> Result<create_room::Response, InternalError> {
        finish(self.create(principal, request).await)
    }
}
