//! Sydent, the reference Matrix identity server, on 127.0.0.1 for the third-party invite
//! tests: installed on first use into a virtualenv under the target folder (pinned in
//! `tests/sydent/requirements.txt`), started once per test binary with a throwaway SQLite
//! database and an SMTP sink (store-invite mails the invitee before it answers), and
//! stopped when the test binary exits, however it exits. When Sydent cannot be installed
//! or started the tests that need it fail, saying why; they never skip.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const REQUIREMENTS: &str = include_str!("../sydent/requirements.txt");

/// A running Sydent.
pub struct Sydent {
    /// What clients send as `id_server`; also the name Sydent signs with.
    pub id_server: String,
    /// Its client API, e.g. `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its internal API (binds an address without an email round trip).
    internal_url: String,
    /// The recipient of each mail the SMTP sink has taken (one per stored invite).
    mails: Arc<Mutex<Vec<String>>>,
    folder: PathBuf,
    /// The shell that stops Sydent once `_keep_alive` closes (never waited for: it ends
    /// with this process).
    _shell: Child,
    _keep_alive: ChildStdin,
}

/// The Sydent of this test binary, started on first use.
pub fn sydent() -> &'static Sydent {
    static SYDENT: OnceLock<Sydent> = OnceLock::new();
    SYDENT.get_or_init(|| Sydent::start(&install()))
}

impl Sydent {
    /// The allow-list entry for it: plain HTTP on loopback, which an entry must permit.
    pub fn allow_list_entry(&self) -> server::identity::IdentityServerSettings {
        crate::fake_identity::loopback_entry(&self.id_server, &self.url)
    }

    /// How many mails Sydent sent to `address` (it mails the invitee on store-invite).
    pub fn mails_to(&self, address: &str) -> usize {
        let mails = self.mails.lock().unwrap();
        mails
            .iter()
            .filter(|to| to.eq_ignore_ascii_case(address))
            .count()
    }

    /// Binds `address` to `mxid` as if its owner had proved it; returns Sydent's signed
    /// association, with `invites[].signed` for invites stored for the address.
    pub async fn bind(&self, address: &str, mxid: &str) -> Value {
        let response = reqwest::Client::new()
            .post(format!(
                "{}/_matrix/identity/internal/bind",
                self.internal_url
            ))
            .json(&json!({"medium": "email", "address": address, "mxid": mxid}))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "bind: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    fn start(venv: &Path) -> Sydent {
        let folder = tempfile::Builder::new()
            .prefix("membership-test-sydent-")
            .tempdir()
            .unwrap()
            .keep();
        let (mails, smtp_port) = smtp_sink();
        let port = free_port();
        let internal_port = free_port();
        let id_server = format!("127.0.0.1:{port}");
        let templates = folder.join("templates/matrix-org");
        std::fs::create_dir_all(&templates).unwrap();
        // The PyPI wheel ships no templates; store-invite needs this one. Only keys Sydent
        // substitutes may appear (Python %-formatting).
        std::fs::write(
            templates.join("invite_template.eml"),
            "Date: %(date)s\nFrom: %(from)s\nTo: %(to)s\nMessage-ID: %(messageid)s\n\
             Subject: %(subject_header_value)s\nMIME-Version: 1.0\n\
             Content-Type: text/plain; charset=\"UTF-8\"\n\ntoken=%(token)s\n",
        )
        .unwrap();
        let dir = folder.display();
        // Sydent's default ip.blacklist covers loopback, so its after-bind callback to a
        // homeserver named localhost:PORT never leaves the machine.
        let config = format!(
            "[general]\nserver.name = {id_server}\nlog.path = {dir}/sydent.log\n\
             pidfile.path = {dir}/sydent.pid\ntemplates.path = {dir}/templates\n\
             brand.default = matrix-org\nenable_v1_access = true\n\n\
             [db]\ndb.file = {dir}/sydent.db\n\n\
             [http]\nclientapi.http.bind_address = 127.0.0.1\nclientapi.http.port = {port}\n\
             internalapi.http.bind_address = 127.0.0.1\ninternalapi.http.port = {internal_port}\n\
             replication.https.bind_address = 127.0.0.1\nclient_http_base = http://{id_server}\n\n\
             [email]\nemail.smtphost = 127.0.0.1\nemail.smtpport = {smtp_port}\n\
             email.hostname = localhost\nemail.from = Sydent <noreply@localhost>\n\
             email.tlsmode = 0\nemail.ratelimit_sender.burst = 100000\n\
             email.ratelimit_sender.rate_hz = 100000\n\n[crypto]\n"
        );
        std::fs::write(folder.join("sydent.conf"), config).unwrap();
        // The shell stops Sydent and removes its folder once this process closes its end
        // of the pipe, which the kernel does however the test binary ends.
        let script = format!(
            "'{sydent}' >'{dir}/sydent.out' 2>&1 & pid=$!; cat >/dev/null; kill $pid; wait $pid; rm -rf '{dir}'",
            sydent = venv.join("bin/sydent").display(),
        );
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .env("SYDENT_CONF", folder.join("sydent.conf"))
            .current_dir(&folder)
            .stdin(Stdio::piped())
            .spawn()
            .expect("cannot start Sydent");
        let keep_alive = child.stdin.take().unwrap();
        let started = Instant::now();
        while !(listening(port) && listening(internal_port)) {
            if started.elapsed() > Duration::from_secs(60)
                || child.try_wait().ok().flatten().is_some()
            {
                let out = std::fs::read_to_string(folder.join("sydent.out")).unwrap_or_default();
                let log = std::fs::read_to_string(folder.join("sydent.log")).unwrap_or_default();
                panic!("Sydent did not start on port {port}:\n{out}\n{log}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Sydent {
            url: format!("http://{id_server}"),
            id_server,
            internal_url: format!("http://127.0.0.1:{internal_port}"),
            mails,
            folder,
            _shell: child,
            _keep_alive: keep_alive,
        }
    }

    /// Sydent's own log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.folder.join("sydent.log")).unwrap_or_default()
    }
}

/// The virtualenv with Sydent, installed if missing or stale (about 25 s, from PyPI).
fn install() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sydent-venv");
    let stamp = venv.join("requirements.installed");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == REQUIREMENTS) {
        return venv;
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let run = |command: &mut Command, what: &str| {
        let output = command.output().unwrap_or_else(|e| {
            panic!("cannot install Sydent: {what}: {e} (is {python} installed?)")
        });
        assert!(
            output.status.success(),
            "cannot install Sydent: {what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let _ = std::fs::remove_dir_all(&venv);
    run(
        Command::new(&python).args(["-m", "venv"]).arg(&venv),
        "python3 -m venv",
    );
    let requirements = venv.join("requirements.txt");
    std::fs::write(&requirements, REQUIREMENTS).unwrap();
    run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
        "pip install -r tests/sydent/requirements.txt",
    );
    std::fs::write(&stamp, REQUIREMENTS).unwrap();
    venv
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn listening(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// A minimal SMTP server on 127.0.0.1 that takes every mail and notes its recipient.
fn smtp_sink() -> (Arc<Mutex<Vec<String>>>, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let counter = mails.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counter = counter.clone();
            std::thread::spawn(move || {
                let _ = smtp_session(stream, &counter);
            });
        }
    });
    (mails, port)
}

fn smtp_session(stream: TcpStream, mails: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut lines = BufReader::new(stream).lines();
    writer.write_all(b"220 localhost ESMTP test sink\r\n")?;
    let mut recipients = Vec::new();
    while let Some(line) = lines.next() {
        let line = line?;
        let command = line.to_ascii_uppercase();
        if command.starts_with("RCPT TO:") {
            let to = line["RCPT TO:".len()..].trim().trim_start_matches('<');
            recipients.push(to.split('>').next().unwrap_or_default().to_string());
        }
        let reply: &[u8] = if command.starts_with("DATA") {
            writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            for line in lines.by_ref() {
                if line? == "." {
                    break;
                }
            }
            mails.lock().unwrap().append(&mut recipients);
            b"250 queued\r\n"
        } else if command.starts_with("QUIT") {
            writer.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            b"250 ok\r\n"
        };
        writer.write_all(reply)?;
    }
    Ok(())
}
