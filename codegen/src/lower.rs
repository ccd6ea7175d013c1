//! Lowering: loaded documents, as `openapiv3` types, into the intermediate [`Model`].
//!
//! Here operations get their names, parameters and bodies their types, responses their
//! variants, and operations that share a method and path are grouped into one route whose
//! forms the router tells apart by the body's required keys.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Operation as OaOperation, Parameter, ReferenceOr, StatusCode};
use serde_json::Value;

use crate::error::Result;
use crate::load::{Bundle, FileId, NodeId};
use crate::model::{
    Api, Body, Example, Model, Operation, Param, ParamLocation, ResponseVariant, Route, Scope,
    Security, TypeKind, TypeRef,
};
use crate::naming::{self, Namespace};
use crate::schema::{SchemaLowerer, TypeRegistry};

/// Lowers every API document (lifted by [`crate::swagger2::lift`], in file order) into one
/// model.
pub fn lower(
    bundle: &Bundle<'_>,
    documents: impl IntoIterator<Item = Result<(FileId, OpenAPI)>>,
) -> Result<Model> {
    let mut registry = TypeRegistry::default();
    let mut model = Model::default();
    let mut modules = Namespace::default();
    let mut security: Option<(Security, NodeId)> = None;
    for document in documents {
        let (key, openapi) = document?;
        let root = bundle.root(key);
        let stem = bundle
            .doc(key)
            .access_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let module = naming::snake(&stem);
        let source = bundle.doc(key).display.clone();
        if let Err(holder) = modules.claim(&module, &source) {
            return Err(bundle.error_at(
                &root,
                format!("API module `{module}` is already taken by {holder}"),
            ));
        }
        let mut lowering = ApiLowering {
            bundle,
            registry: &mut registry,
            root: root.clone(),
            module: module.clone(),
            openapi: &openapi,
            examples: &mut model.examples,
        };
        let (mut api, api_security) = lowering.api(&stem, &source)?;
        if let Some(found) = api_security {
            match &security {
                Some((existing, at))
                    if existing.location != found.location || existing.name != found.name =>
                {
                    let first = bundle.doc(at.file).display.clone();
                    return Err(bundle.error_at(
                        &root,
                        format!("security scheme `{}` differs from the one in {first}; one router takes one kind of credential", found.scheme),
                    ));
                }
                Some(_) => {}
                None => security = Some((found, root.clone())),
            }
        }
        // An operation's own types are declared while it is lowered, and no other can add
        // to them.
        for op in &mut api.operations {
            op.types = registry.take(&Scope::Operation {
                api: api.module.clone(),
                operation: op.name.clone(),
            });
        }
        model.apis.push(api);
    }
    model.shared_types = registry.take(&Scope::Shared);
    model.security = security.map(|(s, _)| s);
    model.routes = group_routes(bundle, &model)?;
    model.examples.sort_by(|a, b| a.test_name.cmp(&b.test_name));
    Ok(model)
}

struct ApiLowering<'a, 'fs> {
    bundle: &'a Bundle<'fs>,
    registry: &'a mut TypeRegistry,
    root: NodeId,
    module: String,
    openapi: &'a OpenAPI,
    examples: &'a mut Vec<Example>,
}

impl ApiLowering<'_, '_> {
    fn api(&mut self, stem: &str, source: &str) -> Result<(Api, Option<Security>)> {
        let base_path = self
            .openapi
            .servers
            .first()
            .map(|s| server_path(&s.url))
            .unwrap_or_default();
        let security = self.security()?;
        let error_schema = self.error_schema()?;
        let mut operations = Vec::new();
        let mut names = Namespace::default();
        for (path_key, item) in self.openapi.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else {
                return Err(self.bundle.error_at(
                    &self.root.child("paths").child(path_key),
                    "path items given by `$ref` are not supported",
                ));
            };
            for (method, op) in item.iter() {
                let at = self.root.child("paths").child(path_key).child(method);
                let mut params = item.parameters.clone();
                params.extend(op.parameters.iter().cloned());
                let operation = self.operation(
                    path_key,
                    method,
                    op,
                    &params,
                    &base_path,
                    &at,
                    security.as_ref(),
                    error_schema.as_ref(),
                )?;
                if let Err(holder) = names.claim(&operation.name, &at.pointer) {
                    return Err(self.bundle.error_at(
                        &at,
                        format!(
                            "operation name `{}` is already used by #{holder}",
                            operation.name
                        ),
                    ));
                }
                operations.push(operation);
            }
        }
        self.named_schemas()?;
        let api = Api {
            module: self.module.clone(),
            trait_name: format!("{}Api", naming::camel(stem)),
            source: source.to_string(),
            title: self.openapi.info.title.clone(),
            base_path,
            operations,
        };
        Ok((api, security.map(|(s, _)| s)))
    }

    /// Every named schema (`definitions` in Swagger 2.0, `components/schemas` in OpenAPI
    /// 3.0) becomes a shared type, used by an operation or not, with its examples.
    ///
    /// Examples kept in files of their own are named by the extension `x-examples`: a list
    /// of OpenAPI 3.0 Example Objects, each with a literal `value` or an `externalValue`
    /// (a path relative to the spec file, percent-encoded like a URL).
    fn named_schemas(&mut self) -> Result<()> {
        let container = if self.bundle.get(&self.root.child("swagger")).is_some() {
            self.root.child("definitions")
        } else {
            self.root.child("components").child("schemas")
        };
        let Some(Value::Object(schemas)) = self.bundle.get(&container).cloned() else {
            return Ok(());
        };
        for (key, schema) in &schemas {
            let node = container.child(key);
            let name = naming::camel(key);
            let ty = SchemaLowerer::new(self.bundle, self.registry).lower_named(&node, &name)?;
            let Some(examples) = schema.get("x-examples") else {
                continue;
            };
            let Some(examples) = examples.as_array() else {
                return Err(self.bundle.error_at(
                    &node.child("x-examples"),
                    "`x-examples` must be a list of Example Objects",
                ));
            };
            for (index, example) in examples.iter().enumerate() {
                let at = node.child("x-examples").child(&index.to_string());
                let (json, location) = match (
                    example.get("value"),
                    example.get("externalValue").and_then(Value::as_str),
                ) {
                    (Some(value), None) => {
                        let doc = self.bundle.doc(at.file);
                        let line = crate::locate::locate(&doc.text, &at.pointer).map_or(0, |p| p.0);
                        (value.clone(), format!("{}:{line}", doc.display))
                    }
                    (None, Some(external)) => {
                        let file = self
                            .bundle
                            .referenced_file(&at.child("externalValue"), external)?;
                        let doc = self.bundle.doc(file);
                        (doc.value.clone(), format!("{}:1", doc.display))
                    }
                    _ => {
                        return Err(self.bundle.error_at(
                            &at,
                            "an example needs exactly one of `value` and `externalValue`",
                        ));
                    }
                };
                self.examples.push(Example {
                    test_name: format!(
                        "{}_{}_example_{}",
                        self.module,
                        naming::snake(key),
                        index + 1
                    ),
                    ty: ty.clone(),
                    json,
                    location,
                });
            }
        }
        Ok(())
    }

    /// The apiKey scheme of this file, if any.
    fn security(&self) -> Result<Option<(Security, String)>> {
        let Some(components) = &self.openapi.components else {
            return Ok(None);
        };
        let mut found = None;
        for (name, scheme) in &components.security_schemes {
            if let ReferenceOr::Item(openapiv3::SecurityScheme::APIKey {
                location,
                name: key,
                ..
            }) = scheme
            {
                let location = match location {
                    openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                    openapiv3::APIKeyLocation::Header => ParamLocation::Header,
                    openapiv3::APIKeyLocation::Cookie => {
                        return Err(self.bundle.error_at(
                            &self.root,
                            format!("security scheme `{name}`: cookie API keys are not supported"),
                        ));
                    }
                };
                found = Some((
                    Security {
                        scheme: name.clone(),
                        location,
                        name: key.clone(),
                    },
                    name.clone(),
                ));
            }
        }
        Ok(found)
    }

    /// The spec's error object: the one schema every error response that has a schema
    /// points at. Error responses without a schema carry it.
    fn error_schema(&mut self) -> Result<Option<NodeId>> {
        let mut found: Option<NodeId> = None;
        for (_, item) in self.openapi.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (_, op) in item.iter() {
                for (status, response) in &op.responses.responses {
                    let StatusCode::Code(code) = status else {
                        continue;
                    };
                    let ReferenceOr::Item(response) = response else {
                        continue;
                    };
                    if *code < 400 {
                        continue;
                    }
                    let Some(schema) = response.content.values().find_map(|m| m.schema.as_ref())
                    else {
                        continue;
                    };
                    let ReferenceOr::Reference { reference } = schema else {
                        continue;
                    };
                    let at = self.response_node(response);
                    let target = self.bundle.resolve_ref(&at, reference)?;
                    // A detached inline schema is no shared error object.
                    let target = match self
                        .bundle
                        .get(&target)
                        .and_then(|v| v.get("$ref"))
                        .and_then(Value::as_str)
                    {
                        Some(inner) => {
                            let inner = inner.to_string();
                            self.bundle.resolve_ref(&target.child("$ref"), &inner)?
                        }
                        None if target.file == self.root.file => return Ok(None),
                        None => target,
                    };
                    match &found {
                        Some(existing) if *existing != target => return Ok(None),
                        _ => found = Some(target),
                    }
                }
            }
        }
        Ok(found)
    }

    fn response_node(&self, response: &openapiv3::Response) -> NodeId {
        let pointer = response
            .extensions
            .get("x-codegen-source")
            .and_then(Value::as_str)
            .unwrap_or("");
        NodeId {
            file: self.root.file,
            pointer: pointer.to_string(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path_key: &str,
        method: &str,
        op: &OaOperation,
        params: &[ReferenceOr<Parameter>],
        base_path: &str,
        at: &NodeId,
        security: Option<&(Security, String)>,
        error_schema: Option<&NodeId>,
    ) -> Result<Operation> {
        let spec_path = path_key.trim();
        let operation_id = match &op.operation_id {
            Some(id) => id.clone(),
            None => format!("{method} {spec_path}"),
        };
        let name = naming::snake(&operation_id);
        let scope = Scope::Operation {
            api: self.module.clone(),
            operation: name.clone(),
        };
        let test_prefix = format!("{}_{}", self.module, name);

        let mut lowered_params: Vec<Param> = Vec::new();
        for (index, param) in params.iter().enumerate() {
            let ReferenceOr::Item(param) = param else {
                return Err(self.bundle.error_at(
                    &at.child("parameters").child(&index.to_string()),
                    "parameters given by `$ref` are not supported",
                ));
            };
            let (location, data) = match param {
                Parameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
                Parameter::Header { parameter_data, .. } => (ParamLocation::Header, parameter_data),
                Parameter::Cookie { parameter_data, .. } => {
                    return Err(self.bundle.error_at(
                        at,
                        format!(
                            "cookie parameter `{}` is not supported",
                            parameter_data.name
                        ),
                    ));
                }
            };
            let (ty, default) = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Reference {
                    reference,
                }) => {
                    let holder = self.detached(at, reference)?;
                    let default = self
                        .bundle
                        .get(&holder)
                        .and_then(|s| s.get("default"))
                        .cloned();
                    let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                    (
                        lowerer.lower(&holder, &scope, &naming::camel(&data.name))?,
                        default,
                    )
                }
                _ => (TypeRef::String, None),
            };
            let is_enum = matches!(
                self.registry.get(&ty).map(|d| &d.kind),
                Some(TypeKind::Enum { .. })
            );
            if (matches!(ty, TypeRef::Object | TypeRef::Map(_))
                || matches!(ty, TypeRef::Named { .. }) && !is_enum)
                && location != ParamLocation::Query
            {
                return Err(self.bundle.error_at(
                    at,
                    format!(
                        "parameter `{}`: only scalar and enum parameters are supported",
                        data.name
                    ),
                ));
            }
            let field = naming::snake(&data.name);
            // A later declaration (operation level) overrides an earlier one (path level).
            lowered_params.retain(|p| !(p.wire_name == data.name && p.location == location));
            lowered_params.push(Param {
                wire_name: data.name.clone(),
                field,
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                description: data.description.clone(),
                example: data.example.clone(),
                default: default.and_then(|d| d.as_str().map(str::to_string)),
            });
        }
        let mut fields = Namespace::default();
        for param in &lowered_params {
            if let Err(holder) = fields.claim(&param.field, &param.wire_name) {
                return Err(self.bundle.error_at(
                    at,
                    format!(
                        "parameters `{holder}` and `{}` both name the field `{}`",
                        param.wire_name, param.field
                    ),
                ));
            }
        }

        let body = match &op.request_body {
            Some(ReferenceOr::Item(request)) => {
                let source = request
                    .extensions
                    .get("x-codegen-source")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let source = NodeId {
                    file: self.root.file,
                    pointer: source,
                };
                let media = request
                    .content
                    .get("application/json")
                    .or_else(|| request.content.values().next());
                let Some(ReferenceOr::Reference { reference }) =
                    media.and_then(|m| m.schema.as_ref())
                else {
                    return Err(self
                        .bundle
                        .error_at(&source, "a request body needs a schema"));
                };
                let holder = self.detached(&source, reference)?;
                let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                let ty = lowerer.lower(&holder, &scope, "RequestBody")?;
                if fields.claim("body", "the request body").is_err() {
                    return Err(self.bundle.error_at(
                        at,
                        "a parameter named `body` collides with the request body field",
                    ));
                }
                let required_keys = match self.registry.get(&ty).map(|d| &d.kind) {
                    Some(TypeKind::Struct { fields, .. }) => fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| f.wire_name.clone())
                        .collect(),
                    _ => Vec::new(),
                };
                let example = self.example(request.extensions.get("x-codegen-example"), &ty)?;
                if let Some(example) = &example {
                    self.examples.push(Example {
                        test_name: format!("{test_prefix}_request_body"),
                        ty: ty.clone(),
                        json: example.0.clone(),
                        location: example.1.clone(),
                    });
                }
                let invalid_is_absent = self.ignores_invalid_body(op, at)?;
                if invalid_is_absent && request.required {
                    return Err(self.bundle.error_at(
                        &at.child("x-ignore-invalid-body"),
                        "`x-ignore-invalid-body` needs an optional request body",
                    ));
                }
                Some(Body {
                    ty,
                    required: request.required,
                    required_keys,
                    description: request.description.clone(),
                    example: example.map(|e| e.0),
                    invalid_is_absent,
                })
            }
            Some(ReferenceOr::Reference { .. }) => {
                return Err(self
                    .bundle
                    .error_at(at, "request bodies given by `$ref` are not supported"));
            }
            None => None,
        };

        let mut responses = Vec::new();
        let mut statuses: Vec<(Option<u16>, &ReferenceOr<openapiv3::Response>)> = Vec::new();
        for (status, response) in &op.responses.responses {
            match status {
                StatusCode::Code(code) => statuses.push((Some(*code), response)),
                StatusCode::Range(range) => {
                    return Err(self.bundle.error_at(
                        &at.child("responses"),
                        format!("status ranges (`{range}XX`) are not supported"),
                    ));
                }
            }
        }
        if let Some(default) = &op.responses.default {
            statuses.push((None, default));
        }
        statuses.sort_by_key(|(code, _)| code.unwrap_or(u16::MAX));
        for (status, response) in statuses {
            let ReferenceOr::Item(response) = response else {
                return Err(self.bundle.error_at(
                    &at.child("responses"),
                    "responses given by `$ref` are not supported",
                ));
            };
            let variant = match status {
                Some(code) => naming::status_variant(code),
                None => "Default".to_string(),
            };
            let node = self.response_node(response);
            let schema = response
                .content
                .get("application/json")
                .or_else(|| response.content.values().next())
                .and_then(|m| m.schema.as_ref());
            let ty = match schema {
                Some(ReferenceOr::Reference { reference }) => {
                    let holder = self.detached(&node, reference)?;
                    let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                    Some(lowerer.lower(&holder, &scope, &format!("{variant}Body"))?)
                }
                Some(ReferenceOr::Item(_)) => {
                    return Err(self
                        .bundle
                        .error_at(&node, "internal error: schema not detached"));
                }
                None => match (status, error_schema) {
                    // An error answer without a schema carries the spec's error object.
                    (Some(code), Some(error)) if code >= 400 => {
                        let error = error.clone();
                        let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                        let name = error_type_name(self.bundle, &error);
                        Some(lowerer.lower(&error, &Scope::Shared, &name)?)
                    }
                    // Nothing documented at all: an empty body.
                    _ if response.content.is_empty() => None,
                    _ => Some(TypeRef::Any),
                },
            };
            let example = match &ty {
                Some(ty) => self.example(response.extensions.get("x-codegen-example"), ty)?,
                None => None,
            };
            if let (Some(example), Some(ty)) = (&example, &ty) {
                self.examples.push(Example {
                    test_name: format!("{test_prefix}_{}_response", naming::snake(&variant)),
                    ty: ty.clone(),
                    json: example.0.clone(),
                    location: example.1.clone(),
                });
            }
            responses.push(ResponseVariant {
                status,
                variant,
                ty,
                description: response.description.clone(),
                example: example.map(|e| e.0),
            });
        }

        let (aliases, canonical_link) = self.aliases(op, base_path, at)?;
        let requirements = op.security.as_ref().or(self.openapi.security.as_ref());
        let secured = match (requirements, security) {
            (Some(reqs), Some((_, scheme))) => reqs.iter().any(|r| r.contains_key(scheme)),
            _ => false,
        };
        let prepared_json = self.prepared_json(op, &responses, at)?;
        Ok(Operation {
            name,
            operation_id,
            method: method.to_uppercase(),
            path: join_path(base_path, spec_path),
            spec_path: path_key.to_string(),
            aliases,
            canonical_link,
            summary: op.summary.clone(),
            description: op.description.clone(),
            params: lowered_params,
            body,
            responses,
            secured,
            prepared_json,
            types: Vec::new(),
            node: at.clone(),
        })
    }

    /// The source node a detached schema `$ref` stands for (see [`crate::swagger2`]).
    fn detached(&self, at: &NodeId, reference: &str) -> Result<NodeId> {
        match reference.strip_prefix('#') {
            Some(pointer) => Ok(NodeId {
                file: self.root.file,
                pointer: pointer.to_string(),
            }),
            None => Err(self
                .bundle
                .error_at(at, format!("schema `$ref` `{reference}` was not detached"))),
        }
    }

    /// The `x-ignore-invalid-body` extension: `true` reads a body that is not a JSON object
    /// as no body.
    fn ignores_invalid_body(&self, op: &openapiv3::Operation, at: &NodeId) -> Result<bool> {
        match op.extensions.get("x-ignore-invalid-body") {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(self.bundle.error_at(
                &at.child("x-ignore-invalid-body"),
                "`x-ignore-invalid-body` must be true or false",
            )),
        }
    }

    /// The `x-prepared-json` extension: `true` lets the implementation answer the one
    /// success with a body it serialized itself.
    fn prepared_json(
        &self,
        op: &openapiv3::Operation,
        responses: &[ResponseVariant],
        at: &NodeId,
    ) -> Result<bool> {
        let flag = match op.extensions.get("x-prepared-json") {
            None => return Ok(false),
            Some(Value::Bool(flag)) => *flag,
            Some(_) => {
                return Err(self.bundle.error_at(
                    &at.child("x-prepared-json"),
                    "`x-prepared-json` must be true or false",
                ));
            }
        };
        let successes: Vec<_> = responses
            .iter()
            .filter(|r| r.status.is_some_and(|code| code < 400))
            .collect();
        if flag && !matches!(successes.as_slice(), [only] if only.ty.is_some()) {
            return Err(self.bundle.error_at(
                &at.child("x-prepared-json"),
                "`x-prepared-json` needs exactly one success answer, with a body",
            ));
        }
        Ok(flag)
    }

    /// The `x-alias` extension: further paths for the same operation.
    fn aliases(
        &self,
        op: &OaOperation,
        base_path: &str,
        at: &NodeId,
    ) -> Result<(Vec<String>, Option<String>)> {
        let Some(alias) = op.extensions.get("x-alias") else {
            return Ok((Vec::new(), None));
        };
        let at = at.child("x-alias");
        let aliases = match alias.get("aliases") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|a| {
                    a.as_str()
                        .map(|s| join_path(base_path, s.trim()))
                        .ok_or_else(|| {
                            self.bundle
                                .error_at(&at.child("aliases"), "aliases must be strings")
                        })
                })
                .collect::<Result<Vec<_>>>()?,
            None => Vec::new(),
            Some(_) => {
                return Err(self
                    .bundle
                    .error_at(&at.child("aliases"), "`aliases` must be a list of paths"));
            }
        };
        let canonical = alias
            .get("canonical-link")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok((aliases, canonical))
    }

    /// The example at the pointer an `x-codegen-example` extension names, parsed from JSON
    /// text when the spec wrote it as a string for a non-string type, with its `file:line`.
    fn example(&self, pointer: Option<&Value>, ty: &TypeRef) -> Result<Option<(Value, String)>> {
        let Some(pointer) = pointer.and_then(Value::as_str) else {
            return Ok(None);
        };
        let node = NodeId {
            file: self.root.file,
            pointer: pointer.to_string(),
        };
        let Some(value) = self.bundle.get(&node) else {
            return Ok(None);
        };
        let value = match value {
            Value::String(text) if !matches!(ty, TypeRef::String) => serde_json::from_str(text)
                .map_err(|e| {
                    self.bundle
                        .error_at(&node, format!("example is not valid JSON: {e}"))
                })?,
            other => other.clone(),
        };
        Ok(Some((value, self.bundle.line_of(&node))))
    }
}

/// The shared type name of an error object found at `error`.
fn error_type_name(bundle: &Bundle<'_>, error: &NodeId) -> String {
    let stem = bundle
        .doc(error.file)
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match error.pointer.rsplit('/').next() {
        Some(last) if !error.pointer.is_empty() => naming::camel(last),
        _ => naming::camel(&stem),
    }
}

/// The path part of a server URL (`https://h/base` or `/base`), without a trailing `/`.
fn server_path(url: &str) -> String {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or(""),
        None => url,
    };
    path.trim_end_matches('/').to_string()
}

fn join_path(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Groups operations by method and path; forms sharing a route are ordered most specific
/// first (more required body keys), then as written.
fn group_routes(bundle: &Bundle<'_>, model: &Model) -> Result<Vec<Route>> {
    let mut routes: BTreeMap<(String, String), Route> = BTreeMap::new();
    for (api_index, api) in model.apis.iter().enumerate() {
        for (op_index, op) in api.operations.iter().enumerate() {
            let route = routes
                .entry((op.path.clone(), op.method.clone()))
                .or_insert_with(|| Route {
                    method: op.method.clone(),
                    path: op.path.clone(),
                    aliases: Vec::new(),
                    operations: Vec::new(),
                });
            for alias in &op.aliases {
                if !route.aliases.contains(alias) {
                    route.aliases.push(alias.clone());
                }
            }
            route.operations.push((api_index, op_index));
        }
    }
    let mut out: Vec<Route> = routes.into_values().collect();
    for route in &mut out {
        route.operations.sort_by_key(|&(a, o)| {
            let keys = model.apis[a].operations[o]
                .body
                .as_ref()
                .map_or(0, |b| b.required_keys.len());
            std::cmp::Reverse(keys)
        });
        if route.operations.len() > 1 {
            for pair in route.operations.windows(2) {
                let first = &model.apis[pair[0].0].operations[pair[0].1];
                let second = &model.apis[pair[1].0].operations[pair[1].1];
                let keys = |op: &Operation| {
                    op.body.as_ref().map(|b| {
                        let mut k = b.required_keys.clone();
                        k.sort();
                        k
                    })
                };
                if keys(first).is_none_or(|k| k.is_empty()) || keys(first) == keys(second) {
                    let first_at =
                        format!("{}#{}", model.apis[pair[0].0].source, first.node.pointer);
                    return Err(bundle.error_at(
                        &second.node,
                        format!(
                            "`{}` and `{}` ({first_at}) are both `{} {}`, and their bodies' required keys cannot tell them apart",
                            second.operation_id, first.operation_id, route.method, route.path,
                        ),
                    ));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_paths() {
        assert_eq!(
            server_path("/_matrix/client/api/v1"),
            "/_matrix/client/api/v1"
        );
        assert_eq!(server_path("https://h:8/base/"), "/base");
        assert_eq!(server_path("https://h"), "");
        assert_eq!(
            join_path("/b", "/rooms/{roomId}/invite"),
            "/b/rooms/{roomId}/invite"
        );
    }

    #[test]
    fn pointers_escape_path_keys() {
        assert_eq!(
            crate::load::escape("/rooms/{roomId}/join"),
            "~1rooms~1{roomId}~1join"
        );
    }
}
