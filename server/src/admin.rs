//! The administrator's commands (`server user …`, `server room …`) over a [`Store`]: what
//! they do, how they fail (each failure with its exit code), and how their answers print,
//! as a table for people or as JSON for scripts. They work while servers run on the same
//! database: every change is an ordinary write, and a deactivated user leaves their rooms
//! through the same rule as any leave.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::Forbidden;
use crate::ids::{RoomAlias, RoomId, UserId};
use crate::rules::{self, Roles, UnreadableState};
use crate::storage::db::DbError;
use crate::storage::{Member, RoomSummary, Store, UserSummary};

/// Exit codes of the `server` commands (README, "Administering").
pub mod exit {
    /// Done.
    pub const OK: u8 = 0;
    /// Something failed: the database could not be reached, a write did not commit, a
    /// setting is invalid.
    pub const FAILED: u8 = 1;
    /// The command line could not be read (clap's own code).
    pub const USAGE: u8 = 2;
    /// The user, room or alias named does not exist.
    pub const NOT_FOUND: u8 = 3;
    /// Refused as asked: the user exists already, a name is malformed, the passwords
    /// differ.
    pub const REFUSED: u8 = 4;
}

/// A command's failure the caller can act on, with its own exit code; anything else is a
/// plain failure ([`exit::FAILED`]).
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Refused(String),
}

impl AdminError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AdminError::NotFound(_) => exit::NOT_FOUND,
            AdminError::Refused(_) => exit::REFUSED,
        }
    }
}

/// The exit code for an error a command returned.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    error
        .downcast_ref::<AdminError>()
        .map_or(exit::FAILED, AdminError::exit_code)
}

/// How answers print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// A user ID of this server, from a localpart (`bob`) or a full ID (`@bob:server`).
pub fn local_user(name: &str, server_name: &str) -> Result<UserId, AdminError> {
    let full = if name.starts_with('@') {
        name.to_string()
    } else {
        format!("@{name}:{server_name}")
    };
    let user = UserId::parse_existing(&full)
        .map_err(|e| AdminError::Refused(format!("{name:?} is not a user: {e}")))?;
    if user.domain() != server_name {
        return Err(AdminError::Refused(format!(
            "{user} belongs to {}, not to this server ({server_name})",
            user.domain()
        )));
    }
    Ok(user)
}

/// An existing account, or [`AdminError::NotFound`].
async fn existing(store: &Store, user: &UserId) -> anyhow::Result<UserSummary> {
    store
        .user(user)
        .await
        .map_err(|e| e.0)?
        .ok_or_else(|| AdminError::NotFound(format!("there is no user {user}")).into())
}

/// `user list`.
pub async fn list_users(
    store: &Store,
    deactivated_only: bool,
    format: Format,
) -> anyhow::Result<String> {
    let users = store.users(deactivated_only).await.map_err(|e| e.0)?;
    Ok(match format {
        Format::Json => json(&users),
        Format::Table => table(
            &["USER", "CREATED", "STATUS", "SESSIONS"],
            users.iter().map(|user| {
                vec![
                    user.user_id.clone(),
                    timestamp(user.created_ts),
                    match user.deactivated_ts {
                        Some(ts) => format!("deactivated {}", timestamp(ts)),
                        None => "active".into(),
                    },
                    user.tokens.to_string(),
                ]
            }),
        ),
    })
}

/// `user passwd`: replaces the password hash of an existing account. Sessions stay.
pub async fn set_password(store: &Store, user: &UserId, hash: &str) -> anyhow::Result<()> {
    existing(store, user).await?;
    if !store.set_password(user, hash).await.map_err(|e| e.0)? {
        return Err(AdminError::NotFound(format!("there is no user {user}")).into());
    }
    Ok(())
}

/// `user tokens revoke`: how many tokens were deleted.
pub async fn revoke_tokens(store: &Store, user: &UserId) -> anyhow::Result<u64> {
    store
        .revoke_tokens(user)
        .await
        .map_err(|e| e.0)?
        .ok_or_else(|| AdminError::NotFound(format!("there is no user {user}")).into())
}

/// What a deactivation did.
#[derive(Debug, Serialize)]
pub struct Deactivated {
    pub user_id: String,
    pub tokens_revoked: u64,
    /// The rooms left (or whose invites were rejected).
    pub rooms_left: Vec<String>,
    /// Rooms the leave rule refused, with its reason.
    pub rooms_not_left: Vec<(String, String)>,
}

/// Why the leave rule refused, or a failure.
enum LeaveError {
    Refused(String),
    Failed(anyhow::Error),
}

impl From<Forbidden> for LeaveError {
    fn from(refusal: Forbidden) -> Self {
        LeaveError::Refused(refusal.body().error.clone().unwrap_or_default())
    }
}

impl From<DbError> for LeaveError {
    fn from(error: DbError) -> Self {
        LeaveError::Failed(error.into())
    }
}

impl From<UnreadableState> for LeaveError {
    fn from(error: UnreadableState) -> Self {
        LeaveError::Failed(error.into())
    }
}

/// `user deactivate`: the account can no longer log in and loses every token (one write),
/// then leaves every room it joined or was invited to, each through the leave rule under
/// the room's lock, as if it had asked (docs/membership.md, "Leave").
pub async fn deactivate(store: &Store, user: &UserId) -> anyhow::Result<Deactivated> {
    let tokens_revoked = store
        .deactivate_user(user)
        .await
        .map_err(|e| e.0)?
        .ok_or_else(|| AdminError::NotFound(format!("there is no user {user}")))?;
    let mut done = Deactivated {
        user_id: user.to_string(),
        tokens_revoked,
        rooms_left: Vec::new(),
        rooms_not_left: Vec::new(),
    };
    for room in store.rooms_to_leave(user).await.map_err(|e| e.0)? {
        let (room_id, leaver) = (room.clone(), user.clone());
        let left =
            crate::api::change_room::<LeaveError>(store, &room, Roles::own(user), move |state| {
                Ok(rules::leave(state, &room_id, &leaver)?)
            })
            .await;
        match left {
            Ok(_) => done.rooms_left.push(room.to_string()),
            Err(LeaveError::Refused(why)) => done.rooms_not_left.push((room.to_string(), why)),
            Err(LeaveError::Failed(error)) => {
                return Err(error.context(format!("cannot leave {room} for {user}")));
            }
        }
    }
    Ok(done)
}

/// `room list`.
pub async fn list_rooms(store: &Store, format: Format) -> anyhow::Result<String> {
    let rooms = store.rooms().await.map_err(|e| e.0)?;
    Ok(match format {
        Format::Json => json(&rooms),
        Format::Table => table(
            &[
                "ROOM", "CREATOR", "JOINED", "INVITED", "LEFT", "BANNED", "ALIASES",
            ],
            rooms.iter().map(|room| {
                let count = |m: &str| room.members.get(m).copied().unwrap_or(0).to_string();
                vec![
                    room.room_id.clone(),
                    room.creator.clone(),
                    count("join"),
                    count("invite"),
                    count("leave"),
                    count("ban"),
                    room.aliases.join(" "),
                ]
            }),
        ),
    })
}

/// What `room show` prints.
#[derive(Debug, Serialize)]
pub struct RoomDetails {
    #[serde(flatten)]
    pub summary: RoomSummary,
    /// The current state's non-member events: type, state key, content.
    pub state: Vec<serde_json::Value>,
    pub members: Vec<Member>,
}

/// A room ID, or an alias resolved to one.
async fn room_named(store: &Store, name: &str) -> anyhow::Result<RoomId> {
    if name.starts_with('#') {
        let alias = RoomAlias::parse(name)
            .map_err(|e| AdminError::Refused(format!("{name:?} is not a room alias: {e}")))?;
        return store
            .resolve_alias(&alias)
            .await
            .map_err(|e| e.0)?
            .ok_or_else(|| AdminError::NotFound(format!("there is no alias {alias}")).into());
    }
    RoomId::parse(name)
        .map_err(|e| AdminError::Refused(format!("{name:?} is not a room ID: {e}")).into())
}

/// `room show`: the room's summary, its state (members apart) and its members.
pub async fn show_room(store: &Store, name: &str, format: Format) -> anyhow::Result<String> {
    let room = room_named(store, name).await?;
    let Some((summary, members)) = store.room(&room).await.map_err(|e| e.0)? else {
        return Err(AdminError::NotFound(format!("there is no room {room}")).into());
    };
    let state: Vec<serde_json::Value> = store
        .state(&room, None)
        .await
        .map_err(|e| e.0)?
        .into_iter()
        .filter(|event| event.event_type != "m.room.member")
        .map(|event| {
            serde_json::json!({
                "type": event.event_type,
                "state_key": event.state_key.unwrap_or_default(),
                "sender": event.sender,
                "content": event.content,
            })
        })
        .collect();
    let details = RoomDetails {
        summary,
        state,
        members,
    };
    Ok(match format {
        Format::Json => json(&details),
        Format::Table => {
            let mut out = String::new();
            let summary = &details.summary;
            let counts: Vec<String> = summary
                .members
                .iter()
                .map(|(membership, count)| format!("{count} {membership}"))
                .collect();
            let _ = writeln!(out, "room:     {}", summary.room_id);
            let _ = writeln!(out, "creator:  {}", summary.creator);
            let _ = writeln!(
                out,
                "aliases:  {}",
                none_if_empty(&summary.aliases.join(" "))
            );
            let _ = writeln!(out, "members:  {}", none_if_empty(&counts.join(", ")));
            out.push('\n');
            out.push_str(&table(
                &["STATE", "KEY", "CONTENT"],
                details.state.iter().map(|event| {
                    vec![
                        event["type"].as_str().unwrap_or_default().to_string(),
                        event["state_key"].as_str().unwrap_or_default().to_string(),
                        event["content"].to_string(),
                    ]
                }),
            ));
            out.push('\n');
            out.push_str(&table(
                &["MEMBER", "MEMBERSHIP"],
                details
                    .members
                    .iter()
                    .map(|m| vec![m.user_id.clone(), m.membership.clone()]),
            ));
            out
        }
    })
}

/// `room delete-alias`.
pub async fn delete_alias(store: &Store, alias: &str) -> anyhow::Result<()> {
    let parsed = RoomAlias::parse(alias)
        .map_err(|e| AdminError::Refused(format!("{alias:?} is not a room alias: {e}")))?;
    if !store.delete_alias(&parsed).await.map_err(|e| e.0)? {
        return Err(AdminError::NotFound(format!("there is no alias {parsed}")).into());
    }
    Ok(())
}

fn none_if_empty(text: &str) -> &str {
    if text.is_empty() { "(none)" } else { text }
}

fn json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    text.push('\n');
    text
}

/// Columns padded to their widest cell, under a header.
fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let rows: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows)
        .collect();
    let mut widths = vec![0; header.len()];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:width$}  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Milliseconds since the epoch as `YYYY-MM-DD HH:MM:SS` UTC.
fn timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_utc() {
        assert_eq!(timestamp(0), "1970-01-01 00:00:00");
        assert_eq!(timestamp(1_795_000_000_000), "2026-11-18 11:06:40");
        assert_eq!(timestamp(951_782_400_000), "2000-02-29 00:00:00");
    }

    #[test]
    fn tables_pad_every_column_but_the_last() {
        let text = table(
            &["A", "BB"],
            [vec!["long".to_string(), "x".to_string()]].into_iter(),
        );
        assert_eq!(text, "A     BB\nlong  x\n");
    }

    #[test]
    fn users_are_this_servers() {
        assert_eq!(local_user("bob", "hs").unwrap().to_string(), "@bob:hs");
        assert_eq!(local_user("@bob:hs", "hs").unwrap().to_string(), "@bob:hs");
        assert!(matches!(
            local_user("@bob:other", "hs"),
            Err(AdminError::Refused(_))
        ));
    }
}
