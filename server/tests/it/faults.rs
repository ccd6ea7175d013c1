//! Faults of the machine, not the client (docs/membership.md, "Faults"): a full disk is
//! answered with clean 500s, writes nothing half, and once space is back every endpoint
//! works again without a restart; what was answered 200 survives `kill -9` meanwhile.
//! SQLite makes the disk "full" with its page limit (`sqlite_max_bytes`).

use std::process::Stdio;

use serde_json::json;

use crate::harness::{BASE, Fixture, encode};
use crate::server_process::{add_user, free_port, login, serve};

/// How many rows each table that requests write holds, read straight from the file.
fn rows(database_url: &str) -> [i64; 4] {
    let path = database_url.trim_start_matches("sqlite://");
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    ["events", "tokens", "room_aliases", "forgotten_rooms"].map(|table| {
        db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
    })
}

#[tokio::test]
async fn a_full_disk_is_a_clean_500_and_every_endpoint_works_again_once_freed() {
    let f = Fixture::new().await;
    let url = f.hs.server.config.database_url.clone();
    f.hs.join(&f.bob, &f.public).await.assert_ok();
    let room = encode(&f.public);
    let directory = |alias: &str| format!("{BASE}/directory/room/{}", encode(alias));
    let login_bob = json!({"type": "m.login.password", "user": "bob", "password": "pw"});
    let store = &f.hs.server.store;
    let size = std::fs::metadata(url.trim_start_matches("sqlite://"))
        .unwrap()
        .len();
    store
        .limit_sqlite_size(Some(size + 64 * 1024))
        .await
        .unwrap();

    // Rooms with long names until the database is full.
    let name = "n".repeat(4096);
    let mut full = None;
    for _ in 0..200 {
        let answer =
            f.hs.post(
                &format!("{BASE}/createRoom"),
                Some(&f.alice),
                json!({"name": name}),
            )
            .await;
        if answer.status.as_u16() == 500 {
            full = Some(answer);
            break;
        }
        answer.assert_ok();
    }
    let full = full.expect("the database never filled");
    full.assert_error(500, "M_UNKNOWN");
    assert_eq!(
        full.body["error"], "Internal server error",
        "no detail leaks"
    );

    // While full, every kind of write fails cleanly and leaves nothing behind. A small row
    // may still fit in a page's free space, so each kind is repeated until it is refused.
    let refused_row_counts = |kind: &str, before: [i64; 4]| {
        assert_eq!(rows(&url), before, "a refused {kind} left something behind");
    };
    for attempt in 0..500 {
        let before = rows(&url);
        let answer =
            f.hs.post(&format!("{BASE}/login"), None, login_bob.clone())
                .await;
        if answer.status.as_u16() == 500 {
            answer.assert_error(500, "M_UNKNOWN");
            refused_row_counts("login", before);
            break;
        }
        answer.assert_ok();
        assert!(attempt < 499, "logins never filled the database");
    }
    for attempt in 0..500 {
        let before = rows(&url);
        let answer =
            f.hs.send(
                reqwest::Method::PUT,
                &directory(&format!("#full{attempt}:hs.test")),
                Some(&f.bob),
                Some(json!({"room_id": f.public}).to_string()),
            )
            .await;
        if answer.status.as_u16() == 500 {
            answer.assert_error(500, "M_UNKNOWN");
            refused_row_counts("directory PUT", before);
            break;
        }
        answer.assert_ok();
        assert!(attempt < 499, "aliases never filled the database");
    }
    let before = rows(&url);
    f.hs.post(
        &format!("{BASE}/createRoom"),
        Some(&f.alice),
        json!({"name": name}),
    )
    .await
    .assert_error(500, "M_UNKNOWN");
    refused_row_counts("createRoom", before);

    // Space again: no restart, and everything works.
    store.limit_sqlite_size(None).await.unwrap();
    f.hs.post(
        &format!("{BASE}/createRoom"),
        Some(&f.alice),
        json!({"name": name}),
    )
    .await
    .assert_ok();
    f.hs.post(&format!("{BASE}/login"), None, login_bob)
        .await
        .assert_ok();
    f.hs.send(
        reqwest::Method::PUT,
        &directory("#full:hs.test"),
        Some(&f.bob),
        Some(json!({"room_id": f.public}).to_string()),
    )
    .await
    .assert_ok();
    f.hs.invite(&f.alice, &f.private, "@carol:hs.test")
        .await
        .assert_ok();
    f.hs.post(
        &format!("{BASE}/rooms/{room}/forget"),
        Some(&f.bob),
        json!({}),
    )
    .await
    .assert_ok();
    f.hs.join(&f.carol, &f.private).await.assert_ok();
}

#[tokio::test]
async fn what_a_full_disk_answered_200_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("hs.db").display());
    add_user(&db, "alice");
    let size = std::fs::metadata(dir.path().join("hs.db")).unwrap().len();
    let limit = (size + 128 * 1024).to_string();
    let port = free_port();
    let mut child = serve(&db, port, Stdio::null(), &["--sqlite-max-bytes", &limit]).await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let alice = login(&client, &url, "alice").await;
    let (mut created, mut refused) = (Vec::new(), 0);
    let name = "n".repeat(4096);
    while refused < 3 && created.len() < 300 {
        let answer = client
            .post(format!("{url}{BASE}/createRoom?access_token={alice}"))
            .json(&json!({"name": name}))
            .send()
            .await
            .unwrap();
        match answer.status().as_u16() {
            200 => {
                let body: serde_json::Value = answer.json().await.unwrap();
                created.push(body["room_id"].as_str().unwrap().to_string());
            }
            500 => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(refused, 3, "the database never filled");
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush.
    child.wait().unwrap();

    let port = free_port();
    let mut child = serve(&db, port, Stdio::null(), &[]).await;
    let url = format!("http://127.0.0.1:{port}");
    let alice = login(&client, &url, "alice").await;
    for room in &created {
        let status = client
            .get(format!(
                "{url}{BASE}/rooms/{}/state/m.room.name/?access_token={alice}",
                encode(room)
            ))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status.as_u16(), 200, "{room} was answered 200 but is gone");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
