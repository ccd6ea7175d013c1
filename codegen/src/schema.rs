//! JSON Schema (as OpenAPI and the event-schema files write it) lowered to Rust types.
//!
//! Schemas are read from the source files as written, so draft-4 forms that OpenAPI 3.0's
//! types cannot hold (`type: [X, "null"]`, `type` beside `allOf`) still lower, and every
//! error names the exact node. A `$ref` to a whole file or to `definitions`/
//! `components/schemas` names a shared type; any other `$ref` reads as the schema inlined.

use std::collections::BTreeMap;

use foldhash::HashMap;
use serde_json::Value;

use crate::error::Result;
use crate::load::{Bundle, NodeId};
use crate::model::{EnumVariant, Field, Scope, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Namespace};

/// Every named type made so far, per scope.
#[derive(Debug, Default)]
pub struct TypeRegistry {
    defs: BTreeMap<Scope, BTreeMap<String, TypeDef>>,
    namespaces: BTreeMap<Scope, Namespace>,
    lowered: HashMap<(NodeId, Scope), TypeRef>,
}

impl TypeRegistry {
    /// The types declared in `scope`, sorted by name.
    pub fn take(&mut self, scope: &Scope) -> Vec<TypeDef> {
        self.defs
            .remove(scope)
            .map(|m| m.into_values().collect())
            .unwrap_or_default()
    }

    /// The struct or enum behind a named reference.
    pub fn get(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match ty {
            TypeRef::Named { scope, name } => self.defs.get(scope)?.get(name),
            TypeRef::Nullable(inner) => self.get(inner),
            _ => None,
        }
    }
}

/// Lowers schemas from a bundle into a registry.
pub struct SchemaLowerer<'a, 'fs> {
    pub bundle: &'a Bundle<'fs>,
    pub registry: &'a mut TypeRegistry,
    /// `$ref` targets being lowered, to report cycles instead of recursing forever.
    visiting: Vec<NodeId>,
}

/// The fields an object schema contributes (own properties and `allOf` members, merged).
#[derive(Default)]
struct ObjectShape {
    properties: Vec<(String, NodeId)>,
    required: Vec<String>,
    closed: bool,
}

impl<'a, 'fs> SchemaLowerer<'a, 'fs> {
    pub fn new(bundle: &'a Bundle<'fs>, registry: &'a mut TypeRegistry) -> Self {
        SchemaLowerer {
            bundle,
            registry,
            visiting: Vec::new(),
        }
    }

    /// The value at `node`, borrowed from the bundle (`null` when absent).
    fn value(&self, node: &NodeId) -> &'a Value {
        static NULL: Value = Value::Null;
        self.bundle.get(node).unwrap_or(&NULL)
    }

    fn source(&self, node: &NodeId) -> String {
        format!("{}#{}", self.bundle.doc(node.file).display, node.pointer)
    }

    /// Follows `$ref` chains to the node that holds the schema.
    fn follow(&mut self, node: &NodeId) -> Result<NodeId> {
        let mut current = node.clone();
        let mut seen = vec![current.clone()];
        while let Some(reference) = self
            .value(&current)
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_string)
        {
            let target = self
                .bundle
                .resolve_ref(&current.child("$ref"), &reference)?;
            if seen.contains(&target) {
                return Err(self
                    .bundle
                    .error_at(node, format!("`$ref` cycle through `{reference}`")));
            }
            seen.push(target.clone());
            current = target;
        }
        Ok(current)
    }

    /// Whether a `$ref` target is a named schema of its own (a whole file, or an entry of
    /// `definitions` / `components/schemas`) and the name it takes.
    fn named_target(&self, target: &NodeId) -> Option<String> {
        let value = self.bundle.get(target)?;
        let title = value
            .get("title")
            .and_then(Value::as_str)
            .and_then(naming::title_as_name);
        if target.pointer.is_empty() {
            let stem = self
                .bundle
                .doc(target.file)
                .path
                .file_name()?
                .to_string_lossy()
                .into_owned();
            let stem = stem
                .strip_suffix(".json")
                .or_else(|| stem.strip_suffix(".yaml"))
                .or_else(|| stem.strip_suffix(".yml"))
                .unwrap_or(&stem)
                .to_string();
            return Some(title.unwrap_or_else(|| naming::camel(&stem)));
        }
        let (parent, last) = target.pointer.rsplit_once('/')?;
        if parent == "/definitions" || parent == "/components/schemas" {
            return Some(naming::camel(&last.replace("~1", "/").replace("~0", "~")));
        }
        None
    }

    /// Lowers a named schema (an entry of `definitions` or `components/schemas`) as the
    /// shared type `name`; one that is only a `$ref` is the type it refers to.
    pub fn lower_named(&mut self, node: &NodeId, name: &str) -> Result<TypeRef> {
        if self.value(node).get("$ref").is_some() {
            return self.lower(node, &Scope::Shared, name);
        }
        self.lower_in(node, &Scope::Shared, name, true)
    }

    /// Lowers the schema at `node` in `scope`; an inline struct or enum is named
    /// `suggested` unless its `title` reads as a name.
    pub fn lower(&mut self, node: &NodeId, scope: &Scope, suggested: &str) -> Result<TypeRef> {
        let value = self.value(node);
        if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            let reference = reference.to_string();
            let target = self.bundle.resolve_ref(&node.child("$ref"), &reference)?;
            if self.visiting.contains(&target) {
                let chain: Vec<String> = self.visiting.iter().map(|n| self.source(n)).collect();
                return Err(self.bundle.error_at(
                    node,
                    format!(
                        "`$ref` cycle: `{reference}` leads back through {}",
                        chain.join(" → ")
                    ),
                ));
            }
            self.visiting.push(target.clone());
            let result = match self.named_target(&target) {
                Some(name) => self.lower_in(&target, &Scope::Shared, &name, true),
                // A schema in another file lives with that file's types.
                None if target.file != node.file => {
                    self.lower_in(&target, &Scope::Shared, suggested, false)
                }
                None => self.lower_in(&target, scope, suggested, false),
            };
            self.visiting.pop();
            return result;
        }
        self.lower_in(node, scope, suggested, false)
    }

    fn lower_in(
        &mut self,
        node: &NodeId,
        scope: &Scope,
        name: &str,
        forced_name: bool,
    ) -> Result<TypeRef> {
        let key = (node.clone(), scope.clone());
        if let Some(done) = self.registry.lowered.get(&key) {
            return Ok(done.clone());
        }
        let ty = self.lower_value(node, scope, name, forced_name)?;
        self.registry.lowered.insert(key, ty.clone());
        Ok(ty)
    }

    fn lower_value(
        &mut self,
        node: &NodeId,
        scope: &Scope,
        suggested: &str,
        forced_name: bool,
    ) -> Result<TypeRef> {
        let value = self.value(node);
        let Some(schema) = value.as_object() else {
            return match value {
                Value::Bool(true) => Ok(TypeRef::Any),
                _ => Err(self.bundle.error_at(node, "a schema must be an object")),
            };
        };
        if schema.contains_key("$ref") {
            return self.lower(node, scope, suggested);
        }
        let name = if forced_name {
            suggested.to_string()
        } else {
            schema
                .get("title")
                .and_then(Value::as_str)
                .and_then(naming::title_as_name)
                .unwrap_or_else(|| suggested.to_string())
        };
        let mut nullable = schema
            .get("nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false)
            || schema
                .get("x-nullable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
        let ty_name = match schema.get("type") {
            None => None,
            Some(Value::String(t)) => Some(t.clone()),
            Some(Value::Array(types)) => {
                let mut others: Vec<&str> = Vec::new();
                for t in types {
                    match t.as_str() {
                        Some("null") => nullable = true,
                        Some(t) => others.push(t),
                        None => {
                            return Err(self
                                .bundle
                                .error_at(&node.child("type"), "`type` entries must be strings"));
                        }
                    }
                }
                match others.as_slice() {
                    [one] => Some(one.to_string()),
                    [] => Some("null".to_string()),
                    _ => Some("any".to_string()),
                }
            }
            Some(_) => {
                return Err(self.bundle.error_at(
                    &node.child("type"),
                    "`type` must be a string or a list of strings",
                ));
            }
        };
        let ty = self.lower_kind(node, schema, ty_name.as_deref(), scope, &name)?;
        Ok(if nullable && !matches!(ty, TypeRef::Any) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        })
    }

    fn lower_kind(
        &mut self,
        node: &NodeId,
        schema: &serde_json::Map<String, Value>,
        ty: Option<&str>,
        scope: &Scope,
        name: &str,
    ) -> Result<TypeRef> {
        if schema.contains_key("not") {
            return Err(self
                .bundle
                .error_at(&node.child("not"), "`not` schemas are not supported"));
        }
        if schema.contains_key("oneOf") || schema.contains_key("anyOf") {
            // A union of shapes is carried as JSON; the handler decides.
            return Ok(TypeRef::Any);
        }
        if let Some(all_of) = schema.get("allOf").and_then(Value::as_array) {
            let has_own = schema.contains_key("properties") || schema.contains_key("required");
            if all_of.len() == 1 && !has_own {
                // `allOf: [X]` alone is X.
                return self.lower(&node.child("allOf").child("0"), scope, name);
            }
            return self.lower_object(node, scope, name);
        }
        match ty {
            Some("string") => match schema.get("enum").and_then(Value::as_array) {
                Some(values) => self.lower_enum(node, values, scope, name),
                None => Ok(TypeRef::String),
            },
            Some("integer") => Ok(TypeRef::Integer),
            Some("number") => Ok(TypeRef::Number),
            Some("boolean") => Ok(TypeRef::Boolean),
            Some("array") => {
                let items = node.child("items");
                if self.bundle.get(&items).is_none() {
                    return Ok(TypeRef::Array(Box::new(TypeRef::Any)));
                }
                let item = self.lower(&items, scope, &format!("{name}Item"))?;
                Ok(TypeRef::Array(Box::new(item)))
            }
            Some("object") | None if schema.contains_key("properties") => {
                self.lower_object(node, scope, name)
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(Value::Object(_)) => {
                    let value = self.lower(
                        &node.child("additionalProperties"),
                        scope,
                        &format!("{name}Value"),
                    )?;
                    Ok(TypeRef::Map(Box::new(value)))
                }
                _ => Ok(TypeRef::Object),
            },
            Some("null") | Some("any") | None => Ok(TypeRef::Any),
            Some("file") => Err(self
                .bundle
                .error_at(&node.child("type"), "`type: file` is not supported")),
            Some(other) => Err(self.bundle.error_at(
                &node.child("type"),
                format!("unknown schema type `{other}`"),
            )),
        }
    }

    fn lower_enum(
        &mut self,
        node: &NodeId,
        values: &[Value],
        scope: &Scope,
        name: &str,
    ) -> Result<TypeRef> {
        let mut variants = Vec::new();
        let mut names = Namespace::default();
        for (index, value) in values.iter().enumerate() {
            let Some(wire) = value.as_str() else {
                return Ok(TypeRef::String);
            };
            let rust = naming::camel(wire);
            let at = node.child("enum").child(&index.to_string());
            if let Err(holder) = names.claim(&rust, wire) {
                return Err(self.bundle.error_at(
                    &at,
                    format!("enum values `{holder}` and `{wire}` both name the variant `{rust}`"),
                ));
            }
            variants.push(EnumVariant {
                wire_name: wire.to_string(),
                rust_name: rust,
            });
        }
        self.register(node, scope, name, TypeKind::Enum { variants })
    }

    fn lower_object(&mut self, node: &NodeId, scope: &Scope, name: &str) -> Result<TypeRef> {
        let mut shape = ObjectShape::default();
        self.collect(node, &mut shape, 0)?;
        let mut fields = Vec::with_capacity(shape.properties.len());
        let mut names = Namespace::default();
        for (wire, prop) in &shape.properties {
            let rust = naming::snake(wire);
            if let Err(holder) = names.claim(&rust, wire) {
                return Err(self.bundle.error_at(
                    prop,
                    format!("properties `{holder}` and `{wire}` both name the field `{rust}`"),
                ));
            }
            let ty = self.lower(prop, scope, &format!("{name}{}", naming::camel(wire)))?;
            let doc = self
                .bundle
                .get(prop)
                .and_then(|v| v.get("description"))
                .and_then(Value::as_str)
                .map(str::to_string);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name: rust,
                ty,
                required: shape.required.contains(wire),
                doc,
            });
        }
        self.register(
            node,
            scope,
            name,
            TypeKind::Struct {
                fields,
                keep_unknown: !shape.closed,
            },
        )
    }

    /// Gathers properties from `allOf` members first and own properties last, so a later
    /// declaration of a property refines an earlier one.
    fn collect(&mut self, node: &NodeId, shape: &mut ObjectShape, depth: usize) -> Result<()> {
        if depth > 64 {
            return Err(self
                .bundle
                .error_at(node, "`allOf` nests too deeply (a cycle?)"));
        }
        let node = self.follow(node)?;
        let value = self.value(&node);
        if let Some(members) = value.get("allOf").and_then(Value::as_array) {
            for index in 0..members.len() {
                self.collect(
                    &node.child("allOf").child(&index.to_string()),
                    shape,
                    depth + 1,
                )?;
            }
        }
        if let Some(props) = value.get("properties") {
            let Some(props) = props.as_object() else {
                return Err(self
                    .bundle
                    .error_at(&node.child("properties"), "`properties` must be an object"));
            };
            for key in props.keys() {
                let prop = node.child("properties").child(key);
                match shape.properties.iter_mut().find(|(k, _)| k == key) {
                    Some(existing) => existing.1 = prop,
                    None => shape.properties.push((key.clone(), prop)),
                }
            }
        }
        if let Some(required) = value.get("required").and_then(Value::as_array) {
            for key in required.iter().filter_map(Value::as_str) {
                if !shape.required.iter().any(|r| r == key) {
                    shape.required.push(key.to_string());
                }
            }
        }
        if value.get("additionalProperties") == Some(&Value::Bool(false)) {
            shape.closed = true;
        }
        Ok(())
    }

    fn register(
        &mut self,
        node: &NodeId,
        scope: &Scope,
        name: &str,
        kind: TypeKind,
    ) -> Result<TypeRef> {
        let source = self.source(node);
        let value = self.value(node);
        let doc = value
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let def = TypeDef {
            name: name.to_string(),
            doc,
            kind,
            source: source.clone(),
        };
        let defs = self.registry.defs.entry(scope.clone()).or_default();
        if let Some(existing) = defs.get(name) {
            // The same shape declared twice (a title reused for one structure) is one type.
            if existing.kind == def.kind {
                return Ok(TypeRef::Named {
                    scope: scope.clone(),
                    name: name.to_string(),
                });
            }
        }
        let namespace = self.registry.namespaces.entry(scope.clone()).or_default();
        if let Err(holder) = namespace.claim(name, &source) {
            return Err(self.bundle.error_at(
                node,
                format!("type name `{name}` is already taken by {holder}; give one of them another `title` (in the overlay)"),
            ));
        }
        defs.insert(name.to_string(), def);
        Ok(TypeRef::Named {
            scope: scope.clone(),
            name: name.to_string(),
        })
    }
}
