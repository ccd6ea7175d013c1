//! Integration tests on PostgreSQL: the examples of `tests/it` (the same files), each on a
//! fresh database of a real PostgreSQL server, plus what only PostgreSQL offers: several
//! server processes sharing one database.

#[path = "../it/admin_cli.rs"]
mod admin_cli;
#[path = "../it/big_rooms.rs"]
mod big_rooms;
#[path = "../it/concurrency.rs"]
mod concurrency;
mod database_down;
mod dropped_connections;
#[path = "../it/fake_identity.rs"]
mod fake_identity;
#[path = "../it/floods.rs"]
mod floods;
#[path = "../it/hardening.rs"]
mod hardening;
#[path = "../it/harness.rs"]
mod harness;
#[path = "../it/inprocess.rs"]
mod inprocess;
#[path = "../it/invite.rs"]
mod invite;
#[path = "../it/join.rs"]
mod join;
#[path = "../it/lifecycle.rs"]
mod lifecycle;
#[path = "../it/moderation.rs"]
mod moderation;
mod multiprocess;
#[path = "../it/postgres_cluster.rs"]
mod postgres_cluster;
#[path = "../it/serial_order.rs"]
mod serial_order;
#[path = "../it/server_process.rs"]
mod server_process;
#[path = "../it/storage.rs"]
mod storage;
#[path = "../it/sydent.rs"]
mod sydent;
#[path = "../it/third_party.rs"]
mod third_party;

/// The engine these tests run on.
mod database {
    use std::path::Path;

    /// A fresh database on the test PostgreSQL server (`dir` is unused: the server keeps it).
    pub async fn fresh_url(_dir: &Path) -> String {
        crate::postgres_cluster::fresh_database().await
    }
}
