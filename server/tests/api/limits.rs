//! Input limits (issue 13): every free-text field has its length limit on the server,
//! odd Unicode is normalised or refused by one rule, deeply nested JSON is a 400 and a
//! body over 64 KiB a 413. Each refusal is checked for having written nothing.

use app::domain::text::{CONCERNS_MAX, DESCRIPTION_MAX, MODEL_MAX, NAME_MAX, NOTE_MAX, SOURCE_MAX};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::checkins::{checked_in, walk_in};
use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

/// What a refused request must not move: every job's version, the events, the timeline,
/// the items, the customers and cars, the desk requests.
async fn everything(app: &TestApp) -> Vec<i64> {
    let mut all = Vec::new();
    for sql in [
        "SELECT SUM(version) FROM jobs",
        "SELECT COUNT(*) FROM jobs",
        "SELECT COUNT(*) FROM events",
        "SELECT COUNT(*) FROM job_timeline",
        "SELECT COUNT(*) FROM job_items",
        "SELECT COUNT(*) FROM job_items WHERE not_done_note IS NOT NULL",
        "SELECT COUNT(*) FROM customers",
        "SELECT COUNT(*) FROM vehicles",
        "SELECT COUNT(*) FROM desk_requests",
    ] {
        all.push(app.scalar(sql).await);
    }
    all
}

/// Asserts a `422 invalid` naming `field`, and that nothing changed.
async fn refused(app: &TestApp, before: &[i64], response: reqwest::Response, field: &str) {
    let body = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert!(
        body["error"]["fields"][field].is_string(),
        "the error names `{field}`: {body}"
    );
    assert_eq!(everything(app).await, before, "{field}: nothing changed");
}

async fn anonymous_post(app: &TestApp, path: &str, body: &Value) -> reqwest::Response {
    Client::new()
        .post(app.url(path))
        .json(body)
        .send()
        .await
        .expect("POST")
}

async fn act(app: &TestApp, actor: &Actor, ticket: &str, action: Value) -> reqwest::Response {
    actor
        .act(app.job_id(ticket).await, app.version(ticket).await, action)
        .await
}

#[tokio::test]
async fn a_60000_character_pause_note_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let lead = app.lead(2).await;
    let before = everything(&app).await;
    let long = "x".repeat(60_000);
    let response = act(
        &app,
        &lead,
        "A01",
        json!({ "action": "pause", "reason": "other", "note": long }),
    )
    .await;
    refused(&app, &before, response, "note").await;

    // One over the limit is refused too; at the limit (in characters, not bytes) it is taken.
    let over = "停".repeat(NOTE_MAX + 1);
    let response = act(
        &app,
        &lead,
        "A01",
        json!({ "action": "pause", "reason": "other", "note": over }),
    )
    .await;
    refused(&app, &before, response, "note").await;
    let at = "停".repeat(NOTE_MAX);
    let job = app
        .act_ok(
            &lead,
            "A01",
            json!({ "action": "pause", "reason": "other", "note": at }),
        )
        .await;
    assert_eq!(job["stage"], "paused");
}

#[tokio::test]
async fn every_free_text_field_has_its_limit_on_the_server() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let lead = app.lead(2).await;
    let a01 = app.job_id("A01").await;
    let before = everything(&app).await;
    let over = |max: usize| "字".repeat(max + 1);

    // Staff: the desk's notes, the checklist note, an additional item's description.
    let cases: Vec<(&Actor, String, Value, &str)> = vec![
        (
            &advisor,
            format!("/api/v1/jobs/{a01}/notes"),
            json!({ "text": over(NOTE_MAX) }),
            "text",
        ),
        (
            &advisor,
            format!("/api/v1/jobs/{a01}/customer-told"),
            json!({ "note": over(NOTE_MAX) }),
            "note",
        ),
        (
            &lead,
            format!("/api/v1/jobs/{a01}/additional-items"),
            json!({ "description": over(DESCRIPTION_MAX), "labor_minutes": 10, "parts": [], "safety_critical": false }),
            "description",
        ),
    ];
    for (actor, path, body, field) in cases {
        let response = actor.post(&path, body).await;
        refused(&app, &before, response, field).await;
    }
    let item: i64 = sqlx::query_scalar("SELECT MIN(id) FROM job_items WHERE job_id = ?")
        .bind(a01)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = lead
        .check_item(a01, item, json!({ "done": false, "note": over(NOTE_MAX) }))
        .await;
    refused(&app, &before, response, "note").await;

    // The kiosk: a walk-in's name, model and concerns; a desk request's source.
    for (field, max) in [
        ("name", NAME_MAX),
        ("model", MODEL_MAX),
        ("concerns", CONCERNS_MAX),
    ] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body[field] = json!(over(max));
        let response = anonymous_post(&app, "/api/v1/checkins", &body).await;
        refused(&app, &before, response, field).await;
    }
    let response = anonymous_post(
        &app,
        "/api/v1/desk-requests",
        &json!({ "source": over(SOURCE_MAX) }),
    )
    .await;
    refused(&app, &before, response, "source").await;
}

#[tokio::test]
async fn bidi_controls_are_refused_in_every_text_field() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let lead = app.lead(2).await;
    let a01 = app.job_id("A01").await;
    let before = everything(&app).await;
    // "Customer approved ¥0" that a right-to-left override would display reversed.
    let lying = "客户已同意 \u{202E}0001¥\u{202C}";

    let response = advisor
        .post(
            &format!("/api/v1/jobs/{a01}/notes"),
            json!({ "text": lying }),
        )
        .await;
    refused(&app, &before, response, "text").await;
    let response = act(
        &app,
        &lead,
        "A01",
        json!({ "action": "pause", "reason": "other", "note": "\u{2067}等配件" }),
    )
    .await;
    refused(&app, &before, response, "note").await;
    let response = lead
        .post(
            &format!("/api/v1/jobs/{a01}/additional-items"),
            json!({ "description": lying, "labor_minutes": 10, "parts": [], "safety_critical": false }),
        )
        .await;
    refused(&app, &before, response, "description").await;
    for field in ["name", "model", "concerns"] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body[field] = json!(format!("陈\u{202B}先生"));
        let response = anonymous_post(&app, "/api/v1/checkins", &body).await;
        refused(&app, &before, response, field).await;
    }
    // Identifiers refuse them by their own rule (not a plate, not a phone).
    for field in ["plate", "phone"] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body[field] = json!(format!("{}\u{202E}", body[field].as_str().unwrap()));
        let response = anonymous_post(&app, "/api/v1/checkins", &body).await;
        refused(&app, &before, response, field).await;
    }
}

#[tokio::test]
async fn zero_width_is_removed_and_full_width_identifiers_are_folded() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;

    // A plate and phone typed on a full-width keyboard, with invisible characters pasted in.
    let mut body = walk_in(
        "\u{FEFF}粤Ｂ７Ｋ\u{200B}３Ｍ９",
        "１３９\u{3000}１２３４\u{200D}５６７８",
        4_980,
    );
    body["name"] = json!("陈\u{200B}先生");
    let receipt = checked_in(&app, None, &body).await;
    let job_id = receipt["job_id"].as_i64().unwrap();
    let (plate, phone, name): (String, String, String) = sqlx::query_as(
        "SELECT v.plate, c.phone, c.name FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id
         JOIN customers c ON c.id = v.customer_id WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (plate.as_str(), phone.as_str(), name.as_str()),
        ("粤B7K3M9", "13912345678", "陈先生")
    );

    // A desk note keeps its words, full-width punctuation included, minus the invisible.
    let job = advisor
        .post(
            &format!("/api/v1/jobs/{job_id}/notes"),
            json!({ "text": "左前轮\u{200B}胎纹偏浅，建议更换！" }),
        )
        .await;
    assert_eq!(job.status(), StatusCode::OK);
    let job: Value = job.json().await.unwrap();
    let last = job["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["note"], "左前轮胎纹偏浅，建议更换！");

    // A note of nothing but invisible characters is a blank note: refused.
    let response = advisor
        .post(
            &format!("/api/v1/jobs/{job_id}/notes"),
            json!({ "text": "\u{200B}\u{FEFF}" }),
        )
        .await;
    expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
}

#[tokio::test]
async fn deeply_nested_json_is_a_400_and_a_body_over_64_kib_is_a_413() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a01 = app.job_id("A01").await;
    let before = everything(&app).await;
    let client = Client::new();
    let send = |path: String, body: String, client: &Client| {
        client
            .post(app.url(&path))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };

    // 10,000 and 60,000 open brackets (under the size limit): serde_json stops at its
    // recursion limit, so the answer is a quick 400, not a crash or a stack overflow.
    for depth in [10_000, 60_000] {
        let nested = "[".repeat(depth);
        let response = send("/api/v1/checkins".into(), nested.clone(), &client)
            .await
            .unwrap();
        expect_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
        let nested_object = format!("{{\"text\": {}", "{\"a\":".repeat(depth / 6));
        let response = advisor
            .client
            .post(advisor.url(&format!("/api/v1/jobs/{a01}/notes")))
            .header("content-type", "application/json")
            .body(nested_object)
            .send()
            .await
            .unwrap();
        expect_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
    }

    // Just over 64 KiB of otherwise valid JSON: 413.
    let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
    body["concerns"] = json!("x".repeat(64 * 1024));
    let response = send("/api/v1/checkins".into(), body.to_string(), &client)
        .await
        .unwrap();
    expect_error(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert_eq!(everything(&app).await, before);

    // The server is still up and answering.
    let health = client.get(app.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}
