//! Loading: spec files parsed into JSON values, and `$ref`s resolved across files.
//!
//! Every file is kept once under its canonical path (a file reached through two symlinked
//! folders is one file) with its text, from which [`crate::locate`] finds lines for
//! messages. Relative references resolve against the folder of the path the file was
//! reached by, as a browser or the OS would; the OS resolves symlinks.
//!
//! Loading is mutable and happens up front: [`Bundle::load_references`] follows every
//! `$ref` (and example file) transitively, so lowering afterwards reads an immutable
//! bundle, borrowing values instead of copying them, with no file-system calls.

use foldhash::{HashMap, HashMapExt};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::source::SpecFs;

/// One loaded spec file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The canonical path: the file's identity.
    pub path: PathBuf,
    /// The path the file was first reached by; relative `$ref`s resolve against its folder.
    pub access_path: PathBuf,
    /// How messages name the file.
    pub display: String,
    /// The raw text, kept for source positions.
    pub text: String,
    pub value: Value,
    /// Line and column of every node, found in one pass over the text the first time one is
    /// asked for.
    positions: OnceCell<HashMap<String, (usize, usize)>>,
}

impl Document {
    /// 1-based line and column of the node at `pointer`, or of its nearest ancestor.
    pub fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        let positions = self
            .positions
            .get_or_init(|| crate::locate::positions(&self.text));
        let mut pointer = pointer;
        loop {
            if let Some(found) = positions.get(pointer) {
                return Some(*found);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// A loaded file, by its place in the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

/// A node in some loaded file: the file and an RFC 6901 pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    pub file: FileId,
    pub pointer: String,
}

impl NodeId {
    pub fn child(&self, segment: &str) -> NodeId {
        NodeId {
            file: self.file,
            pointer: child_pointer(&self.pointer, segment),
        }
    }

    /// The node as one string, `<file>#<pointer>`: how lifting records, inside
    /// `openapiv3` values, where a detached schema, a body or a response was written (in
    /// whichever file a `$ref` led to).
    pub fn token(&self) -> String {
        format!("{}#{}", self.file.0, self.pointer)
    }

    /// The node a [`NodeId::token`] names.
    pub fn from_token(token: &str) -> Option<NodeId> {
        let (file, pointer) = token.split_once('#')?;
        Some(NodeId {
            file: FileId(file.parse().ok()?),
            pointer: pointer.to_string(),
        })
    }
}

/// `pointer/segment`, the segment escaped: one allocation when nothing needs escaping
/// (nearly always).
pub fn child_pointer(pointer: &str, segment: &str) -> String {
    let segment = escape(segment);
    let mut child = String::with_capacity(pointer.len() + 1 + segment.len());
    child.push_str(pointer);
    child.push('/');
    child.push_str(&segment);
    child
}

/// Escapes one JSON pointer segment.
pub fn escape(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        std::borrow::Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(segment)
    }
}

/// The value at an RFC 6901 pointer: like `Value::pointer`, without allocating for
/// segments that need no unescaping (nearly all of them; lowering looks nodes up often).
pub fn resolve_pointer<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut node = root;
    // Escaped segments (`paths` keys are full of `~1`) are unescaped into one buffer.
    let mut unescaped = String::new();
    for segment in pointer.strip_prefix('/')?.split('/') {
        let segment = if segment.contains('~') {
            unescape_into(&mut unescaped, segment);
            unescaped.as_str()
        } else {
            segment
        };
        node = match node {
            // Most schema objects have a handful of keys: comparing them is cheaper than
            // hashing the segment (serde_json's map hashes with SipHash).
            Value::Object(map) if map.len() <= 8 => map
                .iter()
                .find(|(key, _)| *key == segment)
                .map(|(_, v)| v)?,
            Value::Object(map) => map.get(segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// `segment` with RFC 6901's `~1` read as `/` and `~0` as `~`, written over `buffer`. A `~`
/// followed by anything else stays as it is.
fn unescape_into(buffer: &mut String, segment: &str) {
    buffer.clear();
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            buffer.push(c);
            continue;
        }
        match chars.clone().next() {
            Some('1') => {
                chars.next();
                buffer.push('/');
            }
            Some('0') => {
                chars.next();
                buffer.push('~');
            }
            _ => buffer.push('~'),
        }
    }
}

/// All files loaded so far.
pub struct Bundle<'fs> {
    fs: &'fs dyn SpecFs,
    docs: Vec<Document>,
    by_path: HashMap<PathBuf, FileId>,
    /// Each path as asked for, canonicalized once: specs name the same files over and over,
    /// and every canonicalization is a system call per path component.
    canonical: HashMap<PathBuf, PathBuf>,
    /// Relative file references already resolved: (from file, reference path) → file.
    references: HashMap<(FileId, String), FileId>,
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
            docs: Vec::new(),
            by_path: HashMap::new(),
            canonical: HashMap::new(),
            references: HashMap::new(),
            base: base.to_path_buf(),
        }
    }

    /// A bundle of every API file in `dir` (see [`api_files`]), with their ids in order;
    /// messages name files relative to `dir`.
    pub fn load_apis(fs: &'fs dyn SpecFs, dir: &Path) -> Result<(Self, Vec<FileId>)> {
        let mut bundle = Bundle::new(fs, dir);
        let files = api_files(fs, dir)?
            .iter()
            .map(|path| bundle.load(path))
            .collect::<Result<_>>()?;
        Ok((bundle, files))
    }

    /// Loads `path` (once) and returns its id.
    pub fn load(&mut self, path: &Path) -> Result<FileId> {
        let display = self.display(path);
        let key = match self.canonical.get(path) {
            Some(key) => key.clone(),
            None => {
                let key = self.fs.canonicalize(path).map_err(|e| {
                    Error::other(format!("{display}: cannot open: {}", io_reason(&e)))
                })?;
                self.canonical.insert(path.to_path_buf(), key.clone());
                key
            }
        };
        if let Some(id) = self.by_path.get(&key) {
            return Ok(*id);
        }
        let text = self
            .fs
            .read(&key)
            .map_err(|e| Error::other(format!("{display}: cannot read: {}", io_reason(&e))))?;
        let value = parse(&text, &display)?;
        let id = FileId(
            u32::try_from(self.docs.len()).map_err(|_| Error::other("too many spec files"))?,
        );
        self.by_path.insert(key.clone(), id);
        self.docs.push(Document {
            path: key,
            access_path: path.to_path_buf(),
            display,
            text,
            value,
            positions: OnceCell::new(),
        });
        Ok(id)
    }

    fn display(&self, path: &Path) -> String {
        crate::display_path(path, &self.base)
    }

    pub fn doc(&self, file: FileId) -> &Document {
        &self.docs[file.0 as usize]
    }

    pub fn doc_mut(&mut self, file: FileId) -> &mut Document {
        &mut self.docs[file.0 as usize]
    }

    /// The root node of a file.
    pub fn root(&self, file: FileId) -> NodeId {
        NodeId {
            file,
            pointer: String::new(),
        }
    }

    /// The value at `node`, if it exists.
    pub fn get(&self, node: &NodeId) -> Option<&Value> {
        resolve_pointer(&self.doc(node.file).value, &node.pointer)
    }

    /// An error located at `node`, with line and column when the node can be found.
    pub fn error_at(&self, node: &NodeId, message: impl Into<String>) -> Error {
        let doc = self.doc(node.file);
        let position = doc.position(&node.pointer);
        Error::Spec {
            location: Location {
                file: doc.display.clone(),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                pointer: node.pointer.clone(),
            },
            message: message.into(),
        }
    }

    /// `file:line` of a node, for generated tests' messages.
    pub fn line_of(&self, node: &NodeId) -> String {
        let doc = self.doc(node.file);
        let line = doc.position(&node.pointer).map_or(0, |p| p.0);
        format!("{}:{line}", doc.display)
    }

    /// Follows every file reference in every loaded file, transitively: each `$ref` and each
    /// `x-examples` `externalValue`. Afterwards [`Bundle::resolve_ref`] needs no loading.
    pub fn load_references(&mut self) -> Result<()> {
        // Files are scanned in the order they were loaded, and the files they name are
        // appended to be scanned in turn; the first problem in that order is reported.
        let mut index = 0;
        while index < self.docs.len() {
            let file = FileId(index as u32);
            let mut found = Vec::new();
            collect_references(&self.docs[index].value, &mut Vec::new(), &mut found);
            for (pointer, reference) in found {
                let at = NodeId { file, pointer };
                let path_part = reference.split('#').next().unwrap_or_default();
                if path_part.is_empty()
                    || self.references.contains_key(&(file, path_part.to_string()))
                {
                    continue;
                }
                if path_part.contains("://") {
                    return Err(self.error_at(
                        &at,
                        format!("`{reference}`: remote references are not supported"),
                    ));
                }
                let decoded = percent_decode(path_part).ok_or_else(|| {
                    self.error_at(&at, format!("`{reference}` has a malformed path"))
                })?;
                let from = &self.doc(file).access_path;
                let path = from.parent().unwrap_or(Path::new("")).join(decoded);
                let id = self.load(&path).map_err(|e| {
                    let reason = match e {
                        Error::Other(reason) => reason,
                        spec => spec.to_string(),
                    };
                    self.error_at(&at, format!("`{reference}` cannot be loaded: {reason}"))
                })?;
                self.references.insert((file, path_part.to_string()), id);
            }
            index += 1;
        }
        Ok(())
    }

    /// The file a relative reference found at `at` names; it was loaded by
    /// [`Bundle::load_references`].
    pub fn referenced_file(&self, at: &NodeId, reference: &str) -> Result<FileId> {
        let path_part = reference.split('#').next().unwrap_or_default();
        self.references
            .get(&(at.file, path_part.to_string()))
            .copied()
            .ok_or_else(|| self.error_at(at, format!("`{reference}` was not loaded")))
    }

    /// Follows `$ref`s from `node` to the node that holds the object itself: parameters,
    /// request bodies, responses, path items and security schemes may be given by
    /// reference, to this file or another, through any number of hops.
    pub fn follow(&self, node: &NodeId) -> Result<NodeId> {
        let mut current = node.clone();
        let mut seen = vec![current.clone()];
        while let Some(reference) = self
            .get(&current)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
        {
            let target = self.resolve_ref(&current.child("$ref"), reference)?;
            if seen.contains(&target) {
                return Err(self.error_at(node, format!("`$ref` cycle through `{reference}`")));
            }
            seen.push(target.clone());
            current = target;
        }
        Ok(current)
    }

    /// Resolves the `$ref` string found at `at` to the node it names. The target must exist.
    pub fn resolve_ref(&self, at: &NodeId, reference: &str) -> Result<NodeId> {
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
            at.file
        } else {
            self.referenced_file(at, reference)?
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

/// One step of a path into a JSON document.
enum Segment<'v> {
    Key(&'v str),
    Index(usize),
}

/// Every `$ref` string and every `x-examples` `externalValue` under `value` that names
/// another file, with pointers. The path is kept as segments and joined only on a hit.
fn collect_references<'v>(
    value: &'v Value,
    path: &mut Vec<Segment<'v>>,
    found: &mut Vec<(String, String)>,
) {
    let pointer = |path: &[Segment<'_>], tail: &str| {
        let mut pointer = String::new();
        for segment in path {
            pointer.push('/');
            match segment {
                Segment::Key(key) => pointer.push_str(&escape(key)),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer + tail
    };
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && !reference.starts_with('#')
            {
                found.push((pointer(path, "/$ref"), reference.clone()));
            }
            // `x-examples` is a list of Example Objects, or a map from names to them.
            let examples: Vec<(String, &Value)> = match map.get("x-examples") {
                Some(Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(index, example)| (index.to_string(), example))
                    .collect(),
                Some(Value::Object(named)) => named
                    .iter()
                    .map(|(name, example)| (escape(name).into_owned(), example))
                    .collect(),
                _ => Vec::new(),
            };
            for (key, example) in examples {
                if let Some(Value::String(external)) = example.get("externalValue") {
                    found.push((
                        pointer(path, &format!("/x-examples/{key}/externalValue")),
                        external.clone(),
                    ));
                }
            }
            for (key, child) in map {
                if child.is_object() || child.is_array() {
                    path.push(Segment::Key(key));
                    collect_references(child, path, found);
                    path.pop();
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                if child.is_object() || child.is_array() {
                    path.push(Segment::Index(index));
                    collect_references(child, path, found);
                    path.pop();
                }
            }
        }
        _ => {}
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
    serde_yaml::from_str::<Json>(text)
        .map(|json| json.0)
        .map_err(|e| {
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
        })
}

/// A JSON value deserialized straight from YAML, without an intermediate YAML tree.
struct Json(Value);

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor).map(Json)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON-compatible value (no tags)")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("number {v} has no JSON form")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(JsonVisitor)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Json(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Key(key)) = map.next_key()? {
            let Json(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A mapping key as text: YAML allows numbers and booleans as keys.
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = String;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string, number or boolean mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_string<E>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_i64<E>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_bool<E>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
        }
        deserializer.deserialize_any(KeyVisitor).map(Key)
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_pointer;
    use serde_json::{Value, json};

    /// Every key, however it is escaped (or mis-escaped), is found where serde_json's own
    /// `Value::pointer` finds it, in small objects (compared key by key) and large ones
    /// (looked up by hash).
    #[test]
    fn pointers_resolve_as_serde_json_resolves_them() {
        let keys = [
            "/_matrix/client/{roomId}/invite ",
            "a~b",
            "~1",
            "~0",
            "~01",
            "~~1",
            "a~2b",
            "trailing~",
            "plain",
        ];
        let mut small = serde_json::Map::new();
        let mut large = serde_json::Map::new();
        for (i, key) in keys.iter().enumerate() {
            small.insert(key.to_string(), json!(i));
            large.insert(key.to_string(), json!({ "inner": [i] }));
        }
        for i in 0..10 {
            large.insert(format!("filler{i}"), json!(null));
        }
        let root = json!({ "small": small, "large": large });
        let pointers = keys.iter().flat_map(|key| {
            let escaped = key.replace('~', "~0").replace('/', "~1");
            [
                format!("/small/{escaped}"),
                format!("/large/{escaped}/inner/0"),
                format!("/small/{key}"),
                format!("/large/{key}"),
            ]
        });
        let mut found = 0;
        for pointer in pointers {
            assert_eq!(
                resolve_pointer(&root, &pointer),
                root.pointer(&pointer),
                "{pointer}"
            );
            found += usize::from(root.pointer(&pointer).is_some());
        }
        // Every properly escaped pointer names its key.
        assert!(found >= 2 * keys.len(), "{found}");
        assert_eq!(resolve_pointer(&root, ""), Some(&root));
        assert_eq!(resolve_pointer(&root, "small"), None::<&Value>);
    }
}
