//! Project-wide checks that run with `cargo test`: `generated/` matches the spec, and
//! `api-spec/` still holds upstream's bytes.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};
use xtask::{project_input, regen, workspace_root};

/// The same check as `cargo xtask regen --check`, so a plain `cargo test` catches a stale tree.
#[test]
fn generated_code_matches_the_spec() {
    let root = workspace_root();
    let stale = regen(&project_input(&root), &root.join("generated"), true)
        .expect("the project's spec generates");
    let report: Vec<String> = stale.iter().map(|s| s.diff.clone()).collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale: run cargo xtask regen\n{}",
        report.join("\n")
    );
}

/// Every file upstream published is byte-for-byte what `SHA256SUMS` pins.
#[test]
fn upstream_spec_files_are_unchanged() {
    let spec = workspace_root().join("api-spec");
    let sums = fs::read_to_string(spec.join("SHA256SUMS")).expect("api-spec/SHA256SUMS exists");
    let mut checked = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (digest, path) = line.split_once("  ").expect("`<sha256>  <path>` lines");
        let bytes = fs::read(spec.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(actual, digest, "{path} differs from upstream");
        checked += 1;
    }
    assert!(checked >= 60, "SHA256SUMS lists only {checked} files");
}

/// Upstream's symlinks are symlinks, pointing where upstream pointed them.
#[test]
fn upstream_symlinks_are_kept() {
    let spec = workspace_root().join("api-spec");
    for (link, target) in [
        (
            "api/client-server/v1/core-event-schema",
            "v1-event-schema/core-event-schema",
        ),
        (
            "api/client-server/v1/v1-event-schema",
            "../../../event-schemas/schema/v1",
        ),
        ("event-schemas/schema/v1/v1-event-schema", "."),
        (
            "event-schemas/schema/v1/core-event-schema/core-event-schema",
            ".",
        ),
    ] {
        let found = fs::read_link(spec.join(link))
            .unwrap_or_else(|e| panic!("{link} is not a symlink: {e}"));
        assert_eq!(found, Path::new(target), "{link}");
    }
}

/// Generated files stay small enough to read: none over ~1,500 lines. `openapi.json` is the
/// exception: one document for tools (schemathesis, client generators), which must be whole.
/// The API reference (`API.md`, `api.html`) is one document for people, who move through it
/// by its table of contents and links, with every field of every body and type in it: it
/// may be longer, but not without bound.
#[test]
fn generated_files_are_small() {
    let files = codegen::generate(&xtask::RealFs, &project_input(&workspace_root())).unwrap();
    for file in files
        .iter()
        .filter(|f| f.path.as_os_str() != "openapi.json")
    {
        let reference = ["API.md", "api.html"].contains(&file.path.to_str().unwrap_or(""));
        let limit = if reference { 5000 } else { 1500 };
        let lines = file.contents.lines().count();
        assert!(lines <= limit, "{} has {lines} lines", file.path.display());
    }
}
