//! Emitting: the model as Rust source files, built with `quote` and formatted with
//! `prettyplease`. Emitters read only the [`Model`]; each file opens with a line naming
//! its source and the command that regenerates it.

mod api;
mod examples;
mod operation;
mod router;
mod runtime;
mod types;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::Model;
use crate::{Input, OutputFile};

/// The header every generated Rust file starts with.
pub(crate) fn header(source: &str) -> String {
    format!("// Generated from {source} by `cargo xtask regen`. Do not edit by hand.\n")
}

/// Formats `tokens` as a file with the generated header.
pub(crate) fn rust_file(
    path: impl Into<PathBuf>,
    source: &str,
    tokens: TokenStream,
) -> Result<OutputFile> {
    let path = path.into();
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::other(format!(
            "internal error: {} does not parse: {e}",
            path.display()
        ))
    })?;
    let body = prettyplease::unparse(&file);
    // prettyplease formats the output deterministically; keep `cargo fmt`, whose style
    // differs in details, from rewriting it.
    Ok(OutputFile {
        path,
        contents: format!(
            "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n{body}",
            header(source)
        ),
    })
}

/// `label/relative` with `..` segments folded, so headers name files as a reader finds them.
fn joined_label(label: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = label.split('/').filter(|p| !p.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// All Rust files of the generated crate.
pub fn emit(model: &Model, input: &Input) -> Result<Vec<OutputFile>> {
    let spec = &input.spec_label;
    let mut files = Vec::new();
    let modules: Vec<_> = model
        .apis
        .iter()
        .map(|api| {
            let module = quote::format_ident!("{}", api.module);
            let doc = format!("{} (`{}`).", api.title, api.source);
            quote! {
                #[doc = #doc]
                pub mod #module;
            }
        })
        .collect();
    let lib = quote! {
        //! Typed request and response types, one route trait per API, and an axum router, generated from the API spec.
        //!
        //! Implement [`runtime::Hooks`] and every API trait, then serve [`router::router`].
        pub mod runtime;
        pub mod schemas;
        #(#modules)*
        pub mod router;

        pub use router::{router, Api};
        pub use runtime::{Credentials, Hooks, Rejection, RejectionKind};
    };
    files.push(rust_file("src/lib.rs", spec, lib)?);
    files.push(rust_file("src/runtime.rs", spec, runtime::tokens())?);
    for (path, source, tokens) in types::shared_modules(model)? {
        files.push(rust_file(path, &joined_label(spec, &source), tokens)?);
    }
    for api in &model.apis {
        let source = joined_label(spec, &api.source);
        files.push(rust_file(
            format!("src/{}/mod.rs", api.module),
            &source,
            api::tokens(model, api),
        )?);
        for op in &api.operations {
            files.push(rust_file(
                format!("src/{}/{}.rs", api.module, op.name),
                &source,
                operation::tokens(model, api, op),
            )?);
        }
    }
    files.push(rust_file("src/router.rs", spec, router::tokens(model))?);
    files.push(rust_file(
        "tests/examples.rs",
        spec,
        examples::tokens(model, &input.crate_name),
    )?);
    Ok(files)
}
