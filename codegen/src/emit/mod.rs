//! Emitting: the model as Rust source files, built with `quote` and formatted with
//! `prettyplease`. Emitters read only the [`Model`]; each file opens with a line naming
//! its source and the command that regenerates it.

mod api;
mod comments;
mod examples;
mod operation;
mod router;
mod types;

use foldhash::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
/// document), run by a [`Plan`] on the same threads as the Rust files.
pub type SideJob = fn(&Model, &Input) -> Result<Vec<OutputFile>>;

/// Output to produce. Jobs run on whichever thread takes them (token streams are not
/// `Send`, so each job builds its tokens where it formats them).
enum Job<'m> {
    Side(SideJob),
    Lib,
    SchemasIndex,
    /// Index into the plan's shared modules.
    Schema(usize),
    ApiModule(&'m Api),
    Operation(&'m Api, &'m Operation),
    Router,
    Examples,
}

/// Operation modules some thread has taken, by path: each is formatted exactly once, early
/// (while later APIs are lowered) or as a job of the [`Plan`].
#[derive(Default)]
pub struct Taken(Mutex<HashSet<PathBuf>>);

impl Taken {
    /// `true` when nobody had taken the module at `path`; it is the caller's now.
    pub fn take(&self, path: &Path) -> bool {
        // A poisoned lock means a formatter panicked (reported when it is joined); the set
        // itself is whole, as inserting does not panic halfway.
        let mut taken = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        taken.insert(path.to_path_buf())
    }
}

/// Every output file of a model, as jobs that any number of threads take, each exactly
/// once, roughly the largest first (the many small operation modules last) so that no
/// thread is left with a big one at the end.
pub struct Plan<'m> {
    model: &'m Model,
    input: &'m Input,
    shared: Vec<types::SharedModule<'m>>,
    jobs: Vec<Job<'m>>,
    tickets: crate::parallel::Tickets,
}

/// What one thread made: each job's outputs under the job's place in the plan.
pub type Made = Vec<(usize, Result<Vec<OutputFile>>)>;

impl<'m> Plan<'m> {
    /// The side jobs run first: on a machine with few cores a thread of their own would
    /// only compete with the formatters.
    pub fn new(model: &'m Model, input: &'m Input, side_jobs: &[SideJob]) -> Result<Self> {
        let shared = types::shared_modules(model)?;
        let mut jobs: Vec<Job<'m>> = side_jobs.iter().map(|job| Job::Side(*job)).collect();
        jobs.extend([Job::Router, Job::Examples]);
        jobs.extend((0..shared.len()).map(Job::Schema));
        for api in &model.apis {
            jobs.push(Job::ApiModule(api));
            jobs.extend(api.operations.iter().map(|op| Job::Operation(api, op)));
        }
        jobs.extend([Job::Lib, Job::SchemasIndex]);
        let tickets = crate::parallel::Tickets::new(jobs.len());
        Ok(Plan {
            model,
            input,
            shared,
            jobs,
            tickets,
        })
    }

    /// Runs jobs until none is left, skipping the operation modules another thread has
    /// taken.
    pub fn work(&self, taken: &Taken) -> Made {
        let mut made = Vec::new();
        while let Some(index) = self.tickets.next() {
            if let Job::Operation(api, op) = self.jobs[index]
                && !taken.take(&operation_path(api, op))
            {
                continue;
            }
            made.push((index, guarded(|| self.run(&self.jobs[index]))));
        }
        made
    }

    /// The place in the plan of the operation module at `path`, so that a module formatted
    /// early is ordered as if the plan had made it.
    pub fn place_of(&self, path: &Path) -> usize {
        self.jobs
            .iter()
            .position(
                |job| matches!(job, Job::Operation(api, op) if operation_path(api, op) == path),
            )
            .unwrap_or(self.jobs.len())
    }

    fn run(&self, job: &Job<'_>) -> Result<Vec<OutputFile>> {
        let (model, input) = (self.model, self.input);
        let spec = &input.spec_label;
        let file = match job {
            Job::Side(job) => return job(model, input),
            Job::Lib => rust_file("src/lib.rs", spec, || lib_tokens(model)),
            Job::SchemasIndex => rust_file("src/schemas/mod.rs", spec, || {
                types::index_tokens(&self.shared)
            }),
            Job::Schema(index) => {
                let module = &self.shared[*index];
                rust_file(
                    format!("src/schemas/{}.rs", module.module),
                    &joined_label(spec, &module.file),
                    || types::module_tokens(module),
                )
            }
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
}

/// A job's outputs, or an internal error when it panicked (a bug, never the spec's fault):
/// whichever thread runs it, the generator answers with an error instead of crashing.
pub fn guarded(job: impl FnOnce() -> Result<Vec<OutputFile>>) -> Result<Vec<OutputFile>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
        .unwrap_or_else(|_| Err(crate::parallel::panicked()))
}

/// The files every thread made. Of several problems the one of the earliest job is
/// reported, as if the jobs had run one after another.
pub fn collect(mut made: Made) -> Result<Vec<OutputFile>> {
    made.sort_by_key(|(place, _)| *place);
    let mut files = Vec::new();
    for (_, outputs) in made {
        files.extend(outputs?);
    }
    Ok(files)
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
        pub use runtime::{Credentials, ErrorAnswer, Hooks, Internal, NoBody, Rejection, RejectionKind};
    }
}

/// `src/{api}/{operation}.rs`. It reads only its API, so [`crate::generate`] formats the
/// operation modules of each API while later ones are still being lowered (see [`Taken`]).
pub fn operation_file(api: &Api, op: &Operation, input: &Input) -> Result<OutputFile> {
    rust_file(
        operation_path(api, op),
        &joined_label(&input.spec_label, &api.source),
        || operation::tokens(api, op),
    )
}

pub fn operation_path(api: &Api, op: &Operation) -> PathBuf {
    format!("src/{}/{}.rs", api.module, op.name).into()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: String::new(),
        }
    }

    #[test]
    fn a_module_is_taken_once() {
        let taken = Taken::default();
        assert!(taken.take(Path::new("src/a/b.rs")));
        assert!(!taken.take(Path::new("src/a/b.rs")));
        assert!(taken.take(Path::new("src/a/c.rs")));
    }

    #[test]
    fn a_panicking_job_is_an_error_of_its_own() {
        let model = Model::default();
        let input = Input {
            spec_dir: "api".into(),
            overlay: None,
            crate_name: "panicky".into(),
            spec_label: "api".into(),
            workspace_member: false,
        };
        let plan = Plan::new(&model, &input, &[|_, _| panic!("a bug in a side job")]).unwrap();
        let made = plan.work(&Taken::default());
        let problem = collect(made).unwrap_err().to_string();
        assert!(problem.contains("panicked"), "{problem}");
    }

    #[test]
    fn of_several_problems_the_earliest_job_is_reported() {
        let made: Made = vec![
            (3, Err(Error::other("third"))),
            (0, Ok(vec![file("a.rs")])),
            (1, Err(Error::other("first"))),
        ];
        assert_eq!(collect(made).unwrap_err().to_string(), "first");
        let made: Made = vec![(1, Ok(vec![file("b.rs")])), (0, Ok(vec![file("a.rs")]))];
        let files = collect(made).unwrap();
        assert_eq!(files, vec![file("a.rs"), file("b.rs")]);
    }
}
