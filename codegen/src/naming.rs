//! The one place Rust names are made: casing, keyword escaping, and collisions.
//!
//! Names come from identifiers in the spec (operation ids, property names, titles, file
//! names), never from prose. Where two things would get one name, the later one takes the
//! next of its *candidates*: longer names made from its context (the punctuation casing
//! dropped, spelled as words; the parameter's location; the schema's file; the operation's
//! method and path), never a counter. Only when every candidate is taken is it an error
//! naming both sources, to be settled with a `title` in the overlay.

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

/// `raw` with every character that casing drops spelled as a word (`-date` → `minus date`,
/// `A+` → `A plus`), so names that differ only in punctuation stay apart.
pub fn spelled(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            continue;
        }
        let word = match c {
            '-' => "minus".to_string(),
            '+' => "plus".to_string(),
            '.' => "dot".to_string(),
            '/' => "slash".to_string(),
            '\\' => "backslash".to_string(),
            '_' => "underscore".to_string(),
            ' ' => "space".to_string(),
            '[' | '(' | '{' => "open".to_string(),
            ']' | ')' | '}' => "close".to_string(),
            '<' => "lt".to_string(),
            '>' => "gt".to_string(),
            '=' => "eq".to_string(),
            '!' => "not".to_string(),
            '@' => "at".to_string(),
            '$' => "dollar".to_string(),
            ':' => "colon".to_string(),
            ';' => "semicolon".to_string(),
            '*' => "star".to_string(),
            ',' => "comma".to_string(),
            '#' => "hash".to_string(),
            '~' => "tilde".to_string(),
            '&' => "and".to_string(),
            '|' => "or".to_string(),
            '%' => "percent".to_string(),
            '?' => "question".to_string(),
            '^' => "caret".to_string(),
            '\'' | '"' | '`' => "quote".to_string(),
            other => format!("u{:x}", other as u32),
        };
        out.push(' ');
        out.push_str(&word);
        out.push(' ');
    }
    out
}

/// How `raw` is cased, as a word: what tells `ASC` from `asc` once both are `Asc`.
fn case_mark(raw: &str) -> &'static str {
    let upper = raw.chars().any(|c| c.is_ascii_uppercase());
    let lower = raw.chars().any(|c| c.is_ascii_lowercase());
    match (upper, lower) {
        (true, false) => "upper",
        (false, true) => "lower",
        _ => "mixed",
    }
}

/// Unique, in order: a candidate that repeats an earlier one adds nothing.
fn distinct(candidates: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

/// Names for the variant of the enum value `wire` at `index`: its casing, then its
/// punctuation spelled out, then its case marked, then its position.
pub fn variant_candidates(wire: &str, index: usize) -> Vec<String> {
    let spelled = spelled(wire);
    let plain = if wire.chars().any(|c| c.is_ascii_alphanumeric()) {
        camel(wire)
    } else if wire.is_empty() {
        "Empty".to_string()
    } else {
        camel(&spelled)
    };
    distinct(vec![
        plain,
        camel(&spelled),
        camel(&format!("{spelled} {}", case_mark(wire))),
        format!("Value{index}"),
    ])
}

/// Names for the field of the property `wire`: its casing, then its punctuation spelled
/// out, then its case marked.
pub fn field_candidates(wire: &str) -> Vec<String> {
    let spelled = spelled(wire);
    distinct(vec![
        snake(wire),
        snake(&spelled),
        snake(&format!("{spelled} {}", case_mark(wire))),
    ])
}

/// Names for the `Request` field of the parameter `wire` in `location` (`path`, `query`,
/// `header`): its casing, then its punctuation spelled out, then led by its location.
pub fn param_candidates(wire: &str, location: &str) -> Vec<String> {
    let spelled = spelled(wire);
    distinct(vec![
        snake(wire),
        snake(&spelled),
        snake(&format!("{location} {wire}")),
        snake(&format!("{location} {spelled} {}", case_mark(wire))),
    ])
}

/// Names for the field that keeps an object's keys the schema does not name.
pub const CATCH_ALL_CANDIDATES: [&str; 3] = [
    "additional_properties",
    "other_properties",
    "unknown_properties",
];

/// The local variable a decoded parameter is bound to in `Request::from_parts`: the field
/// name, unless it would hide one of the function's own variables (`path`, `uri`,
/// `headers`, `query`); then with a trailing `__`, which no field name has.
pub fn binding(field: &str) -> String {
    if ["path", "uri", "headers", "query", "body"].contains(&field) {
        format!("{field}__")
    } else {
        field.to_string()
    }
}

/// `path` as words for a name: parameters as `by name`, punctuation spelled out.
fn path_words(path: &str) -> String {
    let mut words = String::new();
    for segment in path.split('/') {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) if !param.contains(['{', '}']) => {
                words.push_str(" by ");
                words.push_str(param);
            }
            _ => {
                words.push(' ');
                words.push_str(&spelled(segment));
            }
        }
    }
    words
}

/// Names for an operation's module and method: from its `operationId` (or, without one,
/// its method and path), then from its method and path, then with the path's punctuation
/// spelled out.
pub fn operation_candidates(operation_id: Option<&str>, method: &str, path: &str) -> Vec<String> {
    let from_path = snake(&format!("{method} {path}"));
    let mut candidates = Vec::new();
    if let Some(id) = operation_id {
        candidates.push(snake(id));
    }
    candidates.push(from_path);
    candidates.push(snake(&format!("{method} {}", path_words(path))));
    distinct(candidates)
}

/// Names for a route's handler in the router: its method and path, then with the path's
/// punctuation spelled out, then its first operation's module and name.
pub fn handler_candidates(method: &str, path: &str, api: &str, operation: &str) -> Vec<String> {
    let method = method.to_lowercase();
    distinct(vec![
        format!("{method}_{}", snake(path)),
        snake(&format!("{method} {}", path_words(path))),
        format!("{method}_{api}_{operation}"),
    ])
}

/// Type names the generated code itself uses: in `src/schemas/` (all shared types are
/// glob-imported there) the standard types it spells by their short names; in an
/// operation's module also `Request`, `Response`, `Error` and `from_parts`'s `Query`.
pub fn reserved_type(name: &str, shared: bool) -> bool {
    const STD: [&str; 6] = ["Option", "Vec", "String", "Box", "Result", "Default"];
    const OPERATION: [&str; 4] = ["Request", "Response", "Error", "Query"];
    STD.contains(&name) || (!shared && OPERATION.contains(&name))
}

/// Names for a type declared inline: its `title` when that reads as a name, the name its
/// place suggests (`RequestBody`, `OkBody`, `PetTag`, ...), the two together, and the
/// suggestion with what the type is (`Object`, `Enum`).
pub fn inline_type_candidates(title: Option<&str>, suggested: &str, kind: &str) -> Vec<String> {
    let mut candidates = Vec::new();
    if let Some(title) = title {
        candidates.push(title.to_string());
    }
    candidates.push(suggested.to_string());
    if let Some(title) = title {
        candidates.push(format!("{suggested}{title}"));
    }
    candidates.push(format!("{suggested}{kind}"));
    distinct(candidates)
}

/// Names for a named schema (a `definitions` / `components/schemas` entry or a whole
/// file): its name, then led by its file's name.
pub fn named_type_candidates(name: &str, file_stem: &str) -> Vec<String> {
    distinct(vec![
        name.to_string(),
        format!("{}{name}", camel(file_stem)),
        format!("{}{name}Schema", camel(file_stem)),
    ])
}

/// Names handed out in one namespace, each with where it came from, so a second claim on a
/// name can be reported with both sources.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeMap<String, String>,
}

impl Namespace {
    /// Claims the first of `candidates` that is free (or already `source`'s) and returns
    /// it; when every one is taken, the source holding the first.
    pub fn claim_first(&mut self, candidates: &[String], source: &str) -> Result<String, String> {
        for candidate in candidates {
            if self.claim(candidate, source).is_ok() {
                return Ok(candidate.clone());
            }
        }
        let first = candidates.first().map(String::as_str).unwrap_or_default();
        Err(self.taken.get(first).cloned().unwrap_or_default())
    }

    /// Whether `name` is handed out.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains_key(name)
    }

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
    fn names_that_casing_merges_stay_apart() {
        assert_eq!(variant_candidates("date", 0)[0], "Date");
        assert_eq!(variant_candidates("-date", 1)[1], "MinusDate");
        assert_eq!(variant_candidates("e+", 0)[1], "EPlus");
        assert_eq!(variant_candidates("", 0)[0], "Empty");
        assert_eq!(variant_candidates("asc", 1)[1], "AscLower");
        assert_eq!(field_candidates("_id")[1], "underscore_id");
        assert_eq!(field_candidates("created-by")[1], "created_minus_by");
        assert_eq!(param_candidates("id", "query")[1], "query_id");
        assert_eq!(param_candidates("tags[]", "query")[1], "tags_open_close");
        assert_eq!(
            operation_candidates(None, "get", "/a/{id}")[1],
            "get_a_by_id"
        );
        assert_eq!(
            handler_candidates("GET", "/a/-1", "f", "one")[1],
            "get_a_minus_1"
        );
        assert_eq!(binding("query"), "query__");
        assert_eq!(binding("limit"), "limit");
    }

    #[test]
    fn the_first_free_candidate_is_claimed() {
        let mut ns = Namespace::default();
        let candidates = vec!["A".to_string(), "B".to_string()];
        assert_eq!(ns.claim_first(&candidates, "x"), Ok("A".to_string()));
        assert_eq!(ns.claim_first(&candidates, "y"), Ok("B".to_string()));
        assert_eq!(ns.claim_first(&candidates, "z"), Err("x".to_string()));
        assert_eq!(ns.claim_first(&candidates, "x"), Ok("A".to_string()));
    }

    #[test]
    fn a_collision_names_the_holder() {
        let mut ns = Namespace::default();
        ns.claim("Body", "a.yaml#/x").unwrap();
        ns.claim("Body", "a.yaml#/x").unwrap();
        assert_eq!(ns.claim("Body", "b.yaml#/y"), Err("a.yaml#/x".to_string()));
    }
}
