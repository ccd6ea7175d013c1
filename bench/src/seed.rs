//! Seeding, done before anything is timed and straight through the server's own storage
//! boundary: users with tokens (one password hash for all: argon2 is deliberately slow), and
//! rooms already holding many members.

use generated::create_room::create_room::{RequestBody, RequestBodyPreset};
use generated::schemas::{MemberContent, Membership};
use server::credentials::{hash_password, token_hash};
use server::events::NewEvent;
use server::ids::{RoomId, UserId};
use server::storage::Store;

pub const SERVER_NAME: &str = "bench";

/// A user and the access token it was given.
#[derive(Clone)]
pub struct Account {
    pub user_id: String,
    pub token: String,
}

/// `alice` (who creates the rooms) and `count` users `u0`, `u1`, ... with tokens.
pub async fn accounts(store: &Store, count: usize) -> anyhow::Result<(Account, Vec<Account>)> {
    let hash = hash_password("bench")?;
    let make = async |localpart: String| -> anyhow::Result<Account> {
        let user = UserId::parse(&format!("@{localpart}:{SERVER_NAME}"))?;
        store.create_user(&user, &hash).await.map_err(|e| e.0)?;
        let token = format!("bench-{localpart}-{}", server::credentials::new_token());
        store
            .insert_tokens(
                &user,
                token_hash(&token),
                token_hash(&format!("{token}-refresh")),
            )
            .await
            .map_err(|e| e.0)?;
        Ok(Account {
            user_id: user.to_string(),
            token,
        })
    };
    let alice = make("alice".into()).await?;
    let mut users = Vec::with_capacity(count);
    for i in 0..count {
        users.push(make(format!("u{i}")).await?);
    }
    Ok((alice, users))
}

/// A public room created by alice (as `createRoom` with `public_chat` makes it) that already
/// has `members` other joined members, written in one transaction.
pub async fn populated_room(store: &Store, room_id: &str, members: usize) -> anyhow::Result<()> {
    let alice = UserId::parse(&format!("@alice:{SERVER_NAME}"))?;
    let mut request = RequestBody::new();
    request.preset = Some(RequestBodyPreset::PublicChat);
    let mut events = server::rules::new_room(&alice, SERVER_NAME, &request)
        .map_err(|e| anyhow::anyhow!("{:?}", e.body()))?
        .events;
    events.reserve(members);
    for i in 0..members {
        let member = UserId::parse(&format!(
            "@m{i}.{room_id_part}:{SERVER_NAME}",
            room_id_part = sanitize(room_id)
        ))?;
        events.push(NewEvent::member(
            member.as_str(),
            MemberContent::new(Membership::Join),
        ));
    }
    store
        .create_room(&RoomId::parse(room_id)?, &alice, events, None)
        .await
        .map_err(|e| e.0)?;
    Ok(())
}

/// A room ID's localpart, usable inside a user ID's localpart.
fn sanitize(room_id: &str) -> String {
    room_id
        .trim_start_matches('!')
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}
