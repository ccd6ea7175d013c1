//! Emitting: the model as Rust source files, built with `quote` and formatted with
//! `prettyplease`. Emitters read only the [`Model`]; each file opens with a line naming
//! its source and the command that regenerates it.

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
use crate::model::{Api, Model, Operation};
use crate::{Input, OutputFile};

/// The header every generated Rust file starts with.
pub(crate) fn header(source: &str) -> String {
    format!("// Generated from {source} by `cargo xtask regen`. Do not edit by hand.\n")
}

/// Builds a file's tokens with `build` and formats them, with the generated header.
pub(crate) fn rust_file(
    path: impl Into<PathBuf>,
    source: &str,
    build: impl FnOnce() -> TokenStream,
) -> Result<OutputFile> {
    let path = path.into();
    let (tokens, doc_blocks) = comments::collect(build);
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::other(format!(
            "internal error: {} does not parse: {e}",
            path.display()
        ))
    })?;
    let body = comments::expand(&prettyplease::unparse(&file), &doc_blocks)?;
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

/// Output files made from the model by someone else (the API reference, the OpenAPI
/// document), run by [`emit`] on the same workers as the Rust files.
pub type SideJob<'a> = &'a (dyn Fn() -> Result<Vec<OutputFile>> + Sync);

/// Output to produce. Jobs run on worker threads (token streams are not `Send`, so each
/// job builds its tokens where it formats them); results keep the jobs' order.
enum Job<'m> {
    Side(SideJob<'m>),
    Lib,
    SchemasIndex,
    Schema(&'m types::SharedModule<'m>),
    ApiModule(&'m Api),
    Operation(&'m Api, &'m Operation),
    Router,
    Examples,
}

fn run(
    job: &Job<'_>,
    model: &Model,
    input: &Input,
    shared: &[types::SharedModule<'_>],
) -> Result<Vec<OutputFile>> {
    let spec = &input.spec_label;
    let file = match job {
        Job::Side(job) => return job(),
        Job::Lib => rust_file("src/lib.rs", spec, || lib_tokens(model)),
        Job::SchemasIndex => rust_file("src/schemas/mod.rs", spec, || types::index_tokens(shared)),
        Job::Schema(module) => rust_file(
            format!("src/schemas/{}.rs", module.module),
            &joined_label(spec, &module.file),
            || types::module_tokens(module),
        ),
        Job::ApiModule(api) => rust_file(
            format!("src/{}/mod.rs", api.module),
            &joined_label(spec, &api.source),
            || api::tokens(model, api),
        ),
        Job::Operation(api, op) => operation_file(api, op, input),
        Job::Router => rust_file("src/router.rs", spec, || router::tokens(model)),
        Job::Examples => rust_file("tests/examples.rs", spec, || {
            examples::tokens(model, &input.crate_name)
        }),
    };
    file.map(|file| vec![file])
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
    quote! {
        //! Typed request and response types, one route trait per API, and an axum router, generated from the API spec.
        //!
        //! Implement [`runtime::Hooks`] and every API trait, then serve [`router::router`].
        pub mod runtime;
        pub mod schemas;
        #(#modules)*
        pub mod router;

        pub use router::{router, Api};
        pub use runtime::{Credentials, Hooks, Rejection, RejectionKind};
    }
}

/// `src/{api}/{operation}.rs`. It reads only its API, so [`crate::generate`] formats the
/// operation modules of each API while later ones are still being lowered.
pub fn operation_file(api: &Api, op: &Operation, input: &Input) -> Result<OutputFile> {
    rust_file(
        operation_path(api, op),
        &joined_label(&input.spec_label, &api.source),
        || operation::tokens(api, op),
    )
}

fn operation_path(api: &Api, op: &Operation) -> PathBuf {
    format!("src/{}/{}.rs", api.module, op.name).into()
}

/// All Rust files of the generated crate, formatted on as many threads as the machine has
/// (parsing and pretty-printing dominate the generator's time), and the outputs of
/// `side_jobs`, which run first on the same workers: on a machine with few cores a thread
/// of their own would only compete with the workers. Files in `ready` (operation modules
/// formatted already) are taken as they are.
pub fn emit(
    model: &Model,
    input: &Input,
    side_jobs: &[SideJob<'_>],
    ready: Vec<OutputFile>,
) -> Result<Vec<OutputFile>> {
    let shared = types::shared_modules(model)?;
    // Roughly the largest jobs first (the many small operation modules last), so no worker
    // is left with a big one at the end.
    let mut jobs: Vec<Job<'_>> = side_jobs.iter().map(|job| Job::Side(*job)).collect();
    jobs.extend([Job::Router, Job::Examples]);
    jobs.extend(shared.iter().map(Job::Schema));
    let done: std::collections::HashSet<&PathBuf> = ready.iter().map(|f| &f.path).collect();
    for api in &model.apis {
        jobs.push(Job::ApiModule(api));
        jobs.extend(
            api.operations
                .iter()
                .filter(|op| !done.contains(&operation_path(api, op)))
                .map(|op| Job::Operation(api, op)),
        );
    }
    jobs.extend([Job::Lib, Job::SchemasIndex]);

    let mut files = Vec::with_capacity(jobs.len() + ready.len());
    for outputs in crate::parallel::map(&jobs, |job| run(job, model, input, &shared))? {
        files.extend(outputs?);
    }
    files.extend(ready);
    Ok(files)
}

/// `src/runtime.rs`: the hooks trait and the request plumbing every route shares. It is
/// the same for every spec, so it is written as plain Rust in `codegen/templates/` (and
/// emitted, not depended on, so the generated crate builds on its own with crates.io
/// dependencies only); the generated crate's build and clippy check it.
pub fn runtime_file(input: &Input) -> OutputFile {
    OutputFile {
        path: "src/runtime.rs".into(),
        contents: format!(
            "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n{}",
            header(&input.spec_label),
            include_str!("../../templates/runtime.rs")
        ),
    }
}
