//! The file-system boundary: the generator reads specs only through [`SpecFs`].
//!
//! The caller (xtask, a test, a fuzzer) decides where bytes come from; `codegen` itself
//! never touches the disk, which keeps it deterministic and testable in memory.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Read-only access to a tree of spec files.
pub trait SpecFs {
    /// The file's contents as UTF-8 text.
    fn read(&self, path: &Path) -> io::Result<String>;
    /// The canonical identity of `path` (symlinks resolved); two paths naming one file agree.
    /// A symlink loop is an error, never a hang.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// The names of the regular files directly in `dir`, sorted.
    fn list_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
}

/// An in-memory tree, for tests and fuzzing. Paths are normalised lexically (no symlinks).
#[derive(Debug, Default, Clone)]
pub struct MemoryFs {
    files: BTreeMap<PathBuf, String>,
}

impl MemoryFs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, path: impl Into<PathBuf>, contents: impl Into<String>) {
        self.files.insert(normalise(&path.into()), contents.into());
    }
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} not found", path.display()),
    )
}

impl SpecFs for MemoryFs {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.files
            .get(&normalise(path))
            .cloned()
            .ok_or_else(|| not_found(path))
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = normalise(path);
        if self.files.contains_key(&path) {
            Ok(path)
        } else {
            Err(not_found(&path))
        }
    }

    fn list_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir = normalise(dir);
        Ok(self
            .files
            .keys()
            .filter(|p| p.parent() == Some(dir.as_path()))
            .cloned()
            .collect())
    }
}
