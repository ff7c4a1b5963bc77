//! `pitwall backup <dest.db>` while the server takes writes: the copy is sound, holds
//! everything acknowledged before the backup began, serves when restored, and a backup
//! never overwrites a file.

use std::{
    path::Path,
    process::Command,
    sync::{
        atomic::{AtomicBool, AtomicI64, Ordering},
        Arc,
    },
};

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};

use crate::{
    checkins::walk_in,
    helpers::{new_client, spawn_app},
    store_failures::serve,
};

fn run_backup(db: &Path, dest: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pitwall"))
        .arg("backup")
        .arg(dest)
        .env("PITWALL_DB", db)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[tokio::test]
async fn an_online_backup_holds_every_acknowledged_change_and_restores() {
    let app = spawn_app().await;
    // Jobs created and acknowledged before the backup.
    let mut job_ids = Vec::new();
    for n in 0..3 {
        let mut body = walk_in(&format!("粤B9K{n}Q{n}"), &format!("1390000{n:04}"), 25_000);
        body["concerns"] = json!("刹车有异响");
        let response = new_client()
            .post(app.url("/api/v1/checkins"))
            .header("Idempotency-Key", format!("backup-{n}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        // Nothing else writes yet: the newest job is this one.
        job_ids.push(app.scalar("SELECT MAX(id) FROM jobs").await);
    }
    // A steady stream of acknowledged writes that goes on during the backup: one
    // queued job moved between bays 1 and 2.
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    // By id: a ticket like `A01` is only unique within its day.
    let job_id = job_ids[0];
    let acked = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (acked, stop) = (acked.clone(), stop.clone());
        let mut version: i64 = sqlx::query_scalar("SELECT version FROM jobs WHERE id = ?")
            .bind(job_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                // Moved between bays; a bay whose skills do not fit is refused (and
                // changes nothing), so the next one is tried.
                let action = json!({ "action": "assign", "bay_id": 1 + n % 6 });
                n += 1;
                let response = advisor.act(job_id, version, action).await;
                if response.status() == StatusCode::OK {
                    version += 1;
                    acked.store(version, Ordering::SeqCst);
                }
            }
            n
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while acked.load(Ordering::SeqCst) < 5 {
        assert!(
            std::time::Instant::now() < deadline && !writer.is_finished(),
            "the writer could not move the job"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let dest = app.db_path.with_file_name("backup.db");
    let acked_before = acked.load(Ordering::SeqCst);
    let db = app.db_path.clone();
    let (out, dest) = tokio::task::spawn_blocking(move || (run_backup(&db, &dest), dest))
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stop.store(true, Ordering::SeqCst);
    let writes = writer.await.unwrap();
    assert!(
        acked.load(Ordering::SeqCst) > acked_before,
        "writes went on during the backup ({writes} in all)"
    );

    let copy = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&dest))
        .await
        .unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    for id in &job_ids {
        let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE id = ?")
            .bind(id)
            .fetch_one(&copy)
            .await
            .unwrap();
        assert_eq!(found, 1, "job {id} is in the backup");
    }
    copy.close().await;

    // Restore: a server on the copy serves the job as acknowledged (or later).
    let restored = serve(server::Config {
        db_path: dest.clone(),
        ..Default::default()
    })
    .await;
    let client = new_client();
    let signed_in = client
        .post(format!("{restored}/api/v1/sessions"))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let job: serde_json::Value = client
        .get(format!("{restored}/api/v1/jobs/{job_id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(job["id"], json!(job_id));
    assert!(job["version"].as_i64().unwrap() >= acked_before, "{job}");

    // A second backup to the same file is refused and leaves it alone.
    let before = std::fs::metadata(&dest).unwrap().len();
    let again = run_backup(&app.db_path, &dest);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::metadata(&dest).unwrap().len(), before);
}
