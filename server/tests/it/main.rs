//! Integration tests on SQLite: the real server over real HTTP on an ephemeral loopback
//! port, with a temporary SQLite file. Tests named `sN_…` are docs/membership.md's example
//! N. `tests/it_postgres` runs the same files on PostgreSQL.

mod abuse;
mod admin_cli;
mod big_rooms;
mod concurrency;
mod fake_identity;
mod faults;
mod floods;
mod hardening;
mod harness;
mod inprocess;
mod invite;
mod join;
mod lifecycle;
mod moderation;
mod process;
mod serial_order;
mod server_process;
mod startup;
mod storage;
mod sydent;
mod third_party;

/// The engine these tests run on.
mod database {
    use std::path::Path;

    /// A fresh SQLite database in the test's own folder.
    pub async fn fresh_url(dir: &Path) -> String {
        format!("sqlite://{}", dir.join("homeserver.db").display())
    }
}
