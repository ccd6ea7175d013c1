//! The database going away under a running server (docs/membership.md, "Faults"): while it
//! is gone, readiness answers 503 (liveness stays 200, so an orchestrator stops sending
//! traffic rather than restarting a healthy process) and a request answers 500 `M_UNKNOWN`,
//! logged at ERROR; when it returns, both recover without a restart.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::BASE;
use crate::server_process::{add_user, free_port, login, serve};

/// Lets connections into database `name` (on the server of `admin_url`) or refuses them,
/// ending the ones already open: to the server, the database is gone.
async fn allow_connections(admin_url: &str, name: &str, allow: bool) {
    let (admin_url, name) = (admin_url.to_string(), name.to_string());
    tokio::task::spawn_blocking(move || {
        let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}"))
            .unwrap();
        if !allow {
            admin
                .execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                    &[&name],
                )
                .unwrap();
        }
    })
    .await
    .unwrap();
}

/// Asks `url` until it answers `status`, for at most `within`; the last body.
async fn wait_for(client: &reqwest::Client, url: &str, status: u16, within: Duration) -> String {
    let started = Instant::now();
    loop {
        let answer = client.get(url).send().await.unwrap();
        let seen = answer.status().as_u16();
        let body = answer.text().await.unwrap();
        if seen == status {
            return body;
        }
        assert!(
            started.elapsed() < within,
            "{url} still answers {seen} ({body}) after {within:?}, not {status}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_follows_the_database_and_failures_are_logged_as_errors() {
    let db = crate::postgres_cluster::fresh_database().await;
    let (base, name) = db.rsplit_once('/').unwrap();
    let admin = format!("{base}/postgres");
    add_user(&db, "alice");
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("server.log");
    let log = Stdio::from(std::fs::File::create(&log_path).unwrap());
    let port = free_port();
    let server = serve(&db, port, log, &[]).await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let token = login(&client, &url, "alice").await;
    wait_for(&client, &format!("{url}/health/ready"), 200, Duration::ZERO).await;
    let refused = client
        .get(format!("{url}{BASE}/rooms/%21nowhere%3Ahs.test/state"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_client_error(), "{}", refused.status());

    allow_connections(&admin, name, false).await;
    let body = wait_for(
        &client,
        &format!("{url}/health/ready"),
        503,
        Duration::from_secs(15),
    )
    .await;
    assert!(body.contains("unreachable"), "{body}");
    wait_for(&client, &format!("{url}/health"), 200, Duration::ZERO).await;
    let create_room = || async {
        client
            .post(format!("{url}{BASE}/createRoom"))
            .bearer_auth(&token)
            .json(&json!({}))
            .send()
            .await
            .unwrap()
    };
    let failed = create_room().await;
    assert_eq!(failed.status(), 500);
    let body: serde_json::Value = failed.json().await.unwrap();
    assert_eq!(body["errcode"], "M_UNKNOWN", "{body}");
    assert!(
        !body.to_string().contains(name),
        "no database detail reaches the client: {body}"
    );

    allow_connections(&admin, name, true).await;
    wait_for(
        &client,
        &format!("{url}/health/ready"),
        200,
        Duration::from_secs(30),
    )
    .await;
    let created = create_room().await;
    assert_eq!(created.status(), 200, "no restart needed");

    drop(server);
    let log = std::fs::read_to_string(&log_path).unwrap();
    let answered = |status: &str| {
        log.lines()
            .filter(|line| line.contains("answered") && line.contains(&format!("status={status}")))
            .collect::<Vec<_>>()
    };
    let errors = answered("500");
    assert!(
        errors
            .iter()
            .any(|line| line.contains("ERROR") && line.contains("/createRoom")),
        "a 500 is logged at ERROR:\n{log}"
    );
    assert!(
        log.lines()
            .any(|line| line.contains("ERROR") && line.contains("internal error")),
        "with its cause:\n{log}"
    );
    let unready = answered("503");
    assert!(
        !unready.is_empty() && unready.iter().all(|line| line.contains("ERROR")),
        "a 503 is logged at ERROR:\n{log}"
    );
    let client_errors: Vec<_> = log
        .lines()
        .filter(|line| line.contains("answered") && line.contains("/state"))
        .collect();
    assert!(
        !client_errors.is_empty() && client_errors.iter().all(|line| line.contains("INFO")),
        "a client's mistake is logged at INFO:\n{log}"
    );
}
