//! One module per operation: its `Request`, its body and response types, its `Response`
//! (the success) and its `Error` (every other documented answer, one variant per status).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::comments;
use super::types::{declaration, type_tokens};
use crate::model::{Api, Media, Operation, ParamLocation, ResponseVariant, Scope, TypeRef};

pub fn tokens(api: &Api, op: &Operation) -> TokenStream {
    let scope = Scope::Operation {
        api: api.module.clone(),
        operation: op.name.clone(),
    };
    let mut heading = format!("`{} {}`", op.method, op.path);
    if let Some(summary) = &op.summary {
        heading.push_str(&format!(": {}", summary.trim()));
    }
    let mut lines = comments::lines(&heading);
    lines.push(String::new());
    if let Some(description) = &op.description {
        lines.extend(comments::lines(description));
        lines.push(String::new());
    }
    lines.extend(
        op.aliases
            .iter()
            .map(|alias| format!(" Also served at `{} {alias}`.", op.method)),
    );
    lines.push(format!(" Operation `{}`.", op.operation_id));

    let request = request_struct(op, &scope);
    let from_parts = from_parts(op, &scope);
    let response = responses(op, &scope);
    let decls = op.types.iter().map(|def| declaration(def, &scope));
    let doc = comments::inner(lines);

    quote! {
        #doc

        #request
        #from_parts
        #response
        #(#decls)*
    }
}

/// How a body's type is spelled: its JSON type, or bytes.
pub(crate) fn body_type(ty: &TypeRef, media: &Media, scope: &Scope) -> TokenStream {
    match media {
        Media::Json => type_tokens(ty, scope).0,
        Media::Binary { .. } => quote!(crate::binary::Binary),
    }
}

fn param_type(ty: &TypeRef, required: bool, scope: &Scope) -> TokenStream {
    let ty = type_tokens(ty, scope);
    if required {
        quote!(#ty)
    } else {
        quote!(Option<#ty>)
    }
}

fn request_struct(op: &Operation, scope: &Scope) -> TokenStream {
    let fields = op.params.iter().map(|p| {
        let name = format_ident!("{}", p.field);
        let ty = param_type(&p.ty, p.required, scope);
        let location = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        let mut doc = format!("`{}` ({location})", p.wire_name);
        if let Some(d) = &p.description {
            doc.push_str(&format!(": {}", d.trim()));
        }
        let mut lines = comments::lines(&doc);
        if let Some(example) = &p.example {
            lines.extend(comments::lines(&format!("Example: `{example}`.")));
        }
        let doc = comments::outer(lines);
        quote! {
            #doc
            pub #name: #ty,
        }
    });
    let body = op.body.as_ref().map(|b| {
        let ty = body_type(&b.ty, &b.media, scope);
        let ty = if b.required { ty } else { quote!(Option<#ty>) };
        let mut lines = comments::lines(b.description.as_deref().unwrap_or("The request body."));
        if let Some(example) = &b.example {
            let text = serde_json::to_string_pretty(example).unwrap_or_default();
            lines.extend([String::new(), " Example:".into(), String::new()]);
            lines.extend(comments::lines(&format!("```json\n{text}\n```")));
        }
        let doc = comments::outer(lines);
        quote! {
            #doc
            pub body: #ty,
        }
    });
    quote! {
        /// Everything the client sent, decoded.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Request {
            #(#fields)*
            #body
        }
    }
}

fn from_parts(op: &Operation, scope: &Scope) -> TokenStream {
    let mut decode = Vec::new();
    let mut inits = Vec::new();
    let query: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .collect();
    if !query.is_empty() {
        let fields = query.iter().map(|p| {
            let name = format_ident!("{}", p.field);
            let wire = &p.wire_name;
            let ty = param_type(&p.ty, p.required, scope);
            let default = (!p.required).then(|| quote!(#[serde(default)]));
            quote!(#[serde(rename = #wire)] #default #name: #ty,)
        });
        decode.push(quote! {
            #[derive(serde::Deserialize)]
            struct Query { #(#fields)* }
            let query: Query = runtime::query(uri)?;
        });
    }
    for p in &op.params {
        let field = format_ident!("{}", p.field);
        let name = format_ident!("{}", p.binding);
        let wire = &p.wire_name;
        match p.location {
            ParamLocation::Path => match &p.default {
                // An alias may leave the parameter out; its default stands in.
                Some(default) => decode.push(quote! {
                    let #name = runtime::parse_param(#wire, runtime::path_param(path, #wire).unwrap_or(#default))?;
                }),
                None => decode.push(quote! {
                    let #name = runtime::parse_param(#wire, runtime::path_param(path, #wire)?)?;
                }),
            },
            ParamLocation::Header => {
                let lookup = quote! {
                    headers.get(#wire).map(|v| v.to_str().map_err(|_| Rejection::new(RejectionKind::BadParameter, concat!("Invalid header `", #wire, "`."))).and_then(|text| runtime::parse_param(#wire, text))).transpose()?
                };
                if p.required {
                    decode.push(quote! {
                        let #name = #lookup.ok_or_else(|| Rejection::new(RejectionKind::BadParameter, concat!("Missing header `", #wire, "`.")))?;
                    });
                } else {
                    decode.push(quote!(let #name = #lookup;));
                }
            }
            ParamLocation::Query => decode.push(quote!(let #name = query.#field;)),
        }
        if p.binding == p.field {
            inits.push(quote!(#field,));
        } else {
            inits.push(quote!(#field: #name,));
        }
    }
    let binary = op
        .body
        .as_ref()
        .is_some_and(|b| matches!(b.media, Media::Binary { .. }));
    let body = op.body.as_ref().map(|b| {
        let keys = &b.required_keys;
        let require = (!keys.is_empty()).then(|| quote!(runtime::require_keys(&object, &[#(#keys),*])?;));
        match (binary, b.required) {
            (true, true) => quote! {
                let body = body.ok_or_else(|| Rejection::new(RejectionKind::NotJson, "A body is required."))?;
            },
            (true, false) => quote!(),
            (false, true) => quote! {
                let body = match body {
                    Some(object) => {
                        #require
                        runtime::decode(object)?
                    }
                    None => return Err(Rejection::new(RejectionKind::NotJson, "A JSON body is required.")),
                };
            },
            (false, false) => quote! {
                let body = match body {
                    Some(object) => {
                        #require
                        Some(runtime::decode(object)?)
                    }
                    None => None,
                };
            },
        }
    });
    let body_arg = if binary {
        quote!(Option<crate::binary::Binary>)
    } else {
        quote!(Option<crate::runtime::JsonObject>)
    };
    let body_doc = if binary {
        quote! {
            /// Decodes the request from the router's parts; the body is as sent (or absent).
        }
    } else {
        quote! {
            /// Decodes the request from the router's parts; the body is already known to be
            /// a JSON object (or absent).
        }
    };
    let body_init = op.body.as_ref().map(|_| quote!(body,));
    let unused_body = op.body.is_none().then(|| quote!(let _ = body;));
    let uses_uri = !query.is_empty();
    let uri_arg = if uses_uri { quote!(uri) } else { quote!(_uri) };
    let uses_path = op.params.iter().any(|p| p.location == ParamLocation::Path);
    let path_arg = if uses_path {
        quote!(path)
    } else {
        quote!(_path)
    };
    let uses_headers = op
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Header);
    let headers_arg = if uses_headers {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    quote! {
        impl Request {
            #body_doc
            pub(crate) fn from_parts(
                #path_arg: &[(String, String)],
                #uri_arg: &axum::http::Uri,
                #headers_arg: &axum::http::HeaderMap,
                body: #body_arg,
            ) -> Result<Self, crate::runtime::Rejection> {
                #[allow(unused_imports)]
                use crate::runtime::{self, Rejection, RejectionKind};
                #(#decode)*
                #body
                #unused_body
                Ok(Request { #(#inits)* #body_init })
            }
        }
    }
}

/// What a documented answer says, whole, led by its status.
fn answer_doc(status: Option<u16>, description: &str) -> Vec<String> {
    let description = description.trim();
    match status {
        Some(code) => comments::lines(&format!("{code}: {description}")),
        None => comments::lines(&format!("Any other status: {description}")),
    }
}

/// `Response` (the success: what the handler returns) and `Error` (every other answer the
/// spec documents, and a failure inside the implementation).
fn responses(op: &Operation, scope: &Scope) -> TokenStream {
    let (successes, errors): (Vec<_>, Vec<_>) = op
        .responses
        .iter()
        .partition(|r| r.status.is_some_and(|code| code < 400));
    let response = success(&successes, op.prepared_json, scope);
    let error = error_enum(&errors, scope);
    quote! {
        #response
        #error
    }
}

fn success(successes: &[&ResponseVariant], prepared: bool, scope: &Scope) -> TokenStream {
    match successes {
        [] => quote! {
            /// The spec documents no success answer: an empty one.
            pub type Response = ();
        },
        [only] => {
            let doc = comments::outer(answer_doc(only.status, &only.description));
            match &only.ty {
                Some(ty) if prepared => {
                    let ty = type_tokens(ty, scope);
                    quote!(#doc pub type Response = crate::runtime::Prepared<#ty>;)
                }
                Some(ty) => {
                    let ty = body_type(ty, &only.media, scope);
                    quote!(#doc pub type Response = #ty;)
                }
                None => quote!(#doc pub type Response = ();),
            }
        }
        several => {
            let variants = several.iter().map(|r| {
                let name = format_ident!("{}", r.variant);
                let doc = comments::outer(answer_doc(r.status, &r.description));
                match &r.ty {
                    Some(ty) => {
                        let ty = body_type(ty, &r.media, scope);
                        quote!(#doc #name(#ty),)
                    }
                    None => quote!(#doc #name,),
                }
            });
            let arms = several.iter().map(|r| {
                let name = format_ident!("{}", r.variant);
                let status = status_tokens(r.status.unwrap_or(200));
                match (&r.ty, &r.media) {
                    (Some(_), Media::Binary { content_type }) => {
                        quote!(Self::#name(body) => crate::binary::response(#status, body, #content_type),)
                    }
                    (Some(_), Media::Json) => {
                        quote!(Self::#name(body) => crate::runtime::json_response(#status, &body),)
                    }
                    (None, _) => quote!(Self::#name => #status.into_response(),),
                }
            });
            quote! {
                /// The successful answers the spec documents, one variant per status.
                #[derive(Debug, Clone, PartialEq)]
                pub enum Response {
                    #(#variants)*
                }

                impl axum::response::IntoResponse for Response {
                    fn into_response(self) -> axum::response::Response {
                        #[allow(unused_imports)]
                        use axum::{http::StatusCode, response::IntoResponse as _};
                        match self {
                            #(#arms)*
                        }
                    }
                }
            }
        }
    }
}

/// `StatusCode::NAME` for a standard status, else its number.
pub(crate) fn status_tokens(code: u16) -> TokenStream {
    match crate::naming::status_const(code) {
        Some(constant) => {
            let constant = format_ident!("{}", constant);
            quote!(axum::http::StatusCode::#constant)
        }
        None => quote!(
            axum::http::StatusCode::from_u16(#code)
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        ),
    }
}

fn error_enum(errors: &[&ResponseVariant], scope: &Scope) -> TokenStream {
    let body = |r: &ResponseVariant| match &r.ty {
        Some(ty) => body_type(ty, &r.media, scope),
        None => quote!(crate::runtime::NoBody),
    };
    let default = errors.iter().find(|r| r.status.is_none());
    let variants = errors.iter().map(|r| {
        let name = format_ident!("{}", r.variant);
        let doc = comments::outer(answer_doc(r.status, &r.description));
        let body = body(r);
        match r.status {
            Some(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#doc #name(crate::runtime::ErrorAnswer<#code, #body>),)
            }
            None => quote!(#doc #name(crate::runtime::AnyStatus<#body>),),
        }
    });
    let conversions = error_conversions(errors, default, &body);
    let answers = errors.iter().map(|r| {
        let name = format_ident!("{}", r.variant);
        match (&r.media, r.status) {
            (Media::Binary { content_type }, Some(_)) if r.ty.is_some() => {
                quote!(Error::#name(answer) => crate::binary::error_response(answer, #content_type),)
            }
            (Media::Binary { content_type }, None) if r.ty.is_some() => {
                quote!(Error::#name(answer) => crate::binary::any_status_response(answer, #content_type),)
            }
            _ => quote!(Error::#name(answer) => axum::response::IntoResponse::into_response(answer),),
        }
    });
    quote! {
        /// The answers other than success that the spec documents, one variant per status,
        /// and a failure inside the implementation. `?` converts an
        /// [`ErrorAnswer`](crate::runtime::ErrorAnswer) of a documented status, or any
        /// `std::error::Error` (as `Internal`).
        #[derive(Debug)]
        pub enum Error {
            #(#variants)*
            /// A failure inside the implementation, answered through
            /// [`Hooks::internal_error`](crate::runtime::Hooks::internal_error).
            Internal(crate::runtime::Internal),
        }

        #conversions

        impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
            fn from(error: E) -> Self {
                Error::Internal(crate::runtime::Internal::new(error))
            }
        }

        impl crate::runtime::OperationError for Error {
            fn answer<H: crate::runtime::Hooks>(self, hooks: &H) -> axum::response::Response {
                match self {
                    #(#answers)*
                    Error::Internal(error) => hooks.internal_error(error),
                }
            }
        }
    }
}

/// `From<ErrorAnswer<STATUS, Body>>` for each documented status. With a `default` answer
/// any status of its body type converts: those the operation names become their own
/// variants, the others `default`'s.
fn error_conversions(
    errors: &[&ResponseVariant],
    default: Option<&&ResponseVariant>,
    body: &dyn Fn(&ResponseVariant) -> TokenStream,
) -> TokenStream {
    let shares_default =
        |r: &ResponseVariant| default.is_some_and(|d| d.ty == r.ty && d.media == r.media);
    let documented = errors
        .iter()
        .filter(|r| r.status.is_some() && !shares_default(r))
        .map(|r| {
            let code = proc_macro2::Literal::u16_unsuffixed(r.status.unwrap_or_default());
            let name = format_ident!("{}", r.variant);
            let body = body(r);
            quote! {
                impl From<crate::runtime::ErrorAnswer<#code, #body>> for Error {
                    fn from(answer: crate::runtime::ErrorAnswer<#code, #body>) -> Self {
                        Error::#name(answer)
                    }
                }
            }
        });
    let any = default.map(|d| {
        let name = format_ident!("{}", d.variant);
        let body = body(d);
        let shared: Vec<_> = errors
            .iter()
            .filter(|r| r.status.is_some() && shares_default(r))
            .map(|r| {
                let code = proc_macro2::Literal::u16_unsuffixed(r.status.unwrap_or_default());
                let name = format_ident!("{}", r.variant);
                quote!(#code => Error::#name(answer.into_status()),)
            })
            .collect();
        let convert = if shared.is_empty() {
            quote!(Error::#name(answer.into_any()))
        } else {
            quote! {
                match STATUS {
                    #(#shared)*
                    _ => Error::#name(answer.into_any()),
                }
            }
        };
        quote! {
            impl<const STATUS: u16> From<crate::runtime::ErrorAnswer<STATUS, #body>> for Error {
                fn from(answer: crate::runtime::ErrorAnswer<STATUS, #body>) -> Self {
                    #convert
                }
            }
        }
    });
    quote! {
        #(#documented)*
        #any
    }
}
