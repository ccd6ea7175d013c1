//! Two `server serve` processes on one PostgreSQL database behave as one server: tokens
//! issued by one work on the other, and membership changes racing across both are
//! serialised by the database, not by either process.

use std::process::Stdio;
use std::sync::Arc;

use serde_json::{Value, json};
use server::config::Config;
use server::ids::UserId;
use server::storage::Store;

use crate::harness::{BASE, encode};
use crate::serial_order::{Answers, Op, assert_serialisable};
use crate::server_process::{ServerChild, add_user, free_port, login, serve, session};

/// A server process (killed when the test ends however it ends) and its address.
struct Process {
    _child: ServerChild,
    url: String,
}

async fn start(db: &str) -> Process {
    let port = free_port();
    let child = serve(db, port, Stdio::null(), &["--database-connections", "8"]).await;
    Process {
        _child: child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

/// A fresh database with `alice` (added by `server user add`) and `users` more users (`u0`,
/// `u1`, ..., seeded through the store), all with password `pw`; the test's own handle on it.
async fn seeded(users: usize) -> (String, Store) {
    let db = crate::database::fresh_url(std::path::Path::new("")).await;
    let config = Config {
        server_name: "hs.test".into(),
        database_url: db.clone(),
        ..Config::default()
    };
    let store = Store::open(&config).await.unwrap();
    add_user(&db, "alice");
    let hash = server::credentials::hash_password("pw").unwrap();
    for i in 0..users {
        let user = UserId::parse(&format!("@u{i}:hs.test")).unwrap();
        assert!(store.create_user(&user, &hash).await.unwrap());
    }
    (db, store)
}

async fn post(client: &reqwest::Client, url: String, token: &str, body: Value) -> (u16, Value) {
    let response = client
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_and_rooms_are_shared_between_processes() {
    let (db, _store) = seeded(1).await;
    let (a, b) = (start(&db).await, start(&db).await);
    let client = reqwest::Client::new();

    // Logged in on A, the token works on B; refreshed on B, the new one works on A.
    let session = session(&client, &a.url, "alice").await;
    let token = session["access_token"].as_str().unwrap();
    let (status, created) = post(
        &client,
        format!("{}{BASE}/createRoom", b.url),
        token,
        json!({"preset": "public_chat", "room_alias_name": "shared"}),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let (status, refreshed) = post(
        &client,
        format!("{}{BASE}/tokenrefresh", b.url),
        token,
        json!({"refresh_token": session["refresh_token"]}),
    )
    .await;
    assert_eq!(status, 200, "{refreshed}");
    let (status, again) = post(
        &client,
        format!("{}{BASE}/tokenrefresh", a.url),
        token,
        json!({"refresh_token": session["refresh_token"]}),
    )
    .await;
    assert_eq!(
        (status, again["errcode"].as_str()),
        (403, Some("M_FORBIDDEN")),
        "a refresh token used on B is spent on A too: {again}"
    );
    let new_token = refreshed["access_token"].as_str().unwrap();

    // A room created on B is joined by alias through A.
    let u0 = login(&client, &a.url, "u0").await;
    let (status, joined) = post(
        &client,
        format!("{}{BASE}/join/{}", a.url, encode("#shared:hs.test")),
        &u0,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{joined}");
    assert_eq!(joined["room_id"], created["room_id"]);
    let members: Value = client
        .get(format!(
            "{}{BASE}/rooms/{}/members",
            a.url,
            encode(created["room_id"].as_str().unwrap())
        ))
        .bearer_auth(new_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let joined_members = members["chunk"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["content"]["membership"] == "join")
        .count();
    assert_eq!(joined_members, 2, "{members}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn membership_changes_racing_across_two_processes_are_serialised() {
    const USERS: usize = 50;
    const ROUNDS: usize = 18;
    const IN_FLIGHT: usize = 64;
    let (db, store) = seeded(USERS).await;
    let servers = [start(&db).await, start(&db).await];
    let urls: Arc<[String; 2]> = Arc::new([servers[0].url.clone(), servers[1].url.clone()]);
    let client = reqwest::Client::new();

    let alice = login(&client, &urls[0], "alice").await;
    let (status, created) = post(
        &client,
        format!("{}{BASE}/createRoom", urls[1]),
        &alice,
        json!({"preset": "private_chat"}),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let room = created["room_id"].as_str().unwrap().to_string();
    let mut tokens = Vec::new();
    for i in 0..USERS {
        tokens.push(login(&client, &urls[i % 2], &format!("u{i}")).await);
    }

    // Every user, every round: alice invites through one process, the user joins through
    // the other, then is banned, leaves, or stays. All rounds of all users race.
    let gate = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        for round in 0..ROUNDS {
            let (client, urls, gate) = (client.clone(), urls.clone(), gate.clone());
            let (room, alice, token) = (encode(&room), alice.clone(), token.clone());
            let user = format!("@u{i}:hs.test");
            tasks.push(tokio::spawn(async move {
                let _permit = gate.acquire().await.unwrap();
                let on = |n: usize| &urls[(i + round + n) % 2];
                let mut log: Vec<(Op, u16)> = Vec::new();
                let rooms =
                    |n: usize, action: &str| format!("{}{BASE}/rooms/{room}/{action}", on(n));
                let target = json!({"user_id": user});
                let (status, _) = post(&client, rooms(0, "invite"), &alice, target.clone()).await;
                log.push(("invite", status));
                let (status, _) = post(&client, rooms(1, "join"), &token, json!({})).await;
                log.push(("join", status));
                match (i + round) % 3 {
                    0 if round % 4 == 3 => {
                        let (status, _) = post(&client, rooms(0, "ban"), &alice, target).await;
                        log.push(("ban", status));
                    }
                    1 => {
                        let (status, _) = post(&client, rooms(1, "leave"), &token, json!({})).await;
                        log.push(("leave", status));
                    }
                    _ => {}
                }
                (user, log)
            }));
        }
    }
    let mut answers = Answers::new();
    let mut requests = 0;
    for task in tasks {
        let (user, log) = task.await.unwrap();
        requests += log.len();
        answers.entry(user).or_default().extend(log);
    }
    assert!(requests >= 2_000, "only {requests} requests");
    assert_serialisable(&store, &room, "@alice:hs.test", &answers).await;
}
