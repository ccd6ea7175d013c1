//! Joins, docs/membership.md examples 1-16.

use generated::schemas::{MemberContent, Membership};
use serde_json::json;
use server::events::{Content, NewEvent};
use server::ids::{RoomId, UserId};

use crate::harness::{BASE, Fixture, TestServer, encode};

#[tokio::test]
async fn s1_joining_a_public_room_with_an_empty_body() {
    let f = Fixture::new().await;
    let answer = f.hs.join(&f.bob, &f.public).await;
    assert_eq!(answer.assert_ok(), &json!({"room_id": f.public}));
    assert_eq!(
        f.hs.membership(&f.public, "@bob:hs.test").await.as_deref(),
        Some("join")
    );
}

#[tokio::test]
async fn s2_s3_joining_by_alias_answers_the_room_id_on_both_paths() {
    let f = Fixture::new().await;
    let by_alias =
        f.hs.post_raw(
            &format!("{BASE}/rooms/%23pub%3Ahs.test/join"),
            Some(&f.bob),
            "",
        )
        .await;
    assert_eq!(by_alias.assert_ok()["room_id"], json!(f.public));
    let alias_path =
        f.hs.post_raw(&format!("{BASE}/join/%23pub%3Ahs.test"), Some(&f.carol), "")
            .await;
    let raw_id =
        f.hs.post_raw(&format!("{BASE}/join/{}", f.public), Some(&f.dave), "")
            .await;
    assert_eq!(alias_path.assert_ok(), raw_id.assert_ok());
}

#[tokio::test]
async fn s4_s5_s6_unknown_rooms_and_aliases_are_not_found() {
    let f = Fixture::new().await;
    for target in ["#nope:hs.test", "#room:remote.example", "!unknown:hs.test"] {
        f.hs.join(&f.bob, target)
            .await
            .assert_error(404, "M_NOT_FOUND");
    }
}

#[tokio::test]
async fn s7_malformed_identifiers_are_bad_requests() {
    let f = Fixture::new().await;
    let long = format!("!{}:hs.test", "a".repeat(300));
    for target in ["foo", "!nocolon", long.as_str()] {
        f.hs.join(&f.bob, target)
            .await
            .assert_error(400, "M_UNKNOWN");
    }
}

#[tokio::test]
async fn s8_missing_and_unknown_tokens() {
    let f = Fixture::new().await;
    let path = format!("{BASE}/rooms/{}/join", encode(&f.public));
    f.hs.post_raw(&path, None, "")
        .await
        .assert_error(403, "M_MISSING_TOKEN");
    f.hs.post_raw(&path, Some("bogus"), "")
        .await
        .assert_error(403, "M_UNKNOWN_TOKEN");
    f.hs.post_raw(&path, Some(""), "")
        .await
        .assert_error(403, "M_UNKNOWN_TOKEN");
}

#[tokio::test]
async fn s9_s10_s12_invite_only_rooms_need_an_invite_each_time() {
    let f = Fixture::new().await;
    let before = f.hs.events(&f.private).await;
    f.hs.join(&f.bob, &f.private)
        .await
        .assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        f.hs.events(&f.private).await,
        before,
        "a refused join appends nothing"
    );
    f.hs.invite(&f.alice, &f.private, "@bob:hs.test")
        .await
        .assert_ok();
    f.hs.join(&f.bob, &f.private).await.assert_ok();
    f.hs.leave(&f.bob, &f.private).await.assert_ok();
    f.hs.join(&f.bob, &f.private)
        .await
        .assert_error(403, "M_FORBIDDEN");
}

#[tokio::test]
async fn s11_a_public_room_does_not_override_a_ban() {
    let f = Fixture::new().await;
    f.hs.ban(&f.alice, &f.public, "@carol:hs.test")
        .await
        .assert_ok();
    let answer = f.hs.join(&f.carol, &f.public).await;
    answer.assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        answer.body["error"],
        format!("You are banned from {}.", f.public)
    );
}

#[tokio::test]
async fn s13_a_repeat_join_appends_nothing() {
    let f = Fixture::new().await;
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    let count = f.hs.events(&f.public).await;
    assert_eq!(
        f.hs.join(&f.bob, &f.public).await.assert_ok(),
        &json!({"room_id": f.public})
    );
    assert_eq!(f.hs.events(&f.public).await, count);
}

#[tokio::test]
async fn s14_a_join_body_that_is_no_object_is_a_join_without_one() {
    let f = Fixture::new().await;
    let (public, private) = (encode(&f.public), encode(&f.private));
    // What clients of 2015 send (D10), on both join paths: each joins, as no body would.
    for (body, path) in [
        ("null", format!("{BASE}/rooms/{public}/join")),
        ("", format!("{BASE}/join/{public}")),
        ("\"\"", format!("{BASE}/rooms/{public}/join")),
        ("[1]", format!("{BASE}/join/{public}")),
        ("{not json", format!("{BASE}/rooms/{public}/join")),
    ] {
        let answer = f.hs.post_raw(&path, Some(&f.bob), body).await;
        assert_eq!(answer.assert_ok()["room_id"], f.public, "{body:?}");
    }
    // Without a body, an invite-only room still says why it refuses.
    f.hs.post_raw(
        &format!("{BASE}/rooms/{private}/join"),
        Some(&f.bob),
        "null",
    )
    .await
    .assert_error(403, "M_FORBIDDEN");
    // An object is still checked: a proof key of the wrong type is a bad body.
    f.hs.post_raw(
        &format!("{BASE}/rooms/{public}/join"),
        Some(&f.bob),
        r#"{"token": 42}"#,
    )
    .await
    .assert_error(400, "M_BAD_JSON");
}

#[tokio::test]
async fn s15_a_room_without_join_rules_is_invite_only() {
    let f = Fixture::new().await;
    let mut create = generated::runtime::JsonObject::new();
    create.insert("creator".into(), "@alice:hs.test".into());
    let events = vec![
        NewEvent::state("m.room.create", "", Content::Other(create)),
        NewEvent::member("@alice:hs.test", MemberContent::new(Membership::Join)),
    ];
    f.hs.server
        .store
        .create_room(
            &RoomId::parse("!norules:hs.test").unwrap(),
            &UserId::parse("@alice:hs.test").unwrap(),
            events,
            None,
        )
        .await
        .unwrap();
    f.hs.join(&f.bob, "!norules:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
}

#[tokio::test]
async fn s16_the_join_bucket_counts_forbidden_joins_and_alias_joins() {
    let hs = TestServer::start_with(|c| {
        c.rate_limit_per_second = 0.001;
        c.rate_limit_burst = 2;
    })
    .await;
    let f = Fixture::with(hs).await;
    f.hs.join(&f.bob, &f.private)
        .await
        .assert_error(403, "M_FORBIDDEN");
    f.hs.join(&f.bob, "#pub:hs.test").await.assert_ok();
    let limited = f.hs.join(&f.bob, &f.public).await;
    limited.assert_error(429, "M_LIMIT_EXCEEDED");
    assert!(
        limited.body["retry_after_ms"].as_u64().is_some(),
        "{}",
        limited.body
    );
}
