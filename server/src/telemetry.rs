//! Metrics in Prometheus' text format, served at `/metrics` on an address of their own
//! (`metrics_listen`), never on the API's. The code records through the `metrics` facade
//! (requests by route and status with their latency in `logging.rs`, rate-limit refusals in
//! `error.rs`, group-commit batches in `storage/group_commit.rs`, identity-server calls in
//! `identity/client.rs`); without a recorder installed, recording costs next to nothing.

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::Homeserver;

/// Latency buckets, in seconds: 100 µs to 10 s.
const SECONDS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

/// Writes per group-commit batch.
const BATCH: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];

/// The process's recorder: installed once, on first use.
pub fn recorder() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS)?
        .set_buckets_for_metric(Matcher::Full("db_group_commit_batch_size".into()), BATCH)?
        .install_recorder()?;
    Ok(HANDLE.get_or_init(|| handle).clone())
}

/// The metrics router: `GET /metrics`, with the pool's use read at each scrape.
pub fn router(server: Arc<Homeserver>, handle: PrometheusHandle) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let (connections, idle) = server.store.pool_state();
            metrics::gauge!("db_pool_connections").set(f64::from(connections));
            metrics::gauge!("db_pool_idle_connections").set(f64::from(idle));
            handle.run_upkeep();
            let text = handle.render();
            async move {
                (
                    [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
                    text,
                )
                    .into_response()
            }
        }),
    )
}

/// Serves `/metrics` on `listener` until the process ends.
pub async fn serve(
    listener: tokio::net::TcpListener,
    server: Arc<Homeserver>,
    handle: PrometheusHandle,
) -> std::io::Result<()> {
    axum::serve(listener, router(server, handle)).await
}
