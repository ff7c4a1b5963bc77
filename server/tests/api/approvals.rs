//! Extra work (增项) decided by the customer on their page (with the job's tracking
//! token) or recorded by an advisor: the work joins the checklist and the ETA, a
//! safety-critical decline needs a signature, a second decision is a 409, and one
//! customer's token reaches no other job.

use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::checkins::signature;
use crate::helpers::{expect_error, spawn_app, TestApp};
use crate::sse::SseStream;

async fn token(app: &TestApp, ticket: &str) -> String {
    sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = ?")
        .bind(ticket)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A01's extra work from the seed: front brake pads, safety-critical, pending.
async fn pending_item(app: &TestApp, ticket: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id
         WHERE j.ticket = ? AND i.status = 'pending' ORDER BY i.id DESC LIMIT 1",
    )
    .bind(ticket)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// (version, items' statuses, decision columns) as stored.
async fn state(app: &TestApp, ticket: &str) -> (i64, String) {
    sqlx::query_as(
        "SELECT j.version, group_concat(i.status || ':' || COALESCE(i.decided_by, '-'), ',')
         FROM jobs j JOIN job_items i ON i.job_id = j.id WHERE j.ticket = ? GROUP BY j.id",
    )
    .bind(ticket)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn decide(app: &TestApp, item: i64, body: Value) -> reqwest::Response {
    Client::new()
        .post(app.url(&format!("/api/v1/additional-items/{item}/decision")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn item(job: &Value, id: i64) -> &Value {
    job["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == json!(id))
        .unwrap()
}

#[tokio::test]
async fn the_customer_approves_on_their_page_and_the_work_joins_the_job() {
    let app = spawn_app().await;
    let (a01, pads) = (app.job_id("A01").await, pending_item(&app, "A01").await);
    let token = token(&app, "A01").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let before: Value = advisor.get_json(&format!("/api/v1/jobs/{a01}")).await;
    assert_eq!(item(&before, pads)["status"], "pending");
    let mut track = app.stream(&format!("track/{token}")).await;
    let snapshot = track.snapshot().await.json();
    assert_eq!(snapshot["job"]["ticket"], "A01");
    let total_before = snapshot["job"]["total_fen"].as_i64().unwrap();
    let mut bay = app.stream("bay/2").await;
    bay.snapshot().await;

    let response = decide(
        &app,
        pads,
        json!({ "approve": true, "by": "customer", "tracking_token": token }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let seen: Value = response.json().await.unwrap();
    // The customer gets their own view: prices, no phone.
    assert!(seen.get("customer").is_none(), "{seen}");
    assert_eq!(item(&seen, pads)["status"], "approved");
    assert_eq!(item(&seen, pads)["decision"]["by"], "customer");
    let pads_price = item(&seen, pads)["labor_fen"].as_i64().unwrap()
        + item(&seen, pads)["parts_fen"].as_i64().unwrap();
    assert_eq!(
        seen["total_fen"].as_i64().unwrap(),
        total_before + pads_price
    );
    assert!(!seen["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("awaiting_approval")));

    // The customer's page and the bay hear of it; the work is on the checklist now.
    let frame = track.frame().await;
    assert_eq!(frame.event, "job");
    assert_eq!(item(&frame.json(), pads)["status"], "approved");
    let bay_frame = loop {
        let f = bay.frame().await;
        if f.event == "job" && f.json()["id"] == json!(a01) {
            break f.json();
        }
    };
    assert_eq!(item(&bay_frame, pads)["status"], "approved");
    // More work, so a later ETA; the timeline names the customer.
    let after: Value = advisor.get_json(&format!("/api/v1/jobs/{a01}")).await;
    assert!(
        after["eta"].as_str().unwrap() > before["eta"].as_str().unwrap(),
        "{after}"
    );
    let last = after["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "approve_additional_work");
    assert_eq!(last["actor_role"], "customer");

    // A second decision, from either side, is a conflict and changes nothing.
    let stored = state(&app, "A01").await;
    let again = decide(
        &app,
        pads,
        json!({ "approve": false, "by": "customer", "tracking_token": token, "signature": signature() }),
    )
    .await;
    let body = expect_error(again, StatusCode::CONFLICT, "already_decided").await;
    assert_eq!(item(&body["error"]["current"], pads)["status"], "approved");
    let desk_again = advisor
        .post(
            &format!("/api/v1/additional-items/{pads}/decision"),
            json!({ "approve": true, "by": "advisor" }),
        )
        .await;
    expect_error(desk_again, StatusCode::CONFLICT, "already_decided").await;
    assert_eq!(state(&app, "A01").await, stored);
}

#[tokio::test]
async fn an_advisor_records_the_decision_and_a_safety_decline_needs_a_signature() {
    let app = spawn_app().await;
    let (a01, pads) = (app.job_id("A01").await, pending_item(&app, "A01").await);
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let tech = app.sign_in_bay(2, "2220").await;
    let mut desk =
        SseStream::open(&advisor.client, &advisor.url("/api/v1/events/desk"), None).await;
    desk.snapshot().await;

    // Nobody signed in and no token: 401. A technician may not decide: 403.
    let stored = state(&app, "A01").await;
    let anonymous = decide(&app, pads, json!({ "approve": true, "by": "customer" })).await;
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let path = format!("/api/v1/additional-items/{pads}/decision");
    let by_tech = tech
        .post(&path, json!({ "approve": true, "by": "advisor" }))
        .await;
    expect_error(by_tech, StatusCode::FORBIDDEN, "forbidden").await;
    // Declining the safety-critical pads without the customer's signature is refused.
    let unsigned = advisor
        .post(&path, json!({ "approve": false, "by": "advisor" }))
        .await;
    let body = expect_error(
        unsigned,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_required",
    )
    .await;
    assert!(body["error"]["fields"]["signature"].is_string(), "{body}");
    // `by` is one of two words; any other is a body that does not match, like a bad bool.
    let bad_by = advisor
        .post(&path, json!({ "approve": true, "by": "someone" }))
        .await;
    let body = expect_error(bad_by, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("by")),
        "{body}"
    );
    let no_bool = advisor
        .post(&path, json!({ "approve": "yes", "by": "advisor" }))
        .await;
    expect_error(no_bool, StatusCode::BAD_REQUEST, "bad_request").await;
    assert_eq!(state(&app, "A01").await, stored);

    // The customer signs at the desk: declined, signed, kept on the job.
    let signed = advisor
        .post(
            &path,
            json!({ "approve": false, "by": "customer", "signature": signature() }),
        )
        .await;
    assert_eq!(signed.status(), StatusCode::OK);
    let job: Value = signed.json().await.unwrap();
    assert_eq!(item(&job, pads)["status"], "declined");
    assert_eq!(item(&job, pads)["decision"]["signed"], true);
    let frame = loop {
        let f = desk.frame().await;
        if f.event == "job" && f.json()["id"] == json!(a01) {
            break f.json();
        }
    };
    assert_eq!(item(&frame, pads)["status"], "declined");

    // A customer on the phone approves a wiper blade the technician found.
    let reported = tech
        .post(
            &format!("/api/v1/jobs/{a01}/additional-items"),
            json!({ "description": "更换雨刮片", "labor_minutes": 10, "parts": [], "safety_critical": false }),
        )
        .await;
    assert_eq!(reported.status(), StatusCode::CREATED);
    let wiper = reported.json::<Value>().await.unwrap()["item_id"]
        .as_i64()
        .unwrap();
    let phoned = advisor
        .post(
            &format!("/api/v1/additional-items/{wiper}/decision"),
            json!({ "approve": true, "by": "advisor" }),
        )
        .await;
    assert_eq!(phoned.status(), StatusCode::OK);
    let job: Value = phoned.json().await.unwrap();
    let decision = &item(&job, wiper)["decision"];
    assert_eq!(
        (decision["by"].clone(), decision["name"].clone()),
        (json!("advisor"), json!(advisor.name))
    );
    let last = job["timeline"].as_array().unwrap().last().unwrap().clone();
    assert!(
        last["note"].as_str().unwrap().contains("by phone"),
        "{last}"
    );
    // The approved wiper is on the bay's checklist and can be ticked.
    let tick = tech.check_item(a01, wiper, json!({ "done": true })).await;
    assert_eq!(tick.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_customers_token_reaches_no_other_job() {
    let app = spawn_app().await;
    let pads = pending_item(&app, "A01").await;
    let other = token(&app, "A02").await;
    let stored = state(&app, "A01").await;

    // A02's token on A01's extra work: not found, and nothing changes.
    let response = decide(
        &app,
        pads,
        json!({ "approve": true, "by": "customer", "tracking_token": other }),
    )
    .await;
    expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let guessed = decide(
        &app,
        pads,
        json!({ "approve": true, "by": "customer", "tracking_token": "notatoken" }),
    )
    .await;
    expect_error(guessed, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(state(&app, "A01").await, stored);

    // A02's page shows only A02, and hears nothing of A01.
    let mut track = app.stream(&format!("track/{other}")).await;
    let snapshot = track.snapshot().await.json();
    assert_eq!(snapshot["job"]["ticket"], "A02");
    let a01_token = token(&app, "A01").await;
    let ok = decide(
        &app,
        pads,
        json!({ "approve": true, "by": "customer", "tracking_token": a01_token }),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let frames = track.frames_until_quiet(Duration::from_millis(800)).await;
    assert!(
        frames.iter().all(|f| f.json()["ticket"] != json!("A01")),
        "{frames:?}"
    );
    // An unknown token has no stream at all.
    let unknown = Client::new()
        .get(app.url("/api/v1/events/track/notatoken"))
        .send()
        .await
        .unwrap();
    expect_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
}
