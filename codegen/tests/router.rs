//! The generated router, driven in-process: routing (aliases, the two invite forms on one
//! route), authentication through the hook, and every rejection kind answered through the
//! hook, never as axum's plain text.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use generated::runtime::{Credentials, Hooks, Rejection, RejectionKind};
use generated::{banning, create_room, directory, leaving, login, membership, rooms};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const BASE: &str = "/_matrix/client/api/v1";

/// A stand-in implementation: answers the membership operations with what it was given,
/// and fails every other operation (which these tests do not route to).
struct Echo;

struct Unreachable;

impl IntoResponse for Unreachable {
    fn into_response(self) -> Response {
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

fn matrix_error(status: StatusCode, errcode: &str, error: &str) -> Response {
    (
        status,
        axum::Json(json!({"errcode": errcode, "error": error})),
    )
        .into_response()
}

impl Hooks for Echo {
    type Principal = String;
    type Error = Unreachable;

    async fn authenticate(&self, credentials: Credentials<'_>) -> Result<String, Response> {
        match credentials.api_key.as_deref() {
            Some("good") => Ok("@alice:test".to_string()),
            Some(_) => Err(matrix_error(
                StatusCode::FORBIDDEN,
                "M_UNKNOWN_TOKEN",
                "Unrecognised access token.",
            )),
            None => Err(matrix_error(
                StatusCode::FORBIDDEN,
                "M_MISSING_TOKEN",
                "Missing access token.",
            )),
        }
    }

    fn reject(&self, rejection: Rejection) -> Response {
        let (status, errcode) = match rejection.kind {
            RejectionKind::NotJson => (StatusCode::BAD_REQUEST, "M_NOT_JSON"),
            RejectionKind::WrongShape => (StatusCode::BAD_REQUEST, "M_BAD_JSON"),
            RejectionKind::MissingKeys(_) => (StatusCode::BAD_REQUEST, "M_MISSING_PARAM"),
            RejectionKind::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "M_TOO_LARGE"),
            RejectionKind::UnknownPath => (StatusCode::NOT_FOUND, "M_UNRECOGNIZED"),
            RejectionKind::WrongMethod => (StatusCode::METHOD_NOT_ALLOWED, "M_UNRECOGNIZED"),
            RejectionKind::BadParameter => (StatusCode::BAD_REQUEST, "M_UNKNOWN"),
        };
        matrix_error(status, errcode, &rejection.message)
    }

    fn body_limit(&self) -> usize {
        1024
    }
}

impl membership::MembershipApi for Echo {
    async fn join_room(
        &self,
        principal: String,
        request: membership::join_room::Request,
    ) -> Result<membership::join_room::Response, Unreachable> {
        let mut extra = serde_json::Map::new();
        extra.insert("user".into(), json!(principal));
        extra.insert(
            "proof_token".into(),
            json!(request.body.and_then(|b| b.token)),
        );
        Ok(membership::join_room::Response::Ok(
            membership::join_room::JoinedRoom {
                room_id: request.room_id,
                additional_properties: extra,
            },
        ))
    }

    async fn invite_user(
        &self,
        _: String,
        request: membership::invite_user::Request,
    ) -> Result<membership::invite_user::Response, Unreachable> {
        let mut body = serde_json::Map::new();
        body.insert("form".into(), json!("user"));
        body.insert("user_id".into(), json!(request.body.user_id));
        body.insert("room_id".into(), json!(request.room_id));
        Ok(membership::invite_user::Response::Ok(body))
    }

    async fn invite_by3_pid(
        &self,
        _: String,
        request: membership::invite_by3_pid::Request,
    ) -> Result<membership::invite_by3_pid::Response, Unreachable> {
        let mut body = serde_json::Map::new();
        body.insert("form".into(), json!("3pid"));
        body.insert("address".into(), json!(request.body.address));
        Ok(membership::invite_by3_pid::Response::Ok(body))
    }
}

/// Implements an API trait whose operations these tests never route to.
macro_rules! unreachable_ops {
    ($trait:path { $($method:ident($($principal:ty)?) => $($module:ident)::+;)* }) => {
        impl $trait for Echo {
            $(
                async fn $method(&self, $(_: $principal,)? _: $($module)::+::Request) -> Result<$($module)::+::Response, Unreachable> {
                    Err(Unreachable)
                }
            )*
        }
    };
}

unreachable_ops!(banning::BanningApi { ban(String) => banning::ban; });
unreachable_ops!(create_room::CreateRoomApi { create_room(String) => create_room::create_room; });
unreachable_ops!(directory::DirectoryApi {
    get_room_id_by_alias() => directory::get_room_id_by_alias;
    set_room_alias(String) => directory::set_room_alias;
    delete_room_alias(String) => directory::delete_room_alias;
});
unreachable_ops!(leaving::LeavingApi { leave_room(String) => leaving::leave_room; forget_room(String) => leaving::forget_room; });
unreachable_ops!(login::LoginApi { login() => login::login; token_refresh() => login::token_refresh; });
unreachable_ops!(rooms::RoomsApi {
    get_room_state_with_key(String) => rooms::get_room_state_with_key;
    get_room_state(String) => rooms::get_room_state;
    room_initial_sync(String) => rooms::room_initial_sync;
    get_members_by_room(String) => rooms::get_members_by_room;
});

async fn send(
    method: &str,
    uri: &str,
    body: impl Into<Body>,
) -> (StatusCode, Option<String>, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(body.into())
        .unwrap();
    let response = generated::router(Arc::new(Echo))
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    (status, content_type, json)
}

#[tokio::test]
async fn join_answers_on_the_route_and_its_alias_with_decoded_ids() {
    for path in ["rooms/%23pub%3Ahs.test/join", "join/%23pub%3Ahs.test"] {
        let (status, content_type, body) =
            send("POST", &format!("{BASE}/{path}?access_token=good"), "").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert_eq!(body["room_id"], "#pub:hs.test", "{path}");
        assert_eq!(body["user"], "@alice:test");
    }
    let (_, _, body) = send(
        "POST",
        &format!("{BASE}/join/!r:hs?access_token=good"),
        r#"{"token": "t"}"#,
    )
    .await;
    assert_eq!(body["room_id"], "!r:hs");
    assert_eq!(body["proof_token"], "t");
}

#[tokio::test]
async fn the_two_invite_forms_share_one_route_and_the_body_picks() {
    let uri = format!("{BASE}/rooms/!r:hs/invite?access_token=good");
    let (status, _, body) = send("POST", &uri, r#"{"user_id": "@bob:hs"}"#).await;
    assert_eq!(
        (status, body["form"].clone(), body["user_id"].clone()),
        (StatusCode::OK, json!("user"), json!("@bob:hs"))
    );

    let third_party =
        r#"{"id_server": "is", "medium": "email", "address": "a@b", "display_name": "A"}"#;
    let (_, _, body) = send("POST", &uri, third_party).await;
    assert_eq!(body["form"], "3pid");

    // Both forms fit: the third-party form (more required keys) wins.
    let both = r#"{"user_id": "@bob:hs", "id_server": "is", "medium": "email", "address": "a@b", "display_name": "A"}"#;
    let (_, _, body) = send("POST", &uri, both).await;
    assert_eq!(body["form"], "3pid");
}

#[tokio::test]
async fn a_body_that_fits_no_form_names_what_is_missing() {
    let uri = format!("{BASE}/rooms/!r:hs/invite?access_token=good");
    let (status, _, body) = send("POST", &uri, "{}").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errcode"], "M_MISSING_PARAM");
    assert!(
        body["error"].as_str().unwrap().contains("user_id"),
        "{body}"
    );

    let (_, _, body) = send(
        "POST",
        &uri,
        r#"{"id_server": "is", "medium": "email", "address": "a@b"}"#,
    )
    .await;
    assert_eq!(body["errcode"], "M_MISSING_PARAM");
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("display_name") && !error.contains("user_id"),
        "{error}"
    );
}

#[tokio::test]
async fn malformed_bodies_get_the_hook_answers() {
    let uri = format!("{BASE}/rooms/!r:hs/invite?access_token=good");
    for (body, errcode) in [
        ("{not json", "M_NOT_JSON"),
        ("", "M_NOT_JSON"),
        ("[1]", "M_BAD_JSON"),
        (r#"{"user_id": 42}"#, "M_BAD_JSON"),
    ] {
        let (status, content_type, answer) = send("POST", &uri, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert_eq!(answer["errcode"], errcode, "{body}");
    }
    let (status, _, answer) = send("POST", &uri, vec![b' '; 4096]).await;
    assert_eq!(
        (status, answer["errcode"].clone()),
        (StatusCode::PAYLOAD_TOO_LARGE, json!("M_TOO_LARGE"))
    );
    let (status, _, answer) = send(
        "POST",
        &format!("{BASE}/join/!r:hs?access_token=good"),
        "[]",
    )
    .await;
    assert_eq!(
        (status, answer["errcode"].clone()),
        (StatusCode::BAD_REQUEST, json!("M_BAD_JSON"))
    );
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_json() {
    let (status, _, body) = send("POST", &format!("{BASE}/rooms/!r:hs/join/"), "").await;
    assert_eq!(
        (status, body["errcode"].clone()),
        (StatusCode::NOT_FOUND, json!("M_UNRECOGNIZED"))
    );
    let (status, _, body) = send("GET", &format!("{BASE}/rooms/!r:hs/join"), "").await;
    assert_eq!(
        (status, body["errcode"].clone()),
        (StatusCode::METHOD_NOT_ALLOWED, json!("M_UNRECOGNIZED"))
    );
}

#[tokio::test]
async fn credentials_go_through_the_hook_before_the_body_is_read() {
    let (status, _, body) = send("POST", &format!("{BASE}/rooms/!r:hs/invite"), "{not json").await;
    assert_eq!(
        (status, body["errcode"].clone()),
        (StatusCode::FORBIDDEN, json!("M_MISSING_TOKEN"))
    );
    let (status, _, body) = send(
        "POST",
        &format!("{BASE}/rooms/!r:hs/invite?access_token=bad"),
        "{}",
    )
    .await;
    assert_eq!(
        (status, body["errcode"].clone()),
        (StatusCode::FORBIDDEN, json!("M_UNKNOWN_TOKEN"))
    );
    // The key is percent-decoded before the hook sees it.
    let (status, _, body) = send(
        "POST",
        &format!("{BASE}/join/!r:hs?access_token=g%6Fod"),
        "",
    )
    .await;
    assert_eq!(
        (status, body["user"].clone()),
        (StatusCode::OK, json!("@alice:test"))
    );
}

#[tokio::test]
async fn a_path_that_does_not_decode_is_a_bad_parameter() {
    let (status, _, body) =
        send("POST", &format!("{BASE}/join/%FF%FE?access_token=good"), "").await;
    assert_eq!(
        (status, body["errcode"].clone()),
        (StatusCode::BAD_REQUEST, json!("M_UNKNOWN"))
    );
}
