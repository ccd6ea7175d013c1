//! Spec-driven code generator: Swagger 2.0 or OpenAPI 3.0 files in, typed Rust and API docs out.
//!
//! The stages are separate and each is testable alone:
//! [`load`] (YAML/JSON, `$ref` across files, source positions) → [`overlay`] (project additions)
//! → [`swagger2`] (Swagger 2.0 lifted to OpenAPI 3.0, `x-` extensions kept) → [`lower`]
//! (the intermediate [`model`], with every Rust name resolved by [`naming`]) → [`emit`]
//! (tokens with `quote`, formatted with `prettyplease`), [`docs`] (askama text) and
//! [`openapi`] (one OpenAPI 3.0 document of what the router serves).
//!
//! The crate does no IO of its own: files are read through a [`SpecFs`] the caller provides,
//! and [`generate`] returns the output files for the caller to write.

pub mod docs;
pub mod emit;
pub mod error;
pub mod load;
pub mod locate;
pub mod lower;
pub mod model;
pub mod naming;
pub mod openapi;
pub mod overlay;
pub mod schema;
pub mod source;
pub mod swagger2;

pub use error::{Error, Result};
pub use source::{MemoryFs, SpecFs};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// What to generate and from where.
#[derive(Debug, Clone)]
pub struct Input {
    /// Folder holding the API files: every `*.yaml`, `*.yml` or `*.json` directly in it is one API.
    pub spec_dir: PathBuf,
    /// Optional OpenAPI Overlay 1.0 file applied to the loaded documents.
    pub overlay: Option<PathBuf>,
    /// Cargo package name of the generated crate.
    pub crate_name: String,
    /// Path of the spec folder as it should be named in generated headers (no machine paths).
    pub spec_label: String,
    /// `true` when the crate is a member of the surrounding workspace (inherits its lints),
    /// `false` for a standalone crate with a `[workspace]` table of its own.
    pub workspace_member: bool,
}

/// One generated file: a path relative to the output folder and its full contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Runs every stage and returns the files of the generated crate, sorted by path. A panic
/// in any stage is a bug, never the spec's fault: it is reported as an internal error
/// instead of taking the caller down.
pub fn generate(fs: &dyn SpecFs, input: &Input) -> Result<Vec<OutputFile>> {
    catch_unwind(AssertUnwindSafe(|| run(fs, input)))
        .unwrap_or_else(|_| Err(Error::other("internal error: the generator panicked")))
}

/// The stages up to the intermediate model (load, overlay, lift, lower), for tools that
/// look at what would be generated (the routes a router would be built from). Like
/// [`generate`], a panic is an internal error.
pub fn model(fs: &dyn SpecFs, input: &Input) -> Result<model::Model> {
    catch_unwind(AssertUnwindSafe(|| lowered(fs, input)))
        .unwrap_or_else(|_| Err(Error::other("internal error: the generator panicked")))
}

fn lowered(fs: &dyn SpecFs, input: &Input) -> Result<model::Model> {
    if let Some(problem) = naming::package_name_problem(&input.crate_name) {
        return Err(Error::other(problem));
    }
    let (mut bundle, api_files) = load::Bundle::load_apis(fs, &input.spec_dir)?;
    if let Some(path) = &input.overlay {
        overlay::Overlay::load(fs, path)?.apply(&mut bundle, &input.spec_dir, &api_files)?;
    }
    bundle.load_references()?;
    let documents = swagger2::lift(&bundle, &api_files);
    lower::lower(&bundle, documents)
}

/// The stages in order, each over the previous one's value.
fn run(fs: &dyn SpecFs, input: &Input) -> Result<Vec<OutputFile>> {
    let model = lowered(fs, input)?;
    let mut files = emit::rust_files(&model, input)?
        .into_iter()
        .map(emit::format)
        .collect::<Result<Vec<_>>>()?;
    files.push(emit::runtime_file());
    if emit::uses_binary(&model) {
        files.push(emit::binary_file());
    }
    files.push(openapi::render(&model, input)?);
    files.extend(docs::render(&model, input)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `path` relative to `base`, with `/` separators, for messages and generated headers.
pub fn display_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
