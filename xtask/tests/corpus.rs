//! The generator over a public corpus: `@readme/oas-examples` from the npm registry, pinned
//! (`PACKAGE`), a collection of Swagger 2.0, OpenAPI 3.0 and 3.1 documents written to show
//! the formats' features. It is installed with npm under the target folder when missing; a
//! failed install fails the tests, never skips them.
//!
//! Every Swagger 2.0 and OpenAPI 3.0 document, each generated alone:
//! - generates, or is refused with a `file:line:col` error; never a panic;
//! - does what `tests/corpus/oas-examples.txt` says it does (generates, or is refused
//!   with which class of message), so regressions and improvements both show
//!   (`BLESS=1` rewrites the list; review the diff);
//! - when it generates, its routes build an axum router without a panic;
//! - and a handful (`COMPILED`) are compiled as one workspace of their own, clippy-clean,
//!   with their example tests run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use codegen::{Input, SpecFs};
use xtask::RealFs;

/// The npm package, exactly.
const PACKAGE: &str = "@readme/oas-examples@8.2.2";

/// The documents whose generated crates are compiled and tested: one per feature the
/// corpus exercises (references of every kind, recursion, files, forms, collisions).
const COMPILED: &[&str] = &[
    "2.0/json/petstore.json",
    "2.0/json/schema-circular.json",
    "3.0/json/file-uploads.json",
    "3.0/json/parameters-common.json",
    "3.0/json/petstore.json",
    "3.0/json/response-examples.json",
    "3.0/json/response-empty-examples.json",
];

/// Where the package is installed, installing it the first time.
fn corpus() -> &'static Path {
    static INSTALLED: OnceLock<PathBuf> = OnceLock::new();
    INSTALLED.get_or_init(install)
}

fn install() -> PathBuf {
    let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oas-examples");
    let (name, version) = PACKAGE.rsplit_once('@').unwrap();
    let package = prefix.join("node_modules").join(name);
    let installed = std::fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .is_some_and(|manifest| manifest["version"] == version);
    if installed {
        return package;
    }
    let _ = std::fs::remove_dir_all(&prefix);
    std::fs::create_dir_all(&prefix).unwrap();
    let prefix_arg = prefix.display().to_string();
    if let Err(error) = xtask::npm::run(
        &format!("npm install {PACKAGE}"),
        &prefix,
        &[
            "install",
            "--no-save",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &prefix_arg,
            PACKAGE,
        ],
    ) {
        panic!("cannot install {PACKAGE}: {error:#}");
    }
    assert!(
        package.join("package.json").exists(),
        "npm installed no {PACKAGE}"
    );
    package
}

/// The Swagger 2.0 and OpenAPI 3.0 documents of the corpus, relative to it, sorted.
fn documents(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![root.join("2.0"), root.join("3.0")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            {
                let relative = path.strip_prefix(root).unwrap();
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// The real file system with one API file in its folder: each document generates alone,
/// its neighbours still there for its `$ref`s.
struct OneFile(PathBuf);

impl SpecFs for OneFile {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        RealFs.read(path)
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        RealFs.canonicalize(path)
    }

    fn list_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        Ok(RealFs
            .list_files(dir)?
            .into_iter()
            .filter(|p| *p == self.0)
            .collect())
    }
}

fn input(document: &Path, crate_name: &str) -> Input {
    Input {
        spec_dir: document.parent().unwrap().to_path_buf(),
        overlay: None,
        crate_name: crate_name.to_string(),
        spec_label: "spec".to_string(),
        workspace_member: true,
    }
}

/// A refusal's class: its message without the place or the names in backticks.
fn class(message: &str) -> String {
    let message = message.split(" (at #").next().unwrap_or(message);
    let message = message.split_once(": ").map_or(message, |(_, rest)| rest);
    let mut out = String::new();
    for (index, part) in message.split('`').enumerate() {
        out.push_str(if index % 2 == 1 { "`…`" } else { part });
    }
    out
}

/// Builds the router axum would build from the model's routes; a panic is its message.
fn router_problem(model: &codegen::model::Model) -> Option<String> {
    let build = || {
        let mut router = axum::Router::<()>::new();
        if model.literal_segments {
            router = router.without_v07_checks();
        }
        for route in &model.routes {
            let filter = match route.method.as_str() {
                "GET" => axum::routing::MethodFilter::GET,
                "PUT" => axum::routing::MethodFilter::PUT,
                "POST" => axum::routing::MethodFilter::POST,
                "DELETE" => axum::routing::MethodFilter::DELETE,
                "OPTIONS" => axum::routing::MethodFilter::OPTIONS,
                "HEAD" => axum::routing::MethodFilter::HEAD,
                "PATCH" => axum::routing::MethodFilter::PATCH,
                _ => axum::routing::MethodFilter::TRACE,
            };
            for path in &route.routed {
                router = router.route(path, axum::routing::on(filter, || async {}));
            }
        }
    };
    std::panic::catch_unwind(build).err().map(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".to_string())
    })
}

#[test]
fn every_document_generates_or_is_refused_as_recorded() {
    let root = corpus();
    let mut outcomes = String::new();
    let mut problems = Vec::new();
    for document in documents(root) {
        let path = root.join(&document);
        let fs = OneFile(path.clone());
        let outcome = match codegen::generate(&fs, &input(&path, "probe")) {
            Ok(_) => {
                let model = codegen::model(&fs, &input(&path, "probe")).unwrap();
                if let Some(panic) = router_problem(&model) {
                    problems.push(format!("{document}: the router panics: {panic}"));
                }
                "generates".to_string()
            }
            Err(error) => {
                let message = error.to_string();
                if message.contains("internal error") {
                    problems.push(format!("{document}: {message}"));
                }
                match error.location() {
                    Some(location) if location.line.is_some() && location.column.is_some() => {}
                    _ => problems.push(format!(
                        "{document}: refused without a line and column: {message}"
                    )),
                }
                format!("refused: {}", class(&message))
            }
        };
        outcomes.push_str(&format!("{document}\t{outcome}\n"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let recorded = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/oas-examples.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&recorded, &outcomes).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&recorded).unwrap_or_default();
    if expected != outcomes {
        let diff = similar::TextDiff::from_lines(&expected, &outcomes)
            .unified_diff()
            .header("recorded", "now")
            .to_string();
        panic!("the corpus outcomes changed (BLESS=1 to record them):\n{diff}");
    }
}

#[test]
fn a_handful_of_generated_crates_compile_and_pass_their_tests() {
    let root = corpus();
    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oas-examples-crates");
    let mut members = Vec::new();
    for document in COMPILED {
        let path = root.join(document);
        let name = format!(
            "oas-{}",
            document
                .trim_end_matches(".json")
                .replace(['/', '.', '_'], "-")
        );
        let files = codegen::generate(&OneFile(path.clone()), &input(&path, &name))
            .unwrap_or_else(|e| panic!("{document} no longer generates: {e}"));
        xtask::ensure_files(&workspace.join(&name), &files, false).unwrap();
        members.push(name);
    }
    let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    // The project's lints, and its lock file: the crates build with the versions the
    // project's own generated crate is tested with.
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[workspace.lints.rust]\nunsafe_code = \"forbid\"\n",
        quoted.join(", ")
    );
    std::fs::write(workspace.join("Cargo.toml"), manifest).unwrap();
    let lock = xtask::workspace_root().join("Cargo.lock");
    std::fs::copy(lock, workspace.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for args in [
        &["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"][..],
        &["test", "--quiet"][..],
    ] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(&workspace)
            .env("CARGO_TARGET_DIR", workspace.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo {} over the generated crates failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
