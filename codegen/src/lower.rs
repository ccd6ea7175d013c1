//! Lowering: loaded documents, as `openapiv3` types, into the intermediate [`Model`].
//!
//! Here operations get their names, parameters and bodies their types, responses their
//! variants, and operations that share a method and path are grouped into one route whose
//! forms the router tells apart by the body's required keys. A body or response is JSON,
//! decoded into its type, when the spec documents a JSON media type for it (and its schema
//! is no file); any other is carried as bytes.

use std::collections::BTreeMap;

use openapiv3::{MediaType, OpenAPI, Operation as OaOperation, Parameter, ReferenceOr, StatusCode};
use serde_json::Value;

use crate::error::Result;
use crate::load::{Bundle, FileId, NodeId};
use crate::model::{
    Api, Body, Example, Media, Model, Operation, Param, ParamLocation, ResponseVariant, Route,
    Scope, Security, TypeKind, TypeRef,
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
    // The crate's own modules.
    for own in ["runtime", "schemas", "router", "binary"] {
        modules.claim(own, "the generated crate").ok();
    }
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
    let (routes, literal_segments) = group_routes(bundle, &model)?;
    model.routes = routes;
    model.literal_segments = literal_segments;
    model.examples.sort_by(|a, b| a.test_name.cmp(&b.test_name));
    Ok(model)
}

/// Whether a media type is JSON (`application/json`, `…+json`, `*/*`).
fn is_json(mime: &str) -> bool {
    let essence = mime
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || essence == "*/*"
        || essence.ends_with("+json")
}

/// The media type a body or response is documented with, as lowering reads it: a JSON one
/// when there is one, else the first.
fn payload(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(mime, _)| is_json(mime))
        .or_else(|| content.iter().next())
        .map(|(mime, media)| (mime.as_str(), media))
}

/// What a body or response is documented with.
enum Payload<'c> {
    /// No media type at all.
    Nothing,
    /// Bytes of this media type.
    Binary(String),
    /// JSON: of the schema's type, or of any shape when it has none.
    Json {
        ty: Option<TypeRef>,
        media: &'c MediaType,
    },
}

/// The node a token in an `x-codegen-…` extension names.
fn token_node(bundle: &Bundle<'_>, at: &NodeId, token: Option<&Value>) -> Result<NodeId> {
    token
        .and_then(Value::as_str)
        .and_then(NodeId::from_token)
        .ok_or_else(|| bundle.error_at(at, "internal error: a node was not recorded"))
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
            .map(|s| {
                let defaults: Vec<(&str, &str)> = s
                    .variables
                    .iter()
                    .flatten()
                    .map(|(name, v)| (name.as_str(), v.default.as_str()))
                    .collect();
                server_path(&s.url, &defaults)
            })
            .unwrap_or_default();
        let security = self.security()?;
        let error_schema = self.error_schema()?;
        // Named schemas first: the names their authors gave them come before any name an
        // inline schema could take.
        self.named_schemas()?;
        let mut operations = Vec::new();
        let mut names = Namespace::default();
        // What every API trait inherits from `runtime::Hooks`.
        for hook in ["authenticate", "reject", "internal_error", "body_limit"] {
            names.claim(hook, "`runtime::Hooks`").ok();
        }
        for (path_key, item) in self.openapi.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else {
                return Err(self.bundle.error_at(
                    &self.root.child("paths").child(path_key),
                    "internal error: a path item was not followed",
                ));
            };
            for (method, op) in item.iter() {
                let at = self.root.child("paths").child(path_key).child(method);
                let candidates = naming::operation_candidates(
                    op.operation_id.as_deref(),
                    method,
                    path_key.trim(),
                );
                let name = names
                    .claim_first(&candidates, &at.pointer)
                    .map_err(|holder| {
                        self.bundle.error_at(
                            &at,
                            format!(
                                "operation name `{}` is already used by #{holder}",
                                candidates[0]
                            ),
                        )
                    })?;
                let mut params = item.parameters.clone();
                params.extend(op.parameters.iter().cloned());
                let operation = self.operation(
                    &name,
                    path_key,
                    method,
                    op,
                    &params,
                    &base_path,
                    &at,
                    security.as_ref(),
                    error_schema.as_ref(),
                )?;
                operations.push(operation);
            }
        }
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
    /// (a path relative to the spec file, percent-encoded like a URL), or a map from names
    /// to Example Objects or to the examples themselves.
    fn named_schemas(&mut self) -> Result<()> {
        let container = if self.bundle.get(&self.root.child("swagger")).is_some() {
            self.root.child("definitions")
        } else {
            self.root.child("components").child("schemas")
        };
        let Some(Value::Object(schemas)) = self.bundle.get(&container).cloned() else {
            return Ok(());
        };
        // A schema that is only a `$ref` is the type it refers to, named there.
        for (key, schema) in &schemas {
            let name = naming::camel(key);
            if schema.get("$ref").is_none() && !naming::reserved_type(&name, true) {
                self.registry
                    .reserve(self.bundle, &container.child(key), &name);
            }
        }
        for (key, schema) in &schemas {
            let node = container.child(key);
            let name = naming::camel(key);
            let ty = SchemaLowerer::new(self.bundle, self.registry).lower_named(&node, &name)?;
            let examples_at = node.child("x-examples");
            let examples: Vec<(String, NodeId, bool)> = match schema.get("x-examples") {
                None => continue,
                Some(Value::Array(items)) => (0..items.len())
                    .map(|i| ((i + 1).to_string(), examples_at.child(&i.to_string()), true))
                    .collect(),
                Some(Value::Object(named)) => named
                    .iter()
                    .map(|(name, example)| {
                        let object = example.as_object().is_some_and(|e| {
                            (e.contains_key("value") || e.contains_key("externalValue"))
                                && e.keys().all(|k| {
                                    ["value", "externalValue", "summary", "description"]
                                        .contains(&k.as_str())
                                })
                        });
                        (naming::snake(name), examples_at.child(name), object)
                    })
                    .collect(),
                Some(_) => {
                    return Err(self.bundle.error_at(
                        &examples_at,
                        "`x-examples` must be a list of Example Objects, or a map of them",
                    ));
                }
            };
            for (label, at, is_object) in examples {
                let example = self.bundle.get(&at).cloned().unwrap_or(Value::Null);
                let (json, location) = if !is_object {
                    (example, self.bundle.line_of(&at))
                } else {
                    match (
                        example.get("value"),
                        example.get("externalValue").and_then(Value::as_str),
                    ) {
                        (Some(value), None) => (value.clone(), self.bundle.line_of(&at)),
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
                    }
                };
                self.examples.push(Example {
                    test_name: format!("{}_{}_example_{label}", self.module, naming::snake(key),),
                    ty: ty.clone(),
                    json,
                    location,
                });
            }
        }
        Ok(())
    }

    /// The apiKey scheme (in a query parameter or header) of this file, if any.
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
                    // The router does not read cookies: the implementation finds the key
                    // in the request's `Cookie` header, as for any scheme it does not read.
                    openapiv3::APIKeyLocation::Cookie => continue,
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
                    let Some((_, media)) = payload(&response.content) else {
                        continue;
                    };
                    let Some(ReferenceOr::Reference { reference }) = &media.schema else {
                        continue;
                    };
                    let at = self.response_node(response)?;
                    let target = self.detached(&at, reference)?;
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

    fn response_node(&self, response: &openapiv3::Response) -> Result<NodeId> {
        token_node(
            self.bundle,
            &self.root,
            response.extensions.get("x-codegen-source"),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        name: &str,
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
        let scope = Scope::Operation {
            api: self.module.clone(),
            operation: name.to_string(),
        };
        let test_prefix = format!("{}_{}", self.module, name);

        let mut lowered_params: Vec<Param> = Vec::new();
        for param in params {
            let ReferenceOr::Item(param) = param else {
                return Err(self
                    .bundle
                    .error_at(at, "internal error: a parameter was not followed"));
            };
            let (location, data) = match param {
                Parameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
                Parameter::Header { parameter_data, .. } => (ParamLocation::Header, parameter_data),
                Parameter::Cookie { parameter_data, .. } => {
                    let param_at = token_node(
                        self.bundle,
                        at,
                        parameter_data.extensions.get("x-codegen-source"),
                    )?;
                    return Err(self.bundle.error_at(
                        &param_at,
                        format!(
                            "cookie parameter `{}` is not supported",
                            parameter_data.name
                        ),
                    ));
                }
            };
            let param_at = token_node(self.bundle, at, data.extensions.get("x-codegen-source"))?;
            let (ty, default) = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Reference {
                    reference,
                }) => {
                    let holder = self.detached(&param_at, reference)?;
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
                    &param_at,
                    format!(
                        "parameter `{}`: only scalar and enum parameters are supported",
                        data.name
                    ),
                ));
            }
            // A later declaration (operation level) overrides an earlier one (path level).
            lowered_params.retain(|p| !(p.wire_name == data.name && p.location == location));
            lowered_params.push(Param {
                wire_name: data.name.clone(),
                field: String::new(),
                binding: String::new(),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                description: data.description.clone(),
                example: data.example.clone(),
                default: default.and_then(|d| d.as_str().map(str::to_string)),
            });
        }

        let body = match &op.request_body {
            Some(ReferenceOr::Item(request)) => {
                let source =
                    token_node(self.bundle, at, request.extensions.get("x-codegen-source"))?;
                let (ty, media, example) =
                    match self.payload(&request.content, &source, &scope, "RequestBody")? {
                        Payload::Binary(content_type) => {
                            (TypeRef::String, Media::Binary { content_type }, None)
                        }
                        Payload::Json { ty, media } => {
                            let ty = ty.unwrap_or(TypeRef::Any);
                            let example =
                                self.example(media.extensions.get("x-codegen-example"), &ty)?;
                            (ty, Media::Json, example)
                        }
                        Payload::Nothing => (TypeRef::Any, Media::Json, None),
                    };
                let required_keys = match self.registry.get(&ty).map(|d| &d.kind) {
                    Some(TypeKind::Struct { fields, .. }) if media == Media::Json => fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| f.wire_name.clone())
                        .collect(),
                    _ => Vec::new(),
                };
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
                    media,
                    required: request.required,
                    required_keys,
                    description: request.description.clone(),
                    example: example.map(|e| e.0),
                    invalid_is_absent,
                    example_note: self.example_note(&source)?,
                })
            }
            Some(ReferenceOr::Reference { .. }) => {
                return Err(self
                    .bundle
                    .error_at(at, "internal error: a request body was not followed"));
            }
            None => None,
        };

        // Field names: the request body's is `body`; a parameter named exactly as its
        // field keeps that name whatever comes first; the others take the first free one
        // of their candidates.
        let mut fields = Namespace::default();
        if body.is_some() {
            fields.claim("body", "the request body").ok();
        }
        let source = |param: &Param| {
            let location = match param.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
            };
            (location, format!("{location} {}", param.wire_name))
        };
        for param in &mut lowered_params {
            let wire = &param.wire_name;
            if naming::snake(wire) == *wire && fields.claim(wire, &source(param).1).is_ok() {
                param.field = wire.clone();
            }
        }
        for param in &mut lowered_params {
            if param.field.is_empty() {
                let (location, source) = source(param);
                let candidates = naming::param_candidates(&param.wire_name, location);
                param.field = fields.claim_first(&candidates, &source).map_err(|holder| {
                    self.bundle.error_at(
                        at,
                        format!(
                            "parameters `{holder}` and `{source}` both name the field `{}`",
                            candidates[0]
                        ),
                    )
                })?;
            }
            param.binding = naming::binding(&param.field);
        }

        let mut responses = Vec::new();
        let codes: Vec<u16> = op
            .responses
            .responses
            .keys()
            .filter_map(|s| match s {
                StatusCode::Code(code) => Some(*code),
                StatusCode::Range(_) => None,
            })
            .collect();
        let mut statuses: Vec<(Option<u16>, &ReferenceOr<openapiv3::Response>)> = Vec::new();
        for (status, response) in &op.responses.responses {
            match status {
                StatusCode::Code(code) => statuses.push((Some(*code), response)),
                // A range (`4XX`) is answered with its first status, unless the operation
                // documents that one itself.
                StatusCode::Range(range) => {
                    let first = range.saturating_mul(100);
                    if !codes.contains(&first) && (100..600).contains(&first) {
                        statuses.push((Some(first), response));
                    }
                }
            }
        }
        if let Some(default) = &op.responses.default {
            statuses.push((None, default));
        }
        statuses.sort_by_key(|(code, _)| code.unwrap_or(u16::MAX));
        for (status, response) in statuses {
            let ReferenceOr::Item(response) = response else {
                return Err(self
                    .bundle
                    .error_at(at, "internal error: a response was not followed"));
            };
            let variant = match status {
                Some(code) => naming::status_variant(code),
                None => "Default".to_string(),
            };
            let node = self.response_node(response)?;
            let suggested = format!("{variant}Body");
            let (ty, media, example_token) =
                match self.payload(&response.content, &node, &scope, &suggested)? {
                    Payload::Binary(content_type) => {
                        (Some(TypeRef::String), Media::Binary { content_type }, None)
                    }
                    Payload::Json {
                        ty: Some(ty),
                        media,
                    } => (
                        Some(ty),
                        Media::Json,
                        media.extensions.get("x-codegen-example"),
                    ),
                    schemaless => {
                        let token = match &schemaless {
                            Payload::Json { media, .. } => {
                                media.extensions.get("x-codegen-example")
                            }
                            _ => None,
                        };
                        let ty = match (status, error_schema) {
                            // An error answer without a schema carries the spec's error object.
                            (Some(code), Some(error)) if code >= 400 => {
                                let error = error.clone();
                                let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                                let name = error_type_name(self.bundle, &error);
                                Some(lowerer.lower(&error, &Scope::Shared, &name)?)
                            }
                            // Nothing documented at all: an empty body.
                            _ if matches!(schemaless, Payload::Nothing) => None,
                            _ => Some(TypeRef::Any),
                        };
                        (ty, Media::Json, token)
                    }
                };
            let example = match &ty {
                Some(ty) if media == Media::Json => self.example(example_token, ty)?,
                _ => None,
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
                media,
                description: response.description.clone(),
                example: example.map(|e| e.0),
                example_note: self.example_note(&node)?,
            });
        }

        let (aliases, canonical_link) = self.aliases(op, base_path, at)?;
        let requirements = op.security.as_ref().or(self.openapi.security.as_ref());
        // Secured when every alternative names a scheme: the router asks the
        // implementation for a principal, with the API key when the scheme is one.
        let secured = match requirements {
            Some(reqs) => {
                !reqs.is_empty() && reqs.iter().all(|r| !r.is_empty())
                    || security
                        .is_some_and(|(_, scheme)| reqs.iter().any(|r| r.contains_key(scheme)))
            }
            None => false,
        };
        let takes_api_key = secured
            && security.is_some_and(|(_, scheme)| {
                requirements.is_some_and(|reqs| reqs.iter().any(|r| r.contains_key(scheme)))
            });
        let prepared_json = self.prepared_json(op, &responses, at)?;
        Ok(Operation {
            name: name.to_string(),
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
            takes_api_key,
            prepared_json,
            types: Vec::new(),
            node: at.clone(),
        })
    }

    /// What a body or response carries: JSON of its schema's type when a JSON media type
    /// is documented and its schema is no file, else bytes.
    fn payload<'c>(
        &mut self,
        content: &'c indexmap::IndexMap<String, MediaType>,
        owner: &NodeId,
        scope: &Scope,
        suggested: &str,
    ) -> Result<Payload<'c>> {
        let Some((mime, media)) = payload(content) else {
            return Ok(Payload::Nothing);
        };
        if !is_json(mime) {
            return Ok(Payload::Binary(mime.to_string()));
        }
        let ty = match &media.schema {
            Some(ReferenceOr::Reference { reference }) => {
                let holder = self.detached(owner, reference)?;
                if self.is_file(&holder)? {
                    return Ok(Payload::Binary("application/octet-stream".to_string()));
                }
                let mut lowerer = SchemaLowerer::new(self.bundle, self.registry);
                Some(lowerer.lower(&holder, scope, suggested)?)
            }
            Some(ReferenceOr::Item(_)) => {
                return Err(self
                    .bundle
                    .error_at(owner, "internal error: schema not detached"));
            }
            None => None,
        };
        Ok(Payload::Json { ty, media })
    }

    /// Whether the schema at `node` (after `$ref`s) is a file: Swagger 2.0's `type: file`,
    /// or a string of `format: binary`.
    fn is_file(&self, node: &NodeId) -> Result<bool> {
        let node = self.bundle.follow(node)?;
        let Some(schema) = self.bundle.get(&node) else {
            return Ok(false);
        };
        let kind = schema.get("type").and_then(Value::as_str);
        let format = schema.get("format").and_then(Value::as_str);
        Ok(kind == Some("file") || kind == Some("string") && format == Some("binary"))
    }

    /// The source node a detached schema `$ref` stands for (see [`crate::swagger2`]).
    fn detached(&self, at: &NodeId, reference: &str) -> Result<NodeId> {
        NodeId::from_token(reference).ok_or_else(|| {
            self.bundle
                .error_at(at, format!("schema `$ref` `{reference}` was not detached"))
        })
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

    /// The extension `x-example-note` on a request body (Swagger 2.0: the body parameter) or
    /// a response: a note the API reference shows with that example.
    fn example_note(&self, at: &NodeId) -> Result<Option<String>> {
        let at = at.child("x-example-note");
        match self.bundle.get(&at) {
            None => Ok(None),
            Some(Value::String(note)) => Ok(Some(note.clone())),
            Some(_) => Err(self
                .bundle
                .error_at(&at, "`x-example-note` must be a string")),
        }
    }

    /// The JSON example an `x-codegen-example` token names, parsed from JSON text when the
    /// spec wrote it as a string for a non-string type (text that is no JSON stays text
    /// for a body of any shape), with its `file:line`.
    fn example(&self, token: Option<&Value>, ty: &TypeRef) -> Result<Option<(Value, String)>> {
        let Some(node) = token.and_then(Value::as_str).and_then(NodeId::from_token) else {
            return Ok(None);
        };
        let Some(value) = self.bundle.get(&node) else {
            return Ok(None);
        };
        let value = match value {
            Value::String(text) if !matches!(ty, TypeRef::String) => {
                match serde_json::from_str(text) {
                    Ok(parsed) => parsed,
                    // Text is a fine value of no particular type.
                    Err(_) if matches!(ty, TypeRef::Any) => value.clone(),
                    Err(e) => {
                        return Err(self
                            .bundle
                            .error_at(&node, format!("example is not valid JSON: {e}")));
                    }
                }
            }
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

/// The path part of a server URL (`https://h/base`, `//h/base`, `h/base` or `/base`),
/// without a trailing `/`, its `{variables}` replaced by their defaults.
fn server_path(url: &str, defaults: &[(&str, &str)]) -> String {
    let mut url = url.to_string();
    for (name, value) in defaults {
        url = url.replace(&format!("{{{name}}}"), value);
    }
    let path = if let Some((_, rest)) = url.split_once("://") {
        rest.find('/').map(|i| &rest[i..]).unwrap_or("")
    } else if let Some(rest) = url.strip_prefix("//") {
        rest.find('/').map(|i| &rest[i..]).unwrap_or("")
    } else if url.starts_with('/') {
        &url
    } else {
        // A host without a scheme (`api.example.com/v1`).
        url.find('/').map(|i| &url[i..]).unwrap_or("")
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

/// The parameter a path segment is, if it is one.
fn segment_param(segment: &str) -> Option<&str> {
    segment.strip_prefix('{')?.strip_suffix('}')
}

/// Why axum cannot route `path`, if it cannot; whether it has a segment led by `:` or `*`
/// (taken literally once axum is told so).
fn route_problem(path: &str) -> std::result::Result<bool, String> {
    if path.contains(['?', '#']) {
        return Err(format!(
            "path `{path}` holds a query string or fragment; query parameters belong in `parameters`"
        ));
    }
    let mut literal = false;
    for segment in path.split('/') {
        if segment.contains(['{', '}']) {
            match segment_param(segment) {
                Some(name)
                    if !name.is_empty() && !name.contains(['{', '}']) && !name.starts_with('*') => {
                }
                _ => {
                    return Err(format!(
                        "path `{path}`: the segment `{segment}` has a parameter beside other text (or several); the router takes a path parameter only as a whole segment"
                    ));
                }
            }
        } else if segment.starts_with([':', '*']) {
            literal = true;
        }
    }
    Ok(literal)
}

/// Every path with each parameter named as the first path to have a parameter at that
/// place names it: axum takes one name per place.
struct Places {
    names: BTreeMap<String, String>,
}

impl Places {
    /// `path` as routed, and the renames it needs: (routed name, spec name).
    fn route(&mut self, path: &str) -> (String, Vec<(String, String)>) {
        let mut place = String::new();
        let mut routed = String::new();
        let mut renames = Vec::new();
        for (index, segment) in path.split('/').enumerate() {
            if index > 0 {
                place.push('/');
                routed.push('/');
            }
            match segment_param(segment) {
                Some(name) => {
                    place.push_str("{}");
                    let canonical = self
                        .names
                        .entry(place.clone())
                        .or_insert_with(|| name.to_string());
                    if canonical != name {
                        renames.push((canonical.clone(), name.to_string()));
                    }
                    routed.push('{');
                    routed.push_str(canonical);
                    routed.push('}');
                }
                None => {
                    place.push_str(segment);
                    routed.push_str(segment);
                }
            }
        }
        (routed, renames)
    }
}

/// Groups operations by method and routed path; forms sharing a route are ordered most
/// specific first (more required body keys), then as written. Refuses what axum could not
/// route. Returns the routes and whether some path has literal `:` or `*` segments.
fn group_routes(bundle: &Bundle<'_>, model: &Model) -> Result<(Vec<Route>, bool)> {
    let mut places = Places {
        names: BTreeMap::new(),
    };
    let mut literal = false;
    let mut routes: BTreeMap<(String, String), Route> = BTreeMap::new();
    for (api_index, api) in model.apis.iter().enumerate() {
        for (op_index, op) in api.operations.iter().enumerate() {
            for path in std::iter::once(&op.path).chain(&op.aliases) {
                literal |= route_problem(path).map_err(|e| bundle.error_at(&op.node, e))?;
            }
            let (routed, renames) = places.route(&op.path);
            let route = routes
                .entry((routed.clone(), op.method.clone()))
                .or_insert_with(|| Route {
                    method: op.method.clone(),
                    path: op.path.clone(),
                    aliases: Vec::new(),
                    handler: String::new(),
                    routed: vec![routed],
                    renames: Vec::new(),
                    operations: Vec::new(),
                });
            for (from, to) in renames {
                if !route.renames.contains(&(from.clone(), to.clone())) {
                    route.renames.push((from, to));
                }
            }
            for alias in &op.aliases {
                if !route.aliases.contains(alias) {
                    route.aliases.push(alias.clone());
                    let (routed, renames) = places.route(alias);
                    route.routed.push(routed);
                    for (from, to) in renames {
                        if !route.renames.contains(&(from.clone(), to.clone())) {
                            route.renames.push((from, to));
                        }
                    }
                }
            }
            route.operations.push((api_index, op_index));
        }
    }
    let mut out: Vec<Route> = routes.into_values().collect();
    let mut served: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut handlers = Namespace::default();
    for route in &mut out {
        route.operations.sort_by_key(|&(a, o)| {
            let keys = model.apis[a].operations[o]
                .body
                .as_ref()
                .map_or(0, |b| b.required_keys.len());
            std::cmp::Reverse(keys)
        });
        let (first_api, first_op) = route.operations[0];
        let first = &model.apis[first_api].operations[first_op];
        if route.operations.len() > 1 {
            for pair in route.operations.windows(2) {
                let first = &model.apis[pair[0].0].operations[pair[0].1];
                let second = &model.apis[pair[1].0].operations[pair[1].1];
                let keys = |op: &Operation| {
                    op.body
                        .as_ref()
                        .filter(|b| b.media == Media::Json)
                        .map(|b| {
                            let mut k = b.required_keys.clone();
                            k.sort();
                            k
                        })
                };
                if keys(first).is_none_or(|k| k.is_empty())
                    || keys(first) == keys(second)
                    || keys(second).is_none()
                    || first.path != second.path
                {
                    let first_at =
                        format!("{}#{}", model.apis[pair[0].0].source, first.node.pointer);
                    return Err(bundle.error_at(
                        &second.node,
                        format!(
                            "`{}` and `{}` ({first_at}) are both `{} {}`, and their bodies' required keys cannot tell them apart",
                            second.operation_id, first.operation_id, route.method, route.routed[0],
                        ),
                    ));
                }
            }
        }
        // One handler per method and path: an alias may not be another route's path.
        for path in &route.routed {
            let key = (path.clone(), route.method.clone());
            if let Some(holder) = served.insert(key, first.operation_id.clone()) {
                return Err(bundle.error_at(
                    &first.node,
                    format!(
                        "`{} {path}` is served twice: by `{holder}` and by `{}`",
                        route.method, first.operation_id
                    ),
                ));
            }
        }
        let renamed: Vec<&String> = route.renames.iter().map(|(from, _)| from).collect();
        if (1..renamed.len()).any(|i| renamed[..i].contains(&renamed[i])) {
            return Err(bundle.error_at(
                &first.node,
                format!(
                    "`{} {}`: its paths name a parameter at one place differently than other routes do, in more than one way",
                    route.method, route.path
                ),
            ));
        }
        let api = &model.apis[first_api];
        let candidates =
            naming::handler_candidates(&route.method, &route.path, &api.module, &first.name);
        route.handler = handlers
            .claim_first(&candidates, &route.path)
            .map_err(|holder| {
                bundle.error_at(
                    &first.node,
                    format!(
                        "router handler `{}` is already taken by `{holder}`",
                        candidates[0]
                    ),
                )
            })?;
    }
    Ok((out, literal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_paths() {
        assert_eq!(
            server_path("/_matrix/client/api/v1", &[]),
            "/_matrix/client/api/v1"
        );
        assert_eq!(server_path("https://h:8/base/", &[]), "/base");
        assert_eq!(server_path("https://h", &[]), "");
        assert_eq!(server_path("//h/base", &[]), "/base");
        assert_eq!(server_path("api.example.com/v1", &[]), "/v1");
        assert_eq!(server_path("api.example.com", &[]), "");
        assert_eq!(
            server_path(
                "https://{region}.h/{version}",
                &[("version", "v2"), ("region", "eu")]
            ),
            "/v2"
        );
        assert_eq!(
            join_path("/b", "/rooms/{roomId}/invite"),
            "/b/rooms/{roomId}/invite"
        );
    }

    #[test]
    fn paths_axum_cannot_route_are_named() {
        assert_eq!(route_problem("/a/{id}/b"), Ok(false));
        assert_eq!(route_problem("/a/:literal"), Ok(true));
        assert!(route_problem("/a/{id}.json").is_err());
        assert!(route_problem("/a/{x}-{y}").is_err());
        assert!(route_problem("/a?b={b}").is_err());
        assert!(route_problem("/a/{}").is_err());
    }

    #[test]
    fn a_parameter_is_named_as_the_first_route_names_it_at_its_place() {
        let mut places = Places {
            names: BTreeMap::new(),
        };
        assert_eq!(
            places.route("/pets/{petId}"),
            ("/pets/{petId}".to_string(), vec![])
        );
        assert_eq!(
            places.route("/pets/{id}/photos"),
            (
                "/pets/{petId}/photos".to_string(),
                vec![("petId".to_string(), "id".to_string())]
            )
        );
        assert_eq!(
            places.route("/owners/{id}"),
            ("/owners/{id}".to_string(), vec![])
        );
    }

    #[test]
    fn pointers_escape_path_keys() {
        assert_eq!(
            crate::load::escape("/rooms/{roomId}/join"),
            "~1rooms~1{roomId}~1join"
        );
    }

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("application/pdf"));
        assert!(!is_json("multipart/form-data"));
    }
}
