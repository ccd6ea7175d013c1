//! Data-driven generator tests over `tests/fixtures/`:
//! - `good/<name>/spec/` generates exactly `good/<name>/expected/`, a crate in the workspace,
//!   so the expected output is compiled, linted and its example tests run;
//! - `bad/<name>/spec/` fails with exactly the message in `bad/<name>/expected-error.txt`.
//!
//! Every expected crate's `src/runtime.rs` is a symbolic link to `generated/src/runtime.rs`:
//! the runtime does not depend on the spec, so it is kept once (a fixture whose runtime
//! differed would fail here, and blessing it would write through the link, which
//! `cargo xtask regen --check` then reports).
//!
//! A fixture's optional `overlay.yaml` is applied. `BLESS=1 cargo test -p xtask --test
//! fixtures` rewrites the expectations; review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::Input;
use xtask::{RealFs, ensure_files};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut found: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    found.sort();
    found
}

fn input(fixture: &Path) -> Input {
    let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
    let overlay = fixture.join("overlay.yaml");
    Input {
        spec_dir: fixture.join("spec"),
        overlay: overlay.exists().then_some(overlay),
        crate_name: format!("fixture-{name}"),
        spec_label: "spec".to_string(),
        workspace_member: true,
    }
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

#[test]
fn good_fixtures_generate_their_expected_crates() {
    let mut failures = Vec::new();
    let fixtures = fixtures("good");
    assert!(fixtures.len() >= 2, "good fixtures missing");
    for fixture in fixtures {
        let files = codegen::generate(&RealFs, &input(&fixture))
            .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        let stale = ensure_files(&fixture.join("expected"), &files, !blessing()).unwrap();
        if !blessing() {
            failures.extend(
                stale
                    .into_iter()
                    .map(|s| format!("{}: {}\n{}", fixture.display(), s.path.display(), s.diff)),
            );
        }
    }
    assert!(
        failures.is_empty(),
        "output differs (BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn bad_fixtures_fail_with_their_expected_messages() {
    let mut failures = Vec::new();
    let fixtures = fixtures("bad");
    assert!(fixtures.len() >= 8, "bad fixtures missing");
    for fixture in fixtures {
        let message = match codegen::generate(&RealFs, &input(&fixture)) {
            Ok(_) => "(generated without error)".to_string(),
            Err(error) => error.to_string(),
        };
        let expected_path = fixture.join("expected-error.txt");
        if blessing() {
            fs::write(&expected_path, format!("{message}\n")).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected.trim_end() != message {
            failures.push(format!(
                "{}:\n  expected: {}\n  got:      {message}",
                fixture.display(),
                expected.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "messages differ (BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}

/// Generating twice gives the same bytes: no hash-map order or clock leaks into output.
#[test]
fn output_is_deterministic() {
    for fixture in fixtures("good") {
        let first = codegen::generate(&RealFs, &input(&fixture)).unwrap();
        let second = codegen::generate(&RealFs, &input(&fixture)).unwrap();
        assert_eq!(first, second, "{}", fixture.display());
    }
}
