//! `server`: run the homeserver, or manage its users.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use server::config::{Config, Overrides, ServeOverrides};
use server::ids::UserId;

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
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password is read from a prompt, a file, or standard input, never
    /// from the command line.
    Add {
        /// The new user's name: `bob`, or `@bob:<server name>` (only this server's). Lowercase
        /// a-z, 0-9 and `.`, `_`, `=`, `-`, `/`.
        localpart: String,
        /// Read the password from the first line of standard input.
        #[arg(long, conflicts_with = "password_file")]
        password_stdin: bool,
        /// Read the password from the first line of this file.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { serve } => {
            let config = Config::resolve(&cli.common, &serve)?;
            server::logging::init(config.log_json);
            let listen = config.listen;
            let name = config.server_name.clone();
            let homeserver = server::Homeserver::new(config).await?;
            let listener = server::serving::listen(listen)
                .with_context(|| format!("cannot listen on {listen}"))?;
            tracing::info!(address = %listener.local_addr()?, server_name = %name, "serving");
            server::run(listener, homeserver, shutdown_signal()).await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    localpart,
                    password_stdin,
                    password_file,
                },
        } => {
            let config = Config::resolve(&cli.common, &ServeOverrides::default())?;
            let user = UserId::new_local(&localpart, &config.server_name)
                .with_context(|| format!("cannot add {localpart:?}"))?;
            let password = read_password(password_stdin, password_file)?;
            if password.is_empty() {
                bail!("the password is empty");
            }
            let hash =
                tokio::task::spawn_blocking(move || server::credentials::hash_password(&password))
                    .await??;
            let store = server::storage::Store::open(&config).await?;
            if !store.create_user(&user, &hash).await.map_err(|e| e.0)? {
                bail!("{user} already exists");
            }
            println!("added {user}");
            Ok(())
        }
    }
}

fn read_password(stdin: bool, file: Option<PathBuf>) -> anyhow::Result<String> {
    let line = match file {
        Some(path) => std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None if stdin || !std::io::stdin().is_terminal() => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            line
        }
        None => {
            eprint!("Password: ");
            std::io::stderr().flush().ok();
            rpassword::read_password().context("cannot read the password")?
        }
    };
    Ok(line.lines().next().unwrap_or_default().to_string())
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
