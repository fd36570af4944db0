//! `clio bench-serve`: a bounded load test of a running `clio serve` on
//! loopback. Every client is a thread that connects and sends its request
//! when all are ready, so the requests really are in flight at once; the
//! latency of each is from connecting to the last byte of the answer.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Sends one GET; returns the status and body.
fn get(at: SocketAddr, path: &str) -> Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect_timeout(&at, Duration::from_secs(10))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {at}\r\nConnection: close\r\n\r\n")?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer)?;
    let status = answer
        .split(|&b| b == b' ')
        .nth(1)
        .and_then(|c| std::str::from_utf8(c).ok()?.parse().ok())
        .context("no HTTP status in the answer")?;
    let body = answer.windows(4).position(|w| w == b"\r\n\r\n").map_or(Vec::new(), |i| answer[i + 4..].to_vec());
    Ok((status, body))
}

/// Runs `requests` GETs of `view` (`{id}` taken from the store's article
/// ids, spread evenly), `concurrency` at once, and prints the latencies.
pub fn bench_serve(at: SocketAddr, view: &str, requests: usize, concurrency: usize) -> Result<()> {
    if requests == 0 || concurrency == 0 {
        bail!("--requests and --concurrency are at least 1");
    }
    let (status, body) = get(at, "/api/articles?per_page=500")
        .with_context(|| format!("asking http://{at}/ for articles (is `clio serve` running there?)"))?;
    if status != 200 {
        bail!("http://{at}/api/articles answered {status}");
    }
    let listing: Value = serde_json::from_slice(&body)?;
    let ids: Vec<String> = listing["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str().map(str::to_string))
        .collect();
    if ids.is_empty() && view.contains("{id}") {
        bail!("the store has no articles");
    }
    let paths: Vec<String> = (0..requests).map(|i| view.replace("{id}", &ids[(i * 7919) % ids.len().max(1)])).collect();
    get(at, &paths[0])?; // warm: the corpus is parsed once per corpus step
    let mut latencies = Vec::with_capacity(requests);
    let mut failed = 0;
    let start = Instant::now();
    for wave in paths.chunks(concurrency) {
        let gate = Arc::new(Barrier::new(wave.len()));
        let clients: Vec<_> = wave
            .iter()
            .cloned()
            .map(|path| {
                let gate = gate.clone();
                std::thread::spawn(move || {
                    gate.wait();
                    let t = Instant::now();
                    let ok = matches!(get(at, &path), Ok((200, _)));
                    (ok, t.elapsed())
                })
            })
            .collect();
        for c in clients {
            match c.join() {
                Ok((true, took)) => latencies.push(took),
                _ => failed += 1,
            }
        }
    }
    let wall = start.elapsed();
    latencies.sort();
    let q = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)));
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    say!(
        "clio: {} requests of {view}, {concurrency} at once: {} ok, {failed} failed in {:.2} s",
        requests,
        latencies.len(),
        wall.as_secs_f64()
    );
    say!(
        "  latency ms: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        ms(q(0.5)),
        ms(q(0.9)),
        ms(q(0.99)),
        ms(latencies.last())
    );
    Ok(())
}
