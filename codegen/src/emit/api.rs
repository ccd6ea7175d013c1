//! One module per API file: its operation modules and its route trait.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::comments;
use crate::model::{Api, Model};

pub fn tokens(_model: &Model, api: &Api) -> TokenStream {
    let modules = api.operations.iter().map(|op| {
        let module = format_ident!("{}", op.name);
        let doc = comments::doc(&format!("`{} {}`", op.method, op.path));
        // An API file and its one operation may share a name (`login.yaml`, `login`).
        let allow = (op.name == api.module).then(|| quote!(#[allow(clippy::module_inception)]));
        quote!(#doc #allow pub mod #module;)
    });
    let trait_name = format_ident!("{}", api.trait_name);
    let methods = api.operations.iter().map(|op| {
        let method = format_ident!("{}", op.name);
        let module = format_ident!("{}", op.name);
        let mut doc = format!("`{} {}`", op.method, op.path);
        if let Some(summary) = &op.summary {
            doc.push_str(&format!(": {}", summary.trim()));
        }
        let doc = comments::doc(&doc);
        let principal = op.secured.then(|| quote!(principal: Self::Principal,));
        quote! {
            #doc
            fn #method(&self, #principal request: #module::Request)
                -> impl std::future::Future<Output = Result<#module::Response, #module::Error>> + Send;
        }
    });
    let module_doc = comments::inner(comments::lines(&format!(
        "{} (`{}`), served under `{}`.",
        api.title, api.source, api.base_path
    )));
    let trait_doc = comments::doc(&format!(
        "The operations of `{}`: implement this to serve them.",
        api.source
    ));
    quote! {
        #module_doc
        #(#modules)*

        #trait_doc
        pub trait #trait_name: crate::runtime::Hooks {
            #(#methods)*
        }
    }
}
