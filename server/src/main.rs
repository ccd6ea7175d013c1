//! `server`: run the homeserver, or administer its users and rooms (exit codes:
//! `server::admin::exit`).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::admin::{self, AdminError, Format};
use server::config::{Config, Overrides, ServeOverrides};
use server::ids::UserId;
use server::storage::{Create, Store};

/// mimalloc, not the C library's allocator: a request's allocations are made on one thread
/// and freed on another (an async worker and the SQLite writer hand each write back and
/// forth), which glibc's allocator serialises on a lock per arena. Measured in
/// docs/performance.md ("Joins, a third pass"): about a quarter less CPU per join.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "server",
    version,
    about = "A Matrix Client-Server v1 homeserver for room membership."
)]
struct Cli {
    #[command(flatten)]
    common: Overrides,
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start; boxing the serve settings would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the Client-Server API (defaults: 127.0.0.1:8008, server name localhost, SQLite under ./data).
    Serve {
        #[command(flatten)]
        serve: ServeOverrides,
    },
    /// Manage users: add, list, passwd, deactivate, tokens revoke.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Inspect rooms and remove aliases: list, show, delete-alias.
    Room {
        #[command(subcommand)]
        command: RoomCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password is read from a prompt (twice), a file, or standard input,
    /// never from the command line.
    Add {
        /// The new user's name: `bob`, or `@bob:<server name>` (only this server's). Lowercase
        /// a-z, 0-9 and `.`, `_`, `=`, `-`, `/`.
        localpart: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// List the accounts, with when each was made, whether it is deactivated, and how many
    /// sessions (access tokens) it holds.
    List {
        /// Only the deactivated accounts.
        #[arg(long)]
        deactivated: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Replace a user's password (read as for `user add`). Their sessions stay; revoke them
    /// with `user tokens revoke`.
    Passwd {
        /// `bob` or `@bob:<server name>`.
        name: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Deactivate a user: login is refused from now on, every token is revoked, and the user
    /// leaves (or rejects the invite to) every room, as by their own leave.
    Deactivate {
        /// `bob` or `@bob:<server name>`.
        name: String,
        #[command(flatten)]
        output: Output,
    },
    /// Manage a user's sessions.
    Tokens {
        #[command(subcommand)]
        command: TokensCommand,
    },
}

#[derive(Subcommand)]
enum TokensCommand {
    /// Revoke every access and refresh token of a user: their clients must log in again.
    /// Running servers stop accepting the tokens within `--token-cache-seconds` (SQLite;
    /// PostgreSQL at once).
    Revoke {
        /// `bob` or `@bob:<server name>`.
        name: String,
    },
}

#[derive(Subcommand)]
enum RoomCommand {
    /// List the rooms: ID, creator, members by membership, aliases.
    List {
        #[command(flatten)]
        output: Output,
    },
    /// Show a room (by ID or alias): its creator, aliases, state and members.
    Show {
        /// `!id:server` or `#alias:server`.
        room: String,
        #[command(flatten)]
        output: Output,
    },
    /// Remove a room alias from the directory (the room stays).
    DeleteAlias {
        /// `#alias:server`.
        alias: String,
    },
}

/// Where a password comes from: a prompt (on a terminal), a file, or standard input.
#[derive(clap::Args)]
struct PasswordSource {
    /// Read the password from the first line of standard input.
    #[arg(long, conflicts_with = "password_file")]
    password_stdin: bool,
    /// Read the password from the first line of this file.
    #[arg(long)]
    password_file: Option<PathBuf>,
}

#[derive(clap::Args)]
struct Output {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

impl Output {
    fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            Format::Table
        }
    }
}

fn main() -> ExitCode {
    let cli = parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut log_writer = None;
    let outcome = runtime.block_on(run(cli, &mut log_writer));
    // Requests still running after the drain log too: the runtime ends first, then the log
    // writer writes what is left.
    drop(runtime);
    drop(log_writer);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(admin::exit_code(&e))
        }
    }
}

/// The command line, or an exit: a bad value that came from an environment variable is
/// blamed on the variable, not on the flag the operator never typed.
fn parse() -> Cli {
    let error = match Cli::try_parse() {
        Ok(cli) => return cli,
        Err(error) => error,
    };
    if let Some(variable) = blamed_variable(&error) {
        let value = std::env::var(&variable).unwrap_or_default();
        eprintln!("error: the environment variable {variable}={value:?} is invalid:");
    }
    error.exit()
}

/// The environment variable an invalid value came from, if it came from one.
fn blamed_variable(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(
        error.kind(),
        ErrorKind::ValueValidation | ErrorKind::InvalidValue
    ) {
        return None;
    }
    let Some(ContextValue::String(arg)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let flag = arg.split_whitespace().next()?.trim_start_matches('-');
    let typed = std::env::args().any(|a| {
        a.strip_prefix("--")
            .is_some_and(|a| a == flag || a.starts_with(&format!("{flag}=")))
    });
    if typed {
        return None;
    }
    let mut commands = vec![<Cli as clap::CommandFactory>::command()];
    while let Some(command) = commands.pop() {
        for argument in command.get_arguments() {
            if argument.get_long() == Some(flag)
                && let Some(variable) = argument.get_env()
            {
                return Some(variable.to_string_lossy().into_owned());
            }
        }
        commands.extend(command.get_subcommands().cloned());
    }
    None
}

/// Runs the command; `serve` leaves its log writer in `log_writer`, for `main` to end last.
async fn run(cli: Cli, log_writer: &mut Option<server::logging::LogWriter>) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { serve } => {
            let config = Config::resolve(&cli.common, &serve)?;
            *log_writer = Some(
                server::logging::init(config.log_json)
                    .context("cannot start the thread that writes the log")?,
            );
            for (what, value) in config.summary() {
                tracing::info!("{what}: {value}");
            }
            let listen = config.listen;
            let metrics = config.metrics_listen;
            let homeserver = server::Homeserver::new(config).await?;
            let listener = server::serving::listen(listen)
                .with_context(|| format!("cannot listen on {listen}"))?;
            if homeserver.store.created() {
                tracing::info!("created a new database: {}", homeserver.store.database());
            }
            if let Some(address) = metrics {
                let handle = server::telemetry::recorder()?;
                let listener = server::serving::listen(address)
                    .with_context(|| format!("cannot listen on {address} for metrics"))?;
                tracing::info!(address = %listener.local_addr()?, "serving /metrics");
                tokio::spawn(server::telemetry::serve(
                    listener,
                    homeserver.clone(),
                    handle,
                ));
            }
            tracing::info!(address = %listener.local_addr()?, "serving");
            server::run(listener, homeserver, shutdown_signal()).await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::User { command } => {
            let config = Config::resolve(&cli.common, &ServeOverrides::default())?;
            user(command, &config).await
        }
        Command::Room { command } => {
            let config = Config::resolve(&cli.common, &ServeOverrides::default())?;
            room(command, &config).await
        }
    }
}

/// Opens the database for an admin command and says which it is (on standard error, so
/// that `--json` output stays clean).
async fn open(config: &Config, create: Create) -> anyhow::Result<Store> {
    let store = Store::open_with(config, create).await?;
    if store.created() {
        eprintln!("database: {} (new: created just now)", store.database());
    } else {
        eprintln!("database: {}", store.database());
    }
    Ok(store)
}

async fn user(command: UserCommand, config: &Config) -> anyhow::Result<()> {
    let server_name = &config.server_name;
    match command {
        UserCommand::Add {
            localpart,
            password,
        } => {
            let user = UserId::new_local(&localpart, server_name).map_err(|e| {
                AdminError::Refused(format!(
                    "cannot add {localpart:?}: {e}; give a name such as bob, or a full ID of \
                     this server such as @bob:{server_name}"
                ))
            })?;
            let store = open(config, Create::IfMissing).await?;
            let hash = password_hash(read_password(&password)?).await?;
            if !store.create_user(&user, &hash).await.map_err(|e| e.0)? {
                return Err(AdminError::Refused(format!("{user} already exists")).into());
            }
            println!("added {user}");
        }
        UserCommand::List {
            deactivated,
            output,
        } => {
            let store = open(config, Create::No).await?;
            print!(
                "{}",
                admin::list_users(&store, deactivated, output.format()).await?
            );
        }
        UserCommand::Passwd { name, password } => {
            let user = admin::local_user(&name, server_name)?;
            let store = open(config, Create::No).await?;
            // Before the prompt: no password typed for nobody.
            if store.user(&user).await.map_err(|e| e.0)?.is_none() {
                return Err(AdminError::NotFound(format!("there is no user {user}")).into());
            }
            let hash = password_hash(read_password(&password)?).await?;
            admin::set_password(&store, &user, &hash).await?;
            println!("changed the password of {user}");
        }
        UserCommand::Deactivate { name, output } => {
            let user = admin::local_user(&name, server_name)?;
            let store = open(config, Create::No).await?;
            let done = admin::deactivate(&store, &user).await?;
            match output.format() {
                Format::Json => println!("{}", serde_json::to_string_pretty(&done)?),
                Format::Table => {
                    println!(
                        "deactivated {user}: {} token(s) revoked, left {} room(s)",
                        done.tokens_revoked,
                        done.rooms_left.len()
                    );
                    for room in &done.rooms_left {
                        println!("  left {room}");
                    }
                    for (room, why) in &done.rooms_not_left {
                        println!("  stayed in {room}: {why}");
                    }
                }
            }
        }
        UserCommand::Tokens {
            command: TokensCommand::Revoke { name },
        } => {
            let user = admin::local_user(&name, server_name)?;
            let store = open(config, Create::No).await?;
            let revoked = admin::revoke_tokens(&store, &user).await?;
            println!(
                "revoked {revoked} token(s) of {user}; running servers refuse them within {} s",
                config.token_cache_seconds
            );
        }
    }
    Ok(())
}

async fn room(command: RoomCommand, config: &Config) -> anyhow::Result<()> {
    let store = open(config, Create::No).await?;
    match command {
        RoomCommand::List { output } => {
            print!("{}", admin::list_rooms(&store, output.format()).await?);
        }
        RoomCommand::Show { room, output } => {
            print!(
                "{}",
                admin::show_room(&store, &room, output.format()).await?
            );
        }
        RoomCommand::DeleteAlias { alias } => {
            admin::delete_alias(&store, &alias).await?;
            println!("deleted {alias}");
        }
    }
    Ok(())
}

async fn password_hash(password: String) -> anyhow::Result<String> {
    if password.is_empty() {
        return Err(AdminError::Refused("the password is empty".into()).into());
    }
    tokio::task::spawn_blocking(move || server::credentials::hash_password(&password)).await?
}

/// The password from `--password-file`, `--password-stdin` (or a standard input that is not
/// a terminal), or typed twice at a prompt.
fn read_password(source: &PasswordSource) -> anyhow::Result<String> {
    let line = match &source.password_file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None if source.password_stdin || !std::io::stdin().is_terminal() => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            line
        }
        None => {
            let first = prompt("Password: ")?;
            let again = prompt("Password (again): ")?;
            if first != again {
                return Err(AdminError::Refused(
                    "the passwords differ; nothing was changed".into(),
                )
                .into());
            }
            first
        }
    };
    Ok(line.lines().next().unwrap_or_default().to_string())
}

fn prompt(text: &str) -> anyhow::Result<String> {
    eprint!("{text}");
    std::io::stderr().flush().ok();
    rpassword::read_password().context("cannot read the password")
}

/// Completes on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
