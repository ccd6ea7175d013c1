//! The load generator: `concurrency` keep-alive HTTP/1.1 connections, each sending the next
//! request of a fixed list as soon as its previous answer is read (a closed loop), so the
//! count is exact and the run ends when the list does. Latency is measured per request,
//! from just before sending to the last byte of the answer.
//!
//! It runs on one thread (a current-thread runtime): hyper's client costs a few
//! microseconds per request, and the other core is left to the server under test. Its own
//! CPU use is measured and reported beside the results.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;

/// One request of a run.
#[derive(Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub token: Option<String>,
    pub body: Bytes,
}

impl Call {
    pub fn post(path: String, token: &str, body: &str) -> Call {
        Call {
            method: Method::POST,
            path,
            token: Some(token.to_string()),
            body: Bytes::copy_from_slice(body.as_bytes()),
        }
    }

    pub fn get(path: String, token: &str) -> Call {
        Call {
            method: Method::GET,
            path,
            token: Some(token.to_string()),
            body: Bytes::new(),
        }
    }

    fn request(&self, addr: SocketAddr) -> anyhow::Result<Request<Full<Bytes>>> {
        let mut request = Request::builder()
            .method(self.method.clone())
            .uri(&self.path)
            .header(HOST, addr.to_string())
            .header(CONTENT_TYPE, "application/json");
        if let Some(token) = &self.token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        Ok(request.body(Full::new(self.body.clone()))?)
    }
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub requests: usize,
    pub elapsed: Duration,
    /// Sorted ascending.
    pub latencies: Vec<Duration>,
    pub non_200: usize,
    /// The first answer that was not 200, to show what went wrong.
    pub first_failure: Option<String>,
    /// CPU seconds this process spent during the run.
    pub client_cpu: f64,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    /// The `q` quantile (0..=1) of latency, in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let index = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }
}

/// Sends every call in `calls` to `addr` over `concurrency` connections.
pub fn run(addr: SocketAddr, calls: Vec<Call>, concurrency: usize) -> anyhow::Result<Outcome> {
    run_across(&[addr], calls, concurrency)
}

/// As [`run`], with the connections spread evenly over `addrs` (several server processes
/// sharing one database).
pub fn run_across(
    addrs: &[SocketAddr],
    calls: Vec<Call>,
    concurrency: usize,
) -> anyhow::Result<Outcome> {
    run_until(addrs, calls, concurrency, Arc::new(AtomicBool::new(false)))
}

/// As [`run`], but each connection also stops (after its answer in flight) once `stop` is
/// set: for a background load that lasts as long as another one.
pub fn run_until(
    addrs: &[SocketAddr],
    calls: Vec<Call>,
    concurrency: usize,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let cpu_before = crate::proc::own_cpu_seconds();
    let outcome = runtime.block_on(drive(addrs, Arc::new(calls), concurrency.max(1), stop))?;
    Ok(Outcome {
        client_cpu: crate::proc::own_cpu_seconds() - cpu_before,
        ..outcome
    })
}

struct Sample {
    latency: Duration,
    failure: Option<String>,
}

async fn drive(
    addrs: &[SocketAddr],
    calls: Arc<Vec<Call>>,
    concurrency: usize,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Outcome> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for (_, &addr) in (0..concurrency).zip(addrs.iter().cycle()) {
        let (calls, next, stop) = (calls.clone(), next.clone(), stop.clone());
        workers.push(tokio::spawn(async move {
            worker(addr, &calls, &next, &stop).await
        }));
    }
    let mut samples = Vec::with_capacity(calls.len());
    for worker in workers {
        samples.extend(worker.await.context("a load worker panicked")??);
    }
    let elapsed = started.elapsed();
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    latencies.sort();
    let failures: Vec<&String> = samples.iter().filter_map(|s| s.failure.as_ref()).collect();
    Ok(Outcome {
        requests: samples.len(),
        elapsed,
        latencies,
        non_200: failures.len(),
        first_failure: failures.first().map(|f| f.to_string()),
        client_cpu: 0.0,
    })
}

async fn connect(
    addr: SocketAddr,
) -> anyhow::Result<hyper::client::conn::http1::SendRequest<Full<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .with_context(|| format!("cannot connect to {addr}"))?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

async fn worker(
    addr: SocketAddr,
    calls: &[Call],
    next: &AtomicUsize,
    stop: &AtomicBool,
) -> anyhow::Result<Vec<Sample>> {
    let mut sender = connect(addr).await?;
    let mut samples = Vec::new();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(samples);
        }
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(call) = calls.get(index) else {
            return Ok(samples);
        };
        let request = call.request(addr)?;
        let start = Instant::now();
        let answer = async {
            sender.ready().await?;
            let response = sender.send_request(request).await?;
            let status = response.status();
            let body = response.into_body().collect().await?;
            anyhow::Ok((status, body))
        }
        .await;
        let latency = start.elapsed();
        let failure = match answer {
            Ok((status, _)) if status == 200 => None,
            // Only a failure's body is looked at: a 200's is read to its end and dropped,
            // not copied into one piece (a large room's answer is tens of megabytes).
            Ok((status, body)) => Some(format!(
                "{status} for {}: {}",
                call.path,
                String::from_utf8_lossy(&body.to_bytes())
            )),
            Err(error) => {
                // The connection broke: count it and carry on with a new one.
                sender = connect(addr).await?;
                Some(format!("{} failed: {error}", call.path))
            }
        };
        samples.push(Sample { latency, failure });
    }
}

/// Sends one call and returns the answer's body (for set-up requests, not timed).
pub fn run_one(addr: SocketAddr, call: Call) -> anyhow::Result<Bytes> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut sender = connect(addr).await?;
        let response = sender.send_request(call.request(addr)?).await?;
        Ok(response.into_body().collect().await?.to_bytes())
    })
}
