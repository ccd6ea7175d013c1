//! CORS, so that web clients can talk to the server (docs/membership.md, D11): every answer
//! allows any origin, the API's methods and the headers Matrix clients send, and every path
//! answers `OPTIONS` with 200 `{}`, as Matrix homeservers always have.

use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Answers preflights and adds `Access-Control-Allow-*` to every answer.
pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::ORIGIN,
            HeaderName::from_static("x-requested-with"),
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
        ])
}

/// An `OPTIONS` answer is 200 `{}`: the CORS layer answers a preflight with an empty body,
/// and an `OPTIONS` that is no preflight (no `Origin`) would otherwise be a wrong method.
pub async fn options_body(method: Method, response: Response) -> Response {
    if method != Method::OPTIONS {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.status = StatusCode::OK;
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from("{}"))
}
