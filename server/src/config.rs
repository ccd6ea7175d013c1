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
    pub listen: Option<SocketAddr>,
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
    /// Address to listen on [default: 127.0.0.1:8008].
    #[arg(long, env = "HOMESERVER_LISTEN")]
    pub listen: Option<SocketAddr>,
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
    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "HOMESERVER_LOG_JSON")]
    pub log_json: bool,
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
            listen: serve.listen.or(file.listen).unwrap_or(defaults.listen),
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
            log_json: serve.log_json || file.log_json.unwrap_or(false),
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
        if config.max_connections == 0 {
            anyhow::bail!("max_connections must be at least 1");
        }
        IdentityServers::new(&config.identity_servers)?;
        Ok(config)
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
