//! Doc comments, kept out of the token stream until the file is formatted.
//!
//! Prose is most of a generated file, and every `#[doc = "…"]` attribute costs a string
//! escape in `quote`, a full parse of the literal in `syn` (twice: once to peek, once to
//! parse) and an unescape in `prettyplease`: measured, half of the time spent emitting. So
//! while a file's tokens are built (inside [`collect`]), a block of prose becomes one short
//! marker attribute, `#[doc = "\u{1}N"]`, which `prettyplease` prints as the line
//! `///\u{1}N` at the item's indentation. [`expand`] then replaces each marker line with the
//! block's lines, written exactly as `prettyplease` writes a one-line doc attribute (`///`
//! and the text with trailing spaces trimmed), so the output is the same bytes either way.
//!
//! The marker character is a control character, which [`lines`] replaces in prose, so a
//! raw `\u{1}` in formatted output can only be a marker (string literals in code are
//! printed escaped).

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};

const MARKER: char = '\u{1}';

thread_local! {
    /// The blocks of the file being built on this thread; `None` outside [`collect`].
    static BLOCKS: RefCell<Option<Vec<Block>>> = const { RefCell::new(None) };
}

/// A block of prose: its lines, each with the space that follows `///`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block(Vec<String>);

/// Runs `build` and returns its tokens with the doc blocks its markers stand for.
pub fn collect(build: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<Block>) {
    let outer = BLOCKS.with(|blocks| blocks.borrow_mut().replace(Vec::new()));
    let tokens = build();
    let blocks = BLOCKS.with(|blocks| std::mem::replace(&mut *blocks.borrow_mut(), outer));
    (tokens, blocks.unwrap_or_default())
}

/// `text` as doc lines: trimmed, split into lines, each led by one space; control
/// characters (which cannot appear in a Rust comment, or would read as a marker) become
/// spaces.
pub fn lines(text: &str) -> Vec<String> {
    text.trim()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            let mut out = String::with_capacity(line.len() + 1);
            out.push(' ');
            // Control characters are C0, DEL and C1 (`\u{80}`–`\u{9f}`, led by 0xC2 in
            // UTF-8); prose rarely has any, so only then go through it by character.
            if line.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
                out.extend(
                    line.chars()
                        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
                );
            } else {
                out.push_str(line);
            }
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
    match stash(lines) {
        Ok(marker) => quote!(#[doc = #marker]),
        Err(lines) => quote!(#(#[doc = #lines])*),
    }
}

/// Inner doc comments (`//!`) of the enclosing module.
pub fn inner(lines: Vec<String>) -> TokenStream {
    match stash(lines) {
        Ok(marker) => quote!(#![doc = #marker]),
        Err(lines) => quote!(#(#![doc = #lines])*),
    }
}

/// Keeps `lines` for [`expand`] and returns the marker naming them; outside [`collect`]
/// (nothing will expand a marker) the lines come back to be written as attributes.
fn stash(lines: Vec<String>) -> std::result::Result<String, Vec<String>> {
    if lines.is_empty() {
        return Err(lines);
    }
    BLOCKS.with(|blocks| match blocks.borrow_mut().as_mut() {
        Some(blocks) => {
            let marker = format!("{MARKER}{}", blocks.len());
            blocks.push(Block(lines));
            Ok(marker)
        }
        None => Err(lines),
    })
}

/// `formatted` with every marker line replaced by its block. A marker that is not alone
/// on its line, or names no block, is an internal error: it would mean the formatter
/// printed something this module does not expect.
pub fn expand(formatted: &str, blocks: &[Block]) -> Result<String> {
    if blocks.is_empty() {
        return Ok(formatted.to_string());
    }
    let extra: usize = blocks.iter().flat_map(|b| &b.0).map(|l| l.len() + 12).sum();
    let mut out = String::with_capacity(formatted.len() + extra);
    let mut rest = formatted;
    while let Some(at) = rest.find(MARKER) {
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = rest[at..].find('\n').map_or(rest.len(), |i| at + i);
        let line = &rest[line_start..line_end];
        let unexpected =
            || Error::other(format!("internal error: unexpected doc marker in `{line}`"));
        let (lead, index) = line.split_once(MARKER).ok_or_else(unexpected)?;
        let alone = lead
            .strip_suffix("///")
            .or_else(|| lead.strip_suffix("//!"))
            .is_some_and(|indent| indent.bytes().all(|b| b == b' '));
        if !alone {
            return Err(unexpected());
        }
        let block = index
            .parse::<usize>()
            .ok()
            .and_then(|i| blocks.get(i))
            .ok_or_else(unexpected)?;
        out.push_str(&rest[..line_start]);
        for (i, text) in block.0.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(lead);
            out.push_str(text.trim_end_matches(' '));
        }
        rest = &rest[line_end..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `prettyplease` prints for the same doc lines written as attributes.
    fn as_attributes(build: impl Fn() -> TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(build()).unwrap())
    }

    fn through_markers(build: impl Fn() -> TokenStream) -> String {
        let (tokens, blocks) = collect(build);
        let formatted = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        expand(&formatted, &blocks).unwrap()
    }

    #[test]
    fn markers_expand_to_what_attributes_print() {
        let build = || {
            let module = inner(lines("A module.\n\nWith a second paragraph.  "));
            let item = outer(lines("An item.\n\n  Indented, with trailing spaces.   \n"));
            let field = outer(lines("A field\twith a tab."));
            let variant = outer(vec![String::new(), " Example:".into()]);
            quote! {
                #module
                #item
                pub struct S {
                    #field
                    pub x: u8,
                }
                pub mod m {
                    pub enum E {
                        #variant
                        A,
                    }
                }
            }
        };
        let expected = as_attributes(build);
        assert!(expected.contains("//!\n"), "{expected}");
        assert!(
            expected.contains("\n///   Indented, with trailing spaces.\n"),
            "{expected}"
        );
        assert!(
            expected.contains("\n        ///\n        /// Example:\n"),
            "{expected}"
        );
        assert_eq!(through_markers(build), expected);
    }

    #[test]
    fn control_characters_in_prose_cannot_forge_a_marker() {
        let build = || {
            let doc = outer(lines("before \u{1}0 after\rcarriage"));
            quote!(#doc pub struct S;)
        };
        let out = through_markers(build);
        assert_eq!(out, "/// before  0 after carriage\npub struct S;\n");
    }

    #[test]
    fn outside_collect_prose_is_written_as_attributes() {
        let tokens = outer(lines("Plain."));
        assert_eq!(tokens.to_string(), "# [doc = \" Plain.\"]");
    }

    #[test]
    fn a_marker_the_formatter_did_not_put_alone_on_a_line_is_an_error() {
        let blocks = vec![Block(vec![" x".into()])];
        assert!(expand("let s = \"\u{1}0\";\n", &blocks).is_err());
        assert!(expand("///\u{1}7\n", &blocks).is_err());
        assert_eq!(expand("  ///\u{1}0\n", &blocks).unwrap(), "  /// x\n");
    }
}
