//! Lifting a document to the OpenAPI 3.0 shape that `openapiv3` types describe.
//!
//! Swagger 2.0 is converted as swagger-parser's converter does (body parameters become a
//! `requestBody`, `produces`/`consumes` become `content`, `securityDefinitions` become
//! `components.securitySchemes`, `x-` extensions are kept). An OpenAPI 3.0 document passes
//! through the same final step.
//!
//! That final step *detaches schemas*: every schema an operation uses is replaced by a `$ref`
//! to the node where it was written, so [`crate::schema`] reads schemas from the source files
//! (JSON Schema as written, with exact positions) while `openapiv3` types carry the
//! document's structure. Extensions `x-codegen-source` (on request bodies and responses) and
//! `x-codegen-example` record where the original nodes and examples were.

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::load::{Bundle, FileId, NodeId, escape};

/// A Swagger 2.0 body parameter and its index among the operation's parameters.
type BodyParam = (usize, Value);

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The API documents at `files` lifted to OpenAPI 3.0, in order. One at a time, as
/// lowering asks for them: a problem lowering an earlier file is reported before one in a
/// later file.
pub fn lift<'a>(
    bundle: &'a Bundle<'_>,
    files: &'a [FileId],
) -> impl Iterator<Item = Result<(FileId, openapiv3::OpenAPI)>> + 'a {
    files
        .iter()
        .map(|&file| to_openapi(bundle, file).map(|document| (file, document)))
}

/// Converts the document at `file` into an `openapiv3::OpenAPI`.
pub fn to_openapi(bundle: &Bundle<'_>, file: FileId) -> Result<openapiv3::OpenAPI> {
    let root = bundle.root(file);
    let doc = bundle.get(&root).unwrap_or(&Value::Null);
    let converted = if doc.get("swagger").and_then(Value::as_str) == Some("2.0") {
        Converter {
            bundle,
            root: &root,
        }
        .convert(doc)?
    } else if doc
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.0"))
    {
        detach_openapi3(bundle, &root, doc)?
    } else {
        return Err(bundle.error_at(
            &root,
            "not an API description: expected `swagger: \"2.0\"` or `openapi: 3.0.x`",
        ));
    };
    serde_json::from_value(converted)
        .map_err(|e| bundle.error_at(&root, format!("not a valid OpenAPI document: {e}")))
}

fn self_ref(pointer: &str) -> Value {
    json!({ "$ref": format!("#{pointer}") })
}

struct Converter<'a, 'fs> {
    bundle: &'a Bundle<'fs>,
    root: &'a NodeId,
}

impl Converter<'_, '_> {
    fn node(&self, pointer: &str) -> NodeId {
        NodeId {
            file: self.root.file,
            pointer: pointer.to_string(),
        }
    }

    fn convert(&self, doc: &Value) -> Result<Value> {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        out.insert(
            "info".into(),
            doc.get("info")
                .cloned()
                .unwrap_or_else(|| json!({"title": "", "version": ""})),
        );
        let base_path = doc.get("basePath").and_then(Value::as_str).unwrap_or("/");
        out.insert("servers".into(), json!([{ "url": base_path }]));
        if let Some(security) = doc.get("security") {
            out.insert("security".into(), security.clone());
        }
        copy_extensions(doc, &mut out);

        let consumes = media_types(doc.get("consumes"));
        let produces = media_types(doc.get("produces"));
        let mut paths = Map::new();
        if let Some(items) = doc.get("paths").and_then(Value::as_object) {
            for (key, item) in items {
                if key.starts_with("x-") {
                    continue;
                }
                let at = format!("/paths/{}", escape(key));
                paths.insert(
                    key.clone(),
                    self.path_item(item, &at, &consumes, &produces)?,
                );
            }
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if let Some(defs) = doc.get("securityDefinitions").and_then(Value::as_object) {
            let mut schemes = Map::new();
            for (name, def) in defs {
                let at = format!("/securityDefinitions/{}", escape(name));
                schemes.insert(name.clone(), self.security_scheme(def, &at)?);
            }
            components.insert("securitySchemes".into(), Value::Object(schemes));
        }
        out.insert("components".into(), Value::Object(components));
        Ok(Value::Object(out))
    }

    fn security_scheme(&self, def: &Value, at: &str) -> Result<Value> {
        let mut out = match def.get("type").and_then(Value::as_str) {
            Some("apiKey") => json!({
                "type": "apiKey",
                "name": def.get("name").cloned().unwrap_or(Value::Null),
                "in": def.get("in").cloned().unwrap_or(Value::Null),
            }),
            Some("basic") => json!({ "type": "http", "scheme": "basic" }),
            other => {
                return Err(self.bundle.error_at(
                    &self.node(at),
                    format!(
                        "security scheme type {other:?} is not supported (apiKey and basic are)"
                    ),
                ));
            }
        };
        if let (Some(description), Some(map)) = (def.get("description"), out.as_object_mut()) {
            map.insert("description".into(), description.clone());
        }
        Ok(out)
    }

    fn path_item(
        &self,
        item: &Value,
        at: &str,
        consumes: &[String],
        produces: &[String],
    ) -> Result<Value> {
        let mut out = Map::new();
        copy_extensions(item, &mut out);
        if item.get("$ref").is_some() {
            return Err(self.bundle.error_at(
                &self.node(at),
                "path items given by `$ref` are not supported",
            ));
        }
        if let Some(params) = item.get("parameters").and_then(Value::as_array) {
            let (params, body) = self.parameters(params, &format!("{at}/parameters"))?;
            if body.is_some() {
                return Err(self.bundle.error_at(
                    &self.node(&format!("{at}/parameters")),
                    "a body parameter shared by a whole path is not supported; declare it per operation",
                ));
            }
            out.insert("parameters".into(), Value::Array(params));
        }
        for method in METHODS {
            if let Some(op) = item.get(method) {
                let op_at = format!("{at}/{method}");
                out.insert(
                    method.into(),
                    self.operation(op, &op_at, consumes, produces)?,
                );
            }
        }
        Ok(Value::Object(out))
    }

    fn operation(
        &self,
        op: &Value,
        at: &str,
        consumes: &[String],
        produces: &[String],
    ) -> Result<Value> {
        let mut out = Map::new();
        for key in [
            "summary",
            "description",
            "operationId",
            "tags",
            "deprecated",
            "security",
            "externalDocs",
        ] {
            if let Some(value) = op.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        copy_extensions(op, &mut out);
        let consumes = op
            .get("consumes")
            .map(|c| media_types(Some(c)))
            .unwrap_or_else(|| consumes.to_vec());
        let produces = op
            .get("produces")
            .map(|p| media_types(Some(p)))
            .unwrap_or_else(|| produces.to_vec());
        let params = op
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let (params, body) = self.parameters(&params, &format!("{at}/parameters"))?;
        out.insert("parameters".into(), Value::Array(params));
        if let Some((index, body)) = body {
            let body_at = format!("{at}/parameters/{index}");
            let mut content = Map::new();
            let mut media = Map::new();
            media.insert("schema".into(), self_ref(&format!("{body_at}/schema")));
            for mime in &consumes {
                content.insert(mime.clone(), Value::Object(media.clone()));
            }
            let mut request = Map::new();
            request.insert("content".into(), Value::Object(content));
            request.insert(
                "required".into(),
                json!(
                    body.get("required")
                        .and_then(Value::as_bool)
                        .unwrap_or(false)
                ),
            );
            if let Some(description) = body.get("description") {
                request.insert("description".into(), description.clone());
            }
            request.insert("x-codegen-source".into(), json!(body_at));
            if body.pointer("/schema/example").is_some() {
                request.insert(
                    "x-codegen-example".into(),
                    json!(format!("{body_at}/schema/example")),
                );
            }
            out.insert("requestBody".into(), Value::Object(request));
        }
        let mut responses = Map::new();
        if let Some(items) = op.get("responses").and_then(Value::as_object) {
            for (status, response) in items {
                if status.starts_with("x-") {
                    continue;
                }
                let response_at = format!("{at}/responses/{}", escape(status));
                responses.insert(
                    status.clone(),
                    self.response(response, &response_at, &produces)?,
                );
            }
        }
        out.insert("responses".into(), Value::Object(responses));
        Ok(Value::Object(out))
    }

    fn response(&self, response: &Value, at: &str, produces: &[String]) -> Result<Value> {
        let response = match response.get("$ref").and_then(Value::as_str) {
            Some(reference) if reference.starts_with("#/") => {
                let node = self.node(&reference[1..]);
                return match self.bundle.get(&node) {
                    Some(target) => self.response(target, &node.pointer, produces),
                    None => Err(self.bundle.error_at(
                        &self.node(at),
                        format!("`$ref` `{reference}` points at nothing"),
                    )),
                };
            }
            Some(reference) => {
                return Err(self.bundle.error_at(
                    &self.node(at),
                    format!("response `$ref` `{reference}` to another file is not supported"),
                ));
            }
            None => response,
        };
        let mut out = Map::new();
        out.insert(
            "description".into(),
            response
                .get("description")
                .cloned()
                .unwrap_or_else(|| json!("")),
        );
        copy_extensions(response, &mut out);
        out.insert("x-codegen-source".into(), json!(at));
        let examples = response.get("examples").and_then(Value::as_object);
        let has_schema = response.get("schema").is_some();
        if has_schema || examples.is_some() {
            let mut content = Map::new();
            let mimes: Vec<String> = match examples {
                Some(examples) if !has_schema => examples.keys().cloned().collect(),
                _ => produces.to_vec(),
            };
            for mime in mimes {
                let mut media = Map::new();
                if has_schema {
                    media.insert("schema".into(), self_ref(&format!("{at}/schema")));
                }
                if let Some(example) = examples.and_then(|e| e.get(&mime)) {
                    media.insert("example".into(), example.clone());
                    out.insert(
                        "x-codegen-example".into(),
                        json!(format!("{at}/examples/{}", escape(&mime))),
                    );
                }
                content.insert(mime, Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
        }
        Ok(Value::Object(out))
    }

    /// Non-body parameters in OpenAPI 3.0 form, and the body parameter with its index.
    fn parameters(&self, params: &[Value], at: &str) -> Result<(Vec<Value>, Option<BodyParam>)> {
        let mut out = Vec::new();
        let mut body = None;
        for (index, param) in params.iter().enumerate() {
            let mut param_at = format!("{at}/{index}");
            let mut param = param.clone();
            if let Some(reference) = param.get("$ref").and_then(Value::as_str) {
                let Some(pointer) = reference.strip_prefix('#') else {
                    return Err(self.bundle.error_at(
                        &self.node(&param_at),
                        format!("parameter `$ref` `{reference}` to another file is not supported"),
                    ));
                };
                param_at = pointer.to_string();
                param = self
                    .bundle
                    .get(&self.node(pointer))
                    .cloned()
                    .ok_or_else(|| {
                        self.bundle.error_at(
                            &self.node(&format!("{at}/{index}")),
                            format!("`$ref` `{reference}` points at nothing"),
                        )
                    })?;
            }
            match param.get("in").and_then(Value::as_str) {
                Some("body") => {
                    if body.is_some() {
                        return Err(self
                            .bundle
                            .error_at(&self.node(&param_at), "more than one body parameter"));
                    }
                    body = Some((index, param));
                }
                Some(location @ ("path" | "query" | "header")) => {
                    let mut converted = Map::new();
                    converted.insert(
                        "name".into(),
                        param.get("name").cloned().unwrap_or(Value::Null),
                    );
                    converted.insert("in".into(), json!(location));
                    let required = location == "path"
                        || param
                            .get("required")
                            .and_then(Value::as_bool)
                            .unwrap_or(false);
                    converted.insert("required".into(), json!(required));
                    if let Some(description) = param.get("description") {
                        converted.insert("description".into(), description.clone());
                    }
                    if let Some(example) = param.get("x-example") {
                        converted.insert("example".into(), example.clone());
                    }
                    // The parameter object itself carries `type`, `format`, `enum`, `items`:
                    // it reads as a schema where it stands.
                    converted.insert("schema".into(), self_ref(&param_at));
                    out.push(Value::Object(converted));
                }
                other => {
                    let location = other
                        .map(|o| format!("`{o}`"))
                        .unwrap_or_else(|| "no location (`in`)".into());
                    return Err(self.bundle.error_at(
                        &self.node(&param_at),
                        format!("parameters in {location} are not supported (path, query, header and body are)"),
                    ));
                }
            }
        }
        Ok((out, body))
    }
}

fn media_types(value: Option<&Value>) -> Vec<String> {
    let types: Vec<String> = value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if types.is_empty() {
        vec!["application/json".to_string()]
    } else {
        types
    }
}

fn copy_extensions(from: &Value, to: &mut Map<String, Value>) {
    if let Some(map) = from.as_object() {
        for (key, value) in map {
            if key.starts_with("x-") {
                to.insert(key.clone(), value.clone());
            }
        }
    }
}

/// OpenAPI 3.0 input: schemas detached as for Swagger 2.0, everything else as written.
fn detach_openapi3(bundle: &Bundle<'_>, root: &NodeId, doc: &Value) -> Result<Value> {
    let mut out = doc.clone();
    let Some(paths) = out.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(out);
    };
    for (key, item) in paths.iter_mut() {
        let item_at = format!("/paths/{}", escape(key));
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        if let Some(params) = item.get_mut("parameters").and_then(Value::as_array_mut) {
            detach_params(params, &format!("{item_at}/parameters"));
        }
        for method in METHODS {
            let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let op_at = format!("{item_at}/{method}");
            if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                detach_params(params, &format!("{op_at}/parameters"));
            }
            if let Some(body) = op.get_mut("requestBody").and_then(Value::as_object_mut) {
                if body.contains_key("$ref") {
                    return Err(bundle.error_at(
                        &root.child("paths").child(key).child(method),
                        "request bodies given by `$ref` are not supported",
                    ));
                }
                let body_at = format!("{op_at}/requestBody");
                body.insert("x-codegen-source".into(), json!(body_at));
                detach_content(body, &body_at);
            }
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                for (status, response) in responses.iter_mut() {
                    let response_at = format!("{op_at}/responses/{}", escape(status));
                    let Some(response) = response.as_object_mut() else {
                        continue;
                    };
                    if response.contains_key("$ref") {
                        continue;
                    }
                    response.insert("x-codegen-source".into(), json!(response_at));
                    detach_content(response, &response_at);
                }
            }
        }
    }
    Ok(out)
}

fn detach_params(params: &mut [Value], at: &str) {
    for (index, param) in params.iter_mut().enumerate() {
        if let Some(schema) = param.get_mut("schema") {
            *schema = self_ref(&format!("{at}/{index}/schema"));
        }
    }
}

fn detach_content(owner: &mut Map<String, Value>, at: &str) {
    let mut example_at = None;
    if let Some(content) = owner.get_mut("content").and_then(Value::as_object_mut) {
        for (mime, media) in content.iter_mut() {
            let media_at = format!("{at}/content/{}", escape(mime));
            if let Some(schema) = media.get_mut("schema") {
                *schema = self_ref(&format!("{media_at}/schema"));
            }
            if media.get("example").is_some() && example_at.is_none() {
                example_at = Some(format!("{media_at}/example"));
            }
        }
    }
    if let Some(example_at) = example_at {
        owner.insert("x-codegen-example".into(), json!(example_at));
    }
}
