//! The `cargo xtask` binary end to end: `regen --spec DIR --out DIR` writes a crate that
//! stands on its own, with crates.io dependencies only, and type-checks outside this
//! workspace; every command explains itself and refuses what it cannot do with a message.

use std::ffi::OsStr;
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
    let stderr = String::from_utf8_lossy(&stale.stderr);
    let fix = format!(
        "run cargo xtask regen --spec {} --out {}",
        spec.display(),
        out.display()
    );
    assert!(stderr.contains(&fix), "{stderr}");
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
    let removed = regen(false);
    assert!(removed.status.success());
    let stderr = String::from_utf8_lossy(&removed.stderr);
    assert!(stderr.contains("deleted src/old_api/gone.rs"), "{stderr}");
    assert!(!stderr.contains("wrote src/old_api/gone.rs"), "{stderr}");
    assert!(
        !leftover.exists(),
        "regen removes what it no longer generates"
    );
    assert!(handwritten.exists());
    assert!(regen(true).status.success());
}

const SMALL_API: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        200: {description: x}\n";

fn xtask(args: &[&OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_stale_message_names_the_command_that_was_given() {
    let spec = scratch("given spec");
    std::fs::write(spec.join("api.yaml"), SMALL_API).unwrap();
    let overlay = spec.parent().unwrap().join("given-overlay.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.info\n    update: {description: d}\n",
    )
    .unwrap();
    let out = scratch("given-out").join("api");
    let regen = |check: &[&str]| {
        let mut args: Vec<&OsStr> = vec![OsStr::new("regen")];
        args.extend(check.iter().map(OsStr::new));
        args.extend([
            OsStr::new("--spec"),
            spec.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
            OsStr::new("--overlay"),
            overlay.as_os_str(),
            OsStr::new("--name"),
            OsStr::new("given-api"),
        ]);
        xtask(&args)
    };
    assert!(regen(&[]).status.success());
    std::fs::write(out.join("src/lib.rs"), "// edited by hand\n").unwrap();
    let stale = regen(&["--check"]);
    assert_eq!(stale.status.code(), Some(xtask::STALE_EXIT_CODE));
    let stderr = String::from_utf8_lossy(&stale.stderr);
    // The spec folder's name has a space: the command quotes it, so it can be pasted.
    let fix = format!(
        "run cargo xtask regen --spec '{}' --out {} --overlay {} --name given-api\n",
        spec.display(),
        out.display(),
        overlay.display()
    );
    assert!(stderr.ends_with(&fix), "{stderr}");
}

/// Whether `usage` shows how to run `command`.
fn shows(usage: &str, command: &str) -> bool {
    let line = format!("  cargo xtask {command}");
    usage
        .lines()
        .any(|l| l == line || l.starts_with(&format!("{line} ")))
}

#[test]
fn every_command_explains_itself() {
    let commands = [
        "regen",
        "test",
        "schemathesis",
        "bench",
        "fuzz",
        "bench-codegen",
    ];
    for command in commands {
        for flag in ["--help", "-h"] {
            let output = xtask(&[OsStr::new(command), OsStr::new(flag)]);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{command} {flag}");
            assert!(output.stderr.is_empty(), "{command} {flag}");
            assert!(shows(&stdout, command), "{command} {flag}: {stdout}");
            let others = commands
                .iter()
                .filter(|other| **other != command && shows(&stdout, other));
            assert_eq!(others.count(), 0, "{command} {flag}: {stdout}");
        }
    }
    for flag in ["--help", "-h"] {
        let output = xtask(&[OsStr::new(flag)]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{flag}");
        for command in commands {
            assert!(shows(&stdout, command), "{stdout}");
        }
    }
}

#[test]
fn a_name_no_package_can_have_is_refused() {
    let spec = scratch("names-spec");
    std::fs::write(spec.join("api.yaml"), SMALL_API).unwrap();
    let refused = |out: &std::path::Path, name: Option<&str>| {
        let mut args: Vec<&OsStr> = vec![
            OsStr::new("regen"),
            OsStr::new("--spec"),
            spec.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ];
        if let Some(name) = name {
            args.extend([OsStr::new("--name"), OsStr::new(name)]);
        }
        let output = xtask(&args);
        assert_eq!(output.status.code(), Some(2), "{name:?}");
        assert!(!out.exists(), "nothing is written for {name:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let out = scratch("names-out").join("api");
    let stderr = refused(&out, Some("my api!"));
    assert!(
        stderr.contains("`my api!` cannot name a package: ' ' may not appear in it"),
        "{stderr}"
    );
    let stderr = refused(&out, Some("Self"));
    assert!(
        stderr.contains("`Self` cannot name a package: `Self` is a Rust keyword"),
        "{stderr}"
    );
    // A name taken from the output folder is checked as well.
    let stderr = refused(&scratch("names-out").join("self"), None);
    assert!(
        stderr.contains("`self` is a Rust keyword") && stderr.contains("pass --name"),
        "{stderr}"
    );
}

#[test]
fn an_out_that_cannot_be_written_is_named() {
    let spec = scratch("out-spec");
    std::fs::write(spec.join("api.yaml"), SMALL_API).unwrap();
    let taken = scratch("out-taken").join("a-file");
    std::fs::write(&taken, "not a folder\n").unwrap();
    for out in [taken.clone(), taken.join("api")] {
        let output = xtask(&[
            OsStr::new("regen"),
            OsStr::new("--spec"),
            spec.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&out.display().to_string()),
            "{}: {stderr}",
            out.display()
        );
    }
}
