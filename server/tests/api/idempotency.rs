//! Retried taps (issue 13): `POST /jobs/{id}/additional-items` and `/jobs/{id}/notes`
//! with an `Idempotency-Key` act once; a repeat answers the first response.

use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

async fn keyed(actor: &Actor, path: &str, key: &str, body: &Value) -> Response {
    actor
        .client
        .post(actor.url(path))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .expect("POST")
}

async fn counts(app: &TestApp, job_id: i64) -> (i64, i64, i64) {
    let items = format!("SELECT COUNT(*) FROM job_items WHERE job_id = {job_id}");
    let timeline = format!("SELECT COUNT(*) FROM job_timeline WHERE job_id = {job_id}");
    (
        app.scalar(&items).await,
        app.scalar(&timeline).await,
        app.events_count().await,
    )
}

#[tokio::test]
async fn a_retried_additional_item_is_reported_once() {
    let app = spawn_app().await;
    let tech = app.lead(2).await;
    let a01 = app.job_id("A01").await;
    let path = format!("/api/v1/jobs/{a01}/additional-items");
    let body = json!({ "description": "更换雨刮片", "labor_minutes": 10, "parts": [], "safety_critical": false });
    let before = counts(&app, a01).await;

    let first = keyed(&tech, &path, "bay2-tap-1", &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let after_first = counts(&app, a01).await;
    assert_eq!(
        after_first,
        (before.0 + 1, before.1 + 1, before.2 + 1),
        "one item, one timeline entry, one event"
    );

    // The response was lost; the screen sends the same tap again.
    let again = keyed(&tech, &path, "bay2-tap-1", &body).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(counts(&app, a01).await, after_first);

    // The same key for a different item is refused, and changes nothing.
    let other = json!({ "description": "更换空调滤芯", "labor_minutes": 10, "parts": [], "safety_critical": false });
    let response = keyed(&tech, &path, "bay2-tap-1", &other).await;
    expect_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;
    assert_eq!(counts(&app, a01).await, after_first);

    // A new tap (a new key) is a new item.
    let response = keyed(&tech, &path, "bay2-tap-2", &other).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(counts(&app, a01).await.0, after_first.0 + 1);
}

#[tokio::test]
async fn a_retried_desk_note_is_added_once() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a01 = app.job_id("A01").await;
    let path = format!("/api/v1/jobs/{a01}/notes");
    let body = json!({ "text": "客户说左后门有划痕" });
    let before = counts(&app, a01).await;

    let first = keyed(&advisor, &path, "desk-note-1", &body).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    let after_first = counts(&app, a01).await;
    assert_eq!(after_first, (before.0, before.1 + 1, before.2 + 1));

    let again = keyed(&advisor, &path, "desk-note-1", &body).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(counts(&app, a01).await, after_first);

    // Another person with the same key is not answered with the advisor's result.
    let foreman = app.sign_in_staff("foreman", "pitwall").await;
    let response = keyed(&foreman, &path, "desk-note-1", &body).await;
    expect_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;
    assert_eq!(counts(&app, a01).await, after_first);

    // Without a key every tap adds a note (as before).
    let plain = advisor.post(&path, body.clone()).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(counts(&app, a01).await.1, after_first.1 + 1);
}
