//! A Matrix Client-Server v1 homeserver for room membership: the generated API traits
//! implemented over SQLite storage, with authentication, rate limits and structured logs.
//!
//! [`router`] is the whole HTTP surface (tested in-process); [`run`] serves it on a
//! listener until a shutdown signal, finishing the requests in flight.

pub mod api;
pub mod app;
pub mod config;
pub mod cors;
pub mod credentials;
pub mod error;
pub mod events;
pub mod identity;
pub mod ids;
pub mod logging;
pub mod password_checks;
pub mod ratelimit;
pub mod rules;
pub mod serving;
pub mod storage;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::response::Html;
use axum::routing::get;

pub use app::Homeserver;
use serving::ConnectionLimits;

/// The API reference, generated from the same spec as the routes.
const API_REFERENCE: &str = include_str!("../../generated/api.html");

/// Every route: the generated API, plus `GET /health` and the API reference at `GET /docs`,
/// with the body deadline inside the request log (so refusals are logged too), and CORS
/// outermost: browsers' preflights are answered before anything else runs.
pub fn router(server: Arc<Homeserver>) -> Router {
    let limits = ConnectionLimits::of(&server.config);
    let routes = generated::router(server)
        .route(
            "/health",
            get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }),
        )
        .route("/docs", get(|| async { Html(API_REFERENCE) }));
    limits
        .apply(routes)
        .layer(axum::middleware::from_fn(logging::requests))
        .layer(cors::layer())
        .layer(axum::middleware::map_response(cors::options_body))
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in
/// flight (connection limits and read deadlines: see [`serving`]).
pub async fn run(
    listener: tokio::net::TcpListener,
    server: Arc<Homeserver>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = ConnectionLimits::of(&server.config);
    serving::serve(listener, router(server), limits, shutdown).await
}
