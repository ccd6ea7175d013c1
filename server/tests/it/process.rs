//! The real binary: users added from the command line, durability across `kill -9`, clean
//! SIGTERM, and bounded memory under a thousand stalled uploads.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::harness::{BASE, encode};
use crate::server_process::{add_user, binary, free_port, login, serve};

#[tokio::test]
async fn everything_answered_200_survives_kill_9() {
    const USERS: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("hs.db").display());
    add_user(&db, "alice");
    for i in 0..USERS {
        add_user(&db, &format!("u{i}"));
    }
    let port = free_port();
    let mut child = serve(&db, port, Stdio::null(), &[]).await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let alice = login(&client, &url, "alice").await;
    let created: serde_json::Value = client
        .post(format!("{url}{BASE}/createRoom?access_token={alice}"))
        // Invite-only, with only the even-numbered users invited: the odd ones are refused.
        .json(&json!({"preset": "private_chat",
            "invite": (0..USERS).step_by(2).map(|i| format!("@u{i}:hs.test")).collect::<Vec<_>>()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let room = created["room_id"].as_str().unwrap().to_string();
    let (mut joined, mut refused) = (Vec::new(), Vec::new());
    for i in 0..USERS {
        let token = login(&client, &url, &format!("u{i}")).await;
        let status = client
            .post(format!(
                "{url}{BASE}/rooms/{}/join?access_token={token}",
                encode(&room)
            ))
            .send()
            .await
            .unwrap()
            .status();
        match status.as_u16() {
            200 => joined.push(format!("@u{i}:hs.test")),
            403 => refused.push(format!("@u{i}:hs.test")),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((joined.len(), refused.len()), (USERS / 2, USERS / 2));
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush.
    child.wait().unwrap();

    let port = free_port();
    let mut child = serve(&db, port, Stdio::null(), &[]).await;
    let url = format!("http://127.0.0.1:{port}");
    let alice = login(&client, &url, "alice").await;
    let members: serde_json::Value = client
        .get(format!(
            "{url}{BASE}/rooms/{}/members?access_token={alice}",
            encode(&room)
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let membership = |user: &str| {
        members["chunk"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["state_key"] == user)
            .and_then(|e| e["content"]["membership"].as_str())
            .map(str::to_string)
    };
    for user in &joined {
        assert_eq!(
            membership(user).as_deref(),
            Some("join"),
            "{user} was answered 200 but is gone"
        );
    }
    for user in &refused {
        assert_eq!(membership(user), None, "{user} was refused but is a member");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn passwords_are_never_taken_from_the_command_line_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("hs.db").display());
    let output = binary()
        .args(["--database-url", &db, "user", "add", "bob", "secret"])
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "a bare password argument is refused"
    );
    let help = binary().args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--listen",
        "--rate-limit-per-second",
        "--max-body-bytes",
        "--log-json",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

/// Example 36 (docs/membership.md): no token reaches the log, however a client spells its
/// query string (query strings are not logged at all); SIGTERM stops the server cleanly.
#[tokio::test]
async fn s36_logs_never_contain_tokens_and_sigterm_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("hs.db").display());
    add_user(&db, "alice");
    let log_path = dir.path().join("server.log");
    let port = free_port();
    let mut child = serve(
        &db,
        port,
        Stdio::from(std::fs::File::create(&log_path).unwrap()),
        &[],
    )
    .await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let token = login(&client, &url, "alice").await;
    for query in [
        format!("access_token={token}"),
        format!("x=1&access%5Ftoken={token}"),
        format!("ACCESS_TOKEN={token}"),
        format!("x=1;access_token={token}"),
        format!("access_token%3D{token}"),
    ] {
        client
            .post(format!("{url}{BASE}/createRoom?{query}"))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
    }
    client
        .post(format!("{url}{BASE}/join/%21nope%3Ahs.test"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success(), "SIGTERM is a clean exit");
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("/_matrix/client/api/v1/createRoom"), "{log}");
    assert!(!log.contains(&token), "a token reached the log:\n{log}");
    assert!(
        !log.contains("access_token"),
        "query strings are not logged:\n{log}"
    );
    assert!(log.contains("stopped"), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "a log written to a file has no terminal colour codes"
    );
}

/// Resident memory of process `pid`, in MiB.
fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse::<f64>().ok())
        .unwrap()
        / 1024.0
}

/// A thousand clients each stall just short of the end of a 60 KiB upload: the server holds
/// at most one capped body per connection, lets them go at the read deadline, and keeps
/// answering everyone else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_stays_bounded_under_a_thousand_stalled_uploads() {
    use tokio::io::AsyncWriteExt;
    const CONNECTIONS: usize = 1_000;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("hs.db").display());
    add_user(&db, "alice");
    let port = free_port();
    let mut child = serve(
        &db,
        port,
        Stdio::null(),
        &[
            "--read-timeout-seconds",
            "3",
            // A thousand clients, all on 127.0.0.1 here.
            "--max-connections-per-address",
            "2000",
        ],
    )
    .await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let token = login(&client, &url, "alice").await;
    let before = rss_mib(child.id());
    let head = format!(
        "POST {BASE}/createRoom HTTP/1.1\r\nhost: a\r\nauthorization: Bearer {token}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n",
        60 * 1024
    );
    let body = vec![b' '; 59 * 1024];
    let mut stalled = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body).await.unwrap();
        stalled.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let held = rss_mib(child.id());
    // Everyone else is answered meanwhile.
    let health = client.get(format!("{url}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(
        held - before < 150.0,
        "{CONNECTIONS} stalled uploads took {:.0} MiB",
        held - before
    );
    // At the deadline each is refused, and the server still answers.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let health = client.get(format!("{url}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    drop(stalled);
    child.kill().unwrap();
    child.wait().unwrap();
    // Nothing was created.
    let events: i64 = rusqlite::Connection::open(dir.path().join("hs.db"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM events", [], |row| row.get(0))
        .unwrap();
    assert_eq!(events, 0);
    eprintln!("RSS {before:.1} MiB idle, {held:.1} MiB holding {CONNECTIONS} stalled uploads");
}
