//! A server on 127.0.0.1:0 with a fresh database (of the engine the test binary names in
//! `crate::database`), users, and the fixture rooms of docs/membership.md's examples.

use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Value, json};
use server::Homeserver;
use server::config::Config;
use server::ids::{RoomId, UserId};

pub const BASE: &str = "/_matrix/client/api/v1";

pub struct TestServer {
    pub url: String,
    pub server: Arc<Homeserver>,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A response: status, content type and JSON body.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Value,
}

impl Answer {
    pub fn errcode(&self) -> &str {
        self.body["errcode"].as_str().unwrap_or("")
    }

    /// Example 37 (docs/membership.md): every error is JSON with a string errcode and error.
    #[track_caller]
    pub fn assert_error(&self, status: u16, errcode: &str) {
        assert_eq!(
            (self.status.as_u16(), self.errcode()),
            (status, errcode),
            "{}",
            self.body
        );
        assert_eq!(self.content_type, "application/json");
        assert!(self.body["error"].is_string(), "{}", self.body);
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        &self.body
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config {
            server_name: "hs.test".into(),
            database_url: crate::database::fresh_url(dir.path()).await,
            rate_limit_per_second: 1000.0,
            rate_limit_burst: 1000,
            room_creation_per_second: 1000.0,
            room_creation_burst: 1000,
            alias_creation_per_second: 1000.0,
            alias_creation_burst: 1000,
            login_per_second: 1000.0,
            login_burst: 1000,
            // Every test client connects from 127.0.0.1, so this cap would be the global one;
            // floods.rs sets its own to test it.
            max_connections_per_address: 10_000,
            ..Config::default()
        };
        adjust(&mut config);
        let server = Homeserver::new(config).await.unwrap();
        let listener = server::serving::listen(([127, 0, 0, 1], 0).into()).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stop) = tokio::sync::oneshot::channel();
        tokio::spawn(server::run(listener, server.clone(), async {
            let _ = stop.await;
        }));
        TestServer {
            url,
            server,
            client: reqwest::Client::new(),
            _dir: dir,
            shutdown: Some(shutdown),
        }
    }

    /// Registers `@localpart:{server name}` with a password and logs in; returns the access token.
    pub async fn user(&self, localpart: &str) -> String {
        let user = UserId::parse(&format!("@{localpart}:{}", self.server.server_name())).unwrap();
        let hash = server::credentials::hash_password("pw").unwrap();
        assert!(self.server.store.create_user(&user, &hash).await.unwrap());
        let login = self
            .post(
                &format!("{BASE}/login"),
                None,
                json!({"type": "m.login.password", "user": localpart, "password": "pw"}),
            )
            .await;
        login.assert_ok()["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Answer {
        let mut url = format!("{}{path}", self.url);
        if let Some(token) = token {
            url.push(if path.contains('?') { '&' } else { '?' });
            url.push_str("access_token=");
            url.push_str(token);
        }
        let mut request = self.client.request(method, url);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let text = response.text().await.unwrap();
        let body =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
        Answer {
            status,
            content_type,
            body,
        }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.send(reqwest::Method::POST, path, token, Some(body.to_string()))
            .await
    }

    pub async fn post_raw(&self, path: &str, token: Option<&str>, body: &str) -> Answer {
        self.send(reqwest::Method::POST, path, token, Some(body.to_string()))
            .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.send(reqwest::Method::GET, path, token, None).await
    }

    /// Creates a room as the holder of `token`; returns its ID.
    pub async fn create_room(&self, token: &str, body: Value) -> String {
        let answer = self
            .post(&format!("{BASE}/createRoom"), Some(token), body)
            .await;
        answer.assert_ok()["room_id"].as_str().unwrap().to_string()
    }

    pub async fn join(&self, token: &str, room: &str) -> Answer {
        self.post_raw(
            &format!("{BASE}/rooms/{}/join", encode(room)),
            Some(token),
            "",
        )
        .await
    }

    pub async fn invite(&self, token: &str, room: &str, user: &str) -> Answer {
        self.post(
            &format!("{BASE}/rooms/{}/invite", encode(room)),
            Some(token),
            json!({"user_id": user}),
        )
        .await
    }

    pub async fn leave(&self, token: &str, room: &str) -> Answer {
        self.post(
            &format!("{BASE}/rooms/{}/leave", encode(room)),
            Some(token),
            json!({}),
        )
        .await
    }

    pub async fn ban(&self, token: &str, room: &str, user: &str) -> Answer {
        self.post(
            &format!("{BASE}/rooms/{}/ban", encode(room)),
            Some(token),
            json!({"user_id": user}),
        )
        .await
    }

    /// The membership of `user` in `room`, from storage.
    pub async fn membership(&self, room: &str, user: &str) -> Option<String> {
        self.server
            .store
            .membership(&RoomId::parse(room).unwrap(), &UserId::parse(user).unwrap())
            .await
            .unwrap()
            .map(|(m, _)| m)
    }

    pub async fn events(&self, room: &str) -> i64 {
        self.server
            .store
            .event_count(&RoomId::parse(room).unwrap())
            .await
            .unwrap()
    }
}

/// Percent-encodes a room ID or alias for a path segment.
pub fn encode(id: &str) -> String {
    id.replace('%', "%25")
        .replace('#', "%23")
        .replace(':', "%3A")
        .replace('!', "%21")
        .replace('/', "%2F")
}

/// The examples' fixtures: alice, bob, carol, dave; `!pub` (public, alias `#pub`, invite
/// level 0) and `!priv` (invite-only, invite level 50).
pub struct Fixture {
    pub hs: TestServer,
    pub alice: String,
    pub bob: String,
    pub carol: String,
    pub dave: String,
    pub public: String,
    pub private: String,
}

impl Fixture {
    pub async fn new() -> Fixture {
        Self::with(TestServer::start().await).await
    }

    pub async fn with(hs: TestServer) -> Fixture {
        let (alice, bob, carol, dave) = (
            hs.user("alice").await,
            hs.user("bob").await,
            hs.user("carol").await,
            hs.user("dave").await,
        );
        let public = hs
            .create_room(
                &alice,
                json!({"preset": "public_chat", "room_alias_name": "pub"}),
            )
            .await;
        let creator = format!("@alice:{}", hs.server.server_name());
        let private = hs
            .create_room(
                &alice,
                json!({"preset": "private_chat", "initial_state": [{"type": "m.room.power_levels", "state_key": "",
                    "content": {"users": {creator: 100}, "users_default": 0, "invite": 50, "ban": 50}}]}),
            )
            .await;
        Fixture {
            hs,
            alice,
            bob,
            carol,
            dave,
            public,
            private,
        }
    }
}
