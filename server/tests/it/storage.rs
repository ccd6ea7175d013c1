//! The storage boundary driven directly, on the engine of this test binary: what each
//! operation answers and what it leaves written.

use serde_json::json;
use server::config::Config;
use server::ids::UserId;
use server::rules::{NewEvent, RoomSnapshot};
use server::storage::{PutAlias, Store};

/// A store on a fresh database; the folder must outlive it.
async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        server_name: "hs.test".into(),
        database_url: crate::database::fresh_url(dir.path()).await,
        ..Config::default()
    };
    (Store::open(&config).await.unwrap(), dir)
}

fn user(localpart: &str) -> UserId {
    UserId::parse(&format!("@{localpart}:hs.test")).unwrap()
}

/// `!room` created by alice: create, her join, invite-only join rules, power levels, a name.
async fn room(store: &Store, room_id: &str, alias: Option<&str>) -> bool {
    let alice = user("alice");
    store
        .create_room(
            room_id,
            alice.as_str(),
            &[
                NewEvent::state("m.room.create", "", json!({"creator": "@alice:hs.test"})),
                NewEvent::member(&alice, json!({"membership": "join"})),
                NewEvent::state("m.room.join_rules", "", json!({"join_rule": "invite"})),
                NewEvent::state(
                    "m.room.power_levels",
                    "",
                    json!({"users": {"@alice:hs.test": 100}}),
                ),
                NewEvent::state("m.room.name", "", json!({"name": "Lobby"})),
            ],
            alias,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn users_and_tokens() {
    let (store, _dir) = store().await;
    let bob = user("bob");
    assert!(store.create_user(&bob, "hash-1").await.unwrap());
    assert!(
        !store.create_user(&bob, "hash-2").await.unwrap(),
        "a taken ID is refused"
    );
    assert_eq!(
        store.password_hash(&bob).await.unwrap().as_deref(),
        Some("hash-1")
    );
    assert_eq!(store.password_hash(&user("nobody")).await.unwrap(), None);

    store
        .insert_tokens(bob.as_str(), b"access-1", b"refresh-1")
        .await
        .unwrap();
    assert_eq!(
        store
            .user_for_access_token(b"access-1")
            .await
            .unwrap()
            .as_deref(),
        Some("@bob:hs.test")
    );
    let rotated = store
        .rotate_tokens(b"refresh-1", b"access-2", b"refresh-2")
        .await
        .unwrap();
    assert_eq!(rotated.as_deref(), Some("@bob:hs.test"));
    assert_eq!(
        store
            .rotate_tokens(b"refresh-1", b"access-3", b"refresh-3")
            .await
            .unwrap(),
        None,
        "a refresh token works once"
    );
    assert_eq!(
        store.user_for_access_token(b"access-1").await.unwrap(),
        None
    );
    assert_eq!(
        store.user_for_access_token(b"access-3").await.unwrap(),
        None
    );
    assert_eq!(
        store
            .user_for_access_token(b"access-2")
            .await
            .unwrap()
            .as_deref(),
        Some("@bob:hs.test")
    );
}

#[tokio::test]
async fn aliases() {
    let (store, _dir) = store().await;
    assert_eq!(
        store
            .put_alias("#a:hs.test", "!none:hs.test", "@alice:hs.test")
            .await
            .unwrap(),
        PutAlias::UnknownRoom
    );
    assert!(room(&store, "!r:hs.test", Some("#lobby:hs.test")).await);
    assert_eq!(
        store.resolve_alias("#lobby:hs.test").await.unwrap(),
        Some("!r:hs.test".into())
    );
    // A room whose alias is taken is not created at all.
    assert!(!room(&store, "!s:hs.test", Some("#lobby:hs.test")).await);
    assert!(!store.room_exists("!s:hs.test").await.unwrap());
    assert_eq!(store.event_count("!s:hs.test").await.unwrap(), 0);

    assert_eq!(
        store
            .put_alias("#a:hs.test", "!r:hs.test", "@bob:hs.test")
            .await
            .unwrap(),
        PutAlias::Created
    );
    assert_eq!(
        store
            .put_alias("#a:hs.test", "!r:hs.test", "@carol:hs.test")
            .await
            .unwrap(),
        PutAlias::Taken
    );
    assert_eq!(
        store.alias_creator("#a:hs.test").await.unwrap().as_deref(),
        Some("@bob:hs.test")
    );
    assert!(store.delete_alias("#a:hs.test").await.unwrap());
    assert!(!store.delete_alias("#a:hs.test").await.unwrap());
    assert_eq!(store.resolve_alias("#a:hs.test").await.unwrap(), None);
}

#[tokio::test]
async fn a_membership_decision_reads_the_state_it_needs_and_writes_what_it_decides() {
    let (store, _dir) = store().await;
    assert!(room(&store, "!r:hs.test", None).await);
    let (alice, bob) = (user("alice"), user("bob"));
    let before = store.event_count("!r:hs.test").await.unwrap();

    // What the rules see.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(None::<RoomSnapshot>));
    let refused = store
        .change_membership("!r:hs.test", &alice, &bob, {
            let seen = seen.clone();
            move |snapshot| {
                *seen.lock().unwrap() = Some(snapshot.clone());
                Err(server::error::MatrixError::forbidden("no"))
            }
        })
        .await
        .unwrap();
    assert!(refused.is_err());
    let snapshot = seen.lock().unwrap().take().unwrap();
    assert!(snapshot.exists);
    assert_eq!(snapshot.creator.as_deref(), Some("@alice:hs.test"));
    assert_eq!(snapshot.join_rule.as_deref(), Some("invite"));
    assert_eq!(
        snapshot.power_levels.unwrap()["users"]["@alice:hs.test"],
        100
    );
    assert_eq!(snapshot.sender.unwrap()["membership"], "join");
    assert_eq!(snapshot.target, None);
    assert_eq!(
        snapshot.invite_state,
        vec![
            json!({"type": "m.room.join_rules", "state_key": "", "content": {"join_rule": "invite"}}),
            json!({"type": "m.room.name", "state_key": "", "content": {"name": "Lobby"}}),
        ]
    );
    assert_eq!(
        store.event_count("!r:hs.test").await.unwrap(),
        before,
        "a refusal writes nothing"
    );

    // Nothing to do writes nothing.
    let unchanged = store
        .change_membership("!r:hs.test", &alice, &bob, |_| Ok(None))
        .await
        .unwrap();
    assert_eq!(unchanged, Ok(None));
    assert_eq!(store.event_count("!r:hs.test").await.unwrap(), before);

    // An invite, then a leave: current state follows, history keeps both.
    let invited = store
        .change_membership("!r:hs.test", &alice, &bob, {
            let bob = bob.clone();
            move |_| {
                Ok(Some(NewEvent::member(
                    &bob,
                    json!({"membership": "invite"}),
                )))
            }
        })
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let (membership, invited_at) = store
        .membership("!r:hs.test", bob.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(membership, "invite");
    store
        .change_membership("!r:hs.test", &bob, &bob, {
            let bob = bob.clone();
            move |snapshot| {
                // A panic here would come back as an internal error, not kill the writer.
                assert_eq!(snapshot.target.as_ref().unwrap()["membership"], "invite");
                Ok(Some(NewEvent::member(&bob, json!({"membership": "leave"}))))
            }
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .membership("!r:hs.test", bob.as_str())
            .await
            .unwrap()
            .unwrap()
            .0,
        "leave"
    );
    let then = store.state("!r:hs.test", Some(invited_at)).await.unwrap();
    let bob_then = then
        .iter()
        .find(|e| e.state_key.as_deref() == Some("@bob:hs.test"))
        .unwrap();
    assert_eq!(bob_then.event_id, invited);
    assert_eq!(bob_then.content["membership"], "invite");
    let now = store.state("!r:hs.test", None).await.unwrap();
    assert_eq!(now.len(), then.len(), "the same keys, bob's moved on");
    let messages = store.messages("!r:hs.test", None, 2).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .map(|e| e.content["membership"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["invite", "leave"],
        "the latest two, oldest first"
    );
}

#[tokio::test]
async fn an_unknown_room_is_read_as_absent() {
    let (store, _dir) = store().await;
    let decided = store
        .change_membership("!nowhere:hs.test", &user("a"), &user("a"), |snapshot| {
            assert!(!snapshot.exists);
            Ok(None)
        })
        .await
        .unwrap();
    assert_eq!(decided, Ok(None));
    assert!(!store.room_exists("!nowhere:hs.test").await.unwrap());
}

#[tokio::test]
async fn forgetting_is_idempotent() {
    let (store, _dir) = store().await;
    assert!(
        !store
            .has_forgotten("@a:hs.test", "!r:hs.test")
            .await
            .unwrap()
    );
    store.forget("@a:hs.test", "!r:hs.test").await.unwrap();
    store.forget("@a:hs.test", "!r:hs.test").await.unwrap();
    assert!(
        store
            .has_forgotten("@a:hs.test", "!r:hs.test")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn unsupported_database_urls_are_refused_without_their_password() {
    let config = Config {
        database_url: "mysql://hs:s3cret@db/hs".into(),
        ..Config::default()
    };
    let error = Store::open(&config).await.err().unwrap().to_string();
    assert!(error.contains("unsupported database URL"), "{error}");
    assert!(!error.contains("s3cret"), "{error}");
}
