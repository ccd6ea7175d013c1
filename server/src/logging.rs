//! Structured logs: one line per request with a request id, the path (never the query
//! string: access tokens never reach a log line, docs/membership.md example 36), the
//! authenticated user, the status and the duration in microseconds, at a level by status
//! (2xx and 4xx INFO, 429 WARN, 5xx ERROR); the request metrics; and the response headers
//! every answer gets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

tokio::task_local! {
    /// Who the request being handled was authenticated as, once it is.
    static USER: Arc<OnceLock<String>>;
}

/// Records who the request being handled is from, for its log line.
pub fn note_user(user: &str) {
    let _ = USER.try_with(|slot| slot.set(user.to_string()));
}

/// Logs each request with its id, path, status and duration, and adds
/// `Referrer-Policy: no-referrer` and `Cache-Control: no-store`. The query string is never
/// logged: it can carry an access token however a client spells it (`ACCESS_TOKEN=`,
/// `;access_token=`, percent-encoded), and redacting what the server itself parses would
/// miss the spellings it does not.
pub async fn requests(request: Request, next: Next) -> Response {
    let id = NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed);
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    // The route as declared (`/rooms/{roomId}/join`), so metrics have one series per route.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let span = tracing::info_span!("request", id, %method, path = %path);
    let user = Arc::new(OnceLock::new());
    let mut response = USER
        .scope(
            user.clone(),
            tracing::Instrument::instrument(next.run(request), span.clone()),
        )
        .await;
    let elapsed = started.elapsed();
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&id.to_string()) {
        headers.insert("x-request-id", value);
    }
    let status = response.status().as_u16();
    let us = elapsed.as_micros() as u64;
    let user = user.get().map_or("-", String::as_str);
    match status {
        500.. => tracing::error!(parent: &span, user, status, us, "answered"),
        429 => tracing::warn!(parent: &span, user, status, us, "answered"),
        _ => tracing::info!(parent: &span, user, status, us, "answered"),
    }
    // Any token is a valid HTTP method: a label per spelling would let clients grow the
    // metrics without bound, so the unusual ones share one.
    let method_label = match method.as_str() {
        known @ ("GET" | "POST" | "PUT" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH") => known,
        _ => "other",
    };
    let labels = [
        ("route", route),
        ("method", method_label.to_string()),
        ("status", status.to_string()),
    ];
    metrics::counter!("http_requests_total", &labels[..]).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels[..2])
        .record(elapsed.as_secs_f64());
    response
}

/// The thread that writes the log (`log_writer.rs`): keep it until the server has stopped;
/// dropping it writes the lines still waiting.
pub type LogWriter = crate::log_writer::LogWriter;

/// Installs the global subscriber: human-readable by default, JSON lines on request.
///
/// Lines are formatted where they are logged and written to stderr by a thread of their
/// own, many lines per write (`log_writer.rs`): a request's line takes no lock on stderr
/// and, on a busy server, makes no system call and wakes no thread; a slow terminal or log
/// collector holds back the threads logging only once lines have piled up. A `kill -9`
/// loses the lines waiting then; a panic's message, written straight to stderr, can come
/// before lines logged earlier.
pub fn init(json: bool) -> std::io::Result<LogWriter> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    // Colours only for a person at a terminal; a file or a log collector gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let (writer, guard) =
        crate::log_writer::start(std::io::stderr(), crate::log_writer::WAITING_BYTES)?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(ansi);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    Ok(guard)
}
