//! `cargo xtask fuzz`: a bounded libFuzzer run of every target in `fuzz/`, seeded from the
//! spec's own files and examples, with a summary of executions per target. A crash stops
//! the run and names the input libFuzzer saved (under `fuzz/artifacts/`), which becomes a
//! regression test.
//!
//! libFuzzer needs sanitizer flags that only nightly compilers accept; this machine has one
//! stable toolchain, so the run sets `RUSTC_BOOTSTRAP=1` for the fuzz build alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The targets, each with its seeds.
const TARGETS: [&str; 3] = ["identifiers", "spec_loader", "requests"];

/// Requests seeded for the `requests` target: method byte, path, newline, body.
const REQUEST_SEEDS: [&[u8]; 6] = [
    b"\x01/rooms/!r:hs.test/join\n{}",
    b"\x01/join/#a:hs.test\n",
    b"\x01/rooms/!r:hs.test/invite\n{\"user_id\": \"@b:hs.test\"}",
    b"\x01/rooms/!r:hs.test/invite\n{\"id_server\": \"x\", \"medium\": \"email\", \"address\": \"a@b\", \"display_name\": \"d\"}",
    b"\x01/createRoom\n{\"preset\": \"public_chat\", \"room_alias_name\": \"a\"}",
    b"\x00/rooms/!r:hs.test/state\n",
];

const IDENTIFIER_SEEDS: [&str; 4] = [
    "@alice:hs.test",
    "!room:hs.test",
    "#alias:hs.test:8448",
    "@[::1]:x",
];

/// Installs cargo-fuzz when missing.
fn ensure_cargo_fuzz(cargo: &str) -> anyhow::Result<()> {
    let present = Command::new(cargo)
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if present {
        return Ok(());
    }
    println!("== cargo install cargo-fuzz");
    let status = Command::new(cargo)
        .args(["install", "cargo-fuzz", "--locked"])
        .status()?;
    if !status.success() {
        bail!("cannot install cargo-fuzz");
    }
    Ok(())
}

/// Writes the seed corpus of `target` into `dir`.
fn seed(root: &Path, target: &str, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    match target {
        "identifiers" => {
            for (i, id) in IDENTIFIER_SEEDS.iter().enumerate() {
                std::fs::write(dir.join(format!("seed-{i}")), id)?;
            }
        }
        "requests" => {
            for (i, request) in REQUEST_SEEDS.iter().enumerate() {
                std::fs::write(dir.join(format!("seed-{i}")), request)?;
            }
        }
        "spec_loader" => {
            // Every API file of the spec, each with the error definition it refers to.
            let apis = root.join("api-spec/api/client-server/v1");
            let error = std::fs::read(apis.join("definitions/error.yaml")).unwrap_or_default();
            for entry in std::fs::read_dir(&apis)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let mut seed = std::fs::read(&path)?;
                    seed.push(0);
                    seed.extend_from_slice(&error);
                    let name = path.file_name().context("a file name")?;
                    std::fs::write(dir.join(name), seed)?;
                }
            }
        }
        other => bail!("no seeds for target {other}"),
    }
    Ok(())
}

/// Runs every target for `seconds`; prints executions per target.
pub fn run(root: &Path, seconds: u64) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    ensure_cargo_fuzz(&cargo)?;
    let corpora = root.join("target/fuzz-corpus");
    let mut summary = Vec::new();
    for target in TARGETS {
        let corpus: PathBuf = corpora.join(target);
        seed(root, target, &corpus)?;
        println!("== fuzz {target} for {seconds} s");
        let output = Command::new(&cargo)
            .args(["fuzz", "run", "--fuzz-dir"])
            .arg(root.join("fuzz"))
            .arg(target)
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .args(["-timeout=10", "-rss_limit_mb=4096", "-print_final_stats=1"])
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(root)
            .output()
            .with_context(|| format!("cannot run cargo fuzz for {target}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
            bail!(
                "fuzz target {target} failed: see the input saved under fuzz/artifacts/{target}/"
            );
        }
        let runs = log
            .lines()
            .find_map(|line| line.strip_prefix("stat::number_of_executed_units:"))
            .map(|n| n.trim().to_string())
            .unwrap_or_else(|| "?".into());
        summary.push((target, runs));
    }
    println!("\n| target | executions in {seconds} s | crashes |\n|---|---:|---:|");
    for (target, runs) in summary {
        println!("| {target} | {runs} | 0 |");
    }
    Ok(())
}
