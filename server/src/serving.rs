//! The accept loop: what a client can hold of the server, bounded.
//!
//! `axum::serve` sets no read deadlines: a client sending its headers or body a byte at a
//! time (slow-loris), or nothing at all, holds a connection, a task and its buffers for as
//! long as it likes. Here a connection must send its first request head within the read
//! deadline of its accept (whatever protocol it claims), every later head within the same
//! deadline, and its whole body too ([`body_deadline`], a layer of the router); one client
//! address holds at most `max_connections_per_address` connections, so one client cannot
//! fill the server; and at most `max_connections` are served at once: beyond that, new ones
//! wait in the kernel's backlog instead of exhausting file descriptors and memory.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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
use tower::ServiceExt;

use crate::config::Config;
use crate::error::{bad_request, matrix_error};

/// How long requests in flight may take to finish once shutdown starts.
const DRAIN: Duration = Duration::from_secs(30);

/// What one client may take of the server.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A connection's first request must have sent its headers within this of the accept
    /// (whatever protocol it speaks); each request's headers, and then its whole body, too.
    pub read_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Connections one client address may hold at once (0: no limit).
    pub max_per_address: usize,
    /// The largest body read.
    pub max_body_bytes: usize,
}

impl ConnectionLimits {
    pub fn of(config: &Config) -> ConnectionLimits {
        ConnectionLimits {
            read_timeout: Duration::from_secs_f64(config.read_timeout_seconds),
            max_connections: config.max_connections,
            max_per_address: config.max_connections_per_address,
            max_body_bytes: config.max_body_bytes,
        }
    }

    /// The router with the body deadline applied.
    pub fn apply(self, router: Router) -> Router {
        router.layer(axum::middleware::from_fn_with_state(self, body_deadline))
    }
}

tokio::task_local! {
    /// The address of the client whose request is being handled, for limits per address
    /// (login attempts): the generated handlers see only what the spec describes.
    static CLIENT_ADDRESS: IpAddr;
}

/// The address of the client of the request being handled, when served over a socket.
pub fn client_address() -> Option<IpAddr> {
    CLIENT_ADDRESS.try_with(|address| *address).ok()
}

/// Connections held per client address.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One connection of an address, counted until dropped.
struct AddressSlot {
    table: Arc<PerAddress>,
    address: IpAddr,
}

impl PerAddress {
    /// A slot for one more connection from `address`, unless it holds `max` already.
    fn take(table: &Arc<PerAddress>, address: IpAddr, max: usize) -> Option<AddressSlot> {
        let mut held = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = held.entry(address).or_default();
        if max != 0 && *count >= max {
            return None;
        }
        *count += 1;
        Some(AddressSlot {
            table: table.clone(),
            address,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut held = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = held.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.address);
            }
        }
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
///
/// One client cannot lock others out: an address holds at most `max_per_address`
/// connections (more are closed as they are accepted), and a connection that has not sent
/// a whole request head within the read timeout of its accept is closed, whether it sent
/// nothing, half a request, or only an HTTP/2 preface.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_address = Arc::new(PerAddress::default());
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.read_timeout)
        .keep_alive_timeout(limits.read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
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
        let Some(slot) = PerAddress::take(&per_address, peer.ip(), limits.max_per_address) else {
            tracing::debug!(address = %peer.ip(), "too many connections from one address; closed");
            continue;
        };
        let _ = stream.set_nodelay(true);
        let requested = Arc::new(AtomicBool::new(false));
        let service = {
            let (router, requested, address) = (router.clone(), requested.clone(), peer.ip());
            tower::service_fn(move |request: axum::http::Request<_>| {
                requested.store(true, Ordering::Relaxed);
                CLIENT_ADDRESS.scope(address, router.clone().oneshot(request.map(Body::new)))
            })
        };
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        let first_request = limits.read_timeout;
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let ended = match tokio::time::timeout(first_request, connection.as_mut()).await {
                Ok(ended) => Some(ended),
                // Nothing asked in time: dropping the connection closes it.
                Err(_) if !requested.load(Ordering::Relaxed) => None,
                Err(_) => Some(connection.await),
            };
            if let Some(Err(error)) = ended {
                tracing::debug!(%error, "connection ended with an error");
            }
            drop(slot);
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
