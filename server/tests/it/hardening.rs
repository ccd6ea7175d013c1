//! What an attacker tried against the first release (docs/membership.md, D12-D15): naming or
//! removing aliases of rooms one is not in, banning oneself out of one's own room, planting
//! third-party invites, and user IDs that read as someone else.

use serde_json::json;

use crate::harness::{BASE, Fixture, encode};

fn directory(alias: &str) -> String {
    format!("{BASE}/directory/room/{}", encode(alias))
}

#[tokio::test]
async fn only_members_name_a_room_and_its_moderators_may_remove_its_aliases() {
    let f = Fixture::new().await;
    // Dave is in neither room: he cannot point an alias at the invite-only one.
    let planted =
        f.hs.send(
            reqwest::Method::PUT,
            &directory("#lounge:hs.test"),
            Some(&f.dave),
            Some(json!({"room_id": f.private}).to_string()),
        )
        .await;
    planted.assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        f.hs.get(&directory("#lounge:hs.test"), None)
            .await
            .status
            .as_u16(),
        404,
        "nothing was created"
    );
    // Bob, a plain member of the public room, names it; alice, its admin, may remove it;
    // carol, a plain member, may not.
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    f.hs.join(&f.carol, &f.public).await.assert_ok();
    for alias in ["#bobs:hs.test", "#bobs2:hs.test"] {
        f.hs.send(
            reqwest::Method::PUT,
            &directory(alias),
            Some(&f.bob),
            Some(json!({"room_id": f.public}).to_string()),
        )
        .await
        .assert_ok();
    }
    f.hs.send(
        reqwest::Method::DELETE,
        &directory("#bobs:hs.test"),
        Some(&f.carol),
        None,
    )
    .await
    .assert_error(403, "M_FORBIDDEN");
    f.hs.send(
        reqwest::Method::DELETE,
        &directory("#bobs:hs.test"),
        Some(&f.alice),
        None,
    )
    .await
    .assert_ok();
    // Its creator may always remove it.
    f.hs.send(
        reqwest::Method::DELETE,
        &directory("#bobs2:hs.test"),
        Some(&f.bob),
        None,
    )
    .await
    .assert_ok();
}

#[tokio::test]
async fn nobody_bans_themself() {
    let f = Fixture::new().await;
    let answer = f.hs.ban(&f.alice, &f.public, "@alice:hs.test").await;
    answer.assert_error(403, "M_FORBIDDEN");
    assert_eq!(
        f.hs.membership(&f.public, "@alice:hs.test")
            .await
            .as_deref(),
        Some("join"),
        "the room keeps its admin"
    );
}

#[tokio::test]
async fn third_party_invites_cannot_be_planted_at_creation() {
    let f = Fixture::new().await;
    let before = f.hs.get("/health", None).await;
    before.assert_ok();
    let answer =
        f.hs.post(
            &format!("{BASE}/createRoom"),
            Some(&f.alice),
            json!({"initial_state": [{"type": "m.room.third_party_invite", "state_key": "tok",
                "content": {"display_name": "x", "public_key": "k",
                            "key_validity_url": "https://is.example/anything"}}]}),
        )
        .await;
    answer.assert_error(400, "M_BAD_JSON");
    assert!(
        answer.body["error"]
            .as_str()
            .unwrap()
            .contains("m.room.third_party_invite"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn invites_take_only_ids_that_read_as_what_they_are() {
    let f = Fixture::new().await;
    for confusing in [
        "@\u{430}lice:hs.test",
        "@ali\u{202e}ce:hs.test",
        "@a\u{200b}lice:hs.test",
    ] {
        let answer = f.hs.invite(&f.alice, &f.private, confusing).await;
        answer.assert_error(400, "M_BAD_JSON");
    }
    // Historical IDs (printable ASCII) are still invited.
    f.hs.invite(&f.alice, &f.private, "@Old.Style+1:hs.test")
        .await
        .assert_ok();
}
