//! The whole request path in-process: an arbitrary method, path with query, and body,
//! through the server's router (generated routes, hooks, handlers, SQLite storage). Every
//! answer is JSON (but the HTML API reference), and none is a 5xx.
//!
//! Input layout: first byte picks the method; the path runs to the first newline; the rest
//! is the body. Paths are tried as given and under the API's base path.
#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use server::Homeserver;
use server::config::Config;
use tower::ServiceExt;

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "OPTIONS"];

struct World {
    runtime: tokio::runtime::Runtime,
    server: Arc<Homeserver>,
    token: String,
    _dir: tempfile::TempDir,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            server_name: "hs.test".into(),
            database_url: format!("sqlite://{}", dir.path().join("hs.db").display()),
            rate_limit_per_second: 1e9,
            rate_limit_burst: u32::MAX,
            ..Config::default()
        };
        let (server, token) = runtime.block_on(async {
            let server = Homeserver::new(config).await.unwrap();
            let alice = server::ids::UserId::parse("@alice:hs.test").unwrap();
            server.store.create_user(&alice, "unused").await.unwrap();
            let token = "fuzz-token".to_string();
            let hash = server::credentials::token_hash(&token);
            server
                .store
                .insert_tokens(&alice, hash, b"fuzz-refresh".to_vec())
                .await
                .unwrap();
            (server, token)
        });
        World {
            runtime,
            server,
            token,
            _dir: dir,
        }
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&first, rest)) = input.split_first() else {
        return;
    };
    let method = METHODS[first as usize % METHODS.len()];
    let split = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let (path, body) = (&rest[..split], rest.get(split + 1..).unwrap_or_default());
    let Ok(path) = std::str::from_utf8(path) else {
        return;
    };
    let world = world();
    for uri in [path.to_string(), format!("/_matrix/client/api/v1{path}")] {
        let Ok(request) = Request::builder()
            .method(method)
            .uri(&uri)
            .header("authorization", format!("Bearer {}", world.token))
            .body(Body::from(body.to_vec()))
        else {
            return;
        };
        let (status, bytes) = world.runtime.block_on(async {
            let response = server::router(world.server.clone())
                .oneshot(request)
                .await
                .unwrap();
            let status = response.status();
            (
                status,
                response.into_body().collect().await.unwrap().to_bytes(),
            )
        });
        assert!(!status.is_server_error(), "{status} for {method} {uri}");
        // Everything but the HTML API reference (`GET /docs`) answers JSON.
        let html = status.is_success() && bytes.starts_with(b"<!");
        assert!(
            html || serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            "not JSON ({status}) for {method} {uri}"
        );
    }
});
