//! A Matrix Client-Server v1 homeserver for room membership: the generated API traits
//! implemented over SQLite storage, with authentication, rate limits and structured logs.
//!
//! [`router`] is the whole HTTP surface (tested in-process); [`run`] serves it on a
//! listener until a shutdown signal, finishing the requests in flight.

pub mod admin;
pub mod api;
pub mod app;
pub mod config;
pub mod cors;
pub mod credentials;
pub mod error;
pub mod events;
pub mod identity;
pub mod ids;
pub mod log_writer;
pub mod logging;
pub mod password_checks;
pub mod ratelimit;
pub mod rules;
pub mod serving;
pub mod storage;
pub mod telemetry;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::response::Html;
use axum::routing::get;

pub use app::Homeserver;
use serving::ConnectionLimits;

/// The API reference, generated from the same spec as the routes.
const API_REFERENCE: &str = include_str!("../../generated/api.html");

/// Every route: the generated API, plus `GET /health` (liveness: the process answers),
/// `GET /health/ready` (readiness: the database answers too) and the API reference at
/// `GET /docs`,
/// with the body deadline inside the request log (so refusals are logged too), and CORS
/// outermost: browsers' preflights are answered before anything else runs.
pub fn router(server: Arc<Homeserver>) -> Router {
    let limits = ConnectionLimits::of(&server.config);
    let ready = server.clone();
    let routes = generated::router(server)
        .route(
            "/health",
            get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }),
        )
        .route(
            "/health/ready",
            get(move || {
                let server = ready.clone();
                async move { readiness(&server).await }
            }),
        )
        .route("/docs", get(|| async { Html(API_REFERENCE) }));
    limits
        .apply(routes)
        .layer(axum::middleware::from_fn(logging::requests))
        .layer(cors::layer())
        .layer(axum::middleware::map_response(cors::options_body))
}

/// 200 once the database answers within 2 s, 503 (with why, in the log) otherwise.
async fn readiness(server: &Homeserver) -> axum::response::Response {
    use axum::response::IntoResponse;
    let ping = tokio::time::timeout(std::time::Duration::from_secs(2), server.store.ping()).await;
    let unavailable = |why: String| {
        tracing::warn!(%why, "not ready");
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"status": "unavailable", "database": "unreachable"})),
        )
            .into_response()
    };
    match ping {
        Ok(Ok(())) => axum::Json(serde_json::json!({"status": "ready"})).into_response(),
        Ok(Err(error)) => unavailable(format!("{:#}", error.0)),
        Err(_) => unavailable("the database did not answer within 2 s".into()),
    }
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
