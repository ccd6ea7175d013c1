// Generated from api-spec/api/client-server/v1 by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! The axum router over every API trait.
use std::sync::Arc;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::extract::rejection::PathRejection;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
#[allow(unused_imports)]
use crate::runtime::{
    self, BodyRule, Credentials, Hooks, OrReject, Rejection, RejectionKind,
};
/// Every API trait at once: what [`router`] serves.
pub trait Api: crate::banning::BanningApi + crate::create_room::CreateRoomApi + crate::directory::DirectoryApi + crate::leaving::LeavingApi + crate::login::LoginApi + crate::membership::MembershipApi + crate::rooms::RoomsApi {}
impl<
    S: crate::banning::BanningApi + crate::create_room::CreateRoomApi
        + crate::directory::DirectoryApi + crate::leaving::LeavingApi
        + crate::login::LoginApi + crate::membership::MembershipApi
        + crate::rooms::RoomsApi,
> Api for S {}
/// The router for every operation, aliases included. Unknown paths and wrong methods
/// are answered through [`Hooks::reject`].
pub fn router<S: Api>(server: Arc<S>) -> Router {
    Router::new()
        .route(
            "/_matrix/client/api/v1/createRoom",
            axum::routing::post(post_matrix_client_api_v1_create_room::<S>),
        )
        .route(
            "/_matrix/client/api/v1/directory/room/{roomAlias}",
            axum::routing::delete(
                    delete_matrix_client_api_v1_directory_room_room_alias::<S>,
                )
                .get(get_matrix_client_api_v1_directory_room_room_alias::<S>)
                .put(put_matrix_client_api_v1_directory_room_room_alias::<S>),
        )
        .route(
            "/_matrix/client/api/v1/join/{roomId}",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_join::<S>),
        )
        .route(
            "/_matrix/client/api/v1/login",
            axum::routing::post(post_matrix_client_api_v1_login::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/ban",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_ban::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/forget",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_forget::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/initialSync",
            axum::routing::get(get_matrix_client_api_v1_rooms_room_id_initial_sync::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/invite",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_invite::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/join",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_join::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/kick",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_kick::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/leave",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_leave::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/members",
            axum::routing::get(get_matrix_client_api_v1_rooms_room_id_members::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/state",
            axum::routing::get(get_matrix_client_api_v1_rooms_room_id_state::<S>),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/state/{eventType}",
            axum::routing::get(
                get_matrix_client_api_v1_rooms_room_id_state_event_type_state_key::<S>,
            ),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/",
            axum::routing::get(
                get_matrix_client_api_v1_rooms_room_id_state_event_type_state_key::<S>,
            ),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/{stateKey}",
            axum::routing::get(
                get_matrix_client_api_v1_rooms_room_id_state_event_type_state_key::<S>,
            ),
        )
        .route(
            "/_matrix/client/api/v1/rooms/{roomId}/unban",
            axum::routing::post(post_matrix_client_api_v1_rooms_room_id_unban::<S>),
        )
        .route(
            "/_matrix/client/api/v1/tokenrefresh",
            axum::routing::post(post_matrix_client_api_v1_tokenrefresh::<S>),
        )
        .fallback(unknown_path::<S>)
        .method_not_allowed_fallback(wrong_method::<S>)
        .with_state(server)
}
async fn unknown_path<S: Api>(State(server): State<Arc<S>>) -> Response {
    server.reject(Rejection::new(RejectionKind::UnknownPath, "Unrecognized request"))
}
async fn wrong_method<S: Api>(State(server): State<Arc<S>>) -> Response {
    server
        .reject(
            Rejection::new(
                RejectionKind::WrongMethod,
                "Unrecognized request: method not allowed",
            ),
        )
}
/// Takes the API key from where the spec's security scheme puts it and asks the
/// implementation who it belongs to.
async fn authenticate<S: Api>(
    server: &S,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<S::Principal, Response> {
    #[derive(serde::Deserialize)]
    struct Key {
        #[serde(rename = "access_token")]
        key: Option<String>,
    }
    let api_key = match runtime::query::<Key>(uri) {
        Ok(query) => query.key,
        Err(rejection) => return Err(server.reject(rejection)),
    };
    server.authenticate(Credentials { api_key, headers }).await
}
/// `POST /_matrix/client/api/v1/createRoom`: `createRoom`.
async fn post_matrix_client_api_v1_create_room<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Optional,
                )
                .await?;
            let request = crate::create_room::create_room::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::create_room::CreateRoomApi>::create_room(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `DELETE /_matrix/client/api/v1/directory/room/{roomAlias}`: `deleteRoomAlias`.
async fn delete_matrix_client_api_v1_directory_room_room_alias<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::directory::delete_room_alias::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::directory::DirectoryApi>::delete_room_alias(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `GET /_matrix/client/api/v1/directory/room/{roomAlias}`: `getRoomIdByAlias`.
async fn get_matrix_client_api_v1_directory_room_room_alias<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::directory::get_room_id_by_alias::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::directory::DirectoryApi>::get_room_id_by_alias(
                    server,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `PUT /_matrix/client/api/v1/directory/room/{roomAlias}`: `setRoomAlias`.
async fn put_matrix_client_api_v1_directory_room_room_alias<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Required,
                )
                .await?;
            let request = crate::directory::set_room_alias::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::directory::DirectoryApi>::set_room_alias(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/login`: `login`.
async fn post_matrix_client_api_v1_login<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Optional,
                )
                .await?;
            let request = crate::login::login::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::login::LoginApi>::login(server, request).await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/ban`: `ban`.
async fn post_matrix_client_api_v1_rooms_room_id_ban<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Required,
                )
                .await?;
            let request = crate::banning::ban::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::banning::BanningApi>::ban(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/forget`: `forgetRoom`.
async fn post_matrix_client_api_v1_rooms_room_id_forget<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::leaving::forget_room::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::leaving::LeavingApi>::forget_room(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `GET /_matrix/client/api/v1/rooms/{roomId}/initialSync`: `roomInitialSync`.
async fn get_matrix_client_api_v1_rooms_room_id_initial_sync<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::rooms::room_initial_sync::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::rooms::RoomsApi>::room_initial_sync(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::prepared_response(
                            axum::http::StatusCode::OK,
                            body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/invite`: `inviteBy3PID`, `inviteUser`.
async fn post_matrix_client_api_v1_rooms_room_id_invite<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Required,
                )
                .await?;
            match runtime::select_form(
                    object.as_ref(),
                    &[&["id_server", "medium", "address", "display_name"], &["user_id"]],
                )
                .or_reject(server)?
            {
                0 => {
                    let request = crate::membership::invite_by3_pid::Request::from_parts(
                            &path,
                            &uri,
                            &headers,
                            object,
                        )
                        .or_reject(server)?;
                    let outcome = <S as crate::membership::MembershipApi>::invite_by3_pid(
                            server,
                            principal,
                            request,
                        )
                        .await;
                    Ok(
                        runtime::respond(
                            server,
                            outcome
                                .map(|body| runtime::json_response(
                                    axum::http::StatusCode::OK,
                                    &body,
                                )),
                        ),
                    )
                }
                _ => {
                    let request = crate::membership::invite_user::Request::from_parts(
                            &path,
                            &uri,
                            &headers,
                            object,
                        )
                        .or_reject(server)?;
                    let outcome = <S as crate::membership::MembershipApi>::invite_user(
                            server,
                            principal,
                            request,
                        )
                        .await;
                    Ok(
                        runtime::respond(
                            server,
                            outcome
                                .map(|body| runtime::json_response(
                                    axum::http::StatusCode::OK,
                                    &body,
                                )),
                        ),
                    )
                }
            }
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/join`: `joinRoom`.
async fn post_matrix_client_api_v1_rooms_room_id_join<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Lenient,
                )
                .await?;
            let request = crate::membership::join_room::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::membership::MembershipApi>::join_room(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/kick`: `kick`.
async fn post_matrix_client_api_v1_rooms_room_id_kick<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Required,
                )
                .await?;
            let request = crate::banning::kick::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::banning::BanningApi>::kick(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/leave`: `leaveRoom`.
async fn post_matrix_client_api_v1_rooms_room_id_leave<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::leaving::leave_room::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::leaving::LeavingApi>::leave_room(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `GET /_matrix/client/api/v1/rooms/{roomId}/members`: `getMembersByRoom`.
async fn get_matrix_client_api_v1_rooms_room_id_members<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::rooms::get_members_by_room::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::rooms::RoomsApi>::get_members_by_room(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::prepared_response(
                            axum::http::StatusCode::OK,
                            body,
                        )),
                ),
            )
        })
        .await
}
/// `GET /_matrix/client/api/v1/rooms/{roomId}/state`: `getRoomState`.
async fn get_matrix_client_api_v1_rooms_room_id_state<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::rooms::get_room_state::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::rooms::RoomsApi>::get_room_state(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::prepared_response(
                            axum::http::StatusCode::OK,
                            body,
                        )),
                ),
            )
        })
        .await
}
/// `GET /_matrix/client/api/v1/rooms/{roomId}/state/{eventType}/{stateKey}`: `getRoomStateWithKey`.
async fn get_matrix_client_api_v1_rooms_room_id_state_event_type_state_key<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Ignored,
                )
                .await?;
            let request = crate::rooms::get_room_state_with_key::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::rooms::RoomsApi>::get_room_state_with_key(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/rooms/{roomId}/unban`: `unban`.
async fn post_matrix_client_api_v1_rooms_room_id_unban<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let principal = authenticate(server, &uri, &headers).await?;
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Required,
                )
                .await?;
            let request = crate::banning::unban::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::banning::BanningApi>::unban(
                    server,
                    principal,
                    request,
                )
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
/// `POST /_matrix/client/api/v1/tokenrefresh`: `tokenRefresh`.
async fn post_matrix_client_api_v1_tokenrefresh<S: Api>(
    State(server): State<Arc<S>>,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let server = &*server;
    runtime::answer(async {
            let (path, object) = runtime::read_request(
                    server,
                    path,
                    body,
                    BodyRule::Optional,
                )
                .await?;
            let request = crate::login::token_refresh::Request::from_parts(
                    &path,
                    &uri,
                    &headers,
                    object,
                )
                .or_reject(server)?;
            let outcome = <S as crate::login::LoginApi>::token_refresh(server, request)
                .await;
            Ok(
                runtime::respond(
                    server,
                    outcome
                        .map(|body| runtime::json_response(
                            axum::http::StatusCode::OK,
                            &body,
                        )),
                ),
            )
        })
        .await
}
