//! Many clients racing join, invite, ban and leave on one room: afterwards the state is one
//! some serial order of the accepted requests produces.

use std::sync::Arc;

use serde_json::json;

use crate::harness::TestServer;

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
    let mut accepted = std::collections::HashMap::<String, Vec<(&str, u16)>>::new();
    for task in tasks {
        let (user, log) = task.await.unwrap();
        for (_, status) in &log {
            assert!(
                [200, 403].contains(status),
                "only success or a refusal: {log:?}"
            );
        }
        accepted.entry(user).or_default().extend(log);
    }
    let state = hs.server.store.state(&room, None).await.unwrap();
    let log_events = hs
        .server
        .store
        .messages(&room, None, 100_000)
        .await
        .unwrap();
    for i in 0..USERS {
        let user = format!("@u{i}:hs.test");
        let log = &accepted[&user];
        let membership = hs.membership(&room, &user).await;
        let banned_ok = log.iter().any(|(op, s)| *op == "ban" && *s == 200);
        // A ban is final: once accepted, nothing brings the user back.
        if banned_ok {
            assert_eq!(membership.as_deref(), Some("ban"), "{user}: {log:?}");
        }
        // Current state agrees with the log: it holds the user's last member event.
        let last = log_events
            .iter()
            .rev()
            .find(|e| {
                e.event_type == "m.room.member" && e.state_key.as_deref() == Some(user.as_str())
            })
            .map(|e| e.content["membership"].as_str().unwrap().to_string());
        assert_eq!(
            membership, last,
            "{user}: current state and the event log disagree"
        );
        let current = state
            .iter()
            .find(|e| e.state_key.as_deref() == Some(user.as_str()))
            .map(|e| e.content["membership"].as_str().unwrap().to_string());
        assert_eq!(
            current, last,
            "{user}: the state read and the event log disagree"
        );
        // A joined user had the right to join.
        if membership.as_deref() == Some("join") {
            assert!(
                log.iter().any(|(op, s)| *op == "join" && *s == 200),
                "{user} joined without an accepted join"
            );
            assert!(!banned_ok);
        }
    }
    // Every accepted join followed an invite in the log's own order (the room is invite-only).
    let events = hs
        .server
        .store
        .messages(&room, None, 100_000)
        .await
        .unwrap();
    let mut invited = std::collections::HashSet::new();
    let mut banned = std::collections::HashSet::new();
    for event in events.iter().filter(|e| e.event_type == "m.room.member") {
        let target = event.state_key.clone().unwrap();
        match event.content["membership"].as_str().unwrap() {
            "invite" => {
                assert!(!banned.contains(&target), "{target} invited while banned");
                invited.insert(target);
            }
            "join" if target != "@alice:hs.test" => {
                assert!(
                    invited.remove(&target),
                    "{target} joined without a pending invite"
                );
                assert!(!banned.contains(&target), "{target} joined while banned");
            }
            "ban" => {
                banned.insert(target.clone());
                invited.remove(&target);
            }
            "leave" => {
                invited.remove(&target);
            }
            _ => {}
        }
    }
}
