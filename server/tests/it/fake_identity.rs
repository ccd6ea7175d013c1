//! Identity servers the tests control: a scripted one (to make an identity server fail or
//! lie on purpose, and to see exactly what the homeserver sent it), and a bare listener that
//! only counts the connections it is offered.

use std::collections::VecDeque;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use server::identity::IdentityServerSettings;
use server::identity::signed_json::canonical;

/// What the scripted identity server answers to `lookup`.
#[derive(Clone, Debug)]
pub enum Lookup {
    Unbound,
    /// Bound to this user ID, signed with the key `pubkey` serves.
    Bound(String),
    /// Bound, but signed with another key.
    BadSignature(String),
    /// Bound and signed, but its validity ended an hour ago.
    Expired(String),
    /// 500 with a body that must never reach a client.
    Fails,
    /// 302 to this URL, which must never be followed.
    Redirect(String),
    /// A 200 of 1 MiB, more than anyone should read.
    Huge,
}

/// What it answers to `store-invite` and `pubkey/isvalid`.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Ok,
    /// `store-invite`: 400 `THREEPID_IN_USE`; `isvalid`: `{"valid": false}`.
    Refuses,
    Fails,
}

/// A request the scripted server received: path, query, content type, body.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub query: String,
    pub content_type: String,
    pub body: String,
}

pub struct Script {
    /// Answers to successive lookups; the last one repeats.
    pub lookups: VecDeque<Lookup>,
    pub store_invite: Answer,
    pub isvalid: Answer,
    pub seen: Vec<Seen>,
}

/// An allow-list entry for an identity server on 127.0.0.1, which the entry must permit.
pub fn loopback_entry(id_server: &str, url: &str) -> IdentityServerSettings {
    IdentityServerSettings {
        id_server: id_server.to_string(),
        base_url: Some(url.to_string()),
        signing_name: None,
        key_id: None,
        allow_private_addresses: true,
    }
}

/// The secret an identity server's error body carries, which no client may ever see.
pub const SECRET: &str = "identity-server-internal-detail";

pub struct FakeIdentityServer {
    pub id_server: String,
    pub url: String,
    pub script: Arc<Mutex<Script>>,
    key: Arc<SigningKey>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for FakeIdentityServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

type Shared = (Arc<Mutex<Script>>, Arc<SigningKey>, String);

impl FakeIdentityServer {
    pub async fn start(lookup: Lookup) -> FakeIdentityServer {
        let script = Arc::new(Mutex::new(Script {
            lookups: VecDeque::from([lookup]),
            store_invite: Answer::Ok,
            isvalid: Answer::Ok,
            seen: Vec::new(),
        }));
        let key = Arc::new(SigningKey::from_bytes(&[42; 32]));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let id_server = listener.local_addr().unwrap().to_string();
        let api = "/_matrix/identity/api/v1";
        let app = Router::new()
            .route(&format!("{api}/lookup"), get(lookup_answer))
            .route(&format!("{api}/pubkey/ed25519:0"), get(pubkey))
            .route(&format!("{api}/store-invite"), post(store_invite))
            .route(&format!("{api}/pubkey/isvalid"), get(isvalid))
            .layer(axum::middleware::from_fn_with_state(script.clone(), record))
            .with_state((script.clone(), key.clone(), id_server.clone()));
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop.await;
                })
                .await;
        });
        FakeIdentityServer {
            url: format!("http://{id_server}"),
            id_server,
            script,
            key,
            shutdown: Some(shutdown),
        }
    }

    pub fn allow_list_entry(&self) -> IdentityServerSettings {
        loopback_entry(&self.id_server, &self.url)
    }

    pub fn script(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.script().seen.clone()
    }

    /// Its public key, as store-invite hands it out.
    pub fn public_key(&self) -> String {
        unpadded(self.key.verifying_key().as_bytes())
    }

    /// `signed` for a join: `{mxid, token}` signed by this server's key.
    pub fn sign_proof(&self, mxid: &str, token: &str) -> Value {
        let mut signed = json!({"mxid": mxid, "token": token});
        let signature = unpadded(&self.key.sign(canonical(&signed).as_bytes()).to_bytes());
        signed["signatures"] = json!({&self.id_server: {"ed25519:0": signature}});
        signed
    }
}

fn unpadded(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

async fn record(
    State(script): State<Arc<Mutex<Script>>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    script.lock().unwrap().seen.push(Seen {
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        content_type: content_type(&parts.headers),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    });
    next.run(axum::extract::Request::from_parts(parts, bytes.into()))
        .await
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn failure() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({"errcode": "M_UNKNOWN", "error": SECRET})),
    )
        .into_response()
}

async fn lookup_answer(
    State((script, key, id_server)): State<Shared>,
    RawQuery(query): RawQuery,
) -> Response {
    let lookup = {
        let mut script = script.lock().unwrap();
        if script.lookups.len() > 1 {
            script.lookups.pop_front().unwrap()
        } else {
            script.lookups.front().cloned().unwrap_or(Lookup::Unbound)
        }
    };
    let address = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "address")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let mut valid = (now - 1000, now + 3_600_000);
    let (mxid, signer) = match lookup {
        Lookup::Unbound => return Json(json!({})).into_response(),
        Lookup::Fails => return failure(),
        Lookup::Redirect(to) => {
            return (StatusCode::FOUND, [("location", to)], "").into_response();
        }
        Lookup::Huge => {
            let padding = "x".repeat(1 << 20);
            return Json(json!({ "padding": padding })).into_response();
        }
        Lookup::Bound(mxid) => (mxid, (*key).clone()),
        Lookup::BadSignature(mxid) => (mxid, SigningKey::from_bytes(&[7; 32])),
        Lookup::Expired(mxid) => {
            valid = (now - 7_200_000, now - 3_600_000);
            (mxid, (*key).clone())
        }
    };
    let mut association = json!({
        "medium": "email", "address": address, "mxid": mxid, "ts": now,
        "not_before": valid.0, "not_after": valid.1,
    });
    let signature = unpadded(&signer.sign(canonical(&association).as_bytes()).to_bytes());
    association["signatures"] = json!({id_server: {"ed25519:0": signature}});
    Json(association).into_response()
}

async fn pubkey(State((_, key, _)): State<Shared>) -> Response {
    Json(json!({"public_key": unpadded(key.verifying_key().as_bytes())})).into_response()
}

async fn store_invite(State((script, key, _)): State<Shared>) -> Response {
    let answer = script.lock().unwrap().store_invite.clone();
    match answer {
        Answer::Ok => Json(json!({
            "token": format!("tok{}", rand_suffix()),
            "public_key": unpadded(key.verifying_key().as_bytes()),
        }))
        .into_response(),
        Answer::Refuses => (
            StatusCode::BAD_REQUEST,
            Json(json!({"errcode": "THREEPID_IN_USE", "error": "Binding already known"})),
        )
            .into_response(),
        Answer::Fails => failure(),
    }
}

async fn isvalid(State((script, _, _)): State<Shared>) -> Response {
    let answer = script.lock().unwrap().isvalid.clone();
    match answer {
        Answer::Ok => Json(json!({"valid": true})).into_response(),
        Answer::Refuses => Json(json!({"valid": false})).into_response(),
        Answer::Fails => failure(),
    }
}

fn rand_suffix() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    NEXT.fetch_add(1, Ordering::SeqCst)
}

/// A listener that accepts and counts connections, and answers none.
pub struct ConnectionCounter {
    pub addr: SocketAddr,
    count: Arc<AtomicUsize>,
}

impl ConnectionCounter {
    pub fn start() -> ConnectionCounter {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let counted = count.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                counted.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        ConnectionCounter { addr, count }
    }

    pub fn connections(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

/// A listener that accepts connections and never answers on them (a tarpit).
pub fn silent_listener() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    addr
}
