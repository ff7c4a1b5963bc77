//! A stored word or count pitwall never wrote (an unknown status, action or role, a
//! negative number) is a logged `500`, never read as a default: the job is not shown
//! with 0 minutes or a made-up status, and the rest of the store keeps working.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{expect_error, spawn_app, TestApp};

/// Runs `sql` on one connection with CHECK constraints off (the schema itself refuses
/// most corrupt values; a damaged file or a hand edit does not ask it).
async fn corrupt(app: &TestApp, sql: &str, job_id: i64) {
    let mut conn = app.pool.acquire().await.unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut *conn)
        .await
        .unwrap();
    let done = sqlx::query(sql)
        .bind(job_id)
        .execute(&mut *conn)
        .await
        .unwrap();
    assert!(done.rows_affected() > 0, "{sql} changed nothing");
    sqlx::query("PRAGMA ignore_check_constraints = OFF")
        .execute(&mut *conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_corrupt_stored_value_is_an_error_not_a_default() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let (job, other) = (app.job_id("A01").await, app.job_id("A02").await);
    let path = format!("/api/v1/jobs/{job}");
    let before = advisor.get(&path).await;
    assert_eq!(before.status(), StatusCode::OK);
    let before: Value = before.json().await.unwrap();
    assert!(before["items"][0]["labor_minutes"].as_u64().unwrap() > 0);

    let cases = [
        (
            "UPDATE job_items SET labor_minutes = -5 WHERE id = (SELECT MIN(id) FROM job_items WHERE job_id = ?)",
            "UPDATE job_items SET labor_minutes = 30 WHERE labor_minutes = -5 AND job_id = ?",
        ),
        (
            "UPDATE job_items SET status = 'finished' WHERE id = (SELECT MIN(id) FROM job_items WHERE job_id = ?)",
            "UPDATE job_items SET status = 'todo' WHERE status = 'finished' AND job_id = ?",
        ),
        (
            "UPDATE job_timeline SET action = 'teleport' WHERE id = (SELECT MIN(id) FROM job_timeline WHERE job_id = ?)",
            "UPDATE job_timeline SET action = 'check_in' WHERE action = 'teleport' AND job_id = ?",
        ),
        (
            "UPDATE job_timeline SET actor_role = 'intern' WHERE id = (SELECT MIN(id) FROM job_timeline WHERE job_id = ?)",
            "UPDATE job_timeline SET actor_role = 'advisor' WHERE actor_role = 'intern' AND job_id = ?",
        ),
    ];
    for (damage, repair) in cases {
        corrupt(&app, damage, job).await;
        let broken = advisor.get(&path).await;
        expect_error(broken, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
        // Another job still reads; the corrupt one is not served with a default.
        let fine = advisor.get(&format!("/api/v1/jobs/{other}")).await;
        assert_eq!(fine.status(), StatusCode::OK, "{damage}");
        corrupt(&app, repair, job).await;
        assert_eq!(
            advisor.get(&path).await.status(),
            StatusCode::OK,
            "{repair}"
        );
    }
}
