//! Invites, docs/membership.md examples 17-27, and the third-party form while no identity server is trusted.

use serde_json::json;

use crate::harness::{BASE, Fixture, encode};

#[tokio::test]
async fn s17_an_invite_records_membership_and_stripped_state() {
    let f = Fixture::new().await;
    assert_eq!(
        f.hs.invite(&f.alice, &f.private, "@bob:hs.test")
            .await
            .assert_ok(),
        &json!({})
    );
    assert_eq!(
        f.hs.membership(&f.private, "@bob:hs.test").await.as_deref(),
        Some("invite")
    );
    let private = server::ids::RoomId::parse(&f.private).unwrap();
    let state = f.hs.server.store.state(&private, None).await.unwrap();
    let invite = state
        .iter()
        .find(|e| e.state_key.as_deref() == Some("@bob:hs.test"))
        .unwrap();
    assert_eq!(invite.sender, "@alice:hs.test");
    let stripped = invite.extra["invite_room_state"].as_array().unwrap();
    assert!(
        stripped.iter().any(|s| s["type"] == "m.room.join_rules"),
        "{stripped:?}"
    );
}

#[tokio::test]
async fn s18_only_joined_users_invite() {
    let f = Fixture::new().await;
    let before = f.hs.events(&f.private).await;
    // Unrelated.
    f.hs.invite(&f.dave, &f.private, "@bob:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    // Invited but not joined.
    f.hs.invite(&f.alice, &f.private, "@dave:hs.test")
        .await
        .assert_ok();
    f.hs.invite(&f.dave, &f.private, "@bob:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    // Left.
    f.hs.leave(&f.dave, &f.private).await.assert_ok();
    f.hs.invite(&f.dave, &f.private, "@bob:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        f.hs.events(&f.private).await,
        before + 2,
        "only alice's invite and dave's leave were appended"
    );
}

#[tokio::test]
async fn s19_s20_joined_and_banned_users_cannot_be_invited() {
    let f = Fixture::new().await;
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    let joined = f.hs.invite(&f.alice, &f.public, "@bob:hs.test").await;
    joined.assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        joined.body["error"],
        format!("@bob:hs.test is already in {}.", f.public)
    );
    f.hs.invite(&f.alice, &f.public, "@alice:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    f.hs.ban(&f.alice, &f.public, "@carol:hs.test")
        .await
        .assert_ok();
    let banned = f.hs.invite(&f.alice, &f.public, "@carol:hs.test").await;
    assert_eq!(
        banned.body["error"],
        format!(
            "@carol:hs.test is banned from {}; unban them first.",
            f.public
        )
    );
}

#[tokio::test]
async fn s21_s22_s23_the_invite_power_level() {
    let f = Fixture::new().await;
    f.hs.invite(&f.alice, &f.private, "@bob:hs.test")
        .await
        .assert_ok();
    f.hs.join(&f.bob, &f.private).await.assert_ok();
    f.hs.invite(&f.bob, &f.private, "@carol:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");

    // Without an `invite` key, level 0 may invite (D8).
    let no_key = f
        .hs
        .create_room(&f.alice, json!({"preset": "public_chat", "initial_state": [{"type": "m.room.power_levels", "content": {"users": {"@alice:hs.test": 100}}}]}))
        .await;
    f.hs.join(&f.bob, &no_key).await.assert_ok();
    f.hs.invite(&f.bob, &no_key, "@carol:hs.test")
        .await
        .assert_ok();

    // An explicit 0 wins over users_default.
    let explicit = f
        .hs
        .create_room(
            &f.alice,
            json!({"preset": "public_chat", "initial_state": [{"type": "m.room.power_levels",
                "content": {"users": {"@alice:hs.test": 100, "@bob:hs.test": 0}, "users_default": 50, "invite": 50}}]}),
        )
        .await;
    f.hs.join(&f.bob, &explicit).await.assert_ok();
    f.hs.invite(&f.bob, &explicit, "@carol:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    f.hs.join(&f.dave, &explicit).await.assert_ok();
    f.hs.invite(&f.dave, &explicit, "@carol:hs.test")
        .await
        .assert_ok();
}

#[tokio::test]
async fn s24_a_repeat_invite_is_a_no_op_after_authorisation() {
    let f = Fixture::new().await;
    f.hs.invite(&f.alice, &f.private, "@bob:hs.test")
        .await
        .assert_ok();
    let count = f.hs.events(&f.private).await;
    assert_eq!(
        f.hs.invite(&f.alice, &f.private, "@bob:hs.test")
            .await
            .assert_ok(),
        &json!({})
    );
    assert_eq!(f.hs.events(&f.private).await, count);
    f.hs.invite(&f.dave, &f.private, "@bob:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
}

#[tokio::test]
async fn s25_invite_bodies() {
    let f = Fixture::new().await;
    let path = format!("{BASE}/rooms/{}/invite", encode(&f.private));
    let missing = f.hs.post_raw(&path, Some(&f.alice), "{}").await;
    missing.assert_error(400, "M_MISSING_PARAM");
    assert!(missing.body["error"].as_str().unwrap().contains("user_id"));
    f.hs.post_raw(&path, Some(&f.alice), r#"{"user_id": "bob"}"#)
        .await
        .assert_error(400, "M_BAD_JSON");
    f.hs.post_raw(&path, Some(&f.alice), r#"{"user_id": 42}"#)
        .await
        .assert_error(400, "M_BAD_JSON");
    f.hs.post_raw(&path, Some(&f.alice), "")
        .await
        .assert_error(400, "M_NOT_JSON");
}

#[tokio::test]
async fn s26_s27_invite_targets() {
    let f = Fixture::new().await;
    f.hs.invite(&f.alice, "#pub:hs.test", "@bob:hs.test")
        .await
        .assert_error(400, "M_UNKNOWN");
    f.hs.invite(&f.alice, "!unknown:hs.test", "@bob:hs.test")
        .await
        .assert_error(403, "M_FORBIDDEN");
    let before = f.hs.events(&f.public).await;
    f.hs.invite(&f.alice, &f.public, "@x:remote.example")
        .await
        .assert_error(403, "M_FORBIDDEN");
    assert_eq!(f.hs.events(&f.public).await, before);
    f.hs.invite(&f.alice, &f.public, "@ghost:hs.test")
        .await
        .assert_ok();
}

#[tokio::test]
async fn third_party_invites_are_refused_while_no_identity_server_is_trusted() {
    let f = Fixture::new().await;
    let path = format!("{BASE}/rooms/{}/invite", encode(&f.private));
    let body = json!({"id_server": "matrix.org", "medium": "email", "address": "a@b.c", "display_name": "A"});
    let before = f.hs.events(&f.private).await;
    f.hs.post(&path, Some(&f.alice), body)
        .await
        .assert_error(403, "M_SERVER_NOT_TRUSTED");
    let partial =
        f.hs.post(
            &path,
            Some(&f.alice),
            json!({"id_server": "matrix.org", "medium": "email", "address": "a@b.c"}),
        )
        .await;
    partial.assert_error(400, "M_MISSING_PARAM");
    assert!(
        partial.body["error"]
            .as_str()
            .unwrap()
            .contains("display_name")
    );
    let bad_server = json!({"id_server": "evil.example/path", "medium": "email", "address": "a@b.c", "display_name": "A"});
    f.hs.post(&path, Some(&f.alice), bad_server)
        .await
        .assert_error(400, "M_BAD_JSON");
    assert_eq!(f.hs.events(&f.private).await, before);
}
