//! The fan-out meter: `subscribers` SSE connections on `lounge`, then one action every
//! `interval-ms`: bay 2's lead pausing and resuming A01 (pitwall, the minimal server), or
//! with `--publish URL` a POST of `{"version": n, "ticket": "A01"}` to a publisher (nginx +
//! nchan). Each frame's arrival is timed from just before its action's POST, for every
//! subscriber; also reported: the slowest subscriber per action, gaps and duplicates against
//! the first subscriber's sequence, and the server's memory per idle subscriber (`--pid`,
//! one or more comma-separated, summed, from /proc).

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

use crate::{args::Args, stats::Summary};

mod target;
use target::Target;

/// What one subscriber received: the snapshot's id and each later frame's name and time.
#[derive(Default)]
struct Received {
    snapshot: Option<i64>,
    frames: Vec<(i64, Instant)>,
    /// Only pitwall's probe (subscriber 0) reads the data: event id → the job's version.
    versions: HashMap<i64, i64>,
}

/// How a subscriber reads its stream.
#[derive(Clone, Copy)]
enum Reading {
    /// pitwall and the minimal server: ready at the `snapshot` event, frames named by their
    /// integer `id:`; the probe (`Some(A01's id)`) maps those ids to A01's version.
    Ids { probe: Option<i64> },
    /// nginx + nchan: ready when the response headers arrive (nchan sends no snapshot),
    /// frames named by the version in their data (nchan's ids are `<time>:<tag>`).
    Versions,
}

pub async fn run(args: &Args) -> Result<(), String> {
    let base = args.text("base", "http://127.0.0.1:3000");
    let count: usize = args.get("subscribers", 1000)?;
    let actions: usize = args.get("actions", 30)?;
    let interval = Duration::from_millis(args.get("interval-ms", 1000)?);
    let pids = pids(&args.text("pid", ""))?;
    let publish = args.text("publish", "");

    let (mut target, reading) = if publish.is_empty() {
        let (target, job_id) = Target::bay(&base).await?;
        (
            target,
            Reading::Ids {
                probe: Some(job_id),
            },
        )
    } else {
        (Target::publisher(publish), Reading::Versions)
    };

    let rss_before = rss_kib(&pids);
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
        let reading = match reading {
            Reading::Ids { probe } => Reading::Ids {
                probe: probe.filter(|_| n == 0),
            },
            Reading::Versions => Reading::Versions,
        };
        tasks.push(tokio::spawn(subscribe(
            http.clone(),
            url,
            received.clone(),
            connected.clone(),
            reading,
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
    let rss_after = rss_kib(&pids);

    // The actions, each timed from just before its POST.
    let mut posted: HashMap<i64, Instant> = HashMap::new();
    let mut tick = tokio::time::interval(interval);
    for n in 0..actions {
        tick.tick().await;
        let request = target.request(n);
        let sent = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| format!("action {n}: {e}"))?;
        let version = target
            .answered(response)
            .await
            .map_err(|e| format!("action {n}: {e}"))?;
        posted.insert(version, sent);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for task in &tasks {
        task.abort();
    }

    report(
        &subscribers,
        &posted,
        reading,
        connect_secs,
        (rss_before, rss_after),
    );
    Ok(())
}

async fn subscribe(
    http: Client,
    url: String,
    received: Arc<Mutex<Received>>,
    connected: Arc<AtomicUsize>,
    reading: Reading,
) {
    let response = loop {
        // The header a browser's EventSource sends (nchan answers 403 without it).
        let request = http.get(&url).header("accept", "text/event-stream");
        match request.send().await {
            Ok(r) if r.status().is_success() => break r,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    if let Reading::Versions = reading {
        connected.fetch_add(1, Ordering::Relaxed);
    }
    let mut body = response.bytes_stream();
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    while let Some(Ok(chunk)) = body.next().await {
        let at = Instant::now();
        buf.extend_from_slice(&chunk);
        while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            let frame: Vec<u8> = buf.drain(..end + 2).collect();
            let text = String::from_utf8_lossy(&frame);
            let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name));
            let data = || -> Value {
                field("data: ")
                    .and_then(|d| serde_json::from_str(d).ok())
                    .unwrap_or_default()
            };
            let name = match reading {
                Reading::Ids { .. } => field("id: ").and_then(|v| v.parse::<i64>().ok()),
                Reading::Versions => data()["version"].as_i64(),
            };
            let Some(name) = name else {
                continue;
            };
            let mut r = received.lock().unwrap_or_else(|p| p.into_inner());
            if let Reading::Ids { probe } = reading {
                if field("event: ") == Some("snapshot") {
                    r.snapshot = Some(name);
                    connected.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                if let Some(job) = probe {
                    let data = data();
                    if data["id"] == job {
                        if let Some(v) = data["version"].as_i64() {
                            r.versions.insert(name, v);
                        }
                    }
                }
            }
            r.frames.push((name, at));
        }
    }
}

fn report(
    subscribers: &[Arc<Mutex<Received>>],
    posted: &HashMap<i64, Instant>,
    reading: Reading,
    connect_secs: f64,
    (rss_before, rss_after): (Option<u64>, Option<u64>),
) {
    let count = subscribers.len();
    let lock = |r: &Arc<Mutex<Received>>| {
        let g = r.lock().unwrap_or_else(|p| p.into_inner());
        (g.snapshot, g.frames.clone(), g.versions.clone())
    };
    let (_, probe_frames, versions) = lock(&subscribers[0]);
    // A frame's name → the version of A01 it carries (nchan's frames are named by it).
    let version_of = |id: &i64| match reading {
        Reading::Ids { .. } => versions.get(id).copied(),
        Reading::Versions => Some(*id),
    };
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
        // Every repeat counts, adjacent or not.
        let distinct: std::collections::HashSet<i64> = ids.iter().copied().collect();
        duplicates += ids.len() - distinct.len();
        gaps += expected.iter().filter(|id| !distinct.contains(id)).count();
        for (id, at) in frames {
            let Some(sent) = version_of(&id).and_then(|v| posted.get(&v)) else {
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

/// `--pid`: none, one, or several comma-separated (nginx's workers).
fn pids(list: &str) -> Result<Vec<u32>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "0")
        .map(|p| p.parse().map_err(|_| format!("--pid: not valid: {p:?}")))
        .collect()
}

/// The resident memory of processes `pids`, summed, from /proc; `None` without any.
fn rss_kib(pids: &[u32]) -> Option<u64> {
    if pids.is_empty() {
        return None;
    }
    pids.iter()
        .map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .sum()
}
