//! `tests/examples.rs`: every JSON example in the spec parsed into its generated type and
//! written back; a test fails with the example's `file:line` when the two differ.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::external_type_tokens;
use crate::model::Model;

pub fn tokens(model: &Model, crate_name: &str) -> TokenStream {
    let krate = format_ident!("{}", crate_name.replace('-', "_"));
    // One `round_trip!` per example (the macro is in the runtime): a test reads as a line
    // of data, and the formatter has a fraction of the tokens to parse.
    let tests = model.examples.iter().map(|example| {
        let name = format_ident!("{}", example.test_name);
        let ty = external_type_tokens(&example.ty, &krate);
        let json = raw_string(&serde_json::to_string(&example.json).unwrap_or_default());
        let location = &example.location;
        quote! { #krate::round_trip!(#name, #ty, #json, #location); }
    });
    quote! {
        //! Every example in the spec, round-tripped through its generated type.
        #(#tests)*
    }
}

/// `text` as a raw string literal (`r#"…"#`), with enough `#`s that it cannot end early:
/// JSON reads far better without escaped quotes.
fn raw_string(text: &str) -> proc_macro2::Literal {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}
