//! JSON Schema (as OpenAPI and the event-schema files write it) lowered to Rust types.
//!
//! Schemas are read from the source files as written, so draft-4 forms that OpenAPI 3.0's
//! types cannot hold (`type: [X, "null"]`, `type` beside `allOf`) still lower, and every
//! error names the exact node. A `$ref` to a whole file or to `definitions`/
//! `components/schemas` names a shared type; any other `$ref` reads as the schema inlined.
//!
//! A schema that reaches itself (through properties, items or `allOf`) is a recursive
//! type: while it is being lowered, a reference back to it stands in as a placeholder, which
//! is replaced by the type it stood for once that is known; a field that holds a struct
//! that way directly (not inside a `Vec` or map) is boxed. A schema that holds itself other
//! than through a struct (`A: {items: A}`) is refused.

use std::collections::BTreeMap;

use foldhash::HashMap;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::{Bundle, NodeId};
use crate::model::{EnumVariant, Field, Scope, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Namespace};

/// How deep schemas may nest (properties of items of properties...) before lowering
/// gives up: far beyond any real document, well within the stack.
const MAX_DEPTH: usize = 200;

/// Every named type made so far, per scope.
#[derive(Debug, Default)]
pub struct TypeRegistry {
    defs: BTreeMap<Scope, BTreeMap<String, TypeDef>>,
    namespaces: BTreeMap<Scope, Namespace>,
    lowered: HashMap<(NodeId, Scope), TypeRef>,
    /// Schemas being lowered, innermost last.
    in_progress: Vec<InProgress>,
    /// Every type registered and every schema lowered, in order, so the placeholders of a
    /// recursive type can be replaced in what was made while it was being lowered.
    registered: Vec<(Scope, String)>,
    cached: Vec<(NodeId, Scope)>,
    placeholders: usize,
}

/// A schema being lowered.
#[derive(Debug)]
struct InProgress {
    key: (NodeId, Scope),
    /// What references back to it stand in for until it has a name.
    placeholder: String,
    /// The first reference back to it, and what to say if it turns out to be no type
    /// that can hold itself.
    recursion: Option<Error>,
}

impl TypeRegistry {
    /// The types declared in `scope`, sorted by name.
    pub fn take(&mut self, scope: &Scope) -> Vec<TypeDef> {
        self.defs
            .remove(scope)
            .map(|m| m.into_values().collect())
            .unwrap_or_default()
    }

    /// Holds `name` for the named schema at `node`, so that no inline schema lowered before
    /// it takes the name its author gave it. A name held already stays with its holder.
    pub fn reserve(&mut self, bundle: &Bundle<'_>, node: &NodeId, name: &str) {
        let source = format!("{}#{}", bundle.doc(node.file).display, node.pointer);
        let namespace = self.namespaces.entry(Scope::Shared).or_default();
        namespace.claim(name, &source).ok();
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
    /// `$ref` targets being lowered, to say how a cycle that is no type came about.
    visiting: Vec<NodeId>,
}

/// The fields an object schema contributes (own properties and `allOf` members, merged).
#[derive(Default)]
struct ObjectShape {
    properties: Vec<(String, NodeId)>,
    /// Each required key and where it is listed.
    required: Vec<(String, NodeId)>,
    closed: bool,
}

/// Keys that describe a schema without constraining its shape: an `allOf` member made
/// only of these (`allOf: [$ref, {description: …}]`) adds nothing to the type.
const ANNOTATIONS: [&str; 12] = [
    "description",
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "x-nullable",
    "externalDocs",
    "xml",
];

fn annotates_only(member: &Value) -> bool {
    member.as_object().is_some_and(|m| {
        m.keys()
            .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
    })
}

fn says_nullable(schema: &Value) -> bool {
    ["nullable", "x-nullable"]
        .iter()
        .any(|key| schema.get(key).and_then(Value::as_bool) == Some(true))
}

/// Whether a type holds its value in place (a struct), so that holding itself needs a box.
fn held_in_place(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named { .. } => true,
        TypeRef::Nullable(inner) => held_in_place(inner),
        _ => false,
    }
}

fn is_placeholder(ty: &TypeRef, placeholder: &str) -> bool {
    matches!(ty, TypeRef::Named { name, .. } if name == placeholder)
}

/// Whether `ty` is or holds the placeholder.
fn holds(ty: &TypeRef, placeholder: &str) -> bool {
    match ty {
        TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => {
            holds(inner, placeholder)
        }
        other => is_placeholder(other, placeholder),
    }
}

/// `ty` with the placeholder replaced by the type it stood for, `real`; whether it stood
/// directly (not inside a `Vec` or map) for a struct, which the field holding it must box.
fn replace(ty: &mut TypeRef, placeholder: &str, real: &TypeRef, direct: bool) -> bool {
    match ty {
        _ if is_placeholder(ty, placeholder) => {
            *ty = real.clone();
            direct && held_in_place(real)
        }
        TypeRef::Nullable(inner) if is_placeholder(inner, placeholder) => {
            **inner = match real {
                TypeRef::Nullable(real) => real.as_ref().clone(),
                other => other.clone(),
            };
            direct && held_in_place(real)
        }
        TypeRef::Nullable(inner) => replace(inner, placeholder, real, direct),
        TypeRef::Array(inner) | TypeRef::Map(inner) => {
            replace(inner, placeholder, real, false);
            false
        }
        _ => false,
    }
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

    /// Whether a `$ref` target is a named schema of its own (a whole file, or an entry of
    /// `definitions` / `components/schemas`) and the name it takes.
    fn named_target(&self, target: &NodeId) -> Option<String> {
        let value = self.bundle.get(target)?;
        let title = value
            .get("title")
            .and_then(Value::as_str)
            .and_then(naming::title_as_name);
        if target.pointer.is_empty() {
            return Some(title.unwrap_or_else(|| naming::camel(&self.file_stem(target))));
        }
        let (parent, last) = target.pointer.rsplit_once('/')?;
        if parent == "/definitions" || parent == "/components/schemas" {
            return Some(naming::camel(&last.replace("~1", "/").replace("~0", "~")));
        }
        None
    }

    /// The name of the file `node` is in, without its extension.
    fn file_stem(&self, node: &NodeId) -> String {
        let name = self
            .bundle
            .doc(node.file)
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        [".json", ".yaml", ".yml"]
            .iter()
            .find_map(|ext| name.strip_suffix(ext))
            .unwrap_or(&name)
            .to_string()
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
            let (scope, name, forced) = match self.named_target(&target) {
                Some(name) => (Scope::Shared, name, true),
                // A schema in another file lives with that file's types.
                None if target.file != node.file => (Scope::Shared, suggested.to_string(), false),
                None => (scope.clone(), suggested.to_string(), false),
            };
            if self.visiting.contains(&target) {
                let chain: Vec<String> = self.visiting.iter().map(|n| self.source(n)).collect();
                let cycle = self.bundle.error_at(
                    node,
                    format!(
                        "`$ref` cycle: `{reference}` leads back through {}",
                        chain.join(" → ")
                    ),
                );
                let key = (target.clone(), scope.clone());
                if let Some(entry) = self.registry.in_progress.iter_mut().find(|e| e.key == key) {
                    entry.recursion.get_or_insert(cycle);
                    return Ok(TypeRef::Named {
                        scope,
                        name: entry.placeholder.clone(),
                    });
                }
                return Err(cycle);
            }
            self.visiting.push(target.clone());
            let result = self.lower_in(&target, &scope, &name, forced);
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
        if let Some(entry) = self.registry.in_progress.iter_mut().find(|e| e.key == key) {
            let placeholder = entry.placeholder.clone();
            if entry.recursion.is_none() {
                entry.recursion = Some(self.bundle.error_at(
                    node,
                    "this schema contains itself other than through an object's property",
                ));
            }
            return Ok(TypeRef::Named {
                scope: scope.clone(),
                name: placeholder,
            });
        }
        if self.registry.in_progress.len() >= MAX_DEPTH {
            return Err(self.bundle.error_at(node, "schemas nest too deeply"));
        }
        self.registry.placeholders += 1;
        self.registry.in_progress.push(InProgress {
            key: key.clone(),
            placeholder: format!("\0{}", self.registry.placeholders),
            recursion: None,
        });
        let registered = self.registry.registered.len();
        let cached = self.registry.cached.len();
        let lowered = self.lower_value(node, scope, name, forced_name);
        let entry = self
            .registry
            .in_progress
            .pop()
            .ok_or_else(|| Error::other("internal error: lowering lost its place"))?;
        let ty = lowered?;
        if let Some(cycle) = entry.recursion {
            // What references back to it become: the type it turned out to be, which must
            // not hold itself but through a named struct.
            let real = ty.clone();
            if holds(&real, &entry.placeholder) {
                return Err(cycle);
            }
            self.close_recursion(&entry.placeholder, &real, registered, cached);
        }
        self.registry.lowered.insert(key.clone(), ty.clone());
        self.registry.cached.push(key);
        Ok(ty)
    }

    /// Replaces `placeholder` by `real` in every type registered and every schema lowered
    /// since index `registered` and `cached`, boxing the fields that hold it directly.
    fn close_recursion(
        &mut self,
        placeholder: &str,
        real: &TypeRef,
        registered: usize,
        cached: usize,
    ) {
        let TypeRegistry {
            defs,
            lowered,
            registered: log,
            cached: cache_log,
            ..
        } = &mut *self.registry;
        for (scope, name) in &log[registered..] {
            let Some(def) = defs.get_mut(scope).and_then(|d| d.get_mut(name)) else {
                continue;
            };
            if let TypeKind::Struct { fields, .. } = &mut def.kind {
                for field in fields {
                    if replace(&mut field.ty, placeholder, real, true) {
                        field.boxed = true;
                    }
                }
            }
        }
        for key in &cache_log[cached..] {
            if let Some(ty) = lowered.get_mut(key) {
                replace(ty, placeholder, real, true);
            }
        }
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
        let title = if forced_name {
            None
        } else {
            schema
                .get("title")
                .and_then(Value::as_str)
                .and_then(naming::title_as_name)
        };
        let naming = Naming {
            title,
            suggested: suggested.to_string(),
            forced: forced_name,
        };
        let mut nullable = says_nullable(value);
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
        let (ty, null_value) = self.lower_kind(node, schema, ty_name.as_deref(), scope, &naming)?;
        Ok(
            if (nullable || null_value) && !matches!(ty, TypeRef::Any | TypeRef::Nullable(_)) {
                TypeRef::Nullable(Box::new(ty))
            } else {
                ty
            },
        )
    }

    /// The type of a schema, and whether something besides its `nullable` allows `null`
    /// (a `null` among its enum values, an annotating `allOf` member).
    fn lower_kind(
        &mut self,
        node: &NodeId,
        schema: &serde_json::Map<String, Value>,
        ty: Option<&str>,
        scope: &Scope,
        naming: &Naming,
    ) -> Result<(TypeRef, bool)> {
        let name = naming.base();
        if schema.contains_key("not") {
            return Err(self
                .bundle
                .error_at(&node.child("not"), "`not` schemas are not supported"));
        }
        if schema.contains_key("oneOf") || schema.contains_key("anyOf") {
            // A union of shapes is carried as JSON; the handler decides.
            return Ok((TypeRef::Any, false));
        }
        if let Some(all_of) = schema.get("allOf").and_then(Value::as_array) {
            let has_own = ["properties", "required", "additionalProperties"]
                .iter()
                .any(|k| schema.contains_key(*k));
            let shaped: Vec<usize> = (0..all_of.len())
                .filter(|&i| !annotates_only(&all_of[i]))
                .collect();
            if let ([only], false) = (shaped.as_slice(), has_own) {
                // `allOf: [X]` alone is X, and so is `allOf: [X, {description: …}]`.
                let ty = self.lower(&node.child("allOf").child(&only.to_string()), scope, name)?;
                return Ok((ty, all_of.iter().any(says_nullable)));
            }
            return Ok((self.lower_object(node, scope, naming)?, false));
        }
        let ty = match ty {
            Some("string") => match schema.get("enum").and_then(Value::as_array) {
                Some(values) => return self.lower_enum(node, values, scope, naming),
                None => TypeRef::String,
            },
            Some("integer") => TypeRef::Integer,
            Some("number") => TypeRef::Number,
            Some("boolean") => TypeRef::Boolean,
            Some("array") => {
                let items = node.child("items");
                if self.bundle.get(&items).is_none() {
                    TypeRef::Array(Box::new(TypeRef::Any))
                } else {
                    let item = self.lower(&items, scope, &format!("{name}Item"))?;
                    TypeRef::Array(Box::new(item))
                }
            }
            Some("object") | None if schema.contains_key("properties") => {
                self.lower_object(node, scope, naming)?
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(Value::Object(_)) => {
                    let value = self.lower(
                        &node.child("additionalProperties"),
                        scope,
                        &format!("{name}Value"),
                    )?;
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::Object,
            },
            Some("null") | Some("any") | None => TypeRef::Any,
            // Swagger 2.0's file: a body or answer of bytes (see `lower`); inside JSON, text.
            Some("file") => TypeRef::String,
            Some(other) => {
                return Err(self.bundle.error_at(
                    &node.child("type"),
                    format!("unknown schema type `{other}`"),
                ));
            }
        };
        Ok((ty, false))
    }

    fn lower_enum(
        &mut self,
        node: &NodeId,
        values: &[Value],
        scope: &Scope,
        naming: &Naming,
    ) -> Result<(TypeRef, bool)> {
        let mut variants = Vec::new();
        let mut names = Namespace::default();
        let mut null = false;
        for (index, value) in values.iter().enumerate() {
            let at = node.child("enum").child(&index.to_string());
            let wire = match value {
                Value::String(wire) => wire,
                Value::Null => {
                    null = true;
                    continue;
                }
                other => {
                    return Err(self.bundle.error_at(
                        &at,
                        format!("enum value `{other}` is not a string, but the schema's `type` is `string`"),
                    ));
                }
            };
            let rust = names
                .claim_first(&naming::variant_candidates(wire, index), wire)
                .map_err(|holder| {
                    self.bundle.error_at(
                        &at,
                        format!(
                            "enum values `{holder}` and `{wire}` both name the variant `{}`",
                            naming::camel(wire)
                        ),
                    )
                })?;
            variants.push(EnumVariant {
                wire_name: wire.to_string(),
                rust_name: rust,
            });
        }
        let ty = self.register(node, scope, naming, TypeKind::Enum { variants })?;
        Ok((ty, null))
    }

    fn lower_object(&mut self, node: &NodeId, scope: &Scope, naming: &Naming) -> Result<TypeRef> {
        let name = naming.base();
        let mut shape = ObjectShape::default();
        self.collect(node, &mut shape, &mut Vec::new())?;
        for (key, at) in &shape.required {
            if !shape.properties.iter().any(|(wire, _)| wire == key) {
                return Err(self.bundle.error_at(
                    at,
                    format!("`required` names `{key}`, which is not among the object's properties"),
                ));
            }
        }
        let mut fields = Vec::with_capacity(shape.properties.len());
        let mut names = Namespace::default();
        // A property named exactly as its field keeps that name whatever comes first.
        for (wire, _) in &shape.properties {
            if naming::snake(wire) == *wire {
                names.claim(wire, wire).ok();
            }
        }
        for (wire, prop) in &shape.properties {
            let rust = names
                .claim_first(&naming::field_candidates(wire), wire)
                .map_err(|holder| {
                    self.bundle.error_at(
                        prop,
                        format!(
                            "properties `{holder}` and `{wire}` both name the field `{}`",
                            naming::snake(wire)
                        ),
                    )
                })?;
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
                required: shape.required.iter().any(|(key, _)| key == wire),
                doc,
                boxed: false,
            });
        }
        let unknown = if shape.closed {
            None
        } else {
            let candidates: Vec<String> = naming::CATCH_ALL_CANDIDATES
                .iter()
                .map(|c| c.to_string())
                .collect();
            Some(names.claim_first(&candidates, "").map_err(|holder| {
                self.bundle.error_at(
                    node,
                    format!("property `{holder}` leaves no name for the field of unnamed keys"),
                )
            })?)
        };
        self.register(node, scope, naming, TypeKind::Struct { fields, unknown })
    }

    /// Gathers properties from `allOf` members first and own properties last, so a later
    /// declaration of a property refines an earlier one.
    fn collect(
        &mut self,
        node: &NodeId,
        shape: &mut ObjectShape,
        within: &mut Vec<NodeId>,
    ) -> Result<()> {
        let node = self.bundle.follow(node)?;
        if within.contains(&node) {
            return Err(self
                .bundle
                .error_at(&node, "`allOf` cycle: this schema is among its own members"));
        }
        if within.len() >= MAX_DEPTH {
            return Err(self.bundle.error_at(&node, "`allOf` nests too deeply"));
        }
        within.push(node.clone());
        let value = self.value(&node);
        if let Some(members) = value.get("allOf").and_then(Value::as_array) {
            for index in 0..members.len() {
                self.collect(
                    &node.child("allOf").child(&index.to_string()),
                    shape,
                    within,
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
            for (index, key) in required.iter().enumerate() {
                let Some(key) = key.as_str() else { continue };
                if !shape.required.iter().any(|(r, _)| r == key) {
                    let at = node.child("required").child(&index.to_string());
                    shape.required.push((key.to_string(), at));
                }
            }
        }
        if value.get("additionalProperties") == Some(&Value::Bool(false)) {
            shape.closed = true;
        }
        within.pop();
        Ok(())
    }

    /// Declares a struct or enum under the first free name of its candidates: one taken by
    /// a type of the same shape is that type; one taken by another, or reserved for the
    /// generated code's own use, is passed over.
    fn register(
        &mut self,
        node: &NodeId,
        scope: &Scope,
        naming: &Naming,
        kind: TypeKind,
    ) -> Result<TypeRef> {
        let source = self.source(node);
        let value = self.value(node);
        let doc = value
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let shared = *scope == Scope::Shared;
        let kind_word = match kind {
            TypeKind::Struct { .. } => "Object",
            TypeKind::Enum { .. } => "Enum",
        };
        let candidates = if naming.forced {
            naming::named_type_candidates(&naming.suggested, &self.file_stem(node))
        } else {
            naming::inline_type_candidates(naming.title.as_deref(), &naming.suggested, kind_word)
        };
        let defs = self.registry.defs.entry(scope.clone()).or_default();
        let namespace = self.registry.namespaces.entry(scope.clone()).or_default();
        let mut chosen = None;
        for candidate in &candidates {
            if naming::reserved_type(candidate, shared) {
                continue;
            }
            // The same shape declared twice (a title reused for one structure) is one type.
            if defs
                .get(candidate)
                .is_some_and(|existing| existing.kind == kind)
            {
                return Ok(TypeRef::Named {
                    scope: scope.clone(),
                    name: candidate.clone(),
                });
            }
            if namespace.claim(candidate, &source).is_ok() {
                chosen = Some(candidate.clone());
                break;
            }
        }
        let Some(name) = chosen else {
            let first = candidates.first().cloned().unwrap_or_default();
            let holder = defs
                .get(&first)
                .map(|d| d.source.clone())
                .unwrap_or_else(|| "the generated code".to_string());
            return Err(self.bundle.error_at(
                node,
                format!("type name `{first}` is already taken by {holder}; give one of them another `title` (in the overlay)"),
            ));
        };
        defs.insert(
            name.clone(),
            TypeDef {
                name: name.clone(),
                doc,
                kind,
                source,
            },
        );
        self.registry.registered.push((scope.clone(), name.clone()));
        Ok(TypeRef::Named {
            scope: scope.clone(),
            name,
        })
    }
}

/// What a schema's type may be named.
struct Naming {
    /// Its `title`, when that reads as a name.
    title: Option<String>,
    /// The name its place suggests (or, when `forced`, the name it has).
    suggested: String,
    /// A named schema: its name is not a suggestion.
    forced: bool,
}

impl Naming {
    /// The name nested types are named after.
    fn base(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.suggested)
    }
}
