//! `cargo xtask regen --spec DIR --out DIR`: the crate it writes stands on its own, with
//! crates.io dependencies only, and type-checks outside this workspace.

use std::path::PathBuf;
use std::process::Command;

use xtask::workspace_root;

fn scratch(name: &str) -> PathBuf {
    let dir = workspace_root().join("target/standalone-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_standalone_crate_from_the_project_spec_builds_on_its_own() {
    let root = workspace_root();
    let out = scratch("out").join("my-matrix-api");
    let status = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--spec"])
        .arg(root.join("api-spec/api/client-server/v1"))
        .arg("--out")
        .arg(&out)
        .arg("--overlay")
        .arg(root.join("api-spec/overlay.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"my-matrix-api\""),
        "the package is named after its folder:\n{manifest}"
    );
    assert!(
        manifest.contains("[workspace]"),
        "a standalone crate is its own workspace:\n{manifest}"
    );
    assert!(
        !manifest.contains("path ="),
        "only crates.io dependencies:\n{manifest}"
    );

    // The same dependency versions as this workspace, so the check needs no network.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let check = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--all-targets"])
        .current_dir(&out)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/standalone-test/target"),
        )
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "the standalone crate does not build:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Running it again changes nothing, and --check agrees.
    let again = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--check", "--spec"])
        .arg(root.join("api-spec/api/client-server/v1"))
        .arg("--out")
        .arg(&out)
        .arg("--overlay")
        .arg(root.join("api-spec/overlay.yaml"))
        .status()
        .unwrap();
    assert!(again.success());
}

#[test]
fn a_bad_spec_writes_nothing_and_exits_non_zero_with_the_place() {
    let spec = scratch("bad-spec");
    std::fs::write(spec.join("api.yaml"), "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: x\n          schema: {$ref: 'missing.yaml'}\n").unwrap();
    let out = scratch("bad-out").join("api");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("api.yaml:9:20") && stderr.contains("missing.yaml"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written for a bad spec");
}

#[test]
fn a_stale_tree_exits_with_its_own_code_and_names_the_fix() {
    let spec = scratch("stale-spec");
    std::fs::write(spec.join("api.yaml"), "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        200: {description: x}\n").unwrap();
    let out = scratch("stale-out").join("api");
    let regen = |check: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command.arg("regen");
        if check {
            command.arg("--check");
        }
        command
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(regen(false).status.success());
    assert!(regen(true).status.success());
    std::fs::write(out.join("src/lib.rs"), "// edited by hand\n").unwrap();
    let stale = regen(true);
    assert_eq!(stale.status.code(), Some(xtask::STALE_EXIT_CODE));
    assert!(String::from_utf8_lossy(&stale.stdout).contains("+++ b/src/lib.rs"));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("run cargo xtask regen"));
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// edited by hand\n",
        "--check writes nothing"
    );

    // A file an earlier generation wrote and this one does not is stale too; a
    // handwritten file beside the generated ones is left alone.
    assert!(regen(false).status.success());
    let leftover = out.join("src/old_api/gone.rs");
    std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
    std::fs::write(
        &leftover,
        "// Generated from old.yaml by `cargo xtask regen`.\n",
    )
    .unwrap();
    let handwritten = out.join("tests/mine.rs");
    std::fs::write(&handwritten, "// my own test\n").unwrap();
    let stale = regen(true);
    assert_eq!(stale.status.code(), Some(xtask::STALE_EXIT_CODE));
    let stdout = String::from_utf8_lossy(&stale.stdout);
    assert!(stdout.contains("--- a/src/old_api/gone.rs"), "{stdout}");
    assert!(!stdout.contains("mine.rs"), "{stdout}");
    assert!(leftover.exists(), "--check removes nothing");
    assert!(regen(false).status.success());
    assert!(
        !leftover.exists(),
        "regen removes what it no longer generates"
    );
    assert!(handwritten.exists());
    assert!(regen(true).status.success());
}
