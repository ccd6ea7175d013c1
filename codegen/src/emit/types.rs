//! Struct and enum declarations for named schema types, and Rust spellings of type refs.

use proc_macro2::TokenStream;
use std::collections::BTreeMap;

use quote::{format_ident, quote};

use super::comments;
use crate::model::{Field, Model, Scope, TypeDef, TypeKind, TypeRef};

/// How `ty` is spelled from inside `here`.
pub fn type_tokens(ty: &TypeRef, here: &Scope) -> TypeTokens {
    TypeTokens(spell(ty, here, None))
}

/// How `ty` is spelled from outside the crate (tests), as `krate::…`.
pub fn external_type_tokens(ty: &TypeRef, krate: &syn::Ident) -> TokenStream {
    spell(ty, &Scope::Shared, Some(krate))
}

pub struct TypeTokens(pub TokenStream);

impl quote::ToTokens for TypeTokens {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens)
    }
}

fn spell(ty: &TypeRef, here: &Scope, krate: Option<&syn::Ident>) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Object => match krate {
            Some(k) => quote!(#k::runtime::JsonObject),
            None => quote!(crate::runtime::JsonObject),
        },
        TypeRef::Array(item) => {
            let item = spell(item, here, krate);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = spell(value, here, krate);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = spell(inner, here, krate);
            quote!(Option<#inner>)
        }
        TypeRef::Named { scope, name } => {
            let name = format_ident!("{}", name);
            let root = match krate {
                Some(k) => quote!(#k),
                None => quote!(crate),
            };
            match scope {
                _ if scope == here && krate.is_none() => quote!(#name),
                Scope::Shared => quote!(#root::schemas::#name),
                Scope::Operation { api, operation } => {
                    let api = format_ident!("{}", api);
                    let operation = format_ident!("{}", operation);
                    quote!(#root::#api::#operation::#name)
                }
            }
        }
    }
}

/// A struct or enum declaration.
pub fn declaration(def: &TypeDef, here: &Scope) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut lines = def.doc.as_deref().map(comments::lines).unwrap_or_default();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(" Schema: `{}`.", def.source));
    let doc = comments::outer(lines);
    match &def.kind {
        TypeKind::Struct { fields, unknown } => {
            let declared = fields.iter().map(|field| {
                let rust = format_ident!("{}", field.rust_name);
                let wire = &field.wire_name;
                let doc = comments::doc(field.doc.as_deref().unwrap_or_default());
                let rename = (rust != wire.as_str()).then(|| quote!(#[serde(rename = #wire)]));
                let ty = field_type(field, here);
                if field.required {
                    quote! { #doc #rename pub #rust: #ty, }
                } else if matches!(field.ty, TypeRef::Nullable(_)) {
                    // Absent and `null` are different answers; keep both.
                    quote! {
                        #doc #rename
                        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::runtime::double_option")]
                        pub #rust: Option<#ty>,
                    }
                } else {
                    quote! {
                        #doc #rename
                        #[serde(default, skip_serializing_if = "Option::is_none")]
                        pub #rust: Option<#ty>,
                    }
                }
            });
            let catch_all = unknown.as_ref().map(|name| {
                let name = format_ident!("{}", name);
                quote! {
                    /// Keys the schema does not name, kept as sent.
                    #[serde(flatten)]
                    pub #name: crate::runtime::JsonObject,
                }
            });
            let constructor = constructor(def, fields, unknown.as_deref(), here);
            // With no required field, every field has a default: so has the struct.
            let default = fields.iter().all(|f| !f.required).then(|| quote!(Default,));
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
                pub struct #name {
                    #(#declared)*
                    #catch_all
                }

                #constructor
            }
        }
        TypeKind::Enum { variants } => {
            let variants = variants.iter().map(|v| {
                let rust = format_ident!("{}", v.rust_name);
                let wire = &v.wire_name;
                quote! {
                    #[serde(rename = #wire)]
                    #rust,
                }
            });
            quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
    }
}

/// A field's type: its type, boxed when it holds its own struct.
fn field_type(field: &Field, here: &Scope) -> TokenStream {
    match (&field.ty, field.boxed) {
        (TypeRef::Nullable(inner), true) => {
            let inner = type_tokens(inner, here);
            quote!(Option<Box<#inner>>)
        }
        (ty, true) => {
            let ty = type_tokens(ty, here);
            quote!(Box<#ty>)
        }
        (ty, false) => type_tokens(ty, here).0,
    }
}

/// `new(required fields…)`: the optional fields absent, no unnamed keys.
fn constructor(
    def: &TypeDef,
    fields: &[Field],
    unknown: Option<&str>,
    here: &Scope,
) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let required: Vec<_> = fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let rust = format_ident!("{}", f.rust_name);
        let ty = field_type(f, here);
        quote!(#rust: #ty)
    });
    let inits = fields.iter().map(|f| {
        let rust = format_ident!("{}", f.rust_name);
        if f.required {
            quote!(#rust,)
        } else {
            quote!(#rust: None,)
        }
    });
    let unknown = unknown.map(|field| {
        let field = format_ident!("{}", field);
        quote!(#field: Default::default(),)
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = if required.is_empty() {
        comments::doc("Every field absent.")
    } else {
        comments::doc("The required fields; every optional one absent.")
    };
    quote! {
        impl #name {
            #doc
            #allow
            pub fn new(#(#params),*) -> Self {
                #name { #(#inits)* #unknown }
            }
        }
    }
}

/// One file of `src/schemas/`: the shared types declared by one schema file.
pub struct SharedModule<'m> {
    /// The schema file, relative to the spec folder.
    pub file: String,
    /// The Rust module name (from the file name).
    pub module: String,
    pub defs: Vec<&'m TypeDef>,
}

/// `src/schemas/`: types that belong to no single operation, one module per schema file
/// (so no file grows past a few hundred lines), all re-exported from `schemas`.
pub fn shared_modules(model: &Model) -> crate::Result<Vec<SharedModule<'_>>> {
    let mut by_file: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for def in &model.shared_types {
        let file = def.source.split('#').next().unwrap_or_default().to_string();
        by_file.entry(file).or_default().push(def);
    }
    let mut modules = crate::naming::Namespace::default();
    let mut out = Vec::new();
    for (file, defs) in by_file {
        let stem = file.rsplit('/').next().unwrap_or(&file);
        let stem = stem
            .strip_suffix(".json")
            .or_else(|| stem.strip_suffix(".yaml"))
            .or_else(|| stem.strip_suffix(".yml"))
            .unwrap_or(stem);
        let module = crate::naming::snake(stem);
        if let Err(holder) = modules.claim(&module, &file) {
            return Err(crate::Error::other(format!(
                "schema files `{holder}` and `{file}` both map to the module `schemas::{module}`"
            )));
        }
        out.push(SharedModule { file, module, defs });
    }
    Ok(out)
}

/// `src/schemas/mod.rs`: declares every schema module and re-exports its types.
pub fn index_tokens(modules: &[SharedModule<'_>]) -> TokenStream {
    let declarations = modules.iter().map(|m| {
        let ident = format_ident!("{}", m.module);
        let names = m.defs.iter().map(|d| format_ident!("{}", d.name));
        let doc = comments::doc(&format!("`{}`", m.file));
        quote! {
            #doc
            mod #ident;
            pub use #ident::{#(#names),*};
        }
    });
    quote! {
        //! Schema types shared across operations: those named by schema files and by
        //! `definitions` / `components.schemas`.
        #(#declarations)*
    }
}

/// One file of `src/schemas/`.
pub fn module_tokens(module: &SharedModule<'_>) -> TokenStream {
    let decls = module
        .defs
        .iter()
        .map(|def| declaration(def, &Scope::Shared));
    let module_doc = comments::inner(comments::lines(&format!("Types from `{}`.", module.file)));
    quote! {
        #module_doc
        // Types of other schema files are named as `schemas` re-exports them.
        #[allow(unused_imports)]
        use super::*;
        #(#decls)*
    }
}
