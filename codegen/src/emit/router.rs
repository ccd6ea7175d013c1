//! `src/router.rs`: one axum handler per route. A handler authenticates, reads the body,
//! picks the operation (by the body's required keys when several share the route), decodes
//! the typed request, calls the trait method and answers its success with the documented
//! status (its error answers itself, `runtime::OperationError`); its steps run in one
//! `async` block inside `runtime::answer`, so the first refusal (`?`) is the answer.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::comments;
use crate::model::{Media, Model, ParamLocation, Route};

pub fn tokens(model: &Model) -> TokenStream {
    let traits: Vec<_> = model
        .apis
        .iter()
        .map(|api| {
            let module = format_ident!("{}", api.module);
            let name = format_ident!("{}", api.trait_name);
            quote!(crate::#module::#name)
        })
        .collect();
    let handlers = model.routes.iter().map(|route| handler(model, route));

    // Routes grouped by path so one path carries all its methods.
    let mut by_path: BTreeMap<&str, Vec<(String, syn::Ident)>> = BTreeMap::new();
    for route in &model.routes {
        let handler = format_ident!("{}", route.handler);
        let method = route.method.to_lowercase();
        for path in &route.routed {
            by_path
                .entry(path.as_str())
                .or_default()
                .push((method.clone(), handler.clone()));
        }
    }
    let routes = by_path.iter().map(|(path, methods)| {
        let chain = methods.iter().enumerate().map(|(i, (method, handler))| {
            let method = format_ident!("{}", method);
            if i == 0 {
                quote!(axum::routing::#method(#handler::<S>))
            } else {
                quote!(.#method(#handler::<S>))
            }
        });
        quote!(.route(#path, #(#chain)*))
    });

    let authenticate = match &model.security {
        Some(security) => {
            let name = &security.name;
            let extract = match security.location {
                ParamLocation::Query => quote! {
                    #[derive(serde::Deserialize)]
                    struct Key {
                        #[serde(rename = #name)]
                        key: Option<String>,
                    }
                    let api_key = match runtime::query::<Key>(uri) {
                        Ok(query) => query.key,
                        Err(rejection) => return Err(server.reject(rejection)),
                    };
                },
                _ => quote! {
                    let _ = uri;
                    let api_key = match headers.get(#name).map(|v| v.to_str()) {
                        None => None,
                        Some(Ok(text)) => Some(text.to_owned()),
                        Some(Err(_)) => return Err(server.reject(Rejection::new(RejectionKind::BadParameter, concat!("Invalid header `", #name, "`.")))),
                    };
                },
            };
            quote! {
                /// Takes the API key from where the spec's security scheme puts it and asks the
                /// implementation who it belongs to.
                async fn authenticate<S: Api>(server: &S, uri: &Uri, headers: &HeaderMap) -> Result<S::Principal, Response> {
                    #extract
                    server.authenticate(Credentials { api_key, headers }).await
                }
            }
        }
        // Operations secured by schemes the router does not read (bearer tokens, OAuth 2):
        // the implementation finds the credentials in the headers.
        None if model
            .apis
            .iter()
            .any(|api| api.operations.iter().any(|op| op.secured)) =>
        {
            quote! {
                /// Asks the implementation who the request's credentials (in its headers)
                /// belong to.
                async fn authenticate<S: Api>(server: &S, _uri: &Uri, headers: &HeaderMap) -> Result<S::Principal, Response> {
                    server.authenticate(Credentials { api_key: None, headers }).await
                }
            }
        }
        None => quote!(),
    };
    // Paths with segments led by `:` or `*` meant literally.
    let literal = model
        .literal_segments
        .then(|| quote!(.without_v07_checks()));

    quote! {
        //! The axum router over every API trait.

        use std::sync::Arc;

        use axum::Router;
        use axum::body::Body;
        use axum::extract::{Path, State};
        use axum::extract::rejection::PathRejection;
        use axum::http::{HeaderMap, Uri};
        use axum::response::Response;

        #[allow(unused_imports)]
        use crate::runtime::{self, BodyRule, Credentials, Hooks, OrReject, Rejection, RejectionKind};

        /// Every API trait at once: what [`router`] serves.
        pub trait Api: #(#traits)+* {}

        impl<S: #(#traits)+*> Api for S {}

        /// The router for every operation, aliases included. Unknown paths and wrong methods
        /// are answered through [`Hooks::reject`].
        pub fn router<S: Api>(server: Arc<S>) -> Router {
            Router::new()
                #literal
                #(#routes)*
                .fallback(unknown_path::<S>)
                .method_not_allowed_fallback(wrong_method::<S>)
                .with_state(server)
        }

        async fn unknown_path<S: Api>(State(server): State<Arc<S>>) -> Response {
            server.reject(Rejection::new(RejectionKind::UnknownPath, "Unrecognized request"))
        }

        async fn wrong_method<S: Api>(State(server): State<Arc<S>>) -> Response {
            server.reject(Rejection::new(RejectionKind::WrongMethod, "Unrecognized request: method not allowed"))
        }

        #authenticate

        #(#handlers)*
    }
}

fn handler(model: &Model, route: &Route) -> TokenStream {
    let name = format_ident!("{}", route.handler);
    let ops: Vec<_> = route
        .operations
        .iter()
        .map(|&(a, o)| (&model.apis[a], &model.apis[a].operations[o]))
        .collect();
    let all_secured = ops.iter().all(|(_, op)| op.secured);
    let auth_first =
        all_secured.then(|| quote!(let principal = authenticate(server, &uri, &headers).await?;));
    // A body is read when any form has one; an empty body is acceptable only when no form
    // requires one.
    let rule = if ops.iter().all(|(_, op)| op.body.is_none()) {
        quote!(Ignored)
    } else if ops
        .iter()
        .all(|(_, op)| op.body.as_ref().is_some_and(|b| b.required))
    {
        quote!(Required)
    } else if ops
        .iter()
        .any(|(_, op)| op.body.as_ref().is_some_and(|b| b.invalid_is_absent))
    {
        quote!(Lenient)
    } else {
        quote!(Optional)
    };
    let binary = ops.iter().any(|(_, op)| {
        op.body
            .as_ref()
            .is_some_and(|b| matches!(b.media, Media::Binary { .. }))
    });
    let read = if binary {
        quote!(let (path, object) = crate::binary::read_request(server, path, &headers, body).await?;)
    } else {
        quote!(let (path, object) = runtime::read_request(server, path, body, BodyRule::#rule).await?;)
    };
    // Captures named as another route names them at their place, renamed back.
    let renames = (!route.renames.is_empty()).then(|| {
        let pairs = route
            .renames
            .iter()
            .map(|(from, to)| quote!((#from, #to)));
        quote! {
            let mut path = path;
            for (name, _) in &mut path {
                if let Some((_, spec)) = [#(#pairs),*].iter().find(|(routed, _)| *routed == name.as_str()) {
                    *name = (*spec).to_owned();
                }
            }
        }
    });
    let call = |api: &crate::model::Api, op: &crate::model::Operation| {
        let module = format_ident!("{}", api.module);
        let op_module = format_ident!("{}", op.name);
        let method = format_ident!("{}", op.name);
        let trait_name = format_ident!("{}", api.trait_name);
        let principal = match (op.secured, all_secured) {
            (true, true) => quote!(principal,),
            (true, false) => quote!(authenticate(server, &uri, &headers).await?,),
            (false, _) => quote!(),
        };
        let success = success_answer(op);
        quote! {
            let request = crate::#module::#op_module::Request::from_parts(&path, &uri, &headers, object).or_reject(server)?;
            let outcome = <S as crate::#module::#trait_name>::#method(server, #principal request).await;
            Ok(runtime::respond(server, outcome.map(#success)))
        }
    };
    let dispatch = if ops.len() == 1 {
        let (api, op) = ops[0];
        call(api, op)
    } else {
        let forms = ops.iter().map(|(_, op)| {
            let keys = op
                .body
                .as_ref()
                .map(|b| b.required_keys.clone())
                .unwrap_or_default();
            quote!(&[#(#keys),*])
        });
        let arms = ops.iter().enumerate().map(|(i, (api, op))| {
            let body = call(api, op);
            if i + 1 == ops.len() {
                quote!(_ => { #body })
            } else {
                let i = proc_macro2::Literal::usize_unsuffixed(i);
                quote!(#i => { #body })
            }
        });
        quote! {
            match runtime::select_form(object.as_ref(), &[#(#forms),*]).or_reject(server)? {
                #(#arms)*
            }
        }
    };
    let doc = {
        let names: Vec<String> = ops
            .iter()
            .map(|(_, op)| format!("`{}`", op.operation_id))
            .collect();
        comments::doc(&format!(
            "`{} {}`: {}.",
            route.method,
            route.path,
            names.join(", ")
        ))
    };
    quote! {
        #doc
        async fn #name<S: Api>(
            State(server): State<Arc<S>>,
            path: Result<Path<Vec<(String, String)>>, PathRejection>,
            uri: Uri,
            headers: HeaderMap,
            body: Body,
        ) -> Response {
            let server = &*server;
            runtime::answer(async {
                #auth_first
                #read
                #renames
                #dispatch
            })
            .await
        }
    }
}

/// How an operation's success becomes the answer: its one documented status with the body
/// (or none), or the `Response` enum's own status per variant.
fn success_answer(op: &crate::model::Operation) -> TokenStream {
    let successes: Vec<_> = op
        .responses
        .iter()
        .filter(|r| r.status.is_some_and(|code| code < 400))
        .collect();
    match successes.as_slice() {
        [only] => {
            let status = super::operation::status_tokens(only.status.unwrap_or(200));
            match (&only.ty, &only.media) {
                (Some(_), Media::Binary { content_type }) => {
                    quote!(|body| crate::binary::response(#status, body, #content_type))
                }
                (Some(_), Media::Json) if op.prepared_json => {
                    quote!(|body| runtime::prepared_response(#status, body))
                }
                (Some(_), Media::Json) => quote!(|body| runtime::json_response(#status, &body)),
                (None, _) => quote!(|()| axum::response::IntoResponse::into_response(#status)),
            }
        }
        [] => quote!(|()| axum::response::IntoResponse::into_response(axum::http::StatusCode::OK)),
        _ => quote!(axum::response::IntoResponse::into_response),
    }
}
