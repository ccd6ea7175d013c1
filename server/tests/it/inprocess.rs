//! The router driven in-process (no sockets), and hostile input: none of it may produce a
//! 500, a panic, plain text, or a write.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::harness::{BASE, Fixture, encode};

async fn call(
    f: &Fixture,
    method: &str,
    uri: &str,
    body: impl Into<Body>,
) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(body.into())
        .unwrap();
    let response = server::router(f.hs.server.clone())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes))),
    )
}

#[tokio::test]
async fn in_process_join_and_invite() {
    let f = Fixture::new().await;
    let (status, body) = call(
        &f,
        "POST",
        &format!(
            "{BASE}/rooms/{}/join?access_token={}",
            encode(&f.public),
            f.bob
        ),
        "",
    )
    .await;
    assert_eq!(
        (status, body["room_id"].as_str()),
        (StatusCode::OK, Some(f.public.as_str()))
    );
    let (status, body) = call(
        &f,
        "POST",
        &format!(
            "{BASE}/rooms/{}/invite?access_token={}",
            encode(&f.private),
            f.alice
        ),
        r#"{"user_id":"@bob:hs.test"}"#,
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, serde_json::json!({})));
}

#[tokio::test]
async fn hostile_input_gets_matrix_errors_and_writes_nothing() {
    let f = Fixture::new().await;
    let before = f.hs.events(&f.private).await;
    let invite = format!(
        "{BASE}/rooms/{}/invite?access_token={}",
        encode(&f.private),
        f.alice
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let many_keys = format!(
        "{{{}}}",
        (0..5_000)
            .map(|i| format!("\"k{i}\":1"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let cases: Vec<(String, Vec<u8>, &str)> = vec![
        (invite.clone(), deep.into_bytes(), "M_NOT_JSON"),
        (invite.clone(), many_keys.into_bytes(), "M_MISSING_PARAM"),
        (invite.clone(), vec![b'{', 0xff, 0xfe, b'}'], "M_NOT_JSON"),
        (
            invite.clone(),
            br#"{"user_id": "@bob:hs.test\u0000"}"#.to_vec(),
            "M_BAD_JSON",
        ),
        (
            invite.clone(),
            format!(r#"{{"user_id": "@{}:hs.test"}}"#, "b".repeat(300)).into_bytes(),
            "M_BAD_JSON",
        ),
    ];
    for (uri, body, errcode) in cases {
        let (status, answer) = call(&f, "POST", &uri, body).await;
        assert_eq!(answer["errcode"], errcode, "{answer}");
        assert!(status.is_client_error(), "{status}");
    }
    for path in [
        format!("{BASE}/rooms/%00/join?access_token={}", f.bob),
        format!("{BASE}/rooms/%21r%00%3Ahs.test/join?access_token={}", f.bob),
        format!(
            "{BASE}/rooms/{}/join?access_token={}",
            "a".repeat(60 * 1024),
            f.bob
        ),
        format!("{BASE}/rooms/%FF%FE/join?access_token={}", f.bob),
    ] {
        let (status, answer) = call(&f, "POST", &path, "").await;
        assert!(
            status.is_client_error(),
            "{status} for {}",
            &path[..path.len().min(80)]
        );
        assert!(answer["errcode"].is_string());
    }
    assert_eq!(f.hs.events(&f.private).await, before);
}

/// A request as a browser sends it from another origin: the answer's status, headers and
/// body.
async fn from_browser(
    f: &Fixture,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("origin", "https://client.example");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = server::router(f.hs.server.clone())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn browsers_get_their_preflight_answered_and_cors_headers_on_every_answer() {
    let f = Fixture::new().await;
    let join = format!("{BASE}/rooms/{}/join", encode(&f.public));
    let (status, headers, body) = from_browser(
        &f,
        "OPTIONS",
        &join,
        &[
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization, content-type",
            ),
        ],
    )
    .await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "{}"));
    assert_eq!(headers["access-control-allow-origin"], "*");
    let methods = headers["access-control-allow-methods"].to_str().unwrap();
    for method in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(methods.contains(method), "{methods}");
    }
    let allowed = headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    for header in [
        "origin",
        "x-requested-with",
        "content-type",
        "accept",
        "authorization",
    ] {
        assert!(allowed.contains(header), "{allowed}");
    }
    // Then the request itself, and an error, both carry the origin header.
    let (status, headers, body) = from_browser(
        &f,
        "POST",
        &join,
        &[("authorization", &format!("Bearer {}", f.bob))],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["access-control-allow-origin"], "*");
    let (status, headers, _) = from_browser(&f, "POST", &join, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(headers["access-control-allow-origin"], "*");
    // An OPTIONS that is no preflight, on any path, is 200 {} too.
    let (status, _, body) = from_browser(&f, "OPTIONS", &format!("{BASE}/login"), &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "{}"));
}
