//! Lifting a document to the OpenAPI 3.0 shape that `openapiv3` types describe.
//!
//! Swagger 2.0 is converted as swagger-parser's converter does (body parameters become a
//! `requestBody`, `formData` parameters a form body, `produces`/`consumes` become
//! `content`, `securityDefinitions` become `components.securitySchemes`, `x-` extensions
//! are kept). An OpenAPI 3.0 document passes through the same final step.
//!
//! Path items, parameters, request bodies, responses and security schemes given by `$ref`
//! (to this file or another, to `components`, `#/parameters` or another operation's
//! parameter) are followed here, so lowering sees each written out where it is used.
//!
//! The final step *detaches schemas*: every schema an operation uses is replaced by a
//! `$ref` holding the [`NodeId::token`] of the node where it was written, so
//! [`crate::schema`] reads schemas from the source files (JSON Schema as written, with exact
//! positions) while `openapiv3` types carry the document's structure. Extensions
//! `x-codegen-source` (on parameters, request bodies and responses) and `x-codegen-example`
//! (on media types) record, as tokens, where the original nodes and examples were.

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::load::{Bundle, FileId, NodeId};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Media types a Swagger 2.0 form body is sent as.
const FORM_TYPES: [&str; 2] = ["application/x-www-form-urlencoded", "multipart/form-data"];

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
    let lifter = Lifter { bundle };
    let converted = if doc.get("swagger").and_then(Value::as_str) == Some("2.0") {
        lifter.convert(&root, doc)?
    } else if doc
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.0"))
    {
        lifter.detach_openapi3(&root, doc)?
    } else {
        return Err(bundle.error_at(
            &root,
            "not an API description: expected `swagger: \"2.0\"` or `openapi: 3.0.x`",
        ));
    };
    serde_json::from_value(converted)
        .map_err(|e| bundle.error_at(&root, format!("not a valid OpenAPI document: {e}")))
}

/// A detached schema: a reference to the node where it is written.
fn detached(node: &NodeId) -> Value {
    json!({ "$ref": node.token() })
}

/// A Swagger 2.0 operation's parameters, sorted by kind.
#[derive(Default)]
struct Parameters {
    /// Path, query and header parameters in OpenAPI 3.0 form.
    plain: Vec<Value>,
    /// The body parameter, where it is written, and its value.
    body: Option<(NodeId, Value)>,
    /// `formData` parameters, where they are written, and their values.
    form: Vec<(NodeId, Value)>,
}

struct Lifter<'a, 'fs> {
    bundle: &'a Bundle<'fs>,
}

impl Lifter<'_, '_> {
    /// The value at `node`, which must be an object (an empty one when absent).
    fn object(&self, node: &NodeId, what: &str) -> Result<Map<String, Value>> {
        match self.bundle.get(node) {
            Some(Value::Object(map)) => Ok(map.clone()),
            None => Ok(Map::new()),
            Some(_) => Err(self
                .bundle
                .error_at(node, format!("{what} must be an object"))),
        }
    }

    fn convert(&self, root: &NodeId, doc: &Value) -> Result<Value> {
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
            for key in items.keys() {
                if key.starts_with("x-") {
                    continue;
                }
                let at = self.bundle.follow(&root.child("paths").child(key))?;
                paths.insert(key.clone(), self.path_item(&at, &consumes, &produces)?);
            }
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        let definitions = self.bundle.follow(&root.child("securityDefinitions"))?;
        let definitions_map = self.object(&definitions, "`securityDefinitions`")?;
        if !definitions_map.is_empty() {
            let mut schemes = Map::new();
            for name in definitions_map.keys() {
                let at = self.bundle.follow(&definitions.child(name))?;
                schemes.insert(name.clone(), self.security_scheme(&at)?);
            }
            components.insert("securitySchemes".into(), Value::Object(schemes));
        }
        out.insert("components".into(), Value::Object(components));
        Ok(Value::Object(out))
    }

    fn security_scheme(&self, at: &NodeId) -> Result<Value> {
        let def = self.object(at, "a security scheme")?;
        let text = |key: &str| def.get(key).cloned().unwrap_or(Value::Null);
        let mut out = match def.get("type").and_then(Value::as_str) {
            Some("apiKey") => json!({
                "type": "apiKey",
                "name": text("name"),
                "in": text("in"),
            }),
            Some("basic") => json!({ "type": "http", "scheme": "basic" }),
            Some("oauth2") => {
                let scopes = def.get("scopes").cloned().unwrap_or_else(|| json!({}));
                let flow = match def.get("flow").and_then(Value::as_str) {
                    Some("implicit") => json!({ "implicit": {
                        "authorizationUrl": text("authorizationUrl"), "scopes": scopes } }),
                    Some("password") => json!({ "password": {
                        "tokenUrl": text("tokenUrl"), "scopes": scopes } }),
                    Some("application") => json!({ "clientCredentials": {
                        "tokenUrl": text("tokenUrl"), "scopes": scopes } }),
                    Some("accessCode") => json!({ "authorizationCode": {
                        "authorizationUrl": text("authorizationUrl"),
                        "tokenUrl": text("tokenUrl"), "scopes": scopes } }),
                    other => {
                        return Err(self.bundle.error_at(
                            &at.child("flow"),
                            format!("unknown OAuth 2 flow {other:?} (implicit, password, application and accessCode are Swagger 2.0's)"),
                        ));
                    }
                };
                json!({ "type": "oauth2", "flows": flow })
            }
            other => {
                return Err(self.bundle.error_at(
                    at,
                    format!(
                        "security scheme type {other:?} is not supported (apiKey, basic and oauth2 are)"
                    ),
                ));
            }
        };
        if let (Some(description), Some(map)) = (def.get("description"), out.as_object_mut()) {
            map.insert("description".into(), description.clone());
        }
        Ok(out)
    }

    fn path_item(&self, at: &NodeId, consumes: &[String], produces: &[String]) -> Result<Value> {
        let item = self.object(at, "a path item")?;
        let mut out = Map::new();
        copy_extensions(&Value::Object(item.clone()), &mut out);
        let shared = self.parameters(&at.child("parameters"))?;
        if shared.body.is_some() || !shared.form.is_empty() {
            return Err(self.bundle.error_at(
                &at.child("parameters"),
                "a body or form parameter shared by a whole path is not supported; declare it per operation",
            ));
        }
        if !shared.plain.is_empty() {
            out.insert("parameters".into(), Value::Array(shared.plain));
        }
        for method in METHODS {
            if item.contains_key(method) {
                let op_at = at.child(method);
                out.insert(method.into(), self.operation(&op_at, consumes, produces)?);
            }
        }
        Ok(Value::Object(out))
    }

    fn operation(&self, at: &NodeId, consumes: &[String], produces: &[String]) -> Result<Value> {
        let op = self.object(at, "an operation")?;
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
        copy_extensions(&Value::Object(op.clone()), &mut out);
        let consumes = op
            .get("consumes")
            .map(|c| media_types(Some(c)))
            .unwrap_or_else(|| consumes.to_vec());
        let produces = op
            .get("produces")
            .map(|p| media_types(Some(p)))
            .unwrap_or_else(|| produces.to_vec());
        let params = self.parameters(&at.child("parameters"))?;
        out.insert("parameters".into(), Value::Array(params.plain));
        if let Some((body_at, body)) = params.body {
            if let Some((form_at, _)) = params.form.first() {
                return Err(self.bundle.error_at(
                    form_at,
                    "an operation takes a body parameter or `formData` parameters, not both",
                ));
            }
            let schema_at = body_at.child("schema");
            let mut media = Map::new();
            media.insert("schema".into(), detached(&schema_at));
            if body.pointer("/schema/example").is_some() {
                media.insert(
                    "x-codegen-example".into(),
                    json!(schema_at.child("example").token()),
                );
            }
            let mut content = Map::new();
            for mime in &consumes {
                content.insert(mime.clone(), Value::Object(media.clone()));
            }
            let mut request = Map::new();
            request.insert("content".into(), Value::Object(content));
            request.insert(
                "required".into(),
                json!(body.get("required").and_then(Value::as_bool) == Some(true)),
            );
            if let Some(description) = body.get("description") {
                request.insert("description".into(), description.clone());
            }
            request.insert("x-codegen-source".into(), json!(body_at.token()));
            out.insert("requestBody".into(), Value::Object(request));
        } else if let Some((form_at, _)) = params.form.first() {
            // A form is carried as the bytes sent: `content` names the media types the
            // operation consumes, and no schema (the fields are the parameters).
            let mut mimes: Vec<&str> = consumes
                .iter()
                .map(String::as_str)
                .filter(|m| FORM_TYPES.contains(m))
                .collect();
            if mimes.is_empty() {
                let files = params
                    .form
                    .iter()
                    .any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
                mimes.push(if files { FORM_TYPES[1] } else { FORM_TYPES[0] });
            }
            let content: Map<String, Value> = mimes
                .into_iter()
                .map(|mime| (mime.to_string(), json!({})))
                .collect();
            let required = params
                .form
                .iter()
                .any(|(_, p)| p.get("required").and_then(Value::as_bool) == Some(true));
            out.insert(
                "requestBody".into(),
                json!({
                    "content": content,
                    "required": required,
                    "x-codegen-source": form_at.token(),
                }),
            );
        }
        let mut responses = Map::new();
        let responses_at = at.child("responses");
        let listed = self.object(&responses_at, "`responses`")?;
        for status in listed.keys() {
            if status.starts_with("x-") {
                continue;
            }
            let response_at = self.bundle.follow(&responses_at.child(status))?;
            responses.insert(status.clone(), self.response(&response_at, &produces)?);
        }
        out.insert("responses".into(), Value::Object(responses));
        Ok(Value::Object(out))
    }

    fn response(&self, at: &NodeId, produces: &[String]) -> Result<Value> {
        let response = self.object(at, "a response")?;
        let mut out = Map::new();
        out.insert(
            "description".into(),
            response
                .get("description")
                .cloned()
                .unwrap_or_else(|| json!("")),
        );
        copy_extensions(&Value::Object(response.clone()), &mut out);
        out.insert("x-codegen-source".into(), json!(at.token()));
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
                    media.insert("schema".into(), detached(&at.child("schema")));
                }
                if examples.is_some_and(|e| e.contains_key(&mime)) {
                    let example_at = at.child("examples").child(&mime);
                    media.insert("x-codegen-example".into(), json!(example_at.token()));
                }
                content.insert(mime, Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
        }
        Ok(Value::Object(out))
    }

    /// The parameters listed at `at` (each may be a `$ref`), sorted by kind.
    fn parameters(&self, at: &NodeId) -> Result<Parameters> {
        let mut out = Parameters::default();
        let count = match self.bundle.get(at) {
            None => 0,
            Some(Value::Array(items)) => items.len(),
            Some(_) => {
                return Err(self.bundle.error_at(at, "`parameters` must be a list"));
            }
        };
        for index in 0..count {
            let param_at = self.bundle.follow(&at.child(&index.to_string()))?;
            let param = Value::Object(self.object(&param_at, "a parameter")?);
            match param.get("in").and_then(Value::as_str) {
                Some("body") => {
                    if out.body.is_some() {
                        return Err(self
                            .bundle
                            .error_at(&param_at, "more than one body parameter"));
                    }
                    out.body = Some((param_at, param));
                }
                Some("formData") => out.form.push((param_at, param)),
                Some(location @ ("path" | "query" | "header")) => {
                    let mut converted = Map::new();
                    converted.insert(
                        "name".into(),
                        param.get("name").cloned().unwrap_or(Value::Null),
                    );
                    converted.insert("in".into(), json!(location));
                    let required = location == "path"
                        || param.get("required").and_then(Value::as_bool) == Some(true);
                    converted.insert("required".into(), json!(required));
                    if let Some(description) = param.get("description") {
                        converted.insert("description".into(), description.clone());
                    }
                    if let Some(example) = param.get("x-example") {
                        converted.insert("example".into(), example.clone());
                    }
                    // The parameter object itself carries `type`, `format`, `enum`, `items`:
                    // it reads as a schema where it stands.
                    converted.insert("schema".into(), detached(&param_at));
                    converted.insert("x-codegen-source".into(), json!(param_at.token()));
                    out.plain.push(Value::Object(converted));
                }
                other => {
                    let location = other
                        .map(|o| format!("`{o}`"))
                        .unwrap_or_else(|| "no location (`in`)".into());
                    return Err(self.bundle.error_at(
                        &param_at,
                        format!("parameters in {location} are not supported (path, query, header, body and formData are)"),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// OpenAPI 3.0 input: every `$ref` to a path item, parameter, request body, response
    /// or security scheme followed, schemas detached; everything else as written.
    fn detach_openapi3(&self, root: &NodeId, doc: &Value) -> Result<Value> {
        let mut out = doc.clone();
        let Some(map) = out.as_object_mut() else {
            return Ok(out);
        };
        let mut paths = Map::new();
        let listed = self.object(&root.child("paths"), "`paths`")?;
        for (key, value) in &listed {
            if key.starts_with("x-") {
                paths.insert(key.clone(), value.clone());
                continue;
            }
            let item_at = self.bundle.follow(&root.child("paths").child(key))?;
            paths.insert(key.clone(), self.detach_path_item(&item_at)?);
        }
        map.insert("paths".into(), Value::Object(paths));
        let schemes_at = root.child("components").child("securitySchemes");
        let schemes = self.object(&schemes_at, "`securitySchemes`")?;
        if !schemes.is_empty() {
            let mut followed = Map::new();
            for name in schemes.keys() {
                let at = self.bundle.follow(&schemes_at.child(name))?;
                followed.insert(
                    name.clone(),
                    Value::Object(self.object(&at, "a security scheme")?),
                );
            }
            if let Some(Value::Object(components)) = map.get_mut("components") {
                components.insert("securitySchemes".into(), Value::Object(followed));
            }
        }
        Ok(out)
    }

    fn detach_path_item(&self, at: &NodeId) -> Result<Value> {
        let mut item = self.object(at, "a path item")?;
        if item.contains_key("parameters") {
            let params = self.detach_parameters(&at.child("parameters"))?;
            item.insert("parameters".into(), Value::Array(params));
        }
        for method in METHODS {
            if !item.contains_key(method) {
                continue;
            }
            let op_at = at.child(method);
            let mut op = self.object(&op_at, "an operation")?;
            if op.contains_key("parameters") {
                let params = self.detach_parameters(&op_at.child("parameters"))?;
                op.insert("parameters".into(), Value::Array(params));
            }
            if op.contains_key("requestBody") {
                let body_at = self.bundle.follow(&op_at.child("requestBody"))?;
                let body = self.detach_owner(&body_at, "a request body")?;
                op.insert("requestBody".into(), body);
            }
            let responses_at = op_at.child("responses");
            let listed = self.object(&responses_at, "`responses`")?;
            let mut responses = Map::new();
            for (status, value) in &listed {
                if status.starts_with("x-") {
                    responses.insert(status.clone(), value.clone());
                    continue;
                }
                let response_at = self.bundle.follow(&responses_at.child(status))?;
                let mut response = self.detach_owner(&response_at, "a response")?;
                if let Some(response) = response.as_object_mut() {
                    response.entry("description").or_insert_with(|| json!(""));
                }
                responses.insert(status.clone(), response);
            }
            op.insert("responses".into(), Value::Object(responses));
            item.insert(method.into(), Value::Object(op));
        }
        Ok(Value::Object(item))
    }

    fn detach_parameters(&self, at: &NodeId) -> Result<Vec<Value>> {
        let count = match self.bundle.get(at) {
            Some(Value::Array(items)) => items.len(),
            _ => return Err(self.bundle.error_at(at, "`parameters` must be a list")),
        };
        let mut out = Vec::with_capacity(count);
        for index in 0..count {
            let param_at = self.bundle.follow(&at.child(&index.to_string()))?;
            let mut param = self.object(&param_at, "a parameter")?;
            if param.contains_key("schema") {
                param.insert("schema".into(), detached(&param_at.child("schema")));
            }
            param.insert("x-codegen-source".into(), json!(param_at.token()));
            out.push(Value::Object(param));
        }
        Ok(out)
    }

    /// A request body or response with its media types' schemas detached and its place
    /// and examples recorded.
    fn detach_owner(&self, at: &NodeId, what: &str) -> Result<Value> {
        let mut owner = self.object(at, what)?;
        owner.insert("x-codegen-source".into(), json!(at.token()));
        if let Some(Value::Object(content)) = owner.get_mut("content") {
            for (mime, media) in content.iter_mut() {
                let media_at = at.child("content").child(mime);
                let Some(media) = media.as_object_mut() else {
                    continue;
                };
                if media.contains_key("schema") {
                    media.insert("schema".into(), detached(&media_at.child("schema")));
                }
                if let Some(example_at) = self.media_example(&media_at, media)? {
                    media.insert("x-codegen-example".into(), json!(example_at.token()));
                }
            }
        }
        Ok(Value::Object(owner))
    }

    /// Where a media type's example is written: `example`, or else the first of
    /// `examples` that has a `value`.
    fn media_example(&self, at: &NodeId, media: &Map<String, Value>) -> Result<Option<NodeId>> {
        if media.contains_key("example") {
            return Ok(Some(at.child("example")));
        }
        let Some(Value::Object(examples)) = media.get("examples") else {
            return Ok(None);
        };
        for name in examples.keys() {
            let example_at = self.bundle.follow(&at.child("examples").child(name))?;
            if self.bundle.get(&example_at.child("value")).is_some() {
                return Ok(Some(example_at.child("value")));
            }
        }
        Ok(None)
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
