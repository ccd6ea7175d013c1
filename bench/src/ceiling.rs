//! The ceiling: a minimal axum server that answers every request with the join's 200 body,
//! doing no storage, no authentication and no logging. Measured under the same load as the
//! homeserver, it shows how much of the machine HTTP alone takes, so each homeserver figure
//! can be read as a fraction of what this machine can do at all.

use std::net::SocketAddr;

use axum::Router;

/// Serves until the process is killed (same runtime shape as the homeserver: one worker
/// thread per core).
pub fn serve(listen: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let app = Router::new().fallback(|| async {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                r#"{"room_id":"!ceiling:bench"}"#,
            )
        });
        axum::serve(listener, app).await?;
        anyhow::Ok(())
    })
}
