//! Structured logs: one line per request with a request id and the path, never the query
//! string (access tokens never reach a log line, docs/membership.md example 36), and the
//! response headers every answer gets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

/// Logs each request with its id, path, status and duration, and adds
/// `Referrer-Policy: no-referrer` and `Cache-Control: no-store`. The query string is never
/// logged: it can carry an access token however a client spells it (`ACCESS_TOKEN=`,
/// `;access_token=`, percent-encoded), and redacting what the server itself parses would
/// miss the spellings it does not.
pub async fn requests(request: Request, next: Next) -> Response {
    let id = NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed);
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let span = tracing::info_span!("request", id, %method, path = %path);
    let mut response = tracing::Instrument::instrument(next.run(request), span.clone()).await;
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
        headers.insert("x-request-id", value);
    }
    tracing::info!(parent: &span, status = response.status().as_u16(), ms = started.elapsed().as_secs_f64() * 1000.0, "answered");
    response
}

/// Installs the global subscriber: human-readable by default, JSON lines on request.
pub fn init(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    // Colours only for a person at a terminal; a file or a log collector gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
