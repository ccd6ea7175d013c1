//! npm, bounded: every install the suites make from the npm registry goes through here. An
//! `npm ci` has been seen to hang after unpacking everything (idle, no socket open), so each
//! attempt has a deadline, and a hung or failed attempt is tried again a few times before
//! the install fails (it never skips).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// How long one attempt may take; installs here take seconds.
const ATTEMPT: Duration = Duration::from_secs(180);
const ATTEMPTS: usize = 3;

/// `npm ARGS` in `dir`, its output in `dir/npm.log`; `what` names it in messages.
pub fn run(what: &str, dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let npm = std::env::var("NPM").unwrap_or_else(|_| "npm".into());
    let log_path = dir.join("npm.log");
    let mut failures = Vec::new();
    for attempt in 1..=ATTEMPTS {
        println!("== {what} (attempt {attempt} of {ATTEMPTS})");
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("cannot write {}", log_path.display()))?;
        let mut child = Command::new(&npm)
            .args(args)
            .arg("--update-notifier=false")
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot run {npm} (Node.js 20 or later, with npm)"))?;
        let started = Instant::now();
        let outcome = loop {
            if let Some(status) = child.try_wait()? {
                break if status.success() {
                    None
                } else {
                    Some(format!("failed ({status})"))
                };
            }
            if started.elapsed() > ATTEMPT {
                let _ = child.kill();
                let _ = child.wait();
                break Some(format!("did not finish within {} s", ATTEMPT.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        match outcome {
            None => return Ok(()),
            Some(failure) => {
                let output = std::fs::read_to_string(&log_path).unwrap_or_default();
                let tail: Vec<&str> = output.lines().rev().take(20).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                println!("   {what} {failure}");
                failures.push(format!("attempt {attempt}: {failure}\n{}", tail.join("\n")));
            }
        }
    }
    bail!("{what} in {}: {}", dir.display(), failures.join("\n"))
}
