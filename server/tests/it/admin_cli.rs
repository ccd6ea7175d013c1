//! The administrator's commands, run as the real binary against the database of a running
//! `server serve` (README, "Administering"): what they print, their exit codes, and that
//! the running server sees what they changed.

use std::io::Write;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::{BASE, encode};
use crate::server_process::{ServerChild, add_user, binary_on, free_port, login, serve};

/// Runs `server --server-name hs.test --database-url db ARGS`, with `stdin` as its input.
fn run(db: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = binary_on(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON a command printed, after checking it succeeded.
#[track_caller]
fn json_of(output: &Output) -> Value {
    assert_eq!(code(output), 0, "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

struct Running {
    db: String,
    url: String,
    client: reqwest::Client,
    _child: ServerChild,
    _dir: tempfile::TempDir,
}

/// A served database with alice and bob (password `pw`), tokens trusted for 1 s.
async fn running() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::database::fresh_url(dir.path()).await;
    add_user(&db, "alice");
    add_user(&db, "bob");
    let port = free_port();
    let child = serve(&db, port, Stdio::null(), &["--token-cache-seconds", "1"]).await;
    Running {
        db,
        url: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        _child: child,
        _dir: dir,
    }
}

impl Running {
    async fn call(&self, method: &str, path: &str, token: &str, body: Value) -> (u16, Value) {
        let url = format!("{}{BASE}{path}", self.url);
        let request = match method {
            "GET" => self.client.get(url),
            "DELETE" => self.client.delete(url),
            _ => self.client.post(url).json(&body),
        };
        let response = request.bearer_auth(token).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn login_status(&self, user: &str, password: &str) -> u16 {
        self.client
            .post(format!("{}{BASE}/login", self.url))
            .json(&json!({"type": "m.login.password", "user": user, "password": password}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn a_revoked_token_stops_working_on_the_running_server_within_its_cache_lifetime() {
    let hs = running().await;
    let bob = login(&hs.client, &hs.url, "bob").await;
    // Used once, so the running server remembers it.
    let (status, _) = hs.call("POST", "/createRoom", &bob, json!({})).await;
    assert_eq!(status, 200);

    let revoked = run(&hs.db, &["user", "tokens", "revoke", "bob"], "");
    assert_eq!(code(&revoked), 0, "{}", stderr(&revoked));
    assert!(stdout(&revoked).contains("revoked 1 token(s) of @bob:hs.test"));
    assert!(
        stderr(&revoked).contains("database: "),
        "every command names its database"
    );

    let since = Instant::now();
    loop {
        let (status, body) = hs.call("POST", "/createRoom", &bob, json!({})).await;
        if status == 403 {
            assert_eq!(body["errcode"], "M_UNKNOWN_TOKEN");
            break;
        }
        assert!(
            since.elapsed() < Duration::from_secs(3),
            "the revoked token still works after {:?}",
            since.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Logging in again works: revoking ends sessions, not the account.
    assert_eq!(hs.login_status("bob", "pw").await, 200);

    let missing = run(&hs.db, &["user", "tokens", "revoke", "nobody"], "");
    assert_eq!(code(&missing), 3, "not found: {}", stderr(&missing));
}

#[tokio::test]
async fn passwd_replaces_the_password_and_list_shows_the_accounts() {
    let hs = running().await;
    login(&hs.client, &hs.url, "alice").await;

    let changed = run(
        &hs.db,
        &["user", "passwd", "@bob:hs.test", "--password-stdin"],
        "new\n",
    );
    assert_eq!(code(&changed), 0, "{}", stderr(&changed));
    assert_eq!(hs.login_status("bob", "pw").await, 403);
    assert_eq!(hs.login_status("bob", "new").await, 200);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("password");
    std::fs::write(&file, "newer\n").unwrap();
    let from_file = run(
        &hs.db,
        &[
            "user",
            "passwd",
            "bob",
            "--password-file",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code(&from_file), 0, "{}", stderr(&from_file));
    assert_eq!(hs.login_status("bob", "newer").await, 200);

    let missing = run(
        &hs.db,
        &["user", "passwd", "carol", "--password-stdin"],
        "x\n",
    );
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
    assert!(stderr(&missing).contains("there is no user @carol:hs.test"));

    let users = json_of(&run(&hs.db, &["user", "list", "--json"], ""));
    let rows = users.as_array().unwrap();
    let ids: Vec<&str> = rows
        .iter()
        .map(|u| u["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["@alice:hs.test", "@bob:hs.test"]);
    assert_eq!(rows[0]["tokens"], 1);
    assert_eq!(rows[1]["tokens"], 2);
    assert!(rows.iter().all(|u| u["deactivated_ts"].is_null()));

    let table = run(&hs.db, &["user", "list"], "");
    assert_eq!(code(&table), 0);
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("USER"), "{text}");
    assert!(
        lines[1].starts_with("@alice:hs.test") && lines[1].contains("active"),
        "{text}"
    );
}

#[tokio::test]
async fn deactivate_refuses_login_revokes_tokens_and_leaves_through_the_leave_rule() {
    let hs = running().await;
    let alice = login(&hs.client, &hs.url, "alice").await;
    let bob = login(&hs.client, &hs.url, "bob").await;
    let (_, public) = hs
        .call(
            "POST",
            "/createRoom",
            &alice,
            json!({"preset": "public_chat", "room_alias_name": "lobby"}),
        )
        .await;
    let public = public["room_id"].as_str().unwrap().to_string();
    let (_, private) = hs
        .call(
            "POST",
            "/createRoom",
            &alice,
            json!({"preset": "private_chat"}),
        )
        .await;
    let private = private["room_id"].as_str().unwrap().to_string();
    let (status, _) = hs
        .call(
            "POST",
            &format!("/rooms/{}/join", encode(&public)),
            &bob,
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = hs
        .call(
            "POST",
            &format!("/rooms/{}/invite", encode(&private)),
            &alice,
            json!({"user_id": "@bob:hs.test"}),
        )
        .await;
    assert_eq!(status, 200);

    let done = json_of(&run(&hs.db, &["user", "deactivate", "bob", "--json"], ""));
    assert_eq!(done["user_id"], "@bob:hs.test");
    assert_eq!(done["tokens_revoked"], 1);
    let mut left: Vec<String> = done["rooms_left"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    left.sort();
    let mut expected = vec![public.clone(), private.clone()];
    expected.sort();
    assert_eq!(left, expected, "the joined room left, the invite rejected");

    // The leave is an ordinary m.room.member event sent by bob.
    let (status, state) = hs
        .call(
            "GET",
            &format!(
                "/rooms/{}/state/m.room.member/{}",
                encode(&public),
                encode("@bob:hs.test")
            ),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, &state["membership"]),
        (200, &json!("leave")),
        "{state}"
    );
    let (_, invite) = hs
        .call(
            "GET",
            &format!(
                "/rooms/{}/state/m.room.member/{}",
                encode(&private),
                encode("@bob:hs.test")
            ),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(invite["membership"], "leave", "{invite}");

    assert_eq!(
        hs.login_status("bob", "pw").await,
        403,
        "no login once deactivated"
    );
    let since = Instant::now();
    while hs.call("POST", "/createRoom", &bob, json!({})).await.0 != 403 {
        assert!(
            since.elapsed() < Duration::from_secs(3),
            "bob's token still works"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let deactivated = json_of(&run(
        &hs.db,
        &["user", "list", "--deactivated", "--json"],
        "",
    ));
    assert_eq!(deactivated.as_array().unwrap().len(), 1);
    assert_eq!(deactivated[0]["user_id"], "@bob:hs.test");
    assert!(deactivated[0]["deactivated_ts"].is_i64());

    let missing = run(&hs.db, &["user", "deactivate", "nobody"], "");
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
    let foreign = run(&hs.db, &["user", "deactivate", "@bob:elsewhere"], "");
    assert_eq!(code(&foreign), 4, "{}", stderr(&foreign));
}

#[tokio::test]
async fn room_list_show_and_delete_alias() {
    let hs = running().await;
    let alice = login(&hs.client, &hs.url, "alice").await;
    let bob = login(&hs.client, &hs.url, "bob").await;
    let (_, room) = hs
        .call(
            "POST",
            "/createRoom",
            &alice,
            json!({"preset": "public_chat", "room_alias_name": "lobby", "name": "The lobby"}),
        )
        .await;
    let room = room["room_id"].as_str().unwrap().to_string();
    hs.call(
        "POST",
        &format!("/rooms/{}/join", encode(&room)),
        &bob,
        json!({}),
    )
    .await;

    let rooms = json_of(&run(&hs.db, &["room", "list", "--json"], ""));
    assert_eq!(
        rooms,
        json!([{
            "room_id": room,
            "creator": "@alice:hs.test",
            "aliases": ["#lobby:hs.test"],
            "members": {"join": 2},
        }])
    );
    let table = stdout(&run(&hs.db, &["room", "list"], ""));
    assert!(table.starts_with("ROOM"), "{table}");
    assert!(table.contains("#lobby:hs.test"), "{table}");

    let shown = json_of(&run(
        &hs.db,
        &["room", "show", "#lobby:hs.test", "--json"],
        "",
    ));
    assert_eq!(shown["room_id"], room.as_str());
    assert_eq!(
        shown["members"],
        json!([
            {"user_id": "@alice:hs.test", "membership": "join"},
            {"user_id": "@bob:hs.test", "membership": "join"},
        ])
    );
    assert!(
        shown["state"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "m.room.name" && e["content"]["name"] == "The lobby"),
        "{shown}"
    );
    let text = stdout(&run(&hs.db, &["room", "show", &room], ""));
    assert!(text.contains("creator:  @alice:hs.test"), "{text}");

    let deleted = run(&hs.db, &["room", "delete-alias", "#lobby:hs.test"], "");
    assert_eq!(code(&deleted), 0, "{}", stderr(&deleted));
    let (status, _) = hs
        .call(
            "GET",
            &format!("/directory/room/{}", encode("#lobby:hs.test")),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, 404, "the running server no longer resolves it");
    let again = run(&hs.db, &["room", "delete-alias", "#lobby:hs.test"], "");
    assert_eq!(code(&again), 3, "{}", stderr(&again));
    let unknown = run(&hs.db, &["room", "show", "!nope:hs.test"], "");
    assert_eq!(code(&unknown), 3, "{}", stderr(&unknown));
    let malformed = run(&hs.db, &["room", "show", "lobby"], "");
    assert_eq!(code(&malformed), 4, "{}", stderr(&malformed));
}

#[tokio::test]
async fn user_add_takes_only_names_and_ids_of_this_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::database::fresh_url(dir.path()).await;
    let added = run(
        &db,
        &["user", "add", "@bob:hs.test", "--password-stdin"],
        "pw\n",
    );
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    assert_eq!(stdout(&added).trim(), "added @bob:hs.test");
    for (name, why) in [
        ("x:y", "may only contain a-z, 0-9"),
        ("Bob", "may only contain a-z, 0-9"),
        ("@carol:elsewhere", "not to this server (hs.test)"),
        ("@@bob:hs.test", "may only contain a-z, 0-9"),
    ] {
        let refused = run(&db, &["user", "add", name, "--password-stdin"], "pw\n");
        assert_eq!(code(&refused), 4, "{name}: {}", stderr(&refused));
        assert!(
            stderr(&refused).contains(why),
            "{name}: {}",
            stderr(&refused)
        );
    }
    let again = run(&db, &["user", "add", "bob", "--password-stdin"], "pw\n");
    assert_eq!(code(&again), 4, "{}", stderr(&again));
    assert!(stderr(&again).contains("@bob:hs.test already exists"));
    let users = json_of(&run(&db, &["user", "list", "--json"], ""));
    assert_eq!(users.as_array().unwrap().len(), 1);
}
