//! Doc comments: prose from the spec as `#[doc = "…"]` attributes, one per line, which
//! `prettyplease` prints as `///` (or `//!`) lines.

use proc_macro2::TokenStream;
use quote::quote;

/// `text` as doc lines: trimmed, split into lines, each led by one space; control
/// characters (which cannot appear in a Rust comment) become spaces.
pub fn lines(text: &str) -> Vec<String> {
    text.trim()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            let mut out = String::with_capacity(line.len() + 1);
            out.push(' ');
            out.extend(
                line.chars()
                    .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
            );
            out
        })
        .collect()
}

/// `text` as the outer doc comments of the next item.
pub fn doc(text: &str) -> TokenStream {
    outer(lines(text))
}

/// Outer doc comments (`///`) of the next item, one per line of `lines` (see [`lines`]).
pub fn outer(lines: Vec<String>) -> TokenStream {
    quote!(#(#[doc = #lines])*)
}

/// Inner doc comments (`//!`) of the enclosing module.
pub fn inner(lines: Vec<String>) -> TokenStream {
    quote!(#(#![doc = #lines])*)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    #[test]
    fn prose_becomes_doc_lines() {
        let module = inner(lines("A module.\n\nWith a second paragraph.  "));
        let item = outer(lines("An item.\n\n  Indented, with trailing spaces.   \n"));
        let field = outer(lines("A field\twith a tab."));
        let out = formatted(quote! {
            #module
            #item
            pub struct S {
                #field
                pub x: u8,
            }
        });
        assert_eq!(
            out,
            "//! A module.\n//!\n//! With a second paragraph.\n/// An item.\n///\n///   Indented, with trailing spaces.\npub struct S {\n    /// A field\twith a tab.\n    pub x: u8,\n}\n"
        );
    }

    #[test]
    fn control_characters_in_prose_become_spaces() {
        let doc = doc("before \u{1}0 after\rcarriage");
        let out = formatted(quote!(#doc pub struct S;));
        assert_eq!(out, "/// before  0 after carriage\npub struct S;\n");
    }
}
