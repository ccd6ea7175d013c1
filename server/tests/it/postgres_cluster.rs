//! A real PostgreSQL server for the tests: `TEST_POSTGRES_URL` when set (a role that may
//! `CREATE DATABASE`), otherwise a private cluster started once per test binary from the
//! machine's PostgreSQL programs, on a free loopback port, in a temporary folder.
//!
//! The private cluster runs under a shell that waits on a pipe from this process: when the
//! test binary exits, however it exits, the pipe closes and the shell stops PostgreSQL and
//! removes its folder. As root, PostgreSQL runs as the `postgres` user (it refuses root).
//! Without PostgreSQL's programs the tests fail, saying what to install: they never skip.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The admin URL (database `postgres`) of the server the tests use.
fn admin_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("TEST_POSTGRES_URL") {
        Ok(url) => url,
        Err(_) => start_private_cluster(),
    })
}

/// A new, empty database on the test server; its URL.
pub async fn fresh_database() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let admin = admin_url();
    let name = format!(
        "hs_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let create = format!("CREATE DATABASE {name}");
    // The client is synchronous: it runs on a blocking thread, not on the test's runtime.
    tokio::task::spawn_blocking(move || {
        let mut client = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test PostgreSQL at {admin}: {e}"));
        client.batch_execute(&create).unwrap();
    })
    .await
    .unwrap();
    let (base, _) = admin.rsplit_once('/').expect("a URL with a database path");
    format!("{base}/{name}")
}

/// The folder holding `initdb` and `postgres`: Debian's layout, or the `PATH`.
fn postgres_bin_dir() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .find(|dir| dir.join("initdb").exists() && dir.join("postgres").exists())
        .unwrap_or_else(|| {
            panic!(
                "PostgreSQL's server programs (initdb, postgres) were not found: install \
                 Debian's `postgresql` package (`cargo xtask test` does, as .ci/run runs it), \
                 or set TEST_POSTGRES_URL to a server where this role may CREATE DATABASE"
            )
        })
}

/// The uid and gid of user `name`, from /etc/passwd.
fn account(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.first() == Some(&name) && fields.len() > 3)
            .then(|| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
            .flatten()
    })
}

/// Runs PostgreSQL's programs as the `postgres` user when this process is root.
fn as_server_user<'a>(command: &'a mut Command, dir: &Path) -> &'a mut Command {
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if root {
        let (uid, gid) = account("postgres").expect(
            "running as root, PostgreSQL needs the `postgres` user (Debian's package creates it)",
        );
        std::os::unix::fs::chown(dir, Some(uid), Some(gid)).unwrap();
        command.uid(uid).gid(gid);
    }
    command.current_dir(dir)
}

fn start_private_cluster() -> String {
    let bin = postgres_bin_dir();
    let dir = tempfile::Builder::new()
        .prefix("membership-test-pg-")
        .tempdir()
        .unwrap()
        .keep();
    let data = dir.join("data");
    let output = as_server_user(&mut Command::new(bin.join("initdb")), &dir)
        .args(["--auth=trust", "--username=postgres", "--encoding=UTF8"])
        .args(["--no-sync", "--pgdata"])
        .arg(&data)
        .output()
        .expect("cannot run initdb");
    assert!(
        output.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let postgres = format!(
        "'{}' -D '{}' -p {port} -k '{}' -c listen_addresses=127.0.0.1 -c max_connections=300 \
         -c fsync=off -c full_page_writes=off",
        bin.join("postgres").display(),
        data.display(),
        dir.display()
    );
    // The shell outlives nothing: it stops PostgreSQL (fast shutdown) and removes the
    // folder once this process closes its end of the pipe.
    let script = format!(
        "{postgres} >'{log}' 2>&1 & pid=$!; cat >/dev/null; kill -INT $pid; wait $pid; rm -rf '{dir}'",
        log = dir.join("postgres.log").display(),
        dir = dir.display()
    );
    let mut child = as_server_user(&mut Command::new("sh"), &dir)
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .spawn()
        .expect("cannot start PostgreSQL");
    static KEEP_ALIVE: OnceLock<ChildStdin> = OnceLock::new();
    let _ = KEEP_ALIVE.set(child.stdin.take().unwrap());
    let started = Instant::now();
    loop {
        let ready = Command::new(bin.join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            break;
        }
        if started.elapsed() > Duration::from_secs(30) || child.try_wait().ok().flatten().is_some()
        {
            let log = std::fs::read_to_string(dir.join("postgres.log")).unwrap_or_default();
            panic!("PostgreSQL did not start on port {port}:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    format!("postgres://postgres@127.0.0.1:{port}/postgres")
}
