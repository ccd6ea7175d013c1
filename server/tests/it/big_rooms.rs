//! Reads of a big room (a few thousand members, seeded through the store) answer exactly
//! what a plain reference computes from the room's whole event log: `/members`, `/state`,
//! one state key and `/initialSync`, for members and for former members who left, were
//! kicked or banned at different times (each reads the state as of their departure), and
//! the refusals (docs/membership.md, "Reading a room").

use std::collections::HashMap;

use generated::create_room::create_room::{RequestBody, RequestBodyPreset};
use generated::runtime::JsonObject;
use generated::schemas::{MemberContent, Membership};
use serde_json::{Value, json};
use server::events::{Content, NewEvent};
use server::ids::{RoomId, UserId};
use server::storage::StoredEvent;

use crate::harness::{BASE, TestServer, encode};

const MEMBERS: usize = 3_000;

fn name(text: &str) -> NewEvent {
    let mut content = JsonObject::new();
    content.insert("name".into(), text.into());
    NewEvent::state("m.room.name", "", Content::Other(content))
}

fn member(user: &str, membership: Membership) -> NewEvent {
    NewEvent::member(user, MemberContent::new(membership))
}

/// The room as of `at` (or now), computed from the whole log: the latest state event per
/// key, in stream order.
fn state_at(log: &[StoredEvent], at: Option<i64>) -> Vec<&StoredEvent> {
    let mut latest: HashMap<(&str, &str), &StoredEvent> = HashMap::new();
    for event in log {
        if at.is_some_and(|at| event.stream_ordering > at) {
            break;
        }
        if let Some(key) = &event.state_key {
            latest.insert((&event.event_type, key), event);
        }
    }
    let mut state: Vec<&StoredEvent> = latest.into_values().collect();
    state.sort_by_key(|e| e.stream_ordering);
    state
}

/// What each read answers for one reader who may read the room, by the reference.
fn expected(
    log: &[StoredEvent],
    room: &str,
    at: Option<i64>,
    membership: &str,
) -> (Value, Value, Value) {
    let state = state_at(log, at);
    let all: Vec<Value> = state.iter().map(|e| e.to_json()).collect();
    let members: Vec<Value> = state
        .iter()
        .filter(|e| e.event_type == "m.room.member")
        .map(|e| e.to_json())
        .collect();
    let upto: Vec<&StoredEvent> = log
        .iter()
        .filter(|e| at.is_none_or(|at| e.stream_ordering <= at))
        .collect();
    let messages = &upto[upto.len().saturating_sub(20)..];
    let sync = json!({
        "room_id": room,
        "membership": membership,
        "messages": {
            "start": format!("s{}", messages.first().map_or(0, |e| e.stream_ordering)),
            "end": format!("s{}", messages.last().map_or(0, |e| e.stream_ordering)),
            "chunk": messages.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
        },
        "state": all,
        "visibility": "private",
    });
    (Value::Array(all), json!({"chunk": members}), sync)
}

#[tokio::test]
async fn big_room_reads_answer_as_the_reference_for_members_and_former_members() {
    let hs = TestServer::start().await;
    let server_name = hs.server.server_name().to_string();
    let id = |localpart: &str| format!("@{localpart}:{server_name}");
    let readers = [
        "alice", "early", "middle", "banned", "late", "rejoined", "forgot", "invitee", "stranger",
    ];
    let mut tokens = HashMap::new();
    for reader in readers {
        tokens.insert(reader, hs.user(reader).await);
    }

    // The room's history, written in one go: joins in waves, departures between them, and
    // state that changes after each departure.
    let alice = UserId::parse(&id("alice")).unwrap();
    let mut request = RequestBody::new();
    request.preset = Some(RequestBodyPreset::PublicChat);
    let mut events = server::rules::new_room(&alice, &server_name, &request)
        .unwrap()
        .events;
    let m = |i: usize| id(&format!("m{i}"));
    events.push(name("first"));
    for reader in ["early", "middle", "banned", "late", "rejoined", "forgot"] {
        events.push(member(&id(reader), Membership::Join));
    }
    for i in 0..MEMBERS / 3 {
        events.push(member(&m(i), Membership::Join));
    }
    events.push(member(&id("early"), Membership::Leave));
    events.push(name("second"));
    for i in MEMBERS / 3..2 * MEMBERS / 3 {
        let mut content = MemberContent::new(Membership::Join);
        if i % 7 == 0 {
            content.displayname = Some(Some(format!("Member \"{i}\" ✓")));
        }
        if i % 11 == 0 {
            content.displayname = Some(None);
        }
        events.push(NewEvent::member(&m(i), content));
    }
    for i in 0..50 {
        events.push(member(&m(i), Membership::Leave));
    }
    for i in 50..60 {
        events.push(member(&m(i), Membership::Ban));
    }
    events.push(member(&id("middle"), Membership::Leave));
    events.push(member(&id("rejoined"), Membership::Leave));
    events.push(member(&id("banned"), Membership::Ban));
    let mut topic = JsonObject::new();
    topic.insert("topic".into(), "after the ban".into());
    events.push(NewEvent::state("m.room.topic", "", Content::Other(topic)));
    for i in 2 * MEMBERS / 3..MEMBERS {
        events.push(member(&m(i), Membership::Join));
    }
    events.push(member(&id("late"), Membership::Leave));
    events.push(member(&id("rejoined"), Membership::Join));
    events.push(member(&id("forgot"), Membership::Leave));
    events.push(name("third"));
    for i in 60..70 {
        events.push(member(&m(i), Membership::Leave));
    }
    let room = format!("!big:{server_name}");
    assert!(
        hs.server
            .store
            .create_room(&RoomId::parse(&room).unwrap(), &alice, events, None)
            .await
            .unwrap()
    );
    // Over HTTP: an invite (its event carries invite_room_state beside the content) and a
    // forget.
    hs.invite(&tokens["alice"], &room, &id("invitee"))
        .await
        .assert_ok();
    hs.post(
        &format!("{BASE}/rooms/{}/forget", encode(&room)),
        Some(&tokens["forgot"]),
        json!({}),
    )
    .await
    .assert_ok();

    let room_id = RoomId::parse(&room).unwrap();
    let log = hs
        .server
        .store
        .messages(&room_id, None, i64::MAX)
        .await
        .unwrap();
    assert!(log.len() > MEMBERS);
    let departure = |user: &str, membership: &str| {
        log.iter()
            .filter(|e| {
                e.event_type == "m.room.member"
                    && e.state_key.as_deref() == Some(id(user).as_str())
                    && e.content["membership"] == membership
            })
            .map(|e| e.stream_ordering)
            .next_back()
    };
    // Who reads what: now, as of a departure, or nothing.
    let views: [(&str, Option<Option<i64>>, &str); 9] = [
        ("alice", Some(None), "join"),
        ("rejoined", Some(None), "join"),
        ("early", Some(departure("early", "leave")), "leave"),
        ("middle", Some(departure("middle", "leave")), "leave"),
        ("banned", Some(departure("banned", "ban")), "ban"),
        ("late", Some(departure("late", "leave")), "leave"),
        ("forgot", None, ""),
        ("invitee", None, ""),
        ("stranger", None, ""),
    ];
    let rooms = format!("{BASE}/rooms/{}", encode(&room));
    let keys = [
        ("m.room.name", String::new()),
        ("m.room.topic", String::new()),
        ("m.room.join_rules", String::new()),
        ("m.room.power_levels", String::new()),
        ("m.room.member", id("early")),
        ("m.room.member", id("banned")),
        ("m.room.member", id("invitee")),
        ("m.room.member", m(10)),
        ("m.room.member", m(55)),
        ("m.room.member", m(MEMBERS - 1)),
        ("m.room.member", id("nobody")),
        ("m.room.nothing", String::new()),
    ];
    for (reader, view, membership) in views {
        let token = Some(tokens[reader].as_str());
        let state = hs.get(&format!("{rooms}/state"), token).await;
        let members = hs.get(&format!("{rooms}/members"), token).await;
        let sync = hs.get(&format!("{rooms}/initialSync"), token).await;
        let Some(at) = view else {
            for answer in [state, members, sync] {
                answer.assert_error(403, "M_FORBIDDEN");
            }
            for (event_type, key) in &keys {
                hs.get(
                    &format!("{rooms}/state/{event_type}/{}", encode(key)),
                    token,
                )
                .await
                .assert_error(403, "M_FORBIDDEN");
            }
            continue;
        };
        assert!(at.is_none() || at.is_some_and(|at| at > 0), "{reader}");
        let (want_state, want_members, want_sync) = expected(&log, &room, at, membership);
        assert_eq!(state.assert_ok(), &want_state, "{reader}: /state");
        assert_eq!(members.assert_ok(), &want_members, "{reader}: /members");
        assert_eq!(sync.assert_ok(), &want_sync, "{reader}: /initialSync");
        let current = state_at(&log, at);
        for (event_type, key) in &keys {
            let answer = hs
                .get(
                    &format!("{rooms}/state/{event_type}/{}", encode(key)),
                    token,
                )
                .await;
            match current
                .iter()
                .find(|e| e.event_type == *event_type && e.state_key.as_deref() == Some(key))
            {
                Some(event) => assert_eq!(
                    answer.assert_ok(),
                    &event.content,
                    "{reader}: {event_type}/{key}"
                ),
                None => answer.assert_error(404, "M_NOT_FOUND"),
            }
        }
    }
    // The departures really read different rooms.
    let name_for = |at| {
        state_at(&log, at)
            .iter()
            .find(|e| e.event_type == "m.room.name")
            .map(|e| e.content["name"].clone())
    };
    assert_eq!(name_for(departure("early", "leave")), Some("first".into()));
    assert_eq!(name_for(departure("late", "leave")), Some("second".into()));
    assert_eq!(name_for(None), Some("third".into()));
}
