//! Structured logs: one line per request with a request id and a redacted URI (access
//! tokens never reach a log line, docs/membership.md example 36), and the response headers every answer gets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Query parameters whose values are secrets.
const SECRET_PARAMETERS: [&str; 2] = ["access_token", "client_secret"];

/// `uri` with the values of secret query parameters replaced by `<redacted>`, whether the
/// parameter name is written plainly or percent-encoded.
pub fn redact_uri(uri: &str) -> String {
    let Some((path, query)) = uri.split_once('?') else {
        return uri.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| {
            let (name, _) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = percent_decode(name);
            if SECRET_PARAMETERS.contains(&decoded.as_str()) {
                format!("{name}=<redacted>")
            } else {
                pair.to_string()
            }
        })
        .collect();
    format!("{path}?{}", parts.join("&"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            s.get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

/// Logs each request (redacted) with its id, status and duration, and adds
/// `Referrer-Policy: no-referrer` and `Cache-Control: no-store`.
pub async fn requests(request: Request, next: Next) -> Response {
    let id = NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed);
    let method = request.method().clone();
    let uri = redact_uri(&request.uri().to_string());
    let started = Instant::now();
    let span = tracing::info_span!("request", id, %method, uri = %uri);
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

#[cfg(test)]
mod tests {
    use super::redact_uri;

    #[test]
    fn tokens_are_redacted_in_every_spelling() {
        assert_eq!(
            redact_uri("/a?access_token=secret&x=1"),
            "/a?access_token=<redacted>&x=1"
        );
        assert_eq!(
            redact_uri("/a?x=1&access%5Ftoken=secret"),
            "/a?x=1&access%5Ftoken=<redacted>"
        );
        assert_eq!(
            redact_uri("/a?client_secret=s"),
            "/a?client_secret=<redacted>"
        );
        assert_eq!(redact_uri("/a/b"), "/a/b");
        assert!(!redact_uri("/a?access_token=sEcReT%20x").contains("sEcReT"));
    }
}
