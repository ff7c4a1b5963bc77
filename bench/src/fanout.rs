//! The fan-out meter: `subscribers` SSE connections on `lounge`, then one bay action every
//! `interval-ms` (team lead of bay 2 pausing and resuming A01). Each frame's arrival is
//! timed from just before its action's POST, for every subscriber; also reported: the
//! slowest subscriber per action, gaps and duplicates against the first subscriber's
//! sequence, and the server's memory per idle subscriber (`--pid`, from /proc).

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use futures::StreamExt;
use reqwest::Client;
use serde_json::Value;

use crate::{args::Args, client, stats::Summary};

/// What one subscriber received: the snapshot's id and each later frame's id and time.
#[derive(Default)]
struct Received {
    snapshot: Option<i64>,
    frames: Vec<(i64, Instant)>,
    /// Only the probe (subscriber 0) reads the data: event id → the job's version.
    versions: HashMap<i64, i64>,
}

pub async fn run(args: &Args) -> Result<(), String> {
    let base = args.text("base", "http://127.0.0.1:3000");
    let count: usize = args.get("subscribers", 1000)?;
    let actions: usize = args.get("actions", 30)?;
    let interval = Duration::from_millis(args.get("interval-ms", 1000)?);
    let pid: u32 = args.get("pid", 0)?;

    let (lead, job_id, mut version) = client::bay2_lead_with_a01(&base).await?;

    let rss_before = rss_kib(pid);
    let http = Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|e| e.to_string())?;
    let connected = Arc::new(AtomicUsize::new(0));
    let mut subscribers = Vec::with_capacity(count);
    let mut tasks = Vec::with_capacity(count);
    for n in 0..count {
        let received = Arc::new(Mutex::new(Received::default()));
        let url = format!("{base}/api/v1/events/lounge");
        tasks.push(tokio::spawn(subscribe(
            http.clone(),
            url,
            received.clone(),
            connected.clone(),
            (n == 0).then_some(job_id),
        )));
        subscribers.push(received);
    }
    let wait = Instant::now();
    while connected.load(Ordering::Relaxed) < count {
        if wait.elapsed() > Duration::from_secs(300) {
            return Err(format!(
                "only {} of {count} subscribers connected",
                connected.load(Ordering::Relaxed)
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let connect_secs = wait.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after = rss_kib(pid);

    // The actions, each timed from just before its POST.
    let mut posted: HashMap<i64, Instant> = HashMap::new();
    let mut tick = tokio::time::interval(interval);
    for n in 0..actions {
        tick.tick().await;
        let action = client::pause_or_resume(n, version);
        let sent = Instant::now();
        let response = lead
            .post(format!("{base}/api/v1/jobs/{job_id}/actions"))
            .json(&action)
            .send()
            .await
            .map_err(|e| format!("action {n}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("action {n}: {}", response.status()));
        }
        let body: Value = response.json().await.map_err(|e| e.to_string())?;
        version = body["version"]
            .as_i64()
            .ok_or("an action answer without a version")?;
        posted.insert(version, sent);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for task in &tasks {
        task.abort();
    }

    report(
        &subscribers,
        &posted,
        count,
        connect_secs,
        rss_before,
        rss_after,
    );
    Ok(())
}

async fn subscribe(
    http: Client,
    url: String,
    received: Arc<Mutex<Received>>,
    connected: Arc<AtomicUsize>,
    probe: Option<i64>,
) {
    let response = loop {
        match http.get(&url).send().await {
            Ok(r) if r.status().is_success() => break r,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    let mut body = response.bytes_stream();
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    while let Some(Ok(chunk)) = body.next().await {
        let at = Instant::now();
        buf.extend_from_slice(&chunk);
        while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            let frame: Vec<u8> = buf.drain(..end + 2).collect();
            let text = String::from_utf8_lossy(&frame);
            let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name));
            let Some(id) = field("id: ").and_then(|v| v.parse::<i64>().ok()) else {
                continue;
            };
            let mut r = received.lock().unwrap_or_else(|p| p.into_inner());
            if field("event: ") == Some("snapshot") {
                r.snapshot = Some(id);
                connected.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            r.frames.push((id, at));
            if let Some(job) = probe {
                let data: Value = field("data: ")
                    .and_then(|d| serde_json::from_str(d).ok())
                    .unwrap_or_default();
                if data["id"] == job {
                    if let Some(v) = data["version"].as_i64() {
                        r.versions.insert(id, v);
                    }
                }
            }
        }
    }
}

fn report(
    subscribers: &[Arc<Mutex<Received>>],
    posted: &HashMap<i64, Instant>,
    count: usize,
    connect_secs: f64,
    rss_before: Option<u64>,
    rss_after: Option<u64>,
) {
    let lock = |r: &Arc<Mutex<Received>>| {
        let g = r.lock().unwrap_or_else(|p| p.into_inner());
        (g.snapshot, g.frames.clone(), g.versions.clone())
    };
    let (_, probe_frames, versions) = lock(&subscribers[0]);
    // Only the frames after every subscriber's snapshot count.
    let start = subscribers
        .iter()
        .filter_map(|r| lock(r).0)
        .max()
        .unwrap_or(0);
    let expected: Vec<i64> = probe_frames
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| *id > start)
        .collect();
    let (mut each, mut gaps, mut duplicates) = (Vec::new(), 0usize, 0usize);
    let mut slowest: HashMap<i64, Duration> = HashMap::new();
    for r in subscribers {
        let (_, frames, _) = lock(r);
        let ids: Vec<i64> = frames
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| *id > start)
            .collect();
        let mut sorted = ids.clone();
        sorted.dedup();
        duplicates += ids.len() - sorted.len();
        gaps += expected.iter().filter(|id| !sorted.contains(id)).count();
        for (id, at) in frames {
            let Some(sent) = versions.get(&id).and_then(|v| posted.get(v)) else {
                continue;
            };
            let latency = at.saturating_duration_since(*sent);
            each.push(latency);
            let worst = slowest.entry(id).or_default();
            *worst = (*worst).max(latency);
        }
    }
    println!(
        "fanout: {count} subscribers connected in {connect_secs:.1} s, {} actions timed",
        slowest.len()
    );
    println!("  to each screen:   {}", Summary::of(each));
    println!(
        "  to the last one:  {}",
        Summary::of(slowest.into_values().collect())
    );
    println!("  gaps {gaps}, duplicates {duplicates}");
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        let per = after.saturating_sub(before) as f64 / count as f64;
        println!("  server RSS {before} KiB → {after} KiB: {per:.1} KiB per idle subscriber");
    }
}

/// The resident memory of process `pid`, from /proc.
fn rss_kib(pid: u32) -> Option<u64> {
    if pid == 0 {
        return None;
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
