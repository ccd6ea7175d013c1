//! `cargo xtask test`: everything CI checks, in CI's order, after installing what the tests
//! need that cargo cannot fetch. On a fresh machine this one command is the whole suite.
//!
//! What the tests need beyond crates: PostgreSQL's server programs (`initdb`, `postgres`),
//! with which the PostgreSQL test binary starts its own private cluster, and Chromium, in
//! which `xtask/tests/browser.rs` checks the API reference. They are installed from Debian's
//! `postgresql` and `chromium` packages when missing and this process may (root, apt-get);
//! otherwise the command stops and says what to install. Python 3 and Node.js (on the
//! machine) are the rest: the third-party invite tests install Sydent and the last step
//! schemathesis, each into a virtualenv under `target/`, and the browser check installs
//! playwright-core with npm into `target/browser-check`, all pinned.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// Whether PostgreSQL's server programs are on this machine (Debian's layout or the `PATH`).
/// Mirrors what `server/tests/it/postgres_cluster.rs` looks for.
pub fn postgres_installed() -> bool {
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .any(|version| version.path().join("bin/initdb").exists());
    debian
        || std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("initdb").exists()))
}

pub(crate) fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn run(what: &str, command: &mut Command) -> anyhow::Result<()> {
    println!("== {what}");
    let status = command
        .status()
        .with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Installs Debian's `packages` with apt-get; `false` when this process cannot (not root, or
/// no apt-get), so the caller can say what to install.
pub fn apt_install(packages: &[&str]) -> anyhow::Result<bool> {
    let apt = Path::new("/usr/bin/apt-get");
    if !is_root() || !apt.exists() {
        return Ok(false);
    }
    let quiet = |args: &[&str]| {
        let mut command = Command::new(apt);
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run("apt-get update", &mut quiet(&["-q", "update"]))?;
    let mut args = vec!["-q", "-y", "--no-install-recommends", "install"];
    args.extend(packages);
    run(
        &format!("apt-get install {}", packages.join(" ")),
        &mut quiet(&args),
    )?;
    Ok(true)
}

/// Installs PostgreSQL's server programs unless they are there already.
pub fn ensure_postgres() -> anyhow::Result<()> {
    if postgres_installed() || std::env::var_os("TEST_POSTGRES_URL").is_some() {
        return Ok(());
    }
    if !apt_install(&["postgresql"])? {
        bail!(
            "the PostgreSQL tests need PostgreSQL's server programs (initdb, postgres): install \
             them (Debian: `apt-get install postgresql`), or set TEST_POSTGRES_URL to a server \
             where the role may CREATE DATABASE"
        );
    }
    if !postgres_installed() {
        bail!("apt-get installed postgresql, but initdb is still not found");
    }
    Ok(())
}

/// Every check CI runs: prerequisites, formatting, lints, drift, the tests, then
/// schemathesis, the 2015 client SDKs and the attacks against the release server.
pub fn run_all(
    root: &Path,
    regen_check: impl FnOnce() -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let cargo = PathBuf::from(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    let cargo = |args: &[&str]| {
        let mut command = Command::new(&cargo);
        command.args(args).current_dir(root);
        command
    };
    println!("== prerequisites");
    ensure_postgres()?;
    crate::browser::ensure_chromium()?;
    run(
        "cargo fmt --all --check",
        &mut cargo(&["fmt", "--all", "--check"]),
    )?;
    run(
        "cargo clippy --workspace --all-targets -- -D warnings",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    println!("== cargo xtask regen --check");
    if !regen_check()? {
        bail!("generated/ is stale: run cargo xtask regen");
    }
    run(
        "cargo test --workspace",
        &mut cargo(&["test", "--workspace"]),
    )?;
    crate::schemathesis::run(root, &crate::schemathesis::Options::default())?;
    // The release server that schemathesis built.
    let server = root.join("target/release/server");
    crate::sdk::run_with_server(root, &server)?;
    crate::attack::run_with_server(root, &server)
}
