//! Stopping and restarting: SIGTERM ends every stream and the real binary exits within
//! a second with screens connected (no SIGKILL fallback hides a hang); a database given
//! a new epoch (a restored backup) makes a resuming screen start from a snapshot.

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use reqwest::{Client, StatusCode};
use serde_json::json;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::sse::SseStream;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The real binary on a fresh port and the given database file, once healthy.
async fn start(db: &Path) -> (Child, String) {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitwall"))
        .env("PITWALL_ADDR", format!("127.0.0.1:{port}"))
        .env("PITWALL_DB", db)
        .env("PITWALL_SEED_DEMO", "1")
        .env("PITWALL_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start pitwall");
    let base = format!("http://127.0.0.1:{port}");
    let client = Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let health = client
            .get(format!("{base}/api/v1/health"))
            .timeout(Duration::from_secs(1))
            .send()
            .await;
        if health.is_ok_and(|r| r.status() == StatusCode::OK) {
            return (child, base);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("pitwall did not become healthy");
}

/// Sends SIGTERM and waits up to `within` for the process to exit. A process still
/// running then is killed only so the test does not leave it behind: the test fails.
fn terminate(mut child: Child, within: Duration) -> Duration {
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
    while sent.elapsed() < within {
        if let Some(exit) = child.try_wait().expect("wait") {
            assert!(exit.success(), "pitwall exited with {exit}");
            return sent.elapsed();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("pitwall was still running {within:?} after SIGTERM with streams open");
}

async fn open(base: &str, channel: &str, last_event_id: Option<i64>) -> SseStream {
    SseStream::open(
        &Client::new(),
        &format!("{base}/api/v1/events/{channel}"),
        last_event_id,
    )
    .await
}

#[tokio::test]
async fn sigterm_ends_the_streams_and_exits_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let (child, base) = start(&dir.path().join("pitwall.db")).await;
    let mut lounge = open(&base, "lounge", None).await;
    let mut bay = open(&base, "bay/1", None).await;
    lounge.snapshot().await;
    bay.snapshot().await;

    let took = terminate(child, Duration::from_secs(1));
    // Each stream ended cleanly rather than being cut mid-message.
    for stream in [&mut lounge, &mut bay] {
        while let Some(message) = stream.next_message(Duration::from_secs(1)).await {
            assert!(
                message.event.is_none(),
                "a frame after SIGTERM: {}",
                message.raw
            );
        }
    }
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn a_database_with_a_new_epoch_resyncs_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pitwall.db");
    let (child, base) = start(&db).await;
    let lead = Client::builder().cookie_store(true).build().unwrap();
    let signed_in = lead
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "bay_id": 1, "pin": "1111" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let mut lounge = open(&base, "lounge", None).await;
    let old = lounge.snapshot().await.id;
    assert!(old >> 32 >= 1, "the id {old} carries the epoch");
    assert!(old < 1 << 53, "the id {old} is exact in JavaScript");
    terminate(child, Duration::from_secs(1));

    // The file is restored from a backup: a new epoch, the log of the old one gone.
    let options = SqliteConnectOptions::new().filename(&db);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    server::store::new_epoch(&mut conn).await.unwrap();
    drop(conn);
    pool.close().await;

    let (child, base) = start(&db).await;
    // A sign-in on the restored store logs an event of the new epoch.
    let lead = Client::builder().cookie_store(true).build().unwrap();
    let signed_in = lead
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "bay_id": 1, "pin": "1111" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let mut resumed = open(&base, "lounge", Some(old)).await;
    let first = resumed.snapshot().await;
    assert_ne!(first.id >> 32, old >> 32, "a new epoch");
    assert!(first.json()["jobs"]
        .as_array()
        .is_some_and(|j| !j.is_empty()));
    let bay = open(&base, "bay/1", Some(old)).await.snapshot().await;
    assert_eq!(bay.id >> 32, first.id >> 32);
    terminate(child, Duration::from_secs(1));
}
