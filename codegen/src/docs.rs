//! Text outputs rendered with askama from the same model: the API reference
//! (`API.md` and `api.html`) and the generated crate's `Cargo.toml`.

use askama::Template;

use crate::error::{Error, Result};
use crate::model::{Model, ParamLocation, TypeRef};
use crate::{Input, OutputFile};

/// One operation as the reference shows it.
pub struct OperationView {
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub trait_method: String,
    pub summary: String,
    pub description: String,
    pub aliases: Vec<String>,
    pub canonical_link: String,
    pub shares_route: Vec<String>,
    pub secured: bool,
    pub params: Vec<ParamView>,
    pub body: Option<BodyView>,
    pub responses: Vec<ResponseView>,
}

pub struct ParamView {
    pub name: String,
    pub location: &'static str,
    pub ty: String,
    pub required: bool,
    pub description: String,
}

pub struct BodyView {
    pub ty: String,
    pub required: bool,
    pub required_keys: String,
    pub example: String,
}

pub struct ResponseView {
    pub status: String,
    pub variant: String,
    pub ty: String,
    pub description: String,
    pub example: String,
}

pub struct ApiView {
    pub title: String,
    pub source: String,
    pub trait_name: String,
    pub operations: Vec<OperationView>,
}

#[derive(Template)]
#[template(path = "API.md", escape = "none")]
struct Markdown<'a> {
    header: &'a str,
    apis: &'a [ApiView],
    auth: String,
}

#[derive(Template)]
#[template(path = "api.html")]
struct Html<'a> {
    apis: &'a [ApiView],
    auth: String,
}

#[derive(Template)]
#[template(path = "Cargo.toml", escape = "none")]
struct Manifest<'a> {
    header: &'a str,
    name: &'a str,
    workspace_member: bool,
}

/// A type as a reader sees it: `String`, `Vec<StateEvent>`, `Map<String, Value>`.
pub fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".into(),
        TypeRef::Integer => "integer".into(),
        TypeRef::Number => "number".into(),
        TypeRef::Boolean => "boolean".into(),
        TypeRef::Any => "any JSON".into(),
        TypeRef::Object => "object".into(),
        TypeRef::Array(item) => format!("[{}]", type_name(item)),
        TypeRef::Map(value) => format!("{{string: {}}}", type_name(value)),
        TypeRef::Named { name, .. } => name.clone(),
        TypeRef::Nullable(inner) => format!("{} or null", type_name(inner)),
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn views(model: &Model) -> Vec<ApiView> {
    model
        .apis
        .iter()
        .map(|api| ApiView {
            title: api.title.clone(),
            source: api.source.clone(),
            trait_name: api.trait_name.clone(),
            operations: api
                .operations
                .iter()
                .map(|op| {
                    let shares_route = model
                        .routes
                        .iter()
                        .filter(|r| {
                            r.path == op.path && r.method == op.method && r.operations.len() > 1
                        })
                        .flat_map(|r| r.operations.iter())
                        .map(|&(a, o)| model.apis[a].operations[o].operation_id.clone())
                        .filter(|id| *id != op.operation_id)
                        .collect();
                    OperationView {
                        anchor: format!("{}-{}", api.module, op.name),
                        method: op.method.clone(),
                        path: op.path.clone(),
                        operation_id: op.operation_id.clone(),
                        trait_method: format!("{}::{}", api.trait_name, op.name),
                        summary: op.summary.clone().unwrap_or_default().trim().to_string(),
                        description: op
                            .description
                            .clone()
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                        aliases: op.aliases.clone(),
                        canonical_link: op.canonical_link.clone().unwrap_or_default(),
                        shares_route,
                        secured: op.secured,
                        params: op
                            .params
                            .iter()
                            .map(|p| ParamView {
                                name: p.wire_name.clone(),
                                location: match p.location {
                                    ParamLocation::Path => "path",
                                    ParamLocation::Query => "query",
                                    ParamLocation::Header => "header",
                                },
                                ty: type_name(&p.ty),
                                required: p.required,
                                description: p
                                    .description
                                    .clone()
                                    .unwrap_or_default()
                                    .replace('\n', " "),
                            })
                            .collect(),
                        body: op.body.as_ref().map(|b| BodyView {
                            ty: type_name(&b.ty),
                            required: b.required,
                            required_keys: b
                                .required_keys
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            example: b.example.as_ref().map(pretty).unwrap_or_default(),
                        }),
                        responses: op
                            .responses
                            .iter()
                            .map(|r| ResponseView {
                                status: r
                                    .status
                                    .map(|s| s.to_string())
                                    .unwrap_or_else(|| "default".into()),
                                variant: r.variant.clone(),
                                ty: r
                                    .ty
                                    .as_ref()
                                    .map(type_name)
                                    .unwrap_or_else(|| "(empty)".into()),
                                description: r.description.trim().replace('\n', " "),
                                example: r.example.as_ref().map(pretty).unwrap_or_default(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// `API.md`, `api.html` and `Cargo.toml`.
pub fn render(model: &Model, input: &Input) -> Result<Vec<OutputFile>> {
    let apis = views(model);
    let auth = match &model.security {
        Some(s) => format!(
            "Operations marked secured take the API key `{}` in the {}.",
            s.name,
            match s.location {
                ParamLocation::Header => "request headers",
                _ => "query string",
            }
        ),
        None => String::new(),
    };
    let header = format!(
        "Generated from {} by `cargo xtask regen`. Do not edit by hand.",
        input.spec_label
    );
    let fail = |e: askama::Error| Error::other(format!("internal error: template failed: {e}"));
    let markdown = Markdown {
        header: &header,
        apis: &apis,
        auth: auth.clone(),
    }
    .render()
    .map_err(fail)?;
    let html = Html { apis: &apis, auth }.render().map_err(fail)?;
    let manifest = Manifest {
        header: &header,
        name: &input.crate_name,
        workspace_member: input.workspace_member,
    }
    .render()
    .map_err(fail)?;
    let with_newline = |s: String| if s.ends_with('\n') { s } else { s + "\n" };
    Ok(vec![
        OutputFile {
            path: "API.md".into(),
            contents: with_newline(markdown),
        },
        OutputFile {
            path: "api.html".into(),
            contents: with_newline(format!("<!-- {header} -->\n{html}")),
        },
        OutputFile {
            path: "Cargo.toml".into(),
            contents: with_newline(manifest),
        },
    ])
}
