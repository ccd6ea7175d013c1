//! The generator reads only through `SpecFs`: a spec held in memory generates, with
//! `$ref`s across files, and a missing file is reported at the reference.

use codegen::{Input, MemoryFs};

fn input() -> Input {
    Input {
        spec_dir: "/specs/api".into(),
        overlay: None,
        crate_name: "memory-api".into(),
        spec_label: "api".into(),
        workspace_member: false,
    }
}

const API: &str = r#"
swagger: "2.0"
info: {title: Memory, version: "1"}
basePath: /v1
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {in: path, name: id, type: string, required: true}
      responses:
        200:
          description: The thing.
          schema: {$ref: "../shared/thing.json"}
"#;

/// The API file and the schema file it references, in memory.
fn spec_with_thing() -> MemoryFs {
    let mut fs = MemoryFs::new();
    fs.insert("/specs/api/things.yaml", API);
    fs.insert("/specs/shared/thing.json", r#"{"type": "object", "title": "Thing", "required": ["name"], "properties": {"name": {"type": "string"}}}"#);
    fs
}

#[test]
fn a_spec_in_memory_generates() {
    let files = codegen::generate(&spec_with_thing(), &input()).unwrap();
    let thing = files
        .iter()
        .find(|f| f.path.ends_with("src/schemas/thing.rs"))
        .expect("the referenced schema has a module");
    assert!(
        thing.contents.contains("pub struct Thing"),
        "{}",
        thing.contents
    );
    let op = files
        .iter()
        .find(|f| f.path.ends_with("src/things/get_thing.rs"))
        .unwrap();
    assert!(
        op.contents
            .contains("pub type Response = crate::schemas::Thing;"),
        "{}",
        op.contents
    );
    assert!(files.iter().any(|f| f.path.ends_with("Cargo.toml") && f.contents.contains("name = \"memory-api\"")));
}

#[test]
fn the_runtime_says_it_is_copied_from_the_template() {
    let files = codegen::generate(&spec_with_thing(), &input()).unwrap();
    let runtime = files
        .iter()
        .find(|f| f.path.as_os_str() == "src/runtime.rs")
        .unwrap();
    let header = runtime.contents.lines().next().unwrap();
    assert_eq!(
        header,
        "// Copied from the template codegen/templates/runtime.rs by `cargo xtask regen`. Do not edit by hand."
    );
}

#[test]
fn a_spec_that_fails_to_lower_is_an_error() {
    let mut unlowerable = MemoryFs::new();
    unlowerable.insert(
        "/specs/api/things.yaml",
        API.replace("../shared/thing.json", "#/definitions/Missing"),
    );
    let error = codegen::generate(&unlowerable, &input())
        .unwrap_err()
        .to_string();
    assert!(error.contains("Missing"), "{error}");
}

#[test]
fn a_problem_lowering_an_earlier_file_comes_before_one_lifting_a_later_file() {
    let mut fs = MemoryFs::new();
    fs.insert(
        "/specs/api/a.yaml",
        API.replace("../shared/thing.json", "#/definitions/Missing"),
    );
    fs.insert("/specs/api/b.yaml", "info: {title: Not an API}\n");
    let error = codegen::generate(&fs, &input()).unwrap_err().to_string();
    assert!(
        error.starts_with("a.yaml:") && error.contains("Missing"),
        "{error}"
    );
}

/// A file system that panics when read: a stand-in for a bug anywhere in the generator.
struct Panicking;

impl codegen::SpecFs for Panicking {
    fn read(&self, _: &std::path::Path) -> std::io::Result<String> {
        panic!("a bug")
    }
    fn canonicalize(&self, path: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
        Ok(path.to_path_buf())
    }
    fn list_files(&self, dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
        Ok(vec![dir.join("api.yaml")])
    }
}

#[test]
fn a_panic_is_an_internal_error_not_a_crash() {
    let error = codegen::generate(&Panicking, &input())
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("internal error"), "{error}");
}

#[test]
fn a_missing_file_is_reported_where_it_is_referenced() {
    let mut fs = MemoryFs::new();
    fs.insert("/specs/api/things.yaml", API);
    let error = codegen::generate(&fs, &input()).unwrap_err().to_string();
    assert!(error.starts_with("things.yaml:14:"), "{error}");
    assert!(error.contains("../shared/thing.json"), "{error}");
}

#[test]
fn of_several_bad_references_the_first_in_file_order_is_reported() {
    // The problem reported is the one a file-by-file walk meets first: the missing file
    // named by `a.yaml`, not the remote reference in `b.yaml` (whose check needs no
    // loading).
    let mut fs = MemoryFs::new();
    fs.insert("/specs/api/a.yaml", API.replace("getThing", "getA"));
    fs.insert(
        "/specs/api/b.yaml",
        API.replace("getThing", "getB")
            .replace("../shared/thing.json", "https://example.com/thing.json"),
    );
    let error = codegen::generate(&fs, &input()).unwrap_err().to_string();
    assert!(error.starts_with("a.yaml:14:"), "{error}");
    assert!(error.contains("cannot be loaded"), "{error}");
}

#[test]
fn a_file_named_by_several_files_is_one_schema() {
    let mut fs = spec_with_thing();
    fs.insert(
        "/specs/api/more.yaml",
        API.replace("getThing", "getMore")
            .replace("/things/", "/more/"),
    );
    let files = codegen::generate(&fs, &input()).unwrap();
    let things = files
        .iter()
        .filter(|f| f.contents.contains("pub struct Thing "))
        .count();
    assert_eq!(things, 1, "one module holds the shared schema");
}

#[test]
fn the_served_description_is_an_openapi_document() {
    let files = codegen::generate(&spec_with_thing(), &input()).unwrap();
    let description = files
        .iter()
        .find(|f| f.path.as_os_str() == "openapi.json")
        .expect("openapi.json is generated");
    let document: openapiv3::OpenAPI = serde_json::from_str(&description.contents).unwrap();
    let operation = document.paths.paths["/v1/things/{id}"]
        .as_item()
        .and_then(|item| item.get.as_ref())
        .unwrap();
    assert_eq!(operation.operation_id.as_deref(), Some("getThing"));
    let thing = document.components.unwrap().schemas["Thing"].clone();
    let openapiv3::ReferenceOr::Item(thing) = thing else {
        panic!("Thing is a schema")
    };
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = thing.schema_kind else {
        panic!("Thing is an object")
    };
    assert_eq!(object.required, ["name"]);
}
