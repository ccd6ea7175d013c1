//! Text outputs rendered with askama from the model: the API reference (`API.md` and
//! `api.html`, from the same views) and the generated crate's `Cargo.toml`.
//!
//! The reference is written for a client author. Each operation shows its parameters, its
//! request body as a table of fields, and every answer it documents with its body, example and
//! any note the spec gives on the example (`x-example-note`). Types an operation declares are
//! shown with it; shared types have a section each, linking back to the operations that use
//! them. Every operation and type has an anchor, the table of contents links them all, and
//! spec prose is rendered by [`prose`].
//!
//! Anchors: `api-<module>` for an API file, `op-<module>-<operation>` for an operation,
//! `type-<Name>` for a shared type and `type-<module>-<operation>-<Name>` for a type one
//! operation declares. Names are Rust identifiers, so anchors need no escaping and cannot
//! collide across the four kinds.

mod prose;

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use crate::error::{Error, Result};
use crate::model::{Media, Model, Operation, ParamLocation, Scope, TypeDef, TypeKind, TypeRef};
use crate::{Input, OutputFile};
use prose::{Prose, escape_html, markdown_code_block, markdown_text};

/// A piece of the reference rendered for each output.
#[derive(Debug, Clone, Default)]
pub struct Rich {
    pub md: String,
    pub html: String,
}

impl Rich {
    fn blocks(prose: &Prose) -> Rich {
        Rich {
            md: prose.markdown(),
            html: prose.html(),
        }
    }

    fn inline(prose: &Prose) -> Rich {
        Rich {
            md: prose.markdown_inline(),
            html: prose.html_inline(),
        }
    }

    fn cell(prose: &Prose) -> Rich {
        Rich {
            md: prose.markdown_cell(),
            html: prose.html_inline(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.md.is_empty()
    }

    /// A value from the spec shown as code.
    fn code(text: &str) -> Rich {
        let prose = Prose::code(text);
        Rich {
            md: prose.markdown_cell(),
            html: prose.html_inline(),
        }
    }

    /// A JSON example as a code block.
    fn example(value: Option<&serde_json::Value>) -> Rich {
        let Some(value) = value else {
            return Rich::default();
        };
        let json = serde_json::to_string_pretty(value).unwrap_or_default();
        Rich {
            md: markdown_code_block(&json, "json"),
            html: format!("<pre><code>{}</code></pre>", escape_html(&json)),
        }
    }

    fn push(&mut self, other: Rich) {
        if !self.is_empty() && !other.is_empty() {
            self.md.push(' ');
            self.html.push(' ');
        }
        self.md.push_str(&other.md);
        self.html.push_str(&other.html);
    }
}

/// A link within the page.
#[derive(Debug, Clone)]
pub struct Ref {
    pub label: String,
    pub anchor: String,
}

pub struct ApiView {
    pub anchor: String,
    pub title: String,
    pub title_md: String,
    pub source: String,
    pub trait_name: String,
    pub operations: Vec<OperationView>,
}

pub struct OperationView {
    pub anchor: String,
    pub method: String,
    pub path: String,
    /// The path escaped, with a line-break opportunity after each `/` (a narrow screen
    /// breaks a long path between segments).
    pub path_html: String,
    pub operation_id: String,
    pub trait_method: String,
    pub summary: Rich,
    pub description: Rich,
    /// The credentials the operation needs and where it takes them; empty when none.
    pub auth: Rich,
    pub aliases: Vec<String>,
    pub canonical_link: String,
    pub shares_route: Vec<Ref>,
    /// The body's required fields, which tell operations sharing a route apart.
    pub required_keys: Vec<Rich>,
    pub params: Vec<Row>,
    pub body: Option<PayloadView>,
    pub responses: Vec<ResponseView>,
    /// Types the operation declares that are not shown at its body or a response.
    pub types: Vec<TypeView>,
}

/// A parameter (`location` set) or a field of an object type.
pub struct Row {
    pub name: Rich,
    pub location: &'static str,
    pub ty: Rich,
    pub required: bool,
    pub description: Rich,
}

/// A request or response body.
pub struct PayloadView {
    pub ty: Rich,
    pub required: bool,
    pub description: Rich,
    /// The body's type, shown right here when this operation declares it.
    pub shape: Option<TypeView>,
    pub example: Rich,
    /// The spec's note on the example, set apart (a quote; an HTML `note`).
    pub note: Rich,
}

pub struct ResponseView {
    pub status: String,
    pub variant: String,
    /// The description for the responses' table (HTML).
    pub description_cell: Rich,
    /// The whole answer as a Markdown list item (a table cell could hold no list).
    pub item_md: String,
    /// `None` when the answer has no body.
    pub body: Option<PayloadView>,
}

pub struct TypeView {
    pub anchor: String,
    pub name: String,
    pub doc: Rich,
    /// An object's fields (empty for an enum).
    pub fields: Vec<Row>,
    /// An enum's values, as sent on the wire.
    pub values: Vec<Rich>,
    pub is_enum: bool,
    /// Operations using a shared type, directly or through other types.
    pub used_by: Vec<Ref>,
    pub examples: Vec<Rich>,
}

#[derive(Template)]
#[template(path = "API.md", escape = "none")]
struct Markdown<'a> {
    header: &'a str,
    apis: &'a [ApiView],
    types: &'a [TypeView],
    auth: &'a Rich,
}

#[derive(Template)]
#[template(path = "api.html")]
struct Html<'a> {
    apis: &'a [ApiView],
    types: &'a [TypeView],
    auth: &'a Rich,
}

#[derive(Template)]
#[template(path = "Cargo.toml", escape = "none")]
struct Manifest<'a> {
    header: &'a str,
    name: &'a str,
    workspace_member: bool,
}

fn api_anchor(module: &str) -> String {
    format!("api-{module}")
}

fn operation_anchor(module: &str, operation: &str) -> String {
    format!("op-{module}-{operation}")
}

fn type_anchor(scope: &Scope, name: &str) -> String {
    match scope {
        Scope::Shared => format!("type-{name}"),
        Scope::Operation { api, operation } => format!("type-{api}-{operation}-{name}"),
    }
}

/// What the views are built from: the model, with its types and operations indexed.
struct Reference<'m> {
    model: &'m Model,
    types: BTreeMap<(Scope, &'m str), &'m TypeDef>,
    /// Substitution names (`operationId`, and the path without its leading `/`) to the
    /// operation's anchor; the first operation to claim a name keeps it.
    operations: BTreeMap<String, String>,
}

impl<'m> Reference<'m> {
    fn new(model: &'m Model) -> Self {
        let mut types = BTreeMap::new();
        for def in &model.shared_types {
            types.insert((Scope::Shared, def.name.as_str()), def);
        }
        let mut operations = BTreeMap::new();
        for api in &model.apis {
            for op in &api.operations {
                let scope = op_scope(&api.module, op);
                for def in &op.types {
                    types.insert((scope.clone(), def.name.as_str()), def);
                }
                let anchor = operation_anchor(&api.module, &op.name);
                let path = op.spec_path.trim().trim_start_matches('/').to_string();
                for name in [op.operation_id.clone(), path] {
                    operations.entry(name).or_insert_with(|| anchor.clone());
                }
            }
        }
        Reference {
            model,
            types,
            operations,
        }
    }

    fn prose(&self, text: &str) -> Prose {
        Prose::parse(text, &|name| self.operations.get(name).cloned())
    }

    fn def(&self, ty: &TypeRef) -> Option<(&'m TypeDef, Scope)> {
        match ty {
            TypeRef::Named { scope, name } => self
                .types
                .get(&(scope.clone(), name.as_str()))
                .map(|def| (*def, scope.clone())),
            TypeRef::Nullable(inner) => self.def(inner),
            _ => None,
        }
    }

    /// A type as a reader sees it, named types linked: `string`, `array of Pet`.
    fn type_rich(&self, ty: &TypeRef) -> Rich {
        let plain = |text: &str| Rich {
            md: text.to_string(),
            html: text.to_string(),
        };
        match ty {
            TypeRef::String => plain("string"),
            TypeRef::Integer => plain("integer"),
            TypeRef::Number => plain("number"),
            TypeRef::Boolean => plain("boolean"),
            TypeRef::Any => plain("any JSON"),
            TypeRef::Object => plain("object"),
            TypeRef::Array(item) => {
                let mut out = plain("array of");
                out.push(self.type_rich(item));
                out
            }
            TypeRef::Map(value) => {
                let mut out = plain("map from string to");
                out.push(self.type_rich(value));
                out
            }
            TypeRef::Nullable(inner) => {
                let mut out = self.type_rich(inner);
                out.push(plain("or null"));
                out
            }
            TypeRef::Named { scope, name } => {
                if let Some(value) = self.def(ty).and_then(|(def, _)| constant(def)) {
                    let mut out = plain("string");
                    out.push(Rich::code(value));
                    return out;
                }
                let anchor = type_anchor(scope, name);
                Rich {
                    md: format!("[`{name}`](#{anchor})"),
                    html: format!("<a href=\"#{anchor}\"><code>{name}</code></a>"),
                }
            }
        }
    }

    fn type_view(&self, def: &TypeDef, scope: &Scope) -> TypeView {
        let (fields, values, is_enum) = match &def.kind {
            TypeKind::Struct { fields, .. } => (
                fields
                    .iter()
                    .map(|f| Row {
                        name: Rich::code(&f.wire_name),
                        location: "",
                        ty: self.type_rich(&f.ty),
                        required: f.required,
                        description: Rich::cell(&self.prose(f.doc.as_deref().unwrap_or(""))),
                    })
                    .collect(),
                Vec::new(),
                false,
            ),
            TypeKind::Enum { variants } => (
                Vec::new(),
                variants.iter().map(|v| Rich::code(&v.wire_name)).collect(),
                true,
            ),
        };
        TypeView {
            anchor: type_anchor(scope, &def.name),
            name: def.name.clone(),
            doc: Rich::blocks(&self.prose(def.doc.as_deref().unwrap_or(""))),
            fields,
            values,
            is_enum,
            used_by: Vec::new(),
            examples: Vec::new(),
        }
    }

    /// Every named type `ty` leads to (itself, its fields' types, theirs…), each once, in
    /// order of first appearance.
    fn reachable(&self, ty: &TypeRef, seen: &mut Vec<(Scope, String)>) {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.reachable(inner, seen)
            }
            TypeRef::Named { scope, name } => {
                let key = (scope.clone(), name.clone());
                if seen.contains(&key) {
                    return;
                }
                seen.push(key);
                if let Some((def, _)) = self.def(ty)
                    && let TypeKind::Struct { fields, .. } = &def.kind
                {
                    for field in fields {
                        self.reachable(&field.ty, seen);
                    }
                }
            }
            _ => {}
        }
    }

    /// The types an operation uses, in order: parameters, body, responses.
    fn used_types(&self, op: &Operation) -> Vec<(Scope, String)> {
        let mut seen = Vec::new();
        for param in &op.params {
            self.reachable(&param.ty, &mut seen);
        }
        if let Some(body) = &op.body {
            self.reachable(&body.ty, &mut seen);
        }
        for response in &op.responses {
            if let Some(ty) = &response.ty {
                self.reachable(ty, &mut seen);
            }
        }
        seen
    }

    /// A note on an example, labelled and set apart from the prose around it.
    fn note(&self, note: &str) -> Rich {
        let prose = self.prose(&format!("**Note on this example:** {}", note.trim()));
        let quoted: Vec<String> = prose
            .markdown()
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".into()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        Rich {
            md: quoted.join("\n"),
            html: format!("<div class=\"note\">\n{}\n</div>", prose.html()),
        }
    }

    /// A body's type as a reader sees it: its JSON type, or bytes of its media type.
    fn body_rich(&self, ty: &TypeRef, media: &Media) -> Rich {
        match media {
            Media::Json => self.type_rich(ty),
            Media::Binary { content_type } => {
                let mut out = Rich {
                    md: "bytes of".to_string(),
                    html: "bytes of".to_string(),
                };
                out.push(Rich::code(content_type));
                out
            }
        }
    }

    /// A body; its type is shown right here when `placed` is given, the operation declares
    /// the type and it is not shown already.
    fn payload(
        &self,
        (ty, media): (&TypeRef, &Media),
        scope: &Scope,
        placed: Option<&mut BTreeSet<String>>,
        example: Option<&serde_json::Value>,
        note: Option<&str>,
    ) -> PayloadView {
        let shape = match (self.def(ty), placed) {
            (Some((def, def_scope)), Some(placed)) if def_scope == *scope => placed
                .insert(def.name.clone())
                .then(|| self.type_view(def, scope)),
            _ => None,
        };
        PayloadView {
            ty: self.body_rich(ty, media),
            required: true,
            description: Rich::default(),
            shape,
            example: Rich::example(example),
            note: note.map(|n| self.note(n)).unwrap_or_default(),
        }
    }

    fn operation(&self, module: &str, trait_name: &str, op: &Operation) -> OperationView {
        let scope = op_scope(module, op);
        let shares_route = self
            .model
            .routes
            .iter()
            .filter(|r| r.path == op.path && r.method == op.method && r.operations.len() > 1)
            .flat_map(|r| r.operations.iter())
            .map(|&(a, o)| (&self.model.apis[a], &self.model.apis[a].operations[o]))
            .filter(|(_, other)| other.operation_id != op.operation_id)
            .map(|(api, other)| Ref {
                label: other.operation_id.clone(),
                anchor: operation_anchor(&api.module, &other.name),
            })
            .collect();
        let params = op
            .params
            .iter()
            .map(|p| {
                let mut description =
                    Rich::cell(&self.prose(p.description.as_deref().unwrap_or("")));
                if let Some(example) = &p.example {
                    let shown = match example {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let code = Prose::code(&shown);
                    description.push(Rich {
                        md: format!("Example: {}.", code.markdown_cell()),
                        html: format!("Example: {}.", code.html_inline()),
                    });
                }
                Row {
                    name: Rich::code(&p.wire_name),
                    location: match p.location {
                        ParamLocation::Path => "path",
                        ParamLocation::Query => "query",
                        ParamLocation::Header => "header",
                    },
                    ty: self.type_rich(&p.ty),
                    required: p.required,
                    description,
                }
            })
            .collect();
        let mut placed = BTreeSet::new();
        let body = op.body.as_ref().map(|b| {
            let mut view = self.payload(
                (&b.ty, &b.media),
                &scope,
                Some(&mut placed),
                b.example.as_ref(),
                b.example_note.as_deref(),
            );
            view.required = b.required;
            view.description = Rich::blocks(&self.prose(b.description.as_deref().unwrap_or("")));
            view
        });
        let responses = op
            .responses
            .iter()
            .map(|r| {
                let status = r
                    .status
                    .map_or_else(|| "default".to_string(), |s| s.to_string());
                let description = self.prose(&r.description);
                let body = match &r.ty {
                    Some(ty) => self.body_rich(ty, &r.media).md,
                    None => "no body".to_string(),
                };
                let sep = if description.is_empty() { "." } else { ":" };
                let lead = format!("**{status}** `{}`, {body}{sep}", r.variant);
                ResponseView {
                    status,
                    variant: r.variant.clone(),
                    description_cell: Rich::cell(&description),
                    item_md: description.markdown_item(&lead),
                    // A response's own type is shown with the operation's other types: the
                    // responses are one table.
                    body: r.ty.as_ref().map(|ty| {
                        self.payload(
                            (ty, &r.media),
                            &scope,
                            None,
                            r.example.as_ref(),
                            r.example_note.as_deref(),
                        )
                    }),
                }
            })
            .collect();
        // The rest of the operation's types, in the order the operation leads to them.
        let mut order: Vec<&TypeDef> = Vec::new();
        for (type_scope, name) in self.used_types(op) {
            if type_scope == scope
                && !placed.contains(&name)
                && let Some(def) = op.types.iter().find(|d| d.name == name)
            {
                order.push(def);
            }
        }
        for def in &op.types {
            if !placed.contains(&def.name) && !order.iter().any(|d| d.name == def.name) {
                order.push(def);
            }
        }
        order.retain(|def| constant(def).is_none());
        let auth = match (&self.model.security, op.secured) {
            (Some(security), true) if op.takes_api_key => {
                let place = match security.location {
                    ParamLocation::Header => "header",
                    _ => "query",
                };
                let name = Rich::code(&security.name);
                Rich {
                    md: format!("Needs the API key {} ({place}).", name.md),
                    html: format!("Needs the API key {} ({place}).", name.html),
                }
            }
            (_, true) => Rich {
                md: "Needs credentials, sent in the request headers.".to_string(),
                html: "Needs credentials, sent in the request headers.".to_string(),
            },
            _ => Rich::default(),
        };
        OperationView {
            anchor: operation_anchor(module, &op.name),
            method: op.method.clone(),
            path: op.path.clone(),
            path_html: escape_html(&op.path).replace('/', "/<wbr>"),
            operation_id: op.operation_id.clone(),
            trait_method: format!("{trait_name}::{}", op.name),
            summary: Rich::inline(&self.prose(op.summary.as_deref().unwrap_or(""))),
            description: Rich::blocks(&self.prose(op.description.as_deref().unwrap_or(""))),
            auth,
            aliases: op.aliases.clone(),
            canonical_link: op.canonical_link.clone().unwrap_or_default(),
            shares_route,
            required_keys: op
                .body
                .iter()
                .flat_map(|b| &b.required_keys)
                .map(|k| Rich::code(k))
                .collect(),
            params,
            body,
            responses,
            types: order
                .into_iter()
                .map(|def| self.type_view(def, &scope))
                .collect(),
        }
    }

    fn views(&self) -> (Vec<ApiView>, Vec<TypeView>) {
        let mut used_by: BTreeMap<String, Vec<Ref>> = BTreeMap::new();
        let apis = self
            .model
            .apis
            .iter()
            .map(|api| ApiView {
                anchor: api_anchor(&api.module),
                title: api.title.clone(),
                title_md: markdown_text(&api.title),
                source: api.source.clone(),
                trait_name: api.trait_name.clone(),
                operations: api
                    .operations
                    .iter()
                    .map(|op| {
                        for (scope, name) in self.used_types(op) {
                            if scope == Scope::Shared {
                                used_by.entry(name).or_default().push(Ref {
                                    label: op.operation_id.clone(),
                                    anchor: operation_anchor(&api.module, &op.name),
                                });
                            }
                        }
                        self.operation(&api.module, &api.trait_name, op)
                    })
                    .collect(),
            })
            .collect();
        let types = self
            .model
            .shared_types
            .iter()
            .filter(|def| constant(def).is_none())
            .map(|def| {
                let mut view = self.type_view(def, &Scope::Shared);
                view.used_by = used_by.remove(&def.name).unwrap_or_default();
                let named = TypeRef::Named {
                    scope: Scope::Shared,
                    name: def.name.clone(),
                };
                for example in self.model.examples.iter().filter(|e| e.ty == named) {
                    let shown = Rich::example(Some(&example.json));
                    if !view.examples.iter().any(|e| e.md == shown.md) {
                        view.examples.push(shown);
                    }
                }
                view
            })
            .collect();
        (apis, types)
    }
}

/// The one value of an enum that has one (`type: m.room.member`): a constant, shown where
/// it is used rather than as a type of its own.
fn constant(def: &TypeDef) -> Option<&str> {
    match &def.kind {
        TypeKind::Enum { variants } if variants.len() == 1 => Some(&variants[0].wire_name),
        _ => None,
    }
}

fn op_scope(module: &str, op: &Operation) -> Scope {
    Scope::Operation {
        api: module.to_string(),
        operation: op.name.clone(),
    }
}

/// `API.md`, `api.html` and `Cargo.toml`.
pub fn render(model: &Model, input: &Input) -> Result<Vec<OutputFile>> {
    let reference = Reference::new(model);
    let (apis, types) = reference.views();
    let auth = match &model.security {
        Some(s) => {
            let (name, place) = (
                &s.name,
                match s.location {
                    ParamLocation::Header => "request header",
                    _ => "query parameter",
                },
            );
            Rich {
                md: format!("Operations that need the API key take it as the {place} `{name}`."),
                html: format!(
                    "Operations that need the API key take it as the {place} <code>{}</code>.",
                    escape_html(name)
                ),
            }
        }
        None => Rich::default(),
    };
    let header = format!(
        "Generated from {} by `cargo xtask regen`. Do not edit by hand.",
        input.spec_label
    );
    let fail = |e: askama::Error| Error::other(format!("internal error: template failed: {e}"));
    let markdown = Markdown {
        header: &header,
        apis: &apis,
        types: &types,
        auth: &auth,
    }
    .render()
    .map_err(fail)?;
    let html = Html {
        apis: &apis,
        types: &types,
        auth: &auth,
    }
    .render()
    .map_err(fail)?;
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
            contents: with_newline(tidy(&markdown, false)),
        },
        OutputFile {
            path: "api.html".into(),
            contents: with_newline(format!("<!-- {header} -->\n{}", tidy(&html, true))),
        },
        OutputFile {
            path: "Cargo.toml".into(),
            contents: with_newline(manifest),
        },
    ])
}

/// Template output without trailing spaces or runs of blank lines, which the templates'
/// conditionals leave behind; code blocks (Markdown fences, HTML `<pre>`) are kept as they are.
fn tidy(text: &str, html: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut verbatim = false;
    for line in text.lines() {
        let opens = if html {
            line.contains("<pre") && !line.contains("</pre>")
        } else {
            line.trim_start().starts_with("```")
        };
        let closes = if html {
            verbatim && line.contains("</pre>")
        } else {
            verbatim && opens
        };
        if verbatim && !closes {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        verbatim = if closes { false } else { opens };
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
}
