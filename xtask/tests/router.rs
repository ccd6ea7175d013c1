//! What the generator's router does, driven in-process through the fixtures' generated
//! crates (`tests/fixtures/good/*/expected`) with stand-in implementations: routing (an
//! alias, three forms of one route told apart by their bodies), authentication through the
//! hook, every rejection answered through the hook (never axum's plain text), success with
//! its documented status, and errors as the operation documents them, `default` answers and
//! internal failures included; bodies of bytes read and answered with their media types;
//! names that collided reaching their own fields.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use fixture_openapi3_files as files;
use fixture_openapi3_names as names;
use fixture_openapi3_store as store;
use fixture_swagger2_routes as routes;

fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"code": code, "message": message})),
    )
        .into_response()
}

/// What the hooks of both stand-ins answer: the rejection kind as `code`.
fn rejection(kind: &str, message: &str) -> Response {
    let status = match kind {
        "TooLarge" => StatusCode::PAYLOAD_TOO_LARGE,
        "UnknownPath" => StatusCode::NOT_FOUND,
        "WrongMethod" => StatusCode::METHOD_NOT_ALLOWED,
        _ => StatusCode::BAD_REQUEST,
    };
    json_error(status, kind, message)
}

fn kind_name(kind: &routes::RejectionKind) -> &'static str {
    use routes::RejectionKind as K;
    match kind {
        K::NotJson => "NotJson",
        K::WrongShape => "WrongShape",
        K::MissingKeys(_) => "MissingKeys",
        K::TooLarge => "TooLarge",
        K::UnknownPath => "UnknownPath",
        K::WrongMethod => "WrongMethod",
        K::BadParameter => "BadParameter",
    }
}

/// Answers the things API with what it was given.
struct Things;

impl routes::Hooks for Things {
    type Principal = String;

    async fn authenticate(&self, credentials: routes::Credentials<'_>) -> Result<String, Response> {
        match credentials.api_key.as_deref() {
            Some("good") => Ok("alice".to_string()),
            Some(_) => Err(json_error(
                StatusCode::FORBIDDEN,
                "UnknownKey",
                "unknown key",
            )),
            None => Err(json_error(StatusCode::FORBIDDEN, "MissingKey", "no key")),
        }
    }

    fn reject(&self, rejection: routes::Rejection) -> Response {
        self::rejection(kind_name(&rejection.kind), &rejection.message)
    }

    fn internal_error(&self, error: routes::Internal) -> Response {
        json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            &error.to_string(),
        )
    }

    fn body_limit(&self) -> usize {
        1024
    }
}

fn echo(form: &str, who: &str, thing: &str) -> serde_json::Map<String, Value> {
    let mut body = serde_json::Map::new();
    body.insert("form".into(), json!(form));
    body.insert("user".into(), json!(who));
    body.insert("thing".into(), json!(thing));
    body
}

impl routes::things::ThingsApi for Things {
    async fn get_thing(
        &self,
        request: routes::things::get_thing::Request,
    ) -> Result<routes::things::get_thing::Response, routes::things::get_thing::Error> {
        match request.thing_id.as_str() {
            // A documented error status, with its documented body.
            "missing" => {
                let mut failure = routes::schemas::Failure::new();
                failure.reason = Some("no such thing".into());
                Err(routes::ErrorAnswer::<404, _>::new(failure).into())
            }
            // A failure inside the implementation: any std error, through `?`.
            "broken" => {
                let _: u8 = "300".parse()?;
                unreachable!("300 does not fit a u8")
            }
            thing => Ok(routes::schemas::Thing::new(thing.to_string())),
        }
    }

    async fn act_by_name(
        &self,
        who: String,
        request: routes::things::act_by_name::Request,
    ) -> Result<routes::things::act_by_name::Response, routes::things::act_by_name::Error> {
        let mut body = echo("name", &who, &request.thing_id);
        body.insert("name".into(), json!(request.body.name));
        Ok(body)
    }

    async fn act_by_place(
        &self,
        who: String,
        request: routes::things::act_by_place::Request,
    ) -> Result<routes::things::act_by_place::Response, routes::things::act_by_place::Error> {
        let mut body = echo("place", &who, &request.thing_id);
        body.insert("x".into(), json!(request.body.x));
        Ok(body)
    }
}

impl routes::more::MoreApi for Things {
    async fn act_by_weight(
        &self,
        who: String,
        request: routes::more::act_by_weight::Request,
    ) -> Result<routes::more::act_by_weight::Response, routes::more::act_by_weight::Error> {
        let mut body = echo("weight", &who, &request.thing_id);
        body.insert("grams".into(), json!(request.body.grams));
        Ok(body)
    }
}

async fn send(
    router: axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: impl Into<Body>,
) -> (StatusCode, Option<String>, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .oneshot(request.body(body.into()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    (status, content_type, json)
}

async fn things(
    method: &str,
    uri: &str,
    body: impl Into<Body>,
) -> (StatusCode, Option<String>, Value) {
    send(routes::router(Arc::new(Things)), method, uri, &[], body).await
}

#[tokio::test]
async fn an_operation_answers_on_its_route_and_its_alias_with_decoded_parameters() {
    for path in ["/v1/things/t%201", "/v1/t/t%201"] {
        let (status, content_type, body) = things("GET", path, "").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert_eq!(body, json!({"name": "t 1"}), "{path}");
    }
}

#[tokio::test]
async fn documented_errors_and_internal_failures_are_answered_as_such() {
    let (status, _, body) = things("GET", "/v1/things/missing", "").await;
    assert_eq!(
        (status, body),
        (StatusCode::NOT_FOUND, json!({"reason": "no such thing"}))
    );
    let (status, _, body) = things("GET", "/v1/things/broken", "").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["code"], "Internal", "through the hook: {body}");
}

#[tokio::test]
async fn forms_sharing_a_route_are_told_apart_by_their_bodies() {
    let uri = "/v1/things/t1/act?access_token=good";
    let (status, _, body) = things("POST", uri, r#"{"name": "n"}"#).await;
    assert_eq!(
        (status, &body["form"], &body["user"]),
        (StatusCode::OK, &json!("name"), &json!("alice"))
    );
    let (_, _, body) = things("POST", uri, r#"{"x": 1, "y": 2}"#).await;
    assert_eq!(body["form"], "place");
    let (_, _, body) = things("POST", uri, r#"{"grams": 5, "unit": "g", "precise": true}"#).await;
    assert_eq!(body["form"], "weight");
    // Both fit: the form needing most keys wins.
    let (_, _, body) = things("POST", uri, r#"{"name": "n", "x": 1, "y": 2}"#).await;
    assert_eq!(body["form"], "place");
}

#[tokio::test]
async fn a_body_that_fits_no_form_names_what_is_missing() {
    let uri = "/v1/things/t1/act?access_token=good";
    let (status, _, body) = things("POST", uri, r#"{"x": 1}"#).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::BAD_REQUEST, &json!("MissingKeys"))
    );
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains('y') && !message.contains("name"),
        "{message}"
    );
}

#[tokio::test]
async fn malformed_bodies_get_the_hook_answers() {
    let uri = "/v1/things/t1/act?access_token=good";
    for (body, kind) in [
        ("{not json", "NotJson"),
        ("", "NotJson"),
        ("[1]", "WrongShape"),
        (r#"{"name": 42}"#, "WrongShape"),
    ] {
        let (status, content_type, answer) = things("POST", uri, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert_eq!(answer["code"], kind, "{body}");
    }
    let (status, _, answer) = things("POST", uri, vec![b' '; 4096]).await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::PAYLOAD_TOO_LARGE, &json!("TooLarge"))
    );
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_answered_through_the_hook() {
    let (status, _, body) = things("GET", "/v1/things/t1/extra", "").await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::NOT_FOUND, &json!("UnknownPath"))
    );
    let (status, _, body) = things("DELETE", "/v1/things/t1", "").await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::METHOD_NOT_ALLOWED, &json!("WrongMethod"))
    );
}

#[tokio::test]
async fn credentials_go_through_the_hook_before_the_body_is_read() {
    let (status, _, body) = things("POST", "/v1/things/t1/act", "{not json").await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::FORBIDDEN, &json!("MissingKey"))
    );
    let (_, _, body) = things("POST", "/v1/things/t1/act?access_token=bad", "{}").await;
    assert_eq!(body["code"], "UnknownKey");
    // The key is percent-decoded before the hook sees it.
    let (status, _, body) = things(
        "POST",
        "/v1/things/t1/act?access_token=g%6Fod",
        r#"{"name": "n"}"#,
    )
    .await;
    assert_eq!((status, &body["user"]), (StatusCode::OK, &json!("alice")));
}

#[tokio::test]
async fn a_path_that_does_not_decode_is_a_bad_parameter() {
    let (status, _, body) = things("GET", "/v1/things/%FF%FE", "").await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::BAD_REQUEST, &json!("BadParameter"))
    );
}

/// Answers the store API: pets 1 and 2 exist.
struct Store;

impl store::Hooks for Store {
    type Principal = ();

    async fn authenticate(&self, credentials: store::Credentials<'_>) -> Result<(), Response> {
        match credentials.api_key.as_deref() {
            Some("key") => Ok(()),
            _ => Err(json_error(StatusCode::FORBIDDEN, "Key", "no key")),
        }
    }

    fn reject(&self, rejection: store::Rejection) -> Response {
        json_error(StatusCode::BAD_REQUEST, "Rejected", &rejection.message)
    }

    fn internal_error(&self, error: store::Internal) -> Response {
        json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            &error.to_string(),
        )
    }
}

fn problem(code: &str) -> store::schemas::Problem {
    store::schemas::Problem::new(code.to_string())
}

impl store::store::StoreApi for Store {
    async fn list_pets(
        &self,
        request: store::store::list_pets::Request,
    ) -> Result<store::store::list_pets::Response, store::store::list_pets::Error> {
        match request.limit {
            // Under a `default` answer any status goes, with its body type.
            Some(0) => Err(store::ErrorAnswer::<422, _>::new(problem("zero")).into()),
            _ => Ok(vec![store::schemas::Pet::new(1, "Rex".into())]),
        }
    }

    async fn create_pet(
        &self,
        (): (),
        request: store::store::create_pet::Request,
    ) -> Result<store::store::create_pet::Response, store::store::create_pet::Error> {
        if request.body.name == "Rex" {
            return Err(store::ErrorAnswer::<409, _>::new(problem("exists")).into());
        }
        Ok(store::schemas::Pet::new(3, request.body.name))
    }

    async fn get_pet(
        &self,
        (): (),
        request: store::store::get_pet::Request,
    ) -> Result<store::store::get_pet::Response, store::store::get_pet::Error> {
        match request.pet_id {
            1 | 2 => Ok(store::schemas::Pet::new(request.pet_id, "Rex".into())),
            _ => Err(store::ErrorAnswer::<404, _>::new(problem("missing")).into()),
        }
    }

    async fn delete_pet(
        &self,
        (): (),
        _: store::store::delete_pet::Request,
    ) -> Result<store::store::delete_pet::Response, store::store::delete_pet::Error> {
        Ok(())
    }
}

async fn pets(method: &str, uri: &str, body: &str) -> (StatusCode, Option<String>, Value) {
    let router = store::router(Arc::new(Store));
    send(
        router,
        method,
        uri,
        &[("x-api-key", "key")],
        body.to_string(),
    )
    .await
}

#[tokio::test]
async fn success_is_answered_with_its_documented_status_and_body() {
    let (status, _, body) = pets("POST", "/api/v2/pets", r#"{"name": "Tom"}"#).await;
    assert_eq!(
        (status, body),
        (StatusCode::CREATED, json!({"id": 3, "name": "Tom"}))
    );
    let (status, content_type, body) = pets("DELETE", "/api/v2/pets/1", "").await;
    assert_eq!(
        (status, content_type, body),
        (StatusCode::NO_CONTENT, None, Value::Null)
    );
}

#[tokio::test]
async fn errors_take_their_documented_status_or_the_default_one() {
    let (status, _, body) = pets("POST", "/api/v2/pets", r#"{"name": "Rex"}"#).await;
    assert_eq!(
        (status, body),
        (StatusCode::CONFLICT, json!({"code": "exists"}))
    );
    let (status, _, body) = pets("GET", "/api/v2/pets/9", "").await;
    assert_eq!(
        (status, body),
        (StatusCode::NOT_FOUND, json!({"code": "missing"}))
    );
    let (status, _, body) = pets("GET", "/api/v2/pets?limit=0", "").await;
    assert_eq!(
        (status, body),
        (StatusCode::UNPROCESSABLE_ENTITY, json!({"code": "zero"}))
    );
}

/// One request, the answer as bytes: for bodies that are not JSON.
async fn send_raw(
    router: axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: impl Into<Body>,
) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .oneshot(request.body(body.into()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, bytes.to_vec())
}

/// Stores documents as bytes, with their media types.
#[derive(Default)]
struct Documents(std::sync::Mutex<std::collections::BTreeMap<String, files::binary::Binary>>);

impl files::Hooks for Documents {
    type Principal = ();

    async fn authenticate(&self, _: files::Credentials<'_>) -> Result<(), Response> {
        Ok(())
    }

    fn reject(&self, rejection: files::Rejection) -> Response {
        json_error(StatusCode::BAD_REQUEST, "Rejected", &rejection.message)
    }

    fn internal_error(&self, error: files::Internal) -> Response {
        json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            &error.to_string(),
        )
    }
}

impl files::files::FilesApi for Documents {
    async fn upload(
        &self,
        request: files::files::upload::Request,
    ) -> Result<files::files::upload::Response, files::files::upload::Error> {
        if request.body.bytes.len() > 8 {
            let answer = files::binary::Binary::new("text/plain", "too large");
            return Err(files::ErrorAnswer::<413, _>::new(answer).into());
        }
        self.0.lock().unwrap().insert(request.name, request.body);
        Ok(())
    }

    async fn download(
        &self,
        request: files::files::download::Request,
    ) -> Result<files::files::download::Response, files::files::download::Error> {
        match self.0.lock().unwrap().get(&request.name) {
            Some(document) => Ok(document.clone()),
            None => {
                let mut problem = files::schemas::Problem::new();
                problem.message = Some("no such document".into());
                Err(files::ErrorAnswer::<404, _>::new(problem).into())
            }
        }
    }

    async fn submit_form(
        &self,
        request: files::files::submit_form::Request,
    ) -> Result<files::files::submit_form::Response, files::files::submit_form::Error> {
        use files::files::submit_form::Response;
        Ok(match request.body {
            // The form back, under the documented media type.
            Some(form) => Response::Ok(files::binary::Binary {
                content_type: None,
                bytes: form.bytes,
            }),
            None => Response::Accepted(files::schemas::Problem::new()),
        })
    }
}

#[tokio::test]
async fn bodies_that_are_not_json_are_read_and_answered_as_bytes() {
    let router = files::router(Arc::new(Documents::default()));
    let pdf = [("content-type", "application/pdf")];
    let (status, _, _) = send_raw(router.clone(), "PUT", "/documents/a", &pdf, "%PDF-1.7").await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, content_type, bytes) =
        send_raw(router.clone(), "GET", "/documents/a", &[], "").await;
    assert_eq!(
        (status, content_type.as_deref(), bytes.as_slice()),
        (StatusCode::OK, Some("application/pdf"), &b"%PDF-1.7"[..])
    );
    // A documented error with a body that is not JSON keeps its media type.
    let (status, content_type, bytes) =
        send_raw(router.clone(), "PUT", "/documents/b", &pdf, "0123456789").await;
    assert_eq!(
        (status, content_type.as_deref(), bytes.as_slice()),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            Some("text/plain"),
            &b"too large"[..]
        )
    );
    let (status, content_type, _) = send_raw(router.clone(), "GET", "/documents/b", &[], "").await;
    assert_eq!(
        (status, content_type.as_deref()),
        (StatusCode::NOT_FOUND, Some("application/json"))
    );
    // A required body of bytes must be there; an optional one may be absent.
    let (status, _, _) = send_raw(router.clone(), "PUT", "/documents/c", &[], "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let form = [("content-type", "multipart/form-data; boundary=x")];
    let (status, content_type, bytes) =
        send_raw(router.clone(), "POST", "/forms", &form, "--x--").await;
    assert_eq!(
        (status, content_type.as_deref(), bytes.as_slice()),
        (
            StatusCode::OK,
            Some("application/octet-stream"),
            &b"--x--"[..]
        )
    );
    let (status, content_type, _) = send_raw(router, "POST", "/forms", &[], "").await;
    assert_eq!(
        (status, content_type.as_deref()),
        (StatusCode::ACCEPTED, Some("application/json"))
    );
}

/// Answers the names API with what it was given.
struct Names;

impl names::Hooks for Names {
    type Principal = ();

    async fn authenticate(&self, _: names::Credentials<'_>) -> Result<(), Response> {
        Ok(())
    }

    fn reject(&self, rejection: names::Rejection) -> Response {
        json_error(StatusCode::BAD_REQUEST, "Rejected", &rejection.message)
    }

    fn internal_error(&self, error: names::Internal) -> Response {
        json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            &error.to_string(),
        )
    }
}

/// Which of the `names` fixture's `/a/1` and `/a/-1` handlers ran, in order (only
/// `names_that_collide_reach_their_own_fields` calls them).
static REACHED: std::sync::Mutex<Vec<&str>> = std::sync::Mutex::new(Vec::new());

impl names::names::NamesApi for Names {
    async fn search(
        &self,
        request: names::names::search::Request,
    ) -> Result<names::names::search::Response, names::names::search::Error> {
        let mut found = names::names::search::OkBody::new();
        let sort = request.sort.map(|s| format!("{s:?}")).unwrap_or_default();
        found.id = Some(format!(
            "{}|{}|{}|{}|{sort}|{}",
            request.query.unwrap_or_default(),
            request.max.unwrap_or_default(),
            request.database_name.unwrap_or_default(),
            request.query_database_name.unwrap_or_default(),
            request.headers.unwrap_or_default(),
        ));
        Ok(found)
    }

    async fn one(
        &self,
        _: names::names::one::Request,
    ) -> Result<names::names::one::Response, names::names::one::Error> {
        REACHED.lock().unwrap().push("one");
        Ok(())
    }

    async fn minus_one(
        &self,
        _: names::names::minus_one::Request,
    ) -> Result<names::names::minus_one::Response, names::names::minus_one::Error> {
        REACHED.lock().unwrap().push("minus_one");
        Ok(())
    }

    async fn get_pet(
        &self,
        request: names::names::get_pet::Request,
    ) -> Result<names::names::get_pet::Response, names::names::get_pet::Error> {
        let mut node = names::schemas::Node::new();
        node.name = Some(request.pet_id);
        node.next = Some(Box::new(names::schemas::Node::new()));
        Ok(node)
    }

    async fn get_photos(
        &self,
        request: names::names::get_photos::Request,
    ) -> Result<names::names::get_photos::Response, names::names::get_photos::Error> {
        if request.id == "p1" {
            Ok(())
        } else {
            Err(std::io::Error::other(request.id).into())
        }
    }

    async fn submit(
        &self,
        request: names::names::submit::Request,
    ) -> Result<names::names::submit::Response, names::names::submit::Error> {
        let mut taken = names::names::submit::OkBody::new();
        taken.b = request.body.map(|item| item.a.len() as i64);
        Ok(taken)
    }
}

#[tokio::test]
async fn names_that_collide_reach_their_own_fields() {
    let router = names::router(Arc::new(Names));
    let (status, _, body) = send(
        router.clone(),
        "GET",
        "/v1/search?query=q&max=3&databaseName=camel&database_name=snake&sort=-date",
        &[("headers", "h")],
        "",
    )
    .await;
    assert_eq!(
        (status, &body["id"]),
        (StatusCode::OK, &json!("q|3|snake|camel|MinusDate|h"))
    );
    // Two paths that differ only in punctuation are two routes, each to its own handler.
    for path in ["/v1/a/1", "/v1/a/-1"] {
        let (status, _, _) = send(router.clone(), "GET", path, &[], "").await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{path}");
    }
    assert_eq!(*REACHED.lock().unwrap(), ["one", "minus_one"]);
    // A parameter named as another route names it at its place reaches its field.
    let (status, _, _) = send(router.clone(), "GET", "/v1/pets/p1/photos", &[], "").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, body) = send(router, "GET", "/v1/pets/rex", &[], "").await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"name": "rex", "next": {}}))
    );
}
