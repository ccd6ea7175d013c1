//! `openapi.json`: one OpenAPI 3.0 document describing exactly what the generated router
//! serves, written from the model. Upstream's files are several, reach each other through
//! `$ref`, write one route as two path keys and an alias as an extension; this document is
//! the single, flattened truth that HTTP-level tools (schemathesis, client generators) can
//! read: overlay applied, paths as routed (aliases as paths of their own), operations that
//! share a route merged into one whose body is any of theirs, and every type the generated
//! code decodes as a component schema.

use serde_json::{Map, Value, json};

use crate::model::{Model, Operation, ParamLocation, Scope, TypeDef, TypeKind, TypeRef};
use crate::{Error, Input, OutputFile, Result};

/// The document, pretty-printed with a final newline.
pub fn render(model: &Model, input: &Input) -> Result<OutputFile> {
    let mut paths = Map::new();
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
            let item = paths
                .entry(path.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            item[route.method.to_ascii_lowercase()] = operation;
        }
    }
    let mut schemas = Map::new();
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
    let mut components = json!({ "schemas": schemas });
    if let Some(security) = &model.security {
        components["securitySchemes"] = json!({
            &security.scheme: {
                "type": "apiKey",
                "in": location(security.location),
                "name": security.name,
            }
        });
    }
    let titles: Vec<&str> = model.apis.iter().map(|api| api.title.as_str()).collect();
    let document = json!({
        "openapi": "3.0.3",
        "info": {
            "title": titles.join("; "),
            "version": "generated",
            "description": format!(
                "What the generated router serves, generated from {} by `cargo xtask regen`. Do not edit by hand.",
                input.spec_label
            ),
        },
        "paths": paths,
        "components": components,
    });
    let mut contents = serde_json::to_string_pretty(&document)
        .map_err(|e| Error::other(format!("internal error: openapi.json: {e}")))?;
    contents.push('\n');
    Ok(OutputFile {
        path: "openapi.json".into(),
        contents,
    })
}

/// The operation object of one route at one of its paths (`alias` 0 is the route's own).
fn route_operation(model: &Model, operations: &[&Operation], path: &str, alias: usize) -> Value {
    let first = operations[0];
    let ids: Vec<&str> = operations
        .iter()
        .map(|op| op.operation_id.as_str())
        .collect();
    let mut operation_id = ids.join("_or_");
    if alias > 0 {
        operation_id = format!("{operation_id}_alias{alias}");
    }
    let mut out = Map::new();
    out.insert("operationId".into(), json!(operation_id));
    let summaries: Vec<&str> = operations
        .iter()
        .filter_map(|op| op.summary.as_deref())
        .collect();
    if !summaries.is_empty() {
        out.insert("summary".into(), json!(summaries.join(" / ")));
    }
    if operations.len() > 1 {
        out.insert(
            "description".into(),
            json!(format!(
                "One HTTP route for the operations {}, told apart by the keys of the body.",
                ids.join(", ")
            )),
        );
    } else if let Some(description) = &first.description {
        out.insert("description".into(), json!(description));
    }
    // Parameters: those of the first form that this path carries (an alias may leave a
    // path parameter out); forms sharing a route share their parameters.
    let parameters: Vec<Value> = first
        .params
        .iter()
        .filter(|p| {
            p.location != ParamLocation::Path || path.contains(&format!("{{{}}}", p.wire_name))
        })
        .map(|p| {
            let mut param = json!({
                "name": p.wire_name,
                "in": location(p.location),
                "required": p.required || p.location == ParamLocation::Path,
                "schema": schema(&p.ty),
            });
            if let Some(description) = &p.description {
                param["description"] = json!(description);
            }
            if let Some(example) = &p.example {
                param["example"] = example.clone();
            }
            param
        })
        .collect();
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    let bodies: Vec<_> = operations
        .iter()
        .filter_map(|op| op.body.as_ref())
        .collect();
    if !bodies.is_empty() {
        let mut forms: Vec<Value> = Vec::new();
        for body in &bodies {
            let form = schema(&body.ty);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let body_schema = if forms.len() == 1 {
            forms.remove(0)
        } else {
            json!({ "anyOf": forms })
        };
        let mut request_body = json!({
            "required": bodies.len() == operations.len() && bodies.iter().all(|b| b.required),
            "content": { "application/json": { "schema": body_schema } },
        });
        if let [body] = bodies.as_slice() {
            if let Some(description) = &body.description {
                request_body["description"] = json!(description);
            }
            if let Some(example) = &body.example {
                request_body["content"]["application/json"]["example"] = example.clone();
            }
        }
        out.insert("requestBody".into(), request_body);
    }
    out.insert("responses".into(), responses(operations));
    if let Some(security) = model
        .security
        .as_ref()
        .filter(|_| operations.iter().any(|op| op.secured))
    {
        out.insert("security".into(), json!([{ &security.scheme: [] }]));
    }
    Value::Object(out)
}

/// Every status any of the route's operations documents; a status documented by several
/// with different bodies answers any of them.
fn responses(operations: &[&Operation]) -> Value {
    let mut by_status: Vec<(String, Vec<String>, Vec<Value>)> = Vec::new();
    for op in operations {
        for response in &op.responses {
            let status = response
                .status
                .map_or_else(|| "default".to_string(), |s| s.to_string());
            let index = match by_status.iter().position(|(s, _, _)| *s == status) {
                Some(index) => index,
                None => {
                    by_status.push((status, Vec::new(), Vec::new()));
                    by_status.len() - 1
                }
            };
            let (_, descriptions, bodies) = &mut by_status[index];
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
    by_status.sort_by_key(|(status, _, _)| status.parse::<u16>().unwrap_or(u16::MAX));
    let mut out = Map::new();
    for (status, descriptions, mut bodies) in by_status {
        let mut response = json!({ "description": descriptions.join(" / ") });
        if !bodies.is_empty() {
            let body = if bodies.len() == 1 {
                bodies.remove(0)
            } else {
                json!({ "anyOf": bodies })
            };
            response["content"] = json!({ "application/json": { "schema": body } });
        }
        out.insert(status, response);
    }
    Value::Object(out)
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

/// The JSON Schema (OpenAPI 3.0 dialect) the generated Rust type accepts.
fn schema(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer => json!({ "type": "integer" }),
        TypeRef::Number => json!({ "type": "number" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::Any => json!({}),
        TypeRef::Object => json!({ "type": "object" }),
        TypeRef::Array(item) => json!({ "type": "array", "items": schema(item) }),
        TypeRef::Map(value) => json!({ "type": "object", "additionalProperties": schema(value) }),
        TypeRef::Named { scope, name } => {
            json!({ "$ref": format!("#/components/schemas/{}", schema_key(scope, name)) })
        }
        TypeRef::Nullable(inner) => {
            let inner = schema(inner);
            match inner {
                Value::Object(mut object) if object.contains_key("type") => {
                    object.insert("nullable".into(), json!(true));
                    Value::Object(object)
                }
                // A `$ref` takes no siblings in 3.0; wrap it.
                other => json!({ "allOf": [other], "nullable": true }),
            }
        }
    }
}

fn type_def(def: &TypeDef) -> Value {
    let mut out = match &def.kind {
        TypeKind::Struct {
            fields,
            keep_unknown,
        } => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for field in fields {
                let mut property = schema(&field.ty);
                // A `$ref` takes no siblings in 3.0; the referenced schema has its own.
                if let (Some(doc), Value::Object(object)) = (&field.doc, &mut property)
                    && !object.contains_key("$ref")
                {
                    object.insert("description".into(), json!(doc));
                }
                properties.insert(field.wire_name.clone(), property);
                if field.required {
                    required.push(json!(field.wire_name));
                }
            }
            let mut object = json!({ "type": "object", "properties": properties });
            if !required.is_empty() {
                object["required"] = Value::Array(required);
            }
            if !keep_unknown {
                object["additionalProperties"] = json!(false);
            }
            object
        }
        TypeKind::Enum { variants } => json!({
            "type": "string",
            "enum": variants.iter().map(|v| v.wire_name.as_str()).collect::<Vec<_>>(),
        }),
    };
    if let Some(doc) = &def.doc {
        out["description"] = json!(doc);
    }
    out
}
