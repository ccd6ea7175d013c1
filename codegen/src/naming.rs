//! The one place Rust names are made: casing, keyword escaping, and collision checks.
//!
//! Names come from identifiers in the spec (operation ids, property names, titles, file
//! names), never from prose. A collision is an error naming both sources; nothing is ever
//! renamed with a silent suffix.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords that cannot be field or module names; they get a trailing `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Splits on anything that is not a letter or digit, so `m.room.member` and
/// `key_validity_url` case the same way as `camelCase`.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn fix_leading_digit(name: String, prefix: &str) -> String {
    match name.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        None => prefix.to_string(),
        _ => name,
    }
}

/// `snake_case` for fields, modules and methods, keywords escaped (`type` → `type_`).
pub fn snake(raw: &str) -> String {
    let name = fix_leading_digit(words(raw).to_snake_case(), "n");
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `UpperCamelCase` for types and variants.
pub fn camel(raw: &str) -> String {
    let name = fix_leading_digit(words(raw).to_upper_camel_case(), "N");
    if name == "Self" {
        "Self_".to_string()
    } else {
        name
    }
}

/// A schema title is used as a type name only when it reads as a name (a few words, no
/// sentence punctuation); a sentence-long title is prose.
pub fn title_as_name(title: &str) -> Option<String> {
    let title = title.trim();
    let is_name = !title.is_empty()
        && title.split_whitespace().count() <= 4
        && title
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_' || c == '-');
    is_name.then(|| camel(title))
}

/// The variant name for an HTTP status, from its standard reason phrase
/// (`429` → `TooManyRequests`), never from the spec's description.
pub fn status_variant(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return format!("Status{status}"),
    };
    if reason == "OK" {
        "Ok".to_string()
    } else {
        camel(reason)
    }
}

/// The `http::StatusCode` constant for a status, when it has one under its standard name.
pub fn status_const(status: u16) -> Option<String> {
    let variant = status_variant(status);
    if variant.starts_with("Status") {
        return None;
    }
    Some(if status == 200 {
        "OK".to_string()
    } else {
        heck::ToShoutySnakeCase::to_shouty_snake_case(variant.as_str())
    })
}

/// Names handed out in one namespace, each with where it came from, so a second claim on a
/// name can be reported with both sources.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeMap<String, String>,
}

impl Namespace {
    /// Claims `name` for `source`. On a collision returns the source that holds it.
    pub fn claim(&mut self, name: &str, source: &str) -> Result<(), String> {
        match self.taken.get(name) {
            Some(holder) if holder != source => Err(holder.clone()),
            Some(_) => Ok(()),
            None => {
                self.taken.insert(name.to_string(), source.to_string());
                Ok(())
            }
        }
    }
}

/// Why `name` cannot name the generated package, if it cannot. Cargo takes ASCII letters,
/// digits, `-` and `_`, not led by a digit; Rust sees the crate as `name` with `-` read as
/// `_`, which the generated tests use as a path, so it must be an identifier that is neither
/// a keyword nor one of the crates every program has (`std`, `core`, `alloc`, `proc_macro`,
/// `test`).
pub fn package_name_problem(name: &str) -> Option<String> {
    let crate_name = name.replace('-', "_");
    let problem = if name.is_empty() {
        "it is empty".to_string()
    } else if let Some(c) = name
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-' && *c != '_')
    {
        format!("{c:?} may not appear in it (ASCII letters, digits, `-` and `_` only)")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        "it starts with a digit".to_string()
    } else if crate_name == "_" {
        "`_` is not a crate name".to_string()
    } else if KEYWORDS.contains(&crate_name.as_str()) {
        format!("`{crate_name}` is a Rust keyword")
    } else if ["std", "core", "alloc", "proc_macro", "test"].contains(&crate_name.as_str()) {
        format!("it would shadow Rust's built-in `{crate_name}` crate")
    } else {
        return None;
    };
    Some(format!("`{name}` cannot name a package: {problem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_escapes() {
        assert_eq!(snake("joinRoom"), "join_room");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("key_validity_url"), "key_validity_url");
        assert_eq!(snake("m.federate"), "m_federate");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(camel("m.room.member"), "MRoomMember");
        assert_eq!(camel("inviteBy3PID"), "InviteBy3Pid");
        assert_eq!(camel("self"), "Self_");
    }

    #[test]
    fn package_names_are_what_cargo_and_rust_take() {
        for good in [
            "my-api",
            "my_api",
            "api2",
            "Api",
            "_private",
            "self-service",
        ] {
            assert_eq!(package_name_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "my api!",
            "2fa",
            "Self",
            "self",
            "async",
            "_",
            "std",
            "proc-macro",
        ] {
            assert!(package_name_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn titles_that_are_prose_are_not_names() {
        assert_eq!(title_as_name("State Event").as_deref(), Some("StateEvent"));
        assert_eq!(
            title_as_name("The current membership state of a user in the room."),
            None
        );
    }

    #[test]
    fn statuses_are_named_by_meaning() {
        assert_eq!(status_variant(200), "Ok");
        assert_eq!(status_variant(429), "TooManyRequests");
        assert_eq!(status_variant(413), "PayloadTooLarge");
        assert_eq!(status_variant(299), "Status299");
        assert_eq!(status_const(429).as_deref(), Some("TOO_MANY_REQUESTS"));
        assert_eq!(status_const(200).as_deref(), Some("OK"));
    }

    #[test]
    fn a_collision_names_the_holder() {
        let mut ns = Namespace::default();
        ns.claim("Body", "a.yaml#/x").unwrap();
        ns.claim("Body", "a.yaml#/x").unwrap();
        assert_eq!(ns.claim("Body", "b.yaml#/y"), Err("a.yaml#/x".to_string()));
    }
}
