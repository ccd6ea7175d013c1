//! Many clients racing join, invite, ban and leave on one room, in one server: afterwards
//! the state is one some serial order of the accepted requests produces.

use std::sync::Arc;

use serde_json::json;

use crate::harness::TestServer;
use crate::serial_order::{Answers, assert_serialisable};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_membership_changes_leave_a_consistent_room() {
    const USERS: usize = 12;
    let hs = TestServer::start().await;
    let alice = hs.user("alice").await;
    let mut tokens = Vec::new();
    for i in 0..USERS {
        tokens.push(hs.user(&format!("u{i}")).await);
    }
    let room = hs
        .create_room(&alice, json!({"preset": "private_chat"}))
        .await;
    let hs = Arc::new(hs);
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().cloned().enumerate() {
        let user = format!("@u{i}:hs.test");
        for round in 0..3 {
            let (hs, room, alice, token, user) = (
                hs.clone(),
                room.clone(),
                alice.clone(),
                token.clone(),
                user.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut log = Vec::new();
                let invite = hs.invite(&alice, &room, &user).await;
                log.push(("invite", invite.status.as_u16()));
                let join = hs.join(&token, &room).await;
                log.push(("join", join.status.as_u16()));
                if (i + round) % 3 == 0 {
                    log.push(("ban", hs.ban(&alice, &room, &user).await.status.as_u16()));
                } else if (i + round) % 3 == 1 {
                    log.push(("leave", hs.leave(&token, &room).await.status.as_u16()));
                }
                (user, log)
            }));
        }
    }
    let mut answers = Answers::new();
    for task in tasks {
        let (user, log) = task.await.unwrap();
        answers.entry(user).or_default().extend(log);
    }
    assert_serialisable(&hs.server.store, &room, "@alice:hs.test", &answers).await;
}
