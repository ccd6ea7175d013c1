//! Join (with the `/join/{roomId}` alias), invite by user ID, invite by third-party ID
//! (docs/membership.md, "Join", "Invite", "Third-party invites").

use generated::membership::{MembershipApi, invite_by3_pid, invite_user, join_room};
use generated::schemas::{SignedProof, ThirdPartyInviteContent, ThirdPartyProof};

use super::{room_id, user_id};
use crate::app::Homeserver;
use crate::error::{
    BadGateway, BadRequest, Forbidden, NotFound, bad_request, forbidden, matrix_error, not_found,
};
use crate::identity::{IdentityError, Invitation, is_host_port};
use crate::ids::{RoomId, RoomIdOrAlias, UserId};
use crate::rules::{self, Roles};

impl Homeserver {
    /// The room ID a join names, resolving a local alias. No alias of another server
    /// resolves, and nothing leaves this server to try.
    async fn join_target<E>(&self, raw: &str) -> Result<RoomId, E>
    where
        E: From<BadRequest> + From<NotFound> + From<crate::error::InternalError>,
    {
        let target = RoomIdOrAlias::parse(raw).map_err(|e| {
            bad_request(
                "M_UNKNOWN",
                format!("Invalid room ID or alias {raw:?}: {e}."),
            )
        })?;
        match target {
            RoomIdOrAlias::Id(id) => Ok(id),
            RoomIdOrAlias::Alias(alias) => {
                let found = if alias.domain() == self.server_name() {
                    self.store.resolve_alias(&alias).await?
                } else {
                    None
                };
                Ok(found.ok_or_else(|| not_found(format!("Room alias {alias} not found.")))?)
            }
        }
    }

    /// A join's third-party proof, when its body carries all five keys.
    fn proof_of(body: &join_room::JoinRequest) -> Option<ThirdPartyProof> {
        let (Some(token), Some(public_key), Some(key_validity_url), Some(sender), Some(signed)) = (
            &body.token,
            &body.public_key,
            &body.key_validity_url,
            &body.sender,
            &body.signed,
        ) else {
            return None;
        };
        let mut signatures = generated::runtime::JsonObject::new();
        for (server, keys) in &signed.signatures {
            let keys = keys
                .iter()
                .map(|(id, signature)| (id.clone(), signature.clone().into()))
                .collect();
            signatures.insert(server.clone(), serde_json::Value::Object(keys));
        }
        let mut signed_proof =
            SignedProof::new(signed.mxid.clone(), signed.token.clone(), signatures);
        signed_proof.additional_properties = signed.additional_properties.clone();
        Some(ThirdPartyProof::new(
            token.clone(),
            key_validity_url.clone(),
            public_key.clone(),
            signed_proof,
            sender.clone(),
        ))
    }

    /// Checks a join's third-party proof, but only when it could decide the join: for a
    /// public room, or a user already invited, the proof is ignored and nothing is fetched.
    /// Every local check runs first; the one outbound request goes to the
    /// `key_validity_url` the room stored, on the allow-list.
    async fn check_third_party_proof(
        &self,
        room: &RoomId,
        user: &UserId,
        proof: ThirdPartyProof,
    ) -> Result<Option<ThirdPartyProof>, join_room::Error> {
        let roles = Roles {
            third_party_token: Some(&proof.token),
            ..Roles::own(user)
        };
        let snapshot = self.snapshot::<join_room::Error>(room, roles).await?;
        if !snapshot.proof_would_decide() {
            return Ok(None);
        }
        rules::check_proof(&snapshot, user, &proof)?;
        // The URL as the room stored it (equal to the proof's, checked above), and only if it
        // is exactly the `pubkey/isvalid` endpoint of an identity server on the list (D14).
        let Some(server) = self
            .identity
            .for_url(&proof.key_validity_url)
            .filter(|server| server.key_validity_url() == proof.key_validity_url)
        else {
            return Err(forbidden(format!(
                "The identity server of the third-party invite {} is not trusted by this server.",
                proof.token
            ))
            .into());
        };
        match server
            .key_is_valid(&proof.key_validity_url, &proof.public_key)
            .await
        {
            Ok(true) => Ok(Some(proof)),
            Ok(false) => Err(forbidden(format!(
                "The identity server says the key of the third-party invite {} is no longer valid.",
                proof.token
            ))
            .into()),
            Err(error) => Err(identity_failure(server.id_server(), &error).into()),
        }
    }

    /// Appends the invitee's `m.room.member` invite if the rules allow it.
    async fn invite_member<E>(
        &self,
        room: &RoomId,
        inviter: &UserId,
        invitee: &UserId,
    ) -> Result<(), E>
    where
        E: From<Forbidden>
            + From<crate::storage::db::DbError>
            + From<rules::UnreadableState>
            + Send
            + 'static,
    {
        let server = self.server_name().to_string();
        let (room_id, inviter_id, invitee_id) = (room.clone(), inviter.clone(), invitee.clone());
        self.change_room::<E>(room, Roles::inviting(inviter, invitee), move |state| {
            Ok(rules::invite(
                state,
                &room_id,
                &inviter_id,
                &invitee_id,
                &server,
            )?)
        })
        .await?;
        Ok(())
    }
}

/// The identity server failed us. The client learns only that (502); what went wrong is
/// logged, without the address.
fn identity_failure(id_server: &str, error: &IdentityError) -> BadGateway {
    tracing::warn!(id_server, %error, "identity server error");
    matrix_error(
        "M_UNKNOWN",
        format!("The identity server {id_server} could not be used; try again later."),
    )
}

impl MembershipApi for Homeserver {
    async fn join_room(
        &self,
        user: UserId,
        request: join_room::Request,
    ) -> Result<join_room::Response, join_room::Error> {
        let room = self
            .join_target::<join_room::Error>(&request.room_id)
            .await?;
        self.limits.check(user.as_str())?;
        // Boxed: the proof's check (with its call to an identity server) is two thirds of
        // a join's future, which every join would otherwise carry and copy.
        let proof = match request.body.as_ref().and_then(Self::proof_of) {
            Some(proof) => Box::pin(self.check_third_party_proof(&room, &user, proof)).await?,
            None => None,
        };
        let token = proof.as_ref().map(|p| p.token.clone());
        let roles = Roles {
            third_party_token: token.as_deref(),
            ..Roles::own(&user)
        };
        let (room_id, joiner) = (room.clone(), user.clone());
        self.change_room::<join_room::Error>(&room, roles, move |state| {
            rules::join(state, &room_id, &joiner, proof.as_ref())
        })
        .await?;
        Ok(join_room::Response::new(room.to_string()))
    }

    async fn invite_user(
        &self,
        inviter: UserId,
        request: invite_user::Request,
    ) -> Result<invite_user::Response, invite_user::Error> {
        let room = room_id(&request.room_id)?;
        let invitee = user_id("user_id", &request.body.user_id)?;
        self.limits.check(inviter.as_str())?;
        self.invite_member::<invite_user::Error>(&room, &inviter, &invitee)
            .await?;
        Ok(invite_user::Response::new())
    }

    /// Every local check before any request to the identity server, and only to one on the
    /// allow-list.
    async fn invite_by3_pid(
        &self,
        inviter: UserId,
        request: invite_by3_pid::Request,
    ) -> Result<invite_by3_pid::Response, invite_by3_pid::Error> {
        let body = &request.body;
        // The body's values, then the room ID, then the identity server's syntax.
        for (key, value) in [
            ("id_server", &body.id_server),
            ("medium", &body.medium),
            ("address", &body.address),
            ("display_name", &body.display_name),
        ] {
            if value.is_empty() {
                return Err(
                    bad_request("M_BAD_JSON", format!("`{key}` must not be empty.")).into(),
                );
            }
        }
        if body.medium != "email" {
            return Err(bad_request(
                "M_BAD_JSON",
                format!(
                    "Unsupported medium {:?}: only \"email\" is supported.",
                    body.medium
                ),
            )
            .into());
        }
        let room = room_id(&request.room_id)?;
        if !is_host_port(&body.id_server) {
            return Err(bad_request(
                "M_BAD_JSON",
                format!("`id_server` must be host[:port], not {:?}.", body.id_server),
            )
            .into());
        }
        // Decision 6: off unless configured.
        if self.config.refuse_display_names_revealing_address
            && body
                .display_name
                .to_lowercase()
                .contains(&body.address.to_lowercase())
        {
            return Err(bad_request(
                "M_BAD_JSON",
                "`display_name` must not reveal the address being invited.",
            )
            .into());
        }
        // Decision 7: only identity servers on the allow-list are ever contacted.
        if self.identity.is_empty() {
            return Err(crate::error::matrix_error::<403>(
                "M_SERVER_NOT_TRUSTED",
                "This server does not make third-party invites.",
            )
            .into());
        }
        let Some(server) = self.identity.get(&body.id_server) else {
            return Err(forbidden(format!(
                "Identity server {} is not trusted by this server.",
                body.id_server
            ))
            .into());
        };
        self.limits.check(inviter.as_str())?;
        let state = self
            .snapshot::<invite_by3_pid::Error>(&room, Roles::own(&inviter))
            .await?;
        rules::may_invite(&state, &room, &inviter)?;

        let (token, public_key) = match server
            .invite(&body.medium, &body.address, room.as_str(), inviter.as_str())
            .await
        {
            Ok(Invitation::Bound(invitee)) => {
                self.invite_member::<invite_by3_pid::Error>(&room, &inviter, &invitee)
                    .await?;
                return Ok(invite_by3_pid::Response::new());
            }
            Ok(Invitation::Stored { token, public_key }) => (token, public_key),
            Err(error) => return Err(identity_failure(server.id_server(), &error).into()),
        };
        // The invite event, if the inviter still may invite now that we hold the lock.
        let content = ThirdPartyInviteContent::new(
            body.display_name.clone(),
            server.key_validity_url(),
            public_key,
        );
        let (room_id, inviter_id) = (room.clone(), inviter.clone());
        self.change_room(&room, Roles::own(&inviter), move |state| {
            Ok::<_, invite_by3_pid::Error>(rules::third_party_invite(
                state,
                &room_id,
                &inviter_id,
                &token,
                content.clone(),
            )?)
        })
        .await?;
        Ok(invite_by3_pid::Response::new())
    }
}
