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

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::{Api, Model, Operation};
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

/// One output file to produce. Jobs run on worker threads (token streams are not `Send`,
/// so each job builds its tokens where it formats them); results keep the jobs' order.
enum Job<'m> {
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
) -> Result<OutputFile> {
    let spec = &input.spec_label;
    match job {
        Job::Lib => rust_file("src/lib.rs", spec, lib_tokens(model)),
        Job::SchemasIndex => rust_file("src/schemas/mod.rs", spec, types::index_tokens(shared)),
        Job::Schema(module) => rust_file(
            format!("src/schemas/{}.rs", module.module),
            &joined_label(spec, &module.file),
            types::module_tokens(module),
        ),
        Job::ApiModule(api) => rust_file(
            format!("src/{}/mod.rs", api.module),
            &joined_label(spec, &api.source),
            api::tokens(model, api),
        ),
        Job::Operation(api, op) => rust_file(
            format!("src/{}/{}.rs", api.module, op.name),
            &joined_label(spec, &api.source),
            operation::tokens(model, api, op),
        ),
        Job::Router => rust_file("src/router.rs", spec, router::tokens(model)),
        Job::Examples => rust_file(
            "tests/examples.rs",
            spec,
            examples::tokens(model, &input.crate_name),
        ),
    }
}

fn lib_tokens(model: &Model) -> TokenStream {
    let modules = model.apis.iter().map(|api| {
        let module = quote::format_ident!("{}", api.module);
        let doc = format!("{} (`{}`).", api.title, api.source);
        quote! {
            #[doc = #doc]
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

/// All Rust files of the generated crate, formatted on as many threads as the machine has
/// (parsing and pretty-printing dominate the generator's time).
pub fn emit(model: &Model, input: &Input) -> Result<Vec<OutputFile>> {
    let shared = types::shared_modules(model)?;
    // The largest files first, so no worker is left with a big one at the end.
    let mut jobs = vec![Job::Router, Job::Examples, Job::Lib, Job::SchemasIndex];
    for api in &model.apis {
        jobs.push(Job::ApiModule(api));
        jobs.extend(api.operations.iter().map(|op| Job::Operation(api, op)));
    }
    jobs.extend(shared.iter().map(Job::Schema));

    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<OutputFile>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (jobs, shared, next) = (&jobs, &shared, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else {
                            break done;
                        };
                        done.push((index, run(job, model, input, shared)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    vec![(
                        usize::MAX,
                        Err(Error::other("internal error: an emitter panicked")),
                    )]
                })
            })
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, file)| file).collect()
}

/// `src/runtime.rs`, which depends on nothing in the spec: [`crate::generate`] formats it
/// while the spec is still being loaded.
pub fn runtime_file(input: &Input) -> Result<OutputFile> {
    rust_file("src/runtime.rs", &input.spec_label, runtime::tokens())
}
