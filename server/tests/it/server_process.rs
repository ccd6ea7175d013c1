//! The real binary as a child process: users added through its command line, `serve` on a
//! free loopback port, logins over HTTP.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::harness::BASE;

pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_server"))
}

/// The binary for server `hs.test` on database `db`.
pub fn binary_on(db: &str) -> Command {
    let mut command = binary();
    command.args(["--server-name", "hs.test", "--database-url", db]);
    command
}

pub fn add_user(db: &str, localpart: &str) {
    let mut child = binary_on(db)
        .args(["user", "add", localpart, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"pw\n").unwrap();
    assert!(child.wait().unwrap().success());
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server process, killed when dropped: a test that fails does not leave it running
/// (holding ports, files and the pipes of whoever ran the tests).
pub struct ServerChild(pub Child);

impl std::ops::Deref for ServerChild {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for ServerChild {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for ServerChild {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `server serve` on `db` and `port`, with generous rate limits and `extra` flags; returns
/// once it answers `/health`.
pub async fn serve(db: &str, port: u16, log: Stdio, extra: &[&str]) -> ServerChild {
    let mut child = binary_on(db)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args([
            "--rate-limit-per-second",
            "1000",
            "--rate-limit-burst",
            "1000",
            "--room-creation-per-second",
            "1000",
            "--room-creation-burst",
            "1000",
            "--login-per-second",
            "1000",
            "--login-burst",
            "1000",
        ])
        .args(extra)
        .stderr(log)
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
            .is_ok()
        {
            return ServerChild(child);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

/// Logs `user` (password `pw`) in; the whole answer, tokens included.
pub async fn session(client: &reqwest::Client, url: &str, user: &str) -> serde_json::Value {
    client
        .post(format!("{url}{BASE}/login"))
        .json(&json!({"type": "m.login.password", "user": user, "password": "pw"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Logs `user` in; the access token.
pub async fn login(client: &reqwest::Client, url: &str, user: &str) -> String {
    session(client, url, user).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}
