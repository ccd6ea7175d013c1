//! Configuration: defaults, then a TOML file (`--config`), then environment variables and
//! flags (which clap merges, flags winning).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use serde::Deserialize;

use crate::identity::{IdentityServerSettings, IdentityServers};
use crate::storage::Durability;

/// Everything `server serve` needs, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub server_name: String,
    pub listen: SocketAddr,
    /// Where `/metrics` (Prometheus text) is served; `None` (the default) serves none.
    pub metrics_listen: Option<SocketAddr>,
    /// The TOML file the settings came from, if any.
    pub config_file: Option<PathBuf>,
    pub database_url: String,
    /// PostgreSQL only: the most connections this process opens.
    pub database_connections: u32,
    pub durability: Durability,
    /// SQLite: the largest the database may grow, in bytes; writes beyond are refused
    /// (answered 500, nothing half-written) until it may grow again. `None`: no limit.
    pub sqlite_max_bytes: Option<u64>,
    /// Joins and invites per user per second, on average.
    pub rate_limit_per_second: f64,
    /// The most joins and invites a user may make at once.
    pub rate_limit_burst: u32,
    /// Rooms a user may create per second, on average, and at once.
    pub room_creation_per_second: f64,
    pub room_creation_burst: u32,
    /// Aliases a user may create per second, on average, and at once.
    pub alias_creation_per_second: f64,
    pub alias_creation_burst: u32,
    /// Login attempts per second, on average, and at once: per client address and, apart,
    /// per account.
    pub login_per_second: f64,
    pub login_burst: u32,
    /// Password checks run at once (each takes a core and ~19 MiB for ~70 ms), and how many
    /// more may wait for one; beyond, a login is answered 429.
    pub password_checks: usize,
    pub password_check_queue: usize,
    /// The most users a `createRoom` may invite.
    pub max_create_room_invites: usize,
    /// Connections one client address may hold at once; 0 for no limit (behind a reverse
    /// proxy every client has the proxy's address).
    pub max_connections_per_address: usize,
    pub max_body_bytes: usize,
    /// Headers, and then the whole body, must arrive within this many seconds.
    pub read_timeout_seconds: f64,
    /// Connections served at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    pub log_json: bool,
    /// SQLite: how long an access token found in the database is trusted without asking
    /// again, in seconds; a token revoked by another process (`server user tokens revoke`)
    /// stops working within this. 0 asks every time.
    pub token_cache_seconds: f64,
    /// The identity servers third-party invites may use (docs/membership.md, D7); none by default,
    /// which turns the third-party invite form off.
    pub identity_servers: Vec<IdentityServerSettings>,
    /// Refuse third-party invites whose `display_name` contains the address (docs/membership.md, D6
    /// 6) [default: false].
    pub refuse_display_names_revealing_address: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            server_name: "localhost".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8008)),
            metrics_listen: None,
            config_file: None,
            database_url: "sqlite://data/homeserver.db".into(),
            database_connections: 16,
            durability: Durability::ProcessCrash,
            sqlite_max_bytes: None,
            rate_limit_per_second: 0.2,
            rate_limit_burst: 10,
            room_creation_per_second: 0.1,
            room_creation_burst: 10,
            alias_creation_per_second: 0.1,
            alias_creation_burst: 10,
            login_per_second: 0.1,
            login_burst: 10,
            password_checks: 2,
            password_check_queue: 16,
            max_create_room_invites: 100,
            max_connections_per_address: 100,
            max_body_bytes: 64 * 1024,
            read_timeout_seconds: 30.0,
            max_connections: 10_000,
            log_json: false,
            token_cache_seconds: 5.0,
            identity_servers: Vec::new(),
            refuse_display_names_revealing_address: false,
        }
    }
}

/// The TOML file: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub server_name: Option<String>,
    pub listen: Option<String>,
    pub metrics_listen: Option<String>,
    pub database_url: Option<String>,
    pub database_connections: Option<u32>,
    pub durability: Option<Durability>,
    pub sqlite_max_bytes: Option<u64>,
    pub rate_limit_per_second: Option<f64>,
    pub rate_limit_burst: Option<u32>,
    pub room_creation_per_second: Option<f64>,
    pub room_creation_burst: Option<u32>,
    pub alias_creation_per_second: Option<f64>,
    pub alias_creation_burst: Option<u32>,
    pub login_per_second: Option<f64>,
    pub login_burst: Option<u32>,
    pub password_checks: Option<usize>,
    pub password_check_queue: Option<usize>,
    pub max_create_room_invites: Option<usize>,
    pub max_connections_per_address: Option<usize>,
    pub max_body_bytes: Option<usize>,
    pub read_timeout_seconds: Option<f64>,
    pub max_connections: Option<usize>,
    pub log_json: Option<bool>,
    pub token_cache_seconds: Option<f64>,
    /// `[[identity_servers]]` tables; only the file can list them.
    #[serde(default)]
    pub identity_servers: Vec<IdentityServerSettings>,
    pub refuse_display_names_revealing_address: Option<bool>,
}

/// Settings given on the command line (before or after the subcommand) or in the
/// environment.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct Overrides {
    /// TOML configuration file; flags and environment variables override it.
    #[arg(long, global = true, env = "HOMESERVER_CONFIG")]
    pub config: Option<PathBuf>,
    /// The server name: the domain of user IDs, room IDs and aliases [default: localhost].
    #[arg(long, global = true, env = "HOMESERVER_SERVER_NAME")]
    pub server_name: Option<String>,
    /// The database: sqlite://PATH, or postgres://USER:PASSWORD@HOST/DATABASE to share one
    /// database between several server processes [default: sqlite://data/homeserver.db].
    #[arg(long, global = true, env = "HOMESERVER_DATABASE_URL")]
    pub database_url: Option<String>,
    /// PostgreSQL only: the most connections this process opens (keep the sum over all
    /// processes under the server's max_connections) [default: 16].
    #[arg(long, global = true, env = "HOMESERVER_DATABASE_CONNECTIONS")]
    pub database_connections: Option<u32>,
    /// What an answered request survives: process-crash (default) or power-loss (fsync).
    #[arg(long, global = true, env = "HOMESERVER_DURABILITY", value_enum)]
    pub durability: Option<Durability>,
}

/// Settings only `serve` takes.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct ServeOverrides {
    /// Address to listen on, HOST:PORT (a name such as localhost is resolved) [default:
    /// 127.0.0.1:8008].
    #[arg(long, env = "HOMESERVER_LISTEN")]
    pub listen: Option<String>,
    /// Serve `/metrics` (Prometheus text format) on this HOST:PORT, apart from the API
    /// [default: no metrics].
    #[arg(long, env = "HOMESERVER_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// SQLite: the largest the database may grow, in bytes; writes beyond it are refused
    /// (500) [default: no limit].
    #[arg(long, env = "HOMESERVER_SQLITE_MAX_BYTES")]
    pub sqlite_max_bytes: Option<u64>,
    /// Joins and invites per user per second, on average [default: 0.2].
    #[arg(long, env = "HOMESERVER_RATE_LIMIT_PER_SECOND")]
    pub rate_limit_per_second: Option<f64>,
    /// Joins and invites a user may make in a burst [default: 10].
    #[arg(long, env = "HOMESERVER_RATE_LIMIT_BURST")]
    pub rate_limit_burst: Option<u32>,
    /// Rooms a user may create per second, on average [default: 0.1].
    #[arg(long, env = "HOMESERVER_ROOM_CREATION_PER_SECOND")]
    pub room_creation_per_second: Option<f64>,
    /// Rooms a user may create in a burst [default: 10].
    #[arg(long, env = "HOMESERVER_ROOM_CREATION_BURST")]
    pub room_creation_burst: Option<u32>,
    /// Aliases a user may create per second, on average [default: 0.1].
    #[arg(long, env = "HOMESERVER_ALIAS_CREATION_PER_SECOND")]
    pub alias_creation_per_second: Option<f64>,
    /// Aliases a user may create in a burst [default: 10].
    #[arg(long, env = "HOMESERVER_ALIAS_CREATION_BURST")]
    pub alias_creation_burst: Option<u32>,
    /// Login attempts per second, on average, per client address and per account [default: 0.1].
    #[arg(long, env = "HOMESERVER_LOGIN_PER_SECOND")]
    pub login_per_second: Option<f64>,
    /// Login attempts in a burst, per client address and per account [default: 10].
    #[arg(long, env = "HOMESERVER_LOGIN_BURST")]
    pub login_burst: Option<u32>,
    /// Password checks run at once [default: 2].
    #[arg(long, env = "HOMESERVER_PASSWORD_CHECKS")]
    pub password_checks: Option<usize>,
    /// Logins that may wait for a password check; more are answered 429 [default: 16].
    #[arg(long, env = "HOMESERVER_PASSWORD_CHECK_QUEUE")]
    pub password_check_queue: Option<usize>,
    /// The most users one createRoom may invite [default: 100].
    #[arg(long, env = "HOMESERVER_MAX_CREATE_ROOM_INVITES")]
    pub max_create_room_invites: Option<usize>,
    /// Connections one client address may hold at once; 0 for no limit, e.g. behind a
    /// reverse proxy [default: 100].
    #[arg(long, env = "HOMESERVER_MAX_CONNECTIONS_PER_ADDRESS")]
    pub max_connections_per_address: Option<usize>,
    /// The largest request body accepted, in bytes [default: 65536].
    #[arg(long, env = "HOMESERVER_MAX_BODY_BYTES")]
    pub max_body_bytes: Option<usize>,
    /// Seconds a client has to send its headers, and then its whole body; slower requests
    /// are answered 408 or closed [default: 30].
    #[arg(long, env = "HOMESERVER_READ_TIMEOUT_SECONDS")]
    pub read_timeout_seconds: Option<f64>,
    /// Connections served at once; more wait until one closes [default: 10000].
    #[arg(long, env = "HOMESERVER_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// SQLite: seconds an access token is trusted without asking the database again; a
    /// token revoked by `server user tokens revoke` stops working within this [default: 5].
    #[arg(long, env = "HOMESERVER_TOKEN_CACHE_SECONDS")]
    pub token_cache_seconds: Option<f64>,
    /// Log as JSON lines instead of human-readable text (`--log-json=false`, and the
    /// variable, take 1/0, true/false, yes/no, on/off, and override the file either way).
    #[arg(
        long,
        env = "HOMESERVER_LOG_JSON",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub log_json: Option<bool>,
}

impl Config {
    /// Defaults ← the TOML file ← environment and flags.
    pub fn resolve(common: &Overrides, serve: &ServeOverrides) -> anyhow::Result<Config> {
        let file = match &common.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                toml::from_str::<FileConfig>(&text)
                    .with_context(|| format!("invalid configuration in {}", path.display()))?
            }
            None => FileConfig::default(),
        };
        let defaults = Config::default();
        let config = Config {
            server_name: common
                .server_name
                .clone()
                .or(file.server_name)
                .unwrap_or(defaults.server_name),
            listen: match serve.listen.clone().or(file.listen) {
                Some(listen) => resolve_address("listen", &listen)?,
                None => defaults.listen,
            },
            metrics_listen: serve
                .metrics_listen
                .clone()
                .or(file.metrics_listen)
                .map(|address| resolve_address("metrics_listen", &address))
                .transpose()?,
            config_file: common.config.clone(),
            database_url: common
                .database_url
                .clone()
                .or(file.database_url)
                .unwrap_or(defaults.database_url),
            database_connections: common
                .database_connections
                .or(file.database_connections)
                .unwrap_or(defaults.database_connections),
            durability: common
                .durability
                .or(file.durability)
                .unwrap_or(defaults.durability),
            sqlite_max_bytes: serve.sqlite_max_bytes.or(file.sqlite_max_bytes),
            rate_limit_per_second: serve
                .rate_limit_per_second
                .or(file.rate_limit_per_second)
                .unwrap_or(defaults.rate_limit_per_second),
            rate_limit_burst: serve
                .rate_limit_burst
                .or(file.rate_limit_burst)
                .unwrap_or(defaults.rate_limit_burst),
            room_creation_per_second: serve
                .room_creation_per_second
                .or(file.room_creation_per_second)
                .unwrap_or(defaults.room_creation_per_second),
            room_creation_burst: serve
                .room_creation_burst
                .or(file.room_creation_burst)
                .unwrap_or(defaults.room_creation_burst),
            alias_creation_per_second: serve
                .alias_creation_per_second
                .or(file.alias_creation_per_second)
                .unwrap_or(defaults.alias_creation_per_second),
            alias_creation_burst: serve
                .alias_creation_burst
                .or(file.alias_creation_burst)
                .unwrap_or(defaults.alias_creation_burst),
            login_per_second: serve
                .login_per_second
                .or(file.login_per_second)
                .unwrap_or(defaults.login_per_second),
            login_burst: serve
                .login_burst
                .or(file.login_burst)
                .unwrap_or(defaults.login_burst),
            password_checks: serve
                .password_checks
                .or(file.password_checks)
                .unwrap_or(defaults.password_checks),
            password_check_queue: serve
                .password_check_queue
                .or(file.password_check_queue)
                .unwrap_or(defaults.password_check_queue),
            max_create_room_invites: serve
                .max_create_room_invites
                .or(file.max_create_room_invites)
                .unwrap_or(defaults.max_create_room_invites),
            max_connections_per_address: serve
                .max_connections_per_address
                .or(file.max_connections_per_address)
                .unwrap_or(defaults.max_connections_per_address),
            max_body_bytes: serve
                .max_body_bytes
                .or(file.max_body_bytes)
                .unwrap_or(defaults.max_body_bytes),
            read_timeout_seconds: serve
                .read_timeout_seconds
                .or(file.read_timeout_seconds)
                .unwrap_or(defaults.read_timeout_seconds),
            max_connections: serve
                .max_connections
                .or(file.max_connections)
                .unwrap_or(defaults.max_connections),
            log_json: serve.log_json.or(file.log_json).unwrap_or(false),
            token_cache_seconds: serve
                .token_cache_seconds
                .or(file.token_cache_seconds)
                .unwrap_or(defaults.token_cache_seconds),
            identity_servers: file.identity_servers,
            refuse_display_names_revealing_address: file
                .refuse_display_names_revealing_address
                .unwrap_or(defaults.refuse_display_names_revealing_address),
        };
        if crate::ids::RoomId::parse(&format!("!x:{}", config.server_name)).is_err() {
            anyhow::bail!(
                "server name `{}` is not a valid host[:port]",
                config.server_name
            );
        }
        for (name, rate) in [
            ("rate_limit_per_second", config.rate_limit_per_second),
            ("room_creation_per_second", config.room_creation_per_second),
            (
                "alias_creation_per_second",
                config.alias_creation_per_second,
            ),
            ("login_per_second", config.login_per_second),
        ] {
            if rate.is_nan() || rate <= 0.0 {
                anyhow::bail!("{name} must be positive");
            }
        }
        if config.password_checks == 0 {
            anyhow::bail!("password_checks must be at least 1");
        }
        // Also keeps Duration::from_secs_f64 away from values it cannot take.
        if !(config.read_timeout_seconds > 0.0 && config.read_timeout_seconds <= 86_400.0) {
            anyhow::bail!("read_timeout_seconds must be more than 0 and at most 86400");
        }
        if !(config.token_cache_seconds >= 0.0 && config.token_cache_seconds <= 3600.0) {
            anyhow::bail!("token_cache_seconds must be between 0 and 3600");
        }
        if config.max_connections == 0 {
            anyhow::bail!("max_connections must be at least 1");
        }
        for (name, value) in [
            ("rate_limit_burst", config.rate_limit_burst),
            ("room_creation_burst", config.room_creation_burst),
            ("alias_creation_burst", config.alias_creation_burst),
            ("login_burst", config.login_burst),
            ("database_connections", config.database_connections),
        ] {
            if value == 0 {
                anyhow::bail!("{name} must be at least 1");
            }
        }
        if config.max_body_bytes < 1024 {
            anyhow::bail!(
                "max_body_bytes must be at least 1024 (every request with a body would be refused); it is {}",
                config.max_body_bytes
            );
        }
        if let Some(bytes) = config.sqlite_max_bytes
            && bytes < 64 * 1024
        {
            anyhow::bail!("sqlite_max_bytes must be at least 65536 (64 KiB); it is {bytes}");
        }
        if config.metrics_listen.is_some() && config.metrics_listen == Some(config.listen) {
            anyhow::bail!(
                "metrics_listen must differ from listen: metrics are kept off the API's address"
            );
        }
        IdentityServers::new(&config.identity_servers)?;
        Ok(config)
    }
}

/// `HOST:PORT`, an IP address or a name (resolved now; the first address is used).
fn resolve_address(setting: &str, text: &str) -> anyhow::Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    if !text.contains(':') {
        anyhow::bail!("{setting} `{text}` has no port: give HOST:PORT, e.g. 127.0.0.1:8008");
    }
    text.to_socket_addrs()
        .with_context(|| format!("cannot resolve the {setting} address `{text}`"))?
        .next()
        .with_context(|| format!("the {setting} address `{text}` resolves to no address"))
}

impl Config {
    /// What the server runs with, one `(what, value)` per line, for the first lines of its
    /// log: no password (the database URL's is masked).
    pub fn summary(&self) -> Vec<(&'static str, String)> {
        let database = match crate::storage::DatabaseLocation::parse(&self.database_url) {
            Ok(location) => format!("{location} ({})", location.engine()),
            Err(_) => crate::storage::redact_password(&self.database_url),
        };
        let identity = if self.identity_servers.is_empty() {
            "none (third-party invites are off)".to_string()
        } else {
            self.identity_servers
                .iter()
                .map(|server| server.id_server.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rate = |per_second: f64, burst: u32| format!("{per_second}/s (burst {burst})");
        vec![
            ("version", env!("CARGO_PKG_VERSION").to_string()),
            ("listen", self.listen.to_string()),
            ("server name", self.server_name.clone()),
            ("database", database),
            (
                "config file",
                self.config_file
                    .as_ref()
                    .map_or("none".into(), |path| path.display().to_string()),
            ),
            (
                "durability",
                match self.durability {
                    Durability::ProcessCrash => "process-crash".into(),
                    Durability::PowerLoss => "power-loss (fsync every commit)".into(),
                },
            ),
            ("identity servers", identity),
            (
                "rate limits",
                format!(
                    "joins and invites {} per user; rooms {}; aliases {}; logins {} per address and per account",
                    rate(self.rate_limit_per_second, self.rate_limit_burst),
                    rate(self.room_creation_per_second, self.room_creation_burst),
                    rate(self.alias_creation_per_second, self.alias_creation_burst),
                    rate(self.login_per_second, self.login_burst),
                ),
            ),
            (
                "metrics",
                self.metrics_listen
                    .map_or("off".into(), |address| format!("http://{address}/metrics")),
            ),
            ("token cache", format!("{} s", self.token_cache_seconds)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn defaults_then_file_then_flags() {
        let defaults = Config::resolve(&Overrides::default(), &ServeOverrides::default()).unwrap();
        assert_eq!(
            (
                defaults.server_name.as_str(),
                defaults.listen.to_string().as_str()
            ),
            ("localhost", "127.0.0.1:8008")
        );
        assert_eq!(defaults.database_url, "sqlite://data/homeserver.db");

        let (_dir, path) = file(
            "server_name = \"file.test\"\nrate_limit_burst = 3\nlisten = \"127.0.0.1:9000\"\n\
             [[identity_servers]]\nid_server = \"is.example:8090\"\nkey_id = \"ed25519:1\"\n",
        );
        let common = Overrides {
            config: Some(path),
            ..Overrides::default()
        };
        let from_file = Config::resolve(&common, &ServeOverrides::default()).unwrap();
        assert_eq!(
            (from_file.server_name.as_str(), from_file.rate_limit_burst),
            ("file.test", 3)
        );
        assert_eq!(
            from_file.identity_servers,
            [IdentityServerSettings {
                id_server: "is.example:8090".into(),
                base_url: None,
                signing_name: None,
                key_id: Some("ed25519:1".into()),
                allow_private_addresses: false,
            }]
        );
        let flags = ServeOverrides {
            rate_limit_burst: Some(7),
            ..ServeOverrides::default()
        };
        let common = Overrides {
            server_name: Some("flag.test".into()),
            ..common
        };
        let both = Config::resolve(&common, &flags).unwrap();
        assert_eq!(
            (
                both.server_name.as_str(),
                both.rate_limit_burst,
                both.listen.port()
            ),
            ("flag.test", 7, 9000)
        );
    }

    #[test]
    fn the_summary_masks_the_database_password() {
        let config = Config {
            database_url: "postgres://hs:s3cret@db.example:5433/hs".into(),
            config_file: Some("/etc/hs.toml".into()),
            ..Config::default()
        };
        let summary = config.summary();
        let line = |what: &str| {
            summary
                .iter()
                .find(|(key, _)| *key == what)
                .map(|(_, value)| value.clone())
                .unwrap()
        };
        assert_eq!(
            line("database"),
            "postgres://hs:***@db.example:5433/hs (PostgreSQL)"
        );
        assert_eq!(line("config file"), "/etc/hs.toml");
        assert_eq!(line("metrics"), "off");
        assert!(!format!("{summary:?}").contains("s3cret"));
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        let (_dir, path) = file("unknown_key = 1\n");
        let error = Config::resolve(
            &Overrides {
                config: Some(path),
                ..Overrides::default()
            },
            &ServeOverrides::default(),
        )
        .unwrap_err();
        assert!(format!("{error:#}").contains("unknown_key"), "{error:#}");
        let bad_name = Overrides {
            server_name: Some("bad name".into()),
            ..Overrides::default()
        };
        assert!(Config::resolve(&bad_name, &ServeOverrides::default()).is_err());
        // Identity servers are tables, and each is checked when the configuration loads.
        for (text, why) in [
            ("identity_servers = [\"is.example\"]\n", "invalid type"),
            (
                "[[identity_servers]]\nid_server = \"is.example\"\nbase_url = \"http://10.0.0.1\"\n",
                "10.0.0.1 is a private address",
            ),
        ] {
            let (_dir, path) = file(text);
            let error = Config::resolve(
                &Overrides {
                    config: Some(path),
                    ..Overrides::default()
                },
                &ServeOverrides::default(),
            )
            .unwrap_err();
            assert!(format!("{error:#}").contains(why), "{error:#}");
        }
    }
}
