//! When the disk says no: a read-only or full store answers writes `503 unavailable`
//! with `Retry-After` and changes nothing, while pages, reads and streams keep working
//! and `/api/v1/health` says what is wrong. The stores live on small tmpfs mounts (the
//! tests run as root), so the failures are the kernel's, not simulated.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};

use crate::helpers::{expect_error, new_client};

/// A tmpfs mounted for one test; unmounted (lazily: the server may still hold files)
/// when dropped.
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    pub fn mount(dir: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(dir).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .expect("run mount");
        assert!(
            status.success(),
            "these tests mount a tmpfs and need root (CAP_SYS_ADMIN)"
        );
        Tmpfs(dir.to_path_buf())
    }

    /// Remounts; retried for a few seconds, because the kernel refuses `ro` (EBUSY) while
    /// any file on the mount is still open for writing, and a just-closed SQLite
    /// connection (or a child process another test is forking) can hold one a moment.
    fn remount(&self, mode: &str) {
        for _ in 0..50 {
            let status = Command::new("mount")
                .args(["-o", &format!("remount,{mode}")])
                .arg(&self.0)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run mount");
            if status.success() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let open: Vec<String> = std::fs::read_dir("/proc/self/fd")
            .map(|fds| {
                fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
                    .map(|p| p.display().to_string())
                    .filter(|p| p.starts_with(&*self.0.to_string_lossy()))
                    .collect()
            })
            .unwrap_or_default();
        panic!("remount {mode} refused for 5 s; this process holds {open:?}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Serves `config` in this process; returns the base URL once `/api/v1/health` answers
/// at all (a degraded store answers 503, and that is what some tests want to see).
pub async fn serve(config: server::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(server::serve(config, listener, std::future::pending()));
    let client = Client::new();
    for _ in 0..300 {
        if server.is_finished() {
            panic!("the server stopped: {:?}", server.await);
        }
        let health = client.get(format!("{base}/api/v1/health")).send().await;
        if health.is_ok() {
            return base;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not answer");
}

fn demo_config(db_path: PathBuf) -> server::Config {
    server::Config {
        db_path,
        keepalive: Duration::from_secs(1),
        seed_demo: true,
        ..Default::default()
    }
}

async fn health(base: &str) -> (StatusCode, Value) {
    let response = Client::new()
        .get(format!("{base}/api/v1/health"))
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn sign_in_advisor(base: &str) -> Client {
    let client = new_client();
    let response = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    client
}

/// The lounge still opens with a snapshot of the cars: the screens stay up.
async fn lounge_still_streams(base: &str) {
    let mut lounge = crate::sse::SseStream::open(
        &Client::new(),
        &format!("{base}/api/v1/events/lounge"),
        None,
    )
    .await;
    let snapshot = lounge.snapshot().await;
    assert!(snapshot.data.contains('·'), "the lounge shows its cars");
    let page = Client::new()
        .get(format!("{base}/lounge"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK, "the lounge page renders");
}

/// Asserts `503 unavailable` with a `Retry-After`.
async fn expect_unavailable(response: reqwest::Response) {
    let retry_after = response.headers().get("retry-after").cloned();
    expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "unavailable").await;
    let secs: u64 = retry_after
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(secs > 0);
}

#[tokio::test]
async fn a_read_only_store_refuses_writes_with_503_and_keeps_serving_reads() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(&dir.path().join("store"), "64m");
    let db = dir.path().join("store/pitwall.db");
    // A store that was in use: seeded elsewhere, checkpointed, and copied onto the mount
    // (so no connection of this process holds a file there when it turns read-only).
    let seeded = dir.path().join("seeded.db");
    let (pool, _writer) = server::store::open(&seeded).await.unwrap();
    server::store::seed::seed_demo_store_if_new(&pool, chrono::Utc::now())
        .await
        .unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    std::fs::copy(&seeded, &db).unwrap();
    // A reader of a WAL store needs its -wal and -shm files to exist; the server that
    // had it open would have left them (SQLite deletes them on a clean close).
    for suffix in ["-wal", "-shm"] {
        std::fs::File::create(format!("{}{suffix}", db.display())).unwrap();
    }
    disk.remount("ro");

    let base = serve(demo_config(db.clone())).await;

    let (status, body) = health(&base).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        body,
        json!({ "status": "degraded", "database": "read_only" })
    );
    // Signing in writes a session: refused as unavailable, not as a bug.
    let response = new_client()
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .unwrap();
    expect_unavailable(response).await;
    lounge_still_streams(&base).await;
}

/// (events, timeline entries, the job's version): what a change would have added to.
async fn counts(pool: &SqlitePool, job_id: i64) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM job_timeline), \
         (SELECT version FROM jobs WHERE id = ?)",
    )
    .bind(job_id)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_full_disk_refuses_writes_with_503_writes_nothing_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("store");
    let _disk = Tmpfs::mount(&mount, "32m");
    let db = mount.join("pitwall.db");
    let base = serve(demo_config(db.clone())).await;
    assert_eq!(health(&base).await.0, StatusCode::OK);
    let advisor = sign_in_advisor(&base).await;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db))
        .await
        .unwrap();
    let (job_id, version): (i64, i64) = sqlx::query_as(
        "SELECT id, version FROM jobs WHERE stage = 'checked_in' ORDER BY id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let before = counts(&pool, job_id).await;
    // An empty WAL, so the next commit needs new space; then nothing is left.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    let filler_path = mount.join("filler");
    let mut filler = std::fs::File::create(&filler_path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while filler.write_all(&chunk).is_ok() {}
    let _ = filler.write_all(&[0u8; 1]);

    let assign = json!({ "action": "assign", "bay_id": 1, "expected_version": version });
    let url = format!("{base}/api/v1/jobs/{job_id}/actions");
    let response = advisor.post(&url).json(&assign).send().await.unwrap();
    expect_unavailable(response).await;
    assert_eq!(
        counts(&pool, job_id).await,
        before,
        "nothing of the refused change was kept"
    );
    let (status, body) = health(&base).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body, json!({ "status": "degraded", "database": "full" }));
    let job = advisor
        .get(format!("{base}/api/v1/jobs/{job_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(job.status(), StatusCode::OK, "reads still work");
    lounge_still_streams(&base).await;

    // Space again: the same change goes through, once, and the file is sound.
    drop(filler);
    std::fs::remove_file(&filler_path).unwrap();
    assert_eq!(
        health(&base).await,
        (StatusCode::OK, json!({ "status": "ok", "database": "ok" }))
    );
    let response = advisor.post(&url).json(&assign).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let after = counts(&pool, job_id).await;
    assert_eq!(after.2, before.2 + 1);
    assert!(after.0 > before.0 && after.1 > before.1);
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
}

#[tokio::test]
async fn a_store_locked_by_another_writer_answers_503_not_500() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pitwall.db");
    let base = serve(demo_config(db.clone())).await;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db))
        .await
        .unwrap();
    let mut other = pool.acquire().await.unwrap();
    // Another process holds the write lock past the server's 5 s busy timeout.
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *other)
        .await
        .unwrap();
    let response = new_client()
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .unwrap();
    expect_unavailable(response).await;
    sqlx::query("ROLLBACK").execute(&mut *other).await.unwrap();
    sign_in_advisor(&base).await;
}
