//! The file IO, diffing and exit codes around [`codegen`] (the generator itself does none),
//! and the checks CI runs ([`checks`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use codegen::{Input, OutputFile, SpecFs};

pub mod checks;
pub mod fuzzing;
pub mod schemathesis;

/// Exit code of `regen --check` when `generated/` is stale (not 1, so CI can tell a stale
/// tree from a crash).
pub const STALE_EXIT_CODE: i32 = 3;

/// The workspace root (the folder above `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The project's own generation: `api-spec/` with its overlay into `generated/`.
pub fn project_input(root: &Path) -> Input {
    Input {
        spec_dir: root.join("api-spec/api/client-server/v1"),
        overlay: Some(root.join("api-spec/overlay.yaml")),
        crate_name: "generated".to_string(),
        spec_label: "api-spec/api/client-server/v1".to_string(),
        workspace_member: true,
    }
}

/// The real file system. It remembers folders' canonical paths for as long as it lives
/// (make one per generation): a spec names files in a few folders many times over, and
/// canonicalizing a path costs a system call per component, where a file in a folder
/// already known costs one.
#[derive(Default)]
pub struct RealFs {
    folders: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl RealFs {
    fn canonical_folder(&self, folder: &Path) -> io::Result<PathBuf> {
        let known = self.lock().get(folder).cloned();
        match known {
            Some(canonical) => Ok(canonical),
            None => {
                let canonical = fs::canonicalize(folder)?;
                self.lock().insert(folder.to_path_buf(), canonical.clone());
                Ok(canonical)
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, PathBuf>> {
        // The map is whole even if a thread panicked while holding it (inserting does not
        // panic halfway).
        self.folders
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SpecFs for RealFs {
    fn read(&self, path: &Path) -> io::Result<String> {
        fs::read_to_string(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return fs::canonicalize(path);
        };
        if folder.as_os_str().is_empty() {
            return fs::canonicalize(path);
        }
        // The file in its folder's canonical path is canonical unless it is itself a
        // symlink; then the OS resolves it (a loop is an error there, as in a folder).
        let candidate = self.canonical_folder(folder)?.join(name);
        if fs::symlink_metadata(&candidate)?.file_type().is_symlink() {
            fs::canonicalize(path)
        } else {
            Ok(candidate)
        }
    }

    fn list_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }
}

/// A generated file that differs from what is on disk.
#[derive(Debug)]
pub struct Stale {
    pub path: PathBuf,
    /// A unified diff from the file on disk to the generated contents.
    pub diff: String,
}

/// Line endings normalised, so a checkout with CRLF does not read as drift.
fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The generated folders of `out` as they are on disk: every file under `src/` and
/// `tests/` (where generated files live, however deep) with its text, keyed by its path.
/// [`regen`] reads it on a thread of its own while the generator runs.
struct Snapshot {
    files: HashMap<PathBuf, Option<String>>,
}

impl Snapshot {
    fn read(out: &Path) -> Snapshot {
        let mut files = HashMap::new();
        for dir in ["src", "tests"] {
            let mut stack = vec![out.join(dir)];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        stack.push(path);
                    } else {
                        let text = fs::read_to_string(&path).ok();
                        files.insert(path, text);
                    }
                }
            }
        }
        Snapshot { files }
    }

    /// The text of `path` (under `out`), from the snapshot when it holds the path.
    fn text(&self, path: &Path) -> Option<Cow<'_, str>> {
        match self.files.get(path) {
            Some(text) => text.as_deref().map(Cow::Borrowed),
            None => fs::read_to_string(path).ok().map(Cow::Owned),
        }
    }

    /// Files that an earlier generation wrote and this one no longer does.
    fn leftovers(&self, out: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
        let wanted: HashSet<PathBuf> = files.iter().map(|f| out.join(&f.path)).collect();
        let mut found: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|(path, text)| {
                !wanted.contains(*path)
                    && text
                        .as_deref()
                        .is_some_and(|t| t.starts_with("// Generated from "))
            })
            .map(|(path, _)| path.clone())
            .collect();
        found.sort();
        found
    }
}

/// Compares `files` with `out` and, unless `check`, writes the ones whose bytes differ and
/// removes generated files no longer produced. Returns what was (or would be) changed.
pub fn ensure_files(out: &Path, files: &[OutputFile], check: bool) -> io::Result<Vec<Stale>> {
    ensure_files_against(out, &Snapshot::read(out), files, check)
}

fn ensure_files_against(
    out: &Path,
    on_disk: &Snapshot,
    files: &[OutputFile],
    check: bool,
) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        let wanted = normalise(&file.contents);
        let current = on_disk.text(&path);
        let current = current.as_deref().map(normalise);
        if current.as_deref() == Some(&*wanted) {
            continue;
        }
        let old = current.unwrap_or_default();
        let diff = similar::TextDiff::from_lines(&old, &wanted)
            .unified_diff()
            .header(
                &format!("a/{}", file.path.display()),
                &format!("b/{}", file.path.display()),
            )
            .to_string();
        if !check {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, wanted.as_bytes())?;
        }
        stale.push(Stale {
            path: file.path.clone(),
            diff,
        });
    }
    for path in on_disk.leftovers(out, files) {
        if !check {
            fs::remove_file(&path)?;
        }
        let rel = path.strip_prefix(out).unwrap_or(&path).to_path_buf();
        stale.push(Stale {
            diff: format!(
                "--- a/{}\n+++ /dev/null\n(no longer generated)\n",
                rel.display()
            ),
            path: rel,
        });
    }
    Ok(stale)
}

/// Generates from `input` and compares with (or writes) `out`.
pub fn regen(input: &Input, out: &Path, check: bool) -> anyhow::Result<Vec<Stale>> {
    // What is on disk is read meanwhile, on the generator's helper thread once it has room.
    let (files, on_disk) =
        codegen::generate_beside(&RealFs::default(), input, || Snapshot::read(out));
    let files = files?;
    Ok(ensure_files_against(out, &on_disk, &files, check)?)
}
