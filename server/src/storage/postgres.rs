//! The PostgreSQL engine: a connection pool shared by every request of this process, and by
//! as many processes as point at the same database.
//!
//! Nothing here holds state across requests: a room's changes are serialised by a row lock
//! taken inside each membership transaction (see `rooms.rs`), so any number of processes
//! may write. Durability is the database server's own (`synchronous_commit`, on by default:
//! a commit survives power loss), whatever the `durability` setting says.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::redact_password;

pub struct Postgres {
    pub pool: PgPool,
}

impl Postgres {
    /// Connects to the database at `url` with up to `connections` connections and migrates
    /// it. sqlx's migrator takes an advisory lock, so processes starting together migrate once.
    pub async fn open(url: &str, connections: u32) -> anyhow::Result<Postgres> {
        let shown = redact_password(url);
        let options = PgConnectOptions::from_str(url)
            .with_context(|| format!("invalid database URL `{shown}`"))?
            .application_name("matrix-membership-homeserver");
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to {shown}"))?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .context("cannot migrate the database")?;
        Ok(Postgres { pool })
    }
}
