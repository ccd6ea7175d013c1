//! `cargo xtask bench-codegen`: the generator's targets, timed on whole processes of the
//! release build pinned to one core. `regen --check` over `api-spec/` takes at most 50 ms
//! (median), and a spec ten times as large at most twelve times as long (it grows linearly).

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::{Value, json};

/// The median of whole-process `regen --check` over `api-spec/`, at most.
const TARGET_MS: f64 = 50.0;
/// How many times as long a spec ten times as large may take, at most.
const TARGET_RATIO: f64 = 12.0;
/// The project's spec folder, under `api-spec/`.
const SPEC: &str = "api/client-server/v1";
/// Runs per corpus when timing the scaling: the large corpus takes tenfold per run.
const SCALING_RUNS: usize = 5;

/// Builds the release generator and prints both figures, each with whether its target is
/// met.
pub fn run(root: &Path, runs: usize) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--package", "xtask"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("release build failed");
    }
    let binary = root.join("target/release/xtask");
    let pinned = Command::new("taskset")
        .args(["-c", "0", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !pinned {
        println!("taskset is missing: the runs are not pinned to one core");
    }
    let timer = Timer { binary, pinned };

    let cpu_before = host_cpu_ticks();
    let median = timer.median(root, &["regen", "--check"], runs)?;
    println!(
        "regen --check over api-spec/ on one core: median {median:.1} ms of {runs} runs (target ≤ {TARGET_MS} ms: {})",
        verdict(median <= TARGET_MS)
    );

    let scratch = std::env::temp_dir().join(format!("bench-codegen-{}", std::process::id()));
    let scaling = scaling(root, &scratch, &timer);
    let _ = fs::remove_dir_all(&scratch);
    let (small, large) = scaling?;
    let ratio = large / small;
    println!(
        "ten times the spec: {large:.1} ms against {small:.1} ms, {ratio:.1}× as long (target ≤ {TARGET_RATIO}×: {})",
        verdict(ratio <= TARGET_RATIO)
    );
    if let Some(steal) = host_cpu_ticks()
        .zip(cpu_before)
        .and_then(|(after, before)| stolen_share(before, after))
    {
        // On a virtual machine the host's other guests move these figures; the share of CPU
        // time the host took back says what kind of spell it was.
        println!(
            "host: {:.1} % of this machine's CPU time was stolen meanwhile",
            steal * 100.0
        );
    }
    Ok(())
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

/// Runs the release generator, pinned to core 0 when `taskset` is there.
struct Timer {
    binary: PathBuf,
    pinned: bool,
}

impl Timer {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = if self.pinned {
            let mut command = Command::new("taskset");
            command.args(["-c", "0"]).arg(&self.binary);
            command
        } else {
            Command::new(&self.binary)
        };
        command.args(args).stdout(Stdio::null());
        command
    }

    /// The median wall time of `runs` runs of `args` in `dir`, in milliseconds, after one
    /// run that warms the page cache. Every run must succeed (for `--check`: nothing stale).
    fn median(&self, dir: &Path, args: &[&str], runs: usize) -> anyhow::Result<f64> {
        let mut times = Vec::with_capacity(runs);
        for run in 0..=runs {
            let start = Instant::now();
            let status = self.command(args).current_dir(dir).status()?;
            let elapsed = start.elapsed();
            if !status.success() {
                bail!("`xtask {}` failed ({status})", args.join(" "));
            }
            if run > 0 {
                times.push(elapsed.as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        Ok(times[times.len() / 2])
    }
}

/// The median `regen --check` times of the project's spec laid out afresh once and ten
/// times over (see [`corpus`]), in that order.
fn scaling(root: &Path, scratch: &Path, timer: &Timer) -> anyhow::Result<(f64, f64)> {
    let mut medians = Vec::new();
    for copies in [1, 10] {
        let dir = scratch.join(format!("x{copies}"));
        corpus(root, &dir, copies)?;
        let args = [
            "regen",
            "--spec",
            SPEC,
            "--out",
            "out",
            "--overlay",
            "overlay.json",
        ];
        let written = timer.command(&args).current_dir(&dir).output()?;
        if !written.status.success() {
            bail!(
                "the {copies}× corpus does not generate ({}):\n{}",
                written.status,
                String::from_utf8_lossy(&written.stderr)
            );
        }
        let check: Vec<&str> = args.iter().copied().chain(["--check"]).collect();
        medians.push(timer.median(&dir, &check, SCALING_RUNS)?);
    }
    Ok((medians[0], medians[1]))
}

/// Lays out in `dir` the project's `api-spec/` with `copies` copies of every API file
/// (`rooms.yaml`, `rooms2.yaml`, …; each under a base path of its own, so routes stay
/// apart), and an overlay that does to every copy what the project's does to the original.
/// Everything else is shared: the spec folder's other entries and `api-spec/`'s other
/// folders are symlinks to the originals, so relative paths (`$ref`s, example files, the
/// overlay's `x-file`s) lead where they do in the project.
fn corpus(root: &Path, dir: &Path, copies: usize) -> anyhow::Result<()> {
    let project = root.join("api-spec");
    let original = project.join(SPEC);
    let spec = dir.join(SPEC);
    fs::create_dir_all(&spec).with_context(|| format!("cannot create {}", spec.display()))?;
    for entry in fs::read_dir(&project)? {
        let name = entry?.file_name();
        if name != "api" {
            symlink(fs::canonicalize(project.join(&name))?, dir.join(&name))?;
        }
    }
    // Each API file's name, the names of its copies (itself first), and its base path.
    let mut apis: Vec<(String, Vec<String>, String)> = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(&original)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let api = path.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            );
        if !api {
            symlink(fs::canonicalize(&path)?, spec.join(&name))?;
            continue;
        }
        let text = fs::read_to_string(&path)?;
        let base = codegen::load::parse(&text, &name)?
            .get("basePath")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
        let names: Vec<String> = (1..=copies)
            .map(|n| match n {
                1 => name.clone(),
                n => format!("{stem}{n}.{extension}"),
            })
            .collect();
        for copy in &names {
            fs::write(spec.join(copy), &text)?;
        }
        apis.push((name, names, base));
    }

    let overlay_path = root.join("api-spec/overlay.yaml");
    let mut overlay = codegen::load::parse(&fs::read_to_string(&overlay_path)?, "overlay.yaml")?;
    let actions = overlay
        .get("actions")
        .and_then(Value::as_array)
        .context("the overlay has no actions")?;
    let mut copied = Vec::new();
    for action in actions {
        let file = action.get("x-file").and_then(Value::as_str);
        match file.and_then(|file| apis.iter().find(|(name, _, _)| name == file)) {
            Some((_, names, _)) => {
                for name in names {
                    let mut action = action.clone();
                    action["x-file"] = json!(name);
                    copied.push(action);
                }
            }
            None => copied.push(action.clone()),
        }
    }
    for (_, names, base) in &apis {
        for (n, name) in names.iter().enumerate().skip(1) {
            copied.push(json!({
                "x-file": name,
                "target": "$",
                "update": { "basePath": format!("{base}/copy{}", n + 1) },
            }));
        }
    }
    overlay["actions"] = Value::Array(copied);
    fs::write(
        dir.join("overlay.json"),
        serde_json::to_string_pretty(&overlay)?,
    )?;
    Ok(())
}

/// The machine's stolen and total CPU time so far, in ticks (Linux's `/proc/stat`); `None`
/// where there is no such file.
fn host_cpu_ticks() -> Option<(u64, u64)> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    // `cpu  user nice system idle iowait irq softirq steal guest guest_nice`; guest time is
    // already counted in user and nice.
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .strip_prefix("cpu ")?
        .split_whitespace()
        .take(8)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    (ticks.len() == 8).then(|| (ticks[7], ticks.iter().sum()))
}

fn stolen_share(
    (steal_before, total_before): (u64, u64),
    (steal_after, total_after): (u64, u64),
) -> Option<f64> {
    (total_after > total_before).then(|| {
        steal_after.saturating_sub(steal_before) as f64 / (total_after - total_before) as f64
    })
}
