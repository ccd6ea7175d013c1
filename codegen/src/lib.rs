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

/// [`generate`], and runs `beside` on the generator's helper thread: work the caller needs
/// anyway (`xtask` reads the files on disk it will compare against) fills room on a core
/// instead of a thread of its own competing with the parsing at the start.
///
/// One helper thread serves the whole run beside the calling thread. It finds the source
/// positions the lowering asks for (examples' lines) while the referenced files load, runs
/// `beside`, formats the operation modules of the APIs lowered so far while lowering runs,
/// and once the model is whole works through the emission plan with the calling thread.
/// One long-lived thread instead of one per step: a running thread takes each step at once,
/// where a new one could wait milliseconds for an idle core to wake (virtual machines are
/// slow at that), and each thread the allocator serves takes fresh memory of its own. More
/// threads join the plan on machines with more cores.
pub fn generate_beside<T: Send>(
    fs: &dyn SpecFs,
    input: &Input,
    beside: impl FnOnce() -> T + Send,
) -> (Result<Vec<OutputFile>>, T) {
    // Shared by both threads, so declared before them. `plan` is `None` when loading,
    // lowering or planning failed: nothing is left to emit.
    let emission = Emission::default();
    let model = OnceLock::new();
    let plan: OnceLock<Option<emit::Plan<'_>>> = OnceLock::new();
    let (emission, model, plan) = (&emission, &model, &plan);
    std::thread::scope(|scope| {
        let (texts_in, texts_out) = std::sync::mpsc::channel::<Vec<(load::FileId, String)>>();
        let (positions_in, positions_out) = std::sync::mpsc::channel();
        let (apis_in, apis_out) = std::sync::mpsc::channel::<model::Api>();
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
            let besides = beside();
            let (early, made) = emission.help(apis_out, plan, input);
            (found.is_ok(), besides, early, made)
        });
        let outcome = {
            // Whatever happens here, a failure or a panic included, the helper must not wait
            // for a plan forever.
            let _release = NoPlanIfUnset(plan);
            load_spec(fs, input, texts_in, positions_out).and_then(|(bundle, api_files)| {
                lower_and_plan(bundle, &api_files, input, apis_in, emission, model, plan)
            })
        };
        // This thread's share of the plan, beside the helper's (and the extra threads').
        let plan = plan.get().and_then(Option::as_ref);
        let extra: Vec<_> = plan
            .map(|plan| {
                (2..crate::parallel::cores())
                    .map(|_| scope.spawn(|| plan.work(&emission.taken)))
                    .collect()
            })
            .unwrap_or_default();
        let mut made = plan
            .map(|plan| plan.work(&emission.taken))
            .unwrap_or_default();
        let (found, besides, early, helped) = match helper.join() {
            Ok(joined) => joined,
            // The caller's own work panicked: it has no result to give, so the panic goes
            // on to the caller.
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let extra: Result<Vec<emit::Made>> = extra
            .into_iter()
            .map(|thread| thread.join().map_err(|_| crate::parallel::panicked()))
            .collect();
        let files = if found {
            extra.and_then(|extra| {
                outcome?;
                made.extend(extra.into_iter().flatten().chain(helped));
                assemble(input, plan, made, early)
            })
        } else {
            Err(Error::other("internal error: the position finder panicked"))
        };
        (files, besides)
    })
}

/// The generated crate's files, sorted by path, from what the threads made of the plan and
/// the modules formatted early; of several problems, the earliest job's.
fn assemble(
    input: &Input,
    plan: Option<&emit::Plan<'_>>,
    mut made: emit::Made,
    early: Early,
) -> Result<Vec<OutputFile>> {
    if let Some(plan) = plan {
        made.extend(
            early
                .into_iter()
                .map(|(path, file)| (plan.place_of(&path), file)),
        );
    }
    let mut files = emit::collect(made)?;
    files.push(emit::runtime_file(input));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

type Positions = Vec<(load::FileId, foldhash::HashMap<String, (usize, usize)>)>;

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

/// Operation modules the helper formatted while lowering ran, by path.
type Early = Vec<(PathBuf, Result<Vec<OutputFile>>)>;

/// What the helper and the lowering thread share while the model is emitted.
#[derive(Default)]
struct Emission {
    /// Set when lowering is over: the helper stops formatting early and waits for the plan.
    lowering_done: AtomicBool,
    taken: emit::Taken,
}

impl Emission {
    /// The helper's part: formats the operation modules of each API as lowering sends it
    /// (until lowering is done), then takes jobs from the plan. Returns the early modules
    /// by path, and what it made of the plan.
    fn help<'m>(
        &self,
        apis: std::sync::mpsc::Receiver<model::Api>,
        plan: &OnceLock<Option<emit::Plan<'m>>>,
        input: &Input,
    ) -> (Early, emit::Made) {
        let mut early = Vec::new();
        'lowering: for api in apis {
            for op in &api.operations {
                if self.lowering_done.load(Ordering::Relaxed) {
                    break 'lowering;
                }
                let path = emit::operation_path(&api, op);
                if self.taken.take(&path) {
                    let file = emit::guarded(|| {
                        emit::operation_file(&api, op, input).map(|file| vec![file])
                    });
                    early.push((path, file));
                }
            }
        }
        let made = match await_set(plan) {
            Some(plan) => plan.work(&self.taken),
            None => Vec::new(),
        };
        (early, made)
    }
}

/// Lowers the spec into the model, sending each API to the helper as it is done, and sets
/// the emission plan. Lowering is serial; meanwhile the helper formats the operation
/// modules of the APIs lowered so far.
fn lower_and_plan<'m>(
    bundle: load::Bundle<'_>,
    api_files: &[load::FileId],
    input: &'m Input,
    apis: std::sync::mpsc::Sender<model::Api>,
    emission: &Emission,
    model: &'m OnceLock<model::Model>,
    plan: &OnceLock<Option<emit::Plan<'m>>>,
) -> Result<()> {
    let lowered = lower::lower(&bundle, api_files, &mut |api| {
        let _ = apis.send(api.clone());
    });
    // The loaded documents are done with: their memory goes back for emission to reuse.
    drop(bundle);
    emission.lowering_done.store(true, Ordering::Relaxed);
    drop(apis);
    let lowered = lowered?;
    let planned = emit::Plan::new(model.get_or_init(|| lowered), input, SIDE_JOBS)?;
    let _ = plan.set(Some(planned));
    Ok(())
}

/// Leaves "no plan" in the cell when dropped before a plan was set.
struct NoPlanIfUnset<'a, 'm>(&'a OnceLock<Option<emit::Plan<'m>>>);

impl Drop for NoPlanIfUnset<'_, '_> {
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
