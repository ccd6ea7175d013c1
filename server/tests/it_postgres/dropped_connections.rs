//! A PostgreSQL connection dropped under the server (a restart, a failover, an operator's
//! `pg_terminate_backend`) costs at most the requests that were using it: they fail with a
//! clean 500, the transaction they were in is gone whole, the pool replaces the connection
//! and every endpoint keeps working without a restart (docs/membership.md, "Faults").

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::json;

use crate::harness::{BASE, Fixture, encode};

/// Terminates every connection to `database_url`'s database except its own, `times` times,
/// `every` apart; how many it terminated in all.
fn terminate_connections(database_url: String, times: usize, every: Duration) -> usize {
    let mut admin = postgres::Client::connect(&database_url, postgres::NoTls).unwrap();
    let mut terminated = 0;
    for _ in 0..times {
        terminated += admin
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .unwrap()
            .len();
        std::thread::sleep(every);
    }
    terminated
}

/// How many events each room of the database at `database_url` holds.
fn events_per_room(database_url: &str) -> BTreeMap<String, i64> {
    let mut db = postgres::Client::connect(database_url, postgres::NoTls).unwrap();
    db.query("SELECT room_id, COUNT(*) FROM events GROUP BY room_id", &[])
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_killed_by_the_database_are_replaced_and_nothing_is_half_written() {
    let f = Fixture::new().await;
    let url = f.hs.server.config.database_url.clone();
    // createRoom writes several events in one transaction: a room is all there or absent.
    let body = json!({"preset": "private_chat", "name": "storm", "invite": ["@bob:hs.test"]});
    let reference = f.hs.create_room(&f.alice, body.clone()).await;
    let whole = {
        let url = url.clone();
        tokio::task::spawn_blocking(move || events_per_room(&url)[&reference])
            .await
            .unwrap()
    };

    // Rooms are created while the database kills the server's connections, idle ones and
    // ones in the middle of a transaction alike.
    let killer = {
        let url = url.clone();
        tokio::task::spawn_blocking(move || {
            terminate_connections(url, 40, Duration::from_millis(15))
        })
    };
    let (mut acknowledged, mut failed) = (Vec::new(), 0);
    while !killer.is_finished() && acknowledged.len() + failed < 2_000 {
        let answer =
            f.hs.post(&format!("{BASE}/createRoom"), Some(&f.alice), body.clone())
                .await;
        match answer.status.as_u16() {
            200 => acknowledged.push(answer.body["room_id"].as_str().unwrap().to_string()),
            _ => {
                answer.assert_error(500, "M_UNKNOWN");
                failed += 1;
            }
        }
    }
    let terminated = killer.await.unwrap();
    assert!(terminated > 0, "the test never dropped a connection");

    // Every acknowledged room is there whole; a failed one is there whole (its commit may
    // have landed before the connection died) or not at all; nothing is half-written.
    let mut rooms = tokio::task::spawn_blocking(move || events_per_room(&url))
        .await
        .unwrap();
    rooms.remove(&f.public);
    rooms.remove(&f.private);
    for room in &acknowledged {
        assert_eq!(rooms.get(room), Some(&whole), "acknowledged {room}");
    }
    let partial: Vec<_> = rooms.iter().filter(|(_, n)| **n != whole).collect();
    assert!(partial.is_empty(), "half-written rooms: {partial:?}");
    let stormed = rooms.values().filter(|n| **n == whole).count() - 1;
    assert!(
        acknowledged.len() <= stormed && stormed <= acknowledged.len() + failed,
        "{} acknowledged and {failed} failed creations left {stormed} rooms",
        acknowledged.len()
    );

    // No restart: every kind of request works again, and works on the first try.
    let room = encode(&f.public);
    let login = json!({"type": "m.login.password", "user": "carol", "password": "pw"});
    f.hs.post(&format!("{BASE}/login"), None, login)
        .await
        .assert_ok();
    f.hs.join(&f.carol, &f.public).await.assert_ok();
    f.hs.invite(&f.alice, &f.private, "@dave:hs.test")
        .await
        .assert_ok();
    f.hs.get(&format!("{BASE}/rooms/{room}/members"), Some(&f.carol))
        .await
        .assert_ok();
    f.hs.send(
        reqwest::Method::PUT,
        &format!("{BASE}/directory/room/{}", encode("#after:hs.test")),
        Some(&f.carol),
        Some(json!({"room_id": f.public}).to_string()),
    )
    .await
    .assert_ok();
}
