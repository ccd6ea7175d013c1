//! The release server binary as the suites that run against it (schemathesis, the SDKs,
//! the attacks) need it: built once by cargo, and users added with its own `user add`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

/// Builds `target/release/server`; its path.
pub fn build(root: &Path) -> anyhow::Result<PathBuf> {
    println!("== cargo build --release --bin server");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "--release", "-p", "server", "--bin", "server"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cannot build the release server");
    }
    Ok(root.join("target/release/server"))
}

/// `server user add USER --password-stdin` on `database`.
pub fn add_user(server: &Path, database: &str, user: &str, password: &str) -> anyhow::Result<()> {
    let mut add = Command::new(server)
        .args(["--database-url", database, "user", "add", user])
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .context("cannot run server user add")?;
    add.stdin
        .take()
        .context("stdin")?
        .write_all(format!("{password}\n").as_bytes())?;
    if !add.wait()?.success() {
        bail!("server user add {user} failed");
    }
    Ok(())
}
