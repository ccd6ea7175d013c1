//! `openapi.json`: one OpenAPI 3.0 document describing exactly what the generated router
//! serves, written from the model. Upstream's files are several, reach each other through
//! `$ref`, write one route as two path keys and an alias as an extension; this document is
//! the single, flattened truth that HTTP-level tools (schemathesis, client generators) can
//! read: overlay applied, paths as routed (aliases as paths of their own), operations that
//! share a route merged into one whose body is any of theirs, and every type the generated
//! code decodes as a component schema.

use serde::Serialize;
use serde_json::Value;

use crate::model::{Media, Model, Operation, ParamLocation, Scope, TypeDef, TypeKind, TypeRef};
use crate::{Error, Input, OutputFile, Result};

// The document is written from typed structs, straight from the model to text: a tree of
// `serde_json::Value`s in between would cost thousands of small maps and allocations.
// Each struct's fields are in the order its keys are written.

#[derive(Serialize)]
struct Document<'m> {
    openapi: &'static str,
    info: Info,
    paths: Entries<&'m str, Entries<String, OperationObject<'m>>>,
    components: Components<'m>,
}

#[derive(Serialize)]
struct Info {
    title: String,
    version: &'static str,
    description: String,
}

#[derive(Serialize)]
struct Components<'m> {
    schemas: Entries<String, Schema>,
    #[serde(rename = "securitySchemes", skip_serializing_if = "Option::is_none")]
    security_schemes: Option<Entries<&'m str, SecurityScheme<'m>>>,
}

#[derive(Serialize)]
struct SecurityScheme<'m> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "in")]
    location: &'static str,
    name: &'m str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OperationObject<'m> {
    operation_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parameters: Vec<Parameter<'m>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_body: Option<RequestBody<'m>>,
    responses: Entries<String, ResponseObject>,
    /// `[{scheme: []}]`: the scheme, with no scopes (API keys have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    security: Option<[Entries<&'m str, [(); 0]>; 1]>,
}

#[derive(Serialize)]
struct Parameter<'m> {
    name: &'m str,
    #[serde(rename = "in")]
    location: &'static str,
    required: bool,
    schema: Schema,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    example: Option<&'m Value>,
}

#[derive(Serialize)]
struct RequestBody<'m> {
    required: bool,
    content: Content<'m>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'m str>,
}

#[derive(Serialize)]
struct ResponseObject {
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content<'static>>,
}

/// Media types, each with its schema: `application/json`, or the one a binary body is
/// documented with.
type Content<'m> = Entries<String, MediaType<'m>>;

/// `content` with one media type.
fn content<'m>(media: &Media, schema: Schema, example: Option<&'m Value>) -> Content<'m> {
    let (key, schema) = match media {
        Media::Json => ("application/json".to_string(), schema),
        Media::Binary { content_type } => (
            content_type.clone(),
            Schema {
                format: Some("binary"),
                ..typed("string")
            },
        ),
    };
    Entries::from_iter([(key, MediaType { schema, example })])
}

#[derive(Serialize)]
struct MediaType<'m> {
    schema: Schema,
    #[serde(skip_serializing_if = "Option::is_none")]
    example: Option<&'m Value>,
}

/// A JSON Schema in OpenAPI 3.0's dialect; absent keys are not written.
#[derive(Serialize, Default, Clone, PartialEq)]
struct Schema {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(rename = "allOf", skip_serializing_if = "Vec::is_empty")]
    all_of: Vec<Schema>,
    #[serde(rename = "anyOf", skip_serializing_if = "Vec::is_empty")]
    any_of: Vec<Schema>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Box<Schema>>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    variants: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Entries<String, Schema>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    required: Vec<String>,
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    additional_properties: Option<Additional>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nullable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// `additionalProperties`: `false`, or the schema of every value.
#[derive(Serialize, Clone, PartialEq)]
#[serde(untagged)]
enum Additional {
    Allowed(bool),
    Schema(Box<Schema>),
}

/// A JSON object's members in insertion order (a fixed hasher: the order, not the
/// hashing, decides the output).
type Entries<K, V> = indexmap::IndexMap<K, V, foldhash::fast::FixedState>;

/// The document, pretty-printed with a final newline.
pub fn render(model: &Model, input: &Input) -> Result<OutputFile> {
    let mut paths: Entries<&str, Entries<String, OperationObject<'_>>> = Entries::default();
    for route in &model.routes {
        let operations: Vec<&Operation> = route
            .operations
            .iter()
            .map(|&(api, op)| &model.apis[api].operations[op])
            .collect();
        for (index, path) in std::iter::once(&route.path)
            .chain(&route.aliases)
            .enumerate()
        {
            let operation = route_operation(model, &operations, path, index);
            let methods = paths.entry(path.as_str()).or_default();
            methods.insert(route.method.to_ascii_lowercase(), operation);
        }
    }
    // Type names are unique in their scope (the naming module refuses collisions), so
    // every key is new.
    let mut schemas = Entries::default();
    for def in &model.shared_types {
        schemas.insert(schema_key(&Scope::Shared, &def.name), type_def(def));
    }
    for api in &model.apis {
        for op in &api.operations {
            let scope = Scope::Operation {
                api: api.module.clone(),
                operation: op.name.clone(),
            };
            for def in &op.types {
                schemas.insert(schema_key(&scope, &def.name), type_def(def));
            }
        }
    }
    let security_schemes = model.security.as_ref().map(|security| {
        Entries::from_iter([(
            security.scheme.as_str(),
            SecurityScheme {
                kind: "apiKey",
                location: location(security.location),
                name: &security.name,
            },
        )])
    });
    let titles: Vec<&str> = model.apis.iter().map(|api| api.title.as_str()).collect();
    let document = Document {
        openapi: "3.0.3",
        info: Info {
            title: titles.join("; "),
            version: "generated",
            description: format!(
                "What the generated router serves, generated from {} by `cargo xtask regen`. Do not edit by hand.",
                input.spec_label
            ),
        },
        paths,
        components: Components {
            schemas,
            security_schemes,
        },
    };
    let mut contents = serde_json::to_string_pretty(&document)
        .map_err(|e| Error::other(format!("internal error: openapi.json: {e}")))?;
    contents.push('\n');
    Ok(OutputFile {
        path: "openapi.json".into(),
        contents,
    })
}

/// The operation object of one route at one of its paths (`alias` 0 is the route's own).
fn route_operation<'m>(
    model: &'m Model,
    operations: &[&'m Operation],
    path: &str,
    alias: usize,
) -> OperationObject<'m> {
    let first = operations[0];
    let ids: Vec<&str> = operations
        .iter()
        .map(|op| op.operation_id.as_str())
        .collect();
    let mut operation_id = ids.join("_or_");
    if alias > 0 {
        operation_id = format!("{operation_id}_alias{alias}");
    }
    let summaries: Vec<&str> = operations
        .iter()
        .filter_map(|op| op.summary.as_deref())
        .collect();
    let summary = (!summaries.is_empty()).then(|| summaries.join(" / "));
    let description = if operations.len() > 1 {
        Some(format!(
            "One HTTP route for the operations {}, told apart by the keys of the body.",
            ids.join(", ")
        ))
    } else {
        first.description.clone()
    };
    // Parameters: those of the first form that this path carries (an alias may leave a
    // path parameter out); forms sharing a route share their parameters.
    let parameters = first
        .params
        .iter()
        .filter(|p| {
            p.location != ParamLocation::Path || path.contains(&format!("{{{}}}", p.wire_name))
        })
        .map(|p| Parameter {
            name: &p.wire_name,
            location: location(p.location),
            required: p.required || p.location == ParamLocation::Path,
            schema: schema(&p.ty),
            description: p.description.as_deref(),
            example: p.example.as_ref(),
        })
        .collect();
    let bodies: Vec<_> = operations
        .iter()
        .filter_map(|op| op.body.as_ref())
        .collect();
    let request_body = (!bodies.is_empty()).then(|| {
        let mut forms: Vec<Schema> = Vec::new();
        for body in &bodies {
            let form = schema(&body.ty);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let body_schema = if forms.len() == 1 {
            forms.remove(0)
        } else {
            Schema {
                any_of: forms,
                ..Schema::default()
            }
        };
        let single = match bodies.as_slice() {
            [body] => Some(*body),
            _ => None,
        };
        RequestBody {
            required: bodies.len() == operations.len() && bodies.iter().all(|b| b.required),
            content: content(
                &bodies[0].media,
                body_schema,
                single.and_then(|body| body.example.as_ref()),
            ),
            description: single.and_then(|body| body.description.as_deref()),
        }
    });
    let security = model
        .security
        .as_ref()
        .filter(|_| operations.iter().any(|op| op.secured))
        .map(|security| [Entries::from_iter([(security.scheme.as_str(), [])])]);
    OperationObject {
        operation_id,
        summary,
        description,
        parameters,
        request_body,
        responses: responses(operations),
        security,
    }
}

/// Every status any of the route's operations documents; a status documented by several
/// with different bodies answers any of them.
fn responses(operations: &[&Operation]) -> Entries<String, ResponseObject> {
    let mut by_status: Vec<(String, Vec<String>, Vec<Schema>, Media)> = Vec::new();
    for op in operations {
        for response in &op.responses {
            let status = response
                .status
                .map_or_else(|| "default".to_string(), |s| s.to_string());
            let index = match by_status.iter().position(|(s, _, _, _)| *s == status) {
                Some(index) => index,
                None => {
                    by_status.push((status, Vec::new(), Vec::new(), response.media.clone()));
                    by_status.len() - 1
                }
            };
            let (_, descriptions, bodies, _) = &mut by_status[index];
            if !descriptions.contains(&response.description) {
                descriptions.push(response.description.clone());
            }
            if let Some(ty) = &response.ty {
                let body = schema(ty);
                if !bodies.contains(&body) {
                    bodies.push(body);
                }
            }
        }
    }
    // Numeric statuses in order, then `default`.
    by_status.sort_by_key(|(status, _, _, _)| status.parse::<u16>().unwrap_or(u16::MAX));
    let mut out = Entries::default();
    for (status, descriptions, mut bodies, media) in by_status {
        let content = (!bodies.is_empty()).then(|| {
            let schema = if bodies.len() == 1 {
                bodies.remove(0)
            } else {
                Schema {
                    any_of: bodies,
                    ..Schema::default()
                }
            };
            content(&media, schema, None)
        });
        out.insert(
            status,
            ResponseObject {
                description: descriptions.join(" / "),
                content,
            },
        );
    }
    out
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

/// The component name of a named type: shared types by name, operation types qualified.
fn schema_key(scope: &Scope, name: &str) -> String {
    match scope {
        Scope::Shared => name.to_string(),
        Scope::Operation { api, operation } => format!("{api}.{operation}.{name}"),
    }
}

/// A schema of one `type`.
fn typed(kind: &'static str) -> Schema {
    Schema {
        kind: Some(kind),
        ..Schema::default()
    }
}

/// The JSON Schema (OpenAPI 3.0 dialect) the generated Rust type accepts.
fn schema(ty: &TypeRef) -> Schema {
    match ty {
        TypeRef::String => typed("string"),
        TypeRef::Integer => typed("integer"),
        TypeRef::Number => typed("number"),
        TypeRef::Boolean => typed("boolean"),
        TypeRef::Any => Schema::default(),
        TypeRef::Object => typed("object"),
        TypeRef::Array(item) => Schema {
            items: Some(Box::new(schema(item))),
            ..typed("array")
        },
        TypeRef::Map(value) => Schema {
            additional_properties: Some(Additional::Schema(Box::new(schema(value)))),
            ..typed("object")
        },
        TypeRef::Named { scope, name } => Schema {
            reference: Some(format!("#/components/schemas/{}", schema_key(scope, name))),
            ..Schema::default()
        },
        TypeRef::Nullable(inner) => {
            let inner = schema(inner);
            if inner.kind.is_some() {
                Schema {
                    nullable: Some(true),
                    ..inner
                }
            } else {
                // A `$ref` takes no siblings in 3.0; wrap it.
                Schema {
                    all_of: vec![inner],
                    nullable: Some(true),
                    ..Schema::default()
                }
            }
        }
    }
}

fn type_def(def: &TypeDef) -> Schema {
    let mut out = match &def.kind {
        TypeKind::Struct { fields, unknown } => {
            let mut properties = Entries::default();
            let mut required = Vec::new();
            for field in fields {
                let mut property = schema(&field.ty);
                // A `$ref` takes no siblings in 3.0; the referenced schema has its own.
                if property.reference.is_none() {
                    property.description.clone_from(&field.doc);
                }
                properties.insert(field.wire_name.clone(), property);
                if field.required {
                    required.push(field.wire_name.clone());
                }
            }
            Schema {
                properties: Some(properties),
                required,
                additional_properties: unknown.is_none().then_some(Additional::Allowed(false)),
                ..typed("object")
            }
        }
        TypeKind::Enum { variants } => Schema {
            variants: Some(variants.iter().map(|v| v.wire_name.clone()).collect()),
            ..typed("string")
        },
    };
    if def.doc.is_some() {
        out.description.clone_from(&def.doc);
    }
    out
}
