//! Abuse over real sockets: requests that trickle in, bodies far over the cap, IDs of
//! 64 KiB, a thousand connections at once. The server answers each with a Matrix error or
//! closes it, keeps answering everyone else, and writes nothing for a refused request.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{BASE, Fixture, TestServer, encode};

/// A server whose clients have one second to send a request.
async fn impatient() -> Fixture {
    Fixture::with(TestServer::start_with(|config| config.read_timeout_seconds = 1.0).await).await
}

fn addr(f: &Fixture) -> String {
    f.hs.url.trim_start_matches("http://").to_string()
}

/// Reads what the server sends until it closes the connection or 10 s pass; returns the
/// status (if an answer came), the body, and how long the server took.
async fn answer(stream: &mut TcpStream, started: Instant) -> (Option<u16>, String, Duration) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => {
                received.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&received);
                // One whole answer (this test's answers all carry a content-length).
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let length = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length: ")
                                .map(str::to_string)
                        })
                        .and_then(|n| n.trim().parse::<usize>().ok());
                    if length.is_some_and(|n| body.len() >= n) {
                        break;
                    }
                }
            }
            Err(_) => panic!("the server neither answered nor closed within 10 s"),
        }
    }
    let text = String::from_utf8_lossy(&received).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok());
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body, started.elapsed())
}

fn join_head(f: &Fixture, room: &str, token: &str, length: usize) -> String {
    format!(
        "POST {BASE}/rooms/{}/join HTTP/1.1\r\nhost: {}\r\nauthorization: Bearer {token}\r\n\
         content-type: application/json\r\ncontent-length: {length}\r\n\r\n",
        encode(room),
        addr(f)
    )
}

#[tokio::test]
async fn slow_headers_are_cut_off() {
    let f = impatient().await;
    let mut stream = TcpStream::connect(addr(&f)).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(format!("POST {BASE}/rooms/x/join HTTP/1.1\r\nhost: a\r\n").as_bytes())
        .await
        .unwrap();
    // ... and the rest of the headers never comes.
    let (_, _, took) = answer(&mut stream, started).await;
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "closed after {took:?}"
    );
}

#[tokio::test]
async fn a_trickled_body_is_answered_408_and_writes_nothing() {
    let f = impatient().await;
    let before = f.hs.events(&f.public).await;
    let body = br#"{"comment": "sent a byte at a time"}"#;
    let mut stream = TcpStream::connect(addr(&f)).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(join_head(&f, &f.public, &f.bob, body.len()).as_bytes())
        .await
        .unwrap();
    // A byte every 100 ms: never idle for long, but the whole body would take 3.6 s.
    let writer = tokio::spawn(async move {
        for byte in body {
            if stream.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        stream
    });
    let mut stream = writer.await.unwrap();
    let (status, text, took) = answer(&mut stream, started).await;
    assert_eq!(status, Some(408), "{text}");
    assert!(text.contains("\"errcode\""), "{text}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(f.hs.membership(&f.public, "@bob:hs.test").await, None);
    assert_eq!(f.hs.events(&f.public).await, before);
}

#[tokio::test]
async fn ten_megabyte_bodies_are_refused_and_write_nothing() {
    let f = Fixture::new().await;
    let before = f.hs.events(&f.public).await;
    let huge = vec![b' '; 10 * 1024 * 1024];
    let mut stream = TcpStream::connect(addr(&f)).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(join_head(&f, &f.public, &f.bob, huge.len()).as_bytes())
        .await
        .unwrap();
    // The server may stop reading (and close) before all of it is sent.
    let _ = stream.write_all(&huge).await;
    let (status, text, _) = answer(&mut stream, started).await;
    assert_eq!(status, Some(413), "{text}");
    assert!(text.contains("M_TOO_LARGE"), "{text}");
    assert_eq!(f.hs.events(&f.public).await, before);
    // The same through an ordinary HTTP client.
    let answer =
        f.hs.post_raw(
            &format!("{BASE}/rooms/{}/join", encode(&f.public)),
            Some(&f.bob),
            &" ".repeat(1024 * 1024),
        )
        .await;
    answer.assert_error(413, "M_TOO_LARGE");
    assert_eq!(f.hs.events(&f.public).await, before);
}

/// Sends a join for `room` over a raw connection (ordinary clients refuse to build URIs
/// this long); the status and body.
async fn raw_join(f: &Fixture, room: &str) -> (Option<u16>, String) {
    let mut stream = TcpStream::connect(addr(f)).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(join_head(f, room, &f.bob, 2).as_bytes())
        .await
        .unwrap();
    stream.write_all(b"{}").await.unwrap();
    let (status, body, _) = answer(&mut stream, started).await;
    (status, body)
}

#[tokio::test]
async fn identifiers_of_64_kib_are_refused() {
    let f = Fixture::new().await;
    let before = f.hs.events(&f.public).await;
    // Up to hyper's URI limit (65,534 bytes) the router answers, as JSON.
    let (status, body) = raw_join(&f, &format!("!{}:hs.test", "a".repeat(60 * 1024))).await;
    assert_eq!(status, Some(400));
    assert!(
        body.contains("\"errcode\""),
        "{}",
        &body[..body.len().min(200)]
    );
    // Beyond it hyper itself answers 414, with no body: the request never reaches us.
    let (status, _) = raw_join(&f, &format!("!{}:hs.test", "a".repeat(64 * 1024))).await;
    assert_eq!(status, Some(414));
    // In a body: a 64 KiB ID makes the body too large; a 60 KiB one is no valid ID.
    for (size, status, errcode) in [(64, 413, "M_TOO_LARGE"), (60, 400, "M_BAD_JSON")] {
        let user = format!("@{}:hs.test", "b".repeat(size * 1024));
        let answer = f.hs.invite(&f.alice, &f.public, &user).await;
        answer.assert_error(status, errcode);
    }
    assert_eq!(f.hs.events(&f.public).await, before);
    f.hs.get("/health", None).await.assert_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_connections_at_once_leave_the_server_answering() {
    const CONNECTIONS: usize = 1_000;
    let f = Fixture::new().await;
    // A thousand idle connections, each having sent half a request.
    let mut idle = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        let mut stream = TcpStream::connect(addr(&f)).await.unwrap();
        stream
            .write_all(format!("POST {BASE}/rooms/x/join HTTP/1.1\r\n").as_bytes())
            .await
            .unwrap();
        idle.push(stream);
    }
    // Everyone else is still served, promptly.
    let started = Instant::now();
    f.hs.get("/health", None).await.assert_ok();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );

    // A thousand requests at once, each on its own connection: all answered.
    let head = join_head(&f, &f.public, &f.carol, 2);
    let mut tasks = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        let (address, head) = (addr(&f), head.clone());
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(address).await.unwrap();
            stream.write_all(head.as_bytes()).await.unwrap();
            stream.write_all(b"{}").await.unwrap();
            answer(&mut stream, Instant::now()).await.0
        }));
    }
    let mut statuses = std::collections::BTreeMap::<Option<u16>, usize>::new();
    for task in tasks {
        *statuses.entry(task.await.unwrap()).or_default() += 1;
    }
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        [(Some(200), CONNECTIONS)]
    );
    drop(idle);
    assert_eq!(
        f.hs.membership(&f.public, "@carol:hs.test")
            .await
            .as_deref(),
        Some("join")
    );
}
