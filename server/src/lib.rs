//! A Matrix Client-Server v1 homeserver for room membership: the generated API traits
//! implemented over SQLite storage, with authentication, rate limits and structured logs.
//!
//! [`router`] is the whole HTTP surface (tested in-process); [`run`] serves it on a
//! listener until a shutdown signal, finishing the requests in flight.

pub mod api;
pub mod app;
pub mod config;
pub mod credentials;
pub mod error;
pub mod ids;
pub mod logging;
pub mod ratelimit;
pub mod rules;
pub mod storage;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::response::Html;
use axum::routing::get;

pub use app::Homeserver;

/// The API reference, generated from the same spec as the routes.
const API_REFERENCE: &str = include_str!("../../generated/api.html");

/// Every route: the generated API, plus `GET /health` and the API reference at `GET /docs`.
pub fn router(server: Arc<Homeserver>) -> Router {
    generated::router(server)
        .route(
            "/health",
            get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }),
        )
        .route("/docs", get(|| async { Html(API_REFERENCE) }))
        .layer(axum::middleware::from_fn(logging::requests))
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn run(
    listener: tokio::net::TcpListener,
    server: Arc<Homeserver>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(server))
        .with_graceful_shutdown(shutdown)
        .await
}
