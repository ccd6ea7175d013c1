//! The file IO, diffing and exit codes around [`codegen`] (the generator itself does none),
//! and the checks CI runs ([`checks`]).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Context;
use codegen::{Input, OutputFile, SpecFs};

pub mod attack;
pub mod bench_codegen;
pub mod browser;
pub mod checks;
pub mod fuzzing;
pub mod npm;
pub mod release_server;
pub mod schemathesis;
pub mod sdk;

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

/// The real file system.
pub struct RealFs;

impl SpecFs for RealFs {
    fn read(&self, path: &Path) -> io::Result<String> {
        fs::read_to_string(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        fs::canonicalize(path)
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
    /// `true` when the file is no longer generated (and regen removes it).
    pub deleted: bool,
}

/// Line endings normalised, so a checkout with CRLF does not read as drift.
fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Compares `files` with `out` and, unless `check`, writes the ones whose bytes differ and
/// removes generated files no longer produced. Returns what was (or would be) changed.
pub fn ensure_files(out: &Path, files: &[OutputFile], check: bool) -> anyhow::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        let wanted = normalise(&file.contents);
        let current = fs::read_to_string(&path).ok();
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
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::write(&path, wanted.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        stale.push(Stale {
            path: file.path.clone(),
            diff,
            deleted: false,
        });
    }
    for path in leftovers(out, files) {
        if !check {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
        let rel = path.strip_prefix(out).unwrap_or(&path).to_path_buf();
        stale.push(Stale {
            diff: format!(
                "--- a/{}\n+++ /dev/null\n(no longer generated)\n",
                rel.display()
            ),
            path: rel,
            deleted: true,
        });
    }
    Ok(stale)
}

/// Whether `text` is a file some generation wrote: its first line names `cargo xtask regen`
/// (generated from a spec, or copied from a template).
fn is_generated(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    first.starts_with("// ") && first.contains("by `cargo xtask regen`")
}

/// Files under `out`'s `src/` and `tests/` (where generated files live, however deep) that
/// an earlier generation wrote and this one no longer does, sorted.
fn leftovers(out: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
    let wanted: HashSet<PathBuf> = files.iter().map(|f| out.join(&f.path)).collect();
    let mut found = Vec::new();
    let mut folders = vec![out.join("src"), out.join("tests")];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(path);
            } else if !wanted.contains(&path)
                && fs::read_to_string(&path).is_ok_and(|text| is_generated(&text))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Generates from `input` and compares with (or writes) `out`.
pub fn regen(input: &Input, out: &Path, check: bool) -> anyhow::Result<Vec<Stale>> {
    let files = codegen::generate(&RealFs, input)?;
    ensure_files(out, &files, check)
}
