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
pub mod parallel;
pub mod schema;
pub mod source;
pub mod swagger2;

pub use error::{Error, Result};
pub use source::{MemoryFs, SpecFs};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Runs every stage and returns the files of the generated crate, sorted by path.
pub fn generate(fs: &dyn SpecFs, input: &Input) -> Result<Vec<OutputFile>> {
    generate_beside(fs, input, || ()).0
}

/// [`generate`], and runs `beside` on the generator's helper thread once that thread has
/// found the source positions (while the referenced files load and lowering runs, when a
/// core has room). Work the caller needs anyway (`xtask` reads the files on disk it will
/// compare against) fills that room instead of a thread of its own competing with the
/// parsing at the start.
pub fn generate_beside<T: Send>(
    fs: &dyn SpecFs,
    input: &Input,
    beside: impl FnOnce() -> T + Send,
) -> (Result<Vec<OutputFile>>, T) {
    std::thread::scope(|scope| {
        // One helper runs beside the main line of work: it finds the source positions the
        // lowering asks for (examples' lines) while the referenced files are loaded.
        let (texts_in, texts_out) = std::sync::mpsc::channel::<Vec<(load::FileId, String)>>();
        let (positions_in, positions_out) = std::sync::mpsc::channel();
        let helper = scope.spawn(move || {
            let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if let Ok(texts) = texts_out.recv() {
                    let positions: Vec<_> = texts
                        .into_iter()
                        .map(|(file, text)| (file, locate::positions(&text)))
                        .collect();
                    let _ = positions_in.send(positions);
                }
            }));
            (found.is_ok(), beside())
        });
        let files = generate_from_spec(fs, input, texts_in, positions_out);
        let (files, besides) = match helper.join() {
            Ok((true, besides)) => (files, besides),
            Ok((false, besides)) => (
                Err(Error::other("internal error: the position finder panicked")),
                besides,
            ),
            // The caller's own work panicked: it has no result to give, so the panic goes
            // on to the caller.
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let files = files.map(|mut files| {
            files.push(emit::runtime_file(input));
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
        });
        (files, besides)
    })
}

type Positions = Vec<(load::FileId, foldhash::HashMap<String, (usize, usize)>)>;

fn generate_from_spec(
    fs: &dyn SpecFs,
    input: &Input,
    texts: std::sync::mpsc::Sender<Vec<(load::FileId, String)>>,
    positions: std::sync::mpsc::Receiver<Positions>,
) -> Result<Vec<OutputFile>> {
    let (bundle, api_files) = load_spec(fs, input, texts, positions)?;
    lower_and_emit(bundle, &api_files, input)
}

/// The outputs besides the Rust files, run by the emission plan.
const SIDE_JOBS: &[emit::SideJob] = &[
    |model, input| openapi::render(model, input).map(|file| vec![file]),
    docs::render,
];

/// The API files with the overlay applied and every file they reference, positions
/// included; returns the bundle and the API files' ids.
fn load_spec<'fs>(
    fs: &'fs dyn SpecFs,
    input: &Input,
    texts: std::sync::mpsc::Sender<Vec<(load::FileId, String)>>,
    positions: std::sync::mpsc::Receiver<Positions>,
) -> Result<(load::Bundle<'fs>, Vec<load::FileId>)> {
    let mut bundle = load::Bundle::new(fs, &input.spec_dir);
    let api_paths = load::api_files(fs, &input.spec_dir)?;
    let overlay = input
        .overlay
        .as_deref()
        .map(|path| (path, overlay::Overlay::read(fs, path)));
    // The overlay is parsed on the same workers as the API files (parsing YAML is most of
    // loading); its problems are reported after theirs.
    let overlay_name = overlay
        .as_ref()
        .map(|(path, _)| overlay::Overlay::display(path));
    let others: Vec<(&str, &str)> = match (&overlay, &overlay_name) {
        (Some((_, Ok(text))), Some(name)) => vec![(text.as_str(), name.as_str())],
        _ => Vec::new(),
    };
    let (api_files, mut parsed) = bundle.load_many_beside(&api_paths, &others);
    let api_files = api_files.into_iter().collect::<Result<Vec<_>>>()?;
    let _ = texts.send(
        api_files
            .iter()
            .map(|&f| (f, bundle.doc(f).text.clone()))
            .collect(),
    );
    if let Some((path, text)) = overlay {
        let text = text?;
        let value = parsed
            .pop()
            .unwrap_or_else(|| Err(Error::other("internal error: the overlay was not parsed")))?;
        overlay::Overlay::new(path, text, value).apply(&mut bundle, &input.spec_dir, &api_files)?;
    }
    bundle.load_references()?;
    for (file, positions) in positions.recv().unwrap_or_default() {
        bundle.doc_mut(file).set_positions(positions);
    }
    Ok((bundle, api_files))
}

/// Lowers the spec into the model and emits it. Lowering is serial; meanwhile a helper
/// thread formats the operation modules of the APIs lowered so far, and once the model is
/// whole the helper goes on with the emission plan beside this thread. A thread that is
/// already running starts on the plan at once, where a new one could wait milliseconds for
/// an idle core to wake (virtual machines are slow at that); more threads join on machines
/// with more cores.
fn lower_and_emit(
    bundle: load::Bundle<'_>,
    api_files: &[load::FileId],
    input: &Input,
) -> Result<Vec<OutputFile>> {
    let lowering_done = &AtomicBool::new(false);
    let taken = &emit::Taken::default();
    let model = OnceLock::new();
    // `None` when lowering or planning failed: nothing is left to emit.
    let plan: &OnceLock<Option<emit::Plan<'_>>> = &OnceLock::new();
    std::thread::scope(|scope| {
        let (apis_in, apis_out) = std::sync::mpsc::channel::<model::Api>();
        let helper = scope.spawn(move || {
            let mut early = Vec::new();
            'lowering: for api in apis_out {
                for op in &api.operations {
                    if lowering_done.load(Ordering::Relaxed) {
                        break 'lowering;
                    }
                    let path = emit::operation_path(&api, op);
                    if taken.take(&path) {
                        let file = emit::guarded(|| {
                            emit::operation_file(&api, op, input).map(|file| vec![file])
                        });
                        early.push((path, file));
                    }
                }
            }
            let made = match await_set(plan) {
                Some(plan) => plan.work(taken),
                None => Vec::new(),
            };
            (early, made)
        });
        // Whatever happens here, a panic included, the helper must not wait for a plan forever.
        let _release = NoPlanOnUnwind(plan);
        let lowered = lower::lower(&bundle, api_files, &mut |api| {
            let _ = apis_in.send(api.clone());
        });
        // The loaded documents are done with: their memory goes back for emission to reuse.
        drop(bundle);
        lowering_done.store(true, Ordering::Relaxed);
        drop(apis_in);
        let planned = lowered
            .and_then(|lowered| emit::Plan::new(model.get_or_init(|| lowered), input, SIDE_JOBS));
        let (plan, problem) = match planned {
            Ok(planned) => (plan.get_or_init(|| Some(planned)).as_ref(), None),
            Err(e) => (plan.get_or_init(|| None).as_ref(), Some(e)),
        };
        let extra: Vec<_> = plan
            .map(|plan| {
                (2..crate::parallel::cores())
                    .map(|_| scope.spawn(|| plan.work(taken)))
                    .collect()
            })
            .unwrap_or_default();
        let mut made = plan.map(|plan| plan.work(taken)).unwrap_or_default();
        let (early, helped) = helper.join().map_err(|_| crate::parallel::panicked())?;
        for thread in extra {
            made.extend(thread.join().map_err(|_| crate::parallel::panicked())?);
        }
        if let Some(e) = problem {
            return Err(e);
        }
        made.extend(helped);
        if let Some(plan) = plan {
            made.extend(
                early
                    .into_iter()
                    .map(|(path, file)| (plan.place_of(&path), file)),
            );
        }
        emit::collect(made)
    })
}

/// Leaves "no plan" in the cell when dropped before a plan was set.
struct NoPlanOnUnwind<'a, 'm>(&'a OnceLock<Option<emit::Plan<'m>>>);

impl Drop for NoPlanOnUnwind<'_, '_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// The value of `cell` once another thread has set it. The helper gets here when lowering
/// is done, and the plan follows lowering within a fraction of a millisecond: spinning
/// briefly keeps this core awake for it, where blocking would let it idle.
fn await_set<T>(cell: &OnceLock<T>) -> &T {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_millis(2) {
        if let Some(value) = cell.get() {
            return value;
        }
        std::hint::spin_loop();
    }
    cell.wait()
}

/// `path` relative to `base`, with `/` separators, for messages and generated headers.
pub fn display_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
