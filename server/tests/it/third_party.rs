//! Third-party invites, docs/membership.md examples 28-35, against Sydent (the reference identity server) and,
//! where an identity server must fail or lie on purpose, against a scripted one. The
//! homeserver is named `localhost:8448` here so that Sydent's after-bind callback to it is
//! dropped by Sydent's own loopback block list and nothing leaves the machine.

use serde_json::{Value, json};
use server::identity::IdentityServerSettings;

use crate::fake_identity::{
    Answer, ConnectionCounter, FakeIdentityServer, Lookup, SECRET, loopback_entry, silent_listener,
};
use crate::harness::{Answer as Reply, BASE, Fixture, TestServer, encode};
use crate::sydent::sydent;

const NAME: &str = "localhost:8448";

fn user(localpart: &str) -> String {
    format!("@{localpart}:{NAME}")
}

async fn fixture(identity_servers: Vec<IdentityServerSettings>) -> Fixture {
    Fixture::with(
        TestServer::start_with(|config| {
            config.server_name = NAME.into();
            config.identity_servers = identity_servers;
        })
        .await,
    )
    .await
}

/// A unique address per test, so tests sharing one Sydent never see each other's bindings.
fn address(test: &str) -> String {
    format!("{test}-{}@example.org", std::process::id())
}

async fn invite_3pid(f: &Fixture, token: &str, id_server: &str, address: &str) -> Reply {
    f.hs.post(
        &format!("{BASE}/rooms/{}/invite", encode(&f.private)),
        Some(token),
        json!({"id_server": id_server, "medium": "email", "address": address, "display_name": "Someone"}),
    )
    .await
}

async fn join_with(f: &Fixture, token: &str, room: &str, body: &Value) -> Reply {
    f.hs.post(
        &format!("{BASE}/rooms/{}/join", encode(room)),
        Some(token),
        body.clone(),
    )
    .await
}

/// The room's current state events of one type.
async fn state_of(f: &Fixture, room: &str, event_type: &str) -> Vec<server::storage::StoredEvent> {
    let room = server::ids::RoomId::parse(room).unwrap();
    let state = f.hs.server.store.state(&room, None).await.unwrap();
    state
        .into_iter()
        .filter(|e| e.event_type == event_type)
        .collect()
}

#[tokio::test]
async fn s28_a_bound_address_invites_its_user_and_stores_no_invite() {
    let sydent = sydent();
    let f = fixture(vec![sydent.allow_list_entry()]).await;
    let address = address("s28");
    let association = sydent.bind(&address, &user("carol")).await;
    assert_eq!(association["mxid"], user("carol"), "{association}");

    let answer = invite_3pid(&f, &f.alice, &sydent.id_server, &address).await;
    assert_eq!(answer.assert_ok(), &json!({}), "{}", sydent.log());
    assert_eq!(
        f.hs.membership(&f.private, &user("carol")).await.as_deref(),
        Some("invite")
    );
    let invite = state_of(&f, &f.private, "m.room.member").await;
    let invite = invite
        .iter()
        .find(|e| e.state_key.as_deref() == Some(&user("carol")))
        .unwrap();
    assert_eq!(invite.sender, user("alice"));
    assert!(
        state_of(&f, &f.private, "m.room.third_party_invite")
            .await
            .is_empty()
    );
    assert_eq!(
        sydent.mails_to(&address),
        0,
        "no store-invite (it would have mailed the address)"
    );
}

#[tokio::test]
async fn s29_s33_an_unbound_address_gets_a_stored_invite_and_its_owner_joins_with_the_proof() {
    let sydent = sydent();
    let f = fixture(vec![sydent.allow_list_entry()]).await;
    let address = address("s29");
    invite_3pid(&f, &f.alice, &sydent.id_server, &address)
        .await
        .assert_ok();
    assert_eq!(sydent.mails_to(&address), 1, "Sydent mailed the invitee");

    let invites = state_of(&f, &f.private, "m.room.third_party_invite").await;
    assert_eq!(invites.len(), 1);
    let invite = &invites[0];
    let token = invite.state_key.clone().unwrap();
    assert_eq!(invite.sender, user("alice"));
    let key_validity_url = format!("{}/_matrix/identity/api/v1/pubkey/isvalid", sydent.url);
    assert_eq!(invite.content["display_name"], "Someone");
    assert_eq!(
        invite.content["key_validity_url"],
        key_validity_url.as_str()
    );
    let public_key = invite.content["public_key"].as_str().unwrap().to_string();
    assert_eq!(
        invite.content.as_object().unwrap().len(),
        3,
        "exactly display_name, public_key, key_validity_url: {}",
        invite.content
    );
    assert!(
        !invite.content.to_string().contains(&address),
        "the address stays private"
    );
    assert_eq!(f.hs.membership(&f.private, &user("carol")).await, None);

    // The invitee binds the address; Sydent hands out the signed invite.
    let bound = sydent.bind(&address, &user("carol")).await;
    let pending = &bound["invites"][0];
    assert_eq!(pending["token"], token.as_str(), "{bound}");
    let proof = json!({
        "token": token,
        "public_key": public_key,
        "key_validity_url": key_validity_url,
        "sender": user("alice"),
        "signed": pending["signed"],
    });
    let joined = join_with(&f, &f.carol, &f.private, &proof).await;
    assert_eq!(joined.assert_ok()["room_id"], f.private.as_str());
    let members = state_of(&f, &f.private, "m.room.member").await;
    let join = members
        .iter()
        .find(|e| e.state_key.as_deref() == Some(&user("carol")))
        .unwrap();
    assert_eq!(join.content["membership"], "join");
    assert_eq!(
        join.content["third_party_invite"], proof,
        "the supplied keys, as sent"
    );
    // Decision 5: the invite stays.
    assert_eq!(
        state_of(&f, &f.private, "m.room.third_party_invite")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn s34_each_broken_proof_is_refused_and_appends_nothing() {
    let sydent = sydent();
    let f = fixture(vec![sydent.allow_list_entry()]).await;
    let address = address("s34");
    invite_3pid(&f, &f.alice, &sydent.id_server, &address)
        .await
        .assert_ok();
    let invite = state_of(&f, &f.private, "m.room.third_party_invite")
        .await
        .remove(0);
    let token = invite.state_key.clone().unwrap();
    let bound = sydent.bind(&address, &user("carol")).await;
    let proof = json!({
        "token": token,
        "public_key": invite.content["public_key"],
        "key_validity_url": invite.content["key_validity_url"],
        "sender": user("alice"),
        "signed": bound["invites"][0]["signed"],
    });
    let before = f.hs.events(&f.private).await;
    let with = |key: &str, value: Value| {
        let mut broken = proof.clone();
        broken[key] = value;
        broken
    };
    let mut bad_signature = proof.clone();
    let signatures = bad_signature["signed"]["signatures"]
        .as_object_mut()
        .unwrap();
    let by_key = signatures
        .values_mut()
        .next()
        .unwrap()
        .as_object_mut()
        .unwrap();
    let signature = by_key.values_mut().next().unwrap();
    let text = signature.as_str().unwrap();
    let flipped = if text.starts_with('A') { "B" } else { "A" };
    *signature = json!(format!("{flipped}{}", &text[1..]));
    let other_key = FakeIdentityServer::start(Lookup::Unbound)
        .await
        .public_key();
    for (what, joiner, body) in [
        (
            "someone else's proof (signed.mxid is carol)",
            &f.dave,
            proof.clone(),
        ),
        (
            "an unknown token",
            &f.carol,
            with("token", json!("not-a-token")),
        ),
        (
            "another public key",
            &f.carol,
            with("public_key", json!(other_key)),
        ),
        (
            "another key_validity_url",
            &f.carol,
            with(
                "key_validity_url",
                json!(format!("{}/elsewhere", sydent.url)),
            ),
        ),
        ("a broken signature", &f.carol, bad_signature),
    ] {
        let answer = join_with(&f, joiner, &f.private, &body).await;
        assert_eq!(
            (answer.status.as_u16(), answer.errcode()),
            (403, "M_FORBIDDEN"),
            "{what}: {}",
            answer.body
        );
    }
    assert_eq!(f.hs.events(&f.private).await, before, "no event");
    // The intact proof still works: each refusal above was about its one flaw.
    join_with(&f, &f.carol, &f.private, &proof)
        .await
        .assert_ok();
}

/// A stored invite made through the scripted identity server, and a proof for carol.
async fn scripted_invite(f: &Fixture, is: &FakeIdentityServer) -> Value {
    invite_3pid(f, &f.alice, &is.id_server, "carol@example.org")
        .await
        .assert_ok();
    let invite = state_of(f, &f.private, "m.room.third_party_invite")
        .await
        .remove(0);
    let token = invite.state_key.clone().unwrap();
    json!({
        "token": token,
        "public_key": invite.content["public_key"],
        "key_validity_url": invite.content["key_validity_url"],
        "sender": user("alice"),
        "signed": is.sign_proof(&user("carol"), &token),
    })
}

#[tokio::test]
async fn s34_key_validity_is_asked_of_the_stored_url_and_its_answer_decides() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let f = fixture(vec![is.allow_list_entry()]).await;
    let proof = scripted_invite(&f, &is).await;
    // The store-invite request had exactly the four 2015 keys, form-encoded (example 29).
    let stored = is
        .seen()
        .into_iter()
        .find(|s| s.path.ends_with("/store-invite"))
        .unwrap();
    assert_eq!(stored.content_type, "application/x-www-form-urlencoded");
    let keys: Vec<String> = url::form_urlencoded::parse(stored.body.as_bytes())
        .map(|(k, _)| k.into_owned())
        .collect();
    assert_eq!(keys, ["medium", "address", "room_id", "sender"]);

    let before = f.hs.events(&f.private).await;
    is.script().isvalid = Answer::Refuses;
    join_with(&f, &f.carol, &f.private, &proof)
        .await
        .assert_error(403, "M_FORBIDDEN");
    is.script().isvalid = Answer::Fails;
    let answer = join_with(&f, &f.carol, &f.private, &proof).await;
    answer.assert_error(502, "M_UNKNOWN");
    assert!(!answer.body.to_string().contains(SECRET));
    assert_eq!(f.hs.events(&f.private).await, before, "no event");

    is.script().isvalid = Answer::Ok;
    is.script().seen.clear();
    join_with(&f, &f.carol, &f.private, &proof)
        .await
        .assert_ok();
    let asked = is.seen();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].path, "/_matrix/identity/api/v1/pubkey/isvalid");
    let public_key = proof["public_key"].as_str().unwrap();
    let query: Vec<(String, String)> = url::form_urlencoded::parse(asked[0].query.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(query, [("public_key".to_string(), public_key.to_string())]);
}

#[tokio::test]
async fn s34_isvalid_unreachable_is_502() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let f = fixture(vec![is.allow_list_entry()]).await;
    let proof = scripted_invite(&f, &is).await;
    let before = f.hs.events(&f.private).await;
    drop(is);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    join_with(&f, &f.carol, &f.private, &proof)
        .await
        .assert_error(502, "M_UNKNOWN");
    assert_eq!(f.hs.events(&f.private).await, before);
}

#[tokio::test]
async fn s32_an_identity_server_that_fails_or_lies_is_502_and_appends_nothing() {
    let down = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let down_entry = loopback_entry(&down.to_string(), &format!("http://{down}"));
    let failing = FakeIdentityServer::start(Lookup::Fails).await;
    let lying = FakeIdentityServer::start(Lookup::BadSignature(user("carol"))).await;
    let store_fails = FakeIdentityServer::start(Lookup::Unbound).await;
    store_fails.script().store_invite = Answer::Fails;
    let elsewhere = ConnectionCounter::start();
    let redirecting =
        FakeIdentityServer::start(Lookup::Redirect(format!("http://{}/", elsewhere.addr))).await;
    let huge = FakeIdentityServer::start(Lookup::Huge).await;
    let expired = FakeIdentityServer::start(Lookup::Expired(user("carol"))).await;
    let f = fixture(vec![
        down_entry,
        failing.allow_list_entry(),
        lying.allow_list_entry(),
        store_fails.allow_list_entry(),
        redirecting.allow_list_entry(),
        huge.allow_list_entry(),
        expired.allow_list_entry(),
    ])
    .await;
    let before = f.hs.events(&f.private).await;
    for (what, id_server) in [
        ("down", down.to_string()),
        ("lookup answers 500", failing.id_server.clone()),
        ("a binding with a bad signature", lying.id_server.clone()),
        ("store-invite answers 500", store_fails.id_server.clone()),
        ("a redirect", redirecting.id_server.clone()),
        ("an answer over 64 KiB", huge.id_server.clone()),
        ("an association no longer valid", expired.id_server.clone()),
    ] {
        let answer = invite_3pid(&f, &f.alice, &id_server, "carol@example.org").await;
        assert_eq!(
            (answer.status.as_u16(), answer.errcode()),
            (502, "M_UNKNOWN"),
            "{what}: {}",
            answer.body
        );
        assert!(
            !answer.body.to_string().contains(SECRET),
            "{what}: {}",
            answer.body
        );
    }
    assert_eq!(f.hs.events(&f.private).await, before, "no event");
    assert_eq!(f.hs.membership(&f.private, &user("carol")).await, None);
    assert_eq!(elsewhere.connections(), 0, "the redirect was not followed");
}

#[tokio::test]
async fn an_identity_server_that_never_answers_is_given_up_on() {
    let tarpit = silent_listener();
    let f = fixture(vec![loopback_entry(
        &tarpit.to_string(),
        &format!("http://{tarpit}"),
    )])
    .await;
    let started = std::time::Instant::now();
    invite_3pid(&f, &f.alice, &tarpit.to_string(), "carol@example.org")
        .await
        .assert_error(502, "M_UNKNOWN");
    let waited = started.elapsed();
    // The client's total timeout is 10 s.
    assert!(
        waited >= std::time::Duration::from_secs(9) && waited < std::time::Duration::from_secs(20),
        "{waited:?}"
    );
}

#[tokio::test]
async fn t15_an_address_bound_meanwhile_is_looked_up_again() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    is.script().lookups.push_back(Lookup::Bound(user("carol")));
    is.script().store_invite = Answer::Refuses;
    let f = fixture(vec![is.allow_list_entry()]).await;
    invite_3pid(&f, &f.alice, &is.id_server, "carol@example.org")
        .await
        .assert_ok();
    assert_eq!(
        f.hs.membership(&f.private, &user("carol")).await.as_deref(),
        Some("invite")
    );
    assert!(
        state_of(&f, &f.private, "m.room.third_party_invite")
            .await
            .is_empty()
    );
    let paths: Vec<String> = is.seen().into_iter().map(|s| s.path).collect();
    let api = "/_matrix/identity/api/v1";
    assert_eq!(
        paths,
        [
            format!("{api}/lookup"),
            format!("{api}/store-invite"),
            format!("{api}/lookup"),
            format!("{api}/pubkey/ed25519:0"),
        ]
    );
}

#[tokio::test]
async fn s30_identity_servers_off_the_list_are_never_contacted() {
    let listener = ConnectionCounter::start();
    let listed = FakeIdentityServer::start(Lookup::Unbound).await;
    // A listed name that resolves to loopback, without the entry permitting it.
    let loopback_name = IdentityServerSettings {
        id_server: format!("localhost:{}", listener.addr.port()),
        base_url: Some(format!("http://localhost:{}", listener.addr.port())),
        signing_name: None,
        key_id: None,
        allow_private_addresses: false,
    };
    let f = fixture(vec![listed.allow_list_entry(), loopback_name.clone()]).await;
    for (id_server, status, errcode) in [
        (listener.addr.to_string(), 403, "M_FORBIDDEN"),
        ("169.254.169.254".to_string(), 403, "M_FORBIDDEN"),
        ("metadata.google.internal".to_string(), 403, "M_FORBIDDEN"),
        (format!("{}/path", listed.id_server), 400, "M_BAD_JSON"),
        (format!("http://{}", listed.id_server), 400, "M_BAD_JSON"),
        (format!("alice@{}", listed.id_server), 400, "M_BAD_JSON"),
    ] {
        invite_3pid(&f, &f.alice, &id_server, "carol@example.org")
            .await
            .assert_error(status, errcode);
    }
    invite_3pid(&f, &f.alice, &loopback_name.id_server, "carol@example.org")
        .await
        .assert_error(502, "M_UNKNOWN");
    assert_eq!(listener.connections(), 0, "nothing reached the listener");
    assert!(listed.seen().is_empty(), "{:?}", listed.seen());

    // With no list at all the form is off (D7), and the user-ID form still works.
    let off = fixture(Vec::new()).await;
    invite_3pid(
        &off,
        &off.alice,
        &listener.addr.to_string(),
        "carol@example.org",
    )
    .await
    .assert_error(403, "M_SERVER_NOT_TRUSTED");
    off.hs
        .invite(&off.alice, &off.private, &user("bob"))
        .await
        .assert_ok();
    assert_eq!(listener.connections(), 0);
}

#[tokio::test]
async fn s31_every_local_check_comes_before_the_identity_server() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let f = fixture(vec![is.allow_list_entry()]).await;
    let path = format!("{BASE}/rooms/{}/invite", encode(&f.private));
    let partial =
        f.hs.post(
            &path,
            Some(&f.alice),
            json!({"id_server": is.id_server, "medium": "email", "address": "c@example.org"}),
        )
        .await;
    partial.assert_error(400, "M_MISSING_PARAM");
    assert!(
        partial.body.to_string().contains("display_name"),
        "{}",
        partial.body
    );
    // Dave is not in the room; bob is, at level 0 where inviting needs 50.
    invite_3pid(&f, &f.dave, &is.id_server, "c@example.org")
        .await
        .assert_error(403, "M_FORBIDDEN");
    f.hs.invite(&f.alice, &f.private, &user("bob"))
        .await
        .assert_ok();
    f.hs.join(&f.bob, &f.private).await.assert_ok();
    invite_3pid(&f, &f.bob, &is.id_server, "c@example.org")
        .await
        .assert_error(403, "M_FORBIDDEN");
    let unknown_room = f
        .hs
        .post(
            &format!("{BASE}/rooms/{}/invite", encode(&format!("!nowhere:{NAME}"))),
            Some(&f.alice),
            json!({"id_server": is.id_server, "medium": "email", "address": "c@example.org", "display_name": "C"}),
        )
        .await;
    unknown_room.assert_error(403, "M_FORBIDDEN");
    let phone = f
        .hs
        .post(&path, Some(&f.alice), json!({"id_server": is.id_server, "medium": "msisdn", "address": "123", "display_name": "C"}))
        .await;
    phone.assert_error(400, "M_BAD_JSON");
    assert!(is.seen().is_empty(), "{:?}", is.seen());
}

#[tokio::test]
async fn rate_limits_apply_before_the_identity_server() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let hs = TestServer::start_with(|config| {
        config.server_name = NAME.into();
        config.identity_servers = vec![is.allow_list_entry()];
        config.rate_limit_burst = 1;
        config.rate_limit_per_second = 0.001;
    })
    .await;
    let alice = hs.user("alice").await;
    let room = hs
        .create_room(&alice, json!({"preset": "private_chat"}))
        .await;
    let body = json!({"id_server": is.id_server, "medium": "email", "address": "c@example.org", "display_name": "C"});
    let path = format!("{BASE}/rooms/{}/invite", encode(&room));
    hs.post(&path, Some(&alice), body.clone()).await.assert_ok();
    let seen = is.seen().len();
    let limited = hs.post(&path, Some(&alice), body).await;
    limited.assert_error(429, "M_LIMIT_EXCEEDED");
    assert_eq!(
        is.seen().len(),
        seen,
        "no identity server call once limited"
    );
}

#[tokio::test]
async fn s35_a_proof_in_a_public_room_join_is_ignored_and_fetches_nothing() {
    let listener = ConnectionCounter::start();
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let f = fixture(vec![is.allow_list_entry()]).await;
    let proof = json!({
        "token": "t",
        "public_key": is.public_key(),
        "key_validity_url": format!("http://{}/x", listener.addr),
        "sender": user("alice"),
        "signed": is.sign_proof(&user("bob"), "t"),
    });
    join_with(&f, &f.bob, &f.public, &proof).await.assert_ok();
    let members = state_of(&f, &f.public, "m.room.member").await;
    let join = members
        .iter()
        .find(|e| e.state_key.as_deref() == Some(&user("bob")))
        .unwrap();
    assert_eq!(join.content, json!({"membership": "join"}));
    // In the invite-only room, a proof naming no stored invite is refused, also unfetched.
    join_with(&f, &f.bob, &f.private, &proof)
        .await
        .assert_error(403, "M_FORBIDDEN");
    assert_eq!(listener.connections(), 0);
    assert!(is.seen().is_empty());
}

#[tokio::test]
async fn display_names_revealing_the_address_are_refused_when_configured() {
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let hs = TestServer::start_with(|config| {
        config.server_name = NAME.into();
        config.identity_servers = vec![is.allow_list_entry()];
        config.refuse_display_names_revealing_address = true;
    })
    .await;
    let alice = hs.user("alice").await;
    let room = hs
        .create_room(&alice, json!({"preset": "private_chat"}))
        .await;
    let answer = hs
        .post(
            &format!("{BASE}/rooms/{}/invite", encode(&room)),
            Some(&alice),
            json!({"id_server": is.id_server, "medium": "email", "address": "Carol@Example.org", "display_name": "carol@example.org (Carol)"}),
        )
        .await;
    answer.assert_error(400, "M_BAD_JSON");
    assert!(is.seen().is_empty());
}

#[tokio::test]
async fn a_planted_invite_never_makes_the_server_fetch_another_path() {
    // An invite whose validity URL is another path of an allow-listed identity server, as
    // the first release let `createRoom` write (D14): written here straight to storage.
    let is = FakeIdentityServer::start(Lookup::Unbound).await;
    let f = fixture(vec![is.allow_list_entry()]).await;
    let elsewhere = format!("{}/_matrix/identity/api/v1/internal/admin", is.url);
    let room = server::ids::RoomId::parse(&f.private).unwrap();
    let alice = server::ids::UserId::parse(&user("alice")).unwrap();
    let content = generated::schemas::ThirdPartyInviteContent::new(
        "Someone".into(),
        elsewhere.clone(),
        is.public_key(),
    );
    f.hs.server
        .store
        .change_room(&room, &alice, Vec::new(), move |_| {
            Ok::<_, server::error::InternalError>(Some(server::events::NewEvent::state(
                "m.room.third_party_invite",
                "planted",
                server::events::Content::ThirdPartyInvite(content.clone()),
            )))
        })
        .await
        .unwrap();
    is.script().seen.clear();
    let proof = json!({
        "token": "planted",
        "public_key": is.public_key(),
        "key_validity_url": elsewhere,
        "sender": user("alice"),
        "signed": is.sign_proof(&user("carol"), "planted"),
    });
    join_with(&f, &f.carol, &f.private, &proof)
        .await
        .assert_error(403, "M_FORBIDDEN");
    assert!(is.seen().is_empty(), "nothing was fetched: {:?}", is.seen());
}
