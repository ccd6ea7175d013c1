//! The storage boundary driven directly, on the engine of this test binary: what each
//! operation answers and what it leaves written.

use generated::runtime::JsonObject;
use generated::schemas::{JoinRule, JoinRulesContent, MemberContent, Membership};
use server::config::Config;
use server::error::InternalError;
use server::events::{Content, NewEvent, StateEntry, StateKey};
use server::ids::{RoomAlias, RoomId, UserId};
use server::rules::{Roles, RoomSnapshot};
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

fn room_id(id: &str) -> RoomId {
    RoomId::parse(id).unwrap()
}

fn alias(name: &str) -> RoomAlias {
    RoomAlias::parse(name).unwrap()
}

fn member(membership: Membership) -> MemberContent {
    MemberContent::new(membership)
}

/// `!room` created by alice: create, her join, invite-only join rules, a name.
async fn room(store: &Store, id: &str, alias: Option<&RoomAlias>) -> bool {
    let alice = user("alice");
    let mut name = JsonObject::new();
    name.insert("name".into(), "Lobby".into());
    let mut create = JsonObject::new();
    create.insert("creator".into(), "@alice:hs.test".into());
    store
        .create_room(
            &room_id(id),
            &alice,
            vec![
                NewEvent::state("m.room.create", "", Content::Other(create)),
                NewEvent::member(alice.as_str(), member(Membership::Join)),
                NewEvent::state(
                    "m.room.join_rules",
                    "",
                    Content::JoinRules(JoinRulesContent::new(JoinRule::Invite)),
                ),
                NewEvent::state("m.room.name", "", Content::Other(name)),
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
        .insert_tokens(&bob, b"access-1".to_vec(), b"refresh-1".to_vec())
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
        .rotate_tokens(
            b"refresh-1".to_vec(),
            b"access-2".to_vec(),
            b"refresh-2".to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(rotated.as_deref(), Some("@bob:hs.test"));
    assert_eq!(
        store
            .rotate_tokens(
                b"refresh-1".to_vec(),
                b"access-3".to_vec(),
                b"refresh-3".to_vec()
            )
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
    let (r, s_room) = (room_id("!r:hs.test"), room_id("!s:hs.test"));
    assert_eq!(
        store
            .put_alias(
                &alias("#a:hs.test"),
                &room_id("!none:hs.test"),
                &user("alice")
            )
            .await
            .unwrap(),
        PutAlias::UnknownRoom
    );
    assert!(room(&store, "!r:hs.test", Some(&alias("#lobby:hs.test"))).await);
    assert_eq!(
        store.resolve_alias(&alias("#lobby:hs.test")).await.unwrap(),
        Some(r.clone())
    );
    // A room whose alias is taken is not created at all.
    assert!(!room(&store, "!s:hs.test", Some(&alias("#lobby:hs.test"))).await);
    assert!(!store.room_exists(&s_room).await.unwrap());
    assert_eq!(store.event_count(&s_room).await.unwrap(), 0);

    let a = alias("#a:hs.test");
    assert_eq!(
        store.put_alias(&a, &r, &user("bob")).await.unwrap(),
        PutAlias::Created
    );
    assert_eq!(
        store.put_alias(&a, &r, &user("carol")).await.unwrap(),
        PutAlias::Taken
    );
    assert_eq!(
        store.alias_creator(&a).await.unwrap().as_deref(),
        Some("@bob:hs.test")
    );
    assert!(store.delete_alias(&a).await.unwrap());
    assert!(!store.delete_alias(&a).await.unwrap());
    assert_eq!(store.resolve_alias(&a).await.unwrap(), None);
}

fn keys_of(entries: &[StateEntry]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| (e.key.event_type.clone(), e.key.state_key.clone()))
        .collect()
}

#[tokio::test]
async fn a_change_reads_the_state_at_its_keys_and_writes_what_it_decides() {
    let (store, _dir) = store().await;
    assert!(room(&store, "!r:hs.test", None).await);
    let r = room_id("!r:hs.test");
    let (alice, bob) = (user("alice"), user("bob"));
    let before = store.event_count(&r).await.unwrap();
    let keys = RoomSnapshot::keys(Roles::inviting(&alice, &bob));

    // What a decision sees: the state at its keys that exists, nothing else.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let refused = store
        .change_room(&r, &alice, keys.clone(), {
            let seen = seen.clone();
            move |entries| {
                *seen.lock().unwrap() = entries.to_vec();
                Err(InternalError(anyhow::anyhow!("refused")))
            }
        })
        .await;
    assert!(refused.is_err());
    let mut seen = keys_of(&seen.lock().unwrap());
    seen.sort();
    assert_eq!(
        seen,
        [
            ("m.room.create", ""),
            ("m.room.join_rules", ""),
            ("m.room.member", "@alice:hs.test"),
            ("m.room.name", ""),
        ]
        .map(|(t, k)| (t.to_string(), k.to_string()))
    );
    assert_eq!(
        store.event_count(&r).await.unwrap(),
        before,
        "a refusal writes nothing"
    );

    // Nothing to do writes nothing.
    let unchanged = store
        .change_room(&r, &alice, keys.clone(), |_| Ok::<_, InternalError>(None))
        .await
        .unwrap();
    assert_eq!(unchanged, None);
    assert_eq!(store.event_count(&r).await.unwrap(), before);

    // An invite, then a leave: current state follows, history keeps both.
    let invited = store
        .change_room(&r, &alice, keys.clone(), |_| {
            Ok::<_, InternalError>(Some(NewEvent::member(
                "@bob:hs.test",
                member(Membership::Invite),
            )))
        })
        .await
        .unwrap()
        .unwrap();
    let (membership, invited_at) = store.membership(&r, &bob).await.unwrap().unwrap();
    assert_eq!(membership, "invite");
    store
        .change_room(&r, &bob, RoomSnapshot::keys(Roles::own(&bob)), |entries| {
            let bob_now = entries
                .iter()
                .find(|e| e.key == StateKey::new("m.room.member", "@bob:hs.test"))
                .unwrap();
            assert!(bob_now.content.contains("invite"), "{}", bob_now.content);
            Ok::<_, InternalError>(Some(NewEvent::member(
                "@bob:hs.test",
                member(Membership::Leave),
            )))
        })
        .await
        .unwrap();
    assert_eq!(
        store.membership(&r, &bob).await.unwrap().unwrap().0,
        "leave"
    );
    let then = store.state(&r, Some(invited_at)).await.unwrap();
    let bob_then = then
        .iter()
        .find(|e| e.state_key.as_deref() == Some("@bob:hs.test"))
        .unwrap();
    assert_eq!(bob_then.event_id, invited);
    assert_eq!(bob_then.content["membership"], "invite");
    let now = store.state(&r, None).await.unwrap();
    assert_eq!(now.len(), then.len(), "the same keys, bob's moved on");
    let messages = store.messages(&r, None, 2).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .map(|e| e.content["membership"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["invite", "leave"],
        "the latest two, oldest first"
    );
}

/// New event IDs begin with the time they were made, so each sorts after the older ones
/// (and the index on them grows at its end).
#[tokio::test]
async fn event_ids_sort_in_the_order_events_were_made() {
    let (store, _dir) = store().await;
    assert!(room(&store, "!r:hs.test", None).await);
    let r = room_id("!r:hs.test");
    let alice = user("alice");
    let mut ids = Vec::new();
    for name in ["one", "two", "three", "four", "five", "six"] {
        // Two milliseconds apart: IDs made within one millisecond may sort either way.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        let mut content = JsonObject::new();
        content.insert("name".into(), name.into());
        let id = store
            .change_room(&r, &alice, vec![], move |_| {
                Ok::<_, InternalError>(Some(NewEvent::state(
                    "m.room.name",
                    "",
                    Content::Other(content.clone()),
                )))
            })
            .await
            .unwrap()
            .unwrap();
        assert!(
            id.starts_with('$') && id.ends_with(":hs.test") && id.len() <= 255,
            "{id}"
        );
        ids.push(id);
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ids);
}

#[tokio::test]
async fn a_panicking_decision_is_an_error_and_the_writer_goes_on() {
    let (store, _dir) = store().await;
    assert!(room(&store, "!r:hs.test", None).await);
    let r = room_id("!r:hs.test");
    let alice = user("alice");
    let keys = RoomSnapshot::keys(Roles::own(&alice));
    let panicked = store
        .change_room(
            &r,
            &alice,
            keys.clone(),
            |_| -> Result<Option<NewEvent>, InternalError> { panic!("a bug in a rule") },
        )
        .await;
    assert!(panicked.is_err());
    let decided = store
        .change_room(&r, &alice, keys, |entries| {
            Ok::<_, InternalError>(
                (!entries.is_empty())
                    .then(|| NewEvent::member("@alice:hs.test", member(Membership::Leave))),
            )
        })
        .await
        .unwrap();
    assert!(decided.is_some(), "the next write runs as usual");
}

#[tokio::test]
async fn an_unknown_room_reads_as_no_state() {
    let (store, _dir) = store().await;
    let nowhere = room_id("!nowhere:hs.test");
    let a = user("a");
    let decided = store
        .change_room(
            &nowhere,
            &a,
            RoomSnapshot::keys(Roles::own(&a)),
            |entries| {
                assert!(entries.is_empty());
                Ok::<_, InternalError>(None)
            },
        )
        .await
        .unwrap();
    assert_eq!(decided, None);
    assert!(!store.room_exists(&nowhere).await.unwrap());
}

#[tokio::test]
async fn forgetting_records_up_to_where_and_is_idempotent() {
    let (store, _dir) = store().await;
    assert!(room(&store, "!r:hs.test", None).await);
    let (alice, r) = (user("alice"), room_id("!r:hs.test"));
    let history = store.membership_history(&r, &alice).await.unwrap();
    assert_eq!(history.memberships.len(), 1);
    assert_eq!(history.memberships[0].1, "join");
    assert_eq!(history.forgotten_at, None);
    store.forget(&alice, &r).await.unwrap();
    store.forget(&alice, &r).await.unwrap();
    let history = store.membership_history(&r, &alice).await.unwrap();
    assert_eq!(history.forgotten_at, Some(history.memberships[0].0));
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
