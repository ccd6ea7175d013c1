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
