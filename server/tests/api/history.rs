//! A job's history does not travel with every event (issue 14): events and answers carry
//! its first and latest steps and the count, `GET /api/v1/jobs/{id}` the whole of it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, Actor, TestApp};

async fn note(advisor: &Actor, job_id: i64, text: &str) -> Value {
    let response = advisor
        .post(
            &format!("/api/v1/jobs/{job_id}/notes"),
            json!({ "text": text }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn last_event(app: &TestApp, job_id: i64) -> String {
    let sql =
        format!("SELECT payload FROM events WHERE job_id = {job_id} ORDER BY id DESC LIMIT 1");
    sqlx::query_scalar(&sql).fetch_one(&app.pool).await.unwrap()
}

fn notes_of(timeline: &Value) -> Vec<String> {
    timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["note"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_old_jobs_events_are_no_bigger_than_a_young_ones_and_its_history_is_fetched_whole() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a01 = app.job_id("A01").await;
    let first_steps = app.timeline_count("A01").await;

    for i in 0..30 {
        note(&advisor, a01, &format!("note {i:03}")).await;
    }
    let young = last_event(&app, a01).await;
    let mut answer = Value::Null;
    for i in 30..90 {
        answer = note(&advisor, a01, &format!("note {i:03}")).await;
    }
    let old = last_event(&app, a01).await;
    assert!(
        old.len() <= young.len() + 16,
        "60 more notes grew the event from {} to {} bytes",
        young.len(),
        old.len()
    );

    // The event, like the answer, has the first steps and the latest, and the count.
    let total = app.timeline_count("A01").await;
    assert_eq!(total, first_steps + 90);
    for job in [serde_json::from_str::<Value>(&old).unwrap(), answer] {
        assert_eq!(job["timeline_total"], json!(total));
        let notes = notes_of(&job["timeline"]);
        assert_eq!(notes.len(), 20, "{notes:?}");
        assert_eq!(notes.last().unwrap(), "note 089");
        assert!(
            !notes.contains(&"note 050".to_string()),
            "a middle step travelled: {notes:?}"
        );
    }

    // The desk fetches the whole history on demand.
    let whole = advisor.get_json(&format!("/api/v1/jobs/{a01}")).await;
    let notes = notes_of(&whole["timeline"]);
    assert_eq!(notes.len() as i64, total);
    let written: Vec<String> = (0..90).map(|i| format!("note {i:03}")).collect();
    assert_eq!(notes[notes.len() - 90..], written[..]);
}
