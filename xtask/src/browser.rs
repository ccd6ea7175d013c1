//! The API reference checked in a real browser: `xtask/browser/check.mjs` opens each
//! `api.html` in headless Chromium through playwright-core (see that file for what it
//! checks). This module installs what it needs and runs it, bounded in time.
//!
//! Chromium is Debian's `chromium` package (with a named font), installed with apt-get when
//! missing and this process may (root); playwright-core is pinned exactly in
//! `xtask/browser/package.json` and its lock file, and installed with `npm ci` into
//! `target/browser-check` (reinstalled when the lock file changes). Node.js and npm are the
//! machine's. When a tool cannot be had the check fails and says what to install; it never
//! skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Where Debian's `chromium` package puts the browser.
const DEBIAN_CHROMIUM: &str = "/usr/bin/chromium";

/// The whole check, browser start included, must finish within this.
const TIME_LIMIT: Duration = Duration::from_secs(180);

/// The browser to run: `$CHROMIUM` if set, else Debian's.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from(DEBIAN_CHROMIUM), PathBuf::from)
}

/// Installs Debian's `chromium` unless the browser is there already.
pub fn ensure_chromium() -> anyhow::Result<PathBuf> {
    let path = chromium_path();
    if path.exists() {
        return Ok(path);
    }
    // A named font too: the font Chromium recommends is not installed (no recommends), and
    // the phone-width check should measure text in a known font, not whichever one happens
    // to satisfy fontconfig's dependency.
    if !crate::checks::apt_install(&["chromium", "fonts-dejavu-core"])? {
        bail!(
            "the browser check of the API reference needs Chromium at {}: install it (Debian: \
             `apt-get install chromium fonts-dejavu-core`), or set CHROMIUM to a Chromium binary",
            path.display()
        );
    }
    if !path.exists() {
        bail!(
            "apt-get installed chromium, but {} is still missing",
            path.display()
        );
    }
    Ok(path)
}

/// The folder with `check.mjs` beside its installed `node_modules`, installed if missing or
/// stale.
fn ensure_installed(root: &Path) -> anyhow::Result<PathBuf> {
    let source = root.join("xtask/browser");
    let dir = root.join("target/browser-check");
    let lock = std::fs::read_to_string(source.join("package-lock.json"))?;
    let stamp = dir.join("package-lock.installed");
    let fresh = dir
        .join("node_modules/playwright-core/package.json")
        .exists()
        && std::fs::read_to_string(&stamp).is_ok_and(|s| s == lock);
    std::fs::create_dir_all(&dir)?;
    for file in ["package.json", "package-lock.json", "check.mjs"] {
        std::fs::copy(source.join(file), dir.join(file))
            .with_context(|| format!("cannot copy xtask/browser/{file}"))?;
    }
    if fresh {
        return Ok(dir);
    }
    println!("== installing playwright-core into {}", dir.display());
    let _ = std::fs::remove_file(&stamp);
    crate::npm::run(
        "npm ci (xtask/browser/package-lock.json)",
        &dir,
        &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
    )?;
    std::fs::write(&stamp, lock)?;
    Ok(dir)
}

/// Checks each HTML file in headless Chromium; the error holds the check's report.
pub fn check(root: &Path, pages: &[PathBuf]) -> anyhow::Result<String> {
    let chromium = ensure_chromium()?;
    let dir = ensure_installed(root)?;
    // The report goes to a file, which (unlike a pipe) never fills and stalls the check.
    let report_path = dir.join("report.txt");
    let report_file = std::fs::File::create(&report_path)?;
    let mut child = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(&chromium)
        .args(pages)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(report_file.try_clone()?)
        .stderr(report_file)
        .spawn()
        .context("cannot run node (the browser check needs Node.js 20 or later)")?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!("the browser check took over {} s", TIME_LIMIT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&report_path)?;
    if !status.success() {
        bail!("the browser check failed ({status}):\n{report}");
    }
    Ok(report)
}
