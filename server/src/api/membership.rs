//! Join (with the `/join/{roomId}` alias), invite by user ID, invite by third-party ID:
//! membership-semantics.md sections 2.1-2.3, in their order of checks.

use axum::http::StatusCode;
use generated::membership::{MembershipApi, invite_by3_pid, invite_user, join_room};
use serde_json::{Map, Value, json};

use super::{Failure, empty, finish, refusals, room_id, user_id};
use crate::app::Homeserver;
use crate::error::{InternalError, MatrixError};
use crate::identity::{IdentityError, Invitation, is_host_port, signed_json};
use crate::ids::{RoomId, RoomIdOrAlias, UserId};
use crate::rules;

refusals! {
    join_room::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, NOT_FOUND => NotFound, TOO_MANY_REQUESTS => TooManyRequests, BAD_GATEWAY => BadGateway }
    invite_user::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests }
    invite_by3_pid::Response { BAD_REQUEST => BadRequest, FORBIDDEN => Forbidden, TOO_MANY_REQUESTS => TooManyRequests, BAD_GATEWAY => BadGateway }
}

impl Homeserver {
    /// The room ID a join names, resolving a local alias (J4-J6). No alias of another
    /// server resolves, and nothing leaves this server to try.
    async fn join_target(&self, raw: &str) -> Result<String, Failure> {
        match RoomIdOrAlias::parse(raw) {
            Err(e) => Err(MatrixError::bad_request(
                "M_UNKNOWN",
                format!("Invalid room ID or alias: {e}"),
            )
            .into()),
            Ok(RoomIdOrAlias::Id(id)) => Ok(id.to_string()),
            Ok(RoomIdOrAlias::Alias(alias)) => {
                let found = if alias.domain() == self.server_name() {
                    self.store.resolve_alias(alias.as_str()).await?
                } else {
                    None
                };
                found.ok_or_else(|| {
                    MatrixError::not_found(format!("Room alias {alias} not found")).into()
                })
            }
        }
    }

    async fn join(
        &self,
        user: UserId,
        request: join_room::Request,
    ) -> Result<join_room::Response, Failure> {
        let room_id = self.join_target(&request.room_id).await?;
        self.limits.check(user.as_str())?;
        let proof = match &request.body {
            Some(body) => self.third_party_proof(&room_id, &user, body).await?,
            None => None,
        };
        let token = proof.as_ref().map(|proof| proof.token.clone());
        let decided = self
            .store
            .change_room(&room_id, &user, &user, token.as_deref(), {
                let user = user.clone();
                move |room| rules::join(room, &user, Map::new(), proof.as_ref())
            })
            .await?;
        decided?;
        Ok(join_room::Response::Ok(join_room::JoinedRoom {
            room_id,
            additional_properties: Map::new(),
        }))
    }

    /// Checks a join's third-party proof (section 3, step 7; J12-J12c), but only when it
    /// could decide the join: for a public room, or a user already invited, the proof is
    /// ignored and nothing is fetched (scenario 35). Every local check runs first; the one
    /// outbound request goes to the `key_validity_url` the room stored, on the allow-list.
    async fn third_party_proof(
        &self,
        room_id: &str,
        user: &UserId,
        body: &join_room::JoinRequest,
    ) -> Result<Option<rules::ThirdPartyProof>, Failure> {
        // SYN15 took a proof only when all five keys were present.
        let (Some(token), Some(public_key), Some(key_validity_url), Some(sender), Some(signed)) = (
            &body.token,
            &body.public_key,
            &body.key_validity_url,
            &body.sender,
            &body.signed,
        ) else {
            return Ok(None);
        };
        let room = self
            .store
            .snapshot(room_id, user, user, Some(token))
            .await?;
        if !room.proof_would_decide() {
            return Ok(None);
        }
        let not_invited = || MatrixError::forbidden("You are not invited to this room.");
        if !room.third_party_invite_matches(public_key, key_validity_url)
            || signed.mxid != user.as_str()
            || signed.token != *token
        {
            return Err(not_invited().into());
        }
        let signed = serde_json::to_value(signed).map_err(|e| InternalError(e.into()))?;
        let verified = signed_json::public_key(public_key)
            .zip(signed.as_object())
            .is_some_and(|(key, signed)| signed_json::verify_any(signed, &key));
        if !verified {
            return Err(not_invited().into());
        }
        // The URL as the room stored it (equal to the body's, checked above).
        let stored_url = room
            .third_party_invite
            .as_ref()
            .and_then(|invite| invite.get("key_validity_url"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(server) = self.identity.for_url(stored_url) else {
            return Err(MatrixError::forbidden(
                "The identity server of this invite is not trusted.",
            )
            .into());
        };
        match server.key_is_valid(stored_url, public_key).await {
            Ok(true) => {}
            Ok(false) => {
                return Err(MatrixError::forbidden("Third party certificate was invalid").into());
            }
            Err(error) => return Err(identity_failure(server.id_server(), &error).into()),
        }
        Ok(Some(rules::ThirdPartyProof {
            token: token.clone(),
            public_key: public_key.clone(),
            key_validity_url: key_validity_url.clone(),
            content: json!({
                "token": token,
                "public_key": public_key,
                "key_validity_url": key_validity_url,
                "sender": sender,
                "signed": signed,
            }),
        }))
    }

    async fn invite(
        &self,
        inviter: UserId,
        request: invite_user::Request,
    ) -> Result<invite_user::Response, Failure> {
        let room = room_id(&request.room_id)?;
        let invitee = user_id(&request.body.user_id)?;
        self.limits.check(inviter.as_str())?;
        self.invite_member(&room, &inviter, &invitee).await?;
        Ok(invite_user::Response::Ok(empty()))
    }

    /// I8-I16: appends the invitee's `m.room.member` invite if the rules allow it.
    async fn invite_member(
        &self,
        room: &RoomId,
        inviter: &UserId,
        invitee: &UserId,
    ) -> Result<(), Failure> {
        let server = self.server_name().to_string();
        let decided = self
            .store
            .change_membership(room.as_str(), inviter, invitee, {
                let (inviter, invitee) = (inviter.clone(), invitee.clone());
                move |state| rules::invite(state, &inviter, &invitee, &server)
            })
            .await?;
        decided?;
        Ok(())
    }

    /// Section 2.3, T2-T16, in the contract's order: every local check before any request
    /// to the identity server, and only to one on the allow-list.
    async fn invite_third_party(
        &self,
        inviter: UserId,
        request: invite_by3_pid::Request,
    ) -> Result<invite_by3_pid::Response, Failure> {
        let body = &request.body;
        // T3-T6: the body's values, then the room ID, then the identity server's syntax.
        for (key, value) in [
            ("id_server", &body.id_server),
            ("medium", &body.medium),
            ("address", &body.address),
            ("display_name", &body.display_name),
        ] {
            if value.is_empty() {
                return Err(MatrixError::bad_request(
                    "M_BAD_JSON",
                    format!("`{key}` must not be empty"),
                )
                .into());
            }
        }
        if body.medium != "email" {
            return Err(MatrixError::bad_request("M_BAD_JSON", "Unsupported medium").into());
        }
        let room = room_id(&request.room_id)?;
        if !is_host_port(&body.id_server) {
            return Err(
                MatrixError::bad_request("M_BAD_JSON", "`id_server` must be host[:port]").into(),
            );
        }
        // T16 (decision 6: off unless configured).
        if self.config.refuse_display_names_revealing_address
            && body
                .display_name
                .to_lowercase()
                .contains(&body.address.to_lowercase())
        {
            return Err(MatrixError::bad_request(
                "M_BAD_JSON",
                "display_name must not reveal the address",
            )
            .into());
        }
        // T7, decision 7: only identity servers on the allow-list are ever contacted.
        if self.identity.is_empty() {
            return Err(MatrixError::forbidden_code(
                "M_SERVER_NOT_TRUSTED",
                "This server does not make third-party invites.",
            )
            .into());
        }
        let Some(server) = self.identity.get(&body.id_server) else {
            return Err(MatrixError::forbidden("Identity server not trusted").into());
        };
        // T8-T10.
        self.limits.check(inviter.as_str())?;
        let state = self
            .store
            .snapshot(room.as_str(), &inviter, &inviter, None)
            .await?;
        rules::may_invite(&state, &inviter)?;

        let (token, public_key) = match server
            .invite(&body.medium, &body.address, room.as_str(), inviter.as_str())
            .await
        {
            Ok(Invitation::Bound(invitee)) => {
                self.invite_member(&room, &inviter, &invitee).await?;
                return Ok(invite_by3_pid::Response::Ok(empty()));
            }
            Ok(Invitation::Stored { token, public_key }) => (token, public_key),
            Err(error) => return Err(identity_failure(server.id_server(), &error).into()),
        };
        // T13: the invite event, if the inviter still may invite now that we hold the lock.
        let content = json!({
            "display_name": body.display_name,
            "public_key": public_key,
            "key_validity_url": server.key_validity_url(),
        });
        let decided = self
            .store
            .change_room(room.as_str(), &inviter, &inviter, Some(&token), {
                let (inviter, token) = (inviter.clone(), token.clone());
                move |state| rules::third_party_invite(state, &inviter, &token, content)
            })
            .await?;
        decided?;
        Ok(invite_by3_pid::Response::Ok(empty()))
    }
}

/// T11, T14, J12c: the identity server failed us. The client learns only that (502); what
/// went wrong is logged, without the address.
fn identity_failure(id_server: &str, error: &IdentityError) -> MatrixError {
    tracing::warn!(id_server, %error, "identity server error");
    MatrixError::new(
        StatusCode::BAD_GATEWAY,
        "M_UNKNOWN",
        "Identity server error",
    )
}

impl MembershipApi for Homeserver {
    async fn join_room(
        &self,
        principal: UserId,
        request: join_room::Request,
    ) -> Result<join_room::Response, InternalError> {
        finish(self.join(principal, request).await)
    }

    async fn invite_user(
        &self,
        principal: UserId,
        request: invite_user::Request,
    ) -> Result<invite_user::Response, InternalError> {
        finish(self.invite(principal, request).await)
    }

    async fn invite_by3_pid(
        &self,
        principal: UserId,
        request: invite_by3_pid::Request,
    ) -> Result<invite_by3_pid::Response, InternalError> {
        finish(self.invite_third_party(principal, request).await)
    }
}
