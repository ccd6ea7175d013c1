//! The intermediate model: everything the emitters need, with Rust names resolved and every
//! collection in a deterministic order. Emitters read only this.

use serde_json::Value;

/// The whole generated crate.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// One per API file, sorted by file name.
    pub apis: Vec<Api>,
    /// HTTP routes: operations sharing a method and path (after trimming) are one route.
    pub routes: Vec<Route>,
    /// Types named by schemas outside any one operation (files and `definitions`).
    pub shared_types: Vec<TypeDef>,
    /// Where a request carries credentials, if any operation is secured.
    pub security: Option<Security>,
    /// Every example the spec gives, to be round-tripped through its type.
    pub examples: Vec<Example>,
    /// Some path has a segment that starts with `:` or `*`, meant literally; axum refuses
    /// such paths unless told it is not a leftover of its old syntax.
    pub literal_segments: bool,
}

#[derive(Debug, Clone)]
pub struct Api {
    /// Rust module name (from the file name).
    pub module: String,
    /// Trait name, e.g. `MembershipApi`.
    pub trait_name: String,
    /// The spec file, relative to the spec folder.
    pub source: String,
    pub title: String,
    pub base_path: String,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// Module and trait-method name (snake case).
    pub name: String,
    /// The name as the spec (or overlay) gave it, e.g. `joinRoom`.
    pub operation_id: String,
    pub method: String,
    /// The full route path in axum syntax, base path included.
    pub path: String,
    /// The path key as the spec wrote it (whitespace included).
    pub spec_path: String,
    /// Further full paths that route to the same handler (`x-alias`).
    pub aliases: Vec<String>,
    pub canonical_link: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<ResponseVariant>,
    pub secured: bool,
    /// Secured, and some alternative of its security requirements names the spec's apiKey
    /// scheme (`Model::security`): the API reference says it takes that key.
    pub takes_api_key: bool,
    /// The success may be answered with JSON the implementation already serialized
    /// (`x-prepared-json`): `Response` is `runtime::Prepared<T>`, for answers too large to
    /// build as values on the async workers.
    pub prepared_json: bool,
    /// Types declared inline in this operation.
    pub types: Vec<TypeDef>,
    /// Where the operation is written, for messages.
    pub node: crate::load::NodeId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub wire_name: String,
    pub field: String,
    /// The local variable `Request::from_parts` decodes it into.
    pub binding: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// The value used when the parameter is absent (a path parameter left out by an alias).
    pub default: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Body {
    /// The JSON type; for a binary body, `String`.
    pub ty: TypeRef,
    pub media: Media,
    pub required: bool,
    /// Keys the body object must have; the router tells operations sharing a route apart
    /// by them.
    pub required_keys: Vec<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// An optional body that is not a JSON object (or not JSON at all) is read as no body
    /// (`x-ignore-invalid-body`), for clients that send `null` or junk where nothing is meant.
    pub invalid_is_absent: bool,
    /// A note shown with the example in the API reference (`x-example-note`), e.g. where
    /// the example differs from what an implementation accepts.
    pub example_note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ResponseVariant {
    /// `None` for the `default` response.
    pub status: Option<u16>,
    pub variant: String,
    /// The body's type; `None` when the spec documents no body (an empty answer). For a
    /// binary body, `String`.
    pub ty: Option<TypeRef>,
    pub media: Media,
    pub description: String,
    pub example: Option<Value>,
    /// As [`Body::example_note`].
    pub example_note: Option<String>,
}

/// How a body travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// JSON, decoded into the body's type.
    Json,
    /// Bytes as sent (a file, an image, a form), with the media type the spec documents.
    Binary { content_type: String },
}

#[derive(Debug, Clone)]
pub struct Route {
    pub method: String,
    /// The path as the spec writes it (base path included).
    pub path: String,
    pub aliases: Vec<String>,
    /// The router's handler function.
    pub handler: String,
    /// `path` and then each alias as axum is given them: a parameter at a place where
    /// another route has one is named as that route names it (axum takes one name per
    /// place).
    pub routed: Vec<String>,
    /// Captures to rename before decoding: (name in `routed`, name in the spec).
    pub renames: Vec<(String, String)>,
    /// `(api index, operation index)`, in the order forms are tried.
    pub operations: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Security {
    /// The scheme's name in the spec.
    pub scheme: String,
    pub location: ParamLocation,
    /// The query parameter or header carrying the key.
    pub name: String,
}

/// A reference to a Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Any,
    /// An object whose keys are not described: `serde_json::Map`.
    Object,
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// A generated type: where it lives and its name.
    Named {
        scope: Scope,
        name: String,
    },
    /// `null` allowed.
    Nullable(Box<TypeRef>),
}

/// Where a named type is declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// `crate::schemas`.
    Shared,
    /// `crate::<api>::<operation>`.
    Operation { api: String, operation: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// `file#pointer` of the schema, for messages.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// The field that keeps keys the schema does not name (JSON Schema allows them by
        /// default), unless `additionalProperties: false` closes the object.
        unknown: Option<String>,
    },
    Enum {
        variants: Vec<EnumVariant>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
    /// The field holds its own struct (a recursive type): `Box`ed.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub wire_name: String,
    pub rust_name: String,
}

/// A JSON example from the spec, checked against its type by a generated test.
#[derive(Debug, Clone)]
pub struct Example {
    /// A test function name.
    pub test_name: String,
    pub ty: TypeRef,
    pub json: Value,
    /// `file:line` of the example, for the test's message.
    pub location: String,
}
