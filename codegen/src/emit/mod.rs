//! Emitting: the model as Rust source, built with `quote`, then formatted with
//! `prettyplease`. Emitters read only the [`Model`]; each file opens with a line naming its
//! source and the command that regenerates it.

mod api;
mod comments;
mod examples;
mod operation;
mod router;
mod types;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::{Media, Model};
use crate::{Input, OutputFile};

/// The header every generated Rust file starts with.
pub(crate) fn header(source: &str) -> String {
    format!("// Generated from {source} by `cargo xtask regen`. Do not edit by hand.\n")
}

/// A Rust file as tokens, before it is formatted.
pub struct RustFile {
    pub path: PathBuf,
    /// The spec file (or folder) the header names.
    source: String,
    tokens: TokenStream,
}

/// Every Rust file of the generated crate but `src/runtime.rs` (see [`runtime_file`]): the
/// crate root, the router, the example tests, the shared schema modules, then each API's
/// trait module and its operation modules.
pub fn rust_files(model: &Model, input: &Input) -> Result<Vec<RustFile>> {
    let spec = &input.spec_label;
    let file = |path: String, source: String, tokens| RustFile {
        path: path.into(),
        source,
        tokens,
    };
    let shared = types::shared_modules(model)?;
    let mut files = vec![
        file("src/lib.rs".into(), spec.clone(), lib_tokens(model)),
        file("src/router.rs".into(), spec.clone(), router::tokens(model)),
        file(
            "tests/examples.rs".into(),
            spec.clone(),
            examples::tokens(model, &input.crate_name),
        ),
        file(
            "src/schemas/mod.rs".into(),
            spec.clone(),
            types::index_tokens(&shared),
        ),
    ];
    for module in &shared {
        files.push(file(
            format!("src/schemas/{}.rs", module.module),
            joined_label(spec, &module.file),
            types::module_tokens(module),
        ));
    }
    for api in &model.apis {
        let source = joined_label(spec, &api.source);
        files.push(file(
            format!("src/{}/mod.rs", api.module),
            source.clone(),
            api::tokens(model, api),
        ));
        for op in &api.operations {
            files.push(file(
                format!("src/{}/{}.rs", api.module, op.name),
                source.clone(),
                operation::tokens(api, op),
            ));
        }
    }
    Ok(files)
}

/// `file` formatted, with the generated header.
pub fn format(file: RustFile) -> Result<OutputFile> {
    let parsed: syn::File = syn::parse2(file.tokens).map_err(|e| {
        Error::other(format!(
            "internal error: {} does not parse: {e}",
            file.path.display()
        ))
    })?;
    // prettyplease formats the output deterministically; keep `cargo fmt`, whose style
    // differs in details, from rewriting it.
    Ok(OutputFile {
        contents: format!(
            "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n{}",
            header(&file.source),
            prettyplease::unparse(&parsed)
        ),
        path: file.path,
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

/// Whether some body or answer is carried as bytes: then the crate has `src/binary.rs`.
pub fn uses_binary(model: &Model) -> bool {
    let binary = |media: &Media| matches!(media, Media::Binary { .. });
    model.apis.iter().flat_map(|api| &api.operations).any(|op| {
        op.body.as_ref().is_some_and(|b| binary(&b.media))
            || op.responses.iter().any(|r| binary(&r.media))
    })
}

fn lib_tokens(model: &Model) -> TokenStream {
    let modules = model.apis.iter().map(|api| {
        let module = quote::format_ident!("{}", api.module);
        let doc = comments::doc(&format!("{} (`{}`).", api.title, api.source));
        quote! {
            #doc
            pub mod #module;
        }
    });
    let binary = uses_binary(model).then(|| {
        quote!(
            pub mod binary;
        )
    });
    quote! {
        //! Typed request and response types, one route trait per API, and an axum router, generated from the API spec.
        //!
        //! Implement [`runtime::Hooks`] and every API trait, then serve [`router::router`].
        pub mod runtime;
        #binary
        pub mod schemas;
        #(#modules)*
        pub mod router;

        pub use router::{router, Api};
        pub use runtime::{Credentials, ErrorAnswer, Hooks, Internal, NoBody, Rejection, RejectionKind};
    }
}

/// `src/binary.rs`: bodies carried as bytes, for a crate whose spec has them; like the
/// runtime, plain Rust in `codegen/templates/`, copied.
pub fn binary_file() -> OutputFile {
    OutputFile {
        path: "src/binary.rs".into(),
        contents: format!(
            "// Copied from the template codegen/templates/binary.rs by `cargo xtask regen`. Do not edit by hand.\n#![cfg_attr(rustfmt, rustfmt::skip)]\n{}",
            include_str!("../../templates/binary.rs")
        ),
    }
}

/// `src/runtime.rs`: the hooks trait and the request plumbing every route shares. It is
/// the same for every spec, so it is written as plain Rust in `codegen/templates/` (and
/// copied, not depended on, so the generated crate builds on its own with crates.io
/// dependencies only); the generated crate's build and clippy check it. Its header says
/// where it comes from: the template, not the spec.
pub fn runtime_file() -> OutputFile {
    OutputFile {
        path: "src/runtime.rs".into(),
        contents: format!(
            "// Copied from the template codegen/templates/runtime.rs by `cargo xtask regen`. Do not edit by hand.\n#![cfg_attr(rustfmt, rustfmt::skip)]\n{}",
            include_str!("../../templates/runtime.rs")
        ),
    }
}
