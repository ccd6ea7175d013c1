//! What `server user …` and `server room …` read and change: accounts listed, passwords
//! replaced, tokens revoked, accounts deactivated, rooms summarised, aliases removed. The
//! membership changes a deactivation makes go through the rules like any leave
//! (`crate::admin`); here are only the reads and writes.

use std::collections::BTreeMap;

use super::db::{Conn, DbError, params};
use super::{Engine, Store, now_ms};
use crate::error::InternalError;
use crate::ids::{RoomId, UserId};

/// One account, as `user list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UserSummary {
    pub user_id: String,
    /// Milliseconds since the Unix epoch.
    pub created_ts: i64,
    /// When the account was deactivated, if it was.
    pub deactivated_ts: Option<i64>,
    /// Sessions (access tokens) the account holds.
    pub tokens: i64,
}

/// One room, as `room list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RoomSummary {
    pub room_id: String,
    pub creator: String,
    pub aliases: Vec<String>,
    /// Members by membership (`join`, `invite`, `leave`, `ban`).
    pub members: BTreeMap<String, i64>,
}

/// A member of a room and their membership.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub user_id: String,
    pub membership: String,
}

const USER_COLUMNS: &str = "u.user_id, u.created_ts, u.deactivated_ts,
    (SELECT COUNT(*) FROM tokens t WHERE t.user_id = u.user_id)";

fn user_summary(row: &super::db::Row<'_>) -> Result<UserSummary, DbError> {
    Ok(UserSummary {
        user_id: row.string(0)?,
        created_ts: row.int(1)?,
        deactivated_ts: row.opt_int(2)?,
        tokens: row.int(3)?,
    })
}

impl Store {
    /// Every account (only the deactivated ones with `deactivated_only`), by ID.
    pub async fn users(&self, deactivated_only: bool) -> Result<Vec<UserSummary>, InternalError> {
        let filter = if deactivated_only {
            "WHERE u.deactivated_ts IS NOT NULL"
        } else {
            ""
        };
        Ok(self
            .read(move |db: &mut dyn Conn| {
                db.query(
                    &format!("SELECT {USER_COLUMNS} FROM users u {filter} ORDER BY u.user_id"),
                    &[],
                    user_summary,
                )
            })
            .await?)
    }

    /// One account, if it exists.
    pub async fn user(&self, user: &UserId) -> Result<Option<UserSummary>, InternalError> {
        let user = user.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| {
                db.query_opt(
                    &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.user_id = $1"),
                    params![&user],
                    user_summary,
                )
            })
            .await?)
    }

    /// Replaces an account's password hash; `false` when there is no such account.
    pub async fn set_password(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<bool, InternalError> {
        let (user, hash) = (user.to_string(), password_hash.to_string());
        Ok(self
            .write(move |db: &mut dyn Conn| {
                db.execute(
                    "UPDATE users SET password_hash = $1 WHERE user_id = $2",
                    params![&hash, &user],
                )
            })
            .await?
            == 1)
    }

    /// Deletes every token of an account (access and refresh alike); how many, or `None`
    /// when there is no such account. Other processes that remember a token stop accepting
    /// it within their token cache's lifetime.
    pub async fn revoke_tokens(&self, user: &UserId) -> Result<Option<u64>, InternalError> {
        self.revoke(user, false).await
    }

    /// Deactivates an account: it can no longer log in, and every token it holds is
    /// deleted in the same write. How many tokens, or `None` when there is no such account.
    /// Leaving its rooms is the caller's (through the rules, as any leave).
    pub async fn deactivate_user(&self, user: &UserId) -> Result<Option<u64>, InternalError> {
        self.revoke(user, true).await
    }

    async fn revoke(&self, user: &UserId, deactivate: bool) -> Result<Option<u64>, InternalError> {
        let user = user.to_string();
        let revoked = self
            .write(move |db: &mut dyn Conn| -> Result<_, DbError> {
                let exists = db
                    .query_opt(
                        "SELECT user_id FROM users WHERE user_id = $1",
                        params![&user],
                        |row| row.string(0),
                    )?
                    .is_some();
                if !exists {
                    return Ok(None);
                }
                if deactivate {
                    db.execute(
                        "UPDATE users SET deactivated_ts = $1 WHERE user_id = $2 AND deactivated_ts IS NULL",
                        params![now_ms(), &user],
                    )?;
                }
                let hashes = db.query(
                    "DELETE FROM tokens WHERE user_id = $1 RETURNING access_hash",
                    params![&user],
                    |row| row.bytes(0),
                )?;
                Ok(Some(hashes))
            })
            .await?;
        if let (Engine::Sqlite(db), Some(hashes)) = (&self.engine, &revoked) {
            for hash in hashes {
                db.tokens.forget(hash);
            }
        }
        Ok(revoked.map(|hashes| hashes.len() as u64))
    }

    /// The rooms where the user's membership is `join` or `invite`, by room ID.
    pub async fn rooms_to_leave(&self, user: &UserId) -> Result<Vec<RoomId>, InternalError> {
        let user = user.to_string();
        let rooms = self
            .read(move |db: &mut dyn Conn| {
                db.query(
                    "SELECT room_id FROM current_state
                     WHERE type = 'm.room.member' AND state_key = $1 AND membership IN ('join', 'invite')
                     ORDER BY room_id",
                    params![&user],
                    |row| row.string(0),
                )
            })
            .await?;
        rooms
            .iter()
            .map(|id| RoomId::parse(id).map_err(|e| InternalError(e.into())))
            .collect()
    }

    /// The connection pool: connections held and how many are idle (SQLite: the readers).
    pub fn pool_state(&self) -> (u32, u32) {
        match &self.engine {
            Engine::Sqlite(db) => db.pool_state(),
            Engine::Postgres(db) => db.pool_state(),
        }
    }

    /// Whether the database answers a query (readiness).
    pub async fn ping(&self) -> Result<(), InternalError> {
        self.read(|db: &mut dyn Conn| db.query_one("SELECT 'ok'", &[], |row| row.string(0)))
            .await?;
        Ok(())
    }

    /// Every room with its creator, aliases and member counts, by room ID.
    pub async fn rooms(&self) -> Result<Vec<RoomSummary>, InternalError> {
        Ok(self.read(|db: &mut dyn Conn| summaries(db, None)).await?)
    }

    /// One room's summary and its members (by user ID), if the room exists.
    pub async fn room(
        &self,
        room: &RoomId,
    ) -> Result<Option<(RoomSummary, Vec<Member>)>, InternalError> {
        let room = room.to_string();
        Ok(self
            .read(move |db: &mut dyn Conn| -> Result<_, DbError> {
                let Some(summary) = summaries(db, Some(&room))?.into_iter().next() else {
                    return Ok(None);
                };
                let members = db.query(
                    "SELECT state_key, membership FROM current_state
                     WHERE room_id = $1 AND type = 'm.room.member' ORDER BY state_key",
                    params![&room],
                    |row| {
                        Ok(Member {
                            user_id: row.string(0)?,
                            membership: row.opt_string(1)?.unwrap_or_default(),
                        })
                    },
                )?;
                Ok(Some((summary, members)))
            })
            .await?)
    }
}

/// Summaries of every room, or of `only` that one.
fn summaries(db: &mut dyn Conn, only: Option<&str>) -> Result<Vec<RoomSummary>, DbError> {
    let (filter, params): (&str, &[super::db::Param<'_>]) = match &only {
        Some(room) => ("AND cs.room_id = $1", params![*room]),
        None => ("", &[]),
    };
    let mut rooms: BTreeMap<String, RoomSummary> = db
        .query(
            &format!(
                "SELECT cs.room_id, e.sender FROM current_state cs
                 JOIN events e ON e.stream_ordering = cs.stream_ordering
                 WHERE cs.type = 'm.room.create' AND cs.state_key = '' {filter}"
            ),
            params,
            |row| Ok((row.string(0)?, row.string(1)?)),
        )?
        .into_iter()
        .map(|(room_id, creator)| {
            let summary = RoomSummary {
                room_id: room_id.clone(),
                creator,
                aliases: Vec::new(),
                members: BTreeMap::new(),
            };
            (room_id, summary)
        })
        .collect();
    let counts = db.query(
        &format!(
            "SELECT cs.room_id, cs.membership, COUNT(*) FROM current_state cs
             WHERE cs.type = 'm.room.member' {filter} GROUP BY cs.room_id, cs.membership"
        ),
        params,
        |row| {
            Ok((
                row.string(0)?,
                row.opt_string(1)?.unwrap_or_default(),
                row.int(2)?,
            ))
        },
    )?;
    for (room, membership, count) in counts {
        if let Some(summary) = rooms.get_mut(&room) {
            summary.members.insert(membership, count);
        }
    }
    let alias_filter = if only.is_some() {
        "WHERE room_id = $1"
    } else {
        ""
    };
    let aliases = db.query(
        &format!("SELECT alias, room_id FROM room_aliases {alias_filter} ORDER BY alias"),
        params,
        |row| Ok((row.string(0)?, row.string(1)?)),
    )?;
    for (alias, room) in aliases {
        if let Some(summary) = rooms.get_mut(&room) {
            summary.aliases.push(alias);
        }
    }
    Ok(rooms.into_values().collect())
}
