//! One client against everyone else (docs/membership.md, "Rate limits", "Connections"): a
//! login flood, timing that would tell which users exist, rooms and aliases made by the
//! thousand, and connections that never send a request. Each bounded in time.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::harness::{BASE, Fixture, TestServer};

/// A user with the password `pw`, added through storage (logging in would spend the very
/// attempts these tests count).
async fn add_user(hs: &TestServer, localpart: &str) {
    let user = server::ids::UserId::parse(&format!("@{localpart}:hs.test")).unwrap();
    let hash = server::credentials::hash_password("pw").unwrap();
    assert!(hs.server.store.create_user(&user, &hash).await.unwrap());
}

/// A client whose requests come from `address` (any of 127.0.0.0/8).
fn client_from(address: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::from(address)))
        .build()
        .unwrap()
}

async fn login(
    client: &reqwest::Client,
    hs: &TestServer,
    user: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{}{BASE}/login", hs.url))
        .json(&json!({"type": "m.login.password", "user": user, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_flood_is_refused_early_and_others_still_log_in() {
    let hs = TestServer::start_with(|config| {
        config.login_per_second = 0.01;
        config.login_burst = 10;
        config.password_checks = 2;
        config.password_check_queue = 4;
        // Each attempt on a connection of its own: the login limits are what is tested here.
        config.max_connections_per_address = 1000;
    })
    .await;
    add_user(&hs, "alice").await;
    add_user(&hs, "bob").await;
    let flooder = client_from([127, 0, 0, 1]);
    let attempts: Vec<_> = (0..200)
        .map(|_| {
            let (client, hs_url) = (flooder.clone(), hs.url.clone());
            tokio::spawn(async move {
                let response = client
                    .post(format!("{hs_url}{BASE}/login"))
                    .json(
                        &json!({"type": "m.login.password", "user": "alice", "password": "wrong"}),
                    )
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let retry_after = response.headers().contains_key("retry-after");
                let body: serde_json::Value = response.json().await.unwrap();
                (status, retry_after, body)
            })
        })
        .collect();
    // Meanwhile bob, from another address, logs in.
    let started = Instant::now();
    let bob = login(&client_from([127, 0, 0, 2]), &hs, "bob", "pw").await;
    let took = started.elapsed();
    assert_eq!(bob.status().as_u16(), 200);
    assert!(took < Duration::from_secs(1), "bob waited {took:?}");
    let mut limited = 0;
    for attempt in attempts {
        let (status, retry_after, body) = attempt.await.unwrap();
        match status {
            403 => assert_eq!(body["errcode"], "M_FORBIDDEN"),
            429 => {
                limited += 1;
                assert_eq!(body["errcode"], "M_LIMIT_EXCEEDED");
                assert!(body["retry_after_ms"].as_u64().unwrap() >= 1, "{body}");
                assert!(retry_after, "429 carries Retry-After");
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert!(
        limited >= 185,
        "only {limited} of 200 were refused before a password check"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_takes_as_long_for_an_unknown_user() {
    let hs = TestServer::start().await;
    add_user(&hs, "alice").await;
    let client = reqwest::Client::new();
    // Alternating, and the fastest of each: what the work takes, without what other tests
    // running beside this one add.
    let (mut known, mut unknown) = (Duration::MAX, Duration::MAX);
    for _ in 0..15 {
        for (user, fastest) in [("alice", &mut known), ("nobody", &mut unknown)] {
            let started = Instant::now();
            let answer = login(&client, &hs, user, "wrong").await;
            *fastest = (*fastest).min(started.elapsed());
            assert_eq!(answer.status().as_u16(), 403);
        }
    }
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    assert!(
        (0.8..=1.2).contains(&ratio),
        "known {known:?}, unknown {unknown:?}: a login's time tells which users exist"
    );
}

#[tokio::test]
async fn rooms_aliases_and_invitees_have_their_own_limits() {
    let hs = TestServer::start_with(|config| {
        config.room_creation_per_second = 0.001;
        config.room_creation_burst = 2;
        config.alias_creation_per_second = 0.001;
        config.alias_creation_burst = 1;
        config.rate_limit_per_second = 0.001;
        config.rate_limit_burst = 5;
        config.max_create_room_invites = 4;
    })
    .await;
    let alice = hs.user("alice").await;
    let path = format!("{BASE}/createRoom");
    let create = |body: serde_json::Value| hs.post(&path, Some(&alice), body);
    // Five invitees are more than a createRoom may invite: refused, and nothing written.
    let many: Vec<String> = (0..5).map(|i| format!("@u{i}:hs.test")).collect();
    let refused = create(json!({"invite": many})).await;
    refused.assert_error(400, "M_BAD_JSON");
    // Three invitees take three of the five invite tokens...
    let room = create(json!({"invite": ["@a:hs.test", "@b:hs.test", "@c:hs.test"]})).await;
    let room = room.assert_ok()["room_id"].as_str().unwrap().to_string();
    // ...so three more cannot come out of the two left.
    create(json!({"invite": ["@d:hs.test", "@e:hs.test", "@f:hs.test"]}))
        .await
        .assert_error(429, "M_LIMIT_EXCEEDED");
    // The second room was counted, the third is one too many.
    create(json!({}))
        .await
        .assert_error(429, "M_LIMIT_EXCEEDED");
    // One alias, then no more.
    let directory = |alias: &str| format!("{BASE}/directory/room/{}", alias.replace('#', "%23"));
    for (alias, status) in [("#one:hs.test", 200), ("#two:hs.test", 429)] {
        let answer = hs
            .send(
                reqwest::Method::PUT,
                &directory(alias),
                Some(&alice),
                Some(json!({"room_id": room}).to_string()),
            )
            .await;
        assert_eq!(answer.status.as_u16(), status, "{}", answer.body);
    }
}

/// Opens `n` connections to `to` from `from` that send nothing.
async fn silent_connections(from: [u8; 4], to: SocketAddr, n: usize) -> Vec<TcpStream> {
    let mut held = Vec::with_capacity(n);
    for _ in 0..n {
        let socket = TcpSocket::new_v4().unwrap();
        socket
            .bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::from(from)), 0))
            .unwrap();
        held.push(socket.connect(to).await.unwrap());
    }
    held
}

/// Whether the server closed `stream` within `wait` (whatever it sent before, such as an
/// HTTP/2 server's settings).
async fn closed(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    let deadline = Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline.into(), stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_hold_every_connection() {
    let f = Fixture::with(
        TestServer::start_with(|config| {
            config.max_connections = 60;
            config.max_connections_per_address = 20;
        })
        .await,
    )
    .await;
    let to: SocketAddr = f.hs.url.trim_start_matches("http://").parse().unwrap();
    let mut held = silent_connections([127, 0, 0, 1], to, 80).await;
    // Beyond its share, the address's connections are closed as they come.
    let mut shut = 0;
    for stream in held.iter_mut().rev().take(60) {
        if closed(stream, Duration::from_millis(500)).await {
            shut += 1;
        }
    }
    assert!(
        shut >= 55,
        "only {shut} of the 60 over the share were closed"
    );
    // Another address is served at once.
    let started = Instant::now();
    let health = client_from([127, 0, 0, 2])
        .get(format!("{}/health", f.hs.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_asks_nothing_in_time_is_closed_whatever_it_claims() {
    let f = Fixture::with(TestServer::start_with(|config| config.read_timeout_seconds = 1.0).await)
        .await;
    let to: SocketAddr = f.hs.url.trim_start_matches("http://").parse().unwrap();
    let mut silent = TcpStream::connect(to).await.unwrap();
    let mut preface_only = TcpStream::connect(to).await.unwrap();
    preface_only
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    for stream in [&mut silent, &mut preface_only] {
        assert!(closed(stream, Duration::from_secs(5)).await, "still open");
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "closed after {took:?}");
}
