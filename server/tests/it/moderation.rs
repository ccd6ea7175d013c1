//! Kick and unban (docs/membership.md, "Kick" and "Unban"), over HTTP: who may, whom, and
//! what it leaves the target able to do.

use serde_json::json;

use crate::harness::{BASE, Fixture, encode};

impl Fixture {
    async fn moderate(
        &self,
        action: &str,
        token: &str,
        room: &str,
        body: serde_json::Value,
    ) -> crate::harness::Answer {
        self.hs
            .post(
                &format!("{BASE}/rooms/{}/{action}", encode(room)),
                Some(token),
                body,
            )
            .await
    }
}

#[tokio::test]
async fn a_kick_needs_the_kick_level_and_removes_a_joined_or_invited_user_with_its_reason() {
    let f = Fixture::new().await;
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    f.hs.join(&f.carol, &f.public).await.assert_ok();
    // Bob, at level 0, cannot kick; nobody kicks a user who is not there.
    f.moderate(
        "kick",
        &f.bob,
        &f.public,
        json!({"user_id": "@carol:hs.test"}),
    )
    .await
    .assert_error(403, "M_FORBIDDEN");
    let absent = f
        .moderate(
            "kick",
            &f.alice,
            &f.public,
            json!({"user_id": "@dave:hs.test"}),
        )
        .await;
    absent.assert_error(403, "M_FORBIDDEN");
    assert!(
        absent.body["error"]
            .as_str()
            .unwrap()
            .contains("neither joined"),
        "{}",
        absent.body
    );

    let before = f.hs.events(&f.public).await;
    f.moderate(
        "kick",
        &f.alice,
        &f.public,
        json!({"user_id": "@carol:hs.test", "reason": "noise"}),
    )
    .await
    .assert_ok();
    assert_eq!(
        f.hs.membership(&f.public, "@carol:hs.test")
            .await
            .as_deref(),
        Some("leave")
    );
    assert_eq!(f.hs.events(&f.public).await, before + 1);
    let member =
        f.hs.get(
            &format!(
                "{BASE}/rooms/{}/state/m.room.member/%40carol%3Ahs.test",
                encode(&f.public)
            ),
            Some(&f.alice),
        )
        .await;
    assert_eq!(
        member.assert_ok(),
        &json!({"membership": "leave", "reason": "noise"})
    );
    // A kick is no ban: a public room takes carol back.
    f.hs.join(&f.carol, &f.public).await.assert_ok();

    // An invite can be withdrawn the same way.
    f.hs.invite(&f.alice, &f.private, "@dave:hs.test")
        .await
        .assert_ok();
    f.moderate(
        "kick",
        &f.alice,
        &f.private,
        json!({"user_id": "@dave:hs.test"}),
    )
    .await
    .assert_ok();
    f.hs.join(&f.dave, &f.private)
        .await
        .assert_error(403, "M_FORBIDDEN");
    // Nobody kicks themself (the kicker must outrank the target).
    f.moderate(
        "kick",
        &f.alice,
        &f.public,
        json!({"user_id": "@alice:hs.test"}),
    )
    .await
    .assert_error(403, "M_FORBIDDEN");
}

#[tokio::test]
async fn an_unban_lets_a_banned_user_back_in() {
    let f = Fixture::new().await;
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    f.hs.ban(&f.alice, &f.public, "@bob:hs.test")
        .await
        .assert_ok();
    f.hs.join(&f.bob, &f.public)
        .await
        .assert_error(403, "M_FORBIDDEN");
    // Only at the ban level, and only a user who is banned.
    f.hs.join(&f.carol, &f.public).await.assert_ok();
    f.moderate(
        "unban",
        &f.carol,
        &f.public,
        json!({"user_id": "@bob:hs.test"}),
    )
    .await
    .assert_error(403, "M_FORBIDDEN");
    f.moderate(
        "unban",
        &f.alice,
        &f.public,
        json!({"user_id": "@carol:hs.test"}),
    )
    .await
    .assert_error(403, "M_FORBIDDEN");

    f.moderate(
        "unban",
        &f.alice,
        &f.public,
        json!({"user_id": "@bob:hs.test"}),
    )
    .await
    .assert_ok();
    assert_eq!(
        f.hs.membership(&f.public, "@bob:hs.test").await.as_deref(),
        Some("leave")
    );
    f.hs.join(&f.bob, &f.public).await.assert_ok();
}

#[tokio::test]
async fn kick_and_unban_bodies_are_checked_like_the_others() {
    let f = Fixture::new().await;
    for action in ["kick", "unban"] {
        f.moderate(action, &f.alice, &f.public, json!({}))
            .await
            .assert_error(400, "M_MISSING_PARAM");
        f.moderate(action, &f.alice, &f.public, json!({"user_id": "carol"}))
            .await
            .assert_error(400, "M_BAD_JSON");
        f.moderate(
            action,
            &f.alice,
            "#pub:hs.test",
            json!({"user_id": "@carol:hs.test"}),
        )
        .await
        .assert_error(400, "M_UNKNOWN");
        f.moderate(
            action,
            &f.alice,
            "!unknown:hs.test",
            json!({"user_id": "@carol:hs.test"}),
        )
        .await
        .assert_error(403, "M_FORBIDDEN");
    }
}
