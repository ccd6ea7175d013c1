//! OpenAPI Overlay 1.0: the project's additions to upstream files, applied after loading.
//!
//! Upstream files stay byte-for-byte; operation names, tighter schemas and fixes live in one
//! overlay document. Each action's `target` is an RFC 9535 JSONPath; `update` is merged into
//! every node it selects (objects recursively, arrays appended, anything else replaced) and
//! `remove: true` deletes them. One overlay may edit several files: the extension
//! `x-file` names the file an action applies to, relative to the spec folder; without it the
//! action applies to every API file. A target that selects nothing is an error, so a stale
//! overlay cannot pass silently.

use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json_path::JsonPath;

use crate::error::{Error, Result};
use crate::load::{Bundle, FileId};
use crate::source::SpecFs;

pub struct Overlay {
    path: PathBuf,
    text: String,
    value: Value,
}

impl Overlay {
    /// Reads and parses the overlay at `path`.
    pub fn load(fs: &dyn SpecFs, path: &Path) -> Result<Overlay> {
        let text = fs
            .read(path)
            .map_err(|e| Error::other(format!("{}: cannot read overlay: {e}", path.display())))?;
        let value = crate::load::parse(&text, &Self::display(path))?;
        Ok(Overlay {
            path: path.to_path_buf(),
            text,
            value,
        })
    }

    /// How messages name the overlay file.
    fn display(path: &Path) -> String {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        let position = crate::locate::locate(&self.text, pointer);
        Error::Spec {
            location: crate::error::Location {
                file: Self::display(&self.path),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                pointer: pointer.to_string(),
            },
            message: message.into(),
        }
    }

    /// Applies every action, in order, to the files of `bundle`; an action without `x-file`
    /// applies to every one of `api_files`.
    pub fn apply(
        &self,
        bundle: &mut Bundle<'_>,
        spec_dir: &Path,
        api_files: &[FileId],
    ) -> Result<()> {
        if self.value.get("overlay").and_then(Value::as_str).is_none() {
            return Err(self.error(
                "",
                "not an Overlay document: the `overlay` version is missing",
            ));
        }
        let actions = self
            .value
            .get("actions")
            .and_then(Value::as_array)
            .ok_or_else(|| self.error("", "an overlay needs an `actions` list"))?;
        for (index, action) in actions.iter().enumerate() {
            let at = format!("/actions/{index}");
            let target = action
                .get("target")
                .and_then(Value::as_str)
                .ok_or_else(|| self.error(&at, "an action needs a string `target`"))?;
            let path = JsonPath::parse(target).map_err(|e| {
                self.error(&format!("{at}/target"), format!("invalid JSONPath: {e}"))
            })?;
            let files = match action.get("x-file").and_then(Value::as_str) {
                // The bundle loads a file once; naming it again costs two map lookups.
                Some(file) => vec![bundle.load(&spec_dir.join(file)).map_err(|e| {
                    self.error(
                        &format!("{at}/x-file"),
                        format!("cannot load `{file}`: {e}"),
                    )
                })?],
                None => api_files.to_vec(),
            };
            let remove = action
                .get("remove")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let update = action.get("update");
            if !remove && update.is_none() {
                return Err(self.error(&at, "an action needs `update` or `remove: true`"));
            }
            let mut matched = 0;
            for file in files {
                let doc = bundle.doc_mut(file);
                let mut pointers: Vec<String> = path
                    .query_located(&doc.value)
                    .locations()
                    .map(|l| l.to_json_pointer())
                    .collect();
                matched += pointers.len();
                if remove {
                    // Deepest and last first, so earlier pointers stay valid.
                    pointers.reverse();
                    for pointer in pointers {
                        remove_at(&mut doc.value, &pointer);
                    }
                } else if let Some(update) = update {
                    for pointer in pointers {
                        if let Some(node) = doc.value.pointer_mut(&pointer) {
                            merge(node, update);
                        }
                    }
                }
            }
            if matched == 0 {
                return Err(self.error(
                    &format!("{at}/target"),
                    format!("target `{target}` selects nothing"),
                ));
            }
        }
        Ok(())
    }
}

/// Overlay 1.0 merge: objects merge recursively, arrays append, anything else is replaced.
fn merge(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Object(node), Value::Object(update)) => {
            for (key, value) in update {
                match node.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        node.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(node), Value::Array(update)) => node.extend(update.iter().cloned()),
        (node, update) => *node = update.clone(),
    }
}

fn remove_at(root: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match root.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_follows_overlay_rules() {
        let mut node = json!({"a": {"b": 1}, "l": [1], "s": "x"});
        merge(&mut node, &json!({"a": {"c": 2}, "l": [2], "s": "y"}));
        assert_eq!(node, json!({"a": {"b": 1, "c": 2}, "l": [1, 2], "s": "y"}));
    }

    #[test]
    fn remove_deletes_object_members_and_items() {
        let mut node = json!({"a": {"b": 1, "c": 2}, "l": [1, 2, 3]});
        remove_at(&mut node, "/a/b");
        remove_at(&mut node, "/l/1");
        assert_eq!(node, json!({"a": {"c": 2}, "l": [1, 3]}));
    }
}
