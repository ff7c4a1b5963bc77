//! Crash test: the real binary under 200 SSE subscribers and a steady stream of writes,
//! killed with SIGKILL at random moments and restarted. After every restart: every
//! acknowledged write is in the database, `PRAGMA integrity_check` is `ok`, and every
//! subscriber, resuming with its last id, catches up within 5 s; at the end each one has
//! seen every event of its channel exactly once, in order.
//!
//! Short in the test command (3 kills); `PITWALL_CRASH_KILLS=100` is the long mode
//! (BENCHMARKS.md).

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use rand::Rng;
use reqwest::{Client, StatusCode};
use serde_json::json;
use server::live::{project, ChannelKey};
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};

use crate::{helpers::new_client, sse::SseStream};

const SUBSCRIBERS: usize = 200;
const CATCH_UP: Duration = Duration::from_secs(5);

/// The server process, restarted on the same port and database file.
struct Server {
    child: Option<Child>,
    base: String,
    port: u16,
    db: PathBuf,
    site: PathBuf,
}

impl Server {
    fn start(&mut self) {
        let log = std::fs::File::create(self.db.with_extension("log")).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_pitwall"))
            .env("PITWALL_ADDR", format!("127.0.0.1:{}", self.port))
            .env("PITWALL_DB", &self.db)
            .env("PITWALL_SITE_ROOT", &self.site)
            .env("PITWALL_DEMO", "1")
            .env("PITWALL_SEED_DEMO", "1")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start pitwall");
        self.child = Some(child);
    }

    async fn wait_healthy(&self) {
        let client = Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let health = client
                .get(format!("{}/api/v1/health", self.base))
                .timeout(Duration::from_secs(1))
                .send()
                .await;
            if health.is_ok_and(|r| r.status() == StatusCode::OK) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("pitwall did not become healthy");
    }

    fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().expect("reap");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// What one subscriber saw: the snapshot it started from and every frame id after it.
#[derive(Default)]
struct Seen {
    snapshot_id: Option<i64>,
    ids: Vec<i64>,
    resyncs: usize,
}

/// Follows a channel for ever, reconnecting with its last id whenever the stream drops.
async fn subscribe(client: Client, url: String, seen: Arc<Mutex<Seen>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        let last = {
            let s = seen.lock().expect("seen");
            s.ids.last().copied().or(s.snapshot_id)
        };
        let mut request = client.get(&url).timeout(Duration::from_secs(3600));
        if let Some(id) = last {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let Ok(response) = request.send().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if response.status() != StatusCode::OK {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        }
        let mut stream = SseStream::from_response(response);
        while let Some(frame) = stream.try_frame_or_end(Duration::from_secs(30)).await {
            let mut s = seen.lock().expect("seen");
            if frame.event == "snapshot" {
                if s.snapshot_id.is_some() {
                    s.resyncs += 1;
                }
                s.snapshot_id = Some(frame.id);
                s.ids.clear();
            } else {
                s.ids.push(frame.id);
            }
        }
    }
}

/// Which events of the log each channel carries, read once and extended as the log
/// grows (a subscriber's expected sequence is a slice of its channel's list).
struct LogIndex {
    end: i64,
    carried: HashMap<ChannelKey, Vec<i64>>,
}

impl LogIndex {
    fn new(keys: impl IntoIterator<Item = ChannelKey>) -> LogIndex {
        LogIndex {
            end: 0,
            carried: keys.into_iter().map(|k| (k, Vec::new())).collect(),
        }
    }

    /// Reads the events after the last one read, up to `upto`.
    async fn extend(&mut self, pool: &SqlitePool, upto: i64) {
        while self.end < upto {
            let batch = server::store::events_after(pool, self.end, 1000)
                .await
                .expect("read the log");
            let Some(last) = batch.end else { return };
            for event in batch.events.iter().filter(|e| e.id <= upto) {
                for (key, ids) in self.carried.iter_mut() {
                    if project(key, event).is_some() {
                        ids.push(event.id);
                    }
                }
            }
            self.end = last.min(upto);
        }
    }

    /// Every id the channel carries after `after`, up to what has been read, in order.
    fn ids(&self, key: &ChannelKey, after: i64) -> Vec<i64> {
        self.carried[key]
            .iter()
            .copied()
            .filter(|id| *id > after)
            .collect()
    }
}

async fn open_pool(db: &Path) -> SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(db)
        .busy_timeout(Duration::from_secs(5));
    SqlitePool::connect_with(options).await.expect("open db")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_acknowledged_is_lost_when_the_server_is_killed() {
    let kills: usize = std::env::var("PITWALL_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let mut server = Server {
        child: None,
        base: format!("http://127.0.0.1:{port}"),
        port,
        db: dir.path().join("pitwall.db"),
        site: dir.path().join("site"),
    };
    server.start();
    server.wait_healthy().await;
    let pool = open_pool(&server.db).await;

    let advisor = new_client();
    let signed_in = advisor
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed_in.status(), StatusCode::OK);
    let jobs: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, tracking_token FROM jobs WHERE stage NOT IN ('delivered', 'cancelled') ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .expect("active jobs");
    assert!(jobs.len() >= 5, "the demo store has active jobs");

    // 200 subscribers over every channel; the desk's with the advisor's session.
    let stop = Arc::new(AtomicBool::new(false));
    let mut subscribers: Vec<(ChannelKey, Arc<Mutex<Seen>>)> = Vec::new();
    for n in 0..SUBSCRIBERS {
        let channel = match n % 5 {
            0 => "lounge".to_string(),
            1 => "bays".to_string(),
            2 => format!("bay/{}", 1 + n % 6),
            3 => "desk".to_string(),
            _ => format!("track/{}", jobs[n % jobs.len()].1),
        };
        let key = ChannelKey::parse(&channel).expect("a channel");
        let client = if channel == "desk" {
            advisor.clone()
        } else {
            Client::new()
        };
        let seen = Arc::new(Mutex::new(Seen::default()));
        let url = format!("{}/api/v1/events/{channel}", server.base);
        tokio::spawn(subscribe(client, url, seen.clone(), stop.clone()));
        subscribers.push((key, seen));
    }

    let ready = Instant::now();
    while subscribers
        .iter()
        .any(|(_, seen)| seen.lock().expect("seen").snapshot_id.is_none())
    {
        assert!(
            ready.elapsed() < Duration::from_secs(30),
            "subscribers did not connect"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A steady stream of writes: walk-around notes on the active jobs.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    // The writer has its own stop: subscribers keep following (and reconnecting) until
    // they have been compared, so one still reconnecting after the last restart is
    // waited for, not cut off.
    let writing_done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, base, ack, stop) = (
            advisor.clone(),
            server.base.clone(),
            acknowledged.clone(),
            writing_done.clone(),
        );
        let job_ids: Vec<i64> = jobs.iter().map(|(id, _)| *id).collect();
        tokio::spawn(async move {
            let mut n = 0usize;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let text = format!("crash-{n}");
                let job = job_ids[n % job_ids.len()];
                let sent = client
                    .post(format!("{base}/api/v1/jobs/{job}/notes"))
                    .json(&json!({ "text": text }))
                    .timeout(Duration::from_secs(5))
                    .send()
                    .await;
                if sent.is_ok_and(|r| r.status().is_success()) {
                    ack.lock().expect("ack").push(text);
                }
                tokio::time::sleep(Duration::from_millis(40)).await;
            }
        })
    };

    let mut log = LogIndex::new(subscribers.iter().map(|(key, _)| key.clone()));
    let mut slowest = Duration::ZERO;
    for round in 0..kills {
        let wait = rand::thread_rng().gen_range(300..1500);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill9();
        let committed = server::store::max_event_id(&mut pool.acquire().await.expect("conn"))
            .await
            .expect("max id");
        server.start();
        server.wait_healthy().await;
        let restarted = Instant::now();

        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .expect("integrity check");
        assert_eq!(check, "ok", "round {round}");
        assert_all_stored(&pool, &acknowledged).await;

        // Each subscriber must have everything committed before the crash within 5 s.
        log.extend(&pool, committed).await;
        for (key, seen) in &subscribers {
            let start = seen.lock().expect("seen").snapshot_id.unwrap_or(0);
            let target = log.ids(key, start).last().copied();
            let Some(target) = target else { continue };
            loop {
                let last = {
                    let s = seen.lock().expect("seen");
                    s.ids.last().copied().or(s.snapshot_id).unwrap_or(0)
                };
                if last >= target {
                    break;
                }
                assert!(
                    restarted.elapsed() < CATCH_UP,
                    "round {round}: a {key:?} subscriber is at {last}, not {target}, 5 s after restart"
                );
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
        slowest = slowest.max(restarted.elapsed());
    }

    // Quiesce: stop writing, then give every subscriber up to CATCH_UP to reach the end
    // of its channel's log (one may still be reconnecting after the last restart).
    writing_done.store(true, Ordering::Relaxed);
    writer.await.expect("writer");
    let end = server::store::max_event_id(&mut pool.acquire().await.expect("conn"))
        .await
        .expect("max id");
    log.extend(&pool, end).await;
    let quiet = Instant::now();
    while quiet.elapsed() < CATCH_UP
        && subscribers.iter().any(|(key, seen)| {
            let seen = seen.lock().expect("seen");
            let start = seen.snapshot_id.unwrap_or(0);
            seen.ids.last().copied().unwrap_or(start)
                < log.ids(key, start).last().copied().unwrap_or(start)
        })
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Then a moment more, for anything that should not be there (repeats, strays).
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    let (mut gaps, mut resyncs) = (0usize, 0usize);
    for (key, seen) in &subscribers {
        let seen = seen.lock().expect("seen");
        let start = seen.snapshot_id.expect("every subscriber got a snapshot");
        if log.ids(key, start) != seen.ids {
            gaps += 1;
        }
        resyncs += seen.resyncs;
    }
    assert_all_stored(&pool, &acknowledged).await;
    let acked = acknowledged.lock().expect("ack").len();
    println!(
        "crash test: {kills} kills, {SUBSCRIBERS} subscribers, {acked} writes acknowledged, \
         0 lost, {gaps} subscribers with gaps or repeats, {resyncs} resyncs, slowest catch-up {} ms",
        slowest.as_millis()
    );
    assert!(acked > 0, "no write was acknowledged");
    assert_eq!(gaps, 0, "subscribers saw a different sequence than the log");
    assert_eq!(resyncs, 0, "a resuming subscriber was sent a snapshot");
}

/// Every acknowledged note is in the job timeline. The acknowledgements are read first:
/// a note acknowledged after the query would otherwise look lost.
async fn assert_all_stored(pool: &SqlitePool, acknowledged: &Mutex<Vec<String>>) {
    let acked = acknowledged.lock().expect("ack").clone();
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT note FROM job_timeline WHERE note LIKE 'crash-%'")
            .fetch_all(pool)
            .await
            .expect("stored notes");
    let stored: std::collections::HashSet<String> = stored.into_iter().collect();
    let lost: Vec<&String> = acked.iter().filter(|t| !stored.contains(*t)).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
}
