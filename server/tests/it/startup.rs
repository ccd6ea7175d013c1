//! Starting the real binary: the summary it logs first, settings checked before anything
//! runs (and blamed on the environment variable they came from), a database kept to its
//! server name, and database failures that say where and why.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::fake_identity::{FakeIdentityServer, Lookup};
use crate::server_process::{ServerChild, add_user, binary, binary_on, free_port, serve};

fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("hs.db").display())
}

#[tokio::test]
async fn the_first_lines_say_what_the_server_runs_with() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    let log_path = dir.path().join("server.log");
    let port = free_port();
    // A host name is resolved; the boolean variable takes the usual spellings.
    let child = ServerChild(
        binary_on(&db)
            .args(["serve", "--listen", &format!("localhost:{port}")])
            .env("HOMESERVER_LOG_JSON", "no")
            .stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()))
            .spawn()
            .unwrap(),
    );
    let client = reqwest::Client::new();
    let started = Instant::now();
    while client
        .get(format!("http://127.0.0.1:{port}/health"))
        .send()
        .await
        .is_err()
    {
        assert!(started.elapsed() < Duration::from_secs(10), "not serving");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    stop(child, &log_path);
    let log = std::fs::read_to_string(&log_path).unwrap();
    let path = dir.path().join("hs.db");
    for line in [
        format!("version: {}", env!("CARGO_PKG_VERSION")),
        format!("listen: 127.0.0.1:{port}"),
        "server name: hs.test".to_string(),
        format!("database: {} (SQLite)", path.display()),
        "config file: none".to_string(),
        "durability: process-crash".to_string(),
        "identity servers: none".to_string(),
        "rate limits: joins and invites 0.2/s (burst 10) per user".to_string(),
        "token cache: 5 s".to_string(),
        "created a new database".to_string(),
    ] {
        assert!(log.contains(&line), "{line:?} missing from:\n{log}");
    }
    assert!(
        log.find("version:") < log.find("serving"),
        "the summary comes first:\n{log}"
    );

    let json = binary_on(&db)
        .args(["serve", "--listen", "127.0.0.1:1", "--max-body-bytes", "0"])
        .env("HOMESERVER_LOG_JSON", "on")
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&json.stderr).contains("max_body_bytes must be at least 1024"),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
}

#[test]
fn settings_from_the_environment_are_blamed_on_their_variable() {
    let dir = tempfile::tempdir().unwrap();
    let output = binary_on(&sqlite_url(&dir))
        .args(["serve"])
        .env("HOMESERVER_MAX_BODY_BYTES", "lots")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("HOMESERVER_MAX_BODY_BYTES=\"lots\""),
        "{stderr}"
    );
    for (flag, value, why) in [
        ("--listen", "127.0.0.1", "has no port"),
        (
            "--rate-limit-burst",
            "0",
            "rate_limit_burst must be at least 1",
        ),
        ("--token-cache-seconds", "-1", "token_cache_seconds"),
    ] {
        let output = binary_on(&sqlite_url(&dir))
            .args(["serve", &format!("{flag}={value}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{flag}: {stderr}");
        assert!(stderr.contains(why), "{flag}: {stderr}");
    }
}

#[tokio::test]
async fn a_database_keeps_its_server_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    add_user(&db, "alice");
    let log_path = dir.path().join("other.log");
    let mut child = ServerChild(
        binary()
            .args(["--server-name", "other.test", "--database-url", &db])
            .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
            .stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()))
            .spawn()
            .unwrap(),
    );
    // Refused at start: it must exit, not serve under the wrong name.
    let status = exit_within_10_s(&mut child, &log_path);
    let stderr = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("belongs to the server name `hs.test`, not `other.test`"),
        "{stderr}"
    );
    assert!(stderr.contains("--server-name hs.test"), "{stderr}");
    // The right name still serves.
    let port = free_port();
    drop(serve(&db, port, Stdio::null(), &[]).await);
}

#[test]
fn database_failures_name_the_place_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on this port: refused at once, not after a timeout, by the server and
    // by the admin commands alike.
    let port = free_port();
    let listen = format!("127.0.0.1:{}", free_port());
    for command in [&["user", "list"][..], &["serve", "--listen", &listen]] {
        let started = Instant::now();
        let output = binary_on(&format!("postgres://hs:s3cret@127.0.0.1:{port}/hs"))
            .args(command)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains(&format!("connection refused to 127.0.0.1:{port}")),
            "{command:?}: {stderr}"
        );
        assert!(!stderr.contains("s3cret"), "{command:?}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(5), "{command:?}");
    }

    // A file where a folder should be.
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let path = file.join("hs.db");
    let output = binary_on(&format!("sqlite://{}", path.display()))
        .args(["user", "add", "bob", "--password-stdin"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    assert_eq!(stderr.matches("error").count(), 1, "said once: {stderr}");

    // Commands other than `serve` and `user add` never create a database.
    let missing = dir.path().join("missing.db");
    let output = binary_on(&format!("sqlite://{}", missing.display()))
        .args(["user", "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("there is no database at {}", missing.display())),
        "{stderr}"
    );
    assert!(!missing.exists());
}

#[tokio::test]
async fn metrics_readiness_and_request_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    add_user(&db, "alice");
    let log_path = dir.path().join("server.log");
    let (port, metrics_port) = (free_port(), free_port());
    // An identity server the config file trusts, for the identity-server call counter.
    let identity = FakeIdentityServer::start(Lookup::Unbound).await;
    let config = dir.path().join("homeserver.toml");
    std::fs::write(
        &config,
        format!(
            "[[identity_servers]]\nid_server = \"{}\"\nbase_url = \"{}\"\n\
             allow_private_addresses = true\n",
            identity.id_server, identity.url
        ),
    )
    .unwrap();
    let child = ServerChild(
        binary_on(&db)
            .arg("--config")
            .arg(&config)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--metrics-listen", &format!("127.0.0.1:{metrics_port}")])
            .args(["--login-burst", "3"])
            .stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()))
            .spawn()
            .unwrap(),
    );
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let started = Instant::now();
    let ready = loop {
        if let Ok(answer) = client.get(format!("{url}/health/ready")).send().await {
            break answer;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "not serving");
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert_eq!(ready.status(), 200);
    assert_eq!(
        ready.json::<serde_json::Value>().await.unwrap()["status"],
        "ready"
    );
    let token = crate::server_process::login(&client, &url, "alice").await;
    let created = client
        .post(format!("{url}{}/createRoom", crate::harness::BASE))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let room = created.json::<serde_json::Value>().await.unwrap()["room_id"]
        .as_str()
        .unwrap()
        .to_string();
    let invited = client
        .post(format!(
            "{url}{}/rooms/{}/invite",
            crate::harness::BASE,
            crate::harness::encode(&room)
        ))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "id_server": identity.id_server, "medium": "email", "address": "carol@example.org",
            "display_name": "Carol"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), 200, "{:?}", invited.text().await);
    // Wrong passwords until the login limit refuses.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let answer = client
            .post(format!("{url}{}/login", crate::harness::BASE))
            .json(
                &serde_json::json!({"type": "m.login.password", "user": "alice", "password": "no"}),
            )
            .send()
            .await
            .unwrap();
        statuses.push(answer.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(
        client
            .get(format!("{url}/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "metrics are not served on the API's address"
    );
    let metrics = client
        .get(format!("http://127.0.0.1:{metrics_port}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in [
        "http_requests_total{",
        "route=\"/_matrix/client/api/v1/createRoom\"",
        "status=\"429\"",
        "http_request_duration_seconds_bucket{",
        // The login attempts above come from one address: its limit refuses first.
        "rate_limit_refusals_total{limit=\"login_by_address\"}",
        "identity_server_calls_total{outcome=\"answered_2xx\"}",
        "db_group_commit_batch_size_bucket",
        "db_group_commit_seconds_bucket",
        "db_pool_connections",
    ] {
        assert!(
            metrics.contains(needle),
            "{needle} missing from:\n{metrics}"
        );
    }
    stop(child, &log_path);
    let log = std::fs::read_to_string(&log_path).unwrap();
    let line = log
        .lines()
        .find(|line| line.contains("/createRoom") && line.contains("answered"))
        .unwrap_or_else(|| panic!("no createRoom line in:\n{log}"));
    assert!(line.contains("@alice:hs.test"), "{line}");
    assert!(line.contains(" us="), "durations in microseconds: {line}");
    assert!(
        log.lines()
            .any(|line| line.contains("WARN") && line.contains("status=429")),
        "refusals by rate limit at WARN:\n{log}"
    );
    assert!(
        log.contains("failed login") && log.contains("account=@alice:hs.test"),
        "{log}"
    );
}

/// On a terminal (`script` gives the binary one) the password is asked twice, and two
/// different answers add nobody.
#[test]
fn user_add_asks_for_the_password_twice_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    let add = |typed: &str| {
        let command = format!(
            "{} --server-name hs.test --database-url {db} user add carol",
            env!("CARGO_BIN_EXE_server")
        );
        let mut child = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), typed.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, out) = add("pw1\npw2\n");
    assert_eq!(code, Some(4), "{out}");
    assert!(out.contains("Password (again)"), "{out}");
    assert!(out.contains("the passwords differ"), "{out}");
    let (code, out) = add("pw1\npw1\n");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("added @carol:hs.test"), "{out}");
}

/// Every admin command names the database it used, and says when it has just created it: a
/// `user add` run from another folder than the server's cannot go unnoticed.
#[test]
fn user_add_names_its_database_and_says_when_it_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    let path = dir.path().join("hs.db").display().to_string();
    let add = |localpart: &str| {
        let mut child = binary_on(&db)
            .args(["user", "add", localpart, "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"pw\n").unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let database_line = |stderr: &str| {
        stderr
            .lines()
            .find(|line| line.starts_with("database: ") && line.contains(&path))
            .unwrap_or_else(|| panic!("no line names {path}:\n{stderr}"))
            .to_string()
    };
    let first = database_line(&add("dana"));
    assert!(first.ends_with("(new: created just now)"), "{first}");
    let second = database_line(&add("erin"));
    assert!(!second.contains("new"), "{second}");
}

/// The environment overrides the file both ways, `log_json` included: a file that asks for
/// JSON logs is overruled by `HOMESERVER_LOG_JSON=0`.
#[tokio::test]
async fn the_environment_overrides_the_file_for_json_logs() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(&dir);
    let config = dir.path().join("homeserver.toml");
    std::fs::write(&config, "log_json = true\n").unwrap();
    let first_line = async |variable: Option<&str>| {
        let log_path = dir.path().join("server.log");
        let port = free_port();
        let mut command = binary_on(&db);
        command
            .arg("--config")
            .arg(&config)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env_remove("HOMESERVER_LOG_JSON")
            .stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()));
        if let Some(value) = variable {
            command.env("HOMESERVER_LOG_JSON", value);
        }
        let child = ServerChild(command.spawn().unwrap());
        let started = Instant::now();
        while reqwest::get(format!("http://127.0.0.1:{port}/health"))
            .await
            .is_err()
        {
            assert!(started.elapsed() < Duration::from_secs(10), "not serving");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        stop(child, &log_path);
        let log = std::fs::read_to_string(&log_path).unwrap();
        log.lines().next().unwrap_or_default().to_string()
    };
    let from_file = first_line(None).await;
    assert!(from_file.starts_with('{'), "{from_file}");
    let overruled = first_line(Some("0")).await;
    assert!(!overruled.starts_with('{'), "{overruled}");
    assert!(overruled.contains("version:"), "{overruled}");
}

/// How the server exited, failing the test (with its log) if it still runs after 10 s.
fn exit_within_10_s(child: &mut ServerChild, log_path: &Path) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running after 10 s:\n{}",
            std::fs::read_to_string(log_path).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Stops the server as an operator does (SIGTERM) and waits for it to exit: it writes
/// every log line before it does (a `kill -9` loses the lines waiting to be written).
fn stop(mut child: ServerChild, log_path: &Path) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -TERM failed");
    let exit = exit_within_10_s(&mut child, log_path);
    assert!(exit.success(), "SIGTERM is a clean exit: {exit}");
}
