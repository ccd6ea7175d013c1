//! The check behind the race tests: after many clients raced invite, join, ban and leave on
//! one invite-only room, what is stored is what some serial order of the accepted requests
//! produces, and every request answered 200 left its mark.

use std::collections::HashMap;

use server::storage::{Store, StoredEvent};

/// A membership change a client asked for, as the race tests name them.
pub type Op = &'static str;

/// What each user's requests were answered, keyed by the target user ID.
pub type Answers = HashMap<String, Vec<(Op, u16)>>;

/// Whether `op` may move a user of an invite-only room from `before`.
fn allowed(op: &str, before: Option<&str>) -> bool {
    match op {
        "invite" => matches!(before, None | Some("leave")),
        "join" => before == Some("invite"),
        "leave" => matches!(before, Some("invite" | "join")),
        "ban" => before != Some("ban"),
        _ => false,
    }
}

/// Checks `room` in `store` against the answers the racing clients got. `admin` created the
/// room and did the inviting and banning; the users in `answers` are the targets.
pub async fn assert_serialisable(store: &Store, room: &str, admin: &str, answers: &Answers) {
    for (user, log) in answers {
        for (op, status) in log {
            assert!(
                [200, 403].contains(status),
                "{user}: only success or a refusal, got {status} for {op}: {log:?}"
            );
        }
    }
    let room = &server::ids::RoomId::parse(room).unwrap();
    let log: Vec<StoredEvent> = store.messages(room, None, i64::MAX).await.unwrap();
    let state = store.state(room, None).await.unwrap();

    // The log is the serial order: replay it, each change legal from the one before.
    let mut replayed: HashMap<String, &str> = HashMap::new();
    let mut written: HashMap<(String, &str), usize> = HashMap::new();
    for event in log.iter().filter(|e| e.event_type == "m.room.member") {
        let target = event.state_key.clone().unwrap();
        if target == admin {
            continue;
        }
        let membership = event.content["membership"].as_str().unwrap();
        let before = replayed.get(&target).copied();
        assert!(
            allowed(membership, before),
            "{target}: `{membership}` after `{before:?}` is no serial order of the requests"
        );
        *written
            .entry((target.clone(), outcome(membership)))
            .or_default() += 1;
        replayed.insert(target, outcome(membership));
    }

    for (user, log) in answers {
        // Current state, both reads of it, agree with the replayed log.
        let member = server::ids::UserId::parse(user).unwrap();
        let current = store
            .membership(room, &member)
            .await
            .unwrap()
            .map(|(m, _)| m);
        let expected = replayed.get(user).map(|m| m.to_string());
        assert_eq!(
            current, expected,
            "{user}: current state and the log disagree"
        );
        let in_state = state
            .iter()
            .find(|e| e.state_key.as_deref() == Some(user.as_str()))
            .map(|e| e.content["membership"].as_str().unwrap().to_string());
        assert_eq!(
            in_state, expected,
            "{user}: the state read and the log disagree"
        );

        // Every 200 is in the database, and nothing but a 200 wrote.
        for op in ["invite", "join", "leave", "ban"] {
            let accepted = log.iter().filter(|(o, s)| *o == op && *s == 200).count();
            let events = written
                .get(&(user.clone(), outcome(op)))
                .copied()
                .unwrap_or(0);
            assert!(
                events <= accepted,
                "{user}: {events} `{op}` events but only {accepted} accepted requests"
            );
            assert!(
                accepted == 0 || events > 0,
                "{user}: {accepted} accepted `{op}` requests left no event"
            );
        }
        // A ban is final.
        if log.iter().any(|(op, s)| *op == "ban" && *s == 200) {
            assert_eq!(expected.as_deref(), Some("ban"), "{user}: {log:?}");
        }
    }
}

/// The membership an accepted request leaves its target in (each operation is named after
/// the membership it produces), as a static name.
fn outcome(membership: &str) -> &'static str {
    match membership {
        "invite" => "invite",
        "join" => "join",
        "leave" => "leave",
        "ban" => "ban",
        other => panic!("unexpected membership {other}"),
    }
}
