//! The accept loop: what a client can hold of the server, bounded.
//!
//! `axum::serve` sets no read deadlines: a client sending its headers or body a byte at a
//! time (slow-loris) holds a connection, a task and its buffers for as long as it likes.
//! Here, hyper serves each connection with a header-read deadline, the body must arrive
//! within the same deadline ([`body_deadline`], a layer of the router), and at most
//! `max_connections` connections are served at once: beyond that, new ones wait in the
//! kernel's backlog instead of exhausting file descriptors and memory.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::config::Config;
use crate::error::{bad_request, matrix_error};

/// How long requests in flight may take to finish once shutdown starts.
const DRAIN: Duration = Duration::from_secs(30);

/// What one client may take of the server.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Headers, and then the whole body, must arrive within this.
    pub read_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// The largest body read.
    pub max_body_bytes: usize,
}

impl ConnectionLimits {
    pub fn of(config: &Config) -> ConnectionLimits {
        ConnectionLimits {
            read_timeout: Duration::from_secs_f64(config.read_timeout_seconds),
            max_connections: config.max_connections,
            max_body_bytes: config.max_body_bytes,
        }
    }

    /// The router with the body deadline applied.
    pub fn apply(self, router: Router) -> Router {
        router.layer(axum::middleware::from_fn_with_state(self, body_deadline))
    }
}

/// Connections the kernel queues for us while the accept loop is busy (the kernel caps it
/// at `net.core.somaxconn`). Tokio's default of 1,024 reset clients in a burst of a thousand.
const BACKLOG: u32 = 4096;

/// Listens on `addr` with a backlog sized for bursts of connections.
pub fn listen(addr: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in
/// flight finish (for up to 30 s).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN:?}; stopping anyway");
    }
    Ok(())
}

/// Reads the whole body within the read deadline (a body trickled in is answered 408, one
/// over the size cap 413) and hands it on buffered.
async fn body_deadline(
    State(limits): State<ConnectionLimits>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let read = Limited::new(body, limits.max_body_bytes).collect();
    let bytes = match tokio::time::timeout(limits.read_timeout, read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
            return matrix_error::<413>(
                "M_TOO_LARGE",
                format!("The body is larger than {} bytes.", limits.max_body_bytes),
            )
            .into_response();
        }
        Ok(Err(_)) => {
            return bad_request("M_UNKNOWN", "The request body could not be read.").into_response();
        }
        Err(_) => {
            return matrix_error::<408>(
                "M_UNKNOWN",
                format!(
                    "The request body did not arrive within {} s.",
                    limits.read_timeout.as_secs_f64()
                ),
            )
            .into_response();
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
