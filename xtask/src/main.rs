//! `cargo xtask`: regenerate `generated/`, check it for drift, run every check CI runs,
//! throw schemathesis, libFuzzer and a
//! hostile client at the code, drive the 2015 client SDKs, and benchmark.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use xtask::{STALE_EXIT_CODE, project_input, regen, workspace_root};

/// Each command and its usage, as `--help` prints it.
const COMMANDS: &[(&str, &str)] = &[
    (
        "regen",
        "  cargo xtask regen [--check]
      Rewrite generated/ from api-spec/ (only files whose bytes change).
      --check writes nothing; when anything is stale it prints a diff and exits with 3.
  cargo xtask regen --spec DIR --out DIR [--overlay FILE] [--name CRATE] [--check]
      Generate a standalone crate from every *.yaml/*.yml/*.json directly in DIR. The
      package is named CRATE, or after the --out folder.",
    ),
    (
        "test",
        "  cargo xtask test
      Everything CI runs: installs PostgreSQL's server programs and Chromium when missing
      (as root, with apt-get), then fmt --check, clippy -D warnings, regen --check, cargo
      test --workspace (the API reference's browser check among the tests), cargo xtask
      schemathesis with its defaults, cargo xtask sdk and cargo xtask attack.",
    ),
    (
        "schemathesis",
        "  cargo xtask schemathesis [--examples N] [--seconds N] [--seed N]
      Builds the release server, starts it on 127.0.0.1 with a fresh SQLite file and a user,
      and runs the pinned schemathesis (installed into target/ when missing) over
      generated/openapi.json with a real access token: N examples per operation (default 50),
      at most N seconds (default 180). Fails on any failure, printing how to reproduce it.",
    ),
    (
        "sdk",
        "  cargo xtask sdk
      The Matrix client SDKs of 2015 that speak /_matrix/client/api/v1, pinned in xtask/sdk/
      (matrix-js-sdk 0.3.0 from npm, matrix_client 0.0.2 from PyPI) and installed into
      target/sdk when missing, drive the membership story through their own calls against
      the release server: the JavaScript SDK under Node.js and, as a web page from another
      origin, in headless Chromium; the Python SDK. Each run gets a server on 127.0.0.1 with
      a fresh SQLite file and the story's users. Prints each step (ok, FAIL with what was
      expected, or skip: not in this SDK); fails on any failed step or failed install.",
    ),
    (
        "attack",
        "  cargo xtask attack [--server PATH]
      What one hostile client can do to the release server on its defaults: 10,050 silent
      connections (and HTTP/2 prefaces) from one address while another asks /health, then
      200 concurrent wrong-password logins from one address and from 200 while another
      account logs in. Prints the connections held, the bystanders' latency and the server's
      peak RSS; fails when a target is missed. --server attacks that binary instead of
      building target/release/server (an older build, to compare).",
    ),
    (
        "bench",
        "  cargo xtask bench [--requests N] [--memberships N] [--json PATH]
                    [--big-rooms-only | --postgres-only | --joins-only]
                    [--one-key-requests N] [--full-read-requests N]
      Builds the server, the generator and the harness (bench/) in release mode and measures:
      the generator, server throughput and latency at concurrency 1/16/64 in both durability
      modes, a no-work axum ceiling, large-room scaling and memory, reads of a 100,000-member
      room, and joins and invites on PostgreSQL with one and two processes. Prints a table
      with the targets; writes JSON (default target/bench/results.json). --joins-only: the
      process-crash joins and the ceiling alone (about a minute). bench/README.md says what
      each row means.",
    ),
    (
        "fuzz",
        "  cargo xtask fuzz [--seconds N]
      Runs every cargo-fuzz target in fuzz/ for N seconds (default 60), seeded from the spec;
      installs cargo-fuzz when missing. A crash fails with the saved input's path.",
    ),
    (
        "bench-codegen",
        "  cargo xtask bench-codegen [--runs N]
      Times the release generator's whole-process regen --check over api-spec/ on one core
      (median of N runs, default 20) and over a corpus ten times its size, and says whether
      the targets are met.",
    ),
];

/// The usage of every command.
fn usage() -> String {
    let commands: Vec<&str> = COMMANDS.iter().map(|(_, usage)| *usage).collect();
    format!("usage:\n{}", commands.join("\n"))
}

/// The usage of `command`.
fn usage_of(command: &str) -> String {
    let usage = COMMANDS
        .iter()
        .find(|(name, _)| *name == command)
        .map_or("", |(_, usage)| usage);
    format!("usage:\n{usage}")
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first().map(String::as_str) else {
        eprintln!("{}", usage());
        return Ok(ExitCode::from(2));
    };
    let args = &args[1..];
    if matches!(command, "--help" | "-h" | "help") {
        println!("{}", usage());
        return Ok(ExitCode::SUCCESS);
    }
    if !COMMANDS.iter().any(|(name, _)| *name == command) {
        eprintln!("unknown command `{command}`\n{}", usage());
        return Ok(ExitCode::from(2));
    }
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{}", usage_of(command));
        return Ok(ExitCode::SUCCESS);
    }
    let wrong = |arg: &str| anyhow::anyhow!("unexpected argument `{arg}`\n{}", usage_of(command));
    match command {
        "regen" => regen_command(args),
        "test" => {
            if let Some(arg) = args.first() {
                return Err(wrong(arg));
            }
            let root = workspace_root();
            xtask::checks::run_all(&root, || {
                let stale = regen(&project_input(&root), &root.join("generated"), true)?;
                for file in &stale {
                    print!("{}", file.diff);
                }
                Ok(stale.is_empty())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        "schemathesis" => {
            let mut options = xtask::schemathesis::Options::default();
            for pair in args.chunks(2) {
                let number = |what: &str| -> anyhow::Result<u64> {
                    pair.get(1)
                        .with_context(|| format!("{what} takes a number"))?
                        .parse()
                        .with_context(|| format!("{what} takes a number"))
                };
                match pair[0].as_str() {
                    "--examples" => options.examples = number("--examples")?.try_into()?,
                    "--seconds" => options.seconds = number("--seconds")?.try_into()?,
                    "--seed" => options.seed = Some(number("--seed")?),
                    other => return Err(wrong(other)),
                }
            }
            xtask::schemathesis::run(&workspace_root(), &options)?;
            Ok(ExitCode::SUCCESS)
        }
        "sdk" => {
            if let Some(arg) = args.first() {
                return Err(wrong(arg));
            }
            xtask::sdk::run(&workspace_root())?;
            Ok(ExitCode::SUCCESS)
        }
        "attack" => {
            let root = workspace_root();
            match args {
                [] => xtask::attack::run(&root)?,
                [flag, path] if flag == "--server" => {
                    xtask::attack::run_with_server(&root, &PathBuf::from(path))?
                }
                [other, ..] => return Err(wrong(other)),
            }
            Ok(ExitCode::SUCCESS)
        }
        "bench-codegen" => bench_codegen(args),
        "bench" => bench(args),
        "fuzz" => {
            let seconds = match args {
                [] => 60,
                [flag, n] if flag == "--seconds" => {
                    n.parse().context("--seconds takes a number")?
                }
                [other, ..] => return Err(wrong(other)),
            };
            xtask::fuzzing::run(&workspace_root(), seconds)?;
            Ok(ExitCode::SUCCESS)
        }
        _ => unreachable!("every command is matched"),
    }
}

fn value(args: &[String], i: &mut usize, flag: &str) -> anyhow::Result<String> {
    *i += 1;
    args.get(*i)
        .cloned()
        .with_context(|| format!("{flag} needs a value"))
}

fn regen_command(args: &[String]) -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let mut check = false;
    let (mut spec, mut out, mut overlay, mut name) = (None, None, None, None);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--check" => check = true,
            "--spec" => spec = Some(PathBuf::from(value(args, &mut i, "--spec")?)),
            "--out" => out = Some(PathBuf::from(value(args, &mut i, "--out")?)),
            "--overlay" => overlay = Some(PathBuf::from(value(args, &mut i, "--overlay")?)),
            "--name" => name = Some(value(args, &mut i, "--name")?),
            other => bail!("unexpected argument `{other}`\n{}", usage_of("regen")),
        }
        i += 1;
    }
    // The command that regenerates what this one checks, as the stale message gives it.
    let mut fix = vec!["cargo xtask regen".to_string()];
    let (input, out_dir) = match (spec, out) {
        (None, None) if overlay.is_none() && name.is_none() => {
            (project_input(&root), root.join("generated"))
        }
        (Some(spec), Some(out)) => {
            for (flag, given) in [
                ("--spec", Some(&spec)),
                ("--out", Some(&out)),
                ("--overlay", overlay.as_ref()),
            ] {
                if let Some(path) = given {
                    fix.push(format!("{flag} {}", shell_word(&path.to_string_lossy())));
                }
            }
            if let Some(name) = &name {
                fix.push(format!("--name {}", shell_word(name)));
            }
            if out.exists() && !out.is_dir() {
                bail!("--out {}: not a folder", out.display());
            }
            let crate_name = match name {
                Some(name) => name,
                None => package_name_of(&out)?,
            };
            if let Some(problem) = codegen::naming::package_name_problem(&crate_name) {
                bail!("--name: {problem}");
            }
            let label = spec
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "spec".into());
            let input = codegen::Input {
                spec_dir: spec,
                overlay,
                crate_name,
                spec_label: label,
                workspace_member: false,
            };
            (input, out)
        }
        _ => bail!("--spec and --out go together\n{}", usage_of("regen")),
    };
    let stale = regen(&input, &out_dir, check)?;
    if check {
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        for file in &stale {
            print!("{}", file.diff);
        }
        eprintln!(
            "{} generated file(s) are stale: run {}",
            stale.len(),
            fix.join(" ")
        );
        return Ok(ExitCode::from(STALE_EXIT_CODE as u8));
    }
    for file in &stale {
        let done = if file.deleted { "deleted" } else { "wrote" };
        eprintln!("{done} {}", file.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The package name a standalone crate gets from its folder when no `--name` is given:
/// lowercase, with anything but letters and digits as `-`.
fn package_name_of(out: &std::path::Path) -> anyhow::Result<String> {
    let folder = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = folder
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    match codegen::naming::package_name_problem(&name) {
        None => Ok(name),
        Some(problem) => bail!(
            "--out {}: no package name follows from the folder ({problem}); pass --name",
            out.display()
        ),
    }
}

/// `word` as one word of a shell command line: as it is when it holds nothing a shell would
/// read otherwise, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Builds the release server, generator and harness, then runs the harness on them.
fn bench(args: &[String]) -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    if !args
        .iter()
        .any(|arg| arg == "--big-rooms-only" || arg == "--joins-only")
    {
        // The PostgreSQL rows start a private cluster, as the tests do.
        xtask::checks::ensure_postgres()?;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .args(["build", "--release", "--quiet"])
        .args([
            "--package",
            "server",
            "--package",
            "xtask",
            "--package",
            "bench",
        ])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("release build failed");
    }
    let release = root.join("target/release");
    let status = std::process::Command::new(release.join("bench"))
        .arg("--server")
        .arg(release.join("server"))
        .arg("--xtask")
        .arg(release.join("xtask"))
        .args(args)
        .current_dir(&root)
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Times the release generator against its targets (see `xtask::bench_codegen`).
fn bench_codegen(args: &[String]) -> anyhow::Result<ExitCode> {
    let runs: usize = match args {
        [flag, n] if flag == "--runs" => match n.parse() {
            Ok(0) | Err(_) => bail!("--runs takes a number of at least 1"),
            Ok(runs) => runs,
        },
        [] => 20,
        [other, ..] => bail!(
            "unexpected argument `{other}`\n{}",
            usage_of("bench-codegen")
        ),
    };
    xtask::bench_codegen::run(&workspace_root(), runs)?;
    Ok(ExitCode::SUCCESS)
}
