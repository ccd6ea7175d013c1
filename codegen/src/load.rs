//! Loading: spec files parsed into JSON values, and `$ref`s resolved across files.
//!
//! Every file is kept under its canonical path (so a file reached through two symlinked
//! folders is loaded once) together with its text, which [`crate::locate`] re-reads when an
//! error must name a line. Relative references resolve against the folder of the path the
//! file was reached by, as a browser or the OS would; the OS resolves symlinks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::source::SpecFs;

/// One loaded spec file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path the file was first reached by; relative `$ref`s resolve against its folder.
    pub access_path: PathBuf,
    /// How messages name the file.
    pub display: String,
    /// The raw text, kept for source positions.
    pub text: String,
    pub value: Value,
}

/// A node in some loaded file: the file's canonical key and an RFC 6901 pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    pub file: PathBuf,
    pub pointer: String,
}

impl NodeId {
    pub fn child(&self, segment: &str) -> NodeId {
        NodeId {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escape(segment)),
        }
    }
}

/// Escapes one JSON pointer segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// All files loaded so far, keyed by canonical path.
pub struct Bundle<'fs> {
    fs: &'fs dyn SpecFs,
    docs: BTreeMap<PathBuf, Document>,
    /// Folder that messages name files relative to.
    base: PathBuf,
}

/// The API files of a spec folder: every `*.yaml`, `*.yml` and `*.json` directly in it, sorted.
pub fn api_files(fs: &dyn SpecFs, dir: &Path) -> Result<Vec<PathBuf>> {
    let files = fs
        .list_files(dir)
        .map_err(|e| Error::other(format!("{}: cannot list spec folder: {e}", dir.display())))?;
    let apis: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    if apis.is_empty() {
        return Err(Error::other(format!(
            "{}: no API files (*.yaml, *.yml, *.json) in the spec folder",
            dir.display()
        )));
    }
    Ok(apis)
}

impl<'fs> Bundle<'fs> {
    /// An empty bundle; messages name files relative to `base` (the spec folder).
    pub fn new(fs: &'fs dyn SpecFs, base: &Path) -> Self {
        Bundle {
            fs,
            docs: BTreeMap::new(),
            base: base.to_path_buf(),
        }
    }

    pub fn fs(&self) -> &'fs dyn SpecFs {
        self.fs
    }

    /// Loads `path` (once) and returns its canonical key.
    pub fn load(&mut self, path: &Path) -> Result<PathBuf> {
        let key = self.fs.canonicalize(path).map_err(|e| {
            Error::other(format!(
                "{}: cannot open: {}",
                self.display(path),
                io_reason(&e)
            ))
        })?;
        if self.docs.contains_key(&key) {
            return Ok(key);
        }
        let display = self.display(path);
        let text = self
            .fs
            .read(&key)
            .map_err(|e| Error::other(format!("{display}: cannot read: {}", io_reason(&e))))?;
        let value = parse(&text, &display)?;
        self.docs.insert(
            key.clone(),
            Document {
                access_path: path.to_path_buf(),
                display,
                text,
                value,
            },
        );
        Ok(key)
    }

    fn display(&self, path: &Path) -> String {
        crate::display_path(path, &self.base)
    }

    pub fn doc(&self, file: &Path) -> &Document {
        &self.docs[file]
    }

    pub fn doc_mut(&mut self, file: &Path) -> Option<&mut Document> {
        self.docs.get_mut(file)
    }

    /// Canonical keys of every loaded file, sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        self.docs.keys().cloned().collect()
    }

    /// The value at `node`, if it exists.
    pub fn get(&self, node: &NodeId) -> Option<&Value> {
        self.docs.get(&node.file)?.value.pointer(&node.pointer)
    }

    /// An error located at `node`, with line and column when the node can be found.
    pub fn error_at(&self, node: &NodeId, message: impl Into<String>) -> Error {
        let (file, position) = match self.docs.get(&node.file) {
            Some(doc) => (
                doc.display.clone(),
                crate::locate::locate(&doc.text, &node.pointer),
            ),
            None => (self.display(&node.file), None),
        };
        Error::Spec {
            location: Location {
                file,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                pointer: node.pointer.clone(),
            },
            message: message.into(),
        }
    }

    /// Loads the file that `reference` (a relative, percent-encoded path with no fragment)
    /// names from the file of `at`.
    pub fn load_relative(&mut self, at: &NodeId, reference: &str) -> Result<PathBuf> {
        let path = Some(reference)
            .filter(|r| !r.contains("://") && !r.contains('#'))
            .and_then(percent_decode)
            .ok_or_else(|| {
                self.error_at(at, format!("`{reference}` is not a relative file path"))
            })?;
        let from = self.docs[&at.file].access_path.clone();
        let target = from.parent().unwrap_or(Path::new("")).join(path);
        self.load(&target).map_err(|e| {
            let reason = match e {
                Error::Other(reason) => reason,
                spec => spec.to_string(),
            };
            self.error_at(at, format!("`{reference}` cannot be loaded: {reason}"))
        })
    }

    /// Resolves the `$ref` string found at `at` to the node it names, loading files as
    /// needed. The target must exist.
    pub fn resolve_ref(&mut self, at: &NodeId, reference: &str) -> Result<NodeId> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((file, fragment)) => (file, fragment),
            None => (reference, ""),
        };
        let pointer = percent_decode(fragment).ok_or_else(|| {
            self.error_at(at, format!("`$ref` `{reference}` has a malformed fragment"))
        })?;
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(self.error_at(
                at,
                format!(
                    "`$ref` `{reference}`: only JSON pointer fragments (`#/...`) are supported"
                ),
            ));
        }
        let file = if file_part.is_empty() {
            at.file.clone()
        } else {
            if file_part.contains("://") {
                return Err(self.error_at(
                    at,
                    format!("`$ref` `{reference}`: remote references are not supported"),
                ));
            }
            let file_part = percent_decode(file_part).ok_or_else(|| {
                self.error_at(at, format!("`$ref` `{reference}` has a malformed path"))
            })?;
            let from = self.docs[&at.file].access_path.clone();
            let target = from.parent().unwrap_or(Path::new("")).join(file_part);
            self.load(&target).map_err(|e| {
                let reason = match e {
                    Error::Other(reason) => reason,
                    spec => spec.to_string(),
                };
                self.error_at(
                    at,
                    format!("`$ref` `{reference}` cannot be loaded: {reason}"),
                )
            })?
        };
        let node = NodeId { file, pointer };
        if self.get(&node).is_none() {
            return Err(self.error_at(
                at,
                format!(
                    "`$ref` `{reference}` points at nothing: no node at `#{}`",
                    node.pointer
                ),
            ));
        }
        Ok(node)
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ if e.raw_os_error() == Some(40) => "symlink loop".to_string(),
        _ => e.to_string(),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Parses a YAML or JSON document into a JSON value. Mapping keys become strings (YAML's
/// `200:` is the string `"200"`), as OpenAPI means them.
pub fn parse(text: &str, display: &str) -> Result<Value> {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value) = serde_json::from_str::<Value>(text)
    {
        return Ok(value);
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = match e.location() {
            Some(l) => (Some(l.line()), Some(l.column())),
            None => (None, None),
        };
        Error::Spec {
            location: Location {
                file: display.to_string(),
                line,
                column,
                pointer: String::new(),
            },
            message: format!("invalid YAML: {e}"),
        }
    })?;
    yaml_to_json(yaml, "").map_err(|(pointer, message)| {
        let position = crate::locate::locate(text, &pointer);
        Error::Spec {
            location: Location {
                file: display.to_string(),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                pointer,
            },
            message,
        }
    })
}

fn yaml_to_json(yaml: serde_yaml::Value, pointer: &str) -> Result<Value, (String, String)> {
    use serde_yaml::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| (pointer.to_string(), format!("number {n} has no JSON form")))?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| yaml_to_json(item, &format!("{pointer}/{i}")))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (key, value) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err((
                            pointer.to_string(),
                            format!("mapping key {other:?} is not a string or number"),
                        ));
                    }
                };
                let child = format!("{pointer}/{}", escape(&key));
                let value = yaml_to_json(value, &child)?;
                out.insert(key, value);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => {
            return Err((
                pointer.to_string(),
                format!("YAML tag `{}` is not supported", tagged.tag),
            ));
        }
    })
}
