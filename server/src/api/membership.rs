//! Join (with the `/join/{roomId}` alias), invite by user ID, invite by third-party ID:
//! membership-semantics.md sections 2.1-2.3, in their order of checks.

use generated::membership::{MembershipApi, invite_by3_pid, invite_user, join_room};
use serde_json::Map;

use super::{Failure, empty, finish, refusals, room_id, user_id};
use crate::app::Homeserver;
use crate::error::{InternalError, MatrixError};
use crate::ids::{RoomIdOrAlias, UserId};
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
        // A third-party proof (section 3, step 7) is checked only against an identity
        // server on the allow-list; with none configured no proof can hold, and nothing
        // from the body is ever fetched.
        let proof_ok = false;
        let decided = self
            .store
            .change_membership(&room_id, &user, &user, {
                let user = user.clone();
                move |room| rules::join(room, &user, Map::new(), proof_ok)
            })
            .await?;
        decided?;
        Ok(join_room::Response::Ok(join_room::JoinedRoom {
            room_id,
            additional_properties: Map::new(),
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
        let server = self.server_name().to_string();
        let decided = self
            .store
            .change_membership(room.as_str(), &inviter, &invitee, {
                let (inviter, invitee) = (inviter.clone(), invitee.clone());
                move |state| rules::invite(state, &inviter, &invitee, &server)
            })
            .await?;
        decided?;
        Ok(invite_user::Response::Ok(empty()))
    }

    async fn invite_third_party(
        &self,
        _inviter: UserId,
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
        room_id(&request.room_id)?;
        if !is_host_port(&body.id_server) {
            return Err(
                MatrixError::bad_request("M_BAD_JSON", "`id_server` must be host[:port]").into(),
            );
        }
        // T7, decision 7: only identity servers on an allow-list are ever contacted. Until
        // identity-server support lands the list is empty, so no request leaves the server.
        Err(
            MatrixError::forbidden_code("M_SERVER_NOT_TRUSTED", "Identity server not trusted")
                .into(),
        )
    }
}

/// `host[:port]` and nothing else (T6): no scheme, path, userinfo, query or whitespace.
fn is_host_port(value: &str) -> bool {
    let (host, port) = match value.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, Some(port)),
        _ => (value, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
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

#[cfg(test)]
mod tests {
    use super::is_host_port;

    #[test]
    fn identity_servers_are_host_and_port_only() {
        for good in ["matrix.org", "is.example.org:8090", "127.0.0.1:8090"] {
            assert!(is_host_port(good), "{good}");
        }
        for bad in [
            "https://is.example",
            "evil.example/path",
            "a@b",
            "x y",
            "",
            "h:",
            "h:123456",
            "h?q",
        ] {
            assert!(!is_host_port(bad), "{bad}");
        }
    }
}
